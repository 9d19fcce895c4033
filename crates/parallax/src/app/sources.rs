//! Edit ▸ Rename sources…: every article of the open set with the name the viewer shows for
//! its source, a field to give it another one, and the way back to the file's own name.
//! Names given here are kept in the app's settings for that set
//! ([`super::state::Settings::source_names`]), never in the article folder; the engine's
//! [`crate::model::Analysis::rename_source`] puts them wherever the analysis carries a name.

use std::collections::BTreeMap;

use egui::{RichText, Ui};

use super::command::{Commands, SystemCommand};
use crate::model::Analysis;

/// The window's state: which article's field is being edited, with its text.
#[derive(Default)]
pub struct SourcesWindow {
    pub open: bool,
    /// The field being edited: (article, text typed so far).
    editing: Option<(usize, String)>,
    /// Give this article's field the keyboard focus and scroll to it (Rename… from a heading).
    focus: Option<usize>,
}

/// A source name as the user typed it, tidied: spaces collapsed, ends trimmed.
pub fn tidy(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The analysis with the user's names: `names` (by article file) where given, else the name
/// the set was loaded with (`own`). Unchanged when nothing differs.
pub fn named(
    analysis: std::sync::Arc<Analysis>,
    own: &[String],
    names: &BTreeMap<String, String>,
) -> std::sync::Arc<Analysis> {
    let want = |i: usize, file: &str| {
        names
            .get(file)
            .map(|n| tidy(n))
            .filter(|n| !n.is_empty())
            .or_else(|| own.get(i).cloned())
    };
    let changes: Vec<(usize, String)> = analysis
        .corpus
        .articles
        .iter()
        .enumerate()
        .filter_map(|(i, a)| want(i, &a.file).filter(|n| *n != a.source).map(|n| (i, n)))
        .collect();
    if changes.is_empty() {
        return analysis;
    }
    let mut a = (*analysis).clone();
    for (i, n) in changes {
        a.rename_source(i, &n);
    }
    std::sync::Arc::new(a)
}

impl SourcesWindow {
    /// Opens the window; with `article`, on that article's field, ready to type.
    pub fn show(&mut self, article: Option<usize>) {
        self.open = true;
        if let Some(i) = article {
            self.focus = Some(i);
            self.editing = None;
        }
    }

    /// Draws the window. `own` are the names the set was loaded with (file, metadata,
    /// `parallax.toml`), by article; `kept` says where renames are kept.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        analysis: Option<&Analysis>,
        own: &[String],
        kept: &str,
        commands: &mut Commands,
    ) {
        if !self.open {
            return;
        }
        let mut open = true;
        egui::Window::new("Rename sources")
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            .max_width((ctx.content_rect().width() - 24.0).max(200.0))
            .max_height((ctx.content_rect().height() - 60.0).max(160.0))
            .show(ctx, |ui: &mut Ui| {
                let Some(a) = analysis else {
                    ui.label("No set is open.");
                    return;
                };
                ui.label(
                    "The name each source goes by in every view, the status bar and the report. \
                     Type another one and press Enter.",
                );
                ui.weak(kept);
                ui.add_space(4.0);
                let row_h = ui.spacing().interact_size.y * 2.0 + ui.spacing().item_spacing.y * 3.0;
                let n = a.corpus.articles.len();
                let mut area = egui::ScrollArea::vertical()
                    .max_height((ctx.content_rect().height() - 200.0).clamp(120.0, 420.0));
                if let Some(i) = self.focus {
                    area = area.vertical_scroll_offset(row_h * i as f32);
                }
                area.show_rows(ui, row_h, n, |ui, range| {
                    for i in range {
                        let Some(art) = a.article(i) else { continue };
                        self.row(ui, i, art, own.get(i).map(String::as_str), commands);
                    }
                });
            });
        if !open {
            self.open = false;
            self.editing = None;
        }
    }

    fn row(
        &mut self,
        ui: &mut Ui,
        i: usize,
        art: &crate::corpus::Article,
        own: Option<&str>,
        commands: &mut Commands,
    ) {
        ui.horizontal(|ui| {
            ui.label(RichText::new(&art.file).weak())
                .on_hover_text(format!("{}\n{}", art.file, art.title));
        });
        ui.horizontal(|ui| {
            let editing = matches!(&self.editing, Some((k, _)) if *k == i);
            let mut text = match &self.editing {
                Some((k, t)) if *k == i => t.clone(),
                _ => art.source.clone(),
            };
            let field = egui::TextEdit::singleline(&mut text)
                .desired_width((ui.available_width() - 150.0).max(120.0))
                .hint_text(own.unwrap_or_default());
            let resp = ui
                .add(field)
                .accessible_name(format!("Name of {}", art.file));
            if self.focus == Some(i) {
                resp.request_focus();
                self.focus = None;
            }
            if resp.changed() || (resp.has_focus() && !editing) {
                self.editing = Some((i, text.clone()));
            }
            let enter = resp.lost_focus() && ui.input(|inp| inp.key_pressed(egui::Key::Enter));
            let escape = ui.input(|inp| inp.key_pressed(egui::Key::Escape));
            if editing && resp.lost_focus() {
                if !escape && (enter || tidy(&text) != tidy(&art.source)) {
                    commands.push(SystemCommand::RenameSource {
                        article: i,
                        name: text.clone(),
                    });
                }
                self.editing = None;
            }
            let renamed = own.is_some_and(|o| o != art.source);
            let reset = ui
                .add_enabled(renamed, egui::Button::new("Reset"))
                .on_hover_text(match own {
                    Some(o) => format!("Back to “{o}”, the name the set gives it"),
                    None => String::new(),
                })
                .on_disabled_hover_text("Not renamed: this is the name the set gives it");
            if reset.clicked() {
                commands.push(SystemCommand::RenameSource {
                    article: i,
                    name: String::new(),
                });
                self.editing = None;
            }
        });
        ui.add_space(ui.spacing().item_spacing.y);
    }
}
