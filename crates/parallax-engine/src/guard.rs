//! Panic isolation per article and per stage (issue 14): a bug that panics on one article must
//! not take the whole set down. Each per-article step of the pipeline runs inside
//! [`per_article`]; a panic there is caught and re-raised as an [`ArticleFailure`] naming the
//! article and the stage, which [`crate::model::analyze_with`] turns into a warning (the
//! article is skipped, the rest analysed). The loader catches its own per-file panics the same
//! way ([`caught`]).
//!
//! A contained panic is reported once, by the warning. The default panic hook would first
//! print "thread '…' panicked at …" on stderr, which reads as a crash; so the first guarded call
//! installs a hook that stays quiet while the panicking thread is inside a guard and hands
//! every other panic to the hook that was in place (a real crash still prints its message).
//!
//! Two kinds of guard: [`per_article`] and [`caught`] contain panics of Parallax's own code
//! (a bug, to be found), [`foreign`] contains panics of a third-party reader that is known to
//! panic on malformed files (`pdf-extract`): expected, never a finding. The fuzz targets call
//! [`fuzzing_panics_are_fatal`] so that a panic of our own code reaches libFuzzer's hook (and
//! is a crash) even inside a guard, while a foreign panic still unwinds to its guard.

use std::any::Any;
use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::{Mutex, Once};

thread_local! {
    /// How many guards the current thread is inside (they nest: a loader's guard within a
    /// stage's).
    static GUARDED: Cell<u32> = const { Cell::new(0) };
    /// How many of them are [`foreign`] guards (third-party code expected to panic).
    static FOREIGN: Cell<u32> = const { Cell::new(0) };
}

/// Set by [`fuzzing_panics_are_fatal`]: panics of our own code are not silenced.
static STRICT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// For the fuzz targets only: from now on a panic inside [`per_article`] or [`caught`] is
/// handed to the panic hook that was in place (libFuzzer's aborts: a finding), while a panic
/// inside [`foreign`] stays contained. The app and the CLI never call it.
#[doc(hidden)]
pub fn fuzzing_panics_are_fatal() {
    STRICT.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// Whether the hook stays silent for a panic on this thread now.
fn silenced() -> bool {
    if FOREIGN.with(Cell::get) > 0 {
        return true;
    }
    GUARDED.with(Cell::get) > 0 && !STRICT.load(std::sync::atomic::Ordering::SeqCst)
}

static QUIET_HOOK: Once = Once::new();

/// Installs (once per process) the panic hook that is silent for guarded panics.
fn install_quiet_hook() {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !silenced() {
                previous(info);
            }
        }));
    });
}

/// Marks the current thread as inside a guard (of our code, or `foreign`) while it lives.
struct Inside {
    foreign: bool,
}

impl Inside {
    fn enter(foreign: bool) -> Self {
        install_quiet_hook();
        GUARDED.with(|g| g.set(g.get().saturating_add(1)));
        if foreign {
            FOREIGN.with(|g| g.set(g.get().saturating_add(1)));
        }
        Inside { foreign }
    }
}

impl Drop for Inside {
    fn drop(&mut self) {
        GUARDED.with(|g| g.set(g.get().saturating_sub(1)));
        if self.foreign {
            FOREIGN.with(|g| g.set(g.get().saturating_sub(1)));
        }
    }
}

/// `catch_unwind` with the panic hook quiet: the caller reports the panic.
fn contained<T>(foreign: bool, f: impl FnOnce() -> T) -> std::thread::Result<T> {
    let _inside = Inside::enter(foreign);
    catch_unwind(AssertUnwindSafe(f))
}

/// A panic raised while one article went through one stage.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleFailure {
    /// Index of the article in the corpus being analysed.
    pub article: usize,
    /// The stage, as shown to users: "segmentation", "framing", …
    pub stage: &'static str,
    /// The panic message.
    pub message: String,
}

/// The message of a panic payload (`&str` or `String`), or a generic one.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(f) = payload.downcast_ref::<ArticleFailure>() {
        f.message.clone()
    } else {
        "unknown internal error".to_string()
    }
}

/// Runs `f` for `article` (whose text is `body`) in `stage`; a panic becomes an
/// [`ArticleFailure`] panic (one that already is passes through unchanged).
pub fn per_article<T>(article: usize, body: &str, stage: &'static str, f: impl FnOnce() -> T) -> T {
    match contained(false, || {
        fault_point(body, stage);
        f()
    }) {
        Ok(v) => v,
        Err(payload) => {
            if payload.is::<ArticleFailure>() {
                resume_unwind(payload)
            }
            resume_unwind(Box::new(ArticleFailure {
                article,
                stage,
                message: panic_message(&*payload),
            }))
        }
    }
}

/// Runs `f`, returning the panic message if it panicked.
pub fn caught<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    contained(false, f).map_err(|p| panic_message(&*p))
}

/// Like [`caught`], for a third-party reader known to panic on malformed input: its panic is
/// an expected outcome (the file is reported as unreadable), never a bug of ours, so it stays
/// contained even under [`fuzzing_panics_are_fatal`].
pub fn foreign<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    contained(true, f).map_err(|p| panic_message(&*p))
}

/// Fault injection for the isolation tests only: while set, the named stage panics on any
/// article whose text contains the marker. Never set by the app or the CLI.
static FAULT: Mutex<Option<(String, &'static str)>> = Mutex::new(None);
/// Cheap check first, so the normal path takes no lock.
static FAULT_ARMED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Test hook: makes `stage` panic on every article whose text contains `marker` (a string no
/// real article holds) until [`clear_fault_for_tests`]. Process-wide, keyed by text so tests
/// running in parallel on other sets are not affected.
#[doc(hidden)]
pub fn inject_fault_for_tests(marker: &str, stage: &'static str) {
    if let Ok(mut f) = FAULT.lock() {
        *f = Some((marker.to_string(), stage));
    }
    FAULT_ARMED.store(true, std::sync::atomic::Ordering::SeqCst);
}

#[doc(hidden)]
pub fn clear_fault_for_tests() {
    FAULT_ARMED.store(false, std::sync::atomic::Ordering::SeqCst);
    if let Ok(mut f) = FAULT.lock() {
        *f = None;
    }
}

fn fault_point(body: &str, stage: &'static str) {
    if !FAULT_ARMED.load(std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    let hit = FAULT.lock().ok().is_some_and(|f| {
        f.as_ref()
            .is_some_and(|(m, s)| *s == stage && body.contains(m.as_str()))
    });
    if hit {
        panic!("injected fault in {stage}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzing_keeps_foreign_reader_panics_contained_and_ours_loud() {
        fuzzing_panics_are_fatal();
        // A third-party reader's panic stays silent (and caught): the file is just unreadable.
        assert_eq!(foreign(silenced), Ok(true));
        assert_eq!(foreign(|| caught(silenced)), Ok(Ok(true)));
        let failed: Result<(), String> = foreign(|| panic!("reader gave up"));
        assert_eq!(failed, Err("reader gave up".to_string()));
        // Our own code's panic reaches the previous hook (libFuzzer's, which aborts).
        assert_eq!(caught(silenced), Ok(false));
        assert!(!silenced(), "outside every guard nothing is silenced");
    }
}
