//! Fuzz target `framing`: see `checks::framing` (fuzz/checks.rs) and docs/FUZZING.md.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(init: parallax_engine::guard::fuzzing_panics_are_fatal(), |data: &[u8]| checks::framing(data));
