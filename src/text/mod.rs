//! Segmentation and tokens: paragraphs → sentences (passages) with byte spans, and sentences →
//! tokens (Unicode words, lowercased, stemmed, stop words marked, names/numbers/quotes as
//! features for the aligner).

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TokenKind {
    /// An ordinary word.
    Word,
    /// A capitalised word that is not sentence-initial, or an all-caps acronym: a name.
    Name,
    /// Digits, possibly with `,` `.` separators: 2,000; 3.5; 2021.
    Number,
}

/// One word token of a passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Byte range into the tokenised text.
    pub start: usize,
    pub end: usize,
    /// Lowercased surface form.
    pub lower: String,
    /// Snowball stem of `lower` (numbers: normalised digits).
    pub stem: String,
    pub stop: bool,
    pub kind: TokenKind,
    /// Inside a direct quotation.
    pub quoted: bool,
}

/// Tokenises `text` into words (Unicode word boundaries), skipping punctuation and spaces.
pub fn tokenize(text: &str) -> Vec<Token> {
    use unicode_segmentation::UnicodeSegmentation;
    text.unicode_word_indices()
        .map(|(start, w)| {
            let lower = w.to_lowercase();
            let kind = if w
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            {
                TokenKind::Number
            } else if w.chars().next().is_some_and(char::is_uppercase) && start > 0 {
                TokenKind::Name
            } else {
                TokenKind::Word
            };
            Token {
                start,
                end: start + w.len(),
                stem: lower.clone(),
                stop: lower.len() <= 3,
                lower,
                kind,
                quoted: false,
            }
        })
        .collect()
}
