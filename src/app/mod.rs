//! The desktop viewer (eframe/egui): opens an article set and shows two sources side by side.
//! Only draws the engine's plain data; never computes alignment or diffs itself.

use crate::cli::ViewArgs;

/// Opens the viewer window; returns when it is closed.
pub fn run(args: ViewArgs) -> Result<(), String> {
    let _ = args;
    let options = eframe::NativeOptions::default();
    eframe::run_native(
        "Parallax",
        options,
        Box::new(|_cc| Ok(Box::new(ParallaxApp::default()))),
    )
    .map_err(|e| e.to_string())
}

#[derive(Default)]
pub struct ParallaxApp {}

impl eframe::App for ParallaxApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("Parallax");
        });
    }
}
