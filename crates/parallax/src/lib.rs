//! Parallax: compare how different outlets report the same story.
//!
//! This crate holds the two front ends over [`parallax_engine`]: the desktop viewer ([`app`])
//! and the command line ([`cli`]). Both only draw what the engine returns. The engine's modules
//! are re-exported here under their own names, so `parallax::align` and
//! `parallax_engine::align` are the same module.

pub mod app;
pub mod cli;

pub use parallax_engine::{
    align, compare, corpus, corrections, diff, embed, framing, guard, legend, model, output,
    progress, report, span, story_map, text,
};
