//! Runs the loader's readers over a folder of saved pages (or any supported files) and writes what it extracts as
//! JSON (`{"<file stem>": "body text" | null}`), for `scripts/eval-extraction`. Also prints the
//! wall time of the loading (read + decode + extract, in parallel as the loader does).
//!
//! Usage: `cargo run -p parallax-engine --release --example extract_pages -- PAGES_DIR OUT.json`

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use parallax_engine::corpus::{self, FolderConfig, Format};
use rayon::prelude::*;

fn main() {
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: extract_pages PAGES_DIR OUT.json");
        std::process::exit(2);
    };
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("cannot read {}: {e}", PathBuf::from(&dir).display());
            std::process::exit(1);
        }
    };
    paths.retain(|p| corpus::Format::from_path(p).is_some());
    paths.sort();
    let config = FolderConfig::default();
    let start = Instant::now();
    let preds: BTreeMap<String, Option<String>> = paths
        .par_iter()
        .map(|p| {
            let id = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let name = p
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let format = corpus::Format::from_path(p).unwrap_or(Format::Html);
            let body = std::fs::read(p).ok().and_then(|bytes| {
                corpus::parse_document(&name, bytes, format, &config)
                    .ok()
                    .map(|(a, _)| a.body)
            });
            (id, body)
        })
        .collect();
    let elapsed = start.elapsed();
    eprintln!(
        "{} pages loaded in {:.3} s",
        preds.len(),
        elapsed.as_secs_f64()
    );
    let json = serde_json::to_string(&preds).unwrap_or_default();
    if let Err(e) = std::fs::write(&out, json) {
        eprintln!("cannot write {}: {e}", PathBuf::from(&out).display());
        std::process::exit(1);
    }
}
