//! `parallax inspect`: each article with its metadata and counts, and every warning.
//!
//! Text mode prints an aligned table on stdout and the warnings on stderr; `--json` prints
//! one JSON document (articles and warnings) on stdout. Exit 0 when at least one article
//! loaded (warnings or not), 1 when nothing could be loaded.

use clap::Args;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::error::{CliError, CliResult};
use super::{out, write_json};
use crate::corpus::{self, Corpus, LoadError};
use crate::progress::Progress;

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Folder of articles, or a single article file (default: the bundled seeds).
    pub dir: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Counts of one article.
struct Row {
    paragraphs: usize,
    sentences: usize,
    words: usize,
}

fn load(dir: Option<&std::path::Path>) -> CliResult<Corpus> {
    let Some(dir) = dir else {
        return Ok(corpus::seeds());
    };
    let progress = Progress::new();
    let result = if dir.is_dir() {
        corpus::load_dir(dir, &progress)
    } else {
        corpus::load_paths(&[dir.to_path_buf()], &progress)
    };
    result.map_err(|e| {
        // Say why each file was skipped, not only the summary.
        if let LoadError::NothingLoaded { warnings, .. } = &e {
            super::print_warnings(warnings);
        }
        CliError::from(e)
    })
}

pub fn run(args: &InspectArgs) -> CliResult {
    let corpus = load(args.dir.as_deref())?;
    let rows: Vec<Row> = corpus
        .articles
        .par_iter()
        .map(|a| Row {
            paragraphs: a.paragraphs.len(),
            sentences: crate::text::segment_article(a).len(),
            words: a.body.split_whitespace().count(),
        })
        .collect();
    if args.json {
        return print_json(&corpus, &rows);
    }
    print_table(&corpus, &rows)?;
    super::print_warnings(&corpus.warnings);
    Ok(())
}

fn print_json(corpus: &Corpus, rows: &[Row]) -> CliResult {
    let articles: Vec<_> = corpus
        .articles
        .iter()
        .zip(rows)
        .map(|(a, r)| {
            serde_json::json!({
                "id": a.id, "file": a.file, "source": a.source, "title": a.title,
                "date": a.date, "url": a.url, "author": a.author, "language": a.language,
                "format": a.format,
                "paragraphs": r.paragraphs, "sentences": r.sentences, "words": r.words,
            })
        })
        .collect();
    let root = corpus
        .root
        .as_ref()
        .map(|p| p.to_string_lossy().into_owned());
    write_json(&serde_json::json!({
        "root": root,
        "articles": articles,
        "warnings": corpus.warnings,
    }))
}

/// `s` cut to `width` terminal columns with "…" when longer.
fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    // Whole grapheme clusters only: never split an emoji or a letter from its accents.
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push('…');
    out
}

fn pad(s: &str, width: usize) -> String {
    let fill = width.saturating_sub(s.width());
    format!("{s}{}", " ".repeat(fill))
}

fn print_table(corpus: &Corpus, rows: &[Row]) -> std::io::Result<()> {
    // File, Source, Title, Author, Date, Language: the metadata each article was given (by the
    // file, `parallax.toml` or the page), so a user sees what names the viewer will show.
    const CAPS: [usize; 6] = [40, 24, 60, 24, 16, 8];
    let cells: Vec<[String; 6]> = corpus
        .articles
        .iter()
        .map(|a| {
            // Titles and sources are one line whatever the file held.
            let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            let opt = |s: &Option<String>, cap: usize| {
                fit(&super::term(&one_line(s.as_deref().unwrap_or("–"))), cap)
            };
            [
                fit(&super::term(&a.file), CAPS[0]),
                fit(&super::term(&one_line(&a.source)), CAPS[1]),
                fit(&super::term(&one_line(&a.title)), CAPS[2]),
                opt(&a.author, CAPS[3]),
                opt(&a.date, CAPS[4]),
                opt(&a.language, CAPS[5]),
            ]
        })
        .collect();
    let heads = ["File", "Source", "Title", "Author", "Date", "Lang"];
    let mut widths = heads.map(UnicodeWidthStr::width);
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.width());
        }
    }
    let mut o = out();
    let line = |o: &mut dyn Write, c: [&str; 6], p: &str, s: &str| {
        writeln!(
            o,
            "{}  {}  {}  {}  {}  {}  {:>10}  {:>9}",
            pad(c[0], widths[0]),
            pad(c[1], widths[1]),
            pad(c[2], widths[2]),
            pad(c[3], widths[3]),
            pad(c[4], widths[4]),
            pad(c[5], widths[5]),
            p,
            s
        )
    };
    line(&mut o, heads, "Paragraphs", "Sentences")?;
    for (c, r) in cells.iter().zip(rows) {
        line(
            &mut o,
            [&c[0], &c[1], &c[2], &c[3], &c[4], &c[5]],
            &r.paragraphs.to_string(),
            &r.sentences.to_string(),
        )?;
    }
    let (p, s): (usize, usize) = rows
        .iter()
        .fold((0, 0), |(p, s), r| (p + r.paragraphs, s + r.sentences));
    let n = corpus.articles.len();
    let skipped = corpus.warnings.iter().filter(|w| w.kind.skips()).count();
    let mut summary = format!(
        "{n} article{}, {p} paragraph{}, {s} sentence{}",
        if n == 1 { "" } else { "s" },
        if p == 1 { "" } else { "s" },
        if s == 1 { "" } else { "s" }
    );
    if skipped > 0 {
        summary.push_str(&format!(
            "; {skipped} file{} skipped",
            if skipped == 1 { "" } else { "s" }
        ));
    }
    let caveats = corpus.warnings.len() - skipped;
    if caveats > 0 {
        summary.push_str(&format!(
            "; {caveats} warning{}",
            if caveats == 1 { "" } else { "s" }
        ));
    }
    writeln!(o, "\n{summary}")
}
