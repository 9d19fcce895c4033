//! Evaluation driver for the claim aligner (used by `scripts/eval` and `scripts/fit-align`; no
//! GUI linking, builds in seconds).
//!
//! - `align_eval json DIR [MIN_SCORE]`: the `align --json` contract of DIR.
//! - `align_eval candidates DIR`: every scored candidate pair, one JSON object a line:
//!   `{"a":[article,passage],"b":[..],"f":{feature: value},"p":probability}` after a first line
//!   `{"articles":[{"file":..,"passages":[text,..]},..]}`.
use std::io::Write;

use parallax_engine::align::{self, AlignOptions};
use parallax_engine::progress::Progress;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: align_eval json|candidates DIR [MIN_SCORE]");
        std::process::exit(2);
    };
    let progress = Progress::new();
    let corpus = match parallax_engine::corpus::load_dir(std::path::Path::new(dir), &progress) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("align_eval: {dir}: {e}");
            std::process::exit(1);
        }
    };
    let min_score = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(align::DEFAULT_MIN_SCORE);
    let opts = AlignOptions { min_score };
    let (alignment, cands) =
        match align::align_with_candidates(&corpus, &opts, align::default_embedder(), &progress) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("align_eval: {e}");
                std::process::exit(1);
            }
        };
    let analysis = parallax_engine::model::Analysis {
        corpus,
        alignment,
        framing: None,
    };
    let mut o = std::io::BufWriter::new(std::io::stdout().lock());
    if mode == "json" {
        let j = parallax_engine::report::align_json(&analysis);
        parallax_engine::report::write_align_json(&mut o, &j).ok();
        return;
    }
    let arts: Vec<serde_json::Value> = analysis
        .corpus
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let ps: Vec<&str> = (0..analysis.alignment.passage_count(i))
                .map(|p| {
                    analysis.passage_text(align::PassageRef {
                        article: i,
                        passage: p,
                    })
                })
                .collect();
            serde_json::json!({"file": a.file, "passages": ps})
        })
        .collect();
    writeln!(o, "{}", serde_json::json!({ "articles": arts })).ok();
    for c in cands {
        let f = c.features;
        let mut fj = serde_json::Map::new();
        for (k, v) in f.named() {
            fj.insert(k.into(), serde_json::json!(v));
        }
        writeln!(
            o,
            "{}",
            serde_json::json!({"a": [c.a.article, c.a.passage], "b": [c.b.article, c.b.passage], "f": fj, "p": c.probability})
        )
        .ok();
    }
}
