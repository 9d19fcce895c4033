//! Fuzzes the whole pipeline on small random sets: 2–4 articles (the input split on NUL
//! bytes) → `model::analyze` → `compare::compare` for every ordered pair. Every diff span,
//! refinement and mark range must lie inside its text on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::align::AlignOptions;
use parallax::compare::compare;
use parallax::corpus::{Corpus, parse_text};
use parallax::diff::DiffOptions;
use parallax::model::analyze;
use parallax::progress::Progress;

fn check(text: &str, r: &std::ops::Range<usize>) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{r:?} outside {}",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{r:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let articles: Vec<_> = text
        .split('\0')
        .take(4)
        .enumerate()
        .map(|(i, t)| parse_text(&format!("a{i}.txt"), t))
        .filter(|a| !a.paragraphs.is_empty())
        .collect();
    if articles.len() < 2 {
        return;
    }
    let n = articles.len();
    let corpus = Corpus {
        root: None,
        articles,
        warnings: Vec::new(),
    };
    let Ok(analysis) = analyze(corpus, &AlignOptions::default(), &Progress::new()) else {
        return;
    };
    for opts in [
        DiffOptions::default(),
        DiffOptions {
            ignore_case: true,
            ignore_punctuation: true,
        },
    ] {
        for l in 0..n {
            for r in 0..n {
                if l == r {
                    continue;
                }
                let c = compare(&analysis, l, r, &opts);
                for row in &c.rows {
                    for m in &row.left_marks {
                        check(&row.left_text, &m.range);
                    }
                    for m in &row.right_marks {
                        check(&row.right_text, &m.range);
                    }
                    if let Some(d) = &row.diff {
                        for s in &d.left {
                            check(&row.left_text, &s.range);
                            s.refined.iter().for_each(|x| check(&row.left_text, x));
                        }
                        for s in &d.right {
                            check(&row.right_text, &s.range);
                            s.refined.iter().for_each(|x| check(&row.right_text, x));
                        }
                    }
                }
            }
        }
    }
});
