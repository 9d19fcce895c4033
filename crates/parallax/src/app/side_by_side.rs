//! The side-by-side view: two sources in one table so scrolling is always in sync. Each row
//! is an aligned pair from [`crate::compare::Comparison`]; a passage with no counterpart gets
//! a hatched opposite cell. Rows are virtualised: galleys and heights are cached per width and
//! only visible rows are painted, so thousands of passages scroll smoothly. Also owns the
//! source pickers, filters, difference navigation, search and the overview bar.

use egui::{
    Align2, Color32, CornerRadius, FontId, Galley, Id, Pos2, Rect, RichText, ScrollArea, Sense,
    Stroke, StrokeKind, Ui, Vec2, pos2, vec2,
};
use std::collections::BTreeSet;
use std::sync::Arc;

use super::command::Command;
use super::render::{self, CellStyle, Side};
use super::state::{Filter, Settings};
use super::theme::{Palette, category_color, category_explanation, category_label, group_of};
use crate::compare::{CompareRow, Comparison};
use crate::framing::Mark;
use crate::model::Analysis;

const GUTTER: f32 = 58.0;
const OVERVIEW: f32 = 16.0;
const PAD_X: f32 = 10.0;
const PAD_Y: f32 = 7.0;
const BODY_SIZE: f32 = 14.5;

/// What a row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Same,
    Changed,
    LeftOnly,
    RightOnly,
}

impl RowKind {
    pub fn of(row: &CompareRow) -> Self {
        match (row.pair.left.is_empty(), row.pair.right.is_empty()) {
            (false, true) => RowKind::LeftOnly,
            (true, false) => RowKind::RightOnly,
            _ => {
                let changed = match &row.diff {
                    Some(d) => d.has_changes(),
                    None => row.left_text != row.right_text,
                };
                if changed {
                    RowKind::Changed
                } else {
                    RowKind::Same
                }
            }
        }
    }
    pub fn is_difference(self) -> bool {
        self != RowKind::Same
    }
}

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
    focus: bool,
    /// The query and side `hits` was computed for.
    computed_for: Option<(String, SearchSide, u64)>,
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

/// Galleys and geometry of the visible rows at one width.
struct LayoutCache {
    key: LayoutKey,
    rows: Vec<RowLayout>,
    total_height: f32,
    /// Wrap width of the cell text.
    wrap: f32,
    line_h: f32,
}

#[derive(Clone, PartialEq)]
struct LayoutKey {
    rows_generation: u64,
    width: u32,
    dark: bool,
    hidden: BTreeSet<String>,
    search: String,
}

struct RowLayout {
    top: f32,
    height: f32,
    left: Option<Arc<Galley>>,
    right: Option<Arc<Galley>>,
    left_quotes: Vec<render::RowQuote>,
    right_quotes: Vec<render::RowQuote>,
    /// Laid out (height exact); otherwise the height is an estimate and there are no galleys.
    exact: bool,
}

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
    /// Framing category groups present in the comparison.
    groups: BTreeSet<String>,
}

/// What the view reads from the app.
pub struct ViewCtx<'a> {
    pub analysis: Option<&'a Analysis>,
    pub settings: &'a Settings,
    pub palette: Palette,
    pub comparing: bool,
    pub loading: bool,
    pub commands: &'a mut Vec<Command>,
}

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
    }

    /// Recomputes the visible rows and the differences when the filter or data changed.
    fn refresh_rows(&mut self, settings: &Settings) {
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
            .filter(|(_, r)| match settings.filter {
                Filter::All => true,
                Filter::Differences => RowKind::of(r).is_difference(),
                Filter::Unmatched => {
                    matches!(RowKind::of(r), RowKind::LeftOnly | RowKind::RightOnly)
                }
                Filter::Framing => has_marks(r),
            })
            .map(|(i, _)| i)
            .collect();
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
    fn kind(&self, pos: usize) -> RowKind {
        self.rows
            .get(pos)
            .and_then(|ri| self.kinds.get(*ri))
            .copied()
            .unwrap_or(RowKind::Same)
    }

    /// (same, changed, left only, right only) of the whole comparison.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut n = (0, 0, 0, 0);
        for k in &self.kinds {
            match k {
                RowKind::Same => n.0 += 1,
                RowKind::Changed => n.1 += 1,
                RowKind::LeftOnly => n.2 += 1,
                RowKind::RightOnly => n.3 += 1,
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

    fn row(&self, pos: usize) -> Option<&CompareRow> {
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

    fn first_visible_pos(&self) -> usize {
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

    fn refresh_search(&mut self) {
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

    /// Draws the whole view.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCtx<'_>) {
        let Some(analysis) = cx.analysis else {
            ui.centered_and_justified(|ui| {
                if cx.loading {
                    super::status::spinner(ui);
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
                super::status::spinner(ui);
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

    fn toolbar(&mut self, ui: &mut Ui, analysis: &Analysis, cx: &mut ViewCtx<'_>) {
        let arts = &analysis.corpus.articles;
        let name = |i: usize| arts.get(i).map(|a| a.display_name()).unwrap_or_default();
        let avail = ui.available_width();
        // Room for the two side labels and the swap button.
        let combo_w = ((avail - 230.0) / 2.0).clamp(140.0, 560.0);
        ui.horizontal(|ui| {
            for (side_label, which) in [("Left source", Side::Left), ("Right source", Side::Right)]
            {
                if which == Side::Right {
                    let swap = ui
                        .button("Swap sides")
                        .on_hover_text(format!("{} (S)", Command::SwapSides.tooltip()));
                    if swap.clicked() {
                        cx.commands.push(Command::SwapSides);
                    }
                }
                let label = ui.label(
                    RichText::new(if which == Side::Left { "Left" } else { "Right" }).strong(),
                );
                let current = if which == Side::Left {
                    self.left
                } else {
                    self.right
                };
                let other = if which == Side::Left {
                    self.right
                } else {
                    self.left
                };
                let resp = egui::ComboBox::from_id_salt(side_label)
                    .width(combo_w)
                    .truncate()
                    .selected_text(elide(&name(current), ((combo_w - 34.0) / 6.6) as usize))
                    .show_ui(ui, |ui| {
                        // Only the entries in view are laid out: a set of 10,000 articles
                        // would otherwise cost a 10,000-button list every frame it is open.
                        let row_h = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
                        ScrollArea::vertical()
                            .id_salt((side_label, "entries"))
                            .max_height(row_h * 14.0)
                            .show_rows(ui, row_h, arts.len(), |ui, range| {
                                for (i, a) in
                                    arts.iter().enumerate().skip(range.start).take(range.len())
                                {
                                    let text = a.display_name();
                                    let r = ui.add(egui::Button::selectable(i == current, text));
                                    let r = if i == other {
                                        r.on_hover_text(
                                            "Shown on the other side: choosing it swaps the sides",
                                        )
                                    } else {
                                        r
                                    };
                                    if r.clicked() {
                                        let (l, rr) = match (which, i == other) {
                                            (_, true) => (self.right, self.left),
                                            (Side::Left, false) => (i, self.right),
                                            (Side::Right, false) => (self.left, i),
                                        };
                                        cx.commands
                                            .push(Command::SelectPair { left: l, right: rr });
                                    }
                                }
                            });
                    });
                resp.response
                    .labelled_by(label.id)
                    .accessible_name(side_label)
                    .on_hover_text(format!("{side_label}: {}", name(current)));
            }
        });
        ui.horizontal(|ui| {
            for f in Filter::ALL {
                let sel = cx.settings.filter == f;
                let c = Command::SetFilter(f);
                let r = ui.selectable_label(sel, f.label()).on_hover_text(format!(
                    "{} ({})",
                    c.tooltip(),
                    c.shortcut_text(ui.ctx()).unwrap_or_default()
                ));
                if r.clicked() {
                    cx.commands.push(c);
                }
            }
            ui.separator();
            let prev = ui
                .add_enabled(!self.diffs.is_empty(), egui::Button::new("Previous"))
                .on_hover_text("Previous difference (Alt+Up or P)");
            if prev.clicked() {
                cx.commands.push(Command::PrevDifference);
            }
            let next = ui
                .add_enabled(!self.diffs.is_empty(), egui::Button::new("Next"))
                .on_hover_text("Next difference (Alt+Down or N)");
            if next.clicked() {
                cx.commands.push(Command::NextDifference);
            }
            ui.label(self.counter_text());
            if cx.comparing {
                super::status::spinner(ui);
            }
            ui.separator();
            if self.search.open {
                self.search_bar(ui, cx);
            } else if ui
                .button("Find…")
                .on_hover_text("Search either side (Ctrl+F)")
                .clicked()
            {
                cx.commands.push(Command::Find);
            }
        });
    }

    fn search_bar(&mut self, ui: &mut Ui, cx: &mut ViewCtx<'_>) {
        let edit = egui::TextEdit::singleline(&mut self.search.query)
            .hint_text("Find in passages")
            .desired_width(220.0);
        let resp = ui.add(edit).accessible_name("Find");
        if std::mem::take(&mut self.search.focus) {
            resp.request_focus();
        }
        if (resp.lost_focus() || resp.has_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter))
        {
            let back = ui.input(|i| i.modifiers.shift);
            self.refresh_search();
            self.step_search(!back);
            resp.request_focus();
        }
        if resp.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.search.open = false;
        }
        egui::ComboBox::from_id_salt("search_side")
            .width(90.0)
            .selected_text(match self.search.side {
                SearchSide::Both => "Both sides",
                SearchSide::Left => "Left only",
                SearchSide::Right => "Right only",
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.search.side, SearchSide::Both, "Both sides");
                ui.selectable_value(&mut self.search.side, SearchSide::Left, "Left only");
                ui.selectable_value(&mut self.search.side, SearchSide::Right, "Right only");
            })
            .response
            .accessible_name("Search side");
        let n = self.search.hits.len();
        let text = match (self.search.query.is_empty(), self.search.current, n) {
            (true, _, _) => String::new(),
            (false, _, 0) => "No matches".to_owned(),
            (false, Some(i), n) => format!("Match {} of {n}", i + 1),
            (false, None, 1) => "1 matching row".to_owned(),
            (false, None, n) => format!("{n} matching rows"),
        };
        if ui
            .small_button("Previous")
            .on_hover_text("Previous match (Shift+F3)")
            .clicked()
        {
            cx.commands.push(Command::FindPrev);
        }
        if ui
            .small_button("Next")
            .on_hover_text("Next match (F3 or Enter)")
            .clicked()
        {
            cx.commands.push(Command::FindNext);
        }
        ui.label(text);
        if ui
            .small_button("Close")
            .on_hover_text("Close search")
            .clicked()
        {
            self.search.open = false;
            self.search.query.clear();
        }
    }

    fn legend(&mut self, ui: &mut Ui, analysis: &Analysis, cx: &mut ViewCtx<'_>) {
        let p = &cx.palette;
        let src = |i: usize| {
            analysis
                .corpus
                .articles
                .get(i)
                .map(|a| a.source.clone())
                .unwrap_or_default()
        };
        let (ls, rs) = (src(self.left), src(self.right));
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 6.0;
            chip(ui, p.delete_bg, p.delete_fg, &format!("only in {ls}"));
            chip(ui, p.insert_bg, p.insert_fg, &format!("only in {rs}"));
            chip(ui, p.changed_left, p.text, "reworded pair");
            hatch_chip(ui, p, "no counterpart");
            chip(ui, Color32::TRANSPARENT, p.moved, "moved");
            let q = RichText::new("“quoted speech”").italics().color(p.quote_fg);
            ui.label(q);
            chip(ui, Color32::TRANSPARENT, p.ignored_fg, "ignored change");
            // Framing categories present in this pair, grouped as the settings switch them.
            {
                let groups = self.groups.clone();
                if !groups.is_empty() {
                    ui.separator();
                }
                let font = FontId::proportional(13.0);
                for g in &groups {
                    let g = g.as_str();
                    let hidden = cx.settings.hidden_categories.contains(g);
                    let label = category_label(g);
                    let w = ui.fonts_mut(|f| {
                        f.layout_no_wrap(label.clone(), font.clone(), p.text).size().x
                    });
                    let (rect, resp) = ui.allocate_exact_size(vec2(w + 4.0, 18.0), Sense::click());
                    let color = if hidden { p.weak_text } else { p.text };
                    ui.painter().text(
                        rect.left_center() + vec2(2.0, -1.0),
                        Align2::LEFT_CENTER,
                        &label,
                        font.clone(),
                        color,
                    );
                    if !hidden {
                        ui.painter().line_segment(
                            [
                                rect.left_bottom() + vec2(2.0, -2.0),
                                rect.right_bottom() + vec2(-2.0, -2.0),
                            ],
                            Stroke::new(2.5, category_color(g, p.dark)),
                        );
                    }
                    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                    let resp = resp.on_hover_text(format!(
                        "{}\n{}",
                        category_explanation(g),
                        if hidden {
                            "Hidden: click to show it."
                        } else {
                            "Underlined in this colour (thick where the other source chose another word). Click to hide it."
                        }
                    ));
                    if resp.clicked() {
                        cx.commands
                            .push(Command::SetCategoryHidden(g.to_owned(), !hidden));
                    }
                }
            }
        });
    }

    fn ensure_layout(&mut self, ui: &Ui, width: f32, cx: &ViewCtx<'_>) {
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
        for &ri in &self.rows {
            let Some(r) = c.rows.get(ri) else { continue };
            let h = estimate(&r.left_text, !r.pair.left.is_empty())
                .max(estimate(&r.right_text, !r.pair.right.is_empty()))
                + 2.0 * PAD_Y;
            rows.push(RowLayout {
                top,
                height: h,
                left: None,
                right: None,
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
    fn measure(&self, ui: &Ui, layout: &mut LayoutCache, y0: f32, y1: f32, cx: &ViewCtx<'_>) {
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
                        fonts.layout_job(render::cell_job(
                            text,
                            side,
                            spans,
                            marks,
                            quotes,
                            &style,
                            layout.wrap,
                        ))
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
                    let h = left
                        .iter()
                        .chain(right.iter())
                        .map(|g| g.size().y)
                        .fold(layout.line_h, f32::max)
                        + 2.0 * PAD_Y;
                    if let Some(rl) = layout.rows.get_mut(pos) {
                        rl.left = left;
                        rl.right = right;
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

    fn table(&mut self, ui: &mut Ui, analysis: &Analysis, cx: &mut ViewCtx<'_>) {
        let p = cx.palette;
        let full = ui.available_rect_before_wrap();
        let table_w = (full.width() - OVERVIEW - 6.0).max(200.0);
        let arts = &analysis.corpus.articles;
        let (ls, rs) = (
            arts.get(self.left)
                .map(|a| a.source.clone())
                .unwrap_or_default(),
            arts.get(self.right)
                .map(|a| a.source.clone())
                .unwrap_or_default(),
        );
        // Column headings.
        let cell_w = cell_width(table_w);
        let head_h = 22.0;
        let head = Rect::from_min_size(full.min, vec2(table_w, head_h));
        let painter = ui.painter().clone();
        painter.rect_filled(head, CornerRadius::ZERO, p.gutter_bg);
        let hf = FontId::proportional(13.5);
        painter.text(
            head.left_center() + vec2(PAD_X, 0.0),
            Align2::LEFT_CENTER,
            &ls,
            hf.clone(),
            p.heading_text,
        );
        painter.text(
            pos2(head.left() + cell_w + GUTTER / 2.0, head.center().y),
            Align2::CENTER_CENTER,
            "match",
            FontId::proportional(11.5),
            p.weak_text,
        );
        painter.text(
            pos2(head.left() + cell_w + GUTTER + PAD_X, head.center().y),
            Align2::LEFT_CENTER,
            &rs,
            hf,
            p.heading_text,
        );
        ui.allocate_rect(head, Sense::hover());

        let body = Rect::from_min_max(
            pos2(full.left(), head.bottom()),
            pos2(full.left() + table_w, full.bottom()),
        );
        self.ensure_layout(ui, table_w, cx);
        let Some(mut layout) = self.layout.take() else {
            return;
        };
        let view_h = body.height();
        // A jump target is laid out first so its position is exact before scrolling to it.
        if let Some(pos) = self.scroll_to_row
            && let Some(top) = layout.rows.get(pos).map(|r| r.top)
        {
            self.measure(ui, &mut layout, top, top + view_h, cx);
        }
        if let Some(pos) = self.scroll_to_row.take()
            && let Some(r) = layout.rows.get(pos)
        {
            // Keep the target in view: only scroll when it is outside the viewport.
            let visible = r.top >= self.last_offset
                && r.top + r.height <= self.last_offset + self.last_view_height;
            if !visible || self.last_view_height <= 0.0 {
                self.scroll_to_offset = Some((r.top - view_h * 0.25).max(0.0));
            }
        }
        let mut area = ScrollArea::vertical()
            .id_salt("side_by_side_rows")
            .auto_shrink(false)
            .max_height(view_h);
        if let Some(off) = self.scroll_to_offset.take() {
            area = area
                .vertical_scroll_offset(off.clamp(0.0, (layout.total_height - view_h).max(0.0)));
        }
        let mut child = ui.new_child(egui::UiBuilder::new().max_rect(body));
        let out = area.show_viewport(&mut child, |ui, viewport| {
            self.measure(ui, &mut layout, viewport.min.y, viewport.max.y, cx);
            let origin = ui.max_rect().min;
            let total = Rect::from_min_size(origin, vec2(table_w - 2.0, layout.total_height));
            ui.allocate_rect(total, Sense::hover());
            let first = layout
                .rows
                .partition_point(|r| r.top + r.height < viewport.min.y);
            for (pos, rl) in layout.rows.iter().enumerate().skip(first) {
                if rl.top > viewport.max.y {
                    break;
                }
                let rect = Rect::from_min_size(
                    pos2(origin.x, origin.y + rl.top),
                    vec2(total.width(), rl.height),
                );
                self.paint_row(ui, pos, rect, rl, &ls, &rs, cx);
            }
        });
        self.last_offset = out.state.clamped_offset().y;
        self.last_view_height = out.inner_rect.height();
        let over = Rect::from_min_max(
            pos2(full.right() - OVERVIEW, head.top()),
            pos2(full.right(), full.bottom()),
        );
        self.overview(ui, over, &layout, cx);
        self.layout = Some(layout);
        ui.allocate_rect(full, Sense::hover());
    }

    #[allow(clippy::too_many_arguments)]
    fn paint_row(
        &mut self,
        ui: &mut Ui,
        pos: usize,
        rect: Rect,
        rl: &RowLayout,
        left_source: &str,
        right_source: &str,
        cx: &mut ViewCtx<'_>,
    ) {
        let Some(c) = self.comparison.clone() else {
            return;
        };
        let Some(row) = self.rows.get(pos).and_then(|ri| c.rows.get(*ri)) else {
            return;
        };
        let p = cx.palette;
        let kind = self.kind(pos);
        let cell_w = (rect.width() - GUTTER) / 2.0;
        let lrect = Rect::from_min_size(rect.min, vec2(cell_w, rect.height()));
        let grect =
            Rect::from_min_size(pos2(lrect.right(), rect.top()), vec2(GUTTER, rect.height()));
        let rrect = Rect::from_min_max(pos2(grect.right(), rect.top()), rect.max);
        let painter = ui.painter_at(rect.expand(1.0));
        match kind {
            RowKind::Changed => {
                painter.rect_filled(lrect, CornerRadius::ZERO, p.changed_left);
                painter.rect_filled(rrect, CornerRadius::ZERO, p.changed_right);
            }
            RowKind::LeftOnly => {
                painter.rect_filled(lrect, CornerRadius::ZERO, p.only_left);
                hatch(&painter, rrect, &p, &format!("not in {right_source}"));
            }
            RowKind::RightOnly => {
                painter.rect_filled(rrect, CornerRadius::ZERO, p.only_right);
                hatch(&painter, lrect, &p, &format!("not in {left_source}"));
            }
            RowKind::Same => {}
        }
        painter.rect_filled(grect, CornerRadius::ZERO, p.gutter_bg);
        // Gutter: how much wording the two sides share (the word diff's similarity, which reads
        // naturally as a percentage; the link score is a threshold-scaled evidence figure), and
        // the moved marker.
        if kind == RowKind::Same || kind == RowKind::Changed {
            let alike = row.stats.similarity.clamp(0.0, 1.0);
            let pct = (alike * 100.0).round();
            painter.text(
                pos2(grect.center().x, grect.top() + PAD_Y + 7.0),
                Align2::CENTER_CENTER,
                format!("{pct:.0}%"),
                FontId::proportional(12.0),
                p.weak_text,
            );
            let bar = Rect::from_min_size(
                pos2(grect.left() + 10.0, grect.top() + PAD_Y + 16.0),
                vec2((GUTTER - 20.0) * alike, 3.0),
            );
            painter.rect_filled(bar, CornerRadius::same(1), p.weak_text.gamma_multiply(0.6));
        } else {
            // A small arrow pointing at the side that has the passage.
            let c = pos2(grect.center().x, grect.top() + PAD_Y + 8.0);
            let d = if kind == RowKind::LeftOnly { -1.0 } else { 1.0 };
            let tri = vec![
                c + vec2(-5.0 * d, -5.0),
                c + vec2(-5.0 * d, 5.0),
                c + vec2(5.0 * d, 0.0),
            ];
            let col = if kind == RowKind::LeftOnly {
                p.refine_delete
            } else {
                p.refine_insert
            };
            painter.add(egui::Shape::convex_polygon(tri, col, Stroke::NONE));
        }
        if row.pair.moved {
            painter.text(
                pos2(grect.center().x, grect.top() + PAD_Y + 30.0),
                Align2::CENTER_CENTER,
                "moved",
                FontId::proportional(11.5),
                p.moved,
            );
            painter.line_segment(
                [
                    rrect.left_top() + vec2(1.5, 0.0),
                    rrect.left_bottom() + vec2(1.5, 0.0),
                ],
                Stroke::new(3.0, p.moved),
            );
        }
        if let Some(g) = &rl.left {
            painter.galley(lrect.min + vec2(PAD_X, PAD_Y), g.clone(), p.text);
        }
        if let Some(g) = &rl.right {
            painter.galley(rrect.min + vec2(PAD_X, PAD_Y), g.clone(), p.text);
        }
        painter.line_segment(
            [rect.left_bottom(), rect.right_bottom()],
            Stroke::new(1.0, p.grid),
        );
        let selected = self.selected == Some(pos);
        if selected {
            painter.rect_stroke(
                rect.shrink(1.0),
                CornerRadius::same(2),
                Stroke::new(2.0, p.current_row),
                StrokeKind::Inside,
            );
        }

        // Interaction: click selects; accessible label carries both texts for tests and
        // screen readers; hovering a framing mark explains it.
        let id = Id::unique("sbs_row").with(self.rows.get(pos).copied().unwrap_or(pos));
        let resp = ui.interact(rect, id, Sense::click());
        let label = format!(
            "Row {}: {} ‖ {}",
            pos + 1,
            if row.pair.left.is_empty() {
                format!("not in {left_source}")
            } else {
                row.left_text.clone()
            },
            if row.pair.right.is_empty() {
                format!("not in {right_source}")
            } else {
                row.right_text.clone()
            },
        );
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Row, true, &label));
        if resp.clicked() || resp.secondary_clicked() {
            self.selected = Some(pos);
            self.current = self.diffs.iter().position(|d| *d == pos);
        }
        resp.context_menu(|ui| {
            let c = Command::OpenSelectedEvent;
            if ui.button(c.label()).on_hover_text(c.tooltip()).clicked() {
                cx.commands.push(c);
                ui.close();
            }
        });
        if resp.hover_pos().is_some_and(|ptr| grect.contains(ptr)) {
            let tip = match kind {
                RowKind::LeftOnly => format!(
                    "Only in {left_source}: no passage of {right_source} was aligned with it."
                ),
                RowKind::RightOnly => format!(
                    "Only in {right_source}: no passage of {left_source} was aligned with it."
                ),
                _ => {
                    let mut tip = format!(
                        "Paired by the aligner. The figure is the share of wording the two \
                         passages have in common ({:.0}% alike after the word diff), not the \
                         alignment score.{}",
                        (row.stats.similarity.clamp(0.0, 1.0) * 100.0).round(),
                        if row.pair.moved {
                            " “moved”: the passage sits at another place in the other article."
                        } else {
                            ""
                        }
                    );
                    // Why the aligner linked them: the engine's evidence of each linked pair.
                    if let Some(al) = cx.analysis.map(|a| &a.alignment) {
                        for &l in &row.pair.left {
                            for &r in &row.pair.right {
                                let (x, y) = (
                                    crate::align::PassageRef {
                                        article: self.left,
                                        passage: l,
                                    },
                                    crate::align::PassageRef {
                                        article: self.right,
                                        passage: r,
                                    },
                                );
                                if let Some(ev) = al.evidence(x, y) {
                                    tip.push_str("\n\n");
                                    tip.push_str(&ev.summary().join("\n"));
                                }
                            }
                        }
                    }
                    tip
                }
            };
            resp.clone().on_hover_ui_at_pointer(|ui| {
                ui.label(tip);
            });
        }
        if let Some(ptr) = resp.hover_pos() {
            let cells = [
                (
                    lrect,
                    &rl.left,
                    &row.left_text,
                    &row.left_marks,
                    &rl.left_quotes,
                    right_source,
                ),
                (
                    rrect,
                    &rl.right,
                    &row.right_text,
                    &row.right_marks,
                    &rl.right_quotes,
                    left_source,
                ),
            ];
            let hit = cells
                .into_iter()
                .find_map(|(cell, g, text, marks, quotes, other)| {
                    let g = g.as_ref()?;
                    let local = ptr - (cell.min + vec2(PAD_X, PAD_Y));
                    if !Rect::from_min_size(Pos2::ZERO, g.size()).contains(local.to_pos2()) {
                        return None;
                    }
                    let ci = g.cursor_from_pos(local).index.0;
                    let b = render::byte_of_char(text, ci);
                    let b_prev = render::byte_of_char(text, ci.saturating_sub(1));
                    let at = |r: &std::ops::Range<usize>| r.contains(&b) || r.contains(&b_prev);
                    let vis = render::visible_marks(text, marks, &cx.settings.hidden_categories);
                    let mark = vis.into_iter().find(|m| at(&m.range)).cloned();
                    let quote = quotes.iter().find(|q| at(&q.range)).cloned();
                    (mark.is_some() || quote.is_some()).then(|| (mark, quote, other.to_owned()))
                });
            if let Some((mark, quote, other)) = hit {
                let framing = cx.analysis.and_then(|a| a.framing.as_ref());
                resp.on_hover_ui_at_pointer(|ui| {
                    if let Some(m) = &mark {
                        mark_tooltip(ui, m, &other, &p, framing);
                    }
                    if let Some(q) = &quote {
                        if mark.is_some() {
                            ui.separator();
                        }
                        let who = match &q.speaker {
                            Some(s) => format!("Quoted speech: {s}'s words, not the outlet's."),
                            None => "Quoted speech (speaker not named in the text).".to_owned(),
                        };
                        ui.label(RichText::new(who).italics().color(p.quote_fg));
                    }
                });
            }
        }
    }

    fn overview(&mut self, ui: &mut Ui, rect: Rect, layout: &LayoutCache, cx: &ViewCtx<'_>) {
        let p = cx.palette;
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, CornerRadius::same(2), p.gutter_bg);
        let total = layout.total_height.max(1.0);
        let scale = rect.height() / total;
        // The marks are resolved at pixel resolution first (later rows over earlier ones, as
        // painting them in order would), so the bar costs at most one rectangle per pixel row
        // however many rows the pair has: painting one shape per row made the bar the most
        // expensive thing on screen for pairs with thousands of alternating rows.
        let px = rect.height().max(0.0).ceil() as usize;
        let mut cover: Vec<Option<RowKind>> = vec![None; px];
        let mut mark = |kind: RowKind, top: f32, bottom: f32| {
            if kind == RowKind::Same {
                return;
            }
            let y0 = top * scale;
            let h = ((bottom - top) * scale).max(2.0);
            let a = (y0.round().max(0.0) as usize).min(px);
            let b = ((y0 + h).round().max(0.0) as usize).clamp(a, px);
            if let Some(cells) = cover.get_mut(a..b) {
                cells.fill(Some(kind));
            }
        };
        // Consecutive rows of one kind first become one run.
        let mut run: Option<(RowKind, f32, f32)> = None;
        for (pos, rl) in layout.rows.iter().enumerate() {
            let kind = self.kind(pos);
            match &mut run {
                Some((k, _, bottom)) if *k == kind => *bottom = rl.top + rl.height,
                _ => {
                    if let Some((k, t, b)) = run.take() {
                        mark(k, t, b);
                    }
                    run = Some((kind, rl.top, rl.top + rl.height));
                }
            }
        }
        if let Some((k, t, b)) = run {
            mark(k, t, b);
        }
        let color = |kind: RowKind| match kind {
            RowKind::Same => Color32::TRANSPARENT,
            RowKind::Changed => p.current_row.gamma_multiply(0.8),
            RowKind::LeftOnly => p.refine_delete,
            RowKind::RightOnly => p.refine_insert,
        };
        let mut y = 0;
        while y < px {
            let kind = cover.get(y).copied().flatten();
            let len = cover
                .get(y..)
                .map_or(1, |rest| rest.iter().take_while(|k| **k == kind).count())
                .max(1);
            if let Some(kind) = kind {
                painter.rect_filled(
                    Rect::from_min_size(
                        pos2(rect.left() + 2.0, rect.top() + y as f32),
                        vec2(rect.width() - 4.0, len as f32),
                    ),
                    CornerRadius::ZERO,
                    color(kind),
                );
            }
            y += len;
        }
        // Search hits: one dot per pixel row holding any (a common word can hit thousands of
        // rows; overlapping dots look the same as one).
        let mut last_dot = None;
        for &pos in &self.search.hits {
            if let Some(rl) = layout.rows.get(pos) {
                let y = rect.top() + (rl.top + rl.height / 2.0) * scale;
                if last_dot == Some(y.round() as i64) {
                    continue;
                }
                last_dot = Some(y.round() as i64);
                painter.circle_filled(pos2(rect.center().x, y), 2.5, p.search_current_bg);
            }
        }
        // Viewport indicator.
        let vy0 = rect.top() + self.last_offset * scale;
        // `max` first: a minimap shorter than 4 points (a tiny window, a huge header from a long
        // name) must not give clamp a max below its min (that panics).
        let vh = (self.last_view_height * scale).clamp(4.0, rect.height().max(4.0));
        painter.rect_stroke(
            Rect::from_min_size(pos2(rect.left(), vy0), vec2(rect.width(), vh)),
            CornerRadius::same(2),
            Stroke::new(1.5, p.weak_text),
            StrokeKind::Inside,
        );
        let resp = ui
            .interact(rect, Id::unique("sbs_overview"), Sense::click_and_drag())
            .on_hover_text("Overview of differences: click to jump");
        resp.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::ScrollBar, true, "Difference overview")
        });
        if let Some(ptr) = resp.interact_pointer_pos()
            && (resp.clicked() || resp.dragged())
        {
            let y = (ptr.y - rect.top()) / scale;
            // Jump to the row under the pointer; select it when it is a difference.
            if let Some(pos) = layout.rows.iter().position(|r| r.top + r.height >= y)
                && let Some(i) = self.diffs.iter().position(|d| *d == pos)
            {
                self.current = Some(i);
                self.selected = Some(pos);
            }
            self.scroll_to_offset = Some((y - self.last_view_height / 2.0).max(0.0));
        }
    }
}

/// `s` cut to at most `max` characters, with an ellipsis when cut.
fn elide(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn cell_width(table_w: f32) -> f32 {
    // Leave room for the scroll bar on the right.
    ((table_w - GUTTER - 14.0) / 2.0).max(80.0)
}

fn chip(ui: &mut Ui, bg: Color32, fg: Color32, text: &str) {
    let t = RichText::new(format!(" {text} "))
        .color(fg)
        .background_color(bg)
        .size(13.0);
    ui.label(t);
}

fn hatch_chip(ui: &mut Ui, p: &Palette, text: &str) {
    let (rect, _) = ui.allocate_exact_size(vec2(22.0, 16.0), Sense::hover());
    hatch(ui.painter(), rect, p, "");
    ui.label(RichText::new(text).size(13.0).color(p.weak_text));
}

/// Diagonal hatching with a centred label: the empty opposite cell of an unmatched passage.
fn hatch(painter: &egui::Painter, rect: Rect, p: &Palette, label: &str) {
    let clip = painter.with_clip_rect(rect.intersect(painter.clip_rect()));
    let step = 9.0;
    let mut x = rect.left() - rect.height();
    while x < rect.right() {
        clip.line_segment(
            [pos2(x, rect.bottom()), pos2(x + rect.height(), rect.top())],
            Stroke::new(1.0, p.hatch),
        );
        x += step;
    }
    if !label.is_empty() {
        let font = FontId::proportional(12.5);
        let galley = painter.layout_no_wrap(label.to_owned(), font, p.weak_text);
        let r = Rect::from_center_size(
            pos2(
                rect.center().x,
                rect.top() + PAD_Y + galley.size().y / 2.0 + 2.0,
            ),
            galley.size() + vec2(12.0, 4.0),
        );
        clip.rect_filled(r, CornerRadius::same(4), p.gutter_bg);
        clip.galley(r.min + vec2(6.0, 2.0), galley, p.weak_text);
    }
}

fn mark_tooltip(
    ui: &mut Ui,
    m: &Mark,
    other_source: &str,
    p: &Palette,
    framing: Option<&crate::framing::Framing>,
) {
    let col = category_color(&m.category, p.dark);
    // The lexicon's own wording when the set was analysed with one; ours otherwise.
    let (label, explanation) = framing
        .and_then(|f| f.describe(&m.category))
        .unwrap_or_else(|| {
            (
                category_label(&m.category),
                category_explanation(&m.category),
            )
        });
    ui.horizontal(|ui| {
        let (r, _) = ui.allocate_exact_size(Vec2::splat(10.0), Sense::hover());
        ui.painter().rect_filled(r, CornerRadius::same(2), col);
        ui.strong(label);
    });
    ui.label(explanation);
    ui.label(format!("Term: “{}”", m.term));
    if let Some(c) = &m.contrast {
        ui.label(RichText::new(format!("{other_source} chose “{c}” here.")).strong());
    }
    if m.quoted {
        let who = m.speaker.as_deref().unwrap_or("the speaker");
        ui.label(
            RichText::new(format!(
                "Inside a quotation: {who}'s wording, not the outlet's."
            ))
            .italics(),
        );
    }
}
