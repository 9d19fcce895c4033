//! The side-by-side view: two sources in one table so scrolling is always in sync. Each row
//! is an aligned pair from [`crate::compare::Comparison`]; a passage with no counterpart gets
//! a hatched opposite cell. Rows are virtualised: galleys and heights are cached per width and
//! only visible rows are painted, so thousands of passages scroll smoothly. Also owns the
//! source pickers, filters, difference navigation, search and the overview bar.
//!
//! - `rows`: row kinds, the rows shown under the filter, difference and search navigation;
//! - `layout`: the per-width layout cache (estimated heights, exact galleys in view);
//! - `paint`: the table, one row (gutter, cells, marks, tooltips), the overview bar;
//! - `toolbar`: source pickers, filters, counter, find bar and legend.

use egui::Ui;
use std::collections::BTreeSet;
use std::sync::Arc;

use crate::app::state::Filter;
use crate::app::theme::group_of;
use crate::compare::Comparison;

mod layout;
mod paint;
mod rows;
mod toolbar;

use layout::LayoutCache;
pub use rows::{Gap, RowKind, Search, SearchSide};

const GUTTER: f32 = 58.0;
const OVERVIEW: f32 = 16.0;
const PAD_X: f32 = 10.0;
const PAD_Y: f32 = 7.0;
const BODY_SIZE: f32 = 14.5;
/// Height of an "n rows hidden" separator.
const GAP_H: f32 = 22.0;
/// Side-by-side state.
#[derive(Default)]
pub struct SideBySide {
    pub left: usize,
    pub right: usize,
    pub comparison: Option<Arc<Comparison>>,
    /// Indices into `comparison.rows` shown under the current filter.
    pub rows: Vec<usize>,
    /// Positions (into `rows`) of the differences.
    pub diffs: Vec<usize>,
    /// Index into `diffs` of the current difference.
    pub current: Option<usize>,
    /// Position (into `rows`) of the selected row.
    pub selected: Option<usize>,
    /// Position (into `rows`) of the row selected before the last right-click: the other half
    /// of "Link these passages".
    pub link_from: Option<usize>,
    /// The last right-click was on the left cell of its row.
    pub context_left: bool,
    pub search: Search,
    rows_generation: u64,
    rows_for: Option<(usize, Filter, BTreeSet<String>)>,
    layout: Option<LayoutCache>,
    scroll_to_row: Option<usize>,
    scroll_to_offset: Option<f32>,
    last_offset: f32,
    last_view_height: f32,
    /// Per comparison row (same index): its kind. Computed once per comparison.
    kinds: Vec<RowKind>,
    /// Per comparison row: a one-sided row whose passage is linked to a passage of the other
    /// article shown in another row ([`crate::compare::CompareRow::linked`]).
    elsewhere: Vec<bool>,
    /// Framing category groups present in the comparison.
    groups: BTreeSet<String>,
    /// Per shown row (same index as `rows`): the rows the filter hides just before it.
    pub gaps_before: Vec<Option<Gap>>,
    /// The rows the filter hides after the last shown row.
    pub gap_after: Option<Gap>,
    /// Rows a filter hides that the user showed by clicking their separator (comparison row
    /// indices), for the comparison and filter in `revealed_for`.
    revealed: BTreeSet<usize>,
    revealed_for: Option<(usize, Filter, BTreeSet<String>)>,
}

pub use super::view::ViewCtx;

impl SideBySide {
    /// Sets the pair; the caller starts the comparison job.
    pub fn set_pair(&mut self, left: usize, right: usize) {
        if (left, right) != (self.left, self.right) {
            self.left = left;
            self.right = right;
            self.current = None;
            self.selected = None;
            self.scroll_to_offset = Some(0.0);
        }
    }

    /// A new comparison arrived (for the current pair).
    pub fn set_comparison(&mut self, c: Arc<Comparison>) {
        self.kinds = c.rows.iter().map(RowKind::of).collect();
        self.elsewhere = c.rows.iter().map(|r| !r.linked.is_empty()).collect();
        self.groups = c
            .rows
            .iter()
            .flat_map(|r| r.left_marks.iter().chain(&r.right_marks))
            .map(|m| group_of(&m.category).to_owned())
            .collect();
        self.comparison = Some(c);
        self.rows_for = None;
        self.layout = None;
    }

    /// Drops everything about the previous set.
    pub fn clear(&mut self) {
        self.comparison = None;
        self.rows.clear();
        self.diffs.clear();
        self.current = None;
        self.selected = None;
        self.rows_for = None;
        self.layout = None;
        self.search.computed_for = None;
        self.gaps_before.clear();
        self.gap_after = None;
        self.revealed.clear();
    }

    /// Draws the whole view.
    fn draw(&mut self, ui: &mut Ui, cx: &mut ViewCtx<'_>) {
        let Some(analysis) = cx.analysis else {
            ui.centered_and_justified(|ui| {
                if cx.loading {
                    crate::app::status::spinner(ui);
                } else {
                    ui.label("No article set is open. Open a folder (Ctrl+O) or drop one on this window.");
                }
            });
            return;
        };
        if analysis.corpus.articles.len() < 2 {
            ui.vertical_centered(|ui| {
                ui.add_space(40.0);
                ui.heading("Only one article in this set");
                ui.label("Side by side needs two articles. Open a folder with at least two.");
            });
            return;
        }
        self.refresh_rows(cx.settings);
        self.refresh_search();
        self.toolbar(ui, analysis, cx);
        ui.add_space(2.0);
        self.legend(ui, analysis, cx);
        ui.add_space(4.0);
        let current_ok = self
            .comparison
            .as_ref()
            .is_some_and(|c| c.left == self.left && c.right == self.right);
        if !current_ok {
            ui.centered_and_justified(|ui| {
                crate::app::status::spinner(ui);
            });
            return;
        }
        if self.rows.is_empty() {
            ui.vertical_centered(|ui| {
                ui.add_space(40.0);
                ui.label(match cx.settings.filter {
                    Filter::All => "These two articles have no passages.",
                    Filter::Differences => "No differences: every passage has an identical counterpart.",
                    Filter::Unmatched => "Every passage has a counterpart on the other side.",
                    Filter::Framing => "No framing marks in these two articles (or their categories are switched off).",
                });
            });
            return;
        }
        self.table(ui, analysis, cx);
    }
}

impl super::view::ViewUi for SideBySide {
    fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCtx<'_>) {
        self.draw(ui, cx);
    }
}
