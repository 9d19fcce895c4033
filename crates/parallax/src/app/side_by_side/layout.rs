//! The layout cache: galleys and row geometry per width, estimated first and measured
//! exactly as rows come into view.

use egui::{Color32, FontId, Galley, Ui};
use std::collections::BTreeSet;
use std::sync::Arc;

use super::rows::SearchSide;
use super::{BODY_SIZE, GAP_H, GUTTER, PAD_X, PAD_Y, SideBySide, ViewCtx};
use crate::app::render::{self, CellStyle, Side};

/// Galleys and geometry of the visible rows at one width.
pub(super) struct LayoutCache {
    pub(super) key: LayoutKey,
    pub(super) rows: Vec<RowLayout>,
    pub(super) total_height: f32,
    /// Wrap width of the cell text.
    pub(super) wrap: f32,
    pub(super) line_h: f32,
}

#[derive(Clone, PartialEq)]
pub(super) struct LayoutKey {
    pub(super) rows_generation: u64,
    pub(super) width: u32,
    pub(super) dark: bool,
    pub(super) hidden: BTreeSet<String>,
    pub(super) search: String,
}

pub(super) struct RowLayout {
    pub(super) top: f32,
    pub(super) height: f32,
    pub(super) left: Option<Arc<Galley>>,
    pub(super) right: Option<Arc<Galley>>,
    /// The framing underlines of each cell, painted over its text
    /// ([`render::split_underlines`]).
    pub(super) left_lines: Option<Arc<Galley>>,
    pub(super) right_lines: Option<Arc<Galley>>,
    pub(super) left_quotes: Vec<render::RowQuote>,
    pub(super) right_quotes: Vec<render::RowQuote>,
    /// Laid out (height exact); otherwise the height is an estimate and there are no galleys.
    pub(super) exact: bool,
}

impl SideBySide {
    pub(super) fn ensure_layout(&mut self, ui: &Ui, width: f32, cx: &ViewCtx<'_>) {
        let key = LayoutKey {
            rows_generation: self.rows_generation,
            width: width.round().max(1.0) as u32,
            dark: cx.palette.dark,
            hidden: cx.settings.hidden_categories.clone(),
            search: self.search.query.to_lowercase(),
        };
        if self.layout.as_ref().is_some_and(|l| l.key == key) {
            return;
        }
        let Some(c) = self.comparison.clone() else {
            return;
        };
        let wrap = cell_width(width) - 2.0 * PAD_X;
        let font = FontId::proportional(BODY_SIZE);
        let (line_h, char_w) = ui.fonts_mut(|f| {
            let sample = "The Kremlin said there are currently no plans for a meeting.";
            let g = f.layout_no_wrap(sample.to_owned(), font.clone(), Color32::WHITE);
            (
                f.row_height(&font),
                g.size().x / sample.chars().count() as f32,
            )
        });
        let per_line = (wrap / char_w.max(1.0)).max(8.0);
        let estimate = |text: &str, present: bool| {
            if !present {
                return line_h;
            }
            let lines = (text.chars().count() as f32 / per_line).ceil().max(1.0);
            lines * line_h
        };
        let mut rows = Vec::with_capacity(self.rows.len());
        let mut top = 0.0;
        for (pos, &ri) in self.rows.iter().enumerate() {
            let Some(r) = c.rows.get(ri) else { continue };
            let h = estimate(&r.left_text, !r.pair.left.is_empty())
                .max(estimate(&r.right_text, !r.pair.right.is_empty()))
                + 2.0 * PAD_Y
                + self.gap_height(pos);
            rows.push(RowLayout {
                top,
                height: h,
                left: None,
                right: None,
                left_lines: None,
                right_lines: None,
                left_quotes: Vec::new(),
                right_quotes: Vec::new(),
                exact: false,
            });
            top += h;
        }
        self.layout = Some(LayoutCache {
            key,
            rows,
            total_height: top,
            wrap,
            line_h,
        });
    }

    /// Lays out the rows of `layout` that intersect `[y0, y1]` and are not laid out yet, and
    /// fixes the positions of the rows below them. Rows above `y0` keep their place, so the
    /// view does not jump. Repeats while exact heights reveal more rows.
    pub(super) fn measure(
        &self,
        ui: &Ui,
        layout: &mut LayoutCache,
        y0: f32,
        y1: f32,
        cx: &ViewCtx<'_>,
    ) {
        let (Some(c), Some(analysis)) = (self.comparison.as_ref(), cx.analysis) else {
            return;
        };
        let heading_of = |article: usize, ps: &[usize]| {
            ps.first().is_some_and(|p| {
                analysis
                    .alignment
                    .passages
                    .get(article)
                    .and_then(|v| v.get(*p))
                    .is_some_and(|s| s.heading)
            })
        };
        let search = layout.key.search.clone();
        for _ in 0..8 {
            let first = layout.rows.partition_point(|r| r.top + r.height < y0);
            let todo: Vec<usize> = layout
                .rows
                .iter()
                .enumerate()
                .skip(first)
                .take_while(|(_, r)| r.top <= y1)
                .filter(|(_, r)| !r.exact)
                .map(|(pos, _)| pos)
                .collect();
            if todo.is_empty() {
                return;
            }
            ui.fonts_mut(|fonts| {
                for &pos in &todo {
                    let Some(r) = self.rows.get(pos).and_then(|ri| c.rows.get(*ri)) else {
                        continue;
                    };
                    let lq = render::row_quotes(analysis, c.left, &r.pair.left, &r.left_text);
                    let rq = render::row_quotes(analysis, c.right, &r.pair.right, &r.right_text);
                    let mk = |text: &str, side: Side, heading: bool| {
                        let searched = match (self.search.side, side) {
                            (SearchSide::Left, Side::Right) | (SearchSide::Right, Side::Left) => "",
                            _ => search.as_str(),
                        };
                        let style = CellStyle {
                            palette: &cx.palette,
                            font: FontId::proportional(if heading {
                                BODY_SIZE + 1.5
                            } else {
                                BODY_SIZE
                            }),
                            heading,
                            hidden_categories: &cx.settings.hidden_categories,
                            legend: cx.legend,
                            search: searched,
                            current_search_hit: false,
                        };
                        let spans = r.diff.as_ref().map(|d| match side {
                            Side::Left => d.left.as_slice(),
                            Side::Right => d.right.as_slice(),
                        });
                        let (marks, quotes) = match side {
                            Side::Left => (&r.left_marks, &lq),
                            Side::Right => (&r.right_marks, &rq),
                        };
                        let (job, lines) = render::split_underlines(render::cell_job(
                            text,
                            side,
                            spans,
                            marks,
                            quotes,
                            &style,
                            layout.wrap,
                        ));
                        (fonts.layout_job(job), lines.map(|l| fonts.layout_job(l)))
                    };
                    let mut mk = mk;
                    let left = (!r.pair.left.is_empty())
                        .then(|| mk(&r.left_text, Side::Left, heading_of(c.left, &r.pair.left)));
                    let right = (!r.pair.right.is_empty()).then(|| {
                        mk(
                            &r.right_text,
                            Side::Right,
                            heading_of(c.right, &r.pair.right),
                        )
                    });
                    let (left, left_lines) = left.unzip();
                    let (right, right_lines) = right.unzip();
                    let h = left
                        .iter()
                        .chain(right.iter())
                        .map(|g| g.size().y)
                        .fold(layout.line_h, f32::max)
                        + 2.0 * PAD_Y
                        + self.gap_height(pos);
                    if let Some(rl) = layout.rows.get_mut(pos) {
                        rl.left = left;
                        rl.right = right;
                        rl.left_lines = left_lines.flatten();
                        rl.right_lines = right_lines.flatten();
                        rl.left_quotes = lq;
                        rl.right_quotes = rq;
                        rl.height = h;
                        rl.exact = true;
                    }
                }
            });
            // Re-stack from the first changed row down.
            let from = todo.first().copied().unwrap_or(0);
            let mut top = layout.rows.get(from).map_or(0.0, |r| r.top);
            for rl in layout.rows.iter_mut().skip(from) {
                rl.top = top;
                top += rl.height;
            }
            layout.total_height = top;
        }
    }
}

impl SideBySide {
    /// The height the "n rows hidden" separators take in shown row `pos`: one above it when
    /// the filter hides rows before it, one below the last row when it hides rows after it.
    pub(super) fn gap_height(&self, pos: usize) -> f32 {
        let before = self.gaps_before.get(pos).copied().flatten().is_some();
        let after = pos + 1 == self.rows.len() && self.gap_after.is_some();
        GAP_H * (f32::from(u8::from(before)) + f32::from(u8::from(after)))
    }
}

pub(super) fn cell_width(table_w: f32) -> f32 {
    // Leave room for the scroll bar on the right.
    ((table_w - GUTTER - 14.0) / 2.0).max(80.0)
}
