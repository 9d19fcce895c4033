//! Fuzzes `parallax.toml` parsing and lookups.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| checks::folder_config(data));
