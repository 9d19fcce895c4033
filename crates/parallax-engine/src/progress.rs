//! Progress reporting and cancellation shared by every long-running stage.
//!
//! A [`Progress`] is cheap to clone (an `Arc`); the UI keeps one clone to draw a progress bar
//! and to request cancellation, the worker thread keeps another and polls [`Progress::is_cancelled`].

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Set this environment variable to have every [`Progress`] print how long each stage took
/// (to stderr): the quick profile behind `docs/PERFORMANCE.md`.
pub const TIMINGS_ENV: &str = "PARALLAX_TIMINGS";

#[derive(Debug, Default)]
struct Inner {
    cancelled: AtomicBool,
    done: AtomicUsize,
    total: AtomicUsize,
    stage: Mutex<String>,
    /// Print stage durations to stderr ([`TIMINGS_ENV`]).
    timings: bool,
    /// The current stage and when it started (only with `timings`).
    started: Mutex<Option<(String, Instant)>>,
}

/// Shared progress + cancel flag of one background job.
#[derive(Debug, Clone, Default)]
pub struct Progress(Arc<Inner>);

/// Returned by a stage that noticed [`Progress::cancel`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;

impl Progress {
    pub fn new() -> Self {
        Self(Arc::new(Inner {
            timings: std::env::var_os(TIMINGS_ENV).is_some(),
            ..Inner::default()
        }))
    }
    /// Starts a new named stage with `total` steps (0 = unknown).
    pub fn stage(&self, name: &str, total: usize) {
        self.lap(Some(name));
        if let Ok(mut s) = self.0.stage.lock() {
            name.clone_into(&mut s);
        }
        self.0.total.store(total, Ordering::Relaxed);
        self.0.done.store(0, Ordering::Relaxed);
    }
    /// Ends the last stage (prints its duration when timings are on).
    pub fn finish(&self) {
        self.lap(None);
    }
    fn lap(&self, next: Option<&str>) {
        if !self.0.timings {
            return;
        }
        if let Ok(mut started) = self.0.started.lock() {
            if let Some((name, t)) = started.take() {
                eprintln!("timing: {name}: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
            }
            *started = next.map(|n| (n.to_owned(), Instant::now()));
        }
    }
    pub fn set_total(&self, total: usize) {
        self.0.total.store(total, Ordering::Relaxed);
    }
    pub fn inc(&self, n: usize) {
        self.0.done.fetch_add(n, Ordering::Relaxed);
    }
    pub fn cancel(&self) {
        self.0.cancelled.store(true, Ordering::Relaxed);
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.cancelled.load(Ordering::Relaxed)
    }
    /// `Err(Cancelled)` once cancellation was requested; use with `?` in loops.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
    /// (stage name, done, total).
    pub fn snapshot(&self) -> (String, usize, usize) {
        let stage = self.0.stage.lock().map(|s| s.clone()).unwrap_or_default();
        (
            stage,
            self.0.done.load(Ordering::Relaxed),
            self.0.total.load(Ordering::Relaxed),
        )
    }
    /// Fraction done in [0, 1], or `None` when the total is unknown.
    pub fn fraction(&self) -> Option<f32> {
        let (_, done, total) = self.snapshot();
        (total > 0).then(|| (done as f32 / total as f32).min(1.0))
    }
}
