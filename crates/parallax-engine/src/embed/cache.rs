//! The per-folder embedding cache, in the user's cache directory (never the article folder).
//!
//! One file per (model, article folder): `<cache dir>/<xxh3-128 of model id + folder>.pxc`,
//! holding one entry per passage keyed by the xxh3-128 of model id + passage text, so an
//! edited passage misses and the rest hit. Format (little endian): magic `PXECACH1`, u32 dim,
//! u64 entries, entries × (u128 key, dim × f32), u64 xxh3-64 of every byte before it. Anything
//! that does not verify is ignored (and rewritten by the next embedding run).

use std::io::Write;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

const MAGIC: &[u8; 8] = b"PXECACH1";
/// Overrides the cache directory (tests, portable installs).
pub const CACHE_ENV: &str = "PARALLAX_CACHE_DIR";

/// `$PARALLAX_CACHE_DIR`, else the platform cache directory + `parallax/embed`
/// (`$XDG_CACHE_HOME/parallax/embed` or `~/.cache/parallax/embed` on Linux).
pub fn default_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(CACHE_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    dirs::cache_dir().map(|d| d.join("parallax").join("embed"))
}

/// The cache key of one passage under one model.
pub fn key(model_id: &str, text: &str) -> u128 {
    let mut b = Vec::with_capacity(model_id.len() + 1 + text.len());
    b.extend_from_slice(model_id.as_bytes());
    b.push(0);
    b.extend_from_slice(text.as_bytes());
    xxh3_128(&b)
}

/// The cache file of `folder` under `model_id` (the folder canonicalised when possible, so
/// `./a` and `/abs/a` share it).
pub fn file_for(cache_dir: &Path, model_id: &str, folder: &Path) -> PathBuf {
    let folder = folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf());
    let mut b = model_id.as_bytes().to_vec();
    b.push(0);
    b.extend_from_slice(folder.as_os_str().as_encoded_bytes());
    cache_dir.join(format!("{:032x}.pxc", xxh3_128(&b)))
}

/// The stored vectors, or `None` when the file is missing, of another dimension, truncated or
/// damaged.
pub fn read(file: &Path, dim: usize) -> Option<FxHashMap<u128, Vec<f32>>> {
    let bytes = std::fs::read(file).ok()?;
    if bytes.len() < 28 || &bytes[..8] != MAGIC {
        return None;
    }
    let (body, sum) = bytes.split_at(bytes.len() - 8);
    if xxh3_64(body) != u64::from_le_bytes(sum.try_into().ok()?) {
        return None;
    }
    let stored_dim = u32::from_le_bytes(body[8..12].try_into().ok()?) as usize;
    let n = u64::from_le_bytes(body[12..20].try_into().ok()?) as usize;
    let entry = 16 + 4 * dim;
    if stored_dim != dim || n.checked_mul(entry)? != body.len() - 20 {
        return None;
    }
    let mut map = FxHashMap::with_capacity_and_hasher(n, Default::default());
    for e in body[20..].chunks_exact(entry) {
        let k = u128::from_le_bytes(e[..16].try_into().ok()?);
        let v: Vec<f32> = e[16..]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        if v.iter().any(|x| !x.is_finite()) {
            return None;
        }
        map.insert(k, v);
    }
    Some(map)
}

/// Replaces the cache file atomically (a temporary file in the same directory, then a rename),
/// so a crash mid-write never leaves a half file under the final name.
pub fn write(file: &Path, dim: usize, keys: &[u128], vecs: &[Vec<f32>]) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut seen = rustc_hash::FxHashSet::default();
    let mut b = Vec::with_capacity(28 + keys.len() * (16 + 4 * dim));
    b.extend_from_slice(MAGIC);
    b.extend_from_slice(&(dim as u32).to_le_bytes());
    b.extend_from_slice(&0u64.to_le_bytes());
    let mut n = 0u64;
    for (k, v) in keys.iter().zip(vecs) {
        if v.len() != dim || !seen.insert(*k) {
            continue;
        }
        b.extend_from_slice(&k.to_le_bytes());
        for x in v {
            b.extend_from_slice(&x.to_le_bytes());
        }
        n += 1;
    }
    b[12..20].copy_from_slice(&n.to_le_bytes());
    let sum = xxh3_64(&b);
    b.extend_from_slice(&sum.to_le_bytes());
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(&b)?;
    tmp.persist(file).map_err(|e| e.error)?;
    Ok(())
}
