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
    Cell, Change, EventRow, FramingTables, Legend, LegendCategory, NAMING, NamingRow, OnePassage,
    OneSource, PairSection, PairSelection, PairStats, ProfileRow, Report, ReportOptions, ReportRow,
    ReuseRow, RowKind, RowRef, Segment, SegmentMark, Settings, SourceInfo, SpeakerRow, StoryMap,
    TermCount, build, segments, selected_pairs, word_count,
};
pub use html::{esc, html};
pub use markdown::{markdown, md_esc};
pub use time::{format_utc, generated_now};

use std::io::Write;
use std::path::Path;

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

/// Builds the report of `analysis`, renders it in `format` and writes it to `path` atomically:
/// what File ▸ Export report… does. Cancelling through `progress` writes nothing.
pub fn export(
    analysis: &crate::model::Analysis,
    opts: &ReportOptions,
    format: Format,
    path: &Path,
    progress: &crate::progress::Progress,
) -> Result<(), String> {
    let report = build(analysis, opts, progress).map_err(|_| "report cancelled".to_string())?;
    progress
        .check()
        .map_err(|_| "report cancelled".to_string())?;
    write_atomic(path, render(&report, format).as_bytes())
}

/// Writes `contents` to `path` through a temporary file in the same folder that is renamed
/// over `path` once complete, so a failure (disk full, cancel, crash) never leaves a partial
/// report. Errors name the path and the reason.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(format!("cannot write {}: it is a folder", path.display()));
    }
    let fail = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", path.display());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".parallax-report-").suffix(".tmp");
    // A report is meant to be shared: readable like any new file (subject to the umask), not
    // the owner-only mode temporary files get by default.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| fail(&e))?;
    tmp.write_all(contents).map_err(|e| fail(&e))?;
    tmp.as_file().sync_all().map_err(|e| fail(&e))?;
    tmp.persist(path).map_err(|e| fail(&e.error))?;
    Ok(())
}
