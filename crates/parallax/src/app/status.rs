//! The status bar: what is open (articles, passages, links), the running job with its
//! progress bar and Cancel button, the last message, and the warnings button.

use egui::{RichText, Ui};

use super::command::{Commands, UiCommand};
use super::jobs::Jobs;
use crate::model::Analysis;

/// One message shown in the status bar and kept in the warnings panel's log.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

pub struct StatusInput<'a> {
    pub analysis: Option<&'a Analysis>,
    pub source: Option<String>,
    pub jobs: &'a Jobs,
    pub last: Option<&'a Message>,
    pub warnings: usize,
    pub errors: usize,
    /// (same, changed, left only, right only) of the pair shown.
    pub counts: Option<(usize, usize, usize, usize)>,
}

/// Where the job building what a view draws stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending<'a> {
    /// Still building.
    Building,
    /// The job failed (it panicked): why.
    Failed(&'a str),
    /// The user cancelled it (Esc).
    Cancelled,
}

/// What a view shows while a background job builds what it draws: a spinner and `building`
/// (e.g. "Building the story map…"); when the job failed, `what` and the reason in the error
/// colour ("The story map could not be built: …"); when it was cancelled, says so with a
/// *Build it* button. True when that button was clicked (the view then asks again).
pub fn pending(ui: &mut Ui, building: &str, what: &str, state: Pending<'_>) -> bool {
    match state {
        Pending::Failed(reason) => {
            ui.label(
                egui::RichText::new(format!("{what} could not be built: {reason}."))
                    .color(ui.visuals().error_fg_color),
            );
            false
        }
        Pending::Cancelled => {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{what} was not built: cancelled."));
                ui.button("Build it")
                    .on_hover_text("Build it again in the background")
                    .clicked()
            })
            .inner
        }
        Pending::Building => {
            ui.horizontal(|ui| {
                spinner(ui);
                ui.label(building);
            });
            false
        }
    }
}

/// A busy indicator like `egui::Spinner`, but one that does not ask for a repaint every frame.
/// egui's spinner (and an animated progress bar) repaint as fast as the display allows; with
/// software rendering (no GPU, a remote or virtual display) that took 2–3 times the CPU of the
/// analysis it waited for, and the analysis, on lowered-priority threads, got the rest: the
/// GUI took several times the CLI's time on the same folder. While a job runs the app repaints
/// every 60 ms (`ParallaxApp::ui`), which animates this one at about 16 frames a second.
pub fn spinner(ui: &mut Ui) {
    let size = ui.style().spacing.interact_size.y;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    if !ui.is_rect_visible(rect) {
        return;
    }
    let color = ui.visuals().strong_text_color();
    let radius = (rect.height() / 2.0) - 2.0;
    let n = 20;
    let time = ui.input(|i| i.time);
    let start = time * std::f64::consts::TAU;
    let end = start + 240f64.to_radians() * time.sin();
    let points: Vec<egui::Pos2> = (0..n)
        .map(|i| {
            let angle = start + (end - start) * f64::from(i) / f64::from(n);
            let (sin, cos) = angle.sin_cos();
            rect.center() + radius * egui::vec2(cos as f32, sin as f32)
        })
        .collect();
    ui.painter()
        .add(egui::Shape::line(points, egui::Stroke::new(3.0, color)));
}

/// Room the last message keeps in the status bar before the counts on the right give way.
pub const MESSAGE_MIN_W: f32 = 240.0;

/// The width `text` takes as a label of `ui`.
fn text_width(ui: &Ui, text: &str) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    ui.fonts_mut(|f| {
        f.layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE)
            .size()
            .x
    })
}

/// The status bar, laid out from the right: the warnings button always, then the pair's and
/// the set's counts and the set's path while the message keeps [`MESSAGE_MIN_W`], then the
/// running job and the last message in what is left, cut with "…" (the whole text, and any
/// count that did not fit, in its tooltip). Nothing overlaps at any window width.
pub fn status_bar(ui: &mut Ui, s: &StatusInput<'_>, commands: &mut Commands) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        let n = s.warnings + s.errors;
        let label = match n {
            0 => "No warnings".to_owned(),
            n => super::plural(n, "warning", "warnings"),
        };
        let text = if n > 0 {
            RichText::new(label).color(ui.visuals().warn_fg_color)
        } else {
            RichText::new(label)
        };
        if ui
            .selectable_label(false, text)
            .on_hover_text(UiCommand::ToggleWarnings.tooltip())
            .clicked()
        {
            commands.push(UiCommand::ToggleWarnings);
        }
        let mut facts: Vec<(String, bool)> = Vec::new();
        if let Some(a) = s.analysis {
            let passages: usize = a.alignment.passages.iter().map(Vec::len).sum();
            if let Some((same, changed, lo, ro)) = s.counts {
                facts.push((
                    format!(
                        "{same} identical · {changed} reworded · {lo} only left · {ro} only right"
                    ),
                    false,
                ));
            }
            facts.push((
                format!(
                    "{} · {} · {}",
                    super::plural(a.corpus.articles.len(), "article", "articles"),
                    super::plural(passages, "passage", "passages"),
                    super::plural(a.alignment.links.len(), "link", "links")
                ),
                false,
            ));
            if let Some(src) = &s.source {
                facts.push((src.clone(), true));
            }
        }
        let reserve = MESSAGE_MIN_W + if s.jobs.load.is_some() { 260.0 } else { 0.0 };
        let mut left_out = Vec::new();
        for (fact, weak) in facts {
            let w = text_width(ui, &fact) + ui.spacing().item_spacing.x * 2.0 + 8.0;
            if ui.available_width() - w >= reserve {
                ui.separator();
                let t = if weak {
                    RichText::new(fact).weak()
                } else {
                    RichText::new(fact)
                };
                ui.label(t);
            } else {
                left_out.push(fact);
            }
        }
        ui.separator();
        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
            if let Some(job) = s.jobs.load.as_ref() {
                spinner(ui);
                let (stage, done, total) = job.progress.snapshot();
                let stage = if stage.is_empty() {
                    job.label.clone()
                } else {
                    stage
                };
                let frac = job.progress.fraction();
                let text = match frac {
                    Some(_) => format!("{stage} {done}/{total}"),
                    None => format!("{stage}…"),
                };
                let bar = egui::ProgressBar::new(frac.unwrap_or(0.0))
                    .desired_width((ui.available_width() * 0.4).clamp(80.0, 180.0))
                    .text(text)
                    // Not `animate`: it repaints every frame (see `spinner`).
                    .animate(false);
                ui.add(bar);
                if ui
                    .button("Cancel")
                    .on_hover_text(UiCommand::CancelJob.tooltip())
                    .clicked()
                {
                    commands.push(UiCommand::CancelJob);
                }
                ui.separator();
            }
            if let Some(m) = s.last {
                let color = if m.error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().weak_text_color()
                };
                let mut tip = m.text.clone();
                for f in &left_out {
                    tip.push('\n');
                    tip.push_str(f);
                }
                ui.add(egui::Label::new(RichText::new(&m.text).color(color)).truncate())
                    .on_hover_text(tip);
            } else if !left_out.is_empty() {
                ui.add(egui::Label::new(RichText::new(left_out.join(" · ")).weak()).truncate());
            }
        });
    });
}
