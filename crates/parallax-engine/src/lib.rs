//! The Parallax engine: compare how different outlets report the same story.
//!
//! UI-free, and free of any GUI or command-line crate (the compiler enforces the layering: this
//! crate depends on no eframe, egui, rfd, clap or image). It runs as a pipeline:
//! load ([`corpus`]) → segment ([`text`]) → align ([`align`]) → diff ([`diff`]) →
//! framing ([`framing`]) → report ([`report`]). [`model`] ties the stages together into one
//! [`model::Analysis`]; [`compare`] builds the side-by-side view of two sources from it.
//! The desktop viewer and the command line (crate `parallax`) are thin front ends over it.

pub mod align;
pub mod compare;
pub mod corpus;
pub mod corrections;
pub mod diff;
pub mod embed;
pub mod framing;
pub mod guard;
pub mod legend;
pub mod model;
pub mod output;
pub mod progress;
pub mod report;
pub mod span;
pub mod story_map;
pub mod text;
