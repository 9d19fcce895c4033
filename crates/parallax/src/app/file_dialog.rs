//! A native file dialog (`rfd`) behind a "Browse…" button, next to a path field: the dialog
//! blocks while it is open, so it runs on its own thread and the field's owner polls for the
//! answer once per frame. When the system has no dialog service (no desktop portal, no zenity),
//! `rfd` returns at once with nothing; the picker then says so and the typed path stays the way
//! to choose a file.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// A dialog that comes back with nothing faster than this was never shown. (A person cannot
/// cancel a dialog this fast.)
const NO_SERVICE_WITHIN: Duration = Duration::from_millis(400);

/// What the dialog is for.
#[derive(Debug, Clone)]
pub enum Purpose {
    /// Choose an existing file: a title, a filter name and its extensions.
    Open {
        title: &'static str,
        filter: (&'static str, &'static [&'static str]),
    },
    /// Choose where to write a file, proposing a file name.
    Save {
        title: &'static str,
        file_name: String,
        filter: (&'static str, &'static [&'static str]),
    },
}

/// One "Browse…" button's dialog.
#[derive(Default)]
pub struct FilePicker {
    pending: Option<(Instant, Receiver<Option<PathBuf>>)>,
    /// Why no dialog could be shown (shown under the field until the next try).
    pub unavailable: Option<String>,
}

impl FilePicker {
    /// True while the dialog is up.
    pub fn is_open(&self) -> bool {
        self.pending.is_some()
    }

    /// Shows the dialog on a background thread, starting in `dir` when given.
    pub fn start(&mut self, purpose: Purpose, dir: Option<PathBuf>, ctx: Option<egui::Context>) {
        if self.pending.is_some() {
            return;
        }
        self.unavailable = None;
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("parallax: file dialog".into())
            .spawn(move || {
                let mut d = rfd::FileDialog::new();
                if let Some(dir) = dir {
                    d = d.set_directory(dir);
                }
                let chosen = match purpose {
                    Purpose::Open { title, filter } => d
                        .set_title(title)
                        .add_filter(filter.0, filter.1)
                        .pick_file(),
                    Purpose::Save {
                        title,
                        file_name,
                        filter,
                    } => d
                        .set_title(title)
                        .set_file_name(file_name)
                        .add_filter(filter.0, filter.1)
                        .save_file(),
                };
                let _ = tx.send(chosen);
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => self.pending = Some((Instant::now(), rx)),
            Err(e) => {
                self.unavailable = Some(format!(
                    "The file dialog could not start ({e}). Type the path instead."
                ));
            }
        }
    }

    /// The file chosen, once, when the dialog has closed with one.
    pub fn poll(&mut self) -> Option<PathBuf> {
        let (started, rx) = self.pending.as_ref()?;
        match rx.try_recv() {
            Ok(Some(path)) => {
                self.pending = None;
                Some(path)
            }
            Ok(None) => {
                if started.elapsed() < NO_SERVICE_WITHIN {
                    self.unavailable = Some(
                        "This system offers no file dialog (no desktop portal or zenity was \
                         found). Type the path instead."
                            .into(),
                    );
                }
                self.pending = None;
                None
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.pending = None;
                self.unavailable =
                    Some("The file dialog closed unexpectedly. Type the path instead.".into());
                None
            }
        }
    }

    /// The "Browse…" button: disabled while the dialog is up. True when clicked.
    pub fn button(&self, ui: &mut egui::Ui, tooltip: &str) -> bool {
        ui.add_enabled(!self.is_open(), egui::Button::new("Browse…"))
            .on_hover_text(tooltip)
            .on_disabled_hover_text("The file dialog is open")
            .clicked()
    }
}
