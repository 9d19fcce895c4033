//! The toolbar above the table: source pickers, filters, difference counter, the find bar
//! and the legend.

use egui::{Align2, Color32, FontId, RichText, ScrollArea, Sense, Stroke, Ui, vec2};

use super::paint::hatch;
use super::rows::SearchSide;
use super::{SideBySide, ViewCtx};
use crate::app::command::{SystemCommand, UiCommand};
use crate::app::render::Side;
use crate::app::state::Filter;
use crate::app::theme::{Palette, category_color};
use crate::model::Analysis;

impl SideBySide {
    pub(super) fn toolbar(&mut self, ui: &mut Ui, analysis: &Analysis, cx: &mut ViewCtx<'_>) {
        let arts = &analysis.corpus.articles;
        let name = |i: usize| arts.get(i).map(|a| a.display_name()).unwrap_or_default();
        let avail = ui.available_width();
        // Room for the two side labels and the swap button.
        let combo_w = ((avail - 230.0) / 2.0).clamp(110.0, 560.0);
        // Both rows wrap in a narrow window rather than run past its edge.
        ui.horizontal_wrapped(|ui| {
            for (side_label, which) in [("Left source", Side::Left), ("Right source", Side::Right)]
            {
                if which == Side::Right {
                    let swap = ui
                        .button("Swap sides")
                        .on_hover_text(format!("{} (S)", UiCommand::SwapSides.tooltip()));
                    if swap.clicked() {
                        cx.commands.push(UiCommand::SwapSides);
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
                                        r.on_hover_text(format!(
                                            "File: {}\nShown on the other side: choosing it \
                                             swaps the sides",
                                            a.file
                                        ))
                                    } else {
                                        r.on_hover_text(format!("File: {}", a.file))
                                    };
                                    if r.clicked() {
                                        let (l, rr) = match (which, i == other) {
                                            (_, true) => (self.right, self.left),
                                            (Side::Left, false) => (i, self.right),
                                            (Side::Right, false) => (self.left, i),
                                        };
                                        cx.commands
                                            .push(SystemCommand::SelectPair { left: l, right: rr });
                                    }
                                }
                            });
                    });
                resp.response
                    .labelled_by(label.id)
                    .accessible_name(side_label)
                    .on_hover_text(format!(
                        "{side_label}: {}\nFile: {}",
                        name(current),
                        arts.get(current).map_or("", |a| a.file.as_str())
                    ));
            }
        });
        ui.horizontal_wrapped(|ui| {
            for f in Filter::ALL {
                let sel = cx.settings.filter == f;
                let c = UiCommand::SetFilter(f);
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
                cx.commands.push(UiCommand::PrevDifference);
            }
            let next = ui
                .add_enabled(!self.diffs.is_empty(), egui::Button::new("Next"))
                .on_hover_text("Next difference (Alt+Down or N)");
            if next.clicked() {
                cx.commands.push(UiCommand::NextDifference);
            }
            ui.add(egui::Label::new(self.counter_text()).wrap_mode(egui::TextWrapMode::Extend));
            if cx.comparing {
                crate::app::status::spinner(ui);
            }
            ui.separator();
            if self.search.open {
                self.search_bar(ui, cx);
            } else if ui
                .button("Find…")
                .on_hover_text("Search either side (Ctrl+F)")
                .clicked()
            {
                cx.commands.push(UiCommand::Find);
            }
        });
    }

    pub(super) fn search_bar(&mut self, ui: &mut Ui, cx: &mut ViewCtx<'_>) {
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
            cx.commands.push(UiCommand::FindPrev);
        }
        if ui
            .small_button("Next")
            .on_hover_text("Next match (F3 or Enter)")
            .clicked()
        {
            cx.commands.push(UiCommand::FindNext);
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

    pub(super) fn legend(&mut self, ui: &mut Ui, analysis: &Analysis, cx: &mut ViewCtx<'_>) {
        let src = |i: usize| {
            analysis
                .corpus
                .articles
                .get(i)
                .map(|a| a.source.clone())
                .unwrap_or_default()
        };
        let (ls, rs) = (src(self.left), src(self.right));
        // A narrow window keeps the legend one click away instead of giving it the table's
        // rows.
        if ui.available_width() < NARROW_LEGEND {
            let r = ui.menu_button("Legend", |ui| {
                ui.set_max_width(ui.ctx().content_rect().width() - 40.0);
                self.legend_items(ui, &ls, &rs, cx);
            });
            r.response
                .on_hover_text("What the colours, hatching and underlines mean");
            return;
        }
        ui.horizontal_wrapped(|ui| self.legend_items(ui, &ls, &rs, cx));
    }

    fn legend_items(&mut self, ui: &mut Ui, ls: &str, rs: &str, cx: &mut ViewCtx<'_>) {
        let p = &cx.palette;
        {
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
                    let label = cx.legend.label(g);
                    let w = ui.fonts_mut(|f| {
                        f.layout_no_wrap(label.clone(), font.clone(), p.text)
                            .size()
                            .x
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
                            Stroke::new(2.5, category_color(cx.legend.colour(g), p.dark)),
                        );
                    }
                    resp.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                    });
                    let resp = resp.on_hover_text(format!(
                        "{}\n{}",
                        cx.legend.explanation(g),
                        if hidden {
                            "Hidden: click to show it."
                        } else {
                            "Underlined in this colour (thick where the other source chose another word). Click to hide it."
                        }
                    ));
                    if resp.clicked() {
                        cx.commands
                            .push(SystemCommand::SetCategoryHidden(g.to_owned(), !hidden));
                    }
                }
            }
        }
    }
}

/// Below this width (points) the legend folds into a "Legend" menu.
const NARROW_LEGEND: f32 = 760.0;

/// `s` cut to at most `max` characters, with an ellipsis when cut.
pub(super) fn elide(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

pub(super) fn chip(ui: &mut Ui, bg: Color32, fg: Color32, text: &str) {
    let t = RichText::new(format!(" {text} "))
        .color(fg)
        .background_color(bg)
        .size(13.0);
    ui.label(t);
}

pub(super) fn hatch_chip(ui: &mut Ui, p: &Palette, text: &str) {
    let (rect, _) = ui.allocate_exact_size(vec2(22.0, 16.0), Sense::hover());
    hatch(ui.painter(), rect, p, "");
    ui.label(RichText::new(text).size(13.0).color(p.weak_text));
}
