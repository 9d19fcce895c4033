//! Sentence embeddings: a static model in the model2vec style, distilled from
//! all-MiniLM-L6-v2 by `scripts/distill-model.py` (see `docs/MODEL.md`).
//!
//! A passage is WordPiece-tokenised ([`wordpiece`]), the model's row of every known token is
//! averaged and the mean is L2-normalised, so the cosine of two passages is their dot product
//! ([`cosine`]). No Python and no download at run time: the model is one file found on a search
//! path ([`Embedder::load_default`]); without it the front ends align lexically and show
//! [`EmbedError::notice`].
//!
//! [`Embedder::embed_all`] embeds passages in parallel with progress and cancellation;
//! [`Embedder::embed_all_cached`] also keeps the vectors in the user's cache directory
//! ([`cache`]), never in the article folder, so reopening a folder costs a file read.

pub mod cache;
pub mod format;
pub mod wordpiece;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::progress::{Cancelled, Progress};
use wordpiece::WordPiece;

/// Environment variable naming the model file to use; `off` (or `none`, or empty) disables
/// semantic matching. When set, no other place is searched.
pub const MODEL_ENV: &str = "PARALLAX_MODEL";
/// The model's file name on the search path.
pub const MODEL_FILE: &str = "embed.pxm";
/// The repository's copy, found when running from a checkout.
const CHECKOUT_MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/model/embed.pxm");
/// Passages per parallel work item (cancellation is checked between items).
const CHUNK: usize = 256;

/// Why no embedding model could be used. Never fatal: the caller aligns lexically.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("no embedding model found (looked for {})", list(.searched))]
    NotFound { searched: Vec<PathBuf> },
    #[error("semantic matching is disabled ({MODEL_ENV}={value:?})")]
    Disabled { value: String },
    #[error("cannot read the embedding model {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the embedding model {} is unusable: {reason}", .path.display())]
    Corrupt { path: PathBuf, reason: String },
}

fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

impl EmbedError {
    /// One line for a status bar or stderr: what is off and why.
    pub fn notice(&self) -> String {
        let why = match self {
            EmbedError::NotFound { .. } => {
                format!(
                    "no embedding model found (install it with `bash scripts/run`, or set {MODEL_ENV})"
                )
            }
            other => other.to_string(),
        };
        format!("Semantic matching off — {why}; passages are aligned by shared words only.")
    }
}

/// A loaded static embedding model. Cheap to share (`&Embedder` is `Sync`).
#[derive(Debug)]
pub struct Embedder {
    id: String,
    path: PathBuf,
    dim: usize,
    tokenizer: WordPiece,
    scales: Vec<f32>,
    rows: Vec<i8>,
}

/// Where [`Embedder::load_default`] looks, in order, when [`MODEL_ENV`] is not set: next to
/// the executable (`embed.pxm`, `assets/model/embed.pxm`, `../share/parallax/model/embed.pxm`),
/// the checkout this binary was built from (`assets/model/embed.pxm`), then the user's data
/// directory (`~/.local/share/parallax/model/embed.pxm` on Linux).
pub fn search_path() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(Path::to_path_buf))
    {
        out.push(dir.join(MODEL_FILE));
        out.push(dir.join("assets").join("model").join(MODEL_FILE));
        out.push(dir.join("../share/parallax/model").join(MODEL_FILE));
    }
    out.push(PathBuf::from(CHECKOUT_MODEL));
    if let Some(data) = dirs::data_dir() {
        out.push(data.join("parallax").join("model").join(MODEL_FILE));
    }
    out
}

impl Embedder {
    /// The model named by [`MODEL_ENV`], else the first file on [`search_path`] that exists.
    /// `Err` means "lexical only": show [`EmbedError::notice`].
    pub fn load_default() -> Result<Embedder, EmbedError> {
        if let Some(v) = std::env::var_os(MODEL_ENV) {
            let s = v.to_string_lossy();
            let t = s.trim();
            if t.is_empty() || t.eq_ignore_ascii_case("off") || t.eq_ignore_ascii_case("none") {
                return Err(EmbedError::Disabled {
                    value: s.into_owned(),
                });
            }
            return Self::load(Path::new(&v));
        }
        let searched = search_path();
        match searched.iter().find(|p| p.is_file()) {
            Some(p) => Self::load(p),
            None => Err(EmbedError::NotFound { searched }),
        }
    }

    /// Loads and verifies one model file (magic, version, sizes, checksum).
    pub fn load(path: &Path) -> Result<Embedder, EmbedError> {
        let bytes = std::fs::read(path).map_err(|source| EmbedError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_bytes(&bytes, path)
    }

    /// Parses a model from memory; `path` only names it in messages.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Embedder, EmbedError> {
        let p = format::parse(bytes).map_err(|reason| EmbedError::Corrupt {
            path: path.to_path_buf(),
            reason,
        })?;
        Ok(Embedder {
            tokenizer: WordPiece::new(&p.tokens, p.unk, p.lowercase, p.strip_accents),
            id: p.id,
            path: path.to_path_buf(),
            dim: p.dim,
            scales: p.scales,
            rows: p.rows,
        })
    }

    /// Vector length.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The model's identity (e.g. `minilm-l6-v2-static-256-v1`); part of every cache key.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The file it was loaded from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The token ids a text is embedded from (`[UNK]` dropped), for explanations and tests.
    pub fn token_ids(&self, text: &str) -> Vec<u32> {
        let mut ids = self.tokenizer.encode(text);
        let unk = self.tokenizer.unk();
        ids.retain(|&i| i != unk);
        ids
    }

    /// The L2-normalised mean of the text's token vectors; the zero vector when the text has no
    /// known token (empty, punctuation-free symbols …), whose cosine with anything is 0.
    pub fn embed(&self, text: &str) -> Vec<f32> {
        let mut ids = Vec::new();
        self.tokenizer.encode_into(text, &mut ids);
        let unk = self.tokenizer.unk();
        let mut acc = vec![0f32; self.dim];
        for &id in &ids {
            if id == unk {
                continue;
            }
            let id = id as usize;
            let s = self.scales[id];
            let row = &self.rows[id * self.dim..(id + 1) * self.dim];
            for (a, &r) in acc.iter_mut().zip(row) {
                *a += s * r as f32;
            }
        }
        let norm = acc.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 && norm.is_finite() {
            acc.iter_mut().for_each(|x| *x /= norm);
        } else {
            acc.iter_mut().for_each(|x| *x = 0.0);
        }
        acc
    }

    /// Embeds every text (in parallel, in order). Starts the progress stage
    /// "embedding passages" with one step per text; `Err(Cancelled)` soon after
    /// [`Progress::cancel`].
    pub fn embed_all(
        &self,
        texts: &[&str],
        progress: &Progress,
    ) -> Result<Vec<Vec<f32>>, Cancelled> {
        progress.stage("embedding passages", texts.len());
        self.embed_many(texts, progress)
    }

    /// [`embed_all`](Self::embed_all) without starting a stage (progress steps only).
    fn embed_many(&self, texts: &[&str], progress: &Progress) -> Result<Vec<Vec<f32>>, Cancelled> {
        let chunks: Vec<Vec<Vec<f32>>> = texts
            .par_chunks(CHUNK)
            .map(|chunk| {
                progress.check()?;
                let out: Vec<Vec<f32>> = chunk.iter().map(|t| self.embed(t)).collect();
                progress.inc(chunk.len());
                Ok(out)
            })
            .collect::<Result<_, Cancelled>>()?;
        Ok(chunks.into_iter().flatten().collect())
    }

    /// As [`embed_all`](Self::embed_all), reusing and refreshing the cache of the article
    /// folder `folder` in the user's cache directory ([`cache::default_dir`]). Without a usable
    /// cache directory it simply computes.
    pub fn embed_all_cached(
        &self,
        folder: &Path,
        texts: &[&str],
        progress: &Progress,
    ) -> Result<Vec<Vec<f32>>, Cancelled> {
        match cache::default_dir() {
            Some(dir) => self.embed_all_cached_in(&dir, folder, texts, progress),
            None => self.embed_all(texts, progress),
        }
    }

    /// As [`embed_all_cached`](Self::embed_all_cached) with an explicit cache directory.
    /// A missing, stale or corrupt cache file is ignored and rewritten; failing to write it
    /// is not an error (the vectors are still returned).
    pub fn embed_all_cached_in(
        &self,
        cache_dir: &Path,
        folder: &Path,
        texts: &[&str],
        progress: &Progress,
    ) -> Result<Vec<Vec<f32>>, Cancelled> {
        progress.stage("embedding passages", texts.len());
        let file = cache::file_for(cache_dir, &self.id, folder);
        let stored = cache::read(&file, self.dim).unwrap_or_default();
        let keys: Vec<u128> = texts.iter().map(|t| cache::key(&self.id, t)).collect();
        let mut out: Vec<Option<Vec<f32>>> = keys.iter().map(|k| stored.get(k).cloned()).collect();
        let missing: Vec<usize> = (0..texts.len()).filter(|&i| out[i].is_none()).collect();
        progress.inc(texts.len() - missing.len());
        if !missing.is_empty() {
            let todo: Vec<&str> = missing.iter().map(|&i| texts[i]).collect();
            let fresh = self.embed_many(&todo, progress)?;
            for (i, v) in missing.into_iter().zip(fresh) {
                out[i] = Some(v);
            }
            let vecs: Vec<Vec<f32>> = out.into_iter().map(Option::unwrap_or_default).collect();
            // Best effort: an unwritable cache only costs the next open the recomputation.
            let _ = cache::write(&file, self.dim, &keys, &vecs);
            return Ok(vecs);
        }
        Ok(out.into_iter().map(Option::unwrap_or_default).collect())
    }
}

/// Cosine of two L2-normalised vectors (their dot product); 0 when either is the zero vector.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
