//! Rows and navigation: which comparison rows are shown under the filter, their kinds,
//! difference and search navigation, selection.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::SideBySide;
use crate::app::render;
use crate::app::state::{Filter, Settings};
use crate::compare::CompareRow;

/// What a row shows: the engine's row kind, as the CLI and the report use it.
pub use crate::compare::RowKind;

/// Which side the search looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchSide {
    #[default]
    Both,
    Left,
    Right,
}

/// Ctrl+F state.
#[derive(Debug, Default)]
pub struct Search {
    pub open: bool,
    pub query: String,
    pub side: SearchSide,
    /// Positions (into the visible rows) holding a match.
    pub hits: Vec<usize>,
    pub current: Option<usize>,
    pub(super) focus: bool,
    /// The query and side `hits` was computed for.
    pub(super) computed_for: Option<(String, SearchSide, u64)>,
}

impl Search {
    /// Closes the find bar and forgets its text and matches (another set opened).
    pub fn clear(&mut self) {
        self.open = false;
        self.query.clear();
        self.hits.clear();
        self.current = None;
        self.focus = false;
        self.computed_for = None;
    }
}

/// Rows a filter hides between two shown rows (or before the first, after the last): drawn as
/// one "n rows hidden" separator that shows them when clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    /// The first hidden row (index into the comparison's rows).
    pub first: usize,
    /// How many rows are hidden there.
    pub hidden: usize,
}

impl Gap {
    /// "1 row hidden", "12 rows hidden".
    pub fn label(&self) -> String {
        format!("{} hidden", crate::app::plural(self.hidden, "row", "rows"))
    }
}

impl SideBySide {
    /// Shows the rows of `gap` (clicked separator); they stay shown until the filter or the
    /// comparison changes.
    pub fn reveal_gap(&mut self, gap: Gap) {
        self.revealed.extend(gap.first..gap.first + gap.hidden);
        self.rows_for = None;
    }

    /// Recomputes the visible rows and the differences when the filter or data changed.
    pub(super) fn refresh_rows(&mut self, settings: &Settings) {
        let Some(c) = &self.comparison else {
            self.rows.clear();
            self.diffs.clear();
            return;
        };
        let key = (
            Arc::as_ptr(c) as usize,
            settings.filter,
            settings.hidden_categories.clone(),
        );
        if self.rows_for.as_ref() == Some(&key) {
            return;
        }
        // Rows shown from a separator belong to one filter of one comparison.
        if self.revealed_for.as_ref() != Some(&key) {
            self.revealed.clear();
            self.revealed_for = Some(key.clone());
        }
        let hidden = &settings.hidden_categories;
        let has_marks = |r: &CompareRow| {
            !render::visible_marks(&r.left_text, &r.left_marks, hidden).is_empty()
                || !render::visible_marks(&r.right_text, &r.right_marks, hidden).is_empty()
        };
        // Keep the selected row selected across filter changes when it stays visible.
        let selected_row = self.selected.and_then(|p| self.rows.get(p).copied());
        self.rows = c
            .rows
            .iter()
            .enumerate()
            .filter(|(i, r)| {
                self.revealed.contains(i)
                    || match settings.filter {
                        Filter::All => true,
                        Filter::Differences => RowKind::of(r).is_difference(),
                        Filter::Unmatched => r.is_unmatched(),
                        Filter::Framing => has_marks(r),
                    }
            })
            .map(|(i, _)| i)
            .collect();
        // The runs of rows the filter hides, each before the shown row it precedes.
        let mut next = 0;
        self.gaps_before = self
            .rows
            .iter()
            .map(|&ri| {
                let gap = (ri > next).then(|| Gap {
                    first: next,
                    hidden: ri - next,
                });
                next = ri + 1;
                gap
            })
            .collect();
        self.gap_after = (c.rows.len() > next && !self.rows.is_empty()).then(|| Gap {
            first: next,
            hidden: c.rows.len() - next,
        });
        self.diffs = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, ri)| {
                c.rows
                    .get(**ri)
                    .is_some_and(|r| RowKind::of(r).is_difference())
            })
            .map(|(pos, _)| pos)
            .collect();
        self.selected = selected_row.and_then(|r| self.rows.iter().position(|x| *x == r));
        self.current = self
            .selected
            .and_then(|s| self.diffs.iter().position(|d| *d == s));
        self.rows_generation += 1;
        self.rows_for = Some(key);
        self.layout = None;
        self.search.computed_for = None;
    }

    /// The kind of the visible row at `pos`.
    pub(super) fn kind(&self, pos: usize) -> RowKind {
        self.rows
            .get(pos)
            .and_then(|ri| self.kinds.get(*ri))
            .copied()
            .unwrap_or(RowKind::Same)
    }

    /// (same, changed, left only, right only) of the whole comparison.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut n = (0, 0, 0, 0);
        for (i, k) in self.kinds.iter().enumerate() {
            // A passage linked to one shown in another row is reported by both sides.
            let elsewhere = self.elsewhere.get(i).copied().unwrap_or(false);
            match k {
                RowKind::Same => n.0 += 1,
                RowKind::Changed => n.1 += 1,
                RowKind::LeftOnly if !elsewhere => n.2 += 1,
                RowKind::RightOnly if !elsewhere => n.3 += 1,
                RowKind::LeftOnly | RowKind::RightOnly => {}
            }
        }
        n
    }

    /// Vertical scroll offset of the table (points) as of the last frame drawn.
    pub fn scroll_offset(&self) -> f32 {
        self.last_offset
    }

    /// Framing category groups present in the comparison.
    pub fn groups(&self) -> &BTreeSet<String> {
        &self.groups
    }

    pub(super) fn row(&self, pos: usize) -> Option<&CompareRow> {
        let c = self.comparison.as_ref()?;
        c.rows.get(*self.rows.get(pos)?)
    }

    /// Moves to the next (`+1`) or previous (`-1`) difference; wraps around.
    pub fn step_difference(&mut self, forward: bool) {
        if self.diffs.is_empty() {
            return;
        }
        let n = self.diffs.len();
        let next = match self.current {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None => {
                // Start from the selected row, or the first row in view.
                let from = self.selected.unwrap_or_else(|| self.first_visible_pos());
                if forward {
                    self.diffs.iter().position(|d| *d >= from).unwrap_or(0)
                } else {
                    self.diffs.iter().rposition(|d| *d <= from).unwrap_or(n - 1)
                }
            }
        };
        self.go_to_difference(next);
    }

    pub fn go_to_difference(&mut self, i: usize) {
        if let Some(pos) = self.diffs.get(i).copied() {
            self.current = Some(i);
            self.selected = Some(pos);
            self.scroll_to_row = Some(pos);
        }
    }

    pub fn last_difference(&mut self) {
        if !self.diffs.is_empty() {
            self.go_to_difference(self.diffs.len() - 1);
        }
    }

    pub(super) fn first_visible_pos(&self) -> usize {
        let Some(l) = &self.layout else { return 0 };
        l.rows
            .iter()
            .position(|r| r.top + r.height > self.last_offset)
            .unwrap_or(0)
    }

    /// Scrolls to the row holding passage `passage` of article `article`.
    pub fn reveal_passage(&mut self, article: usize, passage: usize) {
        let Some(c) = &self.comparison else { return };
        let hit = self.rows.iter().position(|ri| {
            c.rows.get(*ri).is_some_and(|r| {
                (article == c.left && r.pair.left.contains(&passage))
                    || (article == c.right && r.pair.right.contains(&passage))
            })
        });
        if let Some(pos) = hit {
            self.selected = Some(pos);
            self.current = self.diffs.iter().position(|d| *d == pos);
            self.scroll_to_row = Some(pos);
        }
    }

    /// (article, passage) of the selected row: its first left passage, else its first right one.
    pub fn selected_passage(&self) -> Option<(usize, usize)> {
        let row = self.row(self.selected?)?;
        match (row.pair.left.first(), row.pair.right.first()) {
            (Some(&p), _) => Some((self.left, p)),
            (None, Some(&p)) => Some((self.right, p)),
            _ => None,
        }
    }

    /// Row `pos` with its source names, as plain text ("BBC: …" / "Reuters: …", a missing side
    /// said as such) or as a Markdown table of the two sources.
    pub fn row_copy(
        &self,
        analysis: &crate::model::Analysis,
        pos: usize,
        markdown: bool,
    ) -> Option<String> {
        let row = self.row(pos)?;
        let name = |i: usize| {
            analysis
                .article(i)
                .map(|a| a.source.clone())
                .unwrap_or_default()
        };
        let (ln, rn) = (name(self.left), name(self.right));
        let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let (lt, rt) = (flat(&row.left_text), flat(&row.right_text));
        if markdown {
            let cell = |t: &str| crate::report::md_esc(t);
            let side = |t: &str, missing: &str| {
                if t.is_empty() {
                    format!("*{}*", cell(&row.missing_note(missing)))
                } else {
                    cell(t)
                }
            };
            return Some(format!(
                "| {} | {} |\n| --- | --- |\n| {} | {} |\n",
                cell(&ln),
                cell(&rn),
                side(&lt, &ln),
                side(&rt, &rn)
            ));
        }
        let side = |n: &str, t: &str| {
            if t.is_empty() {
                format!("{n}: ({})", row.missing_note(n))
            } else {
                format!("{n}: {t}")
            }
        };
        Some(format!("{}\n{}", side(&ln, &lt), side(&rn, &rt)))
    }

    /// "Difference x of n" (or a count when none is selected).
    pub fn counter_text(&self) -> String {
        match (self.current, self.diffs.len()) {
            (_, 0) => "No differences".to_owned(),
            (Some(i), n) => format!("Difference {} of {n}", i + 1),
            (None, 1) => "1 difference".to_owned(),
            (None, n) => format!("{n} differences"),
        }
    }

    pub fn open_search(&mut self) {
        self.search.open = true;
        self.search.focus = true;
    }

    pub(super) fn refresh_search(&mut self) {
        let key = (
            self.search.query.to_lowercase(),
            self.search.side,
            self.rows_generation,
        );
        if self.search.computed_for.as_ref() == Some(&key) {
            return;
        }
        let q = key.0.clone();
        let side = key.1;
        self.search.hits = if q.is_empty() {
            Vec::new()
        } else {
            (0..self.rows.len())
                .filter(|&pos| {
                    self.row(pos).is_some_and(|r| {
                        let l = side != SearchSide::Right
                            && !render::find_all(&r.left_text, &q).is_empty();
                        let rr = side != SearchSide::Left
                            && !render::find_all(&r.right_text, &q).is_empty();
                        l || rr
                    })
                })
                .collect()
        };
        self.search.current = None;
        self.search.computed_for = Some(key);
    }

    /// Goes to the next/previous search match.
    pub fn step_search(&mut self, forward: bool) {
        if !self.search.open {
            self.open_search();
            return;
        }
        let n = self.search.hits.len();
        if n == 0 {
            return;
        }
        let next = match self.search.current {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None if forward => {
                let from = self.selected.map_or(0, |s| s + 1);
                self.search
                    .hits
                    .iter()
                    .position(|h| *h >= from)
                    .unwrap_or(0)
            }
            None => n - 1,
        };
        self.search.current = Some(next);
        if let Some(pos) = self.search.hits.get(next).copied() {
            self.selected = Some(pos);
            self.current = self.diffs.iter().position(|d| *d == pos);
            self.scroll_to_row = Some(pos);
        }
    }
}
