//! One event across every source: a searchable list of events on the left; for the chosen
//! event, each source's passages stacked, with the words that differ from a reference source
//! the user picks (the engine's word diff), framing underlines, and the quotations in those
//! passages with their speakers. Each source links to the side-by-side view of that passage.

use std::collections::BTreeSet;

use egui::{Color32, FontId, RichText, ScrollArea, Ui};

use super::command::SystemCommand;
use super::render::{self, CellStyle, Side};
use super::side_by_side::ViewCtx;
use super::story_map::{open_passage, snippet};
use crate::align::PassageRef;
use crate::diff::{DiffOptions, DiffSpan, word_diff};
use crate::framing::Mark;
use crate::model::Analysis;
use crate::progress::{Cancelled, Progress};

/// One source's part of the event, ready to draw.
#[derive(Debug, Clone)]
pub struct SourceBlock {
    pub article: usize,
    pub passages: Vec<usize>,
    /// The passages joined with a space.
    pub text: String,
    /// The word diff against the reference: what this source words differently, in order
    /// (None for the reference itself).
    pub spans: Option<Vec<DiffSpan>>,
    /// Share of words in common with the reference, in [0, 1].
    pub similarity: Option<f32>,
    /// Framing marks, byte ranges into `text`.
    pub marks: Vec<Mark>,
    /// (quotation text, speaker, words) of quotations inside the passages.
    pub quotes: Vec<(String, Option<String>, usize)>,
    pub words: usize,
    /// Quotations as ranges into `text` (for the quoted-speech styling).
    pub row_quotes: Vec<render::RowQuote>,
}

/// What the blocks of the view are built for; blocks built for another key are not shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventKey {
    /// Generation of the analysis.
    pub generation: u64,
    /// Index into `alignment.events`.
    pub event: usize,
    /// Reference source (article index).
    pub reference: usize,
    pub options: DiffOptions,
}

/// Event view state. The blocks of the chosen event are built by a job of the app's queue
/// ([`super::jobs`]); choosing the event and the reference, and filtering the list, run here.
#[derive(Default)]
pub struct EventView {
    /// Index into `alignment.events`.
    pub event: Option<usize>,
    /// Reference source (article index); default: the event's first source.
    pub reference: Option<usize>,
    pub query: String,
    /// The blocks of the chosen event, built for `built_for`.
    pub blocks: Vec<SourceBlock>,
    built_for: Option<EventKey>,
    /// The key whose blocks were last asked of the job queue.
    requested: Option<EventKey>,
    /// Why building the requested blocks failed (the job panicked).
    failed: Option<String>,
    /// The user cancelled building the requested blocks.
    cancelled: bool,
    generation: Option<u64>,
    scroll_list: bool,
}

/// Builds the blocks of `event` against `reference`.
pub fn blocks(
    a: &Analysis,
    event: usize,
    reference: usize,
    opts: &DiffOptions,
    progress: &Progress,
) -> Result<Vec<SourceBlock>, Cancelled> {
    let Some(e) = a.alignment.events.get(event) else {
        return Ok(Vec::new());
    };
    let mut out: Vec<SourceBlock> = e
        .sources
        .iter()
        .map(|&article| {
            progress.check()?;
            let passages: Vec<usize> = e
                .members
                .iter()
                .filter(|m| m.article == article)
                .map(|m| m.passage)
                .collect();
            let mut text = String::new();
            let mut marks = Vec::new();
            let mut quotes = Vec::new();
            let mut row_quotes = Vec::new();
            let mut paragraph = None;
            for &passage in &passages {
                let sentence = a
                    .alignment
                    .passages
                    .get(article)
                    .and_then(|ps| ps.get(passage));
                // Passages of one paragraph run on; a new paragraph starts on its own line,
                // as the article prints it.
                if !text.is_empty() {
                    let same = sentence.map(|s| s.paragraph) == paragraph;
                    text.push_str(if same { " " } else { "\n\n" });
                }
                paragraph = sentence.map(|s| s.paragraph);
                let offset = text.len();
                text.push_str(a.passage_text(PassageRef { article, passage }));
                let span = sentence.map(|s| s.span);
                if let (Some(f), Some(span)) = (&a.framing, span) {
                    marks.extend(f.marks_in_span(article, span.range(), offset));
                    let body = a.article(article).map_or("", |x| x.body.as_str());
                    for q in f.articles.get(article).map_or(&[][..], |af| &af.quotes) {
                        let overlaps = q.range.start < span.end && span.start < q.range.end;
                        if overlaps {
                            // The quoted-speech styling covers the part inside this passage.
                            let start = q.range.start.max(span.start) - span.start + offset;
                            let end = q.range.end.min(span.end) - span.start + offset;
                            row_quotes.push(render::RowQuote {
                                range: start..end,
                                speaker: q.speaker.clone(),
                            });
                        }
                        if overlaps && !q.scare {
                            let t = body.get(q.range.clone()).unwrap_or("").to_string();
                            if !quotes.iter().any(|(x, _, _)| *x == t) {
                                quotes.push((t, q.speaker.clone(), q.words));
                            }
                        }
                    }
                }
            }
            let words = crate::report::word_count(&text);
            if a.framing.is_none() {
                row_quotes = render::row_quotes(a, article, &[], &text);
            }
            Ok(SourceBlock {
                row_quotes,
                article,
                passages,
                text,
                spans: None,
                similarity: None,
                marks,
                quotes,
                words,
            })
        })
        .collect::<Result<_, Cancelled>>()?;
    let ref_text = out
        .iter()
        .find(|b| b.article == reference)
        .map(|b| b.text.clone());
    if let Some(rt) = ref_text {
        for b in out.iter_mut().filter(|b| b.article != reference) {
            progress.check()?;
            let d = word_diff(&rt, &b.text, opts);
            b.similarity = Some(d.similarity);
            b.spans = Some(d.right);
        }
    }
    // The reference first, then the others in corpus order.
    out.sort_by_key(|b| (b.article != reference, b.article));
    Ok(out)
}

impl EventView {
    /// Shows `event` (from the map, the side-by-side view or a test).
    pub fn select(&mut self, event: usize) {
        if self.event != Some(event) {
            self.event = Some(event);
            self.reference = None;
            self.scroll_list = true;
        }
    }

    /// Settles which event and reference are shown for the analysis of `generation` (cheap),
    /// and returns what their blocks are built for; `None` when no event is shown.
    pub fn current(
        &mut self,
        a: &Analysis,
        generation: u64,
        opts: &DiffOptions,
    ) -> Option<EventKey> {
        if self.generation != Some(generation) {
            // A new analysis: event indices mean other events now.
            if self.generation.is_some() {
                self.event = None;
                self.reference = None;
            }
            self.generation = Some(generation);
        }
        if self.event.is_none() && !a.alignment.events.is_empty() {
            // Start on the event most sources report.
            self.event = Some(0);
        }
        let ev = self.event.filter(|e| *e < a.alignment.events.len())?;
        let sources = a
            .alignment
            .events
            .get(ev)
            .map(|e| e.sources.clone())
            .unwrap_or_default();
        let reference = match self.reference {
            Some(r) if sources.contains(&r) => r,
            _ => sources.first().copied().unwrap_or(0),
        };
        self.reference = Some(reference);
        Some(EventKey {
            generation,
            event: ev,
            reference,
            options: *opts,
        })
    }

    /// The key to build blocks for when the shown event's blocks are neither built nor asked
    /// for yet (the app then starts the job); remembers it as asked for.
    pub fn wanted(
        &mut self,
        a: &Analysis,
        generation: u64,
        opts: &DiffOptions,
    ) -> Option<EventKey> {
        let key = self.current(a, generation, opts)?;
        if self.built_for == Some(key) || self.requested == Some(key) {
            return None;
        }
        self.requested = Some(key);
        self.failed = None;
        self.cancelled = false;
        Some(key)
    }

    /// Takes the blocks a job built for `key`; blocks no longer asked for are dropped.
    /// Returns whether they were taken.
    pub fn install(&mut self, key: EventKey, blocks: Vec<SourceBlock>) -> bool {
        if self.requested != Some(key) {
            return false;
        }
        self.blocks = blocks;
        self.built_for = Some(key);
        true
    }

    /// The job building the asked-for blocks failed (`reason`); the view says so instead of
    /// waiting, until another event, reference or analysis is asked for.
    pub fn failed(&mut self, reason: String) {
        self.failed = Some(reason);
    }

    /// The user cancelled the job building the asked-for blocks: the view says so, with a
    /// button to build them after all.
    pub fn cancelled(&mut self) {
        self.cancelled = true;
    }

    fn draw(&mut self, ui: &mut Ui, cx: &mut ViewCtx<'_>) {
        let (generation, pair) = (cx.generation, cx.pair);
        let Some(a) = cx.analysis else {
            ui.centered_and_justified(|ui| {
                ui.label(if cx.loading {
                    "Loading…"
                } else {
                    "Open a folder of articles to read its events."
                });
            });
            return;
        };
        let key = self.current(a, generation, &cx.settings.diff_options());
        // The list gives way in a narrow window so the event keeps room to be read.
        let avail = ui.available_width();
        egui::Panel::left("event_list")
            .resizable(true)
            .default_size((avail * 0.3).clamp(140.0, 300.0))
            .max_size((avail * 0.45).max(140.0))
            .show(ui, |ui| self.list_ui(ui, a));
        egui::CentralPanel::default().show(ui, |ui| self.event_ui(ui, a, cx, pair, key));
    }

    fn list_ui(&mut self, ui: &mut Ui, a: &Analysis) {
        ui.add_space(4.0);
        let l = ui.label(format!("Events ({})", a.alignment.events.len()));
        ui.add(
            egui::TextEdit::singleline(&mut self.query)
                .hint_text("Filter events")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
        ui.add_space(4.0);
        let q = self.query.trim().to_lowercase();
        let shown: Vec<usize> = a
            .alignment
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| q.is_empty() || e.label.to_lowercase().contains(&q))
            .map(|(i, _)| i)
            .collect();
        let scroll = std::mem::take(&mut self.scroll_list);
        let h = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y + 2.0;
        ScrollArea::vertical()
            .id_salt("event_list_scroll")
            .auto_shrink([false, false])
            .show_rows(ui, h, shown.len(), |ui, range| {
                for &i in shown.get(range).unwrap_or(&[]) {
                    let Some(e) = a.alignment.events.get(i) else {
                        continue;
                    };
                    let selected = self.event == Some(i);
                    let text = format!("{} · {}", e.sources.len(), e.label);
                    let r = ui
                        .add(egui::Button::selectable(selected, text).truncate())
                        .on_hover_text(format!(
                            "{}\nReported by {} sources",
                            e.label,
                            e.sources.len()
                        ));
                    if r.clicked() {
                        self.select(i);
                    }
                    if selected && scroll {
                        r.scroll_to_me(Some(egui::Align::Center));
                    }
                }
            });
    }

    fn event_ui(
        &mut self,
        ui: &mut Ui,
        a: &Analysis,
        cx: &mut ViewCtx<'_>,
        pair: (usize, usize),
        key: Option<EventKey>,
    ) {
        let Some(ev) = self.event.and_then(|i| a.alignment.events.get(i)) else {
            ui.add_space(20.0);
            ui.label("Choose an event in the list (or click an event in the story map).");
            return;
        };
        let name = |i: usize| a.article(i).map(|x| x.source.clone()).unwrap_or_default();
        ui.heading(&ev.label);
        let missing: Vec<String> = (0..a.corpus.articles.len())
            .filter(|i| !ev.sources.contains(i))
            .map(name)
            .collect();
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "Reported by {} of {} sources.",
                ev.sources.len(),
                a.corpus.articles.len()
            ));
            if !missing.is_empty() {
                ui.label(
                    RichText::new(format!("Not reported by {}.", missing.join(", ")))
                        .color(cx.palette.weak_text),
                );
            }
        });
        ui.horizontal_wrapped(|ui| {
            let l = ui.label("Compare against");
            let current = self.reference.map(name).unwrap_or_default();
            egui::ComboBox::from_id_salt("event_reference")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for &s in &ev.sources {
                        ui.selectable_value(&mut self.reference, Some(s), name(s));
                    }
                })
                .response
                .labelled_by(l.id)
                .accessible_name("Reference source")
                .on_hover_text("The source the others are compared with");
            ui.label(
                RichText::new("Highlighted: what differs from the reference, word by word (as in side by side).")
                    .color(cx.palette.weak_text),
            );
        });
        ui.separator();
        if key.is_none() || self.built_for != key {
            ui.add_space(8.0);
            let asked = self.requested == key;
            let state = match (&self.failed, self.cancelled) {
                (Some(reason), _) if asked => super::status::Pending::Failed(reason),
                (None, true) if asked => super::status::Pending::Cancelled,
                _ => super::status::Pending::Building,
            };
            if super::status::pending(ui, "Building the event…", "This event", state) {
                // Asked for again: the app starts the job on this frame's end.
                self.requested = None;
            }
            return;
        }
        let hidden: BTreeSet<String> = cx.settings.hidden_categories.clone();
        let font = FontId::proportional(15.0);
        let mut open = None;
        ScrollArea::vertical()
            .id_salt("event_blocks")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for b in &self.blocks {
                    let is_ref = Some(b.article) == self.reference;
                    let frame = egui::Frame::group(ui.style()).inner_margin(10.0);
                    frame.show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.horizontal(|ui| {
                            ui.strong(RichText::new(name(b.article)).size(15.0));
                            if let Some(art) = a.article(b.article).filter(|x| !x.source_is_title())
                            {
                                // Cut to the room left: the buttons stay on screen.
                                ui.add(
                                    egui::Label::new(
                                        RichText::new(&art.title).color(cx.palette.weak_text),
                                    )
                                    .truncate(),
                                )
                                .on_hover_text(format!("{}\nFile: {}", art.title, art.file));
                            }
                        });
                        ui.horizontal_wrapped(|ui| {
                            if ui
                                .button("Side by side")
                                .on_hover_text("Open this passage side by side")
                                .clicked()
                                && let Some(&p) = b.passages.first()
                            {
                                open = Some(match self.reference {
                                    Some(r) if r != b.article => SystemCommand::ShowPassage {
                                        left: r,
                                        right: b.article,
                                        article: b.article,
                                        passage: p,
                                    },
                                    _ => open_passage(a, pair, b.article, p),
                                });
                            }
                            let info = match (is_ref, b.similarity) {
                                (true, _) => format!("{} words · reference", b.words),
                                (false, Some(s)) => format!(
                                    "{} words · {:.0}% shared with the reference",
                                    b.words,
                                    s * 100.0
                                ),
                                (false, None) => format!("{} words", b.words),
                            };
                            ui.label(RichText::new(info).color(cx.palette.weak_text));
                        });
                        let style = CellStyle {
                            palette: &cx.palette,
                            font: font.clone(),
                            heading: false,
                            hidden_categories: &hidden,
                            legend: cx.legend,
                            search: "",
                            current_search_hit: false,
                        };
                        let (job, lines) = render::split_underlines(render::cell_job(
                            &b.text,
                            Side::Right,
                            b.spans.as_deref(),
                            &b.marks,
                            &b.row_quotes,
                            &style,
                            ui.available_width(),
                        ));
                        let galley = ui.fonts_mut(|f| f.layout_job(job));
                        let resp =
                            ui.add(egui::Label::new(galley.clone()).sense(egui::Sense::hover()));
                        if let Some(lines) = lines {
                            let lines = ui.fonts_mut(|f| f.layout_job(lines));
                            ui.painter()
                                .galley(resp.rect.min, lines, Color32::TRANSPARENT);
                        }
                        // Hovering an underlined word explains the mark.
                        if let Some(ptr) = resp.hover_pos() {
                            let cursor = galley.cursor_from_pos(ptr - resp.rect.min);
                            let byte = render::byte_of_char(&b.text, cursor.index.0);
                            if let Some(m) = render::visible_marks(&b.text, &b.marks, &hidden)
                                .into_iter()
                                .find(|m| m.range.start <= byte && byte < m.range.end)
                            {
                                resp.on_hover_ui_at_pointer(|ui| {
                                    ui.strong(cx.legend.label(&m.category));
                                    ui.label(format!("“{}”", m.term));
                                    if m.quoted {
                                        ui.label(match &m.speaker {
                                            Some(s) => format!("In a quotation of {s}"),
                                            None => "In a quotation".to_owned(),
                                        });
                                    } else {
                                        ui.label("The outlet's own words");
                                    }
                                });
                            }
                        }
                        if !b.marks.is_empty() {
                            let mut cats: Vec<String> = b
                                .marks
                                .iter()
                                .filter(|m| !hidden.contains(&m.category))
                                .map(|m| format!("{}: {}", cx.legend.label(&m.category), m.term))
                                .collect();
                            cats.dedup();
                            if !cats.is_empty() {
                                ui.label(
                                    RichText::new(format!("Framing — {}", cats.join(" · ")))
                                        .color(cx.palette.weak_text),
                                );
                            }
                        }
                        for (q, speaker, words) in &b.quotes {
                            let who = speaker.as_deref().unwrap_or("speaker not found");
                            ui.label(
                                RichText::new(format!(
                                    "Quote: {} — {who} ({words} {})",
                                    snippet(q, 30),
                                    if *words == 1 { "word" } else { "words" }
                                ))
                                .color(cx.palette.quote_fg),
                            );
                        }
                    });
                    ui.add_space(6.0);
                }
            });
        if let Some(c) = open {
            cx.commands.push(c);
        }
    }
}

impl super::view::ViewUi for EventView {
    fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCtx<'_>) {
        self.draw(ui, cx);
    }
}
