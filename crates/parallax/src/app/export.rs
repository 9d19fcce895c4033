//! File ▸ Export report…: a small window to choose the file (typed, or with the system's save
//! dialog, [`super::file_dialog`], when one exists) and which side-by-side sections to include;
//! the report is built and written by a job of the app's queue ([`super::jobs`]) with progress
//! and cancel (`crate::report::export`: build, render, write atomically). The format follows the
//! extension (.html, .json, .md).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::RichText;

use super::command::{Commands, SystemCommand, UiCommand};
use super::file_dialog::{DialogAnswer, DialogFor, DialogKind, DialogRequest, expand_home};
use crate::diff::DiffOptions;
use crate::model::Analysis;
use crate::progress::Progress;
use crate::report::{self, Format, PairSelection, ReportOptions};

/// Which side-by-side sections the report holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pairs {
    /// The pair open in the side-by-side view.
    #[default]
    Current,
    Every,
    None,
}

/// What the export job needs from the app.
pub struct ExportInput {
    pub analysis: Arc<Analysis>,
    pub pair: (usize, usize),
    pub diff: DiffOptions,
    pub min_score: f32,
}

/// Why an export did not write its file (cancellation typed, not a message to compare).
#[derive(Debug, Clone, PartialEq)]
pub enum ExportFailure {
    Cancelled,
    Failed(String),
}

/// Export state.
#[derive(Default)]
pub struct Export {
    /// The export window is open.
    pub open: bool,
    pub path: String,
    pub pairs: Pairs,
    notice: Option<String>,
    /// The file the export job running in the queue writes.
    writing: Option<PathBuf>,
}

/// "YYYY-MM-DD HH:MM UTC" now.
fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    crate::report::format_utc(secs)
}

impl Export {
    /// Opens the window, proposing a file next to the open folder.
    pub fn show(&mut self, folder: Option<&Path>) {
        self.open = true;
        if self.path.is_empty() {
            let dir = folder
                .and_then(|d| d.parent().map(Path::to_path_buf))
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_default();
            let name = folder
                .and_then(|d| d.file_name())
                .map(|n| format!("{}-report.html", n.to_string_lossy()))
                .unwrap_or_else(|| "parallax-report.html".to_owned());
            self.path = dir.join(name).display().to_string();
        }
    }

    /// Starts building and writing the report to `path`, as a job of `jobs`.
    pub fn start(
        &mut self,
        jobs: &mut super::jobs::Jobs,
        path: PathBuf,
        input: ExportInput,
        ctx: Option<egui::Context>,
    ) {
        let format = Format::from_path(&path).unwrap_or_default();
        let pairs = match self.pairs {
            Pairs::Current => PairSelection::Pairs(vec![input.pair]),
            Pairs::Every => PairSelection::All,
            Pairs::None => PairSelection::None,
        };
        let target = path.clone();
        let work = move |p: &Progress| {
            let a = &input.analysis;
            let opts = ReportOptions {
                title: None,
                generated: Some(now()),
                pairs,
                diff: input.diff,
                min_score: Some(input.min_score),
                lexicon: None,
            };
            refuse_article(a, &target)
                .map_err(ExportFailure::Failed)
                .and_then(|()| {
                    // The engine's export: build, check for cancel, write atomically.
                    report::export(a, &opts, format, &target, p).map_err(|e| match e {
                        report::ReportError::Cancelled => ExportFailure::Cancelled,
                        other => ExportFailure::Failed(other.to_string()),
                    })
                })
        };
        self.writing = Some(path.clone());
        jobs.start_export(path, work, ctx);
    }

    /// The export job finished: the status message (text, is error). A failure reopens the
    /// window, saying why.
    pub fn finished(&mut self, path: &Path, result: Result<(), ExportFailure>) -> (String, bool) {
        self.writing = None;
        let path = path.display().to_string();
        match result {
            Ok(()) => (format!("Report written to {path}."), false),
            Err(ExportFailure::Cancelled) => {
                ("Export cancelled; nothing was written.".to_owned(), false)
            }
            Err(ExportFailure::Failed(e)) => {
                self.notice = Some(e.clone());
                self.open = true;
                (format!("Could not export the report: {e}"), true)
            }
        }
    }

    /// The export job stopped without a result (it panicked): the window reopens, saying so.
    pub fn failed(&mut self, reason: &str) {
        self.writing = None;
        self.notice = Some(format!("The export stopped: {reason}."));
        self.open = true;
    }

    /// The export job was cancelled (its result will not come).
    pub fn cancelled(&mut self) {
        self.writing = None;
    }

    /// The save dialog answered: a file chosen goes into the field (Export writes it); when no
    /// dialog could be shown the window says so.
    pub fn answered(&mut self, answer: DialogAnswer) {
        match answer {
            DialogAnswer::Chosen(p) => {
                self.path = p.display().to_string();
                self.notice = None;
            }
            other => {
                if let Some(n) = other.notice("Type the file path instead.") {
                    self.notice = Some(n);
                }
            }
        }
    }

    /// The save dialog's request, starting at the file in the field.
    fn dialog_request(&self) -> DialogRequest {
        let current = PathBuf::from(self.path.trim());
        DialogRequest {
            purpose: DialogFor::ExportReport,
            kind: DialogKind::SaveFile,
            title: "Export report",
            filters: vec![
                ("HTML report", &["html"]),
                ("JSON data", &["json"]),
                ("Markdown", &["md"]),
            ],
            dir: current.parent().map(Path::to_path_buf),
            file_name: current
                .file_name()
                .map(|n| n.to_string_lossy().into_owned()),
        }
    }

    /// Draws the export window (and the progress of `running`, the export job in the queue).
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        running: Option<&super::jobs::Job>,
        dialog_open: bool,
        commands: &mut Commands,
    ) {
        if let Some(job) = running {
            let (stage, frac) = (job.progress.snapshot().0, job.progress.fraction());
            let path = self.writing.as_deref().unwrap_or(Path::new(""));
            egui::Window::new("Exporting report")
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
                .show(ctx, |ui| {
                    ui.label(format!("Writing {}", path.display()));
                    ui.add(
                        egui::ProgressBar::new(frac.unwrap_or(0.0))
                            .text(stage)
                            .animate(frac.is_none()),
                    );
                    if ui
                        .button("Cancel")
                        .on_hover_text(UiCommand::CancelJob.tooltip())
                        .clicked()
                    {
                        commands.push(UiCommand::CancelJob);
                    }
                });
            return;
        }
        if !self.open {
            return;
        }
        let mut open = true;
        let mut submit = false;
        egui::Window::new("Export report")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(560.0)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .show(ctx, |ui| {
                if let Some(n) = &self.notice {
                    ui.label(RichText::new(n).color(ui.visuals().warn_fg_color));
                    ui.add_space(4.0);
                }
                let l = ui.label("Report file (.html, .json or .md)");
                ui.horizontal(|ui| {
                    let r = ui
                        .add(egui::TextEdit::singleline(&mut self.path).desired_width(440.0))
                        .labelled_by(l.id);
                    if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        submit = true;
                    }
                    if ui
                        .add_enabled(!dialog_open, egui::Button::new("Choose…"))
                        .on_hover_text("Choose the file with the system dialog")
                        .on_disabled_hover_text("A file dialog is open")
                        .clicked()
                    {
                        commands.push(SystemCommand::ShowDialog(self.dialog_request()));
                    }
                });
                let path = PathBuf::from(self.path.trim());
                let format = Format::from_path(&path);
                ui.label(
                    RichText::new(match format {
                        Some(Format::Json) => "Format: JSON (the report as data)",
                        Some(Format::Markdown) => "Format: Markdown",
                        Some(Format::Html) => "Format: self-contained HTML",
                        None => "Format: self-contained HTML (no known extension)",
                    })
                    .color(ui.visuals().weak_text_color()),
                );
                ui.add_space(4.0);
                ui.label("Side-by-side differences");
                ui.radio_value(&mut self.pairs, Pairs::Current, "The pair open now");
                ui.radio_value(&mut self.pairs, Pairs::Every, "Every pair of sources");
                ui.radio_value(
                    &mut self.pairs,
                    Pairs::None,
                    "None (story map and framing only)",
                );
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(!self.path.trim().is_empty(), egui::Button::new("Export"))
                        .clicked()
                    {
                        submit = true;
                    }
                    if ui.button("Cancel").clicked() {
                        self.open = false;
                    }
                    if path.is_dir() {
                        ui.label(
                            RichText::new("this is a folder").color(ui.visuals().warn_fg_color),
                        );
                    }
                });
            });
        if !open {
            self.open = false;
        }
        if submit && !self.path.trim().is_empty() {
            self.notice = None;
            self.open = false;
            commands.push(SystemCommand::ExportReportTo(expand_home(self.path.trim())));
        }
    }
}

/// Refuses to overwrite one of the articles being reported on.
fn refuse_article(a: &Analysis, out: &Path) -> Result<(), String> {
    let (Some(root), Ok(out_c)) = (&a.corpus.root, out.canonicalize()) else {
        return Ok(());
    };
    let hit = a
        .corpus
        .articles
        .iter()
        .any(|x| root.join(&x.file).canonicalize().is_ok_and(|p| p == out_c));
    if hit {
        Err(format!(
            "refusing to overwrite {}: it is one of the articles being reported on",
            out.display()
        ))
    } else {
        Ok(())
    }
}
