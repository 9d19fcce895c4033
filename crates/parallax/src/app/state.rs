//! Saved settings of the viewer (persisted through eframe storage) and the small value types
//! they are made of. Everything here is plain data; the views read and change it.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::View;
use crate::align::DEFAULT_MIN_SCORE;
use crate::diff::DiffOptions;

/// The key under which [`Settings`] are stored by eframe.
pub const STORAGE_KEY: &str = "parallax.settings";
/// How many folders File ▸ Open recent keeps.
pub const MAX_RECENT: usize = 10;
pub const MIN_ZOOM: f32 = 0.5;
pub const MAX_ZOOM: f32 = 3.0;

/// Light, dark, or following the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemePref {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemePref {
    pub const ALL: [ThemePref; 3] = [ThemePref::System, ThemePref::Light, ThemePref::Dark];
    pub fn label(self) -> &'static str {
        match self {
            ThemePref::System => "Follow system",
            ThemePref::Light => "Light",
            ThemePref::Dark => "Dark",
        }
    }
    pub fn to_egui(self) -> egui::ThemePreference {
        match self {
            ThemePref::System => egui::ThemePreference::System,
            ThemePref::Light => egui::ThemePreference::Light,
            ThemePref::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// Which rows of the side-by-side table are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Filter {
    #[default]
    All,
    /// Changed pairs and unmatched passages.
    Differences,
    /// Passages with no counterpart on the other side.
    Unmatched,
    /// Rows holding at least one framing mark of an enabled category.
    Framing,
}

impl Filter {
    pub const ALL: [Filter; 4] = [
        Filter::All,
        Filter::Differences,
        Filter::Unmatched,
        Filter::Framing,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Filter::All => "All rows",
            Filter::Differences => "Differences only",
            Filter::Unmatched => "Unmatched only",
            Filter::Framing => "Framing only",
        }
    }
}

/// Where an article set comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SetSource {
    /// The sample articles embedded in the binary.
    Seeds,
    /// A folder.
    Folder(PathBuf),
    /// Individual files (dropped on the window).
    Files(Vec<PathBuf>),
}

impl SetSource {
    /// The key the app's settings keep this set's own settings under (source names): the
    /// folder's path, or the samples; `None` for dropped files (kept for the session only).
    pub fn key(&self) -> Option<String> {
        match self {
            SetSource::Seeds => Some("(sample articles)".to_owned()),
            SetSource::Folder(p) => Some(p.display().to_string()),
            SetSource::Files(_) => None,
        }
    }
    /// A short human name for the status bar and messages.
    pub fn describe(&self) -> String {
        match self {
            SetSource::Seeds => "the sample articles".to_owned(),
            SetSource::Folder(p) => p.display().to_string(),
            SetSource::Files(fs) => match fs.as_slice() {
                [one] => one.display().to_string(),
                many => format!("{} dropped files", many.len()),
            },
        }
    }
}

/// Everything the viewer remembers between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The folder opened last (None: the seeds).
    pub last_folder: Option<PathBuf>,
    /// Most recent first, at most [`MAX_RECENT`].
    pub recent: Vec<PathBuf>,
    /// The chosen pair, by article id (stable across runs when the folder is unchanged).
    pub left_id: Option<String>,
    pub right_id: Option<String>,
    pub min_score: f32,
    pub ignore_case: bool,
    pub ignore_punctuation: bool,
    /// Framing categories switched off (by category id); everything else is shown.
    pub hidden_categories: BTreeSet<String>,
    pub theme: ThemePref,
    pub zoom: f32,
    pub filter: Filter,
    pub show_settings: bool,
    pub show_warnings: bool,
    /// The view shown last; it comes back on relaunch unless `--view` names another.
    pub view: View,
    /// Source names given in the viewer, per article set ([`SetSource::key`]), by article file
    /// (`Article::file`). Kept here, in the app's settings, never in the article folder.
    pub source_names: BTreeMap<String, BTreeMap<String, String>>,
    /// The framing lexicon chosen in Settings (None: the built-in one); `--lexicon` overrides it.
    pub lexicon: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            last_folder: None,
            recent: Vec::new(),
            left_id: None,
            right_id: None,
            min_score: DEFAULT_MIN_SCORE,
            ignore_case: false,
            ignore_punctuation: false,
            hidden_categories: BTreeSet::new(),
            theme: ThemePref::System,
            zoom: 1.0,
            filter: Filter::All,
            show_settings: false,
            show_warnings: false,
            view: View::SideBySide,
            source_names: BTreeMap::new(),
            lexicon: None,
        }
    }
}

impl Settings {
    pub fn diff_options(&self) -> DiffOptions {
        DiffOptions {
            ignore_case: self.ignore_case,
            ignore_punctuation: self.ignore_punctuation,
        }
    }
    /// Puts `dir` first in the recent list (no duplicates, at most [`MAX_RECENT`]).
    pub fn push_recent(&mut self, dir: PathBuf) {
        self.recent.retain(|p| p != &dir);
        self.recent.insert(0, dir);
        self.recent.truncate(MAX_RECENT);
    }
    /// Clamps values read from an older or hand-edited store into their valid ranges.
    pub fn sanitize(&mut self) {
        if !self.min_score.is_finite() {
            self.min_score = DEFAULT_MIN_SCORE;
        }
        self.min_score = self.min_score.clamp(0.0, 1.0);
        if !self.zoom.is_finite() {
            self.zoom = 1.0;
        }
        self.zoom = self.zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        self.recent.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_list_is_unique_and_bounded() {
        let mut s = Settings::default();
        for i in 0..15 {
            s.push_recent(PathBuf::from(format!("/d{i}")));
        }
        s.push_recent(PathBuf::from("/d3"));
        assert_eq!(s.recent.len(), MAX_RECENT);
        assert_eq!(s.recent[0], PathBuf::from("/d3"));
        assert_eq!(
            s.recent
                .iter()
                .filter(|p| p.as_path() == std::path::Path::new("/d3"))
                .count(),
            1
        );
    }

    #[test]
    fn old_store_missing_fields_loads_with_defaults() {
        let s: Settings = serde_json::from_str(r#"{"zoom": 9.0, "min_score": -1}"#).unwrap();
        let mut s = s;
        s.sanitize();
        assert_eq!(s.zoom, MAX_ZOOM);
        assert_eq!(s.min_score, 0.0);
        assert_eq!(s.theme, ThemePref::System);
    }
}
