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
    // One line per entry, and only the lines in view are laid out: a folder of thousands of
    // skipped files would otherwise cost thousands of labels every frame the panel is open.
    // The grid keeps its column widths across frames, so columns stay aligned while scrolling.
    let gap = 4.0;
    let row_h = ui
        .text_style_height(&egui::TextStyle::Body)
        .max(ui.text_style_height(&egui::TextStyle::Monospace))
        + gap;
    egui::ScrollArea::vertical()
        .id_salt("warnings_list")
        .auto_shrink([false, true])
        .show_rows(ui, row_h, errors.len() + warnings.len(), |ui, range| {
            egui::Grid::new("warnings_grid")
                .striped(true)
                .num_columns(3)
                .spacing([16.0, gap])
                .min_row_height(row_h - gap)
                .start_row(range.start)
                .show(ui, |ui| {
                    for i in range {
                        if let Some(m) = errors.get(i) {
                            ui.label(RichText::new("Error").color(ui.visuals().error_fg_color));
                            ui.label("");
                            ui.label(&m.text);
                        } else if let Some(w) = warnings.get(i - errors.len()) {
                            // The tag says whether the file was skipped; the reason is the
                            // kind's own sentence (no "; skipped" repeating the tag).
                            let (tag, color) = if w.kind.skips() {
                                ("Skipped", ui.visuals().warn_fg_color)
                            } else {
                                ("Loaded with caveat", ui.visuals().weak_text_color())
                            };
                            ui.label(RichText::new(tag).color(color));
                            ui.monospace(&w.file);
                            ui.label(w.kind.to_string());
                        }
                        ui.end_row();
                    }
                });
        });
}
