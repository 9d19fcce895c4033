//! Hand corrections of the alignment in the viewer: link two passages, unlink a row, undo, and
//! the Edit ▸ Corrections… list. The corrections of a set are kept in the app's data directory
//! (see [`crate::corrections::store_file`]), never in the article folder, and applied again
//! every time the set opens.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::Ui;

use super::command::{Commands, SystemCommand, UiCommand};
use super::file_dialog::{DialogFor, DialogKind, DialogRequest};
use super::state::SetSource;
use crate::align::{Alignment, PassageRef};
use crate::corrections::{self, Action, Corrections};
use crate::model::Analysis;

/// The hand corrections of the open set.
#[derive(Debug, Clone, Default)]
pub struct SetCorrections {
    /// The aligner's alignment, before any correction (corrections are applied to it again
    /// after every change, so an undo gives back exactly the aligner's links).
    pub base: Arc<Alignment>,
    pub list: Corrections,
    /// The file they are kept in; `None` when the set has none (files dropped on the window):
    /// then they last until another set opens.
    pub file: Option<PathBuf>,
}

/// Which store file belongs to a set: a folder has its own, the samples theirs, and a set of
/// dropped files none.
pub fn store_file(dir: Option<&Path>, source: &SetSource) -> Option<PathBuf> {
    let dir = dir?;
    match source {
        SetSource::Folder(d) => Some(corrections::store_file(dir, Some(d))),
        SetSource::Seeds => Some(corrections::store_file(dir, None)),
        SetSource::Files(_) => None,
    }
}

/// Reads the saved corrections of a set (empty when there are none); the error message names
/// the file.
pub fn load(file: Option<&Path>) -> Result<Corrections, String> {
    match file {
        Some(f) if f.exists() => Corrections::load(f).map_err(|e| e.to_string()),
        _ => Ok(Corrections::default()),
    }
}

/// Writes the corrections of a set to a file the user chose (Save as): the command line's
/// `--corrections FILE` reads it. The error names the file.
pub fn export(path: &Path, list: &Corrections, source: &SetSource) -> Result<(), String> {
    let mut c = list.clone();
    c.folder = match source {
        SetSource::Folder(d) => Some(d.display().to_string()),
        _ => None,
    };
    c.save(path).map_err(|e| e.to_string())
}

/// Writes the corrections of a set (removes the file when none are left).
pub fn save(file: Option<&Path>, list: &Corrections, source: &SetSource) -> Result<(), String> {
    let Some(f) = file else { return Ok(()) };
    if list.is_empty() {
        return match std::fs::remove_file(f) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(format!("cannot remove {}: {e}", f.display()))
            }
            _ => Ok(()),
        };
    }
    let mut c = list.clone();
    c.folder = match source {
        SetSource::Folder(d) => Some(d.display().to_string()),
        _ => None,
    };
    c.save(f).map_err(|e| e.to_string())
}

/// The analysis with `list` applied to `base` (framing stays as computed for the set).
pub fn corrected(
    analysis: &Analysis,
    base: &Alignment,
    list: &Corrections,
    min_score: f32,
) -> Analysis {
    let mut alignment = base.clone();
    let outcome = corrections::apply(&analysis.corpus, &mut alignment, list, min_score);
    Analysis {
        corpus: analysis.corpus.clone(),
        alignment,
        framing: analysis.framing.clone(),
        corrections: outcome,
    }
}

/// The first words of a passage, for menus and messages.
pub fn snippet(text: &str, max_chars: usize) -> String {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() <= max_chars {
        return t;
    }
    let cut: String = t.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max_chars / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

/// One correction as a line of the list: "Linked: Source “…” ↔ Source “…”".
pub fn describe(analysis: &Analysis, action: Action, a: PassageRef, b: PassageRef) -> String {
    let name = |p: PassageRef| {
        analysis
            .article(p.article)
            .map_or_else(|| "?".to_string(), |x| x.source.clone())
    };
    format!(
        "{}: {} “{}” with {} “{}”",
        match action {
            Action::Link => "Linked",
            Action::Unlink => "Unlinked",
        },
        name(a),
        snippet(analysis.passage_text(a), 60),
        name(b),
        snippet(analysis.passage_text(b), 60)
    )
}

/// Save as ▸ Browse…'s dialog, as the Corrections window shows it.
pub struct SaveDialog<'a> {
    /// A file dialog is up (the button is disabled).
    pub open: bool,
    /// Why the last try could not show one.
    pub notice: Option<&'a str>,
}

/// The Edit ▸ Corrections… window: every correction in force (newest last) with a button to
/// take it back, the ones that no longer fit the set, and where they are kept.
pub fn window(
    ctx: &egui::Context,
    open: &mut bool,
    analysis: Option<&Analysis>,
    set: Option<&SetCorrections>,
    save_as: &mut String,
    dialog: SaveDialog<'_>,
    commands: &mut Commands,
) {
    egui::Window::new("Corrections")
        .open(open)
        .default_width(560.0)
        .max_width((ctx.content_rect().width() - 24.0).max(200.0))
        .collapsible(false)
        .show(ctx, |ui: &mut Ui| {
            let (Some(a), Some(set)) = (analysis, set) else {
                ui.label("No set is open.");
                return;
            };
            ui.label(
                "Links and unlinks made by hand in this set. They change the rows, the story map, \
                 the events and the report, and come back when the set opens again.",
            );
            ui.add_space(4.0);
            if a.corrections.applied.is_empty() {
                ui.weak(
                    "No corrections yet. Right-click a row in Side by side: “Unlink these \
                     passages”, or “Link with…” on a passage the other source does not pair.",
                );
            }
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for (i, c) in set.list.corrections.iter().enumerate() {
                        let applied = a.corrections.applied.iter().find(|x| {
                            let (fa, fb) = (
                                a.article(x.a.article).map(|y| y.file.as_str()),
                                a.article(x.b.article).map(|y| y.file.as_str()),
                            );
                            fa == Some(c.a.file.as_str())
                                && fb == Some(c.b.file.as_str())
                                && a.passage_text(x.a) == c.a.text
                                && a.passage_text(x.b) == c.b.text
                        });
                        ui.horizontal_wrapped(|ui| {
                            let r = ui
                                .button("Remove")
                                .on_hover_text(SystemCommand::RemoveCorrection(i).tooltip());
                            if r.clicked() {
                                commands.push(SystemCommand::RemoveCorrection(i));
                            }
                            match applied {
                                Some(x) => ui.label(describe(a, c.action, x.a, x.b)),
                                None => ui.weak(format!(
                                    "{} {} with {} (overridden or no longer in the set)",
                                    match c.action {
                                        Action::Link => "Linked",
                                        Action::Unlink => "Unlinked",
                                    },
                                    c.a.file,
                                    c.b.file
                                )),
                            };
                        });
                    }
                    for s in &a.corrections.skipped {
                        ui.colored_label(ui.visuals().warn_fg_color, format!("Not applied: {s}"));
                    }
                });
            ui.separator();
            ui.horizontal_wrapped(|ui| {
                let undo = UiCommand::UndoCorrection;
                let mut b = egui::Button::new(undo.label());
                if let Some(s) = undo.shortcut_text(ui.ctx()) {
                    b = b.shortcut_text(s);
                }
                if ui
                    .add_enabled(!set.list.is_empty(), b)
                    .on_hover_text(undo.tooltip())
                    .clicked()
                {
                    commands.push(undo);
                }
                match &set.file {
                    Some(f) => ui.weak(format!("Kept in {}", f.display())),
                    None => ui.weak("Kept until another set opens (files dropped on the window)."),
                };
            });
            // Export: a file the command line reads (`align|report --corrections FILE`).
            ui.horizontal_wrapped(|ui| {
                let l = ui.label("Save as");
                ui.add(
                    egui::TextEdit::singleline(save_as)
                        .hint_text("corrections.json")
                        .desired_width(300.0),
                )
                .labelled_by(l.id);
                let path = save_as.trim();
                let c = SystemCommand::SaveCorrectionsTo(super::file_dialog::expand_home(path));
                if ui
                    .add_enabled(
                        !set.list.is_empty() && !path.is_empty(),
                        egui::Button::new("Save"),
                    )
                    .on_hover_text(c.tooltip())
                    .on_disabled_hover_text("Make a correction and type a file name first")
                    .clicked()
                {
                    commands.push(c);
                }
                if ui
                    .add_enabled_ui(!set.list.is_empty(), |ui| {
                        super::file_dialog::browse_button(
                            ui,
                            dialog.open,
                            "Choose where to save the corrections in a file dialog",
                        )
                    })
                    .inner
                {
                    commands.push(SystemCommand::ShowDialog(DialogRequest {
                        purpose: DialogFor::SaveCorrections,
                        kind: DialogKind::SaveFile,
                        title: "Save corrections as",
                        filters: vec![("Corrections (JSON)", &["json"])],
                        dir: None,
                        file_name: Some("corrections.json".into()),
                    }));
                }
            });
            if let Some(e) = dialog.notice {
                ui.weak(e);
            }
        });
}
