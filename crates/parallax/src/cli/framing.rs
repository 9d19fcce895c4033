//! `parallax framing`: the per-source framing profile as readable tables or JSON.

use clap::Args;
use std::io::Write;
use std::path::PathBuf;

use super::diff::analyze_dir;
use super::error::{CliError, CliResult};
use super::{out, parse_unit, write_json};
use crate::align::DEFAULT_MIN_SCORE;
use crate::framing::Framing;
use crate::model::Analysis;

#[derive(Debug, Args)]
pub struct FramingArgs {
    /// Folder of articles (default: the bundled seeds).
    pub dir: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Framing lexicon (TOML) to use instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Minimum match (the aligner's match probability) for a link, in [0, 1]; shown as a percentage.(used for the share no other source reports).
    #[arg(long, default_value_t = DEFAULT_MIN_SCORE, value_parser = parse_unit)]
    pub min_score: f32,
}

pub fn run(args: &FramingArgs) -> CliResult {
    let analysis = analyze_dir(args.dir.as_deref(), args.lexicon.as_deref(), args.min_score)?;
    let Some(framing) = &analysis.framing else {
        return Err(CliError::Other("framing was not computed".into()));
    };
    if args.json {
        return write_json(&serde_json::json!({
            "folder": args.dir.as_ref().map(|d| d.display().to_string()),
            "marks": marks_json(&analysis, framing),
            "categories": framing.categories,
            "families": framing.families,
            "profiles": framing.profiles,
            "quotes": framing.articles.iter().map(|a| {
                serde_json::json!({"article": a.article, "quotes": a.quotes})
            }).collect::<Vec<_>>(),
        }));
    }
    Ok(out().write_all(render(&analysis, framing).as_bytes())?)
}

/// Every mark of every article: `file` (relative to the folder), `start`/`end` (byte offsets
/// into the file as read; `null` for HTML, whose text is extracted from markup), the same range
/// in the analysed body (`body_start`/`body_end`), `category`, `term`, `quoted`, `speaker`.
fn marks_json(analysis: &Analysis, framing: &Framing) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for af in &framing.articles {
        let Some(article) = analysis.article(af.article) else {
            continue;
        };
        for m in &af.marks {
            let span = crate::span::Span::new(m.range.start, m.range.end);
            let file = article.file_span(span);
            out.push(serde_json::json!({
                "file": article.file,
                "start": file.map(|s| s.start),
                "end": file.map(|s| s.end),
                "body_start": m.range.start,
                "body_end": m.range.end,
                "category": m.category,
                "term": m.term,
                "quoted": m.quoted,
                "speaker": m.speaker,
            }));
        }
    }
    out
}

fn pct(x: f32) -> String {
    format!("{:.0}%", x * 100.0)
}

/// Pads `s` to `w` display columns (chars).
fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n >= w {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

fn rpad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n >= w {
        s.to_string()
    } else {
        format!("{}{s}", " ".repeat(w - n))
    }
}

/// The readable profile: overview, categories, naming choices, quoted people, reuse.
pub fn render(analysis: &Analysis, framing: &Framing) -> String {
    let mut o = String::new();
    let ps = &framing.profiles;
    let col = |i: usize| format!("#{i}");
    o.push_str("Sources\n");
    o.push_str(&format!(
        "  {} {} {} {} {}  {}\n",
        pad("", 3),
        rpad("words", 6),
        rpad("own", 6),
        rpad("quoted", 7),
        rpad("only here", 9),
        "file (source)"
    ));
    for p in ps {
        let file = analysis.article(p.article).map_or("", |a| a.file.as_str());
        o.push_str(&format!(
            "  {} {} {} {} {}  {} ({})\n",
            pad(&col(p.article), 3),
            rpad(&p.words.to_string(), 6),
            rpad(&p.own_words.to_string(), 6),
            rpad(&p.quoted_words.to_string(), 7),
            rpad(&pct(p.unique_share), 9),
            super::term(file),
            super::term(&p.source)
        ));
    }
    o.push_str("  \"only here\": share of words in passages no other source reports.\n");

    o.push_str("\nFraming words per 1,000 own words (quoted uses in brackets)\n");
    let w = framing
        .categories
        .iter()
        .map(|c| c.label.chars().count())
        .max()
        .unwrap_or(10)
        + 2;
    o.push_str(&format!("  {}", pad("", w)));
    for p in ps {
        o.push_str(&rpad(&col(p.article), 12));
    }
    o.push('\n');
    for (k, c) in framing.categories.iter().enumerate() {
        o.push_str(&format!("  {}", pad(&c.label, w)));
        for p in ps {
            let cell = p.categories.get(k).map_or(String::new(), |s| {
                if s.quoted > 0 {
                    format!("{:.1} ({})", s.per_1000, s.quoted)
                } else {
                    format!("{:.1}", s.per_1000)
                }
            });
            o.push_str(&rpad(&cell, 12));
        }
        o.push('\n');
    }

    o.push_str("\nNaming choices (own words; quoted uses in brackets)\n");
    for f in &framing.families {
        let used: Vec<String> = ps
            .iter()
            .filter_map(|p| {
                let n = p.naming.iter().find(|n| n.family == f.id)?;
                let terms: Vec<String> = n
                    .terms
                    .iter()
                    .map(|t| {
                        let mut s = format!("{} {}", t.term, t.own);
                        if t.quoted > 0 {
                            s.push_str(&format!(" ({})", t.quoted));
                        }
                        s
                    })
                    .collect();
                Some(format!(
                    "    {} {}",
                    pad(&col(p.article), 3),
                    terms.join(", ")
                ))
            })
            .collect();
        if used.is_empty() {
            continue;
        }
        let tag = if f.detected {
            " (spelling variants found in this set)"
        } else {
            ""
        };
        o.push_str(&format!("  {}{tag}\n", f.label));
        for u in used {
            o.push_str(&u);
            o.push('\n');
        }
    }

    o.push_str("\nWho is quoted (words quoted, quotations)\n");
    for p in ps {
        let mut who: Vec<String> = p
            .speakers
            .iter()
            .map(|s| format!("{} {} ({})", s.name, s.words, s.quotes))
            .collect();
        if p.unattributed_quotes > 0 {
            who.push(format!("unattributed ({})", p.unattributed_quotes));
        }
        if who.is_empty() {
            who.push("nobody".into());
        }
        o.push_str(&format!(
            "  {} {}\n",
            pad(&col(p.article), 3),
            who.join(", ")
        ));
    }

    o.push_str("\nVerbatim reuse (shared runs of 8+ words)\n");
    // One line per ordered pair of sources grows with sources² (500 copies of one article
    // printed 891 MB): at most as many lines as the report has pair sections, then a count.
    let total: usize = ps.iter().map(|p| p.reuse.len()).sum();
    let mut shown = 0usize;
    for p in ps {
        for r in &p.reuse {
            if shown == crate::report::MAX_PAIR_SECTIONS {
                break;
            }
            shown += 1;
            o.push_str(&format!(
                "  {} with {}: {} runs, longest {} words, {} of {}'s words \u{2014} \u{201C}{}\u{201D}\n",
                col(p.article),
                col(r.other),
                r.runs,
                r.longest,
                pct(r.share),
                col(p.article),
                super::term(&clip(&r.longest_text, MAX_QUOTED_CHARS))
            ));
        }
    }
    if total == 0 {
        o.push_str("  none\n");
    } else if total > shown {
        o.push_str(&format!(
            "  \u{2026} {} more pairs with shared runs left out (the first {shown} are shown; \
             --json lists every pair)\n",
            total - shown
        ));
    }
    o
}

/// Longest quoted run shown per reuse line, in characters.
const MAX_QUOTED_CHARS: usize = 160;

/// `text` cut to `max` characters, ending in "…" when cut.
fn clip(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}\u{2026}", text.get(..end).unwrap_or(text)).into(),
        None => text.into(),
    }
}
