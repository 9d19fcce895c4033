//! Every integration test of Parallax, in one test binary (so the viewer's dependencies are
//! linked once): the engine through the `parallax` crate's re-exports, the CLI through the
//! built binary, the viewer through `egui_kittest`.

// Test and benchmark code: a panic is a failed run, not a crash on user data.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

mod align;
mod app;
mod app_corrections;
mod app_dialogs;
mod app_layout;
mod app_names;
mod app_originals;
mod app_views;
mod corpus;
mod corrections;
mod diff;
mod embed;
mod framing;
mod fuzz_regressions;
mod hardening;
mod hostile;
mod output_safety;
mod reader;
mod report;
mod text;
