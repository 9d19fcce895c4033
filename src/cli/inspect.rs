//! `parallax inspect`: each article with its metadata and counts, and every warning.

use clap::Args;
use std::io::Write;
use std::path::PathBuf;

use super::{load, out, write_json};

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Folder of articles (default: the bundled seeds).
    pub dir: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &InspectArgs) -> Result<(), String> {
    let (dir, json) = (args.dir.as_deref(), args.json);

    let corpus = load(dir)?;
    let counts: Vec<(usize, usize)> = corpus
        .articles
        .iter()
        .map(|a| (a.paragraphs.len(), crate::text::segment_article(a).len()))
        .collect();
    if json {
        let articles: Vec<_> = corpus
            .articles
            .iter()
            .zip(&counts)
            .map(|(a, (p, s))| {
                serde_json::json!({"file": a.file, "source": a.source, "title": a.title, "date": a.date,
                    "url": a.url, "format": a.format, "paragraphs": p, "sentences": s})
            })
            .collect();
        return write_json(&serde_json::json!({"articles": articles, "warnings": corpus.warnings}));
    }
    let mut o = out();
    for (a, (p, s)) in corpus.articles.iter().zip(&counts) {
        writeln!(
            o,
            "{}\n  source: {}\n  title: {}\n  {} paragraphs, {} sentences",
            a.file, a.source, a.title, p, s
        )
        .map_err(|e| e.to_string())?;
    }
    for w in &corpus.warnings {
        eprintln!("warning: {}: {}", w.file, w.reason);
    }
    Ok(())
}
