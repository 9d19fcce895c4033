//! Fuzzes sentence segmentation and tokenisation: ranges in bounds, on char boundaries, in
//! order, trimmed and non-empty.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(init: parallax_engine::guard::fuzzing_panics_are_fatal(), |data: &[u8]| checks::segment(data));
