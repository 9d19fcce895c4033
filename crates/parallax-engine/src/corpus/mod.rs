//! Loading an article set: a folder (or the embedded seeds) → [`Corpus`] of [`Article`]s.
//!
//! Owns file discovery, decoding (encodings, BOM, CRLF), format handling (`.txt`, `.md`,
//! `.html`), metadata (front matter, header lines, `parallax.toml`) and the warnings for every
//! file that could not be loaded. The loader never panics on user data and never writes.
//!
//! Pipeline per file: [`discover`] (walk, formats by extension, ids) → read (size cap checked
//! before reading) → [`decode`] (BOM, encoding guess, binary check, CRLF) → metadata header
//! ([`metadata`]) → format ([`text`], [`markdown`], [`html`]) → `parallax.toml` overrides
//! ([`config`]) → [`Article`]. Files are read and parsed in parallel (rayon); the output order
//! is the sorted relative path whatever the thread timing.

// Every index into user text is checked (`.get()`) or proved in place: an index past the end is
// a panic on user data (issue 14). Tests may index.
#![warn(clippy::indexing_slicing)]

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::progress::{Cancelled, Progress};

pub mod boilerplate;
pub mod config;
pub mod decode;
pub mod discover;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod metadata;
pub mod mhtml;
pub mod pdf;
pub mod text;
pub mod warning;

pub use config::FolderConfig;
pub use metadata::Meta;
pub use warning::{BinarySign, LinkKind, Warning, WarningKind};

pub use crate::span::Span;

/// What a format's reader makes of one file before the common finishing steps (boilerplate
/// filter, metadata precedence, title): the text shown, its paragraphs, what the file declares
/// about itself, and a caveat for the user.
#[derive(Debug, Default)]
pub struct Extracted {
    pub body: String,
    pub paragraphs: Vec<Span>,
    /// Metadata the file declares (title may be None: then derive it from the body).
    pub meta: Meta,
    /// A caveat for the user (e.g. markup too deep to parse, read as text).
    pub note: Option<WarningKind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    /// A web page saved as one MIME archive (`.mhtml`, `.mht`).
    Mhtml,
    /// A Word document (`.docx`).
    Docx,
    /// A PDF with a text layer (`.pdf`).
    Pdf,
}

impl Format {
    /// The format of a file by its extension (`.txt`, `.md`, `.html`, …), if supported.
    pub fn from_path(path: &Path) -> Option<Format> {
        discover::format_of(path)
    }
}

/// A run of body text copied from the file: `body[body..body + body_len]` came from
/// `text[text..text + text_len]` of the decoded file text (lengths differ where the source
/// was transformed, e.g. an entity or escape).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub body: usize,
    pub text: usize,
    pub body_len: usize,
    pub text_len: usize,
}

/// Maps byte offsets of [`Article::body`] back to the file they came from.
///
/// For UTF-8 files the result is a byte offset into the file itself (BOM and removed `\r`s
/// accounted for); for files in other encodings it is a byte offset into the file's text
/// decoded to UTF-8 ([`SourceMap::is_exact`] tells which). HTML bodies have no map (the parser
/// keeps no positions): lookups give `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    pieces: Vec<Piece>,
    removed_cr: Vec<usize>,
    lead: usize,
    exact: bool,
}

impl SourceMap {
    fn new(pieces: Vec<Piece>, d: &decode::Decoded) -> Self {
        Self {
            pieces,
            removed_cr: d.removed_cr.clone(),
            lead: d.lead,
            exact: d.exact,
        }
    }

    /// True when offsets are bytes of the file on disk (a valid UTF-8 file).
    pub fn is_exact(&self) -> bool {
        self.exact
    }

    /// Offset in the decoded, `\n`-normalised file text.
    fn text_offset(&self, body: usize) -> Option<usize> {
        let i = self.pieces.partition_point(|p| p.body <= body);
        let p = self.pieces.get(i.checked_sub(1)?)?;
        let within = body - p.body;
        Some(if within >= p.body_len {
            // In a separator the extractor inserted after this piece.
            p.text + p.text_len
        } else if p.body_len == p.text_len {
            p.text + within
        } else {
            p.text + within.min(p.text_len)
        })
    }

    fn to_file(&self, t: usize, end: bool) -> usize {
        // A removed '\r' sat just before the '\n' at its recorded offset: it precedes every
        // position from there on (an exclusive end at that '\n' stays before it).
        let crs = if end {
            self.removed_cr.partition_point(|&q| q < t)
        } else {
            self.removed_cr.partition_point(|&q| q <= t)
        };
        self.lead + t + crs
    }

    /// File offset of a body offset.
    pub fn file_offset(&self, body: usize) -> Option<usize> {
        self.text_offset(body).map(|t| self.to_file(t, false))
    }

    /// File range of a body span.
    pub fn file_span(&self, span: Span) -> Option<Span> {
        let start = self.text_offset(span.start)?;
        let end = match span.end.checked_sub(1) {
            Some(last_byte) if span.end > span.start => {
                // Map the last byte inside the span, then step past it.
                let i = self.pieces.partition_point(|p| p.body <= last_byte);
                let exact_piece = self
                    .pieces
                    .get(i.wrapping_sub(1))
                    .is_some_and(|p| p.body_len == p.text_len && last_byte < p.body + p.body_len);
                if exact_piece {
                    self.text_offset(last_byte)? + 1
                } else {
                    self.text_offset(span.end)?
                }
            }
            _ => start,
        };
        Some(Span::new(
            self.to_file(start, false),
            self.to_file(end.max(start), true),
        ))
    }
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
    /// Author(s) as the file or page names them (front matter, JSON-LD, `<meta name=author>`,
    /// the page's byline).
    #[serde(default)]
    pub author: Option<String>,
    /// Language tag the file declares (`<html lang>`, front matter `lang:`), as given.
    #[serde(default)]
    pub language: Option<String>,
    pub format: Format,
    /// The text analysed and shown: metadata header removed, markdown syntax / HTML markup
    /// stripped. Every span of the engine is a byte range into this string.
    pub body: String,
    /// Paragraphs as byte spans into `body`, in reading order, never empty, trimmed.
    pub paragraphs: Vec<Span>,
    /// Where the body came from in the file (not serialised).
    #[serde(skip)]
    pub origin: SourceMap,
}

impl crate::text::Paragraphed for Article {
    fn body(&self) -> &str {
        &self.body
    }
    fn paragraphs(&self) -> &[Span] {
        &self.paragraphs
    }
}

impl Article {
    pub fn text(&self, span: Span) -> &str {
        self.body.get(span.range()).unwrap_or("")
    }
    /// "source — title", for pickers and headings; just the title when the source name is
    /// its first words (a source named after its title, see [`metadata::derive_source`]).
    pub fn display_name(&self) -> String {
        if self.source_is_title() {
            self.title.clone()
        } else {
            format!("{} — {}", self.source, self.title)
        }
    }
    /// The source name is the title's first words (the file named no source and its name was
    /// made by a machine, see [`metadata::derive_source`]): showing both says the same twice.
    pub fn source_is_title(&self) -> bool {
        let cut = self.source.strip_suffix('…').filter(|h| !h.is_empty());
        self.source == self.title || cut.is_some_and(|h| self.title.starts_with(h))
    }
    /// Byte offset in the file of a body offset (see [`SourceMap`]); `None` for HTML.
    pub fn file_offset(&self, body_offset: usize) -> Option<usize> {
        self.origin.file_offset(body_offset)
    }
    /// Byte range in the file of a body span (see [`SourceMap`]); `None` for HTML.
    pub fn file_span(&self, span: Span) -> Option<Span> {
        self.origin.file_span(span)
    }
}

/// A loaded article set.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Corpus {
    /// The folder, or `None` for the embedded seeds.
    pub root: Option<PathBuf>,
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

/// The kinds of file read as articles, as the messages list them.
pub const ARTICLE_EXTENSIONS: &str = ".txt, .md, .html, .mhtml, .docx, .pdf";

/// A set that could not be opened at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("folder not found: {0}")]
    NotFound(PathBuf),
    #[error("not a folder: {0}")]
    NotADirectory(PathBuf),
    /// The folder itself could not be read; why, in the terms of the per-file warnings
    /// (permission denied, path too long, a link loop, or the system's message).
    #[error("cannot read folder {path}: {reason}")]
    Unreadable { path: PathBuf, reason: WarningKind },
    #[error("no articles ({ARTICLE_EXTENSIONS}) in {0}")]
    NoArticles(PathBuf),
    #[error("no article could be loaded from {path}: {}", summarize(.warnings))]
    NothingLoaded {
        path: PathBuf,
        /// Every warning, as a loaded corpus would carry them.
        warnings: Vec<Warning>,
    },
    #[error("no files or folders given")]
    NoPaths,
    #[error("loading cancelled")]
    Cancelled,
}

impl From<Cancelled> for LoadError {
    fn from(_: Cancelled) -> Self {
        LoadError::Cancelled
    }
}

/// Keys of `parallax.toml` that match no file are listed up to this many, then counted.
pub const MAX_UNUSED_KEY_WARNINGS: usize = 20;

/// Largest file the loader reads; larger files are skipped with a warning.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// The five sample articles, embedded in the binary.
pub const SEEDS: &[(&str, &str)] = &[
    (
        "000_894bb8ee144ed042.txt",
        include_str!("../../../../seeds/000_894bb8ee144ed042.txt"),
    ),
    (
        "001_863afebc424a52ba.txt",
        include_str!("../../../../seeds/001_863afebc424a52ba.txt"),
    ),
    (
        "002_1909866df7e711ae.txt",
        include_str!("../../../../seeds/002_1909866df7e711ae.txt"),
    ),
    (
        "003_8a2d9bc488db6fd5.txt",
        include_str!("../../../../seeds/003_8a2d9bc488db6fd5.txt"),
    ),
    (
        "004_7568bfb3d1f1b3ad.txt",
        include_str!("../../../../seeds/004_7568bfb3d1f1b3ad.txt"),
    ),
];

/// The embedded seeds as a corpus (`root = None`), loaded exactly as the `seeds/` folder would
/// be.
pub fn seeds() -> Corpus {
    let config = FolderConfig::default();
    let articles = SEEDS
        .iter()
        .filter_map(|(name, text)| {
            parse_document(name, text.as_bytes().to_vec(), Format::Text, &config)
                .ok()
                .map(|(a, _)| a)
        })
        .collect();
    Corpus {
        root: None,
        articles,
        warnings: Vec::new(),
    }
}

/// Parses one plain-text article from a string (metadata header, paragraphs, title), as the
/// loader would a `.txt` file named `name`. Text with nothing readable gives an article with
/// no paragraphs.
pub fn parse_text(name: &str, text: &str) -> Article {
    match parse_document(
        name,
        text.as_bytes().to_vec(),
        Format::Text,
        &FolderConfig::default(),
    ) {
        Ok((a, _)) => a,
        Err(_) => Article {
            id: name.to_string(),
            file: name.to_string(),
            source: stem(name),
            title: String::new(),
            date: None,
            url: None,
            author: None,
            language: None,
            format: Format::Text,
            body: text.to_string(),
            paragraphs: Vec::new(),
            origin: SourceMap::default(),
        },
    }
}

fn stem(id: &str) -> String {
    Path::new(id)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| id.to_string())
}

/// The web page inside an MHTML archive, read as any saved page; the archive's own caveat
/// (e.g. the charset it declared was unknown) comes first. The page's source and URL default
/// to where it was saved from.
fn mhtml_page(bytes: &[u8]) -> Result<(Option<WarningKind>, Extracted), WarningKind> {
    let part = mhtml::html_part(bytes)?;
    let mut e = html::extract(&part.html);
    let saved_from = part
        .location
        .filter(|l| l.starts_with("http://") || l.starts_with("https://"));
    if e.meta.source.is_none() {
        e.meta.source = saved_from.as_deref().and_then(metadata::url_host);
    }
    if e.meta.url.is_none() {
        e.meta.url = saved_from;
    }
    Ok((part.note, e))
}

/// Parses one file's bytes into an article. `Ok` carries caveats (e.g. "decoded as
/// windows-1252"); `Err` is the warning for a skipped file.
pub fn parse_document(
    id: &str,
    bytes: Vec<u8>,
    format: Format,
    config: &FolderConfig,
) -> Result<(Article, Vec<Warning>), Warning> {
    let warn = |kind: WarningKind| Warning::new(id, kind);
    if crate::report::is_parallax_report(&bytes) {
        return Err(warn(WarningKind::ParallaxReport));
    }
    let mut caveats = Vec::new();
    // Packaged formats: their own container first (with a caveat of its own), then the text.
    let packaged = match format {
        Format::Docx => Some(docx::extract(&bytes).map(|e| (None, e))),
        Format::Pdf => Some(pdf::extract(&bytes).map(|e| (None, e))),
        Format::Mhtml => Some(mhtml_page(&bytes)),
        Format::Text | Format::Markdown | Format::Html => None,
    };
    if let Some(packaged) = packaged {
        let (container_note, mut e) = packaged.map_err(warn)?;
        for note in container_note.into_iter().chain(e.note.take()) {
            caveats.push(warn(note));
        }
        return finish(
            id,
            format,
            (e.body, e.paragraphs, e.meta),
            SourceMap::default(),
            caveats,
            config,
        )
        .map_err(warn);
    }
    let mut decoded = decode::decode(bytes).map_err(warn)?;
    if let Some(note) = decoded.note.take() {
        caveats.push(warn(note));
    }
    let src = decoded.text.as_str();
    if src.trim().is_empty() {
        return Err(warn(WarningKind::OnlyWhitespace));
    }
    let (body, paragraphs, pieces, file_meta, header) = match format {
        Format::Text => {
            let (mut meta, start) = metadata::read_header(src);
            let (body, paragraphs) = text::extract(src.get(start..).unwrap_or(""));
            let paragraphs = boilerplate::top_lines(&body, paragraphs, &mut meta);
            let pieces = vec![Piece {
                body: 0,
                text: start,
                body_len: body.len(),
                text_len: body.len(),
            }];
            (body, paragraphs, pieces, meta, start > 0)
        }
        Format::Markdown => {
            let (mut meta, start) = metadata::read_header(src);
            let e = markdown::extract(src.get(start..).unwrap_or(""));
            let pieces = e
                .pieces
                .iter()
                .map(|p| Piece {
                    text: p.text + start,
                    ..*p
                })
                .collect();
            if meta.title.is_none() {
                meta.title = e.h1;
            }
            let paragraphs = boilerplate::top_lines(&e.body, e.paragraphs, &mut meta);
            (e.body, paragraphs, pieces, meta, start > 0)
        }
        // Mhtml and Docx returned above; an HTML reading is the safe default.
        Format::Html | Format::Mhtml | Format::Docx | Format::Pdf => {
            let mut e = html::extract(src);
            if let Some(note) = e.note.take() {
                caveats.push(warn(note));
            }
            (e.body, e.paragraphs, Vec::new(), e.meta, false)
        }
    };
    if paragraphs.is_empty() && header {
        return Err(warn(WarningKind::NoTextAfterHeader));
    }
    let origin = SourceMap::new(pieces, &decoded);
    finish(
        id,
        format,
        (body, paragraphs, file_meta),
        origin,
        caveats,
        config,
    )
    .map_err(warn)
}

/// The article from its extracted text and metadata (`parallax.toml` applied, title derived
/// when none is given, metadata capped); `Err` is the reason for skipping a file with no text.
fn finish(
    id: &str,
    format: Format,
    (body, paragraphs, file_meta): (String, Vec<Span>, Meta),
    origin: SourceMap,
    mut caveats: Vec<Warning>,
    config: &FolderConfig,
) -> Result<(Article, Vec<Warning>), WarningKind> {
    let Some(first) = paragraphs.first() else {
        return Err(WarningKind::NoText { format });
    };
    let meta = file_meta.overlay(&config.lookup(id));
    // Never an empty title (an empty `# ` heading, a paragraph of punctuation): the file's
    // name is the last resort.
    let title = meta
        .title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| metadata::derive_title(body.get(first.range()).unwrap_or("")));
    let title = if title.trim().is_empty() {
        stem(id)
    } else {
        title
    };
    let mut article = Article {
        id: id.to_string(),
        file: id.to_string(),
        source: meta
            .source
            .unwrap_or_else(|| metadata::derive_source(&stem(id), &title)),
        title,
        date: meta.date,
        url: meta.url,
        author: meta.author,
        language: meta.language,
        format,
        body,
        paragraphs,
        origin,
    };
    cap_metadata(&mut article, &mut caveats);
    Ok((article, caveats))
}

/// Longest metadata kept, in characters: a source (outlet) name, a title, a date, a URL. Longer
/// values (a 2 MB name in `parallax.toml`) are cut with a warning: they would stretch every
/// heading of the viewer and be repeated in every pair of a report.
pub const MAX_SOURCE_CHARS: usize = 200;
pub const MAX_TITLE_CHARS: usize = 500;
pub const MAX_DATE_CHARS: usize = 100;
pub const MAX_URL_CHARS: usize = 2048;

fn cap_metadata(article: &mut Article, caveats: &mut Vec<Warning>) {
    let id = article.id.clone();
    let mut cap = |value: &mut String, what: &'static str, max: usize| {
        let n = value.chars().count();
        if n <= max {
            return;
        }
        let end = value
            .char_indices()
            .nth(max)
            .map_or(value.len(), |(i, _)| i);
        value.truncate(end);
        value.push('\u{2026}');
        caveats.push(Warning::new(
            id.clone(),
            WarningKind::MetadataCut {
                field: what,
                chars: n,
                max,
            },
        ));
    };
    cap(&mut article.source, "source name", MAX_SOURCE_CHARS);
    cap(&mut article.title, "title", MAX_TITLE_CHARS);
    if let Some(d) = article.date.as_mut() {
        cap(d, "date", MAX_DATE_CHARS);
    }
    if let Some(u) = article.url.as_mut() {
        cap(u, "URL", MAX_URL_CHARS);
    }
    if let Some(a) = article.author.as_mut() {
        cap(a, "author", MAX_SOURCE_CHARS);
    }
    if let Some(l) = article.language.as_mut() {
        cap(l, "language", MAX_DATE_CHARS);
    }
}

fn too_big(bytes: u64) -> WarningKind {
    WarningKind::TooLarge {
        bytes,
        limit: MAX_FILE_BYTES,
    }
}

/// Reads an article (or settings) file. It is opened without blocking (`O_NONBLOCK`: a FIFO
/// swapped in after the walk looked at the name would otherwise block `open` forever, issue
/// 14 item 9) and without becoming a controlling terminal (`O_NOCTTY`), and the OPENED handle
/// is checked (`fstat`): only a regular file under the size cap is read, so what is read is what
/// was checked. The read itself is capped too, in case the file grows in between.
fn read_capped(path: &Path) -> Result<Vec<u8>, WarningKind> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| {
            let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            if is_link && e.kind() == std::io::ErrorKind::NotFound {
                WarningKind::BrokenSymlink
            } else {
                WarningKind::from_io(&e)
            }
        })?;
    let meta = file.metadata().map_err(|e| WarningKind::from_io(&e))?;
    if meta.is_dir() {
        return Err(WarningKind::IsFolder);
    }
    if !meta.is_file() {
        return Err(WarningKind::NotRegularFile);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    if meta.len() == 0 {
        return Err(WarningKind::Empty);
    }
    let mut buf = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| WarningKind::from_io(&e))?;
    if buf.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(buf.len() as u64));
    }
    Ok(buf)
}

/// Reads `parallax.toml` in `root`, if any. A bad file is a warning, never a failure: one that
/// is not a regular file (a FIFO, a folder, a link to a device), a link out of the folder, or
/// unreadable is named with the reason, and the folder loads without its settings.
fn read_config(root: &Path, warnings: &mut Vec<Warning>) -> FolderConfig {
    let path = root.join(config::FILE_NAME);
    let Ok(link_meta) = std::fs::symlink_metadata(&path) else {
        return FolderConfig::default();
    };
    let mut warn = |kind: WarningKind| warnings.push(Warning::new(config::FILE_NAME, kind));
    let ignored = |cause: WarningKind| WarningKind::SettingsIgnored {
        cause: Box::new(cause),
    };
    if link_meta.file_type().is_symlink() {
        // Like article links: followed only while it stays inside the opened folder.
        let inside = std::fs::canonicalize(root)
            .and_then(|r| std::fs::canonicalize(&path).map(|t| t.starts_with(r)));
        if let Ok(false) = inside {
            let target = std::fs::read_link(&path)
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            warn(ignored(WarningKind::OutsideFolder { target }));
            return FolderConfig::default();
        }
    }
    let text = match read_capped(&path).map(String::from_utf8) {
        Ok(Ok(t)) => t,
        Ok(Err(_)) => {
            warn(ignored(WarningKind::NotUtf8));
            return FolderConfig::default();
        }
        Err(cause) => {
            warn(ignored(cause));
            return FolderConfig::default();
        }
    };
    match FolderConfig::parse(&text) {
        Ok(c) => {
            for (key, note) in c.notes() {
                warn(WarningKind::SettingsEntry {
                    key: key.clone(),
                    note: note.clone(),
                });
            }
            c
        }
        Err(e) => {
            warn(ignored(WarningKind::SettingsInvalid {
                error: e.to_string(),
            }));
            FolderConfig::default()
        }
    }
}

enum Outcome {
    /// The article, its caveats and the hash of the file's bytes.
    Loaded(Box<Article>, Vec<Warning>, u128),
    Skipped(Warning),
    Cancelled,
}

/// Loads every supported file under `dir` (recursively), in a stable order (sorted by path).
pub fn load_dir(dir: &Path, progress: &Progress) -> Result<Corpus, LoadError> {
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(LoadError::NotFound(dir.to_path_buf()));
        }
        Err(e) => {
            return Err(LoadError::Unreadable {
                path: dir.to_path_buf(),
                reason: WarningKind::from_io(&e),
            });
        }
        Ok(m) if !m.is_dir() => return Err(LoadError::NotADirectory(dir.to_path_buf())),
        Ok(_) => {}
    }
    std::fs::read_dir(dir).map_err(|e| LoadError::Unreadable {
        path: dir.to_path_buf(),
        reason: WarningKind::from_io(&e),
    })?;
    progress.stage("Finding files", 0);
    let (candidates, warnings) = discover::discover(dir, &[dir.to_path_buf()], &[], progress)?;
    load_candidates(dir, candidates, warnings, progress)
}

/// Loads files and folders dropped on the window: a single folder is [`load_dir`]; otherwise
/// the given files (any extension is read as text; unsupported documents get a warning) and
/// folders (recursively), with ids relative to their common parent folder.
pub fn load_paths(paths: &[PathBuf], progress: &Progress) -> Result<Corpus, LoadError> {
    match paths {
        [] => return Err(LoadError::NoPaths),
        [one] if one.is_dir() => return load_dir(one, progress),
        [one] if std::fs::symlink_metadata(one).is_err() => {
            return Err(LoadError::NotFound(one.clone()));
        }
        _ => {}
    }
    let mut warnings = Vec::new();
    let mut dirs = Vec::new();
    let mut files = Vec::new();
    for p in paths {
        let abs = std::path::absolute(p).unwrap_or_else(|_| p.clone());
        if abs.is_dir() {
            dirs.push(abs);
        } else if std::fs::symlink_metadata(&abs).is_ok() {
            files.push(abs);
        } else {
            warnings.push(Warning::new(p.to_string_lossy(), WarningKind::NotFound));
        }
    }
    let parents = files
        .iter()
        .chain(&dirs)
        .filter_map(|p| p.parent().map(Path::to_path_buf));
    let base = common_ancestor(parents).unwrap_or_default();
    files.sort();
    files.dedup();
    dirs.sort();
    dirs.dedup();
    progress.stage("Finding files", 0);
    let (candidates, found_warnings) = discover::discover(&base, &dirs, &files, progress)?;
    warnings.extend(found_warnings);
    load_candidates(&base, candidates, warnings, progress)
}

fn common_ancestor(mut paths: impl Iterator<Item = PathBuf>) -> Option<PathBuf> {
    let mut acc = paths.next()?;
    for p in paths {
        while !p.starts_with(&acc) {
            if !acc.pop() {
                return Some(PathBuf::new());
            }
        }
    }
    Some(acc)
}

fn load_candidates(
    root: &Path,
    candidates: Vec<discover::Candidate>,
    mut warnings: Vec<Warning>,
    progress: &Progress,
) -> Result<Corpus, LoadError> {
    let config = read_config(root, &mut warnings);
    progress.stage("Loading", candidates.len());
    let outcomes: Vec<Outcome> = candidates
        .par_iter()
        .map(|c| {
            if progress.is_cancelled() {
                return Outcome::Cancelled;
            }
            let parsed = read_capped(&c.path)
                .map_err(|kind| Warning::new(c.id.clone(), kind))
                .and_then(|bytes| {
                    let hash = xxhash_rust::xxh3::xxh3_128(&bytes);
                    // A bug that panics on one file skips that file, not the whole folder.
                    crate::guard::caught(|| parse_document(&c.id, bytes, c.format, &config))
                        .map(|r| r.map(|(a, w)| (a, w, hash)))
                        .unwrap_or_else(|message| {
                            Err(Warning::new(
                                c.id.clone(),
                                WarningKind::LoaderFailed { message },
                            ))
                        })
                });
            progress.inc(1);
            match parsed {
                Ok((a, w, hash)) => Outcome::Loaded(Box::new(a), w, hash),
                Err(w) => Outcome::Skipped(w),
            }
        })
        .collect();
    progress.check()?;
    let mut articles = Vec::with_capacity(outcomes.len());
    // Byte-identical files (copies): the first by path is kept (issue 14, item 11). Copies that
    // `parallax.toml` gives different sources are kept: the same wire story run by two outlets
    // is worth comparing.
    let mut first_copy: rustc_hash::FxHashMap<u128, Vec<usize>> = Default::default();
    for o in outcomes {
        match o {
            Outcome::Loaded(a, w, hash) => {
                let own = config.lookup(&a.id).source;
                let copies = first_copy.entry(hash).or_default();
                let same = copies
                    .iter()
                    .filter_map(|&k| articles.get(k))
                    .find(|k: &&Article| own.is_none() || config.lookup(&k.id).source == own);
                if let Some(kept) = same {
                    warnings.push(Warning::new(
                        a.id.clone(),
                        WarningKind::Identical {
                            first: kept.file.clone(),
                        },
                    ));
                    continue;
                }
                copies.push(articles.len());
                articles.push(*a);
                warnings.extend(w);
            }
            Outcome::Skipped(w) => warnings.push(w),
            Outcome::Cancelled => return Err(LoadError::Cancelled),
        }
    }
    if !config.is_empty() {
        let ids: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
        let unused = config.unused_keys(&ids);
        for key in unused.iter().take(MAX_UNUSED_KEY_WARNINGS) {
            warnings.push(Warning::new(
                config::FILE_NAME,
                WarningKind::UnusedKey {
                    key: (*key).to_string(),
                },
            ));
        }
        if let Some(more) = unused.len().checked_sub(MAX_UNUSED_KEY_WARNINGS)
            && more > 0
        {
            warnings.push(Warning::new(
                config::FILE_NAME,
                WarningKind::MoreUnusedKeys { count: more },
            ));
        }
    }
    // Stable: per file, in the order they arose.
    warnings.sort_by(|a, b| a.file.cmp(&b.file));
    if articles.is_empty() {
        if candidates.is_empty() && warnings.iter().all(|w| !w.skipped) {
            return Err(LoadError::NoArticles(root.to_path_buf()));
        }
        return Err(LoadError::NothingLoaded {
            path: root.to_path_buf(),
            warnings,
        });
    }
    Ok(Corpus {
        root: Some(root.to_path_buf()),
        articles,
        warnings,
    })
}

/// "3 files skipped (a.txt: binary file …; b.txt: empty file; …)".
/// One line for a set none of whose files loaded: how many files were skipped and the first
/// reasons.
pub fn summarize(warnings: &[Warning]) -> String {
    let skipped: Vec<&Warning> = warnings.iter().filter(|w| w.skipped).collect();
    let shown: Vec<String> = skipped
        .iter()
        .take(3)
        .map(|w| format!("{}: {}", w.file, w.kind))
        .collect();
    let more = if skipped.len() > 3 { "; …" } else { "" };
    let n = skipped.len();
    format!(
        "{n} file{} skipped ({}{more})",
        if n == 1 { "" } else { "s" },
        shown.join("; ")
    )
}
