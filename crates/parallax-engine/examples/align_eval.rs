//! Evaluation driver for the claim aligner (used by `scripts/eval` and `scripts/fit-align`; no
//! GUI linking, builds in seconds).
//!
//! - `align_eval json DIR [MIN_SCORE]`: the `align --json` contract of DIR; also spelt
//!   `align_eval align DIR --json [--min-score S]`, as the CLI, so `scripts/eval-ecbplus --bin`
//!   can drive it without building the GUI.
//! - `align_eval pairs FILE.tsv`: the passage similarity of each sentence pair of a
//!   tab-separated file (`id, label, _, _, sentence1, sentence2`, header first), each pair
//!   scored by the engine's passage similarity ([`align::pairsim::score_texts`]):
//!   `id<TAB>label<TAB>p<TAB>semantic` a line.
//! - `align_eval pairfeats FILE.tsv`: the pair features of each pair, one JSON object a line
//!   (`{"id":..,"y":label,"f":{feature: value}}`), for `scripts/fit-pairsim`.
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
    if mode == "pairs" || mode == "pairfeats" {
        pairs(dir, mode == "pairfeats");
        return;
    }
    let corpus = match parallax_engine::corpus::load_dir(std::path::Path::new(dir), &progress) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("align_eval: {dir}: {e}");
            std::process::exit(1);
        }
    };
    let cli_style = mode == "align";
    let min_score = if cli_style {
        args.iter()
            .position(|a| a == "--min-score")
            .and_then(|i| args.get(i + 1))
            .and_then(|s| s.parse().ok())
    } else {
        args.get(2).and_then(|s| s.parse().ok())
    }
    .unwrap_or(align::DEFAULT_MIN_SCORE);
    let opts = AlignOptions { min_score };
    // Only `candidates` keeps every scored pair with all its features (the fitting needs them,
    // and computing them all costs what the shipped model never reads); `json` and `align` run
    // the aligner exactly as the CLI does, so timings of this driver are the CLI's.
    let result = if mode == "candidates" {
        align::align_with_candidates(&corpus, &opts, align::default_embedder(), &progress)
    } else {
        align::align_with(&corpus, &opts, align::default_embedder(), &progress)
            .map(|a| (a, Vec::new()))
    };
    let (alignment, cands) = match result {
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
        corrections: Default::default(),
    };
    let mut o = std::io::BufWriter::new(std::io::stdout().lock());
    if mode == "json" || cli_style {
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
            fj.insert(k, serde_json::json!(v));
        }
        writeln!(
            o,
            "{}",
            serde_json::json!({"a": [c.a.article, c.a.passage], "b": [c.b.article, c.b.passage], "f": fj, "p": c.probability})
        )
        .ok();
    }
}

/// `align_eval pairs FILE.tsv` and `align_eval pairfeats FILE.tsv` (see the module docs).
fn pairs(file: &str, with_features: bool) {
    let Ok(text) = std::fs::read_to_string(file) else {
        eprintln!("align_eval: cannot read {file}");
        std::process::exit(1);
    };
    let embedder = align::default_embedder().ok();
    let mut o = std::io::BufWriter::new(std::io::stdout().lock());
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let (Some(id), Some(label), Some(s1), Some(s2)) = (f.first(), f.get(1), f.get(4), f.get(5))
        else {
            continue;
        };
        let (p, feats) = align::pairsim::score_texts(s1, s2, embedder);
        if with_features {
            let mut fj = serde_json::Map::new();
            for (k, v) in feats.named() {
                fj.insert(k.into(), serde_json::json!(v));
            }
            writeln!(o, "{}", serde_json::json!({"id": id, "y": label, "f": fj})).ok();
        } else {
            let sem = feats.semantic.unwrap_or(0.0);
            writeln!(o, "{id}\t{label}\t{p}\t{sem}").ok();
        }
    }
}
