//! The warnings panel: files the loader skipped or loaded with a caveat (with the reason), and
//! the errors of this session (failed opens), newest first.

use egui::{RichText, Ui};

use super::status::Message;
use crate::corpus::Warning;

pub fn panel(ui: &mut Ui, warnings: &[Warning], log: &[Message], open: &mut bool) {
    ui.horizontal(|ui| {
        ui.strong("Warnings and errors");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("Close")
                .on_hover_text("Hide the warnings panel")
                .clicked()
            {
                *open = false;
            }
        });
    });
    ui.separator();
    let errors: Vec<&Message> = log.iter().rev().filter(|m| m.error).collect();
    if warnings.is_empty() && errors.is_empty() {
        ui.label(RichText::new("Nothing to report: every file loaded cleanly.").weak());
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("warnings_list")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("warnings_grid")
                .striped(true)
                .num_columns(3)
                .spacing([16.0, 4.0])
                .show(ui, |ui| {
                    for m in &errors {
                        ui.label(RichText::new("Error").color(ui.visuals().error_fg_color));
                        ui.label("");
                        ui.label(&m.text);
                        ui.end_row();
                    }
                    for w in warnings {
                        let (tag, color) = if w.skipped {
                            ("Skipped", ui.visuals().warn_fg_color)
                        } else {
                            ("Loaded with caveat", ui.visuals().weak_text_color())
                        };
                        ui.label(RichText::new(tag).color(color));
                        ui.monospace(&w.file);
                        ui.label(&w.reason);
                        ui.end_row();
                    }
                });
        });
}
