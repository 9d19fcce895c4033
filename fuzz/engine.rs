//! The UI-free engine of Parallax, compiled straight from `../src` for fuzzing: the same source
//! files as the `parallax` crate, minus the desktop app, the CLI and the report (which pull in
//! eframe and friends and would make every fuzz build compile a GUI toolkit with coverage
//! instrumentation). Paths such as `parallax::corpus::parse_document` are the same as in the
//! real crate, so `checks.rs` is shared with `tests/fuzz_regressions.rs` unchanged.

#[path = "../src/align/mod.rs"]
pub mod align;
#[path = "../src/compare.rs"]
pub mod compare;
#[path = "../src/corpus/mod.rs"]
pub mod corpus;
#[path = "../src/diff/mod.rs"]
pub mod diff;
#[path = "../src/framing/mod.rs"]
pub mod framing;
#[path = "../src/model.rs"]
pub mod model;
#[path = "../src/progress.rs"]
pub mod progress;
#[path = "../src/text/mod.rs"]
pub mod text;
