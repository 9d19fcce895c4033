//! Every integration test of Parallax, in one test binary (so the viewer's dependencies are
//! linked once): the engine through the `parallax` crate's re-exports, the CLI through the
//! built binary, the viewer through `egui_kittest`.

mod common;

mod align;
mod app;
mod app_views;
mod corpus;
mod diff;
mod framing;
mod fuzz_regressions;
mod hostile;
mod output_safety;
mod report;
mod text;
