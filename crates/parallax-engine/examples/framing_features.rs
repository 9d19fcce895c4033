//! Feature dump for the word-choice scorer (used by `scripts/fit-framing-scorer`; no GUI
//! linking): `framing_features DIR...` prints one JSON object a line per candidate word of
//! every article of each folder: `{"folder","file","start","end","word","category","f","e"}`
//! (`start`/`end` byte offsets into the file as read, `f` the features named in
//! `framing::score::FEATURES`, `e` the word's embedding, empty without the model).
//! `framing_features --marks DIR...`: one `{"folder","marks"}` object a line, the marks of
//! `parallax framing DIR --json` with the shipped scorer (for `scripts/eval-framing --fast`).
//! `framing_features --raw-marks DIR...`: the same with no scorer (the lexicon's marks the
//! scorer then gates; `scripts/fit-framing-scorer` replays the scorer on them with held-out
//! weights for the cross-validated figures of the whole output).
use std::io::Write;

use parallax_engine::framing::{self, Lexicon};
use parallax_engine::progress::Progress;

fn main() {
    let mut dirs: Vec<String> = std::env::args().skip(1).collect();
    let raw_marks = dirs.first().is_some_and(|d| d == "--raw-marks");
    let marks_only = raw_marks || dirs.first().is_some_and(|d| d == "--marks");
    if marks_only {
        dirs.remove(0);
    }
    if dirs.is_empty() {
        eprintln!("usage: framing_features [--marks|--raw-marks] DIR...");
        std::process::exit(2);
    }
    let embedder = parallax_engine::align::default_embedder().ok();
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for dir in &dirs {
        let progress = Progress::new();
        let corpus = match parallax_engine::corpus::load_dir(std::path::Path::new(dir), &progress) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("framing_features: {dir}: {e}");
                std::process::exit(1);
            }
        };
        let alignment = match parallax_engine::align::align(&corpus, &Default::default(), &progress)
        {
            Ok(a) => a,
            Err(_) => std::process::exit(1),
        };
        let lex = Lexicon::builtin();
        if marks_only {
            // The `framing --json` marks contract (folder + marks), with the shipped scorer.
            let framing = if raw_marks {
                framing::analyze_with_scorer(&corpus, &alignment, &lex, None)
            } else {
                framing::analyze(&corpus, &alignment, &lex)
            };
            let mut marks = Vec::new();
            for af in &framing.articles {
                let Some(article) = corpus.articles.get(af.article) else {
                    continue;
                };
                for m in &af.marks {
                    let span = parallax_engine::corpus::Span::new(m.range.start, m.range.end);
                    let file = article.file_span(span);
                    marks.push(serde_json::json!({
                        "file": article.file,
                        "start": file.map(|s| s.start),
                        "end": file.map(|s| s.end),
                        "category": m.category,
                        "term": m.term,
                        "quoted": m.quoted,
                    }));
                }
            }
            let _ = writeln!(
                out,
                "{}",
                serde_json::json!({"folder": dir, "marks": marks})
            );
            continue;
        }
        let raw = framing::analyze_with_scorer(&corpus, &alignment, &lex, None);
        for (i, words) in framing::scored_words(&corpus, &alignment, &raw.articles, embedder) {
            let Some(article) = corpus.articles.get(i) else {
                continue;
            };
            let af = raw.articles.get(i);
            for w in words {
                let span = parallax_engine::corpus::Span::new(w.range.start, w.range.end);
                let Some(file) = article.file_span(span) else {
                    continue;
                };
                let category = af.and_then(|af| {
                    af.marks
                        .iter()
                        .filter(|m| m.range.start <= w.range.start && w.range.end <= m.range.end)
                        .map(|m| m.category.clone())
                        .find(|c| c != "attribution.neutral")
                });
                let line = serde_json::json!({
                    "folder": dir,
                    "file": article.file,
                    "start": file.start,
                    "end": file.end,
                    "word": w.lower,
                    "category": category,
                    "f": w.features,
                    "e": w.embedding.iter().map(|x| (x * 1e4).round() / 1e4).collect::<Vec<f32>>(),
                });
                let _ = writeln!(out, "{line}");
            }
        }
    }
}
