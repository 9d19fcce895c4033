//! The settings panel: minimum similarity (re-aligns in the background), diff options,
//! framing categories on/off (with their colours), theme and zoom. Changes go out as
//! [`super::Command`]s; the panel never edits shared state itself.

use egui::{RichText, Ui};
use std::collections::BTreeSet;

use super::command::{Commands, SystemCommand, UiCommand};
use super::file_dialog::{DialogAnswer, DialogFor, DialogKind, DialogRequest};
use super::state::{Settings, ThemePref};
use super::theme::category_color;

/// The slider's value while it is being dragged (applied on release).
#[derive(Default)]
pub struct SettingsPanel {
    min_score_edit: Option<f32>,
    /// The lexicon file typed in Lexicon.
    pub lexicon_path: String,
    /// Why the last lexicon chosen could not be used (shown under the field).
    pub lexicon_error: Option<String>,
    /// Why Lexicon ▸ Browse… could not show a dialog (shown under the field until the next
    /// try).
    pub dialog_notice: Option<String>,
}

impl SettingsPanel {
    /// Lexicon ▸ Browse… answered: a file chosen is used at once (as typing its path and
    /// Enter); when no dialog could be shown the panel says so under the field.
    pub fn lexicon_answered(&mut self, answer: DialogAnswer, commands: &mut Commands) {
        match answer {
            DialogAnswer::Chosen(path) => {
                self.lexicon_path = path.display().to_string();
                self.lexicon_error = None;
                commands.push(SystemCommand::SetLexicon(Some(path)));
            }
            other => self.dialog_notice = other.notice("Type the path instead."),
        }
    }

    /// Settings ▸ Lexicon: the framing lexicon in use, a field to choose another one (a TOML
    /// file, see `assets/framing.toml`), and the way back to the built-in one.
    pub fn lexicon_ui(
        &mut self,
        ui: &mut Ui,
        current: Option<&std::path::Path>,
        dialog_open: bool,
        commands: &mut Commands,
    ) {
        ui.add_space(8.0);
        ui.strong("Lexicon");
        ui.label(match current {
            Some(p) => format!("In use: {}", p.display()),
            None => "In use: the built-in lexicon".to_owned(),
        });
        let l = ui.label("Lexicon file");
        let resp = ui
            .add(
                egui::TextEdit::singleline(&mut self.lexicon_path)
                    .hint_text("my-lexicon.toml")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        if resp.changed() {
            self.lexicon_error = None;
        }
        let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if let Some(e) = &self.lexicon_error {
            ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
        }
        if let Some(e) = &self.dialog_notice {
            ui.weak(e);
        }
        ui.horizontal_wrapped(|ui| {
            if super::file_dialog::browse_button(
                ui,
                dialog_open,
                "Choose a lexicon file (TOML) in a file dialog",
            ) {
                self.dialog_notice = None;
                commands.push(SystemCommand::ShowDialog(DialogRequest {
                    purpose: DialogFor::Lexicon,
                    kind: DialogKind::OpenFile,
                    title: "Choose a framing lexicon",
                    filters: vec![("Lexicon (TOML)", &["toml"])],
                    dir: current
                        .and_then(|p| p.parent())
                        .map(std::path::Path::to_path_buf),
                    file_name: None,
                }));
            }
            let path = self.lexicon_path.trim();
            let use_it = SystemCommand::SetLexicon(Some(super::file_dialog::expand_home(path)));
            if ui
                .add_enabled(!path.is_empty(), egui::Button::new("Use this lexicon"))
                .on_hover_text(use_it.tooltip())
                .clicked()
                || (enter && !path.is_empty())
            {
                commands.push(use_it);
            }
            let builtin = SystemCommand::SetLexicon(None);
            if ui
                .add_enabled(current.is_some(), egui::Button::new("Built-in"))
                .on_hover_text(builtin.label())
                .clicked()
            {
                commands.push(builtin);
            }
        });
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        settings: &Settings,
        categories: &BTreeSet<String>,
        legend: &crate::legend::Legend,
        zoom: f32,
        commands: &mut Commands,
    ) {
        ui.heading("Settings");
        ui.add_space(4.0);
        ui.strong("Alignment");
        let mut v = self.min_score_edit.unwrap_or(settings.min_score);
        let label = ui.label("Minimum match");
        let r = ui
            .add(
                egui::Slider::new(&mut v, 0.02..=0.6)
                    .step_by(0.005)
                    .custom_formatter(|x, _| crate::compare::percent(x as f32))
                    .custom_parser(|s| {
                        s.trim()
                            .trim_end_matches('%')
                            .parse::<f64>()
                            .ok()
                            .map(|x| x / 100.0)
                    }),
            )
            .labelled_by(label.id)
            .on_hover_text(format!(
                "Passages whose {} is below this are not paired. {}: {} Changing it re-aligns \
                 the set.",
                crate::compare::Match::LABEL.to_lowercase(),
                crate::compare::Match::LABEL,
                crate::compare::Match::EXPLANATION
            ));
        if r.changed() {
            self.min_score_edit = Some(v);
        }
        if (r.drag_stopped() || (r.changed() && !r.dragged()))
            && (v - settings.min_score).abs() > 1e-4
        {
            commands.push(SystemCommand::SetMinScore(v));
            self.min_score_edit = None;
        }
        ui.add_space(8.0);
        ui.strong("Differences");
        let mut ic = settings.ignore_case;
        if ui
            .checkbox(&mut ic, "Ignore case")
            .on_hover_text(SystemCommand::SetIgnoreCase(ic).tooltip())
            .changed()
        {
            commands.push(SystemCommand::SetIgnoreCase(ic));
        }
        let mut ip = settings.ignore_punctuation;
        if ui
            .checkbox(&mut ip, "Ignore punctuation")
            .on_hover_text(SystemCommand::SetIgnorePunctuation(ip).tooltip())
            .changed()
        {
            commands.push(SystemCommand::SetIgnorePunctuation(ip));
        }
        ui.label(
            RichText::new("Ignored differences stay visible, dimmed.")
                .weak()
                .small(),
        );
        ui.add_space(8.0);
        ui.strong("Framing marks");
        if categories.is_empty() {
            ui.label(RichText::new("No framing marks in this set.").weak());
        }
        let dark = ui.visuals().dark_mode;
        for cat in categories {
            let mut shown = !settings.hidden_categories.contains(cat);
            ui.horizontal(|ui| {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
                ui.painter()
                    .rect_filled(rect, 3.0, category_color(legend.colour(cat), dark));
                if ui
                    .checkbox(&mut shown, legend.label(cat))
                    .on_hover_text(legend.explanation(cat))
                    .changed()
                {
                    commands.push(SystemCommand::SetCategoryHidden(cat.clone(), !shown));
                }
            });
        }
        ui.add_space(8.0);
        ui.strong("Display");
        ui.horizontal(|ui| {
            for t in ThemePref::ALL {
                if ui
                    .selectable_label(settings.theme == t, t.label())
                    .clicked()
                {
                    commands.push(UiCommand::SetTheme(t));
                }
            }
        });
        ui.horizontal(|ui| {
            ui.label(format!("Zoom {:.0}%", zoom * 100.0));
            for c in [UiCommand::ZoomOut, UiCommand::ZoomReset, UiCommand::ZoomIn] {
                let text = match c {
                    UiCommand::ZoomOut => "-",
                    UiCommand::ZoomIn => "+",
                    _ => "100%",
                };
                let tip = format!(
                    "{} ({})",
                    c.label(),
                    c.shortcut_text(ui.ctx()).unwrap_or_default()
                );
                if ui.button(text).on_hover_text(tip).clicked() {
                    commands.push(c);
                }
            }
        });
    }
}
