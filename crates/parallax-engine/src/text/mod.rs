//! Segmentation and tokens: paragraphs → sentences (passages) with byte spans, and sentences →
//! tokens (Unicode words, lowercased, stemmed, stop words marked, names/numbers/quotes as
//! features for the aligner).
//!
//! - [`sentences`]: [`split_sentences`], [`segment_article`], [`is_heading`].
//! - [`tokens`]: [`tokenize`] → [`Token`]s.
//! - [`stopwords`]: the English stop-word list.
//! - [`quotes`]: where the direct quotations of a text are.
//! - [`features`](mod@features): names, numbers, dates and quotations of a passage for the aligner.
//! - [`abbrev`]: abbreviations whose full stop does not end a sentence.

// Every index into user text is checked (`.get()`) or proved in place: an index past the end is
// a panic on user data (issue 14). Tests may index.
#![warn(clippy::indexing_slicing)]

pub mod abbrev;
pub mod features;
pub mod quotes;
pub mod sentences;
pub mod stopwords;
pub mod tokens;

pub use features::{Feature, Features, features, features_from_tokens, known_names};
pub use quotes::{QuoteRegion, quote_regions};
pub use sentences::{Paragraphed, Sentence, is_heading, segment_article, split_sentences};
pub use stopwords::is_stop_word;
pub use tokens::{Token, TokenKind, stem_word, tokenize};
