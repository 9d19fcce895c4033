//! [`Span`], the byte range every stage uses to point into an article's text, and
//! [`push_paragraph`] / [`join_paragraphs`], the one way a reader builds a body out of
//! paragraphs (separated by a blank line, each one's span recorded). A leaf module: the
//! loader ([`crate::corpus`]) and the segmenter ([`crate::text`]) both use it, neither
//! through the other.

use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` into an article's `body`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// Appends `paragraph` to `body` (after a blank line unless `body` is empty) and records its
/// span in `paragraphs`.
pub fn push_paragraph(body: &mut String, paragraphs: &mut Vec<Span>, paragraph: &str) {
    if !body.is_empty() {
        body.push_str("\n\n");
    }
    let start = body.len();
    body.push_str(paragraph);
    paragraphs.push(Span::new(start, body.len()));
}

/// A body of `paragraphs` separated by blank lines, with each paragraph's span.
pub fn join_paragraphs<S: AsRef<str>>(
    paragraphs: impl IntoIterator<Item = S>,
) -> (String, Vec<Span>) {
    let mut body = String::new();
    let mut spans = Vec::new();
    for p in paragraphs {
        push_paragraph(&mut body, &mut spans, p.as_ref());
    }
    (body, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_paragraphs_keep_spans_to_their_text() {
        let (body, spans) = join_paragraphs(["First one.", "Zweiter Absatz – ü.", "Third."]);
        assert_eq!(body, "First one.\n\nZweiter Absatz – ü.\n\nThird.");
        let texts: Vec<&str> = spans.iter().filter_map(|s| body.get(s.range())).collect();
        assert_eq!(texts, ["First one.", "Zweiter Absatz – ü.", "Third."]);
    }

    #[test]
    fn no_paragraphs_is_an_empty_body() {
        let (body, spans) = join_paragraphs(Vec::<String>::new());
        assert!(body.is_empty());
        assert!(spans.is_empty());
    }
}
