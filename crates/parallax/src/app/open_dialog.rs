//! Choosing a folder by typing its path, with completion of folder names: File ▸ Open folder by
//! path…, and where File ▸ Open folder…'s system dialog ([`super::file_dialog`]) could not be
//! shown (no desktop portal, no zenity), with the reason above the field.

use std::path::{Path, PathBuf};

use egui::{Key, RichText, Ui};

use super::command::{Commands, SystemCommand};
use super::file_dialog::{DialogAnswer, expand_home};

/// How many completions the path field lists.
const MAX_COMPLETIONS: usize = 12;

/// State of folder choosing.
#[derive(Default)]
pub struct OpenDialog {
    /// The path-field window is open.
    pub open: bool,
    pub path: String,
    /// Why the path field is shown instead of the native dialog.
    pub notice: Option<String>,
    focus: bool,
    completions_for: Option<String>,
    completions: Vec<String>,
    /// The folder asked for with Open, while it loads: the window stays open until it has
    /// opened (then it closes) or failed (then it says why under the field).
    pub waiting: Option<PathBuf>,
    /// Why the last folder asked for could not be opened.
    pub error: Option<String>,
}

impl OpenDialog {
    /// The system's folder dialog answered: a folder chosen is opened; when no dialog could
    /// be shown the path field opens, saying why.
    pub fn answered(&mut self, answer: DialogAnswer, commands: &mut Commands) {
        match answer {
            DialogAnswer::Chosen(dir) => commands.push(SystemCommand::OpenPath(dir)),
            other => {
                if let Some(n) = other.notice("Type the folder path instead.") {
                    self.show_path_field(Some(n));
                }
            }
        }
    }

    /// Opens the path field, with an optional explanation.
    pub fn show_path_field(&mut self, notice: Option<String>) {
        self.open = true;
        self.focus = true;
        self.notice = notice;
        self.completions_for = None;
    }

    /// The open of `folder` finished: `Ok` closes the window when it asked for that folder;
    /// `Err` keeps it open with the reason under the field.
    pub fn opened(&mut self, folder: &Path, result: Result<(), String>) {
        if self.waiting.as_deref() != Some(folder) {
            return;
        }
        self.waiting = None;
        match result {
            Ok(()) => {
                self.open = false;
                self.error = None;
            }
            Err(e) => {
                self.error = Some(e);
                self.focus = true;
            }
        }
    }

    /// Draws the path-field window.
    pub fn ui(&mut self, ctx: &egui::Context, commands: &mut Commands) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        let mut submit = false;
        egui::Window::new("Open folder")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(520.0)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .show(ctx, |ui| {
                if let Some(n) = &self.notice {
                    ui.label(RichText::new(n).color(ui.visuals().warn_fg_color));
                    ui.add_space(4.0);
                }
                let label = ui.label("Folder path");
                let edit = egui::TextEdit::singleline(&mut self.path)
                    .hint_text("/home/you/articles")
                    .desired_width(500.0);
                let resp = ui.add(edit).labelled_by(label.id);
                if std::mem::take(&mut self.focus) {
                    resp.request_focus();
                }
                self.refresh_completions();
                // Tab completes the longest common prefix of the candidates.
                if resp.has_focus()
                    && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Tab))
                {
                    if let Some(p) = common_completion(&self.path, &self.completions) {
                        self.path = p;
                        self.completions_for = None;
                    }
                    resp.request_focus();
                }
                if resp.changed() {
                    self.error = None;
                }
                if resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    submit = true;
                }
                if let Some(e) = &self.error {
                    ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
                }
                self.completion_list(ui);
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    let valid = Path::new(self.path.trim()).is_dir();
                    if ui
                        .add_enabled(!self.path.trim().is_empty(), egui::Button::new("Open"))
                        .clicked()
                    {
                        submit = true;
                    }
                    if ui.button("Cancel").clicked() {
                        self.open = false;
                    }
                    if self.waiting.is_some() {
                        super::status::spinner(ui);
                        ui.label("Opening…");
                    } else if !self.path.trim().is_empty() && !valid && self.error.is_none() {
                        ui.label(RichText::new("not a folder").color(ui.visuals().warn_fg_color));
                    }
                });
            });
        if !open {
            self.open = false;
        }
        if !self.open {
            self.waiting = None;
            self.error = None;
        }
        if submit && !self.path.trim().is_empty() {
            // The window stays until the folder has opened; a failure is said under the field.
            let dir = expand_home(self.path.trim());
            self.waiting = Some(dir.clone());
            self.error = None;
            commands.push(SystemCommand::OpenPath(dir));
        }
    }

    fn refresh_completions(&mut self) {
        if self.completions_for.as_deref() == Some(self.path.as_str()) {
            return;
        }
        self.completions = complete(&self.path);
        self.completions_for = Some(self.path.clone());
    }

    fn completion_list(&mut self, ui: &mut Ui) {
        if self.completions.is_empty() {
            return;
        }
        let mut pick = None;
        egui::ScrollArea::vertical()
            .max_height(180.0)
            .id_salt("path_completions")
            .show(ui, |ui| {
                for c in &self.completions {
                    if ui.selectable_label(false, c.as_str()).clicked() {
                        pick = Some(c.clone());
                    }
                }
            });
        if let Some(p) = pick {
            self.path = p;
            self.focus = true;
        }
    }
}

/// Sub-folders completing the typed path: the folders in the typed path's parent whose name
/// starts with the last component (case-insensitive), sorted, hidden ones only when asked.
pub fn complete(typed: &str) -> Vec<String> {
    if typed.is_empty() {
        return Vec::new();
    }
    let expanded = expand_home(typed).to_string_lossy().into_owned();
    let (dir, prefix) = match expanded.rfind(std::path::MAIN_SEPARATOR) {
        Some(i) => (&expanded[..=i], &expanded[i + 1..]),
        None => ("./", expanded.as_str()),
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let lower = prefix.to_lowercase();
    let mut out: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|n| {
            n.to_lowercase().starts_with(&lower) && (prefix.starts_with('.') || !n.starts_with('.'))
        })
        .map(|n| format!("{dir}{n}{}", std::path::MAIN_SEPARATOR))
        .collect();
    out.sort();
    out.truncate(MAX_COMPLETIONS);
    out
}

/// The longest common prefix of `candidates`, when it extends `typed`.
fn common_completion(typed: &str, candidates: &[String]) -> Option<String> {
    let first = candidates.first()?;
    let mut end = first.len();
    for c in &candidates[1..] {
        end = first
            .char_indices()
            .zip(c.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(end);
    }
    let p = first.get(..end)?.to_owned();
    (p.len() > typed.len()).then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_sub_folders() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("articles-2024")).unwrap();
        std::fs::create_dir(d.path().join("articles-2025")).unwrap();
        std::fs::create_dir(d.path().join("other")).unwrap();
        std::fs::write(d.path().join("articles.txt"), "x").unwrap();
        let typed = format!("{}/art", d.path().display());
        let c = complete(&typed);
        assert_eq!(c.len(), 2, "{c:?}");
        assert!(c[0].ends_with("articles-2024/"));
        let common = common_completion(&typed, &c).unwrap();
        assert!(common.ends_with("articles-202"));
        assert!(complete(&format!("{}/zzz", d.path().display())).is_empty());
    }
}
