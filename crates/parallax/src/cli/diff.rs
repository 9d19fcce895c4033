//! `parallax diff`: two articles side by side with word differences and framing marks, as a
//! coloured (or wdiff-style plain) listing or as JSON.

use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

use super::error::{CliError, CliResult};
use super::{load, out, parse_unit, write_json};
use crate::align::{AlignOptions, DEFAULT_MIN_SCORE};
use crate::compare::{CompareRow, Comparison};
use crate::diff::{DiffOptions, SpanKind};
use crate::framing::{Lexicon, Mark, QuoteSpan};
use crate::model::{Analysis, AnalyzeOptions};
use crate::progress::Progress;

/// When to colour the output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when printing to a terminal (and `NO_COLOR` is unset).
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            // anstream's detection: a terminal, NO_COLOR / CLICOLOR / CLICOLOR_FORCE, TERM=dumb.
            ColorChoice::Auto => {
                anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
            }
        }
    }
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Folder of articles (default: the bundled seeds).
    pub dir: Option<PathBuf>,
    /// Left article (file name, source name or index).
    #[arg(long)]
    pub left: String,
    /// Right article (file name, source name or index).
    #[arg(long)]
    pub right: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Case differences are not changes (shown dimmed).
    #[arg(long)]
    pub ignore_case: bool,
    /// Punctuation differences are not changes (shown dimmed).
    #[arg(long)]
    pub ignore_punctuation: bool,
    /// Framing lexicon (TOML) to use instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Minimum match (the aligner's match probability) for a link, in [0, 1]; shown as a percentage.
    #[arg(long, default_value_t = DEFAULT_MIN_SCORE, value_parser = parse_unit)]
    pub min_score: f32,
    /// List only rows both articles report (hide passages only one side has).
    #[arg(long)]
    pub aligned_only: bool,
    /// Colour the listing: auto, always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Loads, aligns and frames `dir` with an optional lexicon file.
pub fn analyze_dir(
    dir: Option<&std::path::Path>,
    lexicon: Option<&std::path::Path>,
    min_score: f32,
) -> CliResult<Analysis> {
    let lexicon = lexicon.map(Lexicon::load).transpose()?;
    let corpus = load(dir)?;
    super::print_warnings(&corpus.warnings);
    crate::model::analyze_with(
        corpus,
        &AnalyzeOptions {
            align: AlignOptions { min_score },
            lexicon,
            corrections: None,
        },
        &Progress::new(),
    )
    .map_err(CliError::from)
}

/// Resolves an article key, or a usage error listing the available articles.
pub fn resolve(analysis: &Analysis, key: &str) -> CliResult<usize> {
    super::select(&analysis.corpus, "", key)
}

pub fn run(args: &DiffArgs) -> CliResult {
    let analysis = analyze_dir(args.dir.as_deref(), args.lexicon.as_deref(), args.min_score)?;
    let (l, r) = super::select_pair(&analysis.corpus, &args.left, &args.right)?;
    let opts = DiffOptions {
        ignore_case: args.ignore_case,
        ignore_punctuation: args.ignore_punctuation,
    };
    let mut cmp = crate::compare::compare(&analysis, l, r, &opts);
    if args.aligned_only {
        cmp.rows
            .retain(|row| !row.pair.left.is_empty() && !row.pair.right.is_empty());
    }
    if args.json {
        return write_json(&json(&analysis, &cmp, &opts));
    }
    let text = render(&analysis, &cmp, args.color.enabled());
    Ok(out().write_all(text.as_bytes())?)
}

/// The full data of a comparison: both articles, the options, the categories and every row.
pub fn json(analysis: &Analysis, cmp: &Comparison, opts: &DiffOptions) -> serde_json::Value {
    let side = |i: usize| {
        analysis.article(i).map(|a| {
            serde_json::json!({"index": i, "file": a.file, "source": a.source, "title": a.title})
        })
    };
    let categories = analysis
        .framing
        .as_ref()
        .map(|f| serde_json::json!({"categories": f.categories, "families": f.families}));
    serde_json::json!({
        "left": side(cmp.left),
        "right": side(cmp.right),
        "options": opts,
        "lexicon": categories,
        "rows": cmp.rows,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Style {
    kind: Option<SpanKind>,
    refined: bool,
    mark: bool,
    contrast: bool,
}

impl Style {
    /// The terminal style (rendered by `anstyle`): removed red, added green, ignored dimmed,
    /// refined letters inverted, framing marks underlined, contrasts bold.
    fn terminal(self) -> anstyle::Style {
        use anstyle::AnsiColor;
        let mut s = anstyle::Style::new();
        match self.kind {
            Some(SpanKind::Delete) => s = s.fg_color(Some(AnsiColor::Red.into())),
            Some(SpanKind::Insert) => s = s.fg_color(Some(AnsiColor::Green.into())),
            Some(SpanKind::Ignored) => s = s.dimmed(),
            _ => {}
        }
        if self.refined {
            s = s.invert();
        }
        if self.mark {
            s = s.underline();
        }
        if self.contrast {
            s = s.bold();
        }
        s
    }
}

/// One side of a row: coloured with ANSI codes, or plain with wdiff markers (`[-…-]`, `{+…+}`).
fn paint(text: &str, spans: &[crate::diff::DiffSpan], marks: &[Mark], color: bool) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    if !color {
        if spans.is_empty() {
            return text.to_string();
        }
        for s in spans {
            let t = text.get(s.range.clone()).unwrap_or("");
            match s.kind {
                SpanKind::Delete => out.push_str(&format!("[-{t}-]")),
                SpanKind::Insert => out.push_str(&format!("{{+{t}+}}")),
                SpanKind::Equal | SpanKind::Ignored => out.push_str(t),
            }
        }
        return out;
    }
    let style_at = |pos: usize| -> Style {
        let span = spans.iter().find(|s| s.range.contains(&pos));
        let mark = marks.iter().find(|m| m.range.contains(&pos));
        Style {
            kind: span.map(|s| s.kind).filter(|k| *k != SpanKind::Equal),
            refined: span.is_some_and(|s| s.refined.iter().any(|r| r.contains(&pos))),
            mark: mark.is_some(),
            contrast: mark.is_some_and(|m| m.contrast.is_some()),
        }
    };
    let mut cur = Style::default();
    for (i, c) in text.char_indices() {
        let st = style_at(i);
        if st != cur {
            if cur != Style::default() {
                out.push_str(&anstyle::Reset.render().to_string());
            }
            out.push_str(&st.terminal().render().to_string());
            cur = st;
        }
        out.push(c);
    }
    if cur != Style::default() {
        out.push_str(&anstyle::Reset.render().to_string());
    }
    out
}

fn describe(analysis: &Analysis, m: &Mark) -> String {
    analysis
        .framing
        .as_ref()
        .and_then(|f| f.describe(&m.category))
        .map_or_else(|| m.category.clone(), |(label, _)| label)
}

fn mark_lines(
    analysis: &Analysis,
    text: &str,
    marks: &[Mark],
    quotes: &[QuoteSpan],
    side: &str,
) -> Vec<String> {
    marks
        .iter()
        // Plain neutral attribution ("said") is everywhere: underlined, not listed.
        .filter(|m| m.category != "attribution.neutral" || m.contrast.is_some())
        .map(|m| {
            let word = text.get(m.range.clone()).unwrap_or(&m.term);
            let mut s = format!("{side} \u{201C}{word}\u{201D}: {}", describe(analysis, m));
            if m.quoted {
                let speaker = quotes
                    .iter()
                    .find(|q| q.range.start <= m.range.start && m.range.end <= q.range.end)
                    .and_then(|q| q.speaker.as_ref());
                match speaker {
                    Some(sp) => s.push_str(&format!(", quoting {sp}")),
                    None => s.push_str(", quoted"),
                }
            }
            if let Some(c) = &m.contrast {
                s.push_str(&format!(" \u{2194} other side: \u{201C}{c}\u{201D}"));
            }
            s
        })
        .collect()
}

fn render_row(analysis: &Analysis, row: &CompareRow, color: bool, o: &mut String) {
    let empty = Vec::new();
    let (ls, rs) = match &row.diff {
        Some(d) => (&d.left, &d.right),
        None => (&empty, &empty),
    };
    let head = match (row.match_figure(), row.pair.right.is_empty()) {
        (Some(m), _) => format!(
            "\u{2500}\u{2500} left {} \u{2194} right {} \u{00B7} {} {m}{}",
            list(&row.pair.left),
            list(&row.pair.right),
            crate::compare::Match::LABEL.to_lowercase(),
            if row.pair.moved {
                " \u{00B7} moved"
            } else {
                ""
            }
        ),
        // Linked to a passage of the other side that another row shows: say where.
        (None, true) if !row.linked.is_empty() => format!(
            "\u{2500}\u{2500} left {} \u{00B7} same claim as right {}, paired in another row",
            list(&row.pair.left),
            others(&row.linked)
        ),
        (None, false) if !row.linked.is_empty() => format!(
            "\u{2500}\u{2500} right {} \u{00B7} same claim as left {}, paired in another row",
            list(&row.pair.right),
            others(&row.linked)
        ),
        (None, true) => format!("\u{2500}\u{2500} left {} only", list(&row.pair.left)),
        _ => format!("\u{2500}\u{2500} right {} only", list(&row.pair.right)),
    };
    o.push_str(&head);
    o.push('\n');
    if !row.pair.left.is_empty() {
        o.push_str("  L  ");
        o.push_str(&paint(&row.left_text, ls, &row.left_marks, color));
        o.push('\n');
    }
    if !row.pair.right.is_empty() {
        o.push_str("  R  ");
        o.push_str(&paint(&row.right_text, rs, &row.right_marks, color));
        o.push('\n');
    }
    let left = mark_lines(
        analysis,
        &row.left_text,
        &row.left_marks,
        &row.left_quotes,
        "L",
    );
    let right = mark_lines(
        analysis,
        &row.right_text,
        &row.right_marks,
        &row.right_quotes,
        "R",
    );
    for line in left.into_iter().chain(right) {
        o.push_str("     \u{00B7} ");
        o.push_str(&line);
        o.push('\n');
    }
    // A passage one side lacks: the other side's passages on the same topic.
    if !row.related.is_empty() && row.linked.is_empty() {
        let side = if row.pair.right.is_empty() {
            "right"
        } else {
            "left"
        };
        o.push_str(&format!(
            "     \u{00B7} same topic (related, not the same claim): {side} {}\n",
            row.related
                .iter()
                .map(|p| format!("#{}", p + 1))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
}

/// "#1, #2": the counterparts a one-sided row's passage is linked to (each its own claim
/// partner, not one group as in [`list`]).
fn others(linked: &[crate::compare::LinkedElsewhere]) -> String {
    let v: Vec<String> = linked
        .iter()
        .map(|l| format!("#{}", l.passage + 1))
        .collect();
    v.join(", ")
}

fn list(ps: &[usize]) -> String {
    let v: Vec<String> = ps.iter().map(|p| format!("#{}", p + 1)).collect();
    v.join("+")
}

/// The readable listing of a comparison (`color`: ANSI escapes; else wdiff-style markers).
pub fn render(analysis: &Analysis, cmp: &Comparison, color: bool) -> String {
    let name = |i: usize| {
        analysis.article(i).map_or_else(
            || format!("#{i}"),
            |a| format!("{} ({})", super::term(&a.file), super::term(&a.source)),
        )
    };
    let matched = cmp.matched().count();
    let left_only = cmp
        .rows
        .iter()
        .filter(|r| r.pair.right.is_empty() && r.is_unmatched())
        .count();
    let right_only = cmp
        .rows
        .iter()
        .filter(|r| r.pair.left.is_empty() && r.is_unmatched())
        .count();
    let contrasts: usize = cmp.rows.iter().map(|r| r.stats.contrasts).sum();
    let mut o = String::new();
    o.push_str(&format!("L  {}\nR  {}\n", name(cmp.left), name(cmp.right)));
    o.push_str(&format!(
        "{matched} aligned rows \u{00B7} {left_only} only left \u{00B7} {right_only} only right \u{00B7} {contrasts} framing contrasts\n"
    ));
    if !color {
        o.push_str("Removed text is shown as [-\u{2026}-], added text as {+\u{2026}+}.\n");
    }
    for row in &cmp.rows {
        o.push('\n');
        render_row(analysis, row, color, &mut o);
    }
    o
}
