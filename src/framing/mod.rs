//! Framing: the lexicon (`assets/framing.toml`), marks on passages (attribution verbs, hedges,
//! boosters, loaded words, vague attribution, naming families), direct quotes with speakers,
//! contrasts between aligned passages, and per-source profiles.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One framing hit inside a passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    /// Byte range into the passage text.
    pub range: Range<usize>,
    /// Category id from the lexicon, e.g. "attribution.doubt", "loaded", "naming".
    pub category: String,
    /// The lexicon entry (or naming family member) matched.
    pub term: String,
    /// Inside a direct quotation: the speaker's wording, not the outlet's.
    pub quoted: bool,
    /// For a contrast in an aligned pair: what the other passage chose in the same slot.
    pub contrast: Option<String>,
}

/// A category of the lexicon as shown to users.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    pub label: String,
    pub explanation: String,
}
