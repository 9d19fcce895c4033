//! Framing review: each source's framing profile as a bar chart (category hits per 1,000 own
//! words, own vs quoted words, share of text no other source reports), then the naming
//! families × sources, speakers × sources and verbatim reuse tables. Every figure is clickable:
//! it lists the passages behind it in a side panel, each of which opens side by side. Only
//! draws the engine's `framing::SourceProfile`s; the bars are painted (no plotting crate is
//! needed for bars, and painted bars follow the theme's colours).

use std::collections::BTreeMap;

use egui::{Color32, CornerRadius, FontId, RichText, ScrollArea, Sense, Ui, vec2};

use super::side_by_side::ViewCtx;
use super::story_map::{open_passage, passage_at, snippet};
use super::theme::{Palette, category_color};
use crate::align::PassageRef;
use crate::framing::Framing;
use crate::model::Analysis;

/// A figure the user clicked and the passages behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub title: String,
    pub passages: Vec<PassageRef>,
    /// The words that made the figure, highlighted in the listed passages: (article, byte
    /// range into its body). Empty when the figure counts whole passages.
    pub words: Vec<(usize, std::ops::Range<usize>)>,
}

/// Framing review state.
#[derive(Default)]
pub struct FramingView {
    /// The figure whose passages are listed.
    pub figure: Option<Figure>,
    generation: Option<u64>,
}

const BAR_W: f32 = 56.0;
const BAR_H: f32 = 20.0;
/// Room kept for the figure beside a bar.
const NUM_MIN_W: f32 = 34.0;

/// One listed passage of a figure: "Source: text", with the figure's words in the passage
/// drawn strong on the search highlight.
fn figure_passage_job(
    a: &Analysis,
    fig: &Figure,
    pr: PassageRef,
    src: &str,
    ui: &Ui,
    p: &Palette,
) -> egui::text::LayoutJob {
    let text = a.passage_text(pr);
    let span = a
        .alignment
        .passages
        .get(pr.article)
        .and_then(|ps| ps.get(pr.passage))
        .map(|s| s.span.range());
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = egui::TextFormat::simple(font.clone(), p.text);
    let marked = egui::TextFormat {
        background: p.search_bg,
        color: p.heading_text,
        ..egui::TextFormat::simple(font, p.text)
    };
    let mut job = egui::text::LayoutJob::default();
    job.append(&format!("{src}: "), 0.0, plain.clone());
    let mut cuts: Vec<std::ops::Range<usize>> = span
        .map(|sp| {
            fig.words
                .iter()
                .filter(|(art, r)| *art == pr.article && r.start < sp.end && sp.start < r.end)
                .map(|(_, r)| r.start.max(sp.start) - sp.start..r.end.min(sp.end) - sp.start)
                .collect()
        })
        .unwrap_or_default();
    cuts.sort_by_key(|r| r.start);
    let mut at = 0;
    for r in cuts {
        let (Some(before), Some(word)) = (
            text.get(at..r.start.max(at)),
            text.get(r.start.max(at)..r.end),
        ) else {
            continue;
        };
        job.append(before, 0.0, plain.clone());
        job.append(word, 0.0, marked.clone());
        at = r.end.max(at);
    }
    job.append(text.get(at..).unwrap_or(""), 0.0, plain);
    job
}

/// Passages of `article` overlapping any of `ranges` (body byte ranges), in order, unique.
fn passages_of(
    a: &Analysis,
    article: usize,
    ranges: impl Iterator<Item = std::ops::Range<usize>>,
) -> Vec<PassageRef> {
    let mut out: Vec<usize> = Vec::new();
    let ps = a.alignment.passages.get(article);
    for r in ranges {
        let first = passage_at(a, article, r.start);
        let mut i = first.unwrap_or(0);
        if first.is_none() {
            continue;
        }
        // A quotation may run over several sentences.
        while let Some(s) = ps.and_then(|ps| ps.get(i)) {
            if s.span.start >= r.end.max(r.start + 1) {
                break;
            }
            out.push(i);
            i += 1;
        }
    }
    out.sort_unstable();
    out.dedup();
    out.into_iter()
        .map(|passage| PassageRef { article, passage })
        .collect()
}

/// Passages holding marks of `category` (exact id, or any id with this prefix + '.').
/// The marks of `category` in `article`, as (article, body range) for [`Figure::words`].
fn mark_words(f: &Framing, article: usize, category: &str) -> Vec<(usize, std::ops::Range<usize>)> {
    f.articles.get(article).map_or_else(Vec::new, |af| {
        af.marks
            .iter()
            .filter(|m| m.category == category)
            .map(|m| (article, m.range.clone()))
            .collect()
    })
}

fn mark_passages(a: &Analysis, f: &Framing, article: usize, category: &str) -> Vec<PassageRef> {
    let Some(af) = f.articles.get(article) else {
        return Vec::new();
    };
    passages_of(
        a,
        article,
        af.marks
            .iter()
            .filter(|m| m.category == category)
            .map(|m| m.range.clone()),
    )
}

fn speaker_key(name: &str) -> String {
    name.split_whitespace()
        .last()
        .unwrap_or(name)
        .to_lowercase()
}

/// A painted bar followed by its figure; returns the click response. The number sits beside
/// the bar, never on it, so it reads on every fill colour in both themes.
fn bar(
    ui: &mut Ui,
    frac: f32,
    text: &str,
    color: Color32,
    p: &Palette,
    name: &str,
) -> egui::Response {
    let font = FontId::proportional(12.5);
    let galley = ui.painter().layout_no_wrap(text.to_owned(), font, p.text);
    let (rect, resp) = ui.allocate_exact_size(
        vec2(BAR_W + 6.0 + galley.size().x.max(NUM_MIN_W), BAR_H),
        Sense::click(),
    );
    let painter = ui.painter_at(rect);
    let track = egui::Rect::from_min_size(rect.min + vec2(0.0, 4.0), vec2(BAR_W, BAR_H - 8.0));
    painter.rect_filled(track, CornerRadius::same(2), p.gutter_bg);
    painter.rect_stroke(
        track,
        CornerRadius::same(2),
        egui::Stroke::new(1.0, p.grid),
        egui::StrokeKind::Inside,
    );
    let w = (track.width() * frac.clamp(0.0, 1.0)).max(if frac > 0.0 { 2.0 } else { 0.0 });
    painter.rect_filled(
        egui::Rect::from_min_size(track.min, vec2(w, track.height())),
        CornerRadius::same(2),
        color,
    );
    painter.galley(
        egui::pos2(track.right() + 6.0, rect.center().y - galley.size().y / 2.0),
        galley,
        p.text,
    );
    if resp.hovered() {
        painter.rect_stroke(
            rect,
            CornerRadius::same(2),
            egui::Stroke::new(1.5, p.current_row),
            egui::StrokeKind::Inside,
        );
    }
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
    resp
}

/// Height of the profile table's heading row (three lines of a wrapped heading), the same in
/// the frozen source column and the scrolling figures so their rows line up.
const HEAD_H: f32 = 52.0;
/// Widest the frozen source column gets.
const SOURCE_W: f32 = 200.0;
/// Height of a profile row (a bar), the same in both halves of the table.
const ROW_H: f32 = BAR_H + 2.0;

/// A column heading wrapped to the width of a bar column.
fn heading(ui: &mut Ui, text: &str, tip: &str) {
    head_cell(ui, BAR_W + 6.0 + NUM_MIN_W, text, tip);
}

/// A heading cell of exactly [`HEAD_H`], text at its bottom, at least `width` wide.
fn head_cell(ui: &mut Ui, width: f32, text: &str, tip: &str) {
    ui.allocate_ui_with_layout(
        vec2(width.max(1.0), HEAD_H),
        egui::Layout::bottom_up(egui::Align::Min),
        |ui| {
            ui.set_min_size(vec2(width, HEAD_H));
            ui.set_max_height(HEAD_H);
            ui.add(egui::Label::new(RichText::new(text).strong()).wrap())
                .on_hover_text(tip);
        },
    );
}

/// Room under a table in a horizontal scroll area for its scroll bar, which floats over the
/// content and would cover the last row.
fn scroll_bar_room(ui: &mut Ui) {
    let s = &ui.spacing().scroll;
    ui.add_space(s.bar_width + s.bar_outer_margin);
}

/// A scroll bar that is drawn while the pointer is elsewhere, wide enough to see (egui's
/// default bar appears only on hover), and widens when hovered.
fn visible_bar() -> egui::style::ScrollStyle {
    egui::style::ScrollStyle {
        floating_width: 5.0,
        ..egui::style::ScrollStyle::thin()
    }
}

/// The sources as column headings (the naming and speaker tables).
fn source_headings(ui: &mut Ui, f: &Framing) {
    for pr in &f.profiles {
        ui.strong(&pr.source);
    }
}

/// Which row of a [`frozen_table`] a cell is drawn for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TableRow {
    Header,
    Row(usize),
}

/// A table whose first column (what each row is: a source, a naming family, a speaker) stays
/// put while the other columns scroll sideways, as a spreadsheet's frozen column. The other
/// columns are one [`egui::Grid`] in a horizontal scroll area; the first column is drawn
/// beside it afterwards, row by row at the heights the grid gave its rows (so the other cells
/// may wrap and both halves still line up), with the grid's stripes. A first cell is one line
/// (truncated, the whole text on hover), as it cannot make its row taller. `first` draws a
/// row's first cell, `rest` the row's other cells (one grid cell each).
fn frozen_table(
    ui: &mut Ui,
    id: &str,
    first_w: f32,
    heading: &str,
    row_heads: &[String],
    mut rest: impl FnMut(&mut Ui, TableRow),
) {
    let rows = row_heads.len();
    let spacing = vec2(14.0, 6.0);
    ui.horizontal_top(|ui| {
        let left = ui.cursor().left();
        ui.add_space(first_w + spacing.x);
        let mut tops: Vec<f32> = Vec::with_capacity(rows + 2);
        let mut bottom = ui.cursor().top();
        // A thin bar that is always drawn: a table cut at the window's edge shows at once
        // that it scrolls sideways (egui's default bar appears only on hover).
        ui.spacing_mut().scroll = visible_bar();
        ScrollArea::horizontal().id_salt(id).show(ui, |ui| {
            let g = egui::Grid::new(id)
                .striped(true)
                .spacing(spacing)
                .min_row_height(ui.spacing().interact_size.y)
                .show(ui, |ui| {
                    for r in std::iter::once(TableRow::Header).chain((0..rows).map(TableRow::Row)) {
                        tops.push(ui.cursor().top());
                        rest(ui, r);
                        ui.end_row();
                    }
                });
            bottom = g.response.rect.bottom();
            scroll_bar_room(ui);
        });
        tops.push(bottom + spacing.y);
        let stripe = ui.visuals().faint_bg_color;
        for (i, r) in std::iter::once(TableRow::Header)
            .chain((0..rows).map(TableRow::Row))
            .enumerate()
        {
            let (Some(&top), Some(&next)) = (tops.get(i), tops.get(i + 1)) else {
                break;
            };
            let rect = egui::Rect::from_min_max(
                egui::pos2(left, top),
                egui::pos2(left + first_w, (next - spacing.y).max(top)),
            );
            if i % 2 == 1 {
                // The grid's stripe, continued under the frozen cell.
                ui.painter()
                    .rect_filled(rect.expand2(spacing * 0.5), 0.0, stripe);
            }
            ui.scope_builder(
                egui::UiBuilder::new()
                    .max_rect(rect)
                    .layout(egui::Layout::left_to_right(egui::Align::Center)),
                |ui| {
                    ui.set_clip_rect(rect.intersect(ui.clip_rect()));
                    match r {
                        TableRow::Header => {
                            ui.strong(heading);
                        }
                        TableRow::Row(i) => {
                            let text = row_heads.get(i).map_or("", String::as_str);
                            ui.add(egui::Label::new(RichText::new(text).strong()).truncate())
                                .on_hover_text(text);
                        }
                    }
                },
            );
        }
    });
}

impl FramingView {
    fn draw(&mut self, ui: &mut Ui, cx: &mut ViewCtx<'_>) {
        let (generation, pair) = (cx.generation, cx.pair);
        if self.generation != Some(generation) {
            self.figure = None;
            self.generation = Some(generation);
        }
        let Some(a) = cx.analysis else {
            ui.centered_and_justified(|ui| {
                ui.label(if cx.loading {
                    "Loading…"
                } else {
                    "Open a folder of articles to review its framing."
                });
            });
            return;
        };
        let Some(f) = &a.framing else {
            ui.label("This set has no framing data.");
            return;
        };
        let mut close = false;
        if let Some(fig) = &self.figure {
            egui::Panel::right("framing_passages")
                .resizable(true)
                .default_size(380.0)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.strong(&fig.title);
                        if ui
                            .small_button("Close")
                            .on_hover_text("Close this list")
                            .clicked()
                        {
                            close = true;
                        }
                    });
                    ui.label(
                        RichText::new(format!(
                            "{} · click one to open it side by side",
                            super::plural(fig.passages.len(), "passage", "passages")
                        ))
                        .color(cx.palette.weak_text),
                    );
                    ui.separator();
                    ScrollArea::vertical()
                        .id_salt("framing_passages_list")
                        .show(ui, |ui| {
                            if fig.passages.is_empty() {
                                ui.label("No passage holds this figure.");
                            }
                            for pr in &fig.passages {
                                let src = a.article(pr.article).map_or("", |x| x.source.as_str());
                                let text = a.passage_text(*pr);
                                // The whole passage, the words that made the figure marked.
                                let job = figure_passage_job(a, fig, *pr, src, ui, &cx.palette);
                                let r = ui
                                    .add(egui::Button::new(job).wrap().frame(true))
                                    .on_hover_text(text);
                                if r.clicked() {
                                    cx.commands
                                        .push(open_passage(a, pair, pr.article, pr.passage));
                                }
                            }
                        });
                });
        }
        if close {
            self.figure = None;
        }
        egui::CentralPanel::default().show(ui, |ui| {
            // Vertical only: each wide table scrolls sideways by itself, its first column
            // frozen, so the page never moves the names out of view.
            ScrollArea::vertical()
                .id_salt("framing_review")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    self.profiles_ui(ui, a, f, &cx.palette, cx.legend);
                    ui.add_space(16.0);
                    self.naming_ui(ui, a, f, &cx.palette);
                    ui.add_space(16.0);
                    self.speakers_ui(ui, a, f, &cx.palette);
                    ui.add_space(16.0);
                    self.reuse_ui(ui, a, f, &cx.palette);
                });
        });
    }

    fn profiles_ui(
        &mut self,
        ui: &mut Ui,
        a: &Analysis,
        f: &Framing,
        p: &Palette,
        legend: &crate::legend::Legend,
    ) {
        ui.heading("Framing profile per source");
        ui.label(
            RichText::new(
                "Hits per 1,000 of the outlet's own words (quotations excluded); bars compare \
                 sources within each column. Click a figure to list its passages.",
            )
            .color(p.weak_text),
        );
        ui.add_space(6.0);
        // Categories any source uses, in lexicon order (naming families have their own table).
        let cats: Vec<(String, String)> = f
            .categories
            .iter()
            .filter(|c| !c.id.starts_with("naming"))
            .filter(|c| {
                f.profiles.iter().any(|pr| {
                    pr.categories
                        .iter()
                        .any(|s| s.id == c.id && s.own + s.quoted > 0)
                })
            })
            .map(|c| (c.id.clone(), c.label.clone()))
            .collect();
        let max_of = |id: &str| {
            f.profiles
                .iter()
                .flat_map(|pr| pr.categories.iter().filter(|s| s.id == id))
                .map(|s| s.per_1000)
                .fold(0.0f32, f32::max)
        };
        let maxes: Vec<f32> = cats.iter().map(|(id, _)| max_of(id)).collect();
        let max_unique = f
            .profiles
            .iter()
            .map(|pr| pr.unique_share)
            .fold(0.0f32, f32::max);
        let mut pick: Option<Figure> = None;
        // The source column stays put while the figures scroll sideways: two grids with the
        // same row heights, the second in its own horizontal scroll area.
        let w = (ui.available_width() * 0.2).clamp(90.0, SOURCE_W);
        ui.horizontal_top(|ui| {
            egui::Grid::new("framing_profiles_sources")
                .striped(true)
                .spacing(vec2(10.0, 6.0))
                .min_row_height(ROW_H)
                .show(ui, |ui| {
                    head_cell(ui, w, "Source", "The outlet (hover a name for its title)");
                    ui.end_row();
                    for pr in &f.profiles {
                        let art = a.article(pr.article);
                        ui.allocate_ui_with_layout(
                            vec2(w, ROW_H),
                            egui::Layout::left_to_right(egui::Align::Center),
                            |ui| {
                                ui.set_min_size(vec2(w, ROW_H));
                                ui.add(
                                    egui::Label::new(RichText::new(&pr.source).strong()).truncate(),
                                )
                                .on_hover_text(
                                    art.map(|x| format!("{}\n{}", x.title, x.file))
                                        .unwrap_or_default(),
                                );
                            },
                        );
                        ui.end_row();
                    }
                });
            // Always drawn, as in the other tables (see `frozen_table`).
            ui.spacing_mut().scroll = visible_bar();
            ScrollArea::horizontal()
                .id_salt("framing_profiles_figures")
                .show(ui, |ui| {
                    self.profile_figures(ui, a, f, p, legend, &cats, &maxes, max_unique, &mut pick);
                    scroll_bar_room(ui);
                });
        });
        if pick.is_some() {
            self.figure = pick;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn profile_figures(
        &mut self,
        ui: &mut Ui,
        a: &Analysis,
        f: &Framing,
        p: &Palette,
        legend: &crate::legend::Legend,
        cats: &[(String, String)],
        maxes: &[f32],
        max_unique: f32,
        pick: &mut Option<Figure>,
    ) {
        {
            egui::Grid::new("framing_profiles")
                .striped(true)
                .spacing(vec2(10.0, 6.0))
                .min_row_height(ROW_H)
                .show(ui, |ui| {
                    head_cell(
                        ui,
                        40.0,
                        "Words",
                        "All words; the bar shows the quoted share",
                    );
                    heading(ui, "Quoted words", "Words inside direct quotations");
                    heading(
                        ui,
                        "Only here",
                        "Share of the article's words in passages no other source reports",
                    );
                    for (id, label) in cats {
                        heading(ui, label, &f.describe(id).map(|d| d.1).unwrap_or_default());
                    }
                    ui.end_row();
                    for pr in &f.profiles {
                        ui.label(pr.words.to_string());
                        let qshare = if pr.words == 0 {
                            0.0
                        } else {
                            pr.quoted_words as f32 / pr.words as f32
                        };
                        let r = bar(
                            ui,
                            qshare,
                            &format!("{:.0}%", qshare * 100.0),
                            p.quote_fg,
                            p,
                            &format!("{}: quoted words", pr.source),
                        )
                        .on_hover_text(format!(
                            "{} own words, {} quoted words. Click to list the quotations.",
                            pr.own_words, pr.quoted_words
                        ));
                        if r.clicked() {
                            let ranges = f
                                .articles
                                .get(pr.article)
                                .map(|af| {
                                    af.quotes
                                        .iter()
                                        .filter(|q| !q.scare)
                                        .map(|q| q.range.clone())
                                        .collect::<Vec<_>>()
                                })
                                .unwrap_or_default();
                            *pick = Some(Figure {
                                title: format!("{}: quotations", pr.source),
                                words: ranges.iter().map(|r| (pr.article, r.clone())).collect(),
                                passages: passages_of(a, pr.article, ranges.into_iter()),
                            });
                        }
                        let frac = if max_unique > 0.0 {
                            pr.unique_share / max_unique
                        } else {
                            0.0
                        };
                        let r = bar(
                            ui,
                            frac,
                            &format!("{:.0}%", pr.unique_share * 100.0),
                            Color32::from_rgb(215, 120, 20),
                            p,
                            &format!("{}: only here", pr.source),
                        )
                        .on_hover_text(format!(
                            "{} no other source reports",
                            super::plural(pr.unique_passages, "passage", "passages")
                        ));
                        if r.clicked() {
                            *pick = Some(Figure {
                                title: format!("{}: reported by no other source", pr.source),
                                passages: a
                                    .alignment
                                    .unique_passages(pr.article)
                                    .into_iter()
                                    .map(|passage| PassageRef {
                                        article: pr.article,
                                        passage,
                                    })
                                    .collect(),
                                words: Vec::new(),
                            });
                        }
                        for ((id, label), max) in cats.iter().zip(maxes) {
                            let stat = pr.categories.iter().find(|s| &s.id == id);
                            let (own, quoted, per) =
                                stat.map_or((0, 0, 0.0), |s| (s.own, s.quoted, s.per_1000));
                            let frac = if *max > 0.0 { per / max } else { 0.0 };
                            let r = bar(
                                ui,
                                frac,
                                &format!("{per:.1}"),
                                category_color(legend.colour(id), p.dark),
                                p,
                                &format!("{}: {label}", pr.source),
                            )
                            .on_hover_text(format!(
                                "{label}: {own} in the outlet's own words, {quoted} in quotations"
                            ));
                            if r.clicked() {
                                *pick = Some(Figure {
                                    title: format!("{}: {label}", pr.source),
                                    passages: mark_passages(a, f, pr.article, id),
                                    words: mark_words(f, pr.article, id),
                                });
                            }
                        }
                        ui.end_row();
                    }
                });
        }
    }

    fn naming_ui(&mut self, ui: &mut Ui, a: &Analysis, f: &Framing, p: &Palette) {
        ui.heading("Naming choices");
        ui.label(
            RichText::new(
                "Which words each source uses for the same thing (own words; quoted in brackets).",
            )
            .color(p.weak_text),
        );
        // family id → label, in lexicon order, for families anyone uses.
        let mut fams: Vec<(String, String)> = Vec::new();
        for fam in &f.families {
            if f.profiles
                .iter()
                .any(|pr| pr.naming.iter().any(|n| n.family == fam.id))
            {
                fams.push((fam.id.clone(), fam.label.clone()));
            }
        }
        if fams.is_empty() {
            ui.label("No naming family appears in this set.");
            return;
        }
        let mut pick = None;
        let w = (ui.available_width() * 0.2).clamp(90.0, SOURCE_W);
        frozen_table(
            ui,
            "framing_naming",
            w,
            "Family",
            &fams.iter().map(|(_, l)| l.clone()).collect::<Vec<_>>(),
            |ui, r| {
                let fam = match r {
                    TableRow::Header => return source_headings(ui, f),
                    TableRow::Row(i) => fams.get(i),
                };
                let Some((id, label)) = fam else { return };
                for pr in &f.profiles {
                    let Some(n) = pr.naming.iter().find(|n| &n.family == id) else {
                        ui.label(RichText::new("—").color(p.weak_text));
                        continue;
                    };
                    let text: Vec<String> = n
                        .terms
                        .iter()
                        .map(|t| match (t.own, t.quoted) {
                            (o, 0) => format!("{} {o}", t.term),
                            (0, q) => format!("({} {q})", t.term),
                            (o, q) => format!("{} {o} ({q})", t.term),
                        })
                        .collect();
                    let r = ui
                        .scope(|ui| {
                            ui.set_max_width(210.0);
                            ui.add(egui::Button::new(text.join(", ")).frame(false).wrap())
                        })
                        .inner
                        .on_hover_text("Click to list the passages");
                    if r.clicked() {
                        pick = Some(Figure {
                            title: format!("{}: {label}", pr.source),
                            passages: mark_passages(a, f, pr.article, &format!("naming.{id}")),
                            words: mark_words(f, pr.article, &format!("naming.{id}")),
                        });
                    }
                }
            },
        );
        if pick.is_some() {
            self.figure = pick;
        }
    }

    fn speakers_ui(&mut self, ui: &mut Ui, a: &Analysis, f: &Framing, p: &Palette) {
        ui.heading("Who is quoted");
        ui.label(
            RichText::new("Quotations and quoted words per speaker and source.").color(p.weak_text),
        );
        // Speaker key → (display name, total words) for ordering.
        let mut speakers: BTreeMap<String, (String, usize)> = BTreeMap::new();
        for pr in &f.profiles {
            for s in &pr.speakers {
                let e = speakers
                    .entry(speaker_key(&s.name))
                    .or_insert_with(|| (s.name.clone(), 0));
                e.1 += s.words;
                if s.name.len() > e.0.len() {
                    e.0.clone_from(&s.name);
                }
            }
        }
        if speakers.is_empty() {
            ui.label("No quotation with a known speaker in this set.");
            return;
        }
        let mut order: Vec<(String, String, usize)> =
            speakers.into_iter().map(|(k, (n, w))| (k, n, w)).collect();
        order.sort_by(|x, y| y.2.cmp(&x.2).then(x.1.cmp(&y.1)));
        let max_words = f
            .profiles
            .iter()
            .flat_map(|pr| pr.speakers.iter().map(|s| s.words))
            .max()
            .unwrap_or(1)
            .max(1);
        let mut pick = None;
        let w = (ui.available_width() * 0.2).clamp(90.0, SOURCE_W);
        frozen_table(
            ui,
            "framing_speakers",
            w,
            "Speaker",
            &order.iter().map(|(_, n, _)| n.clone()).collect::<Vec<_>>(),
            |ui, r| {
                let row = match r {
                    TableRow::Header => return source_headings(ui, f),
                    TableRow::Row(i) => order.get(i),
                };
                let Some((key, name, _)) = row else { return };
                for pr in &f.profiles {
                    let Some(s) = pr.speakers.iter().find(|s| speaker_key(&s.name) == *key) else {
                        ui.label(RichText::new("—").color(p.weak_text));
                        continue;
                    };
                    let r = bar(
                        ui,
                        s.words as f32 / max_words as f32,
                        &format!(
                            "{}, {}×",
                            crate::app::plural(s.words, "word", "words"),
                            s.quotes
                        ),
                        p.quote_fg,
                        p,
                        &format!("{}: {name}", pr.source),
                    )
                    .on_hover_text(format!(
                        "{} quotes {name} {}, {}",
                        pr.source,
                        match s.quotes {
                            1 => "once".to_owned(),
                            n => format!("{n} times"),
                        },
                        crate::app::plural(s.words, "word", "words")
                    ));
                    if r.clicked() {
                        let ranges: Vec<_> = f
                            .articles
                            .get(pr.article)
                            .map(|af| {
                                af.quotes
                                    .iter()
                                    .filter(|q| {
                                        q.speaker.as_deref().map(speaker_key).as_ref() == Some(key)
                                    })
                                    .map(|q| q.range.clone())
                                    .collect()
                            })
                            .unwrap_or_default();
                        pick = Some(Figure {
                            title: format!("{}: quotations of {name}", pr.source),
                            words: ranges.iter().map(|r| (pr.article, r.clone())).collect(),
                            passages: passages_of(a, pr.article, ranges.into_iter()),
                        });
                    }
                }
            },
        );
        if pick.is_some() {
            self.figure = pick;
        }
    }

    fn reuse_ui(&mut self, ui: &mut Ui, a: &Analysis, f: &Framing, p: &Palette) {
        ui.heading("Verbatim reuse");
        ui.label(
            RichText::new(
                "Runs of 8 or more identical words two sources share (wire copy, press releases).",
            )
            .color(p.weak_text),
        );
        let rows: Vec<_> = f
            .profiles
            .iter()
            .flat_map(|pr| pr.reuse.iter().map(move |r| (pr, r)))
            .filter(|(pr, r)| pr.article < r.other)
            .collect();
        if rows.is_empty() {
            ui.label("No two sources share a run of 8 identical words.");
            return;
        }
        let mut pick = None;
        let w = (ui.available_width() * 0.3).clamp(120.0, SOURCE_W * 1.6);
        frozen_table(
            ui,
            "framing_reuse",
            w,
            "Sources",
            &rows
                .iter()
                .map(|(pr, r)| format!("{} and {}", pr.source, r.other_source))
                .collect::<Vec<_>>(),
            |ui, row| {
                let (pr, r) = match row {
                    TableRow::Header => {
                        ui.strong("Shared runs");
                        ui.strong("Share of words");
                        ui.strong("Longest run");
                        return;
                    }
                    TableRow::Row(i) => match rows.get(i) {
                        Some(&(pr, r)) => (pr, r),
                        None => return,
                    },
                };
                ui.label(r.runs.to_string());
                let b = bar(
                    ui,
                    r.share,
                    &format!("{:.0}%", r.share * 100.0),
                    Color32::from_rgb(120, 110, 200),
                    p,
                    &format!("{} and {}: reuse", pr.source, r.other_source),
                );
                let t = ui
                    .add(
                        egui::Button::new(format!(
                            "{} words: “{}”",
                            r.longest,
                            snippet(&r.longest_text, 14)
                        ))
                        .frame(false),
                    )
                    .on_hover_text(&r.longest_text);
                if b.clicked() || t.clicked() {
                    let body = a.article(pr.article).map_or("", |x| x.body.as_str());
                    let mine = body
                        .find(&r.longest_text)
                        .map(|s| s..s + r.longest_text.len());
                    let mut passages = passages_of(a, pr.article, mine.clone().into_iter());
                    let other_body = a.article(r.other).map_or("", |x| x.body.as_str());
                    let theirs = other_body
                        .find(&r.longest_text)
                        .map(|s| s..s + r.longest_text.len());
                    passages.extend(passages_of(a, r.other, theirs.clone().into_iter()));
                    let words = mine
                        .map(|m| (pr.article, m))
                        .into_iter()
                        .chain(theirs.map(|t| (r.other, t)))
                        .collect();
                    pick = Some(Figure {
                        title: format!("{} and {}: longest shared run", pr.source, r.other_source),
                        passages,
                        words,
                    });
                }
            },
        );
        if pick.is_some() {
            self.figure = pick;
        }
    }
}

impl super::view::ViewUi for FramingView {
    fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCtx<'_>) {
        self.draw(ui, cx);
    }
}
