//! Painting: the virtualised table, one row (gutter, cells, marks, tooltips) and the
//! overview bar.

use crate::align::PassageRef;
use egui::{
    Align2, Color32, CornerRadius, FontId, Id, Pos2, Rect, RichText, ScrollArea, Sense, Stroke,
    StrokeKind, Ui, Vec2, pos2, vec2,
};

use super::layout::{LayoutCache, RowLayout, cell_width};
use super::rows::RowKind;
use super::{GAP_H, GUTTER, OVERVIEW, PAD_X, PAD_Y, SideBySide, ViewCtx};
use crate::app::command::{SystemCommand, UiCommand};
use crate::app::render;
use crate::app::theme::{Palette, category_color};
use crate::framing::Mark;
use crate::model::Analysis;

impl SideBySide {
    pub(super) fn table(&mut self, ui: &mut Ui, analysis: &Analysis, cx: &mut ViewCtx<'_>) {
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
        // Each name fits its column (cut with "…"; the full name is in the tooltip).
        let max = cell_w - PAD_X - 4.0;
        let fit = |name: &str| render::fit_width(&painter, name, &hf, max);
        painter.text(
            head.left_center() + vec2(PAD_X, 0.0),
            Align2::LEFT_CENTER,
            fit(&ls),
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
            fit(&rs),
            hf.clone(),
            p.heading_text,
        );
        // Each heading names its source; hovering tells where the name comes from, and the
        // context menu renames it.
        for (article, rect) in [
            (
                self.left,
                Rect::from_min_size(head.min, vec2(cell_w + GUTTER / 2.0, head_h)),
            ),
            (
                self.right,
                Rect::from_min_max(
                    pos2(head.left() + cell_w + GUTTER / 2.0, head.top()),
                    head.max,
                ),
            ),
        ] {
            let Some(art) = arts.get(article) else {
                continue;
            };
            let resp = ui.interact(
                rect,
                Id::unique("sbs_heading").with(article),
                Sense::click(),
            );
            resp.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ColumnHeader, true, &art.source)
            });
            let resp = resp.on_hover_text(format!(
                "{}\n{}\nFile: {}\nRight-click to rename this source.",
                art.source, art.title, art.file
            ));
            resp.context_menu(|ui| {
                let c = SystemCommand::EditSourceName(article);
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
                let mut rect = Rect::from_min_size(
                    pos2(origin.x, origin.y + rl.top),
                    vec2(total.width(), rl.height),
                );
                // The rows the filter hides around this one: a separator that shows them.
                if let Some(gap) = self.gaps_before.get(pos).copied().flatten() {
                    let (strip, rest) = rect.split_top_bottom_at_y(rect.top() + GAP_H);
                    self.paint_gap(ui, strip, gap, &p);
                    rect = rest;
                }
                if pos + 1 == self.rows.len()
                    && let Some(gap) = self.gap_after
                {
                    let (rest, strip) = rect.split_top_bottom_at_y(rect.bottom() - GAP_H);
                    self.paint_gap(ui, strip, gap, &p);
                    rect = rest;
                }
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
    pub(super) fn paint_row(
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
                let note = missing_note(row, self.rows.get(pos).copied(), right_source);
                hatch(&painter, rrect, &p, &note);
            }
            RowKind::RightOnly => {
                painter.rect_filled(rrect, CornerRadius::ZERO, p.only_right);
                let note = missing_note(row, self.rows.get(pos).copied(), left_source);
                hatch(&painter, lrect, &p, &note);
            }
            RowKind::Same => {}
        }
        painter.rect_filled(grect, CornerRadius::ZERO, p.gutter_bg);
        let manual = row.pair.left.iter().any(|&l| {
            row.pair.right.iter().any(|&r| {
                cx.analysis.is_some_and(|a| {
                    a.alignment
                        .evidence(
                            PassageRef {
                                article: self.left,
                                passage: l,
                            },
                            PassageRef {
                                article: self.right,
                                passage: r,
                            },
                        )
                        .is_some_and(|e| e.manual)
                })
            })
        });
        // Gutter: the row's match figure (the engine's, as the CLI and the report print it) with
        // a bar of the same length, and the moved marker.
        if let Some(m) = row.match_figure() {
            let alike = m.score();
            painter.text(
                pos2(grect.center().x, grect.top() + PAD_Y + 7.0),
                Align2::CENTER_CENTER,
                m.to_string(),
                FontId::proportional(12.0),
                p.weak_text,
            );
            if manual {
                painter.text(
                    pos2(grect.center().x, grect.top() + PAD_Y + 44.0),
                    Align2::CENTER_CENTER,
                    "by hand",
                    FontId::proportional(11.0),
                    p.weak_text,
                );
            }
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
        // The passages are selectable text: drag over words, then Ctrl+C copies just those
        // (egui's label selection, which also paints them). A click on the text is a click on
        // the row: the text sits above the row's own response, joined with it.
        let ri = self.rows.get(pos).copied().unwrap_or(pos);
        let mut text_resps = Vec::new();
        for (cell, galley, lines, side) in [
            (lrect, &rl.left, &rl.left_lines, 0u8),
            (rrect, &rl.right, &rl.right_lines, 1u8),
        ] {
            let Some(g) = galley else { continue };
            let at = cell.min + vec2(PAD_X, PAD_Y);
            let text_rect = Rect::from_min_size(at, g.size()).intersect(cell);
            let text_resp = ui.interact(
                text_rect,
                Id::unique("sbs_text").with((ri, side)),
                Sense::click_and_drag(),
            );
            egui::text_selection::LabelSelectionState::label_text_selection(
                ui,
                &text_resp,
                at,
                g.clone(),
                p.text,
                Stroke::NONE,
            );
            if let Some(lines) = lines {
                ui.painter()
                    .with_clip_rect(cell)
                    .galley(at, lines.clone(), Color32::TRANSPARENT);
            }
            text_resps.push(text_resp);
        }
        let resp = text_resps.into_iter().fold(resp, |r, t| r.union(t));
        let label = format!(
            "Row {}{}: {} ‖ {}",
            pos + 1,
            row.match_figure().map_or_else(String::new, |m| format!(
                " · {} {m}",
                crate::compare::Match::LABEL.to_lowercase()
            )),
            if row.pair.left.is_empty() {
                missing_note(row, self.rows.get(pos).copied(), left_source)
            } else {
                row.left_text.clone()
            },
            if row.pair.right.is_empty() {
                missing_note(row, self.rows.get(pos).copied(), right_source)
            } else {
                row.right_text.clone()
            },
        );
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Row, true, &label));
        if resp.secondary_clicked() {
            // The row selected before the right-click is the other half of "Link these
            // passages"; the side right-clicked is the passage "Copy passage" copies.
            self.link_from = self.selected.filter(|&s| s != pos);
            self.context_left = resp
                .interact_pointer_pos()
                .is_none_or(|p| p.x < grect.center().x);
        }
        if resp.clicked() || resp.secondary_clicked() {
            self.selected = Some(pos);
            self.current = self.diffs.iter().position(|d| *d == pos);
        }
        let (la, ra) = (self.left, self.right);
        let pref = |article: usize, passage: usize| PassageRef { article, passage };
        let linked = |x: PassageRef, y: PassageRef| {
            cx.analysis
                .is_some_and(|a| a.alignment.evidence(x, y).is_some())
        };
        // Link these passages: this row and the row selected before, one passage per side.
        let link_pair = self
            .link_from
            .and_then(|f| self.rows.get(f).and_then(|ri| c.rows.get(*ri)))
            .and_then(|from| {
                let a = row.pair.left.first().zip(from.pair.right.first());
                let b = from.pair.left.first().zip(row.pair.right.first());
                let this_lacks_right = row.pair.right.is_empty();
                let pick = if this_lacks_right { a.or(b) } else { b.or(a) };
                pick.map(|(&l, &r)| (pref(la, l), pref(ra, r)))
            })
            .filter(|&(x, y)| !linked(x, y));
        // The other side's passages no one paired, nearest first, for "Link with…".
        let candidates: Vec<(PassageRef, PassageRef, String)> = {
            let here = self.rows.get(pos).copied().unwrap_or(0);
            let mut v: Vec<(usize, PassageRef, PassageRef, String)> = Vec::new();
            for (k, other) in c.rows.iter().enumerate() {
                let dist = k.abs_diff(here);
                match (
                    row.pair.left.first(),
                    row.pair.right.first(),
                    other.pair.left.first(),
                    other.pair.right.first(),
                ) {
                    // This row has a left passage: the right passages alone in their row.
                    (Some(&l), _, None, Some(&r)) => {
                        v.push((dist, pref(la, l), pref(ra, r), other.right_text.clone()));
                    }
                    // A right passage alone: the left passages alone in their row.
                    (None, Some(&r), Some(&l), None) => {
                        v.push((dist, pref(la, l), pref(ra, r), other.left_text.clone()));
                    }
                    _ => {}
                }
            }
            v.sort_by_key(|x| x.0);
            v.truncate(12);
            v.into_iter().map(|(_, x, y, t)| (x, y, t)).collect()
        };
        let unlink: Vec<(PassageRef, PassageRef)> = row
            .pair
            .left
            .iter()
            .flat_map(|&l| {
                row.pair
                    .right
                    .iter()
                    .map(move |&r| (pref(la, l), pref(ra, r)))
            })
            .filter(|&(x, y)| linked(x, y))
            .collect();
        let copies: Vec<SystemCommand> = cx
            .analysis
            .map(|a| {
                let left_side = self.context_left;
                let (text, name) =
                    if (left_side && !row.left_text.is_empty()) || row.right_text.is_empty() {
                        (&row.left_text, left_source)
                    } else {
                        (&row.right_text, right_source)
                    };
                let mut v = vec![SystemCommand::CopyText {
                    what: format!("passage of {name}"),
                    text: text.split_whitespace().collect::<Vec<_>>().join(" "),
                }];
                if let Some(t) = self.row_copy(a, pos, false) {
                    v.push(SystemCommand::CopyText {
                        what: "row with source names".into(),
                        text: t,
                    });
                }
                if let Some(t) = self.row_copy(a, pos, true) {
                    v.push(SystemCommand::CopyText {
                        what: "row as Markdown".into(),
                        text: t,
                    });
                }
                v
            })
            .unwrap_or_default();
        resp.context_menu(|ui| {
            for (c, label) in copies.iter().zip([
                "Copy passage",
                "Copy row with source names",
                "Copy row as Markdown",
            ]) {
                if ui.button(label).on_hover_text(match label {
                    "Copy passage" => "Put the text of the passage you right-clicked on the clipboard",
                    "Copy row with source names" => "Both passages, each after its source's name, as plain text",
                    _ => "Both passages as a two-column Markdown table headed by the source names",
                }).clicked() {
                    cx.commands.push(c.clone());
                    ui.close();
                }
            }
            // The original of the passage right-clicked: its file, and its page when known.
            let article = if (self.context_left && !row.pair.left.is_empty())
                || row.pair.right.is_empty()
            {
                la
            } else {
                ra
            };
            ui.separator();
            let c = SystemCommand::OpenOriginal {
                article,
                web: false,
            };
            if ui.button(c.label()).on_hover_text(c.tooltip()).clicked() {
                cx.commands.push(c);
                ui.close();
            }
            let url = cx
                .analysis
                .and_then(|a| a.article(article))
                .and_then(|x| x.url.clone());
            if let Some(url) = url {
                let c = SystemCommand::OpenOriginal { article, web: true };
                if ui
                    .button(c.label())
                    .on_hover_text(format!("{}: {url}", c.tooltip()))
                    .clicked()
                {
                    cx.commands.push(c);
                    ui.close();
                }
            }
            ui.separator();
            let c = UiCommand::OpenSelectedEvent;
            if ui.button(c.label()).on_hover_text(c.tooltip()).clicked() {
                cx.commands.push(c);
                ui.close();
            }
            ui.separator();
            if let Some((x, y)) = link_pair {
                let c = SystemCommand::LinkPassages(x, y);
                if ui.button(c.label()).on_hover_text(c.tooltip()).clicked() {
                    cx.commands.push(c);
                    ui.close();
                }
            }
            if !unlink.is_empty() {
                let c = SystemCommand::UnlinkPassages(unlink.clone());
                if ui.button(c.label()).on_hover_text(c.tooltip()).clicked() {
                    cx.commands.push(c);
                    ui.close();
                }
            }
            if !candidates.is_empty() {
                let other = if row.pair.left.is_empty() {
                    left_source
                } else {
                    right_source
                };
                ui.menu_button(format!("Link with a passage of {other}"), |ui| {
                    for (x, y, text) in &candidates {
                        let label = super::super::corrections::snippet(text, 70);
                        if ui
                            .button(label)
                            .on_hover_text(SystemCommand::LinkPassages(*x, *y).tooltip())
                            .clicked()
                        {
                            cx.commands.push(SystemCommand::LinkPassages(*x, *y));
                            ui.close();
                        }
                    }
                });
            }
        });
        if resp.hover_pos().is_some_and(|ptr| grect.contains(ptr)) {
            let elsewhere =
                |mine: &str, other: &str| {
                    format!(
                        "{other} reports this claim too: its passage is linked to this one, and \
                     shown in a row {} beside another passage of {mine} it also matches. A row \
                     pairs a passage with one counterpart (or two adjacent ones, a split \
                     sentence); a second counterpart elsewhere in the article keeps its own row.",
                        row.linked.first().zip(self.rows.get(pos)).map_or(
                            "elsewhere",
                            |(l, &me)| if l.row < me { "above" } else { "below" }
                        )
                    )
                };
            let tip = match kind {
                RowKind::LeftOnly if !row.linked.is_empty() => elsewhere(left_source, right_source),
                RowKind::RightOnly if !row.linked.is_empty() => {
                    elsewhere(right_source, left_source)
                }
                RowKind::LeftOnly => format!(
                    "Only in {left_source}: no passage of {right_source} was aligned with it."
                ),
                RowKind::RightOnly => format!(
                    "Only in {right_source}: no passage of {left_source} was aligned with it."
                ),
                _ => {
                    let mut tip = format!(
                        "{} {}: {}.\nWording in common after the word diff: {}.{}",
                        crate::compare::Match::LABEL,
                        row.match_figure()
                            .map_or_else(String::new, |m| m.to_string()),
                        crate::compare::Match::EXPLANATION,
                        crate::compare::percent(row.stats.similarity),
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
        // Over the empty side of a one-sided row: what that source says on the same topic.
        let empty_cell = match kind {
            RowKind::LeftOnly => Some((rrect, self.right, right_source)),
            RowKind::RightOnly => Some((lrect, self.left, left_source)),
            _ => None,
        };
        if let (Some((cell, article, source)), Some(ptr), Some(an)) =
            (empty_cell, resp.hover_pos(), cx.analysis)
            && cell.contains(ptr)
            && !row.related.is_empty()
            && row.linked.is_empty()
        {
            let texts: Vec<String> = row
                .related
                .iter()
                .map(|&passage| {
                    let t = an.passage_text(crate::align::PassageRef { article, passage });
                    crate::corpus::metadata::shorten(t, RELATED_PREVIEW_CHARS)
                })
                .collect();
            resp.clone().on_hover_ui_at_pointer(|ui| {
                ui.label(
                    RichText::new(format!(
                        "{source} has no passage reporting this claim. On the same topic \
                         (related, not the same claim):"
                    ))
                    .strong(),
                );
                for t in &texts {
                    ui.label(RichText::new(format!("• {t}")).color(p.weak_text));
                }
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
                resp.on_hover_ui_at_pointer(|ui| {
                    if let Some(m) = &mark {
                        mark_tooltip(ui, m, &other, &p, cx.legend);
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

    pub(super) fn overview(
        &mut self,
        ui: &mut Ui,
        rect: Rect,
        layout: &LayoutCache,
        cx: &ViewCtx<'_>,
    ) {
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

impl SideBySide {
    /// One "n rows hidden" separator; a click shows the rows.
    fn paint_gap(&mut self, ui: &mut Ui, strip: Rect, gap: super::Gap, p: &Palette) {
        let id = Id::unique("sbs_gap").with(gap.first);
        let resp = ui.interact(strip, id, Sense::click());
        let label = gap.label();
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        let painter = ui.painter_at(strip);
        let bg = if resp.hovered() {
            p.gutter_bg.gamma_multiply(1.6)
        } else {
            p.gutter_bg
        };
        painter.rect_filled(strip.shrink2(vec2(0.0, 2.0)), CornerRadius::same(3), bg);
        let mid = strip.center().y;
        let dash = Stroke::new(1.0, p.grid);
        let font = FontId::proportional(12.0);
        let text = label.clone();
        let galley = painter.layout_no_wrap(text, font, p.weak_text);
        let w = galley.size().x;
        let x0 = strip.center().x - w / 2.0;
        painter.line_segment([pos2(strip.left() + 8.0, mid), pos2(x0 - 8.0, mid)], dash);
        painter.line_segment(
            [pos2(x0 + w + 8.0, mid), pos2(strip.right() - 8.0, mid)],
            dash,
        );
        painter.galley(pos2(x0, mid - galley.size().y / 2.0), galley, p.weak_text);
        let resp = resp
            .on_hover_text("Rows the filter hides here: click to show them in place")
            .on_hover_cursor(egui::CursorIcon::PointingHand);
        if resp.clicked() {
            self.reveal_gap(gap);
        }
    }
}

/// Diagonal hatching with a centred label: the empty opposite cell of an unmatched passage.
/// Longest preview of a related passage in the tooltip of a one-sided row, in characters.
const RELATED_PREVIEW_CHARS: usize = 160;

pub(super) fn hatch(painter: &egui::Painter, rect: Rect, p: &Palette, label: &str) {
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

pub(super) fn mark_tooltip(
    ui: &mut Ui,
    m: &Mark,
    other_source: &str,
    p: &Palette,
    legend: &crate::legend::Legend,
) {
    // The lexicon's own wording, as the report and the legend show it.
    let col = category_color(legend.colour(&m.category), p.dark);
    let (label, explanation) = (legend.label(&m.category), legend.explanation(&m.category));
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

/// What the empty cell of a one-sided row says (comparison row `me`; `other` lacks the
/// passage): "not in X", or where X's counterpart is shown when the passage is linked to one
/// in another row ("in X: paired in a row above"). The viewer has no row numbers, so the
/// direction stands for [`crate::compare::CompareRow::missing_note`]'s number.
fn missing_note(row: &crate::compare::CompareRow, me: Option<usize>, other: &str) -> String {
    match (row.linked.first(), me) {
        (Some(l), Some(me)) => format!(
            "in {other}: paired in a row {}",
            if l.row < me { "above" } else { "below" }
        ),
        _ => row.missing_note(other),
    }
}
