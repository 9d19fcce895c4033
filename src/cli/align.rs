//! `parallax align`: events across the set, as a listing or the JSON contract.

use clap::Args;
use std::io::Write;
use std::path::PathBuf;

use super::{load, out, parse_unit, write_json};
use crate::align::{AlignOptions, DEFAULT_MIN_SCORE};
use crate::progress::Progress;

#[derive(Debug, Args)]
pub struct AlignArgs {
    /// Folder of articles (default: the bundled seeds).
    pub dir: Option<PathBuf>,
    /// Print the JSON contract instead of a listing.
    #[arg(long)]
    pub json: bool,
    /// Minimum similarity for a link, in [0, 1].
    #[arg(long, default_value_t = DEFAULT_MIN_SCORE, value_parser = parse_unit)]
    pub min_score: f32,
}

pub fn run(args: &AlignArgs) -> Result<(), String> {
    let (dir, json, min_score) = (args.dir.as_deref(), args.json, args.min_score);

    let corpus = load(dir)?;
    let analysis = crate::model::analyze(corpus, &AlignOptions { min_score }, &Progress::new())
        .map_err(|e| e.to_string())?;
    if json {
        return write_json(&crate::report::align_json(&analysis));
    }
    let mut o = out();
    for e in &analysis.alignment.events {
        writeln!(o, "{}", e.label).map_err(|e| e.to_string())?;
        for m in &e.members {
            writeln!(
                o,
                "  [{}] {}",
                analysis.corpus.articles[m.article].source,
                analysis.passage_text(*m)
            )
            .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}
