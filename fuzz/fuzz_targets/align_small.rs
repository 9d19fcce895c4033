//! Fuzzes the whole pipeline on small random sets: 2–4 articles (the input split on NUL
//! bytes) → `model::analyze` → `compare::compare` for every ordered pair. Every diff span,
//! refinement and mark range must lie inside its text on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(init: parallax_engine::guard::fuzzing_panics_are_fatal(), |data: &[u8]| checks::align_small(data));
