//! The story map: one row per event (and per passage only one source reports), one column per
//! source; each cell shows whether the source reports the row and how many words it spends on
//! it. Filters (one source only, every source, a chosen source), a label search and sorting by a
//! source's order. Only the visible rows are laid out (`ScrollArea::show_rows`), so thousands of
//! events stay smooth. Also holds the helpers the other review views share to open a passage
//! side by side ([`open_passage`], [`passage_at`]).

use egui::{Align2, Color32, CornerRadius, FontId, Id, Rect, RichText, Sense, Stroke, Ui, vec2};

use super::command::{Commands, SystemCommand};
use super::render;
use super::side_by_side::ViewCtx;
use crate::align::PassageRef;
use crate::model::Analysis;
use crate::progress::{Cancelled, Progress};

/// Height of one map row.
const ROW_H: f32 = 22.0;
/// Width of the label column.
const LABEL_W: f32 = 340.0;
/// Width of the "sources" count column.
const COUNT_W: f32 = 64.0;

pub use crate::story_map::{MapCell, RowKind, snippet};

/// One row of the map: the engine's row ([`crate::story_map::rows`]) and the text the search
/// field looks in.
#[derive(Debug, Clone, PartialEq)]
pub struct MapRow {
    pub kind: RowKind,
    pub label: String,
    /// One per source, in corpus order.
    pub cells: Vec<MapCell>,
    /// Number of sources reporting the row.
    pub sources: usize,
    /// Label and passages, lower-cased, for the search field.
    pub search_text: String,
}

impl MapRow {
    /// The first passage of `source` in the row.
    pub fn passage_of(&self, source: usize) -> Option<usize> {
        self.cells.get(source)?.passages.first().copied()
    }
    /// Sources reporting the row, in corpus order.
    pub fn reporting(&self) -> impl Iterator<Item = usize> + '_ {
        self.cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.passages.is_empty())
            .map(|(i, _)| i)
    }
}

/// Which rows the map shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MapFilter {
    #[default]
    All,
    /// Rows only one source reports (a passage-level blindspot of every other source).
    OneSource,
    /// Rows every source reports.
    AllSources,
    /// Rows this source reports.
    Source(usize),
    /// Rows this source does not report.
    MissingFrom(usize),
}

/// The rows of the map for an analysis (the engine's [`crate::story_map::rows`]), each with
/// its search text.
pub fn build_rows(a: &Analysis, progress: &Progress) -> Result<Vec<MapRow>, Cancelled> {
    let rows = crate::story_map::rows_cancellable(a, progress)?;
    progress.check()?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut search_text = r.label.to_lowercase();
            for p in r.members() {
                search_text.push('\n');
                search_text.push_str(&a.passage_text(p).to_lowercase());
            }
            MapRow {
                kind: r.kind,
                label: r.label,
                cells: r.cells,
                sources: r.sources,
                search_text,
            }
        })
        .collect())
}

/// The passage of `article` whose span holds body offset `byte`.
pub fn passage_at(a: &Analysis, article: usize, byte: usize) -> Option<usize> {
    let ps = a.alignment.passages.get(article)?;
    let k = ps.partition_point(|s| s.span.start <= byte);
    let i = k.checked_sub(1)?;
    (byte < ps.get(i)?.span.end.max(ps.get(i)?.span.start + 1)).then_some(i)
}

/// The command opening passage `passage` of `article` side by side, on the right. The left is
/// another source reporting the same event (the current left when it does), else the current
/// left (or the current right when the current left is `article`).
pub fn open_passage(
    a: &Analysis,
    pair: (usize, usize),
    article: usize,
    passage: usize,
) -> SystemCommand {
    let p = PassageRef { article, passage };
    let others: Vec<usize> = a
        .alignment
        .event_of(p)
        .and_then(|e| a.alignment.events.get(e))
        .map(|e| {
            e.sources
                .iter()
                .copied()
                .filter(|s| *s != article)
                .collect()
        })
        .unwrap_or_default();
    let left = if others.contains(&pair.0) {
        pair.0
    } else if let Some(o) = others.first() {
        *o
    } else if pair.0 != article {
        pair.0
    } else if pair.1 != article {
        pair.1
    } else {
        (0..a.corpus.articles.len())
            .find(|i| *i != article)
            .unwrap_or(0)
    };
    SystemCommand::ShowPassage {
        left,
        right: article,
        article,
        passage,
    }
}

/// Story map state. The rows are built by a job of the app's queue ([`super::jobs`]) for each
/// analysis generation; the filter, sort and search over them run here, on the UI thread.
#[derive(Default)]
pub struct StoryMap {
    pub filter: MapFilter,
    /// Rows reported by this source first, in its order.
    pub sort_by: Option<usize>,
    pub query: String,
    /// All rows of the analysis they were built for (`built_for`).
    pub rows: Vec<MapRow>,
    /// Indices into `rows` shown under the filter, sort and query.
    pub visible: Vec<usize>,
    built_for: Option<u64>,
    /// The generation whose rows were last asked of the job queue.
    requested: Option<u64>,
    /// Why building the requested rows failed (the job panicked).
    failed: Option<String>,
    /// The user cancelled building the requested rows.
    cancelled: bool,
    visible_for: Option<(u64, MapFilter, Option<usize>, String)>,
    max_words: usize,
}

impl StoryMap {
    /// The generation to build rows for when they are neither built nor asked for yet (the app
    /// then starts the job); remembers it as asked for.
    pub fn wanted(&mut self, generation: u64) -> Option<u64> {
        if self.built_for == Some(generation) || self.requested == Some(generation) {
            return None;
        }
        self.requested = Some(generation);
        self.failed = None;
        self.cancelled = false;
        Some(generation)
    }

    /// Whether the rows shown are those of `generation`.
    pub fn is_built(&self, generation: u64) -> bool {
        self.built_for == Some(generation)
    }

    /// Takes the rows a job built for `generation` (an analysis of `articles` articles); rows
    /// of a generation no longer asked for are dropped. Returns whether they were taken.
    pub fn install(&mut self, generation: u64, rows: Vec<MapRow>, articles: usize) -> bool {
        if self.requested != Some(generation) {
            return false;
        }
        self.rows = rows;
        self.max_words = self
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().map(|c| c.words))
            .max()
            .unwrap_or(0);
        self.built_for = Some(generation);
        self.visible_for = None;
        if self.sort_by.is_some_and(|s| s >= articles) {
            self.sort_by = None;
        }
        if matches!(self.filter, MapFilter::Source(s) | MapFilter::MissingFrom(s) if s >= articles)
        {
            self.filter = MapFilter::All;
        }
        true
    }

    /// The job building the asked-for rows failed (`reason`); the view says so instead of
    /// waiting, until another analysis asks for rows again.
    pub fn failed(&mut self, reason: String) {
        self.failed = Some(reason);
    }

    /// The user cancelled the job building the asked-for rows: the view says so, with a
    /// button to build them after all.
    pub fn cancelled(&mut self) {
        self.cancelled = true;
    }

    /// Recomputes the visible rows when the filter, sort or query changed (cheap: the rows
    /// are built already).
    pub fn refresh(&mut self, a: &Analysis, generation: u64) {
        let key = (generation, self.filter, self.sort_by, self.query.clone());
        if self.visible_for.as_ref() == Some(&key) {
            return;
        }
        let n = a.corpus.articles.len();
        let q = self.query.trim().to_lowercase();
        let mut vis: Vec<usize> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| match self.filter {
                MapFilter::All => true,
                MapFilter::OneSource => r.sources == 1,
                MapFilter::AllSources => r.sources == n && n > 0,
                MapFilter::Source(s) => r.cells.get(s).is_some_and(|c| !c.passages.is_empty()),
                MapFilter::MissingFrom(s) => r.cells.get(s).is_some_and(|c| c.passages.is_empty()),
            })
            .filter(|(_, r)| q.is_empty() || r.search_text.contains(&q))
            .map(|(i, _)| i)
            .collect();
        if let Some(s) = self.sort_by {
            // Stable: rows the source reports in its reading order, then the rest as before.
            vis.sort_by_key(|&i| {
                self.rows
                    .get(i)
                    .and_then(|r| r.passage_of(s))
                    .unwrap_or(usize::MAX)
            });
        }
        self.visible = vis;
        self.visible_for = Some(key);
    }

    fn draw(&mut self, ui: &mut Ui, cx: &mut ViewCtx<'_>) {
        let (generation, pair) = (cx.generation, cx.pair);
        let Some(a) = cx.analysis else {
            ui.centered_and_justified(|ui| {
                ui.label(if cx.loading {
                    "Loading…"
                } else {
                    "Open a folder of articles to see its story map."
                });
            });
            return;
        };
        if !self.is_built(generation) {
            ui.add_space(12.0);
            let state = match (&self.failed, self.cancelled) {
                (Some(reason), _) => super::status::Pending::Failed(reason),
                (None, true) => super::status::Pending::Cancelled,
                (None, false) => super::status::Pending::Building,
            };
            if super::status::pending(ui, "Building the story map…", "The story map", state) {
                // Asked for again: the app starts the job on this frame's end.
                self.requested = None;
            }
            return;
        }
        self.refresh(a, generation);
        let n = a.corpus.articles.len();
        let p = &cx.palette;

        // Toolbar: filter, search, counts.
        ui.horizontal_wrapped(|ui| {
            ui.label("Show");
            let name = |i: usize| a.article(i).map(|x| x.source.clone()).unwrap_or_default();
            let current = match self.filter {
                MapFilter::All => "Every row".to_owned(),
                MapFilter::OneSource => "Reported by one source only".to_owned(),
                MapFilter::AllSources => "Reported by every source".to_owned(),
                MapFilter::Source(s) => format!("Reported by {}", name(s)),
                MapFilter::MissingFrom(s) => format!("Missing from {}", name(s)),
            };
            egui::ComboBox::from_id_salt("story_map_filter")
                .selected_text(current)
                .width(260.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter, MapFilter::All, "Every row");
                    ui.selectable_value(
                        &mut self.filter,
                        MapFilter::OneSource,
                        "Reported by one source only",
                    )
                    .on_hover_text("Passages no other source reports: each is a blindspot of every other source");
                    ui.selectable_value(
                        &mut self.filter,
                        MapFilter::AllSources,
                        "Reported by every source",
                    );
                    ui.separator();
                    for s in 0..n {
                        ui.selectable_value(
                            &mut self.filter,
                            MapFilter::Source(s),
                            format!("Reported by {}", name(s)),
                        );
                    }
                    ui.separator();
                    for s in 0..n {
                        ui.selectable_value(
                            &mut self.filter,
                            MapFilter::MissingFrom(s),
                            format!("Missing from {}", name(s)),
                        );
                    }
                })
                .response
                .accessible_name("Rows to show")
                .on_hover_text("Which events and passages to list");
            let l = ui.label("Find");
            ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .hint_text("words in an event")
                    .desired_width(180.0),
            )
            .labelled_by(l.id);
            if let Some(s) = self.sort_by
                && ui
                    .button(format!("Sorted by {} (click to reset)", name(s)))
                    .on_hover_text("Back to the default order: most sources first")
                    .clicked()
            {
                self.sort_by = None;
            }
            let events = self
                .rows
                .iter()
                .filter(|r| matches!(r.kind, RowKind::Event(_)))
                .count();
            ui.label(
                RichText::new(format!(
                    "{} of {} rows · {} events across sources · {} one-source passages",
                    self.visible.len(),
                    self.rows.len(),
                    events,
                    self.rows.len() - events
                ))
                .color(p.weak_text),
            );
        });
        ui.add_space(4.0);
        if n == 0 {
            ui.label("The set has no articles.");
            return;
        }
        let avail = ui.available_width();
        let col_w = ((avail - LABEL_W - COUNT_W - 16.0) / n as f32).clamp(72.0, 170.0);
        let total_w = LABEL_W + COUNT_W + col_w * n as f32;

        egui::ScrollArea::horizontal()
            .id_salt("story_map_h")
            .show(ui, |ui| {
                ui.set_min_width(total_w);
                // Header: source names; click sorts by that source.
                let (hrect, _) = ui.allocate_exact_size(vec2(total_w, ROW_H + 8.0), Sense::hover());
                let painter = ui.painter_at(hrect);
                painter.text(
                    hrect.left_center() + vec2(6.0, 0.0),
                    Align2::LEFT_CENTER,
                    "Event",
                    FontId::proportional(13.0),
                    p.heading_text,
                );
                painter.text(
                    egui::pos2(hrect.left() + LABEL_W + COUNT_W / 2.0, hrect.center().y),
                    Align2::CENTER_CENTER,
                    "Sources",
                    FontId::proportional(13.0),
                    p.heading_text,
                );
                for s in 0..n {
                    let r = Rect::from_min_size(
                        hrect.min + vec2(LABEL_W + COUNT_W + col_w * s as f32, 0.0),
                        vec2(col_w, hrect.height()),
                    );
                    // Only the columns in view: a set of thousands of sources scrolls sideways.
                    if !ui.is_rect_visible(r) {
                        continue;
                    }
                    let Some(art) = a.article(s) else { continue };
                    let resp = ui.interact(r, Id::unique("story_map_head").with(s), Sense::click());
                    let sorted = self.sort_by == Some(s);
                    if resp.hovered() || sorted {
                        painter.rect_filled(r.shrink(1.0), CornerRadius::same(3), p.gutter_bg);
                    }
                    let label = format!("{}{}", art.source, if sorted { " (sorted)" } else { "" });
                    // Elided to one line; the full name is in the tooltip.
                    let text = render::fit_width(
                        &painter,
                        &label,
                        &FontId::proportional(13.0),
                        col_w - 8.0,
                    );
                    painter.text(
                        r.center(),
                        Align2::CENTER_CENTER,
                        text,
                        FontId::proportional(13.0),
                        p.heading_text,
                    );
                    resp.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::ColumnHeader,
                            true,
                            format!("Sort by {}", art.source),
                        )
                    });
                    let resp = resp.on_hover_text(format!(
                        "{}\n{}\n{}\nClick to list what it reports first, in its order.",
                        art.source, art.title, art.file
                    ));
                    if resp.clicked() {
                        self.sort_by = if sorted { None } else { Some(s) };
                    }
                    resp.context_menu(|ui| {
                        let c = SystemCommand::EditSourceName(s);
                        if ui
                            .button(format!("Rename “{}”…", art.source))
                            .on_hover_text(c.tooltip())
                            .clicked()
                        {
                            cx.commands.push(c);
                            ui.close();
                        }
                    });
                }
                ui.painter().line_segment(
                    [hrect.left_bottom(), hrect.right_bottom()],
                    Stroke::new(1.0, p.grid),
                );
                if self.visible.is_empty() {
                    ui.add_space(12.0);
                    ui.label("No row matches this filter.");
                    return;
                }
                egui::ScrollArea::vertical()
                    .id_salt("story_map_v")
                    .auto_shrink([false, false])
                    .show_rows(ui, ROW_H, self.visible.len(), |ui, range| {
                        for pos in range {
                            let Some(&ri) = self.visible.get(pos) else {
                                continue;
                            };
                            self.row_ui(ui, a, cx.commands, &cx.palette, ri, pos, col_w, pair);
                        }
                    });
            });
    }

    #[allow(clippy::too_many_arguments)]
    fn row_ui(
        &self,
        ui: &mut Ui,
        a: &Analysis,
        commands: &mut Commands,
        p: &super::theme::Palette,
        ri: usize,
        pos: usize,
        col_w: f32,
        pair: (usize, usize),
    ) {
        let Some(row) = self.rows.get(ri) else { return };
        let n = row.cells.len();
        let total_w = LABEL_W + COUNT_W + col_w * n as f32;
        let (rect, _) = ui.allocate_exact_size(vec2(total_w, ROW_H), Sense::hover());
        let painter = ui.painter_at(rect);
        if pos % 2 == 1 {
            painter.rect_filled(rect, 0.0, p.gutter_bg.gamma_multiply(0.6));
        }
        // Label: opens the event across every source.
        let lrect = Rect::from_min_size(rect.min, vec2(LABEL_W, ROW_H));
        let lresp = ui.interact(
            lrect,
            Id::unique("story_map_label").with(ri),
            Sense::click(),
        );
        let one = matches!(row.kind, RowKind::OneSource(_));
        let color = if lresp.hovered() {
            p.heading_text
        } else if one {
            p.weak_text
        } else {
            p.text
        };
        let font = FontId::proportional(13.5);
        let label = render::fit_width(&painter, &row.label, &font, LABEL_W - 12.0);
        painter.text(
            lrect.left_center() + vec2(6.0, 0.0),
            Align2::LEFT_CENTER,
            label,
            font,
            color,
        );
        let what = match row.kind {
            RowKind::Event(_) => format!("Event: {}", row.label),
            RowKind::OneSource(_) => format!("One source only: {}", row.label),
        };
        lresp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &what));
        let lresp = lresp.on_hover_text(match row.kind {
            RowKind::Event(_) => format!("{}\nClick to read it across every source.", row.label),
            RowKind::OneSource(pr) => format!(
                "{}\nOnly {} reports this. Click to open it side by side.",
                a.passage_text(pr),
                a.article(pr.article).map_or("", |x| x.source.as_str())
            ),
        });
        if lresp.clicked() {
            commands.push(match row.kind {
                RowKind::Event(e) => SystemCommand::OpenEvent(e),
                RowKind::OneSource(pr) => open_passage(a, pair, pr.article, pr.passage),
            });
        }
        // Source count.
        let crect = Rect::from_min_size(rect.min + vec2(LABEL_W, 0.0), vec2(COUNT_W, ROW_H));
        let frac = row.sources as f32 / n.max(1) as f32;
        let dots = Rect::from_min_size(
            crect.left_center() + vec2(6.0, -4.0),
            vec2(COUNT_W - 30.0, 8.0),
        );
        painter.text(
            crect.right_center() - vec2(4.0, 0.0),
            Align2::RIGHT_CENTER,
            row.sources.to_string(),
            FontId::proportional(11.5),
            p.weak_text,
        );
        painter.rect_filled(dots, CornerRadius::same(4), p.grid);
        painter.rect_filled(
            Rect::from_min_size(dots.min, vec2(dots.width() * frac, dots.height())),
            CornerRadius::same(4),
            if one {
                p.only_right_strong()
            } else {
                p.weak_text
            },
        );
        // Cells.
        let max = self.max_words.max(1) as f32;
        for (s, cell) in row.cells.iter().enumerate() {
            let r = Rect::from_min_size(
                rect.min + vec2(LABEL_W + COUNT_W + col_w * s as f32, 0.0),
                vec2(col_w, ROW_H),
            );
            if !ui.is_rect_visible(r) {
                continue;
            }
            painter.line_segment([r.left_top(), r.left_bottom()], Stroke::new(1.0, p.grid));
            let source = a.article(s).map_or("", |x| x.source.as_str());
            let Some(first) = cell.passages.first().copied() else {
                continue;
            };
            let resp = ui.interact(
                r,
                Id::unique("story_map_cell").with((ri, s)),
                Sense::click(),
            );
            let inner = r.shrink2(vec2(6.0, 5.0));
            let bar_w = (inner.width() - 30.0).max(8.0);
            let w = (cell.words as f32 / max).sqrt() * bar_w; // sqrt: short passages stay visible
            let bar = Rect::from_min_size(inner.min, vec2(w.max(3.0), inner.height()));
            let fill = if one { p.only_right_strong() } else { p.bar() };
            painter.rect_filled(bar, CornerRadius::same(2), fill);
            painter.text(
                egui::pos2(inner.right(), inner.center().y),
                Align2::RIGHT_CENTER,
                cell.words.to_string(),
                FontId::proportional(11.5),
                p.weak_text,
            );
            if resp.hovered() {
                painter.rect_stroke(
                    r.shrink(1.0),
                    CornerRadius::same(2),
                    Stroke::new(1.5, p.current_row),
                    egui::StrokeKind::Inside,
                );
            }
            let text: Vec<&str> = cell
                .passages
                .iter()
                .map(|&passage| {
                    a.passage_text(PassageRef {
                        article: s,
                        passage,
                    })
                })
                .collect();
            let name = format!(
                "Row {} · {source} · {} words: {}",
                pos + 1,
                cell.words,
                text.join(" ")
            );
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Cell, true, &name));
            let resp = resp.on_hover_ui(|ui| {
                ui.set_max_width(420.0);
                ui.strong(format!("{source} · {} words", cell.words));
                for t in &text {
                    ui.label(*t);
                }
                ui.label(RichText::new("Click to open it side by side.").color(p.weak_text));
            });
            if resp.clicked() {
                commands.push(open_passage(a, pair, s, first));
            }
        }
    }
}

/// Colours the map adds to the shared palette (kept here so the palette module stays the app
/// engineer's).
trait MapColors {
    fn bar(&self) -> Color32;
    fn only_right_strong(&self) -> Color32;
}

impl MapColors for super::theme::Palette {
    fn bar(&self) -> Color32 {
        if self.dark {
            Color32::from_rgb(90, 140, 210)
        } else {
            Color32::from_rgb(70, 120, 190)
        }
    }
    fn only_right_strong(&self) -> Color32 {
        if self.dark {
            Color32::from_rgb(230, 150, 60)
        } else {
            Color32::from_rgb(215, 120, 20)
        }
    }
}

impl super::view::ViewUi for StoryMap {
    fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCtx<'_>) {
        self.draw(ui, cx);
    }
}
