//! Embedding benchmark (run by `scripts/bench-embed`): model load time, embedding throughput
//! (passages/s, all cores), the cached reopen, and peak memory, on one folder of articles.
//!
//! `cargo run -p parallax-engine --release --example embed_bench -- FOLDER [MODEL]`
//! Passages are the folder's non-empty lines (`*.txt`), which is how the synthetic scale sets
//! and the dev sets are laid out (one sentence per line).

// A measuring tool over its own inputs: a failure should stop it loudly.
#![allow(clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use parallax_engine::embed::Embedder;
use parallax_engine::progress::Progress;

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

fn passages(folder: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = walk(folder);
    files.sort();
    let mut out = Vec::new();
    for f in files {
        if let Ok(text) = std::fs::read_to_string(&f) {
            out.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned),
            );
        }
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    out
}

fn main() {
    let mut args = std::env::args_os().skip(1);
    let Some(folder) = args.next().map(PathBuf::from) else {
        eprintln!("usage: embed_bench FOLDER [MODEL]");
        std::process::exit(2);
    };
    let model = args.next().map(PathBuf::from);
    let texts = passages(&folder);
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let rss_before = peak_rss_mib();

    let mut loads = Vec::new();
    let mut m = None;
    for _ in 0..5 {
        let t = Instant::now();
        let e = match &model {
            Some(p) => Embedder::load(p),
            None => Embedder::load_default(),
        };
        loads.push(t.elapsed().as_secs_f64());
        match e {
            Ok(e) => m = Some(e),
            Err(e) => {
                eprintln!("{}", e.notice());
                std::process::exit(1);
            }
        }
    }
    let m = m.expect("loaded");
    loads.sort_by(f64::total_cmp);

    let mut runs = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let v = m.embed_all(&refs, &Progress::new()).expect("not cancelled");
        runs.push(t.elapsed().as_secs_f64());
        std::hint::black_box(v);
    }
    runs.sort_by(f64::total_cmp);

    let cache = tempfile::tempdir().expect("temp dir");
    let t = Instant::now();
    let cold = m
        .embed_all_cached_in(cache.path(), &folder, &refs, &Progress::new())
        .expect("not cancelled");
    let cold_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let warm = m
        .embed_all_cached_in(cache.path(), &folder, &refs, &Progress::new())
        .expect("not cancelled");
    let warm_s = t.elapsed().as_secs_f64();
    assert_eq!(cold.len(), warm.len());
    let cache_bytes: u64 = std::fs::read_dir(cache.path())
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);

    println!(
        "{} passages | model {} (dim {}) load {:.1} ms (median of 5) | embed_all best {:.3} s = {:.0} passages/s ({} threads) | cached: first {:.3} s, reopen {:.3} s, cache file {:.1} MB | peak RSS {:.0} MiB (before load {:.0})",
        refs.len(),
        m.id(),
        m.dim(),
        loads[2] * 1e3,
        runs[0],
        refs.len() as f64 / runs[0],
        rayon::current_num_threads(),
        cold_s,
        warm_s,
        cache_bytes as f64 / 1e6,
        peak_rss_mib(),
        rss_before
    );
}
