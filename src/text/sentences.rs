//! Sentence segmentation: paragraphs → sentences (passages) with byte spans.

use serde::{Deserialize, Serialize};

use crate::corpus::{Article, Span};

/// One passage: a sentence (or a headline / sub-head) of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Index of the paragraph in `Article::paragraphs`.
    pub paragraph: usize,
    /// Byte span into `Article::body`.
    pub span: Span,
    /// A headline or sub-head ("Why It Matters"), not running prose.
    pub heading: bool,
}

/// Splits every paragraph of `article` into sentences, in reading order.
pub fn segment_article(article: &Article) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pi, para) in article.paragraphs.iter().enumerate() {
        let text = article.text(*para);
        let heading = is_heading(text);
        for r in split_sentences(text) {
            out.push(Sentence {
                paragraph: pi,
                span: Span::new(para.start + r.start, para.start + r.end),
                heading,
            });
        }
    }
    out
}

/// True when a paragraph reads as a headline or sub-head: short, no closing stop.
pub fn is_heading(paragraph: &str) -> bool {
    let t = paragraph.trim();
    let words = t.split_whitespace().count();
    words > 0 && words <= 12 && !t.ends_with(['.', '!', '?', ':', '"', '”', '’', '\''])
}

/// Sentence byte ranges within `text` (trimmed, non-empty, covering all non-space text).
pub fn split_sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ') {
            out.push(start..i + 1);
            start = i + 2;
        }
        i += 1;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out.retain(|r| !text[r.clone()].trim().is_empty());
    out
}
