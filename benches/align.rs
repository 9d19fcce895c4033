//! Alignment speed on synthetic article sets of 1,000 / 5,000 / 10,000 articles built at bench
//! time from a pool of real sentences: the ECB+ dev-set articles in `../shared/devsets` when they
//! are there (never committed), else the bundled seeds. Each synthetic article follows one real
//! story (~17 sentences drawn from that story's folder, some with a word dropped, a few from
//! other stories), so outlets overlap the way real coverage does.
//!
//! `cargo bench --bench align` measures `align::align` on an in-memory corpus; the end-to-end
//! figures (load + align from disk, peak memory) come from `scripts/bench-scale`.

// Test and benchmark code: a panic is a failed run, not a crash on user data.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use parallax::align::{self, AlignOptions};
use parallax::corpus::{self, Corpus};
use parallax::progress::Progress;

/// Stories: the sentences of each dev-set folder (or of each seed article).
fn pool() -> Vec<Vec<String>> {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let dev = root.join("../shared/devsets/ecbplus-dev/articles");
    let mut stories = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dev) {
        let mut dirs: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        dirs.sort();
        for d in dirs {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&d)
                .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            files.sort();
            let sents: Vec<String> = files
                .iter()
                .filter_map(|f| std::fs::read_to_string(f).ok())
                .flat_map(|t| {
                    t.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(String::from)
                        .collect::<Vec<_>>()
                })
                .collect();
            if !sents.is_empty() {
                stories.push(sents);
            }
        }
    }
    if stories.is_empty() {
        stories = corpus::SEEDS
            .iter()
            .map(|(_, t)| {
                t.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect()
            })
            .collect();
    }
    stories
}

/// A small deterministic generator (xorshift64*), so every run benches the same set.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn synthetic(stories: &[Vec<String>], n: usize) -> Corpus {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ n as u64);
    let all: Vec<&String> = stories.iter().flatten().collect();
    let articles = (0..n)
        .map(|i| {
            let story = &stories[i % stories.len()];
            let k = 12 + rng.below(11);
            let mut paras: Vec<String> = Vec::new();
            let mut para: Vec<String> = Vec::new();
            for _ in 0..k {
                let s = if rng.below(100) < 85 {
                    &story[rng.below(story.len())]
                } else {
                    all[rng.below(all.len())]
                };
                let mut words: Vec<&str> = s.split_whitespace().collect();
                if words.len() > 6 && rng.below(2) == 0 {
                    words.remove(rng.below(words.len()));
                }
                para.push(words.join(" "));
                if para.len() > rng.below(3) {
                    paras.push(para.join(" "));
                    para.clear();
                }
            }
            if !para.is_empty() {
                paras.push(para.join(" "));
            }
            corpus::parse_text(&format!("{i:05}.txt"), &(paras.join("\n\n") + "\n"))
        })
        .collect();
    Corpus {
        root: None,
        articles,
        warnings: Vec::new(),
    }
}

fn bench(c: &mut Criterion) {
    let stories = pool();
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    for n in [1_000, 5_000, 10_000] {
        let corpus = synthetic(&stories, n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &corpus, |b, corpus| {
            b.iter(|| align::align(corpus, &AlignOptions::default(), &Progress::new()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
