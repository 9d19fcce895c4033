//! `cargo bench --bench pipeline`: each stage of the engine at three sizes (issue 7) — load
//! (read + decode + extract a folder), segment (sentences of every article), align (features,
//! index, links, events), framing (marks, quotes, profiles) and the word diff (one sentence,
//! one paragraph, a 2,000-word passage).
//!
//! The sets are synthetic and deterministic (a fixed word list and a seeded generator), so the
//! bench runs anywhere: S = 10 articles, M = 100, L = 1,000, ~25 sentences each, grouped in
//! stories of 10 outlets that retell the same sentences with small changes plus their own.

// Test and benchmark code: a panic is a failed run, not a crash on user data.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use parallax::align::{self, AlignOptions};
use parallax::corpus::{self, Corpus};
use parallax::diff::{DiffOptions, word_diff};
use parallax::framing::{self, Lexicon};
use parallax::progress::Progress;
use parallax::text;

const WORDS: &[&str] = &[
    "council",
    "minister",
    "police",
    "harbour",
    "storm",
    "bridge",
    "election",
    "talks",
    "officials",
    "report",
    "court",
    "ruling",
    "protest",
    "village",
    "budget",
    "hospital",
    "strike",
    "union",
    "ceasefire",
    "border",
    "troops",
    "summit",
    "inquiry",
    "fire",
    "flood",
    "market",
    "prices",
    "workers",
    "students",
    "judge",
    "company",
    "airport",
    "river",
    "road",
    "school",
    "mayor",
    "parliament",
    "vote",
    "deal",
    "sanctions",
];
const VERBS: &[&str] = &[
    "said",
    "claimed",
    "reported",
    "announced",
    "denied",
    "confirmed",
];

/// A small deterministic generator (xorshift): no dependency, same sets on every machine.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[(self.next() % v.len() as u64) as usize]
    }
}

fn sentence(rng: &mut Rng, story: usize, k: usize) -> String {
    let mut s = format!(
        "The {} {} on Monday that {} {} {} near the {}",
        rng.pick(WORDS),
        rng.pick(VERBS),
        story * 31 + k,
        rng.pick(WORDS),
        rng.pick(WORDS),
        rng.pick(WORDS)
    );
    for _ in 0..(rng.next() % 8) {
        s.push(' ');
        s.push_str(rng.pick(WORDS));
    }
    s.push('.');
    s
}

/// Writes `n` articles into `dir`: stories of 10 outlets sharing 15 base sentences (some
/// reworded) plus 10 sentences of their own.
fn write_set(dir: &Path, n: usize) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let stories = n.div_ceil(10);
    let base: Vec<Vec<String>> = (0..stories)
        .map(|s| (0..15).map(|k| sentence(&mut rng, s, k)).collect())
        .collect();
    for i in 0..n {
        let story = i % stories;
        let mut text = format!("Source: Outlet {i}\n\nStory {story} as told by outlet {i}\n\n");
        for (k, s) in base[story].iter().enumerate() {
            if rng.next().is_multiple_of(4) {
                text.push_str(&s.replacen("said", "claimed", 1).replacen("the", "a", 1));
            } else {
                text.push_str(s);
            }
            text.push(' ');
            if k % 3 == 2 {
                text.push_str(&sentence(&mut rng, 1000 + i, k));
                text.push(' ');
                text.push_str(&sentence(&mut rng, 2000 + i, k));
                text.push_str("\n\n");
            }
        }
        std::fs::write(dir.join(format!("a{i:05}.txt")), text).expect("write article");
    }
}

struct Set {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    corpus: Corpus,
}

fn sets() -> Vec<(&'static str, Set)> {
    // `cargo test --all-targets` runs this binary without `--bench` (criterion's test mode):
    // the small set only.
    let sizes: &[(&str, usize)] = if std::env::args().any(|a| a == "--bench") {
        &[("S", 10), ("M", 100), ("L", 1000)]
    } else {
        &[("S", 10)]
    };
    sizes
        .iter()
        .copied()
        .map(|(name, n)| {
            let dir = tempfile::tempdir().expect("tempdir");
            write_set(dir.path(), n);
            let corpus = corpus::load_dir(dir.path(), &Progress::new()).expect("loads");
            assert_eq!(corpus.articles.len(), n);
            let path = dir.path().to_path_buf();
            (
                name,
                Set {
                    _dir: dir,
                    path,
                    corpus,
                },
            )
        })
        .collect()
}

fn stages(c: &mut Criterion) {
    let sets = sets();
    let opts = AlignOptions::default();
    let lexicon = Lexicon::builtin();
    for (name, set) in &sets {
        let n = set.corpus.articles.len() as u64;
        let mut g = c.benchmark_group(format!("pipeline/{name}"));
        g.throughput(Throughput::Elements(n));
        if n >= 1000 {
            g.sample_size(10);
        }
        g.bench_function(BenchmarkId::new("load", n), |b| {
            b.iter(|| corpus::load_dir(&set.path, &Progress::new()).expect("loads"))
        });
        g.bench_function(BenchmarkId::new("segment", n), |b| {
            b.iter(|| {
                set.corpus
                    .articles
                    .iter()
                    .map(|a| text::segment_article(a).len())
                    .sum::<usize>()
            })
        });
        g.bench_function(BenchmarkId::new("align", n), |b| {
            b.iter(|| align::align(&set.corpus, &opts, &Progress::new()).expect("aligns"))
        });
        let alignment = align::align(&set.corpus, &opts, &Progress::new()).expect("aligns");
        g.bench_function(BenchmarkId::new("framing", n), |b| {
            b.iter(|| framing::analyze(&set.corpus, &alignment, &lexicon))
        });
        g.finish();
    }
}

fn diffs(c: &mut Criterion) {
    let mut rng = Rng(42);
    let mut g = c.benchmark_group("pipeline/diff");
    for (name, sentences) in [("sentence", 1), ("paragraph", 6), ("2000 words", 160)] {
        let left: Vec<String> = (0..sentences).map(|k| sentence(&mut rng, 1, k)).collect();
        let right: Vec<String> = left
            .iter()
            .enumerate()
            .map(|(k, s)| {
                if k % 2 == 0 {
                    s.replacen("said", "claimed", 1).replacen(" the ", " a ", 1)
                } else {
                    s.clone()
                }
            })
            .collect();
        let (l, r) = (left.join(" "), right.join(" "));
        g.throughput(Throughput::Bytes(l.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| word_diff(&l, &r, &DiffOptions::default()))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(5)).warm_up_time(Duration::from_secs(1));
    targets = stages, diffs
}
criterion_main!(benches);
