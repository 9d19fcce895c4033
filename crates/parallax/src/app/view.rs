//! What every view of the central panel shares: the context the app hands it each frame
//! ([`ViewCtx`]) and the one trait the app draws it through ([`ViewUi`]). A view reads the
//! context and pushes [`super::Command`]s; it never changes the app's state itself.

use egui::Ui;

use super::command::Commands;
use super::state::Settings;
use super::theme::Palette;
use crate::model::Analysis;

/// What a view reads from the app, for one frame.
pub struct ViewCtx<'a> {
    pub analysis: Option<&'a Analysis>,
    pub settings: &'a Settings,
    pub palette: Palette,
    /// The comparison of the side-by-side pair is being built.
    pub comparing: bool,
    /// A set is being loaded or aligned.
    pub loading: bool,
    pub commands: &'a mut Commands,
    /// The set's legend: labels, explanations and colour indices of its framing categories.
    pub legend: &'a crate::legend::Legend,
    /// Generation of the open analysis (changes with every load, re-alignment or correction):
    /// what a view keys its cached layout and its jobs' results by.
    pub generation: u64,
    /// The side-by-side pair (left, right), which the review views open passages against.
    pub pair: (usize, usize),
}

/// One view of the central panel (Side by side, Story map, One event, Framing review).
pub trait ViewUi {
    /// Draws the view into `ui` for this frame.
    fn ui(&mut self, ui: &mut Ui, cx: &mut ViewCtx<'_>);
}
