//! Loading an article set: a folder (or the embedded seeds) → [`Corpus`] of [`Article`]s.
//!
//! Owns file discovery, decoding (encodings, BOM, CRLF), format handling (`.txt`, `.md`,
//! `.html`), metadata (front matter, header lines, `parallax.toml`) and the warnings for every
//! file that could not be loaded. The loader never panics on user data and never writes.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use crate::progress::{Cancelled, Progress};

/// A byte range `[start, end)` into an article's `body`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
}

/// One article of the set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: the relative path with `/` separators (unique within a corpus).
    pub id: String,
    /// Path relative to the folder, `/` separated.
    pub file: String,
    /// Outlet name (metadata, `parallax.toml`, or the file stem).
    pub source: String,
    pub title: String,
    pub date: Option<String>,
    pub url: Option<String>,
    pub format: Format,
    /// The text analysed and shown: metadata header removed, markdown syntax / HTML markup
    /// stripped. Every span of the engine is a byte range into this string.
    pub body: String,
    /// Paragraphs as byte spans into `body`, in reading order, never empty, trimmed.
    pub paragraphs: Vec<Span>,
}

impl Article {
    pub fn text(&self, span: Span) -> &str {
        self.body.get(span.range()).unwrap_or("")
    }
    /// "source — title", for pickers and headings.
    pub fn display_name(&self) -> String {
        format!("{} — {}", self.source, self.title)
    }
}

/// Why a file was skipped or loaded with a caveat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Path relative to the folder (or as given).
    pub file: String,
    /// Human readable reason, sentence case, e.g. "binary file (contains NUL bytes); skipped".
    pub reason: String,
    /// True when the file was skipped entirely; false when it loaded with a caveat.
    pub skipped: bool,
}

/// A loaded article set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    /// The folder, or `None` for the embedded seeds.
    pub root: Option<PathBuf>,
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

/// A set that could not be opened at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("folder not found: {0}")]
    NotFound(PathBuf),
    #[error("not a folder: {0}")]
    NotADirectory(PathBuf),
    #[error("cannot read folder {path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("no readable articles (.txt, .md, .html) in {0}")]
    NoArticles(PathBuf),
    #[error("loading cancelled")]
    Cancelled,
}

impl From<Cancelled> for LoadError {
    fn from(_: Cancelled) -> Self {
        LoadError::Cancelled
    }
}

/// Largest file the loader reads; larger files are skipped with a warning.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// The five sample articles, embedded in the binary.
pub const SEEDS: &[(&str, &str)] = &[
    (
        "000_894bb8ee144ed042.txt",
        include_str!("../../seeds/000_894bb8ee144ed042.txt"),
    ),
    (
        "001_863afebc424a52ba.txt",
        include_str!("../../seeds/001_863afebc424a52ba.txt"),
    ),
    (
        "002_1909866df7e711ae.txt",
        include_str!("../../seeds/002_1909866df7e711ae.txt"),
    ),
    (
        "003_8a2d9bc488db6fd5.txt",
        include_str!("../../seeds/003_8a2d9bc488db6fd5.txt"),
    ),
    (
        "004_7568bfb3d1f1b3ad.txt",
        include_str!("../../seeds/004_7568bfb3d1f1b3ad.txt"),
    ),
];

/// The embedded seeds as a corpus (`root = None`).
pub fn seeds() -> Corpus {
    let articles = SEEDS
        .iter()
        .map(|(name, text)| parse_text(name, text))
        .collect();
    Corpus {
        root: None,
        articles,
        warnings: Vec::new(),
    }
}

/// Loads every supported file under `dir` (recursively), in a stable order (sorted by path).
pub fn load_dir(dir: &Path, progress: &Progress) -> Result<Corpus, LoadError> {
    if !dir.exists() {
        return Err(LoadError::NotFound(dir.to_path_buf()));
    }
    if !dir.is_dir() {
        return Err(LoadError::NotADirectory(dir.to_path_buf()));
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| LoadError::Unreadable {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    progress.stage("Loading", files.len());
    let mut corpus = Corpus {
        root: Some(dir.to_path_buf()),
        ..Default::default()
    };
    for path in files {
        progress.check()?;
        let name = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        match std::fs::read_to_string(&path) {
            Ok(text) => corpus.articles.push(parse_text(&name, &text)),
            Err(e) => corpus.warnings.push(Warning {
                file: name,
                reason: e.to_string(),
                skipped: true,
            }),
        }
        progress.inc(1);
    }
    if corpus.articles.is_empty() {
        return Err(LoadError::NoArticles(dir.to_path_buf()));
    }
    Ok(corpus)
}

/// Parses one plain-text article: paragraphs are non-empty lines.
pub fn parse_text(name: &str, text: &str) -> Article {
    let mut paragraphs = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            paragraphs.push(Span::new(pos + lead, pos + lead + trimmed.len()));
        }
        pos += line.len();
    }
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = paragraphs
        .first()
        .map(|p| text[p.range()].chars().take(80).collect())
        .unwrap_or_default();
    Article {
        id: name.to_string(),
        file: name.to_string(),
        source: stem,
        title,
        date: None,
        url: None,
        format: Format::Text,
        body: text.to_string(),
        paragraphs,
    }
}
