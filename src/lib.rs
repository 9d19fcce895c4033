//! Parallax: compare how different outlets report the same story.
//!
//! The engine is UI-free and runs as a pipeline:
//! load ([`corpus`]) → segment ([`text`]) → align ([`align`]) → diff ([`diff`]) →
//! framing ([`framing`]) → report ([`report`]). [`model`] ties the stages together into one
//! [`model::Analysis`]; [`compare`] builds the side-by-side view of two sources from it.
//! The desktop viewer ([`app`]) and the command line ([`cli`]) are thin front ends over it.

pub mod align;
pub mod app;
pub mod cli;
pub mod compare;
pub mod corpus;
pub mod diff;
pub mod framing;
pub mod model;
pub mod progress;
pub mod report;
pub mod text;
