//! The system's file and folder dialogs, in one place for every window that uses one (File ▸
//! Open folder…, Export report ▸ Choose…, Settings ▸ Lexicon ▸ Browse…, Corrections ▸ Save as ▸
//! Browse…).
//!
//! A view asks with [`SystemCommand::ShowDialog`](super::SystemCommand::ShowDialog) and a
//! [`DialogRequest`] (what to choose, title, filters, starting folder, and which window asked:
//! [`DialogFor`]); the app's [`Dialogs`] runs it and hands the typed [`DialogAnswer`] back to
//! that window, which keeps its own wording for what went wrong. The native dialog (`rfd`)
//! blocks while it is open, so it runs on its own thread and is polled once per frame; one
//! dialog is up at a time. When the system has no dialog service (no desktop portal, no
//! zenity), `rfd` returns at once with nothing: that is told apart from a cancel by time, and
//! the windows then fall back to a typed path. The backend is a trait so that tests put in one
//! that answers without a desktop.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// A dialog that comes back with nothing faster than this was never shown: no portal and no
/// zenity was found. (A person cannot cancel a dialog this fast.)
const NO_SERVICE_WITHIN: Duration = Duration::from_millis(400);

/// Which window asked, so the answer goes back to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogFor {
    /// File ▸ Open folder…: the folder to open.
    OpenFolder,
    /// Export report ▸ Choose…: the report file.
    ExportReport,
    /// Settings ▸ Lexicon ▸ Browse…: a lexicon file, used at once.
    Lexicon,
    /// Corrections ▸ Save as ▸ Browse…: where to write the corrections, written at once.
    SaveCorrections,
}

/// What the dialog chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKind {
    /// An existing folder.
    Folder,
    /// An existing file.
    OpenFile,
    /// A file to write (existing or not).
    SaveFile,
}

/// One dialog to show.
#[derive(Debug, Clone, PartialEq)]
pub struct DialogRequest {
    pub purpose: DialogFor,
    pub kind: DialogKind,
    /// The dialog's title, e.g. "Open a folder of articles".
    pub title: &'static str,
    /// File-type filters: a name and its extensions (without the dot).
    pub filters: Vec<(&'static str, &'static [&'static str])>,
    /// The folder it starts in (ignored when it is not a folder).
    pub dir: Option<PathBuf>,
    /// The file name it proposes (save dialogs).
    pub file_name: Option<String>,
}

impl DialogRequest {
    /// Choose a folder of articles (File ▸ Open folder…), starting in `dir`.
    pub fn open_folder(dir: Option<PathBuf>) -> Self {
        DialogRequest {
            purpose: DialogFor::OpenFolder,
            kind: DialogKind::Folder,
            title: "Open a folder of articles",
            filters: Vec::new(),
            dir,
            file_name: None,
        }
    }
}

/// How a dialog ended.
#[derive(Debug, Clone, PartialEq)]
pub enum DialogAnswer {
    /// The user chose this path.
    Chosen(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// The system offers no dialog (it came back at once with nothing).
    NoService,
    /// No dialog could be started (e.g. no thread); why.
    CouldNotStart(String),
    /// The dialog went away without an answer (its thread ended abnormally).
    Vanished,
}

impl DialogAnswer {
    /// What to tell the user when the dialog could not be used (None for a choice or a cancel),
    /// ending with `instead`, what to do instead (e.g. "Type the folder path instead.").
    pub fn notice(&self, instead: &str) -> Option<String> {
        match self {
            DialogAnswer::Chosen(_) | DialogAnswer::Cancelled => None,
            DialogAnswer::NoService => Some(format!(
                "This system offers no file dialog (no desktop portal or zenity was found). \
                 {instead}"
            )),
            DialogAnswer::CouldNotStart(why) => Some(format!(
                "The file dialog could not start ({why}). {instead}"
            )),
            DialogAnswer::Vanished => {
                Some(format!("The file dialog closed unexpectedly. {instead}"))
            }
        }
    }
}

/// Shows dialogs. Runs on a background thread and may block until the user answers.
pub trait DialogBackend: Send + Sync {
    fn show(&self, request: &DialogRequest) -> DialogAnswer;
}

/// The system's dialogs (`rfd`: the desktop portal or zenity on Linux, the native ones
/// elsewhere).
pub struct SystemDialogs;

impl DialogBackend for SystemDialogs {
    fn show(&self, r: &DialogRequest) -> DialogAnswer {
        let mut d = rfd::FileDialog::new().set_title(r.title);
        for (name, extensions) in &r.filters {
            d = d.add_filter(*name, extensions);
        }
        if let Some(dir) = r.dir.as_ref().filter(|d| d.is_dir()) {
            d = d.set_directory(dir);
        }
        if let Some(name) = &r.file_name {
            d = d.set_file_name(name);
        }
        let started = Instant::now();
        let chosen = match r.kind {
            DialogKind::Folder => d.pick_folder(),
            DialogKind::OpenFile => d.pick_file(),
            DialogKind::SaveFile => d.save_file(),
        };
        match chosen {
            Some(path) => DialogAnswer::Chosen(path),
            None if started.elapsed() < NO_SERVICE_WITHIN => DialogAnswer::NoService,
            None => DialogAnswer::Cancelled,
        }
    }
}

/// The app's dialogs: at most one up at a time.
pub struct Dialogs {
    backend: Arc<dyn DialogBackend>,
    pending: Option<(DialogFor, Receiver<DialogAnswer>)>,
    /// An answer that could not wait for a poll (the dialog never started).
    ready: Option<(DialogFor, DialogAnswer)>,
}

impl Default for Dialogs {
    fn default() -> Self {
        Dialogs::new(Arc::new(SystemDialogs))
    }
}

impl Dialogs {
    pub fn new(backend: Arc<dyn DialogBackend>) -> Self {
        Dialogs {
            backend,
            pending: None,
            ready: None,
        }
    }

    /// Uses `backend` for the dialogs shown from now on.
    pub fn set_backend(&mut self, backend: Arc<dyn DialogBackend>) {
        self.backend = backend;
    }

    /// True while a dialog is up.
    pub fn is_open(&self) -> bool {
        self.pending.is_some()
    }

    /// Shows `request`'s dialog on a background thread; `ctx` is asked to repaint when it
    /// answers. Ignored while another dialog is up (the buttons are disabled then).
    pub fn start(&mut self, request: DialogRequest, ctx: Option<egui::Context>) {
        if self.pending.is_some() {
            return;
        }
        let purpose = request.purpose;
        let backend = self.backend.clone();
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("parallax: file dialog".into())
            .spawn(move || {
                let answer = backend.show(&request);
                let _ = tx.send(answer);
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => self.pending = Some((purpose, rx)),
            Err(e) => self.ready = Some((purpose, DialogAnswer::CouldNotStart(e.to_string()))),
        }
    }

    /// The answer of the dialog that was up, once, when it has closed.
    pub fn poll(&mut self) -> Option<(DialogFor, DialogAnswer)> {
        if let Some(r) = self.ready.take() {
            return Some(r);
        }
        let (purpose, rx) = self.pending.as_ref()?;
        let purpose = *purpose;
        let answer = match rx.try_recv() {
            Ok(a) => a,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => DialogAnswer::Vanished,
        };
        self.pending = None;
        Some((purpose, answer))
    }
}

/// A path as a person types it into a field: `~` and `~/x` are the home folder and `x` in it.
pub fn expand_home(s: &str) -> PathBuf {
    match (s.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ if s == "~" => std::env::var_os("HOME").map_or_else(|| PathBuf::from(s), PathBuf::from),
        _ => PathBuf::from(s),
    }
}

/// A "Browse…" button next to a path field: disabled while a dialog is up. True when clicked.
pub fn browse_button(ui: &mut egui::Ui, dialog_open: bool, tooltip: &str) -> bool {
    ui.add_enabled(!dialog_open, egui::Button::new("Browse…"))
        .on_hover_text(tooltip)
        .on_disabled_hover_text("A file dialog is open")
        .clicked()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_paths_start_from_home_with_a_tilde() {
        assert_eq!(expand_home("/srv/articles"), PathBuf::from("/srv/articles"));
        assert_eq!(expand_home("notes/x.toml"), PathBuf::from("notes/x.toml"));
        if let Some(home) = std::env::var_os("HOME") {
            let home = PathBuf::from(home);
            assert_eq!(expand_home("~"), home);
            assert_eq!(
                expand_home("~/desk/lexicon.toml"),
                home.join("desk/lexicon.toml")
            );
        }
        // Only a leading `~/` is the home folder.
        assert_eq!(expand_home("a/~/b"), PathBuf::from("a/~/b"));
    }
}
