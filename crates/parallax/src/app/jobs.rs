//! The viewer's one job queue: every piece of heavy work runs here, off the UI thread —
//! loading + aligning an article set, the comparison of the chosen pair, framing again after a
//! hand correction, the story map's rows, the blocks of the event shown in One event, and
//! File ▸ Export report…. Each job runs on its own thread with a shared [`Progress`] (progress
//! bar + cancel) and sends its result back through a channel as an [`Outcome`]; the UI polls
//! once per frame and never blocks. A job that panics becomes [`Outcome::Failed`], which the app
//! shows as an error. Each kind of job has one slot: starting one in a busy slot cancels the
//! previous one, whose result is then dropped; results carry the key (analysis generation, …)
//! they were built for, and the app drops one whose key is no longer current. Tests call
//! `ParallaxApp::wait_for_jobs` to run them to completion.
//!
//! Loading and aligning a large set keeps every core busy for seconds; the job therefore runs
//! on its own rayon pool whose threads have a lower scheduling priority than the UI thread
//! (`background_pool`), so a frame never waits behind the aligner for a core.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use super::event_view::{EventKey, SourceBlock};
use super::export::ExportFailure;
use super::state::SetSource;
use super::story_map::MapRow;
use crate::compare::{self, Comparison};
use crate::corpus::{self, Corpus, LoadError};
use crate::diff::DiffOptions;
use crate::model::{self, Analysis};
use crate::progress::{Cancelled, Progress};

/// What the compare job was asked for; a result whose key no longer matches is dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareKey {
    /// Generation of the analysis the comparison was built on.
    pub generation: u64,
    pub left: usize,
    pub right: usize,
    pub options: DiffOptions,
}

/// Which slot a job runs in (what [`Outcome::Failed`] says failed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// Loading and aligning a set, or aligning it again.
    Load,
    /// The comparison of the pair (also [`Jobs::start_custom`]).
    Compare,
    /// Framing again after a hand correction.
    Framing,
    /// The story map's rows.
    StoryMap,
    /// The blocks of the event shown in One event.
    Event,
    /// File ▸ Export report….
    Export,
}

/// What the story map and One event jobs build with (the app's are the views' own builders;
/// tests put in ones that panic or wait). Each gives up with [`Cancelled`] soon after its
/// job's [`Progress`] is cancelled (the job was replaced).
#[derive(Debug, Clone, Copy)]
pub struct Builders {
    /// The story map's rows of an analysis.
    pub story_map: fn(&Analysis, &Progress) -> Result<Vec<MapRow>, Cancelled>,
    /// The blocks of an event (analysis, event, reference article, diff options).
    pub event: EventBuilder,
}

/// Builds the blocks of an event: analysis, event, reference article, diff options.
pub type EventBuilder =
    fn(&Analysis, usize, usize, &DiffOptions, &Progress) -> Result<Vec<SourceBlock>, Cancelled>;

impl Default for Builders {
    fn default() -> Self {
        Builders {
            story_map: super::story_map::build_rows,
            event: super::event_view::blocks,
        }
    }
}

/// A finished job.
pub enum Outcome {
    /// An article set was loaded and aligned (or failed to).
    Opened {
        source: SetSource,
        /// True for a re-alignment of the set already open (settings changed), false for an
        /// open or reload.
        realign: bool,
        result: Result<Arc<Analysis>, LoadFailure>,
        elapsed: Duration,
    },
    Compared {
        key: CompareKey,
        comparison: Arc<Comparison>,
    },
    /// The framing of a corrected alignment (a link or unlink by hand) was computed again.
    Reframed {
        /// Which request it answers (the app drops answers to requests it replaced).
        ticket: u64,
        framing: Box<crate::framing::Framing>,
    },
    /// The story map's rows of the analysis of `generation`.
    MapBuilt { generation: u64, rows: Vec<MapRow> },
    /// The blocks of the event `key` asked for.
    EventBuilt {
        key: EventKey,
        blocks: Vec<SourceBlock>,
    },
    /// The report was written to `path` (or not: why).
    Exported {
        path: PathBuf,
        result: Result<(), ExportFailure>,
    },
    /// The job gave up because it was cancelled (replaced by a newer one of its kind); nothing
    /// to apply. (Its slot's receiver is usually gone by then, so this is rarely seen.)
    Stopped { kind: JobKind },
    /// The job died without a result: it panicked (a bug), or its thread could not be started
    /// or vanished. The user is told, naming the job; nothing it would have changed changes.
    Failed {
        /// The slot it ran in.
        kind: JobKind,
        /// The job's label, e.g. "Loading and aligning seeds".
        label: String,
        /// Why, e.g. the panic message.
        reason: String,
    },
}

/// The text of a panic payload (`panic!` with a literal or a formatted message).
fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// One running job.
pub struct Job {
    pub kind: JobKind,
    pub label: String,
    pub progress: Progress,
    pub started: Instant,
    rx: Receiver<Outcome>,
}

impl Job {
    fn spawn(
        kind: JobKind,
        label: String,
        work: impl FnOnce(&Progress) -> Outcome + Send + 'static,
    ) -> Self {
        let progress = Progress::new();
        let (tx, rx) = mpsc::channel();
        let p = progress.clone();
        let name = label.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("parallax: {label}"))
            .spawn(move || {
                // A panic is a bug, but it must not vanish: it becomes an outcome the UI shows.
                // The work only shares `Progress` (atomics) and its own inputs, so nothing is
                // left half-updated for the UI to see after an unwind.
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&p)))
                    .unwrap_or_else(|payload| Outcome::Failed {
                        kind,
                        label: name,
                        reason: format!(
                            "it stopped on an internal error ({})",
                            panic_text(&*payload)
                        ),
                    });
                // The receiver may be gone (job superseded); nothing to report then.
                let _ = tx.send(outcome);
            });
        if let Err(e) = spawned {
            // No thread: the channel is closed, so `poll` reports the job as failed.
            log_spawn_failure(&e);
        }
        Job {
            kind,
            label,
            progress,
            started: Instant::now(),
            rx,
        }
    }
}

/// How much lower than normal the background work runs (a Unix nice increment). The UI
/// thread sleeps between frames and needs a core for a millisecond or two when it wakes; at
/// equal priority it can find both cores taken by the aligner's workers for a whole scheduler
/// slice. At +5 the workers still get all the CPU the UI does not use.
const BACKGROUND_NICE: i32 = 5;

/// A rayon pool (one thread per core) whose threads run at [`BACKGROUND_NICE`], for the load
/// and align job; `None` when no thread could be started (the job then uses the global pool).
fn background_pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("parallax: worker {i}"))
        .start_handler(|_| lower_priority())
        .build()
        .ok()
}

/// Sets the calling thread's scheduling priority to [`BACKGROUND_NICE`] below the process's
/// main thread (so calling it twice, or from a thread that inherited a lowered priority, does
/// not lower it further). On Linux a thread's nice value is its own (setpriority on a thread
/// id); other systems are left as they are (there setpriority would apply to the whole
/// process, the UI included).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: plain syscalls with no pointers; a failure (e.g. not permitted) only leaves the
    // thread at its current priority, which is harmless, so the result is not checked.
    unsafe {
        let main = libc::getpriority(libc::PRIO_PROCESS, libc::getpid() as libc::id_t);
        let tid = libc::gettid();
        libc::setpriority(
            libc::PRIO_PROCESS,
            tid as libc::id_t,
            (main + BACKGROUND_NICE).min(19),
        );
    }
}

fn log_spawn_failure(e: &std::io::Error) {
    eprintln!("parallax: could not start a background thread: {e}");
}

/// Cancels the job in `slot` and empties it (its result will be dropped); true when one ran.
fn cancel(slot: &mut Option<Job>) -> bool {
    slot.take().map(|job| job.progress.cancel()).is_some()
}

/// The viewer's job slots, one job of each kind at a time. Starting a job in a busy slot
/// cancels the previous one, whose result is then ignored.
#[derive(Default)]
pub struct Jobs {
    pub load: Option<Job>,
    pub compare: Option<Job>,
    /// Framing computed again after a hand correction.
    pub framing: Option<Job>,
    /// The story map's rows.
    pub story_map: Option<Job>,
    /// The blocks of the event One event shows.
    pub event: Option<Job>,
    /// A report being built and written.
    pub export: Option<Job>,
}

/// Loads `source` (no alignment).
pub fn load_source(source: &SetSource, progress: &Progress) -> Result<Corpus, LoadFailure> {
    let explain = |e: LoadError| {
        let what = source.describe();
        let (why, warnings) = match e {
            LoadError::Cancelled => {
                return LoadFailure::cancelled();
            }
            LoadError::NotFound(_) => ("folder not found".to_owned(), Vec::new()),
            LoadError::NotADirectory(_) => ("not a folder".to_owned(), Vec::new()),
            LoadError::NoArticles(_) => (
                format!("no articles ({}) in it", corpus::ARTICLE_EXTENSIONS),
                Vec::new(),
            ),
            LoadError::NothingLoaded { warnings, .. } => (
                format!(
                    "no article could be loaded ({})",
                    corpus::summarize(&warnings)
                ),
                warnings,
            ),
            other => (other.to_string(), Vec::new()),
        };
        LoadFailure {
            message: format!("Could not open {what}: {why}"),
            warnings,
            cancelled: false,
        }
    };
    match source {
        SetSource::Seeds => Ok(corpus::seeds()),
        SetSource::Folder(dir) => corpus::load_dir(dir, progress).map_err(explain),
        SetSource::Files(paths) => corpus::load_paths(paths, progress).map_err(explain),
    }
}

/// Why an open failed: one message, and the per-file warnings when files were tried.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadFailure {
    pub message: String,
    pub warnings: Vec<corpus::Warning>,
    /// The user cancelled it (typed: never inferred from the message).
    pub cancelled: bool,
}

impl LoadFailure {
    /// The failure of a cancelled open.
    pub fn cancelled() -> Self {
        LoadFailure {
            message: "Cancelled".to_owned(),
            warnings: Vec::new(),
            cancelled: true,
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled
    }
}

impl Jobs {
    pub fn busy(&self) -> bool {
        self.slots().iter().any(|s| s.is_some())
    }

    fn slots(&self) -> [&Option<Job>; 6] {
        [
            &self.load,
            &self.compare,
            &self.framing,
            &self.story_map,
            &self.event,
            &self.export,
        ]
    }

    /// Starts `work` in `slot`, cancelling the job it replaces; when it has its outcome, asks
    /// `ctx` (the UI) for a repaint so the result is drawn without waiting for input.
    fn put(
        slot: &mut Option<Job>,
        kind: JobKind,
        label: String,
        ctx: Option<egui::Context>,
        work: impl FnOnce(&Progress) -> Outcome + Send + 'static,
    ) {
        cancel(slot);
        *slot = Some(Job::spawn(kind, label, move |progress| {
            let outcome = work(progress);
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
            outcome
        }));
    }

    /// Builds the story map's rows of `analysis` (generation `generation`) with `build`.
    pub fn start_story_map(
        &mut self,
        analysis: Arc<Analysis>,
        generation: u64,
        build: fn(&Analysis, &Progress) -> Result<Vec<MapRow>, Cancelled>,
        ctx: Option<egui::Context>,
    ) {
        let label = "Building the story map".to_owned();
        Self::put(
            &mut self.story_map,
            JobKind::StoryMap,
            label,
            ctx,
            move |progress| {
                progress.stage("Building the story map", 0);
                match build(&analysis, progress) {
                    Ok(rows) => Outcome::MapBuilt { generation, rows },
                    Err(Cancelled) => Outcome::Stopped {
                        kind: JobKind::StoryMap,
                    },
                }
            },
        );
    }

    /// Builds the blocks of the event `key` names with `build`.
    pub fn start_event(
        &mut self,
        analysis: Arc<Analysis>,
        key: EventKey,
        build: EventBuilder,
        ctx: Option<egui::Context>,
    ) {
        let label = "Building the event".to_owned();
        Self::put(
            &mut self.event,
            JobKind::Event,
            label,
            ctx,
            move |progress| {
                progress.stage("Building the event", 0);
                match build(&analysis, key.event, key.reference, &key.options, progress) {
                    Ok(blocks) => Outcome::EventBuilt { key, blocks },
                    Err(Cancelled) => Outcome::Stopped {
                        kind: JobKind::Event,
                    },
                }
            },
        );
    }

    /// Builds and writes a report to `path` with `work` (which checks `Progress` for cancel).
    pub fn start_export(
        &mut self,
        path: PathBuf,
        work: impl FnOnce(&Progress) -> Result<(), ExportFailure> + Send + 'static,
        ctx: Option<egui::Context>,
    ) {
        let label = "Exporting the report".to_owned();
        Self::put(
            &mut self.export,
            JobKind::Export,
            label,
            ctx,
            move |progress| {
                let result = work(progress);
                Outcome::Exported { path, result }
            },
        );
    }

    /// Cancels the running export; its result is dropped.
    pub fn cancel_export(&mut self) -> bool {
        cancel(&mut self.export)
    }

    /// Computes the framing of `analysis` (its corrected alignment) again in the background,
    /// with `lexicon` (None: the built-in one). A request still running is replaced.
    pub fn start_reframe(
        &mut self,
        analysis: Arc<Analysis>,
        lexicon: Option<crate::framing::Lexicon>,
        ticket: u64,
        ctx: Option<egui::Context>,
    ) {
        Self::put(
            &mut self.framing,
            JobKind::Framing,
            "Framing".to_owned(),
            ctx,
            move |progress| {
                progress.stage("Framing", 0);
                lower_priority();
                let lexicon = lexicon.unwrap_or_else(crate::framing::Lexicon::builtin);
                match crate::framing::analyze_cancellable(
                    &analysis.corpus,
                    &analysis.alignment,
                    &lexicon,
                    progress,
                ) {
                    Ok(framing) => Outcome::Reframed {
                        ticket,
                        framing: Box::new(framing),
                    },
                    Err(Cancelled) => Outcome::Stopped {
                        kind: JobKind::Framing,
                    },
                }
            },
        );
    }

    /// Loads and aligns `source` in the background. `base` re-aligns an already loaded corpus
    /// instead of reading it again.
    pub fn start_open(
        &mut self,
        source: SetSource,
        base: Option<Corpus>,
        opts: model::AnalyzeOptions,
        ctx: Option<egui::Context>,
    ) {
        let realign = base.is_some();
        let label = if realign {
            "Aligning".to_owned()
        } else {
            format!("Opening {}", source.describe())
        };
        Self::put(&mut self.load, JobKind::Load, label, ctx, move |progress| {
            let t0 = Instant::now();
            let work = || {
                let loaded = match base {
                    Some(c) => Ok(c),
                    None => load_source(&source, progress),
                };
                loaded.and_then(|corpus| {
                    model::analyze_with(corpus, &opts, progress)
                        .map(Arc::new)
                        .map_err(|_| LoadFailure::cancelled())
                })
            };
            lower_priority();
            let result = match background_pool() {
                Some(pool) => pool.install(work),
                None => work(),
            };
            Outcome::Opened {
                source,
                realign,
                result,
                elapsed: t0.elapsed(),
            }
        });
    }

    /// Builds the comparison of a pair in the background.
    pub fn start_compare(
        &mut self,
        analysis: Arc<Analysis>,
        key: CompareKey,
        ctx: Option<egui::Context>,
    ) {
        let label = "Comparing".to_owned();
        Self::put(
            &mut self.compare,
            JobKind::Compare,
            label,
            ctx,
            move |progress| {
                progress.stage("Comparing", 0);
                let comparison = Arc::new(compare::compare(
                    &analysis,
                    key.left,
                    key.right,
                    &key.options,
                ));
                Outcome::Compared { key, comparison }
            },
        );
    }

    /// Starts `work` in the compare slot as an ordinary job (progress, cancel, panic capture).
    /// For tests of the job machinery itself, e.g. that a panicking job is reported.
    #[doc(hidden)]
    pub fn start_custom(
        &mut self,
        label: &str,
        work: impl FnOnce(&Progress) -> Outcome + Send + 'static,
    ) {
        Self::put(
            &mut self.compare,
            JobKind::Compare,
            label.to_string(),
            None,
            work,
        );
    }

    /// Cancels the story map job; true when one was running.
    pub fn cancel_story_map(&mut self) -> bool {
        cancel(&mut self.story_map)
    }

    /// Cancels the event job; true when one was running.
    pub fn cancel_event(&mut self) -> bool {
        cancel(&mut self.event)
    }

    /// Cancels the load/align job (the compare job is short and always finishes).
    pub fn cancel_load(&mut self) -> bool {
        cancel(&mut self.load)
    }

    /// Cancels the story map and event jobs (built for an analysis that is no longer open);
    /// their results are dropped.
    pub fn cancel_view_jobs(&mut self) {
        cancel(&mut self.story_map);
        cancel(&mut self.event);
    }

    /// Finished jobs, without blocking.
    pub fn poll(&mut self) -> Vec<Outcome> {
        let mut out = Vec::new();
        for slot in [
            &mut self.load,
            &mut self.compare,
            &mut self.framing,
            &mut self.story_map,
            &mut self.event,
            &mut self.export,
        ] {
            if let Some(job) = slot {
                match job.rx.try_recv() {
                    Ok(o) => {
                        out.push(o);
                        *slot = None;
                    }
                    Err(TryRecvError::Empty) => {}
                    Err(TryRecvError::Disconnected) => {
                        // Only when the thread could not start or died past catch_unwind.
                        out.push(Outcome::Failed {
                            kind: job.kind,
                            label: job.label.clone(),
                            reason: "its thread stopped without a result".to_string(),
                        });
                        *slot = None;
                    }
                }
            }
        }
        out
    }
}
