//! The desktop viewer (eframe/egui): opens an article set and shows two sources side by side.
//! Only draws the engine's plain data; never computes alignment or diffs itself (loading,
//! aligning, comparing, the story map's rows, One event's blocks and exporting run as jobs of
//! one queue, off the UI thread, see [`jobs`]).
//!
//! [`ParallaxApp`] holds the whole UI state and draws itself with [`ParallaxApp::ui`], so tests
//! drive it without eframe (`egui_kittest`); [`run`] wraps it in a native window. Views live in
//! their own modules with a `fn ui(&mut self, ui, …)`; user actions are [`Command`]s, applied
//! once per frame.

pub mod command;
pub mod corrections;
pub mod event_view;
pub mod export;
pub mod file_dialog;
pub mod framing_view;
pub mod jobs;
pub mod menu;
pub mod open_dialog;
pub mod render;
pub mod settings;
pub mod side_by_side;
pub mod sources;
pub mod startup;
pub mod state;
pub mod status;
pub mod story_map;
pub mod theme;
pub mod view;
pub mod warnings;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub use command::{Command, Commands, SystemCommand, UiCommand};
use jobs::{CompareKey, Jobs, Outcome};
use side_by_side::SideBySide;
pub use startup::StartupOptions;
use state::{SetSource, Settings, ThemePref};
use status::Message;
use view::{ViewCtx, ViewUi};

use crate::align::AlignOptions;
use crate::model::Analysis;

/// Default window size (also the size of `--screenshot` images).
pub const DEFAULT_SIZE: [f32; 2] = [1400.0, 900.0];
/// The smallest window the viewer lays out for: every control stays reachable down to it
/// (toolbars wrap, the status bar elides).
pub const MIN_SIZE: [f32; 2] = [480.0, 360.0];

/// The views of the app, shown as tabs. New views (story map, event, framing review) add a
/// variant here and a module with `fn ui`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum View {
    #[default]
    SideBySide,
    StoryMap,
    Event,
    Framing,
}

impl View {
    pub const ALL: [View; 4] = [View::SideBySide, View::StoryMap, View::Event, View::Framing];
    pub fn label(self) -> &'static str {
        match self {
            View::SideBySide => "Side by side",
            View::StoryMap => "Story map",
            View::Event => "One event",
            View::Framing => "Framing review",
        }
    }
    pub fn description(self) -> &'static str {
        match self {
            View::SideBySide => "Two sources side by side with their word differences",
            View::StoryMap => "Every event × every source: who reports what, and at what length",
            View::Event => "One event across every source that reports it",
            View::Framing => "Each source's framing profile, naming, speakers and verbatim reuse",
        }
    }
    pub fn shortcut(self) -> Option<egui::KeyboardShortcut> {
        let key = match self {
            View::SideBySide => egui::Key::F2,
            View::StoryMap => egui::Key::F4,
            View::Event => egui::Key::F6,
            View::Framing => egui::Key::F7,
        };
        Some(egui::KeyboardShortcut::new(egui::Modifiers::NONE, key))
    }
}

/// The open article set.
pub struct Loaded {
    pub source: SetSource,
    pub analysis: Arc<Analysis>,
    /// The set's framing legend, built by the engine from the lexicon in use.
    pub legend: Arc<crate::legend::Legend>,
    /// Bumped on every load or re-alignment; comparisons carry it.
    pub generation: u64,
    pub elapsed: Duration,
    /// The hand corrections of the set (already applied to `analysis`).
    pub corrections: corrections::SetCorrections,
    /// Each article's source name as the set gives it (file, metadata, `parallax.toml`),
    /// before the names given in the viewer (Rename sources…).
    pub own_sources: Vec<String>,
    /// Names given in the viewer to a set with no settings key (dropped files), by file.
    pub session_names: std::collections::BTreeMap<String, String>,
    /// The framing of the corrected alignment is being computed again (the request's ticket);
    /// until it arrives the framing is the one before the last correction.
    pub reframing: Option<u64>,
}

/// The whole viewer state.
pub struct ParallaxApp {
    pub settings: Settings,
    pub loaded: Option<Loaded>,
    pub jobs: Jobs,
    pub side_by_side: SideBySide,
    pub story_map: story_map::StoryMap,
    pub event_view: event_view::EventView,
    pub framing_view: framing_view::FramingView,
    pub export: export::Export,
    /// Passage to scroll to once the comparison of the pair arrives.
    pending_reveal: Option<(usize, usize)>,
    pub open_dialog: open_dialog::OpenDialog,
    pub settings_panel: settings::SettingsPanel,
    /// Messages of this session (oldest first); the last one shows in the status bar.
    pub log: Vec<Message>,
    pub show_shortcuts: bool,
    pub show_about: bool,
    /// Pair requested on the command line, by name, applied to the first set that loads.
    wanted_pair: Option<(Option<String>, Option<String>)>,
    commands: Commands,
    generation: u64,
    ctx: Option<egui::Context>,
    /// Set by Quit; the eframe wrapper closes the window.
    pub quit_requested: bool,
    applied_theme: Option<ThemePref>,
    applied_zoom: Option<f32>,
    /// Said with the first set that opens (the remembered folder is gone, so the samples open).
    startup_notice: Option<String>,
    /// Errors in `log` before this index belong to sets opened earlier; the warnings panel
    /// shows only the open set's.
    pub warnings_since: usize,
    /// `log.len()` when the open now running was started.
    open_log_start: usize,
    /// Where hand corrections are kept (`None`: nowhere, they last until the set closes).
    pub corrections_dir: Option<PathBuf>,
    /// Edit ▸ Corrections… is open.
    pub show_corrections: bool,
    /// Edit ▸ Rename sources….
    pub sources: sources::SourcesWindow,
    /// Tickets of framing requests after corrections (the newest one counts).
    reframe_ticket: u64,
    /// The file name typed in Edit ▸ Corrections… ▸ Save as.
    pub corrections_save_as: String,
    /// Corrections ▸ Save as ▸ Browse…: the native file dialog.
    /// Why Corrections ▸ Save as ▸ Browse… could not show a dialog.
    pub corrections_notice: Option<String>,
    /// The system's file and folder dialogs (one up at a time).
    dialogs: file_dialog::Dialogs,
    /// Opens a file or web address with the system's default application (tests replace it).
    pub opener: Opener,
    /// The text last put on the clipboard (what the status bar's "Copied …" refers to).
    pub last_copied: Option<String>,
    /// The framing lexicon every load and re-alignment uses (`--lexicon`; None: built-in).
    lexicon: Option<crate::framing::Lexicon>,
    /// What the story map and One event jobs build with (tests replace them).
    #[doc(hidden)]
    pub builders: jobs::Builders,
}

impl ParallaxApp {
    /// The view shown (one field: the saved settings' `view`).
    pub fn view(&self) -> View {
        self.settings.view
    }

    /// A viewer with `settings`, opening what `args` asks for (else the last folder if it
    /// still exists, else the seeds). The load runs in the background.
    pub fn new(mut settings: Settings, args: &StartupOptions) -> Self {
        settings.sanitize();
        if let Some(t) = args.theme {
            settings.theme = t;
        }
        let mut startup_notice = None;
        let source = match &args.dir {
            Some(d) => SetSource::Folder(d.clone()),
            None => match &settings.last_folder {
                Some(d) if d.is_dir() && args.screenshot.is_none() => SetSource::Folder(d.clone()),
                Some(d) if args.screenshot.is_none() => {
                    startup_notice = Some(format!(
                        "The last folder, {}, is gone (moved, renamed or on a drive that is not \
                         mounted).",
                        d.display()
                    ));
                    SetSource::Seeds
                }
                _ => SetSource::Seeds,
            },
        };
        // The lexicon chosen in Settings, unless the command line names one.
        let lexicon = match (&args.lexicon, settings.lexicon.clone()) {
            (Some(l), _) => Some(l.clone()),
            (None, Some(p)) => match crate::framing::Lexicon::load(&p) {
                Ok(l) => Some(l),
                Err(e) => {
                    let said = format!("{e}; framing with the built-in lexicon.");
                    startup_notice = Some(match startup_notice.take() {
                        Some(n) => format!("{n} {said}"),
                        None => said,
                    });
                    settings.lexicon = None;
                    None
                }
            },
            (None, None) => None,
        };
        let wanted_pair = (args.left.is_some() || args.right.is_some())
            .then(|| (args.left.clone(), args.right.clone()));
        // `--view` shows that view now (and is remembered, like a view chosen in the app).
        let settings = Settings {
            view: args.view.unwrap_or(settings.view),
            ..settings
        };
        let mut app = ParallaxApp {
            settings,
            loaded: None,
            jobs: Jobs::default(),
            side_by_side: SideBySide::default(),
            story_map: Default::default(),
            event_view: Default::default(),
            framing_view: Default::default(),
            export: Default::default(),
            pending_reveal: None,
            open_dialog: Default::default(),
            settings_panel: Default::default(),
            log: Vec::new(),
            show_shortcuts: false,
            show_about: false,
            wanted_pair,
            commands: Commands::default(),
            generation: 0,
            ctx: None,
            quit_requested: false,
            applied_theme: None,
            applied_zoom: None,
            startup_notice,
            warnings_since: 0,
            open_log_start: 0,
            corrections_dir: match &args.data_dir {
                Some(d) => Some(d.join("corrections")),
                None => crate::corrections::store_dir().ok(),
            },
            show_corrections: false,
            sources: Default::default(),
            reframe_ticket: 0,
            corrections_save_as: String::new(),
            corrections_notice: None,
            dialogs: Default::default(),
            opener: Arc::new(system_open),
            last_copied: None,
            lexicon,
            builders: Default::default(),
        };
        app.start_open(source);
        app
    }

    /// Queues a command; it runs at the end of the next frame (or with [`Self::apply_pending`]).
    pub fn push(&mut self, c: impl Into<Command>) {
        self.commands.push(c);
    }

    /// Runs queued commands now.
    pub fn apply_pending(&mut self) {
        let cmds = self.commands.take();
        for c in cmds {
            self.apply(c);
        }
    }

    /// Blocks until every background job has finished and its result is applied (tests,
    /// `--screenshot`). Gives up after `timeout`; returns whether everything finished.
    pub fn wait_for_jobs(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            self.poll_jobs();
            if !self.jobs.busy() && !self.dialogs.is_open() {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// The legend of the open set (empty when none is open).
    pub fn legend(&self) -> Arc<crate::legend::Legend> {
        self.loaded
            .as_ref()
            .map_or_else(Default::default, |l| l.legend.clone())
    }

    pub fn analysis(&self) -> Option<&Analysis> {
        self.loaded.as_ref().map(|l| l.analysis.as_ref())
    }

    /// The last message (status bar).
    pub fn last_message(&self) -> Option<&Message> {
        self.log.last()
    }

    fn message(&mut self, text: impl Into<String>, error: bool) {
        self.log.push(Message {
            text: text.into(),
            error,
        });
        if self.log.len() > 200 {
            self.log.remove(0);
            self.warnings_since = self.warnings_since.saturating_sub(1);
            self.open_log_start = self.open_log_start.saturating_sub(1);
        }
    }

    fn start_open(&mut self, source: SetSource) {
        self.open_log_start = self.log.len();
        self.start_open_keeping_log(source);
    }

    /// Like [`Self::start_open`], but the messages said so far stay with the set it opens
    /// (the fallback to the samples keeps the error that caused it).
    fn start_open_keeping_log(&mut self, source: SetSource) {
        self.jobs
            .start_open(source, None, self.analyze_options(), self.ctx.clone());
    }

    /// What the load and re-align jobs run: the Settings threshold and the lexicon in use.
    // The update keeps options added to the pipeline later at their defaults.
    #[allow(clippy::needless_update)]
    fn analyze_options(&self) -> crate::model::AnalyzeOptions {
        crate::model::AnalyzeOptions {
            align: AlignOptions {
                min_score: self.settings.min_score,
            },
            lexicon: self.lexicon.clone(),
            ..Default::default()
        }
    }

    fn start_realign(&mut self) {
        let Some(l) = &self.loaded else { return };
        let corpus = l.analysis.corpus.clone();
        let source = l.source.clone();
        self.jobs.start_open(
            source,
            Some(corpus),
            self.analyze_options(),
            self.ctx.clone(),
        );
    }

    fn start_compare(&mut self) {
        let Some(l) = &self.loaded else { return };
        let key = CompareKey {
            generation: l.generation,
            left: self.side_by_side.left,
            right: self.side_by_side.right,
            options: self.settings.diff_options(),
        };
        self.jobs
            .start_compare(l.analysis.clone(), key, self.ctx.clone());
    }

    fn poll_jobs(&mut self) {
        if let Some((purpose, answer)) = self.dialogs.poll() {
            self.dialog_answered(purpose, answer);
        }
        for outcome in self.jobs.poll() {
            self.apply_outcome(outcome);
        }
    }

    /// A file or folder dialog answered: the answer goes to the window that asked, which says
    /// in its own words what to do when no dialog could be shown.
    fn dialog_answered(
        &mut self,
        purpose: file_dialog::DialogFor,
        answer: file_dialog::DialogAnswer,
    ) {
        use file_dialog::{DialogAnswer, DialogFor};
        match purpose {
            DialogFor::OpenFolder => self.open_dialog.answered(answer, &mut self.commands),
            DialogFor::ExportReport => self.export.answered(answer),
            DialogFor::Lexicon => self
                .settings_panel
                .lexicon_answered(answer, &mut self.commands),
            DialogFor::SaveCorrections => match answer {
                // A file chosen is written at once (as typing it and Save).
                DialogAnswer::Chosen(path) => {
                    self.corrections_save_as = path.display().to_string();
                    self.corrections_notice = None;
                    if self
                        .loaded
                        .as_ref()
                        .is_some_and(|l| !l.corrections.list.is_empty())
                    {
                        self.commands.push(SystemCommand::SaveCorrectionsTo(path));
                    }
                }
                other => {
                    self.corrections_notice = other.notice("Type the file path instead.");
                }
            },
        }
    }

    /// Shows the app's file and folder dialogs with `backend` (tests put in one that answers
    /// without a desktop).
    pub fn set_dialog_backend(&mut self, backend: Arc<dyn file_dialog::DialogBackend>) {
        self.dialogs.set_backend(backend);
    }

    fn apply_outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Opened {
                source,
                realign,
                result,
                elapsed,
            } => match result {
                Ok(analysis) => {
                    if let SetSource::Folder(d) = &source {
                        self.open_dialog.opened(d, Ok(()));
                    }
                    self.install(source, analysis, realign, elapsed);
                }
                Err(f) if f.is_cancelled() => {
                    if let SetSource::Folder(d) = &source {
                        self.open_dialog.opened(d, Err("Cancelled.".to_owned()));
                    }
                    self.message("Cancelled; the current set stays open.", false);
                }
                Err(f) => {
                    if let SetSource::Folder(d) = &source {
                        self.open_dialog.opened(d, Err(format!("{}.", f.message)));
                    }
                    // Nothing open yet (the remembered folder went bad): fall back to the
                    // bundled seeds rather than an empty window.
                    let fallback = self.loaded.is_none() && source != SetSource::Seeds;
                    let kept = if self.loaded.is_some() {
                        " The current set stays open."
                    } else if fallback {
                        " Opening the sample articles instead."
                    } else {
                        ""
                    };
                    for w in &f.warnings {
                        self.message(format!("{}: {}", w.file, w.reason), true);
                    }
                    self.message(format!("{}.{kept}", f.message), true);
                    if fallback {
                        self.start_open_keeping_log(SetSource::Seeds);
                    }
                }
            },
            Outcome::Failed {
                kind,
                label,
                reason,
            } => {
                match kind {
                    jobs::JobKind::StoryMap => self.story_map.failed(reason.clone()),
                    jobs::JobKind::Event => self.event_view.failed(reason.clone()),
                    jobs::JobKind::Export => self.export.failed(&reason),
                    jobs::JobKind::Load | jobs::JobKind::Compare | jobs::JobKind::Framing => {}
                }
                self.message(
                    format!("{label} failed: {reason}. Please report this; the current view is unchanged."),
                    true,
                );
            }
            Outcome::Reframed { ticket, framing } => {
                let names = self.set_names();
                let Some(l) = self.loaded.as_mut().filter(|l| l.reframing == Some(ticket)) else {
                    return;
                };
                let mut a = (*l.analysis).clone();
                a.framing = Some(*framing);
                // Names given while it ran are put back.
                l.analysis = sources::named(Arc::new(a), &l.own_sources, &names);
                l.legend = Arc::new(crate::legend::Legend::of(&l.analysis));
                l.reframing = None;
                l.generation = new_generation(&mut self.generation, &mut self.jobs);
                self.start_compare();
            }
            // A replaced job that gave up: its successor's result is the one to apply.
            Outcome::Stopped { .. } => {}
            Outcome::MapBuilt { generation, rows } => {
                let current = self.loaded.as_ref().filter(|l| l.generation == generation);
                if let Some(l) = current {
                    let articles = l.analysis.corpus.articles.len();
                    self.story_map.install(generation, rows, articles);
                }
            }
            Outcome::EventBuilt { key, blocks } => {
                let current = self.loaded.as_ref().is_some_and(|l| {
                    l.generation == key.generation && key.options == self.settings.diff_options()
                });
                if current {
                    self.event_view.install(key, blocks);
                }
            }
            Outcome::Exported { path, result } => {
                let (text, error) = self.export.finished(&path, result);
                self.message(text, error);
            }
            Outcome::Compared { key, comparison } => {
                let current = self.loaded.as_ref().is_some_and(|l| {
                    l.generation == key.generation
                        && key.left == self.side_by_side.left
                        && key.right == self.side_by_side.right
                        && key.options == self.settings.diff_options()
                });
                if current {
                    self.side_by_side.set_comparison(comparison);
                    if let Some((article, passage)) = self.pending_reveal.take() {
                        self.side_by_side.reveal_passage(article, passage);
                    }
                }
            }
        }
    }

    fn install(
        &mut self,
        source: SetSource,
        analysis: Arc<Analysis>,
        realign: bool,
        elapsed: Duration,
    ) {
        new_generation(&mut self.generation, &mut self.jobs);
        let n = analysis.corpus.articles.len();
        let ids: Vec<String> = analysis
            .corpus
            .articles
            .iter()
            .map(|a| a.id.clone())
            .collect();
        let find = |key: &Option<String>| key.as_deref().and_then(|k| analysis.find_article(k));
        let by_id =
            |id: &Option<String>| id.as_ref().and_then(|id| ids.iter().position(|x| x == id));
        let mut unknown = Vec::new();
        let (mut l, mut r) = if let Some((wl, wr)) = self.wanted_pair.take() {
            for key in [&wl, &wr].into_iter().flatten() {
                if analysis.find_article(key).is_none() {
                    unknown.push(key.clone());
                }
            }
            (find(&wl).unwrap_or(0), find(&wr).unwrap_or(1))
        } else if realign {
            (self.side_by_side.left, self.side_by_side.right)
        } else {
            (
                by_id(&self.settings.left_id).unwrap_or(0),
                by_id(&self.settings.right_id).unwrap_or(1),
            )
        };
        if l >= n {
            l = 0;
        }
        if r >= n || r == l {
            r = if l == 0 {
                1.min(n.saturating_sub(1))
            } else {
                0
            };
        }
        if !realign {
            // Another set: its find text, warnings and errors start afresh.
            self.side_by_side.clear();
            self.side_by_side.search.clear();
            self.warnings_since = self.open_log_start.min(self.log.len());
            self.side_by_side.left = usize::MAX; // force set_pair to reset scroll/selection
        }
        self.side_by_side.set_pair(l, r);
        self.settings.left_id = ids.get(l).cloned();
        self.settings.right_id = ids.get(r).cloned();
        let warn = analysis.corpus.warnings.len();
        let what = source.describe();
        match &source {
            SetSource::Folder(d) => {
                self.settings.last_folder = Some(d.clone());
                self.settings.push_recent(d.clone());
            }
            SetSource::Seeds => self.settings.last_folder = None,
            SetSource::Files(_) => {}
        }
        let msg = if realign {
            format!(
                "Re-aligned at {} minimum match: {}.",
                crate::compare::percent(self.settings.min_score),
                plural(analysis.alignment.links.len(), "link", "links")
            )
        } else {
            let w = match warn {
                0 => String::new(),
                1 => " 1 file skipped or loaded with a caveat (see warnings).".to_owned(),
                k => format!(" {k} files skipped or loaded with a caveat (see warnings)."),
            };
            let notice = self
                .startup_notice
                .take()
                .map(|t| format!("{t} "))
                .unwrap_or_default();
            format!(
                "{notice}Opened {what}: {} in {:.1} s.{w}",
                plural(n, "article", "articles"),
                elapsed.as_secs_f32()
            )
        };
        self.message(msg, false);
        for key in unknown {
            self.message(
                format!("No article matches “{key}” (use a file name, source name or index)."),
                true,
            );
        }
        // Hand corrections: a re-alignment keeps the set's list; another set reads its own.
        let base = Arc::new(analysis.alignment.clone());
        let previous = if realign { self.loaded.take() } else { None };
        // The names the set gives its sources: a re-alignment runs on the renamed corpus, so
        // they come from the set as first opened.
        let (own_sources, session_names) = match &previous {
            Some(p) if p.own_sources.len() == n => (p.own_sources.clone(), p.session_names.clone()),
            _ => (
                analysis
                    .corpus
                    .articles
                    .iter()
                    .map(|a| a.source.clone())
                    .collect(),
                Default::default(),
            ),
        };
        let kept = previous.map(|l| l.corrections);
        let (list, file) = match kept {
            Some(k) => (k.list, k.file),
            None => {
                let file = corrections::store_file(self.corrections_dir.as_deref(), &source);
                match corrections::load(file.as_deref()) {
                    Ok(list) => (list, file),
                    Err(e) => {
                        // Keep the unreadable file as it is: no correction made now may
                        // overwrite it.
                        self.message(
                            format!("{e}. Hand corrections of this set are off until it is fixed."),
                            true,
                        );
                        (crate::corrections::Corrections::default(), None)
                    }
                }
            }
        };
        let analysis = if list.is_empty() {
            analysis
        } else {
            let a = corrections::corrected(&analysis, &base, &list, self.settings.min_score);
            if !a.corrections.applied.is_empty() {
                self.message(
                    format!(
                        "{} made by hand applied (Edit > Corrections…).",
                        plural(a.corrections.applied.len(), "correction", "corrections")
                    ),
                    false,
                );
            }
            for s in &a.corrections.skipped {
                self.message(format!("Correction not applied: {s}"), true);
            }
            Arc::new(a)
        };
        let names = match source.key() {
            Some(k) => self
                .settings
                .source_names
                .get(&k)
                .cloned()
                .unwrap_or_default(),
            None => session_names.clone(),
        };
        let analysis = sources::named(analysis, &own_sources, &names);
        self.loaded = Some(Loaded {
            source,
            legend: Arc::new(crate::legend::Legend::of(&analysis)),
            analysis,
            generation: self.generation,
            elapsed,
            corrections: corrections::SetCorrections { base, list, file },
            own_sources,
            session_names,
            reframing: None,
        });
        if !self
            .analysis()
            .is_none_or(|a| a.corrections.applied.is_empty())
        {
            self.start_reframe();
        }
        self.start_compare();
    }

    /// Opens the file article `article` was read from (or, `web`, the address it was saved
    /// from) with the system's default application. A file reached through a link that leads
    /// out of the article folder is not opened (said so, naming where it leads).
    fn open_original(&mut self, article: usize, web: bool) {
        let Some(a) = self.analysis() else { return };
        let Some(art) = a.article(article) else {
            return;
        };
        let (file, source, url) = (art.file.clone(), art.source.clone(), art.url.clone());
        let root = a.corpus.root.clone();
        let target: Result<std::ffi::OsString, String> =
            if web {
                url.filter(|u| u.starts_with("https://") || u.starts_with("http://"))
                    .map(Into::into)
                    .ok_or_else(|| format!("No web address is known for {source} ({file})."))
            } else {
                match root {
                None if self.loaded.as_ref().is_some_and(|l| l.source == SetSource::Seeds) => {
                    Err("The sample articles are built into Parallax: there is no file to open."
                        .to_owned())
                }
                None => Ok(std::path::PathBuf::from(&file).into_os_string()),
                Some(root) => inside_folder(&root, &file).map(Into::into),
            }
            };
        match target.and_then(|t| (self.opener)(&t).map(|()| t)) {
            Ok(t) => self.message(
                format!(
                    "Opening {} with the default application.",
                    t.to_string_lossy()
                ),
                false,
            ),
            Err(e) => self.message(e, true),
        }
    }

    /// Uses the framing lexicon in `path` (None: the built-in one) for the open set and every
    /// set opened later; a file that is not a lexicon is said so and changes nothing.
    fn set_lexicon(&mut self, path: Option<PathBuf>) {
        match path {
            None => {
                self.lexicon = None;
                self.settings.lexicon = None;
                self.settings_panel.lexicon_error = None;
                self.message("Framing with the built-in lexicon.", false);
            }
            Some(p) => match crate::framing::Lexicon::load(&p) {
                Ok(lex) => {
                    self.lexicon = Some(lex);
                    self.message(format!("Framing with the lexicon {}.", p.display()), false);
                    self.settings.lexicon = Some(p);
                    self.settings_panel.lexicon_error = None;
                }
                Err(e) => {
                    self.settings_panel.lexicon_error = Some(e.to_string());
                    self.message(format!("{e}. The current lexicon stays."), true);
                    return;
                }
            },
        }
        self.start_realign();
    }

    /// The names given in the viewer to the open set's sources, by file.
    fn set_names(&self) -> std::collections::BTreeMap<String, String> {
        let Some(l) = &self.loaded else {
            return Default::default();
        };
        match l.source.key() {
            Some(k) => self
                .settings
                .source_names
                .get(&k)
                .cloned()
                .unwrap_or_default(),
            None => l.session_names.clone(),
        }
    }

    /// Computes the framing of the open set's corrected alignment again, in the background:
    /// contrasts, one-source shares and reuse follow the rows a correction changed.
    fn start_reframe(&mut self) {
        self.reframe_ticket += 1;
        let ticket = self.reframe_ticket;
        let Some(l) = self.loaded.as_mut() else {
            return;
        };
        l.reframing = Some(ticket);
        self.jobs.start_reframe(
            l.analysis.clone(),
            self.lexicon.clone(),
            ticket,
            self.ctx.clone(),
        );
    }

    /// Gives article `article`'s source the name `name` in the open set (empty: the set's own
    /// name again), keeps it in the settings for the set, and refreshes every view.
    fn rename_source(&mut self, article: usize, name: &str) {
        let Some(l) = self.loaded.as_mut() else {
            self.message("No set is open.", false);
            return;
        };
        let (Some(art), Some(own)) = (l.analysis.article(article), l.own_sources.get(article))
        else {
            return;
        };
        let (file, before, own) = (art.file.clone(), art.source.clone(), own.clone());
        let name = sources::tidy(name);
        let name = if name.is_empty() { own.clone() } else { name };
        // As long as the loader lets a name be (a pasted page of text would stretch every
        // heading).
        let name: String = name.chars().take(crate::corpus::MAX_SOURCE_CHARS).collect();
        if name == before {
            return;
        }
        let names = match l.source.key() {
            Some(k) => self.settings.source_names.entry(k).or_default(),
            None => &mut l.session_names,
        };
        if name == own {
            names.remove(&file);
        } else {
            names.insert(file.clone(), name.clone());
        }
        let names = names.clone();
        if let Some(k) = l.source.key()
            && names.is_empty()
        {
            self.settings.source_names.remove(&k);
        }
        l.analysis = sources::named(l.analysis.clone(), &l.own_sources, &names);
        l.generation = new_generation(&mut self.generation, &mut self.jobs);
        let kept = if l.source.key().is_some() {
            "kept in the app's settings, not in the folder"
        } else {
            "kept until another set opens"
        };
        self.message(format!("{file}: shown as “{name}” ({kept})."), false);
        self.start_compare();
    }

    /// Changes the open set's hand corrections with `change` (which returns whether it changed
    /// anything), applies them, saves them, and refreshes every view.
    fn correct(
        &mut self,
        change: impl FnOnce(
            &mut crate::corrections::Corrections,
            &Analysis,
            &crate::align::Alignment,
        ) -> bool,
    ) -> bool {
        let min_score = self.settings.min_score;
        let Some(l) = self.loaded.as_mut() else {
            self.message("No set is open.", false);
            return false;
        };
        let before = l.corrections.list.clone();
        if !change(&mut l.corrections.list, &l.analysis, &l.corrections.base) {
            return false;
        }
        let a = corrections::corrected(
            &l.analysis,
            &l.corrections.base,
            &l.corrections.list,
            min_score,
        );
        l.analysis = Arc::new(a);
        l.generation = new_generation(&mut self.generation, &mut self.jobs);
        let saved = corrections::save(
            l.corrections.file.as_deref(),
            &l.corrections.list,
            &l.source,
        );
        if let Err(e) = saved {
            l.corrections.list = before;
            self.message(
                format!("{e}. The correction is kept for this session only."),
                true,
            );
        }
        self.start_reframe();
        self.start_compare();
        true
    }

    fn article_count(&self) -> usize {
        self.analysis().map_or(0, |a| a.corpus.articles.len())
    }

    fn select_pair(&mut self, left: usize, right: usize) {
        let n = self.article_count();
        if left >= n || right >= n || left == right {
            return;
        }
        if (left, right) == (self.side_by_side.left, self.side_by_side.right) {
            return;
        }
        self.side_by_side.set_pair(left, right);
        let id_of = |i: usize| {
            self.analysis()
                .and_then(|a| a.corpus.articles.get(i))
                .map(|x| x.id.clone())
        };
        let (l, r) = (id_of(left), id_of(right));
        self.settings.left_id = l;
        self.settings.right_id = r;
        self.start_compare();
    }

    /// Next/previous article for one side, skipping the other side's article.
    fn cycle(&mut self, left_side: bool, forward: bool) {
        let n = self.article_count();
        if n < 2 {
            return;
        }
        let (mut l, mut r) = (self.side_by_side.left, self.side_by_side.right);
        let (cur, other) = if left_side { (l, r) } else { (r, l) };
        let mut next = cur;
        loop {
            next = if forward {
                (next + 1) % n
            } else {
                (next + n - 1) % n
            };
            if next != other {
                break;
            }
        }
        if left_side {
            l = next;
        } else {
            r = next;
        }
        self.select_pair(l, r);
    }

    /// Applies one command.
    pub fn apply(&mut self, c: impl Into<Command>) {
        match c.into() {
            Command::Ui(c) => self.apply_ui(c),
            Command::System(c) => self.apply_system(c),
        }
    }

    /// Applies a command from a menu, a button or a shortcut.
    fn apply_ui(&mut self, c: UiCommand) {
        use UiCommand::*;
        match c {
            OpenFolder => {
                let start = self.settings.last_folder.clone();
                self.dialogs.start(
                    file_dialog::DialogRequest::open_folder(start),
                    self.ctx.clone(),
                );
            }
            OpenFolderByPath => self.open_dialog.show_path_field(None),
            OpenSeeds => self.start_open(SetSource::Seeds),
            Reload => match self.loaded.as_ref().map(|l| l.source.clone()) {
                Some(s) => self.start_open(s),
                None => self.message("Nothing to reload: no set is open.", false),
            },
            CancelJob => {
                // The frontmost job first: a running export (its window is on top), then the
                // open or re-alignment.
                if self.jobs.cancel_export() {
                    self.export.cancelled();
                    self.message("Export cancelled; nothing was written.", false);
                } else if self.jobs.cancel_load() {
                    let text = if self.loaded.is_some() {
                        "Cancelled; the current set stays open."
                    } else {
                        "Cancelled; no set is open (File > Open folder… or Open sample articles)."
                    };
                    self.message(text, false);
                } else if self.settings.view == View::StoryMap && self.jobs.cancel_story_map() {
                    self.story_map.cancelled();
                    self.message("Stopped building the story map.", false);
                } else if self.settings.view == View::Event && self.jobs.cancel_event() {
                    self.event_view.cancelled();
                    self.message("Stopped building the event.", false);
                }
            }
            Quit => self.quit_requested = true,
            NextDifference => self.side_by_side.step_difference(true),
            PrevDifference => self.side_by_side.step_difference(false),
            FirstDifference => self.side_by_side.go_to_difference(0),
            LastDifference => self.side_by_side.last_difference(),
            Find => self.side_by_side.open_search(),
            FindNext => self.side_by_side.step_search(true),
            FindPrev => self.side_by_side.step_search(false),
            SwapSides => {
                let (l, r) = (self.side_by_side.left, self.side_by_side.right);
                self.select_pair(r, l);
            }
            NextLeftSource => self.cycle(true, true),
            PrevLeftSource => self.cycle(true, false),
            NextRightSource => self.cycle(false, true),
            PrevRightSource => self.cycle(false, false),
            SetFilter(f) => self.settings.filter = f,
            ZoomIn => self.set_zoom(self.settings.zoom + 0.1),
            ZoomOut => self.set_zoom(self.settings.zoom - 0.1),
            ZoomReset => self.set_zoom(1.0),
            SetTheme(t) => self.settings.theme = t,
            ToggleSettings => self.settings.show_settings = !self.settings.show_settings,
            ToggleWarnings => self.settings.show_warnings = !self.settings.show_warnings,
            ShowShortcuts => self.show_shortcuts = true,
            ShowAbout => self.show_about = true,
            ShowView(v) => self.settings.view = v,
            OpenSelectedEvent => {
                let event = self
                    .side_by_side
                    .selected_passage()
                    .and_then(|(article, passage)| {
                        self.analysis().and_then(|a| {
                            a.alignment
                                .event_of(crate::align::PassageRef { article, passage })
                        })
                    });
                match event {
                    Some(e) => self.apply(SystemCommand::OpenEvent(e)),
                    None => self.message(
                        "Select a row whose passage other sources report to read it across every source.",
                        false,
                    ),
                }
            }
            UndoCorrection => {
                let mut undone = None;
                self.correct(|list, _, _| {
                    undone = list.pop();
                    undone.is_some()
                });
                match undone {
                    Some(c) => self.message(
                        format!(
                            "Undone: {} “{}” with “{}”.",
                            match c.action {
                                crate::corrections::Action::Link => "link of",
                                crate::corrections::Action::Unlink => "unlink of",
                            },
                            corrections::snippet(&c.a.text, 40),
                            corrections::snippet(&c.b.text, 40)
                        ),
                        false,
                    ),
                    None if self.loaded.is_some() => self.message(
                        "Nothing to undo: no correction made by hand in this set.",
                        false,
                    ),
                    None => {}
                }
            }
            ToggleCorrections => self.show_corrections = !self.show_corrections,
            ShowSources => self.sources.show(None),
            Copy => {
                let row = self.analysis().and_then(|a| {
                    let pos = self.side_by_side.selected?;
                    self.side_by_side.row_copy(a, pos, false)
                });
                match row {
                    Some(text) => self.apply(SystemCommand::CopyText {
                        what: "row".into(),
                        text,
                    }),
                    None => self.message("Select a row to copy it (click it first).", false),
                }
            }
            ExportReport => {
                let folder = self.analysis().and_then(|a| a.corpus.root.clone());
                self.export.show(folder.as_deref());
            }
        }
    }

    /// Applies a command carrying data a view built.
    fn apply_system(&mut self, c: SystemCommand) {
        use SystemCommand::*;
        match c {
            OpenPath(p) => self.start_open(SetSource::Folder(p)),
            OpenFiles(fs) => self.start_open(SetSource::Files(fs)),
            SelectPair { left, right } => {
                self.settings.view = View::SideBySide;
                self.select_pair(left, right);
            }
            RevealPassage { article, passage } => {
                self.settings.view = View::SideBySide;
                self.side_by_side.reveal_passage(article, passage);
            }
            SetMinScore(v) => {
                self.settings.min_score = v.clamp(0.0, 1.0);
                self.start_realign();
            }
            SetIgnoreCase(b) => {
                self.settings.ignore_case = b;
                self.start_compare();
            }
            SetIgnorePunctuation(b) => {
                self.settings.ignore_punctuation = b;
                self.start_compare();
            }
            SetCategoryHidden(cat, hidden) => {
                if hidden {
                    self.settings.hidden_categories.insert(cat);
                } else {
                    self.settings.hidden_categories.remove(&cat);
                }
            }
            ShowPassage {
                left,
                right,
                article,
                passage,
            } => {
                self.settings.view = View::SideBySide;
                let same = (left, right) == (self.side_by_side.left, self.side_by_side.right);
                self.select_pair(left, right);
                if same && self.side_by_side.comparison.is_some() && self.jobs.compare.is_none() {
                    self.side_by_side.reveal_passage(article, passage);
                } else {
                    self.pending_reveal = Some((article, passage));
                }
            }
            OpenEvent(e) => {
                self.settings.view = View::Event;
                self.event_view.select(e);
            }
            LinkPassages(x, y) => {
                let done = self.correct(|list, a, base| {
                    list.push(crate::corrections::Action::Link, &a.corpus, base, x, y)
                });
                if done && let Some(a) = self.analysis() {
                    let text = corrections::describe(a, crate::corrections::Action::Link, x, y);
                    self.message(format!("{text}. Ctrl+Z undoes it."), false);
                }
            }
            UnlinkPassages(pairs) => {
                let mut n = 0;
                for (x, y) in pairs {
                    if self.correct(|list, a, base| {
                        list.push(crate::corrections::Action::Unlink, &a.corpus, base, x, y)
                    }) {
                        n += 1;
                    }
                }
                if n > 0 {
                    self.message(
                        format!(
                            "Unlinked by hand ({}). Ctrl+Z undoes it.",
                            plural(n, "link removed", "links removed")
                        ),
                        false,
                    );
                }
            }
            RemoveCorrection(i) => {
                if self.correct(|list, _, _| {
                    (i < list.corrections.len())
                        .then(|| list.corrections.remove(i))
                        .is_some()
                }) {
                    self.message("Correction removed.", false);
                }
            }
            SaveCorrectionsTo(path) => {
                let saved = self.loaded.as_ref().map(|l| {
                    corrections::export(&path, &l.corrections.list, &l.source)
                        .map(|()| l.corrections.list.corrections.len())
                });
                match saved {
                    Some(Ok(n)) => self.message(
                        format!(
                            "Saved {} to {} (parallax align --corrections FILE applies them).",
                            plural(n, "correction", "corrections"),
                            path.display()
                        ),
                        false,
                    ),
                    Some(Err(e)) => self.message(format!("{e}."), true),
                    None => self.message("No set is open.", false),
                }
            }
            OpenOriginal { article, web } => self.open_original(article, web),
            SetLexicon(path) => self.set_lexicon(path),
            EditSourceName(i) => self.sources.show(Some(i)),
            RenameSource { article, name } => self.rename_source(article, &name),
            CopyText { what, text } => {
                if let Some(ctx) = &self.ctx {
                    ctx.copy_text(text.clone());
                }
                self.last_copied = Some(text);
                self.message(format!("Copied {what}."), false);
            }
            ExportReportTo(path) => match &self.loaded {
                Some(l) => {
                    let input = export::ExportInput {
                        analysis: l.analysis.clone(),
                        pair: (self.side_by_side.left, self.side_by_side.right),
                        diff: self.settings.diff_options(),
                        min_score: self.settings.min_score,
                    };
                    self.export
                        .start(&mut self.jobs, path, input, self.ctx.clone());
                }
                None => self.message("Nothing to export: no set is open.", true),
            },
            ShowDialog(request) => self.dialogs.start(request, self.ctx.clone()),
        }
    }

    fn set_zoom(&mut self, z: f32) {
        self.settings.zoom = ((z * 10.0).round() / 10.0).clamp(state::MIN_ZOOM, state::MAX_ZOOM);
    }

    /// Framing category groups present in the open pair (and any the user hid).
    fn categories(&self) -> BTreeSet<String> {
        let mut out = self.side_by_side.groups().clone();
        out.extend(self.settings.hidden_categories.iter().cloned());
        out
    }

    /// Starts the job building what the shown view draws (the story map's rows, the event's
    /// blocks) when it is not built for the open analysis yet; the view shows "Building…"
    /// until the result arrives.
    fn start_view_jobs(&mut self) {
        let Some(l) = &self.loaded else { return };
        match self.settings.view {
            View::StoryMap => {
                if let Some(g) = self.story_map.wanted(l.generation) {
                    self.jobs.start_story_map(
                        l.analysis.clone(),
                        g,
                        self.builders.story_map,
                        self.ctx.clone(),
                    );
                }
            }
            View::Event => {
                let opts = self.settings.diff_options();
                if let Some(key) = self.event_view.wanted(&l.analysis, l.generation, &opts) {
                    self.jobs.start_event(
                        l.analysis.clone(),
                        key,
                        self.builders.event,
                        self.ctx.clone(),
                    );
                }
            }
            View::SideBySide | View::Framing => {}
        }
    }

    /// Draws one frame of the whole app into `ui`.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.ctx = Some(ctx.clone());
        if self.applied_theme.is_none() {
            ctx.style_mut_of(egui::Theme::Light, theme::tune_light_style);
        }
        if self.applied_theme != Some(self.settings.theme) {
            ctx.set_theme(self.settings.theme.to_egui());
            self.applied_theme = Some(self.settings.theme);
        }
        if self.applied_zoom != Some(self.settings.zoom) {
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            ctx.set_zoom_factor(self.settings.zoom);
            self.applied_zoom = Some(self.settings.zoom);
        }
        self.poll_jobs();
        let mut keys = UiCommand::from_keys(&ctx);
        // Text selected in a passage (or any label) is what Ctrl+C copies then; egui copies it
        // at the end of the frame. Otherwise Ctrl+C copies the selected row.
        let text_selected = ctx
            .plugin::<egui::text_selection::LabelSelectionState>()
            .lock()
            .has_selection();
        let copy_event = ctx.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)));
        if text_selected {
            let before = keys.len();
            keys.retain(|c| *c != UiCommand::Copy);
            if keys.len() < before && !copy_event {
                // Ctrl+C came as a key (no copy event from the window): the selection copies on
                // the copy event, so give it one.
                ctx.input_mut(|i| i.events.push(egui::Event::Copy));
            }
            if copy_event || keys.len() < before {
                self.message("Copied the selected text.", false);
            }
        }
        self.commands.extend(keys);
        // The window's Ctrl+C arrives as a copy event, not a key: copy the selected row unless a
        // text field (or selected label text) takes it.
        if copy_event
            && !text_selected
            && !ctx.egui_wants_keyboard_input()
            && self.settings.view == View::SideBySide
        {
            self.commands.push(UiCommand::Copy);
        }
        let (hovering, dropped) = ctx.input(|i| {
            (
                !i.raw.hovered_files.is_empty(),
                i.raw
                    .dropped_files
                    .iter()
                    .map(|f| f.path().to_path_buf())
                    .collect::<Vec<PathBuf>>(),
            )
        });
        if !dropped.is_empty() {
            let cmd = match dropped.as_slice() {
                [one] if one.is_dir() => SystemCommand::OpenPath(one.clone()),
                _ => SystemCommand::OpenFiles(dropped),
            };
            self.commands.push(cmd);
        }

        let palette = theme::Palette::new(ui.visuals().dark_mode);
        let mut commands = std::mem::take(&mut self.commands);

        egui::Panel::top("menu_bar").show(ui, |ui| {
            let ms = menu::MenuState {
                settings: &self.settings,
                has_set: self.loaded.is_some(),
                busy: self.jobs.load.is_some() || self.jobs.export.is_some(),
                view: self.settings.view,
            };
            menu::menu_bar(ui, &ms, &mut commands);
        });
        if View::ALL.len() > 1 {
            egui::Panel::top("view_tabs").show(ui, |ui| {
                menu::view_tabs(ui, self.settings.view, &mut commands);
            });
        }
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            let counts = self
                .side_by_side
                .comparison
                .is_some()
                .then(|| self.side_by_side.counts());
            let s = status::StatusInput {
                analysis: self.analysis(),
                source: self.loaded.as_ref().map(|l| l.source.describe()),
                jobs: &self.jobs,
                last: self.log.last(),
                warnings: self.analysis().map_or(0, |a| a.corpus.warnings.len()),
                errors: self
                    .log
                    .get(self.warnings_since..)
                    .unwrap_or(&[])
                    .iter()
                    .filter(|m| m.error)
                    .count(),
                counts,
            };
            status::status_bar(ui, &s, &mut commands);
        });
        if self.settings.show_warnings {
            let mut open = true;
            egui::Panel::bottom("warnings_panel")
                .resizable(true)
                .default_size(160.0)
                .show(ui, |ui| {
                    let ws = self.analysis().map_or(&[][..], |a| &a.corpus.warnings[..]);
                    let log = self.log.get(self.warnings_since..).unwrap_or(&[]);
                    warnings::panel(ui, ws, log, &mut open);
                });
            if !open {
                self.settings.show_warnings = false;
            }
        }
        if self.settings.show_settings {
            let cats = self.categories();
            let legend = self.legend();
            let zoom = self.settings.zoom;
            egui::Panel::right("settings_panel")
                .resizable(true)
                .default_size(260.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        self.settings_panel.ui(
                            ui,
                            &self.settings,
                            &cats,
                            &legend,
                            zoom,
                            &mut commands,
                        );
                        self.settings_panel.lexicon_ui(
                            ui,
                            self.settings.lexicon.as_deref(),
                            self.dialogs.is_open(),
                            &mut commands,
                        );
                    });
                });
        }
        self.start_view_jobs();
        egui::CentralPanel::default().show(ui, |ui| {
            let analysis = self.loaded.as_ref().map(|l| l.analysis.clone());
            let legend = self.legend();
            let mut cx = ViewCtx {
                analysis: analysis.as_deref(),
                settings: &self.settings,
                palette,
                comparing: self.settings.view == View::SideBySide && self.jobs.compare.is_some(),
                loading: self.jobs.load.is_some(),
                commands: &mut commands,
                legend: &legend,
                generation: self.loaded.as_ref().map_or(0, |l| l.generation),
                pair: (self.side_by_side.left, self.side_by_side.right),
            };
            let view: &mut dyn ViewUi = match self.settings.view {
                View::SideBySide => &mut self.side_by_side,
                View::StoryMap => &mut self.story_map,
                View::Event => &mut self.event_view,
                View::Framing => &mut self.framing_view,
            };
            view.ui(ui, &mut cx);
        });
        self.export.ui(
            &ctx,
            self.jobs.export.as_ref(),
            self.dialogs.is_open(),
            &mut commands,
        );

        self.open_dialog.ui(&ctx, &mut commands);
        menu::shortcuts_window(&ctx, &mut self.show_shortcuts);
        menu::about_window(&ctx, &mut self.show_about);
        if self.show_corrections {
            let mut open = true;
            corrections::window(
                &ctx,
                &mut open,
                self.loaded.as_ref().map(|l| l.analysis.as_ref()),
                self.loaded.as_ref().map(|l| &l.corrections),
                &mut self.corrections_save_as,
                corrections::SaveDialog {
                    open: self.dialogs.is_open(),
                    notice: self.corrections_notice.as_deref(),
                },
                &mut commands,
            );
            self.show_corrections = open;
        }
        {
            let own = self
                .loaded
                .as_ref()
                .map_or(&[][..], |l| l.own_sources.as_slice());
            let kept = match self.loaded.as_ref().map(|l| l.source.key()) {
                Some(Some(_)) => {
                    "Kept in this app's settings for this set; the article files are not changed."
                }
                _ => "Kept until another set opens (files dropped on the window).",
            };
            let analysis = self.loaded.as_ref().map(|l| l.analysis.as_ref());
            self.sources.ui(&ctx, analysis, own, kept, &mut commands);
        }
        if hovering {
            let screen = ctx.content_rect();
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop_overlay"),
            ));
            painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(150));
            painter.text(
                screen.center(),
                egui::Align2::CENTER_CENTER,
                "Drop a folder or article files to open them",
                egui::FontId::proportional(22.0),
                egui::Color32::WHITE,
            );
        }

        commands.extend(self.commands.take());
        for c in commands.take() {
            self.apply(c);
        }
        if self.jobs.busy() || self.dialogs.is_open() {
            ctx.request_repaint_after(Duration::from_millis(60));
        }
    }
}

/// The open analysis changed (opened, re-aligned, corrected, reframed, renamed): the next
/// generation number. The story map and event jobs still building for the old analysis are
/// cancelled now (their results would be dropped anyway); the views start them again when
/// drawn.
fn new_generation(generation: &mut u64, jobs: &mut Jobs) -> u64 {
    *generation += 1;
    jobs.cancel_view_jobs();
    *generation
}

/// eframe glue: persistence, `--screenshot`, closing.
struct EframeApp {
    app: ParallaxApp,
    screenshot: Option<Screenshot>,
}

struct Screenshot {
    path: PathBuf,
    frames_idle: u32,
    requested: bool,
    done: Arc<AtomicBool>,
    result: Arc<Mutex<Option<Result<(), ScreenshotError>>>>,
    started: Instant,
}

/// How long `--screenshot` waits for loading and aligning before giving up.
const SCREENSHOT_TIMEOUT: Duration = Duration::from_secs(300);

impl eframe::App for EframeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.ui(ui);
        let ctx = ui.ctx().clone();
        if self.app.quit_requested {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if let Some(s) = &mut self.screenshot {
            if s.done.load(Ordering::Relaxed) {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                return;
            }
            let idle = !self.app.jobs.busy() && self.app.side_by_side.comparison.is_some()
                || (!self.app.jobs.busy() && self.app.loaded.is_none());
            if idle {
                s.frames_idle += 1;
            } else {
                s.frames_idle = 0;
            }
            if s.started.elapsed() > SCREENSHOT_TIMEOUT {
                if let Ok(mut r) = s.result.lock() {
                    *r = Some(Err(ScreenshotError::TimedOut));
                }
                s.done.store(true, Ordering::Relaxed);
            }
            if s.frames_idle >= 4 && !s.requested {
                s.requested = true;
                let path = s.path.clone();
                let done = s.done.clone();
                let result = s.result.clone();
                let c2 = ctx.clone();
                ctx.request_screenshot(move |img: Arc<egui::ColorImage>| {
                    let [w, h] = img.size;
                    let r = write_png(&path, &img.pixels, w as u32, h as u32);
                    if let Ok(mut slot) = result.lock() {
                        *slot = Some(r);
                    }
                    done.store(true, Ordering::Relaxed);
                    c2.request_repaint();
                });
            }
            // Polls for the end of loading; not every frame (software rendering is costly).
            ctx.request_repaint_after(Duration::from_millis(30));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_none() {
            eframe::set_value(storage, state::STORAGE_KEY, &self.app.settings);
        }
    }
}

/// Writes a window capture as an RGB PNG (opaque window: no alpha), compressed well enough
/// to commit to docs.
fn write_png(
    path: &std::path::Path,
    pixels: &[egui::Color32],
    w: u32,
    h: u32,
) -> Result<(), ScreenshotError> {
    use image::ImageEncoder;
    let bytes: Vec<u8> = pixels
        .iter()
        .flat_map(|c| {
            let [r, g, b, _] = c.to_srgba_unmultiplied();
            [r, g, b]
        })
        .collect();
    let mut png = Vec::new();
    let enc = image::codecs::png::PngEncoder::new_with_quality(
        &mut png,
        image::codecs::png::CompressionType::Best,
        image::codecs::png::FilterType::Adaptive,
    );
    enc.write_image(&bytes, w, h, image::ExtendedColorType::Rgb8)
        .map_err(|e| ScreenshotError::Encode {
            path: path.to_path_buf(),
            source: e,
        })?;
    // Same rules as `report -o` (the command line checked the article folder before opening
    // the window): atomic for files, in place for devices and FIFOs, symlinks followed.
    Ok(crate::output::write(path, &png)?)
}

/// Why the viewer could not run, or its `--screenshot` was not written.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// No window could be opened (no display, no OpenGL).
    #[error("cannot open the viewer window: {0}")]
    Window(#[from] eframe::Error),
    #[error(transparent)]
    Screenshot(#[from] ScreenshotError),
}

/// Why a `--screenshot` was not written.
#[derive(Debug, thiserror::Error)]
pub enum ScreenshotError {
    /// The set did not load and align in time.
    #[error("screenshot not taken: timed out waiting for loading and aligning")]
    TimedOut,
    /// The window capture could not be encoded as PNG.
    #[error("cannot write {}: {source}", path.display())]
    Encode {
        path: PathBuf,
        #[source]
        source: image::ImageError,
    },
    /// The PNG could not be written.
    #[error(transparent)]
    Output(#[from] crate::output::OutputError),
}

/// Opens the viewer window; returns when it is closed.
pub fn run(args: StartupOptions) -> Result<(), RunError> {
    let shot = args.screenshot.clone();
    let result: Arc<Mutex<Option<Result<(), ScreenshotError>>>> = Arc::new(Mutex::new(None));
    let size = args.window_size.map_or(DEFAULT_SIZE, |[w, h]| {
        [w.max(MIN_SIZE[0]), h.max(MIN_SIZE[1])]
    });
    // A size asked for (`--window-size`), or a screenshot's (always the same size), wins over
    // the geometry eframe restores from the last session, which it applies whenever it has
    // storage (whatever `persist_window` says).
    let forced_size = (args.window_size.is_some() || shot.is_some()).then_some(size);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Parallax")
        .with_inner_size(size)
        .with_min_inner_size(MIN_SIZE)
        .with_drag_and_drop(true);
    if shot.is_some() {
        viewport = viewport.with_resizable(false);
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: shot.is_none(),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    let result2 = result.clone();
    eframe::run_native(
        "Parallax",
        options,
        Box::new(move |cc| {
            let settings = match (&shot, cc.storage) {
                (None, Some(st)) => eframe::get_value(st, state::STORAGE_KEY).unwrap_or_default(),
                _ => Settings::default(),
            };
            if let Some([w, h]) = forced_size {
                cc.egui_ctx
                    .send_viewport_cmd(egui::ViewportCommand::InnerSize(egui::vec2(w, h)));
            }
            let mut app = ParallaxApp::new(settings, &args);
            app.ctx = Some(cc.egui_ctx.clone());
            let screenshot = shot.map(|path| Screenshot {
                path,
                frames_idle: 0,
                requested: false,
                done: Arc::new(AtomicBool::new(false)),
                result: result2,
                started: Instant::now(),
            });
            Ok(Box::new(EframeApp { app, screenshot }))
        }),
    )?;
    let outcome = result.lock().map(|mut r| r.take()).unwrap_or(None);
    match outcome {
        Some(r) => Ok(r?),
        None => Ok(()),
    }
}

/// Opens a file or a web address with the system's default application.
pub type Opener = Arc<dyn Fn(&std::ffi::OsStr) -> Result<(), String> + Send + Sync>;

/// The system's opener (`xdg-open`, `open`, `start`), started without waiting for it.
fn system_open(target: &std::ffi::OsStr) -> Result<(), String> {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let mut child = cmd
        .arg(target)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| {
            format!(
                "Could not start the system's opener for {} ({e}).",
                target.to_string_lossy()
            )
        })?;
    // Reaped on a thread of its own: the UI never waits for it.
    let _ = std::thread::Builder::new()
        .name("parallax: opener".into())
        .spawn(move || child.wait());
    Ok(())
}

/// `file` (relative to `root`) when it really is inside `root`: a symlink leading out of the
/// folder is refused, naming where it leads.
pub fn inside_folder(root: &std::path::Path, file: &str) -> Result<PathBuf, String> {
    let path = root.join(file);
    let real = path
        .canonicalize()
        .map_err(|e| format!("Cannot open {}: {e}.", path.display()))?;
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if real.starts_with(&real_root) {
        Ok(real)
    } else {
        Err(format!(
            "{file} leads out of the article folder, to {}; not opened.",
            real.display()
        ))
    }
}

/// "1 article", "2 articles": the count with the word in the number it takes.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
