//! Reports: the story map, framing tables, one-source passages and side-by-side differences of
//! an [`Analysis`](crate::model::Analysis) as one self-contained HTML file, JSON or Markdown,
//! plus the `parallax align --json` contract ([`align_json()`]).
//!
//! [`build`] computes the plain-data [`Report`] (cancellable, with progress); [`html`], [`json`]
//! and [`markdown`] only format it; [`write_atomic`] writes a file without ever leaving a
//! half-written one behind; [`export`] does all three for the app's File ▸ Export report…
//! (`parallax report` does the same, plus writing to standard output).

pub mod align_json;
mod data;
mod framing_tables;
mod html;
mod markdown;
mod time;

pub use align_json::{align_json, write_align_json, write_readable};
pub use data::{
    Cell, Change, EventRow, FramingTables, Legend, LegendCategory, MAX_PAIR_SECTIONS, NAMING,
    NamingRow, OnePassage, OneSource, PairSection, PairSelection, PairStats, ProfileRow, Report,
    ReportOptions, ReportRow, ReuseRow, RowKind, RowRef, Segment, SegmentMark, Settings,
    SourceInfo, SpeakerRow, StoryMap, TermCount, build, segments, selected_pairs, word_count,
};
pub use html::{esc, html};
pub use markdown::{markdown, md_esc};
pub use time::{format_utc, generated_now};

use std::path::Path;

/// First line of every Markdown report: marks the file as Parallax's own output, so that
/// the loader skips it instead of loading it as an article ([`is_parallax_report`]).
pub const MARKDOWN_MARKER: &str = "<!-- generator: Parallax report -->";

/// Whether `head` (the first bytes of a file) is a report Parallax wrote: an HTML report's
/// `<meta name="generator" content="Parallax …">`, a Markdown report's first line
/// [`MARKDOWN_MARKER`], a JSON report's `"generator": "Parallax …"`. Only the first 4 KiB are
/// looked at; the marks sit in the first lines of each format.
pub fn is_parallax_report(head: &[u8]) -> bool {
    let head = head.get(..head.len().min(4096)).unwrap_or(head);
    let text = String::from_utf8_lossy(head);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    t.starts_with(MARKDOWN_MARKER)
        || (t.starts_with('<') && t.contains("<meta name=\"generator\" content=\"Parallax "))
        || (t.starts_with('{') && t.contains("\"generator\": \"Parallax "))
}

/// Output format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Html,
    Json,
    Markdown,
}

impl Format {
    /// The format a file name asks for (`.json`, `.md`/`.markdown`), if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_string_lossy().to_lowercase();
        match ext.as_str() {
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Json => "json",
            Format::Markdown => "md",
        }
    }
}

/// The report as pretty-printed JSON (the same content as the HTML, as data).
pub fn json(report: &Report) -> String {
    // Serialising plain structs of strings and numbers cannot fail; fall back to an empty
    // object rather than panic if it ever did.
    let mut s = serde_json::to_string_pretty(report).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

/// The report in `format`.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Html => html(report),
        Format::Json => json(report),
        Format::Markdown => markdown(report),
    }
}

/// Why a report could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// Cancelled through its [`Progress`](crate::progress::Progress).
    #[error("report cancelled")]
    Cancelled,
    /// Writing the file failed or was refused.
    #[error(transparent)]
    Output(#[from] crate::output::OutputError),
}

impl From<crate::progress::Cancelled> for ReportError {
    fn from(_: crate::progress::Cancelled) -> Self {
        ReportError::Cancelled
    }
}

/// Builds the report of `analysis`, renders it in `format` and writes it to `path` atomically:
/// what File ▸ Export report… does. Cancelling through `progress` writes nothing.
pub fn export(
    analysis: &crate::model::Analysis,
    opts: &ReportOptions,
    format: Format,
    path: &Path,
    progress: &crate::progress::Progress,
) -> Result<(), ReportError> {
    let report = build(analysis, opts, progress)?;
    progress.check()?;
    Ok(write_atomic(path, render(&report, format).as_bytes())?)
}

/// Writes `contents` to `path` by the output-safety rules of [`crate::output::write`]: a
/// regular file through a temporary file in the same folder renamed over it once complete (a
/// failure, cancel or signal never leaves a partial report or a temporary file), a device or
/// FIFO in place, a symlink followed to its target, a full disk reported as such.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), crate::output::OutputError> {
    crate::output::write(path, contents)
}
