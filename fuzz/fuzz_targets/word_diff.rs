//! Fuzzes the word diff: the input is split at the first NUL into left and right. Invariants:
//! the left spans (Equal/Delete/Ignored) rebuild the left text exactly and in order, the right
//! spans (Equal/Insert/Ignored) rebuild the right text, Equal spans read the same on both
//! sides (under the options), every range and refinement is in bounds on char boundaries, and
//! similarity is in [0, 1].
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(init: parallax_engine::guard::fuzzing_panics_are_fatal(), |data: &[u8]| checks::word_diff_target(data));
