//! The menu bar and the view tabs. Every entry is a [`UiCommand`]: its label, tooltip and
//! shortcut come from the command itself.

use egui::Ui;

use super::View;
use super::command::{Commands, SystemCommand, UiCommand};
use super::state::{Filter, Settings, ThemePref};

/// A menu button running `cmd`.
fn item(ui: &mut Ui, cmd: UiCommand, enabled: bool, commands: &mut Commands) {
    let mut b = egui::Button::new(cmd.label());
    if let Some(s) = cmd.shortcut_text(ui.ctx()) {
        b = b.shortcut_text(s);
    }
    if ui
        .add_enabled(enabled, b)
        .on_hover_text(cmd.tooltip())
        .clicked()
    {
        commands.push(cmd);
        ui.close();
    }
}

/// A checked menu entry running `cmd`.
fn check(ui: &mut Ui, cmd: UiCommand, checked: bool, commands: &mut Commands) {
    let mut b = egui::Button::selectable(checked, cmd.label());
    if let Some(s) = cmd.shortcut_text(ui.ctx()) {
        b = b.shortcut_text(s);
    }
    if ui.add(b).on_hover_text(cmd.tooltip()).clicked() {
        commands.push(cmd);
        ui.close();
    }
}

/// What the menu needs to know.
pub struct MenuState<'a> {
    pub settings: &'a Settings,
    pub has_set: bool,
    pub busy: bool,
    pub view: View,
}

pub fn menu_bar(ui: &mut Ui, s: &MenuState<'_>, commands: &mut Commands) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            item(ui, UiCommand::OpenFolder, true, commands);
            item(ui, UiCommand::OpenFolderByPath, true, commands);
            ui.menu_button("Open recent", |ui| {
                if s.settings.recent.is_empty() {
                    ui.label("No recent folders");
                }
                for dir in &s.settings.recent {
                    let exists = dir.is_dir();
                    let r = ui
                        .add_enabled(exists, egui::Button::new(dir.display().to_string()))
                        .on_disabled_hover_text("This folder no longer exists");
                    if r.clicked() {
                        commands.push(SystemCommand::OpenPath(dir.clone()));
                        ui.close();
                    }
                }
            });
            item(ui, UiCommand::OpenSeeds, true, commands);
            ui.separator();
            item(ui, UiCommand::Reload, s.has_set, commands);
            item(ui, UiCommand::CancelJob, s.busy, commands);
            ui.separator();
            item(ui, UiCommand::ExportReport, s.has_set, commands);
            ui.separator();
            item(ui, UiCommand::Quit, true, commands);
        });
        ui.menu_button("Edit", |ui| {
            item(ui, UiCommand::Copy, s.has_set, commands);
            ui.separator();
            item(ui, UiCommand::UndoCorrection, s.has_set, commands);
            item(ui, UiCommand::ToggleCorrections, s.has_set, commands);
            item(ui, UiCommand::ShowSources, s.has_set, commands);
            ui.separator();
            item(ui, UiCommand::Find, s.has_set, commands);
            item(ui, UiCommand::FindNext, s.has_set, commands);
            item(ui, UiCommand::FindPrev, s.has_set, commands);
            ui.separator();
            item(ui, UiCommand::ToggleSettings, true, commands);
        });
        ui.menu_button("View", |ui| {
            for v in View::ALL {
                check(ui, UiCommand::ShowView(v), s.view == v, commands);
            }
            ui.separator();
            for f in Filter::ALL {
                check(
                    ui,
                    UiCommand::SetFilter(f),
                    s.settings.filter == f,
                    commands,
                );
            }
            ui.separator();
            item(ui, UiCommand::ZoomIn, true, commands);
            item(ui, UiCommand::ZoomOut, true, commands);
            item(ui, UiCommand::ZoomReset, true, commands);
            ui.menu_button("Theme", |ui| {
                for t in ThemePref::ALL {
                    check(ui, UiCommand::SetTheme(t), s.settings.theme == t, commands);
                }
            });
            ui.separator();
            check(
                ui,
                UiCommand::ToggleSettings,
                s.settings.show_settings,
                commands,
            );
            check(
                ui,
                UiCommand::ToggleWarnings,
                s.settings.show_warnings,
                commands,
            );
        });
        ui.menu_button("Navigate", |ui| {
            for c in [
                UiCommand::NextDifference,
                UiCommand::PrevDifference,
                UiCommand::FirstDifference,
                UiCommand::LastDifference,
            ] {
                item(ui, c, s.has_set, commands);
            }
            ui.separator();
            for c in [
                UiCommand::SwapSides,
                UiCommand::NextLeftSource,
                UiCommand::PrevLeftSource,
                UiCommand::NextRightSource,
                UiCommand::PrevRightSource,
            ] {
                item(ui, c, s.has_set, commands);
            }
            ui.separator();
            item(ui, UiCommand::OpenSelectedEvent, s.has_set, commands);
        });
        ui.menu_button("Help", |ui| {
            item(ui, UiCommand::ShowShortcuts, true, commands);
            item(ui, UiCommand::ShowAbout, true, commands);
        });
    });
}

/// The view switcher (tabs).
pub fn view_tabs(ui: &mut Ui, current: View, commands: &mut Commands) {
    ui.horizontal_wrapped(|ui| {
        for v in View::ALL {
            let cmd = UiCommand::ShowView(v);
            let tip = match cmd.shortcut_text(ui.ctx()) {
                Some(s) => format!("{} ({s})", v.description()),
                None => v.description().to_owned(),
            };
            if ui
                .selectable_label(current == v, v.label())
                .on_hover_text(tip)
                .clicked()
            {
                commands.push(cmd);
            }
        }
    });
}

/// Help ▸ Keyboard shortcuts: every command with a shortcut, read from [`UiCommand`].
pub fn shortcuts_window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .collapsible(false)
        .default_width(460.0)
        .show(ctx, |ui| {
            ui.label("Single-key shortcuts work while no text field has focus.");
            ui.add_space(4.0);
            egui::ScrollArea::vertical()
                .max_height(480.0)
                .show(ui, |ui| {
                    egui::Grid::new("shortcuts")
                        .striped(true)
                        .num_columns(2)
                        .show(ui, |ui| {
                            for c in UiCommand::catalogue() {
                                let keys = c.shortcuts();
                                if keys.is_empty() {
                                    continue;
                                }
                                ui.label(c.label()).on_hover_text(c.tooltip());
                                let text: Vec<String> =
                                    keys.iter().map(|k| ctx.format_shortcut(k)).collect();
                                ui.monospace(text.join("  or  "));
                                ui.end_row();
                            }
                        });
                });
        });
}

pub fn about_window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("About Parallax")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.heading(format!("Parallax {}", env!("CARGO_PKG_VERSION")));
            ui.label(env!("CARGO_PKG_DESCRIPTION"));
            ui.add_space(6.0);
            ui.label(
                "Red marks words only the left source uses, green words only the right source \
                 uses. Hatched cells mark passages the other source does not report. Coloured \
                 underlines are framing: hover them for an explanation.",
            );
        });
}
