//! The report as one self-contained HTML file: inline CSS only (no scripts, no fonts, no
//! images, no network), light and dark through `prefers-color-scheme`, print-friendly.
//! Every piece of article or user text goes through [`esc`].

use std::fmt::Write;

use crate::compare::Match;
use crate::legend::COLOURS;

use super::data::{
    Change, EventRow, FramingTables, Legend, LegendCategory, PairSection, Report, ReportRow,
    RowKind, Segment,
};

/// Escapes text for HTML element content and quoted attribute values.
///
/// Hand-written: five replacements cover both contexts exactly, and a dependency would add
/// nothing here.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1d2127; --muted: #5d6673; --border: #d5dae1; --head: #f4f6f8;
  --panel: #f8f9fb; --link: #1f5fbf;
  --del-bg: #fdecec; --del-strong: #f6b4b4; --del-fg: #8a1c1c;
  --ins-bg: #e9f7ee; --ins-strong: #a9e2bb; --ins-fg: #14622f;
  --ign: #8b93a0; --hatch: #e3e7ec; --bar: #7aa7e0; --blind: #b45309; --moved: #7c3aed;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #16191d; --fg: #e3e6ea; --muted: #9aa3ae; --border: #343a42; --head: #1f242a;
    --panel: #1b1f24; --link: #8ab4ff;
    --del-bg: #3a1f22; --del-strong: #7a2e33; --del-fg: #ffc9c9;
    --ins-bg: #1b3324; --ins-strong: #2f6b43; --ins-fg: #c5f2d2;
    --ign: #7d8590; --hatch: #262b31; --bar: #4f7fbf; --blind: #f0a04b; --moved: #b794ff;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0 auto; padding: 24px 32px 48px; max-width: 1500px;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
a { color: var(--link); }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 16px; margin: 24px 0 6px; }
p { margin: 6px 0; }
.meta, .note { color: var(--muted); font-size: 13px; }
nav.toc { margin: 14px 0 0; font-size: 14px; display: flex; flex-wrap: wrap; gap: 4px 16px; }
nav.toc ol { margin: 4px 0 0; padding-left: 24px; columns: 380px; column-gap: 32px; font-size: 13px; width: 100%; }
nav.toc li { overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--border); padding: 4px 8px; vertical-align: top; text-align: left; }
thead th { background: var(--head); font-weight: 600; position: sticky; top: 0; z-index: 1; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.sources td.file { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; color: var(--muted); }
.warnings li { color: var(--muted); }
.legend { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 6px 24px; margin: 8px 0; }
.legend .item { display: flex; gap: 10px; align-items: baseline; font-size: 14px; }
.legend .item .sample { flex: 0 0 auto; min-width: 92px; }
.legend .item .what { color: var(--muted); font-size: 13px; }
.legend .item .what b { color: var(--fg); font-weight: 600; }
.swatch { display: inline-block; padding: 0 6px; border-radius: 3px; }
.swatch.hatched { border: 1px solid var(--border); color: var(--muted); font-style: italic; font-size: 13px; }
del, ins { text-decoration: none; }
.removed { background: var(--del-strong); color: inherit; border-radius: 2px; }
.added { background: var(--ins-strong); color: inherit; border-radius: 2px; }
.removed.refined, .added.refined { outline: 1.5px solid currentColor; outline-offset: -1px; }
.ignored { color: var(--ign); text-decoration: underline dotted var(--ign); }
.mark { border-bottom: 2px dotted var(--cat); padding-bottom: 1px; }
.mark.contrast { border-bottom-style: solid; }
.mark.quoted { border-bottom-style: dashed; font-style: italic; }
.hatched { background: repeating-linear-gradient(135deg, var(--hatch) 0 6px, transparent 6px 12px); }
.badge { display: inline-block; font-size: 11px; font-weight: 600; line-height: 1.4; padding: 0 6px;
  border-radius: 8px; border: 1px solid currentColor; vertical-align: 1px; white-space: nowrap; }
.badge.blind { color: var(--blind); }
.badge.moved { color: var(--moved); }
/* story map */
table.map { width: 100%; table-layout: fixed; }
table.map th.event { width: 34%; font-weight: normal; }
table.map thead th.src { font-size: 12px; overflow-wrap: anywhere; line-height: 1.25; vertical-align: bottom; }
table.map th.count { width: 72px; }
table.map td.cell { position: relative; padding: 0; height: 28px; vertical-align: middle; }
table.map td.cell .bar { position: absolute; left: 0; top: 0; bottom: 0; background: var(--bar); opacity: .45; }
table.map td.cell a { color: inherit; text-decoration: none; display: block; }
table.map td.cell a:hover .n { text-decoration: underline; }
table.map td.cell .n { position: relative; padding: 0 8px; font-size: 13px; font-variant-numeric: tabular-nums; }
table.map td.cell.off { background: transparent; color: var(--muted); text-align: center; }
table.map tr.blindspot th.event { box-shadow: inset 3px 0 0 var(--blind); }
.wide { overflow-x: auto; }
table.compact td.cell .n, table.compact td.barcell .n { padding: 0 3px; font-size: 11px; }
table.map.compact th.event, table.grid.compact th.rowhead { min-width: 280px; }
table.map.compact th.count { width: 56px; }
table.compact thead th.src { font-size: 11px; text-align: center; padding: 4px 2px; white-space: nowrap; overflow-wrap: normal; }
table.compact { table-layout: auto; }
table.grid.compact { width: auto; }
table.grid.compact td { white-space: nowrap; }
table.compact td { min-width: 26px; }
/* framing */
table.grid { width: 100%; table-layout: fixed; }
table.grid th.rowhead { width: 26%; font-weight: normal; }
table.grid thead th.src { font-size: 12px; overflow-wrap: anywhere; line-height: 1.25; vertical-align: bottom; }
td.barcell { position: relative; padding: 0; height: 26px; vertical-align: middle; }
td.barcell .bar { position: absolute; left: 0; top: 0; bottom: 0; background: var(--bar); opacity: .45; }
td.barcell .n { position: relative; padding: 0 8px; font-size: 13px; font-variant-numeric: tabular-nums; }
td.barcell.zero { color: var(--muted); }
.framing td .term { white-space: nowrap; }
.framing td .q { color: var(--muted); font-size: 12px; }
.framing .example { color: var(--muted); font-size: 13px; max-width: 640px; }
.catname { border-bottom: 2px solid var(--cat); }
/* one-source passages */
.onesource h3 { margin-top: 14px; }
.onesource ol { margin: 4px 0; padding-left: 28px; }
.onesource li { margin: 2px 0; }
.onesource .w { color: var(--muted); font-size: 12px; }
/* side by side */
.pair { margin-top: 28px; }
.pair .stats { color: var(--muted); font-size: 13px; }
table.sbs { width: 100%; table-layout: fixed; }
table.sbs col.side { width: calc(50% - 34px); }
table.sbs col.gut { width: 68px; }
table.sbs thead th { font-size: 14px; }
table.sbs thead th .t { display: block; font-weight: normal; color: var(--muted); font-size: 12px; }
table.sbs td { overflow-wrap: anywhere; }
table.sbs td.gut { text-align: center; font-size: 12px; color: var(--muted); padding: 4px 2px; font-variant-numeric: tabular-nums; }
table.sbs tr.changed td.l { background: var(--del-bg); }
table.sbs tr.changed td.r { background: var(--ins-bg); }
table.sbs td.missing { color: var(--muted); font-style: italic; font-size: 13px; vertical-align: middle; }
table.sbs tr.moved td.gut { box-shadow: inset 0 0 0 2px var(--moved); }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print {
  :root {
    color-scheme: light;
    --bg: #ffffff; --fg: #000000; --muted: #444b55; --border: #b9c0c8; --head: #eef1f4; --panel: #ffffff;
    --del-bg: #fdecec; --del-strong: #f3a9a9; --ins-bg: #e9f7ee; --ins-strong: #9fdcb2;
    --hatch: #e3e7ec; --bar: #7aa7e0;
  }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { padding: 0; max-width: none; font-size: 11pt; }
  nav.toc { display: none; }
  .wide { overflow: visible; }
  thead th { position: static; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Renders the report as one HTML document.
pub fn html(report: &Report) -> String {
    let mut o = String::with_capacity(64 * 1024);
    // Writing into a String cannot fail; the results of write! are ignored on purpose.
    let _ = write_document(&mut o, report);
    o
}

fn write_document(o: &mut String, r: &Report) -> std::fmt::Result {
    let name = |i: usize| r.sources.get(i).map_or("?", |s| s.source.as_str());
    writeln!(o, "<!DOCTYPE html>")?;
    writeln!(o, "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(
        o,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        o,
        "<meta name=\"generator\" content=\"{}\">",
        esc(&r.generator)
    )?;
    writeln!(o, "<title>{}</title>", esc(&r.title))?;
    o.push_str("<style>");
    o.push_str(CSS);
    for (i, (light, _)) in COLOURS.iter().enumerate() {
        writeln!(o, ".cat-{i} {{ --cat: #{light:06x}; }}")?;
    }
    o.push_str("@media (prefers-color-scheme: dark) {\n");
    for (i, (_, dark)) in COLOURS.iter().enumerate() {
        writeln!(o, "  .cat-{i} {{ --cat: #{dark:06x}; }}")?;
    }
    o.push_str("}\n@media print {\n");
    for (i, (light, _)) in COLOURS.iter().enumerate() {
        writeln!(o, "  .cat-{i} {{ --cat: #{light:06x}; }}")?;
    }
    o.push_str("}\n</style>\n</head>\n<body>\n");

    // Header and generation info.
    writeln!(o, "<header>\n<h1>{}</h1>", esc(&r.title))?;
    let mut info = vec![format!("Generated by {}", esc(&r.generator))];
    if let Some(g) = &r.generated {
        info[0].push_str(&format!(" on {}", esc(g)));
    }
    info.push(match &r.folder {
        Some(f) => format!("from <code>{}</code>", esc(f)),
        None => "from the bundled sample articles".to_string(),
    });
    info.push(plural(r.sources.len(), "source", "sources"));
    info.push(plural(r.story_map.rows.len(), "event", "events"));
    if let Some(s) = r.settings.min_score {
        info.push(format!("minimum match {}", crate::compare::percent(s)));
    }
    let mut ignoring = Vec::new();
    if r.settings.ignore_case {
        ignoring.push("case");
    }
    if r.settings.ignore_punctuation {
        ignoring.push("punctuation");
    }
    if !ignoring.is_empty() {
        info.push(format!("differences ignore {}", ignoring.join(" and ")));
    }
    if let Some(l) = &r.settings.lexicon {
        info.push(format!("lexicon <code>{}</code>", esc(l)));
    }
    writeln!(o, "<p class=\"meta\">{}</p>", info.join(" · "))?;

    // Contents.
    o.push_str("<nav class=\"toc\" aria-label=\"Contents\">");
    o.push_str("<a href=\"#sources\">Sources</a><a href=\"#legend\">Legend</a><a href=\"#story-map\">Story map</a>");
    if r.framing.is_some() {
        o.push_str("<a href=\"#framing\">Framing</a>");
    }
    o.push_str("<a href=\"#one-source\">Reported by one source</a>");
    if !r.comparisons.is_empty() {
        o.push_str("<a href=\"#side-by-side\">Side by side</a>");
    }
    o.push_str("</nav>\n</header>\n");

    write_sources(o, r)?;
    write_legend(o, r)?;
    write_story_map(o, r)?;
    if let Some(f) = &r.framing {
        write_framing(o, r, f)?;
    }
    write_one_source(o, r)?;
    if !r.comparisons.is_empty() {
        writeln!(o, "<section id=\"side-by-side\">\n<h2>Side by side</h2>")?;
        writeln!(
            o,
            "<p class=\"note\">Each row pairs the passages that report the same thing. Removed words \
             (only on the left) are red, added words (only on the right) green; a passage the other \
             source does not carry has a hatched cell. The middle column shows how similar the pair is.</p>"
        )?;
        if r.comparisons.len() > 1 {
            o.push_str("<nav class=\"toc\"><ol>");
            for p in &r.comparisons {
                writeln!(
                    o,
                    "<li><a href=\"#pair-{}-{}\">{} vs {}</a></li>",
                    p.left,
                    p.right,
                    esc(name(p.left)),
                    esc(name(p.right))
                )?;
            }
            o.push_str("</ol></nav>\n");
        }
        for p in &r.comparisons {
            write_pair(o, r, p)?;
        }
        if r.pairs_omitted > 0 {
            writeln!(
                o,
                "<p class=\"note\">{} more pairs of sources left out: a report holds at most {} \
                 side-by-side sections. Choose the pairs to compare with <code>--left</code> / \
                 <code>--right</code>.</p>",
                r.pairs_omitted,
                super::MAX_PAIR_SECTIONS
            )?;
        }
        o.push_str("</section>\n");
    }
    writeln!(
        o,
        "<footer>{} · Parallax aligns the passages of different articles that report the same \
         event and shows how each source words them. Figures are computed from the texts; read \
         the passages before drawing conclusions.</footer>",
        esc(&r.generator)
    )?;
    o.push_str("</body>\n</html>\n");
    Ok(())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn pct(x: f32) -> String {
    format!("{:.0}%", (x * 100.0).clamp(0.0, 100.0))
}

fn write_sources(o: &mut String, r: &Report) -> std::fmt::Result {
    writeln!(o, "<section id=\"sources\">\n<h2>Sources</h2>")?;
    writeln!(
        o,
        "<table class=\"sources\">\n<thead><tr><th class=\"num\">#</th><th>Source</th><th>Title</th>\
         <th>File</th><th class=\"num\">Words</th><th class=\"num\">Passages</th>\
         <th class=\"num\">Events</th><th class=\"num\" title=\"Share of the text in passages no other source reports\">Only here</th></tr></thead>\n<tbody>"
    )?;
    for s in &r.sources {
        let mut title = esc(&s.title);
        if let Some(u) = &s.url {
            title = format!("{title} <span class=\"note\">{}</span>", esc(u));
        }
        if let Some(d) = &s.date {
            title = format!("{title} <span class=\"note\">{}</span>", esc(d));
        }
        writeln!(
            o,
            "<tr><td class=\"num\">{}</td><td><b>{}</b></td><td>{}</td><td class=\"file\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            s.index + 1,
            esc(&s.source),
            title,
            esc(&s.file),
            s.words,
            s.passages,
            s.events,
            pct(s.one_source_share)
        )?;
    }
    o.push_str("</tbody>\n</table>\n");
    if !r.warnings.is_empty() {
        writeln!(o, "<h3>Files with warnings</h3>\n<ul class=\"warnings\">")?;
        for w in &r.warnings {
            writeln!(
                o,
                "<li><code>{}</code>: {}{}</li>",
                esc(&w.file),
                esc(&w.reason),
                if w.skipped { "" } else { " (loaded)" }
            )?;
        }
        o.push_str("</ul>\n");
    }
    write_corrections(o, r)?;
    o.push_str("</section>\n");
    Ok(())
}

/// The links made or removed by hand, and the corrections that no longer apply.
fn write_corrections(o: &mut String, r: &Report) -> std::fmt::Result {
    if r.corrections.is_empty() && r.corrections_skipped.is_empty() {
        return Ok(());
    }
    if !r.corrections.is_empty() {
        writeln!(
            o,
            "<h3>Corrections made by hand</h3>\n<p>{} the alignment of this report \
             differs from the aligner's.</p>\n<ul class=\"corrections\">",
            esc(&plural(r.corrections.len(), "correction:", "corrections:"))
        )?;
        for c in &r.corrections {
            let what = match c.action {
                crate::corrections::Action::Link => "Linked",
                crate::corrections::Action::Unlink => "Unlinked",
            };
            writeln!(
                o,
                "<li>{what}: <b>{}</b> \u{201c}{}\u{201d} \u{2194} <b>{}</b> \u{201c}{}\u{201d}</li>",
                esc(&c.a_source),
                esc(&c.a_text),
                esc(&c.b_source),
                esc(&c.b_text)
            )?;
        }
        o.push_str("</ul>\n");
    }
    if !r.corrections_skipped.is_empty() {
        writeln!(
            o,
            "<h3>Corrections not applied</h3>\n<ul class=\"warnings\">"
        )?;
        for s in &r.corrections_skipped {
            writeln!(o, "<li>{}</li>", esc(s))?;
        }
        o.push_str("</ul>\n");
    }
    Ok(())
}

fn write_legend(o: &mut String, r: &Report) -> std::fmt::Result {
    writeln!(
        o,
        "<section id=\"legend\">\n<h2>Legend</h2>\n<div class=\"legend\">"
    )?;
    let item = |o: &mut String, sample: &str, label: &str, what: &str| {
        let _ = writeln!(
            o,
            "<div class=\"item\"><span class=\"sample\">{sample}</span><span class=\"what\"><b>{label}</b> {what}</span></div>"
        );
    };
    item(
        o,
        "<del class=\"swatch removed\">removed</del>",
        "Removed",
        "words only the left source uses",
    );
    item(
        o,
        "<ins class=\"swatch added\">added</ins>",
        "Added",
        "words only the right source uses",
    );
    item(
        o,
        "<span class=\"swatch removed refined\">Zelenskiy</span>",
        "Letters differ",
        "outlined: a near-identical word spelt differently",
    );
    item(
        o,
        "<span class=\"swatch ignored\">Ignored</span>",
        "Ignored",
        "a difference the settings ignore (case, punctuation)",
    );
    item(
        o,
        "<span class=\"swatch hatched\">not in …</span>",
        "Not reported",
        "the other source carries no matching passage",
    );
    item(
        o,
        "<span class=\"swatch hatched\">in …: row 7</span>",
        "Reported in another row",
        "the other source reports the claim, in a passage shown beside another one it also matches",
    );
    item(
        o,
        "<span class=\"swatch\">73%</span>",
        Match::LABEL,
        &esc(Match::EXPLANATION),
    );
    item(
        o,
        "<span class=\"badge moved\">moved</span>",
        "Moved",
        "the right passage appears out of the left article's order",
    );
    item(
        o,
        "<span class=\"badge blind\">1 source</span>",
        "Blindspot",
        "an event only one source reports",
    );
    if !r.legend.categories.is_empty() {
        item(
            o,
            "<span class=\"mark contrast cat-0\">claimed</span>",
            "Contrast",
            "solid underline: the other source chose a different word in the same place",
        );
        item(
            o,
            "<span class=\"mark cat-0\">claimed</span>",
            "Framing word",
            "dotted underline: no counterpart in the other source",
        );
        item(
            o,
            "<span class=\"mark quoted cat-0\">claimed</span>",
            "Quoted",
            "dashed, italic: the speaker's words, not the outlet's",
        );
    }
    o.push_str("</div>\n");
    if !r.legend.categories.is_empty() {
        writeln!(o, "<h3>Framing categories</h3>\n<div class=\"legend\">")?;
        for c in &r.legend.categories {
            item(
                o,
                &format!(
                    "<span class=\"mark contrast {}\">{}</span>",
                    cat_class(c),
                    esc(&c.label)
                ),
                "",
                &esc(&c.explanation),
            );
        }
        o.push_str("</div>\n");
    }
    o.push_str("</section>\n");
    Ok(())
}

fn cat_class(c: &LegendCategory) -> String {
    format!("cat-{}", c.colour % COLOURS.len())
}

fn write_story_map(o: &mut String, r: &Report) -> std::fmt::Result {
    writeln!(o, "<section id=\"story-map\">\n<h2>Story map</h2>")?;
    let m = &r.story_map;
    if m.rows.is_empty() {
        writeln!(
            o,
            "<p class=\"note\">No passage of one source matches a passage of another at this \
             minimum match, so there are no shared events to map.</p></section>"
        )?;
        return Ok(());
    }
    let blind = m.rows.iter().filter(|e| e.blindspot).count();
    let all = m
        .rows
        .iter()
        .filter(|e| e.source_count == r.sources.len())
        .count();
    writeln!(
        o,
        "<p class=\"note\">One row per event, most widely reported first. A cell shows how many \
         words the source spends on the event (the bar is scaled to the longest cell); hover it to \
         read the passage.{}{}</p>",
        if all > 0 {
            format!(
                " {} reported by every source.",
                plural(all, "event is", "events are")
            )
        } else {
            String::new()
        },
        if blind > 0 {
            format!(
                " {} reported by one source only (marked as blindspots).",
                plural(blind, "event is", "events are")
            )
        } else {
            String::new()
        }
    )?;
    write!(
        o,
        "<div class=\"wide\"><table class=\"map{}\">\n<thead><tr><th class=\"event\">Event</th><th class=\"count num\">Sources</th>",
        compact_class(r)
    )?;
    for s in &r.sources {
        o.push_str(&source_th(r, s));
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for e in &m.rows {
        write_event_row(o, r, e)?;
    }
    o.push_str("</tbody>\n</table></div>\n</section>\n");
    Ok(())
}

/// Sets of more than this many sources get numbered columns (#1, #2… as in the sources
/// table, full name in the tooltip) so the source-column tables stay readable.
const COMPACT_SOURCES: usize = 10;

fn compact_class(r: &Report) -> &'static str {
    if r.sources.len() > COMPACT_SOURCES {
        " compact"
    } else {
        ""
    }
}

/// The column head of a source in the story map and framing tables.
fn source_th(r: &Report, s: &super::data::SourceInfo) -> String {
    let label = if r.sources.len() > COMPACT_SOURCES {
        format!("#{}", s.index + 1)
    } else {
        esc(&s.source)
    };
    format!(
        "<th class=\"src\" title=\"{}\">{label}</th>",
        esc(&format!("{} — {}", s.source, s.title))
    )
}

fn write_event_row(o: &mut String, r: &Report, e: &EventRow) -> std::fmt::Result {
    let max = r.story_map.max_words.max(1) as f32;
    write!(
        o,
        "<tr{}><th class=\"event\" scope=\"row\">{}{}</th><td class=\"count num\">{} / {}</td>",
        if e.blindspot {
            " class=\"blindspot\""
        } else {
            ""
        },
        esc(&e.label),
        if e.blindspot {
            " <span class=\"badge blind\">1 source</span>"
        } else {
            ""
        },
        e.source_count,
        r.sources.len()
    )?;
    for (i, c) in e.cells.iter().enumerate() {
        if c.passages.is_empty() {
            let name = r.sources.get(i).map_or("", |s| s.source.as_str());
            write!(
                o,
                "<td class=\"cell off\" title=\"{}\">·</td>",
                esc(&format!("Not reported by {name}"))
            )?;
        } else {
            write!(
                o,
                "<td class=\"cell on\" title=\"{}\"><span class=\"bar\" style=\"width:{:.0}%\"></span>{}<span class=\"n\">{}{}</span>{}</td>",
                esc(&format!(
                    "{} · {} · {}:\n{}",
                    r.sources.get(i).map_or("", |s| s.source.as_str()),
                    plural(c.passages.len(), "passage", "passages"),
                    plural(c.words, "word", "words"),
                    c.text
                )),
                (c.words as f32 / max * 100.0).clamp(2.0, 100.0),
                c.row.map_or(String::new(), |x| format!(
                    "<a href=\"#pair-{}-{}-row-{}\">",
                    x.left,
                    x.right,
                    x.row + 1
                )),
                c.words,
                // Narrow columns of a large set show the bare number (the note says "words").
                if r.sources.len() <= 8 { " words" } else { "" },
                if c.row.is_some() { "</a>" } else { "" }
            )?;
        }
    }
    o.push_str("</tr>\n");
    Ok(())
}

fn write_framing(o: &mut String, r: &Report, f: &FramingTables) -> std::fmt::Result {
    let name = |i: usize| esc(r.sources.get(i).map_or("?", |s| s.source.as_str()));
    writeln!(
        o,
        "<section id=\"framing\" class=\"framing\">\n<h2>Framing</h2>"
    )?;
    // Profile: one column per source (like every other table), one row per figure; each
    // rate cell carries a bar scaled to the row's largest value, so the table reads as a chart.
    if !f.profiles.is_empty() {
        writeln!(
            o,
            "<h3>Profile per source</h3>\n<p class=\"note\">Framing words per 1,000 of the \
             outlet's own words; quoted words are the speakers', not the outlet's, and are not \
             counted. The bar compares the sources within a row.</p>"
        )?;
        let by_source: Vec<Option<&super::data::ProfileRow>> = (0..r.sources.len())
            .map(|i| f.profiles.iter().find(|p| p.source == i))
            .collect();
        write!(
            o,
            "<div class=\"wide\"><table class=\"grid{}\">\n<thead><tr><th class=\"rowhead\">Per source</th>",
            compact_class(r)
        )?;
        for s in &r.sources {
            o.push_str(&source_th(r, s));
        }
        o.push_str("</tr></thead>\n<tbody>\n");
        let row = |o: &mut String,
                   head: &str,
                   values: Vec<Option<f32>>,
                   fmt: &dyn Fn(f32) -> String| {
            let max = values.iter().flatten().fold(0.0f32, |m, v| m.max(*v));
            let _ = write!(o, "<tr><th scope=\"row\" class=\"rowhead\">{head}</th>");
            for v in values {
                match v {
                    Some(v) if max > 0.0 => {
                        let _ = write!(
                            o,
                            "<td class=\"barcell\"><span class=\"bar\" style=\"width:{:.0}%\"></span><span class=\"n\">{}</span></td>",
                            (v / max * 100.0).clamp(0.0, 100.0),
                            fmt(v)
                        );
                    }
                    Some(v) => {
                        let _ = write!(
                            o,
                            "<td class=\"barcell zero\"><span class=\"n\">{}</span></td>",
                            fmt(v)
                        );
                    }
                    None => {
                        o.push_str("<td class=\"barcell zero\"><span class=\"n\">–</span></td>")
                    }
                }
            }
            o.push_str("</tr>\n");
        };
        let count = |v: f32| format!("{v:.0}");
        row(
            o,
            "Own words",
            by_source
                .iter()
                .map(|p| p.map(|p| p.own_words as f32))
                .collect(),
            &count,
        );
        row(
            o,
            "Quoted words",
            by_source
                .iter()
                .map(|p| p.map(|p| p.quoted_words as f32))
                .collect(),
            &count,
        );
        row(
            o,
            "<span title=\"Share of the source's words in passages no other source reports\">Reported by no one else</span>",
            by_source
                .iter()
                .map(|p| p.map(|p| p.one_source_share))
                .collect(),
            &|v| pct(v),
        );
        for (k, id) in f.categories.iter().enumerate() {
            let (label, expl, class) = r
                .legend
                .find(id)
                .map_or((id.clone(), String::new(), String::new()), |c| {
                    (c.label.clone(), c.explanation.clone(), cat_class(c))
                });
            row(
                o,
                &format!(
                    "<span class=\"catname {class}\" title=\"{}\">{}</span>",
                    esc(&expl),
                    esc(&label)
                ),
                by_source
                    .iter()
                    .map(|p| p.and_then(|p| p.rates.get(k).copied()))
                    .collect(),
                &|v| format!("{v:.1}"),
            );
        }
        o.push_str("</tbody>\n</table></div>\n");
    }
    let source_head = |o: &mut String, first: &str| {
        let _ = write!(
            o,
            "<div class=\"wide\"><table class=\"grid{}\">\n<thead><tr><th class=\"rowhead\">{first}</th>",
            compact_class(r)
        );
        for s in &r.sources {
            o.push_str(&source_th(r, s));
        }
        o.push_str("</tr></thead>\n<tbody>\n");
    };
    if !f.naming.is_empty() {
        writeln!(
            o,
            "<h3>Naming</h3>\n<p class=\"note\">Which word each source uses for the same thing \
             (own uses; quoted uses in grey).</p>"
        )?;
        source_head(o, "Family");
        for n in &f.naming {
            write!(
                o,
                "<tr><th scope=\"row\" class=\"rowhead\">{}</th>",
                esc(&n.family)
            )?;
            for terms in &n.choices {
                o.push_str("<td>");
                let cells: Vec<String> = terms
                    .iter()
                    .map(|t| {
                        match (t.own, t.quoted) {
                            (n, 0) => format!("<span class=\"term\">{} ×{n}</span>", esc(&t.term)),
                            (0, q) => format!(
                                "<span class=\"term q\">{} ×{q} quoted</span>",
                                esc(&t.term)
                            ),
                            (n, q) => format!(
                                "<span class=\"term\">{} ×{n}</span> <span class=\"q\">+{q} quoted</span>",
                                esc(&t.term)
                            ),
                        }
                    })
                    .collect();
                o.push_str(&cells.join("<br>"));
                o.push_str("</td>");
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</tbody>\n</table></div>\n");
    }
    if !f.speakers.is_empty() {
        writeln!(
            o,
            "<h3>Who is quoted</h3>\n<p class=\"note\">Words of direct quotation per speaker.</p>"
        )?;
        source_head(o, "Speaker");
        for s in &f.speakers {
            write!(
                o,
                "<tr><th scope=\"row\" class=\"rowhead\">{}</th>",
                esc(&s.speaker)
            )?;
            for w in &s.words {
                if *w == 0 {
                    o.push_str("<td class=\"num note\">·</td>");
                } else {
                    write!(o, "<td class=\"num\">{w}</td>")?;
                }
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</tbody>\n</table></div>\n");
    }
    if !f.reuse.is_empty() {
        writeln!(
            o,
            "<h3>Verbatim reuse</h3>\n<p class=\"note\">Runs of 8 or more identical words shared \
             by two sources (wire copy and press releases explain much apparent agreement).</p>"
        )?;
        o.push_str("<table>\n<thead><tr><th>Sources</th><th class=\"num\">Longest run</th><th class=\"num\">Share of first</th><th class=\"num\">Share of second</th><th>Longest shared run</th></tr></thead>\n<tbody>\n");
        for u in &f.reuse {
            writeln!(
                o,
                "<tr><td>{} · {}</td><td class=\"num\">{} words</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"example\">{}</td></tr>",
                name(u.a),
                name(u.b),
                u.longest_words,
                pct(u.share_a),
                pct(u.share_b),
                esc(&u.example)
            )?;
        }
        o.push_str("</tbody>\n</table>\n");
    }
    o.push_str("</section>\n");
    Ok(())
}

fn write_one_source(o: &mut String, r: &Report) -> std::fmt::Result {
    writeln!(
        o,
        "<section id=\"one-source\" class=\"onesource\">\n<h2>Reported by one source</h2>\n\
         <p class=\"note\">Passages no other source carries, per source.</p>"
    )?;
    for s in &r.one_source {
        let src = r.sources.get(s.source);
        let name = src.map_or("?", |x| x.source.as_str());
        let words: usize = s.passages.iter().map(|p| p.words).sum();
        writeln!(
            o,
            "<h3>{} <span class=\"note\">{} · {} words{}</span></h3>",
            esc(name),
            plural(s.passages.len(), "passage", "passages"),
            words,
            src.map_or(String::new(), |x| format!(
                " · {} of its text",
                pct(x.one_source_share)
            ))
        )?;
        if s.passages.is_empty() {
            o.push_str(
                "<p class=\"note\">Everything it reports, another source reports too.</p>\n",
            );
            continue;
        }
        o.push_str("<ol>\n");
        for p in &s.passages {
            writeln!(
                o,
                "<li value=\"{}\">{} <span class=\"w\">({} words)</span></li>",
                p.passage + 1,
                esc(&p.text),
                p.words
            )?;
        }
        o.push_str("</ol>\n");
    }
    o.push_str("</section>\n");
    Ok(())
}

fn write_pair(o: &mut String, r: &Report, p: &PairSection) -> std::fmt::Result {
    let src = |i: usize| r.sources.get(i);
    let name = |i: usize| src(i).map_or("?", |s| s.source.as_str());
    let (ln, rn) = (name(p.left), name(p.right));
    writeln!(
        o,
        "<section class=\"pair\" id=\"pair-{}-{}\">\n<h3>{} <span class=\"note\">vs</span> {}</h3>",
        p.left,
        p.right,
        esc(ln),
        esc(rn)
    )?;
    let s = &p.stats;
    writeln!(
        o,
        "<p class=\"stats\">{} ({} worded differently) · {} only in {} · {} only in {} · {} removed, {} added{}</p>",
        plural(s.matched, "matched passage", "matched passages"),
        s.changed,
        s.left_only,
        esc(ln),
        s.right_only,
        esc(rn),
        plural(s.removed_words, "word", "words"),
        plural(s.added_words, "word", "words"),
        if s.moved > 0 {
            format!(" · {} moved", s.moved)
        } else {
            String::new()
        }
    )?;
    let head = |i: usize| {
        src(i).map_or(String::new(), |s| {
            format!(
                "{}<span class=\"t\">{}</span>",
                esc(&s.source),
                esc(&s.title)
            )
        })
    };
    writeln!(
        o,
        "<table class=\"sbs\">\n<colgroup><col class=\"side\"><col class=\"gut\"><col class=\"side\"></colgroup>\n\
         <thead><tr><th>{}</th><th class=\"gut\" title=\"{}: {}\">{}</th><th>{}</th></tr></thead>\n<tbody>",
        head(p.left),
        esc(Match::LABEL),
        esc(Match::EXPLANATION),
        esc(Match::LABEL),
        head(p.right)
    )?;
    for (i, row) in p.rows.iter().enumerate() {
        write_row(o, &r.legend, p, i, row, ln, rn)?;
    }
    o.push_str("</tbody>\n</table>\n</section>\n");
    Ok(())
}

fn write_row(
    o: &mut String,
    legend: &Legend,
    p: &PairSection,
    i: usize,
    row: &ReportRow,
    ln: &str,
    rn: &str,
) -> std::fmt::Result {
    let mut class = match row.kind {
        RowKind::Same => "same",
        RowKind::Changed => "changed",
        RowKind::LeftOnly => "left-only",
        RowKind::RightOnly => "right-only",
    }
    .to_string();
    if row.moved {
        class.push_str(" moved");
    }
    write!(
        o,
        "<tr class=\"{class}\" id=\"pair-{}-{}-row-{}\">",
        p.left,
        p.right,
        i + 1
    )?;
    let missing = |o: &mut String, other: &str| {
        let _ = match row.linked_row {
            // Linked to a passage of `other` shown in another row: a link to that row.
            Some(k) => write!(
                o,
                "<td class=\"missing hatched\">in {}: <a href=\"#pair-{}-{}-row-{}\">row {}</a></td>",
                esc(other),
                p.left,
                p.right,
                k + 1,
                k + 1
            ),
            None => write!(
                o,
                "<td class=\"missing hatched\">not in {}</td>",
                esc(other)
            ),
        };
    };
    if row.left.is_empty() {
        missing(o, ln);
    } else {
        o.push_str("<td class=\"l\">");
        write_segments(o, legend, &row.left);
        o.push_str("</td>");
    }
    let mut gut = row
        .match_figure()
        .map_or_else(String::new, |m| m.to_string());
    if row.manual {
        gut.push_str(
            "<br><span class=\"badge\" title=\"Linked by hand (a correction)\">by hand</span>",
        );
    }
    write!(
        o,
        "<td class=\"gut\">{gut}{}</td>",
        if row.moved {
            "<br><span class=\"badge moved\" title=\"Out of the right article's order\">moved</span>"
        } else {
            ""
        }
    )?;
    if row.right.is_empty() {
        missing(o, rn);
    } else {
        o.push_str("<td class=\"r\">");
        write_segments(o, legend, &row.right);
        o.push_str("</td>");
    }
    o.push_str("</tr>\n");
    Ok(())
}

fn write_segments(o: &mut String, legend: &Legend, segs: &[Segment]) {
    for s in segs {
        let mut inner = esc(&s.text);
        if let Some(m) = &s.mark {
            let cat = legend.find(&m.category);
            let mut class = format!("mark {}", cat.map_or_else(|| "cat-0".into(), cat_class));
            if m.paired {
                class.push_str(" contrast");
            }
            if m.quoted {
                class.push_str(" quoted");
            }
            let mut tip = cat.map_or_else(|| m.category.clone(), |c| c.label.clone());
            if let Some(e) = cat
                .map(|c| c.explanation.as_str())
                .filter(|e| !e.is_empty())
            {
                tip.push_str(&format!(": {e}"));
            }
            if !m.term.is_empty() && !m.term.eq_ignore_ascii_case(s.text.trim()) {
                tip.push_str(&format!(" (“{}”)", m.term));
            }
            match &m.contrast {
                Some(c) => tip.push_str(&format!("\nThe other source says “{c}” here.")),
                None if m.paired => tip.push_str("\nThe other source words this differently."),
                None => {}
            }
            if m.quoted {
                match &m.speaker {
                    Some(sp) => tip.push_str(&format!("\nQuoted: {sp}'s words, not the outlet's.")),
                    None => {
                        tip.push_str("\nInside a quotation: the speaker's words, not the outlet's.")
                    }
                }
            }
            inner = format!(
                "<span class=\"{class}\" title=\"{}\">{inner}</span>",
                esc(&tip)
            );
        }
        let refined = if s.refined { " refined" } else { "" };
        match s.change {
            Change::Removed => {
                let _ = write!(o, "<del class=\"removed{refined}\">{inner}</del>");
            }
            Change::Added => {
                let _ = write!(o, "<ins class=\"added{refined}\">{inner}</ins>");
            }
            Change::Ignored => {
                let _ = write!(o, "<span class=\"ignored\">{inner}</span>");
            }
            Change::None => o.push_str(&inner),
        }
    }
}
