//! `parallax align`: events across the set, as a listing or the JSON contract.

use clap::Args;
use std::io::Write;
use std::path::PathBuf;

use super::error::{CliError, CliResult};
use super::{load, out, parse_unit};
use crate::align::{AlignOptions, DEFAULT_MIN_SCORE, PassageRef};
use crate::progress::Progress;

#[derive(Debug, Args)]
pub struct AlignArgs {
    /// Folder of articles (default: the bundled seeds).
    pub dir: Option<PathBuf>,
    /// Print the JSON contract instead of a listing.
    #[arg(long)]
    pub json: bool,
    /// Minimum match (the aligner's match probability) for a link, in [0, 1]; shown as a percentage.
    #[arg(long, default_value_t = DEFAULT_MIN_SCORE, value_parser = parse_unit)]
    pub min_score: f32,
    /// Apply the hand corrections saved in FILE (links made or removed in the viewer, or an
    /// exported corrections file); links made by hand show `"source": "manual"` in `--json`.
    #[arg(long, value_name = "FILE")]
    pub corrections: Option<PathBuf>,
}

/// Ends the progress' last stage when the command returns (prints its timing).
struct Finish<'a>(&'a Progress);
impl Drop for Finish<'_> {
    fn drop(&mut self) {
        self.0.finish();
    }
}

pub fn run(args: &AlignArgs) -> CliResult {
    let (dir, json, min_score) = (args.dir.as_deref(), args.json, args.min_score);

    // Read first: a bad corrections file is reported before any work.
    let corrections = match &args.corrections {
        Some(path) => Some(crate::corrections::Corrections::load(path)?),
        None => None,
    };
    let progress = Progress::new();
    progress.stage("Loading", 0);
    let corpus = load(dir)?;
    // Skipped files and caveats, like the other commands.
    super::print_warnings(&corpus.warnings);
    // Alignment only: neither the listing nor the JSON contract shows framing.
    let mut alignment = crate::align::align(&corpus, &AlignOptions { min_score }, &progress)?;
    let outcome = match &corrections {
        Some(c) => crate::corrections::apply(&corpus, &mut alignment, c, min_score),
        None => Default::default(),
    };
    for reason in &outcome.skipped {
        eprintln!("parallax: correction not applied: {}", super::term(reason));
    }
    let analysis = crate::model::Analysis {
        corpus,
        alignment,
        framing: None,
        corrections: outcome,
    };
    progress.stage("Writing", 0);
    let _finish = Finish(&progress);
    if json {
        // Buffered: stdout is line-buffered and the JSON of a large set has a million lines.
        let mut o = std::io::BufWriter::with_capacity(1 << 20, out());
        return crate::report::write_align_json(&mut o, &crate::report::align_json(&analysis))
            .and_then(|()| o.write_all(b"\n"))
            .and_then(|()| o.flush())
            .map_err(CliError::from);
    }
    let al = &analysis.alignment;
    let source = |a: usize| {
        analysis
            .corpus
            .articles
            .get(a)
            .map_or(std::borrow::Cow::Borrowed("?"), |x| super::term(&x.source))
    };
    let mut o = out();
    let io = CliError::from;
    writeln!(
        o,
        "{} events reported by more than one source ({} articles, {} links, minimum match {})",
        al.events.len(),
        analysis.corpus.articles.len(),
        al.links.len(),
        crate::compare::percent(min_score)
    )
    .map_err(io)?;
    for (i, e) in al.events.iter().enumerate() {
        let sources: Vec<_> = e.sources.iter().map(|&a| source(a)).collect();
        writeln!(o, "\n{}. {}", i + 1, e.label).map_err(io)?;
        writeln!(o, "   {} sources: {}", e.sources.len(), sources.join(", ")).map_err(io)?;
        for m in &e.members {
            writeln!(
                o,
                "   [{}] {}",
                source(m.article),
                analysis.passage_text(*m)
            )
            .map_err(io)?;
        }
    }
    writeln!(o, "\nReported by one source only").map_err(io)?;
    for (article, unique) in al.unique_by_article().into_iter().enumerate() {
        if unique.is_empty() {
            continue;
        }
        writeln!(
            o,
            "\n[{}] {}",
            source(article),
            crate::app::plural(unique.len(), "passage", "passages")
        )
        .map_err(io)?;
        for passage in unique {
            writeln!(
                o,
                "   {}",
                analysis.passage_text(PassageRef { article, passage })
            )
            .map_err(io)?;
        }
    }
    Ok(())
}
