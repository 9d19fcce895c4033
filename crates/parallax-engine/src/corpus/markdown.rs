//! Markdown articles (`.md`): CommonMark (+ tables, footnotes, strikethrough) parsed with
//! `pulldown-cmark`, syntax stripped for analysis.
//!
//! Each block (paragraph, heading, list item, quote paragraph, table row) becomes a paragraph
//! of the body; code blocks, raw HTML and image alt text are dropped. Every piece of body text
//! remembers the source range it came from, so spans still map to the file.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::Piece;
use crate::span::Span;

/// A line longer than this (in characters) is not hard-wrapped: a line break after or before
/// it separates paragraphs even without a blank line (one-paragraph-per-line files named `.md`).
const WRAP_WIDTH: usize = 100;

/// The extracted body of a markdown document.
#[derive(Debug, Default)]
pub struct Extracted {
    pub body: String,
    pub paragraphs: Vec<Span>,
    /// Body → source pieces, sorted by body offset.
    pub pieces: Vec<Piece>,
    /// Text of the first level-1 heading.
    pub h1: Option<String>,
}

struct Builder<'s> {
    src: &'s str,
    out: Extracted,
    /// (where its separator starts, where its text starts) in `out.body` of the paragraph
    /// being built; None = none open.
    open: Option<(usize, usize)>,
    in_h1: bool,
    h1_text: String,
}

impl<'s> Builder<'s> {
    fn push(&mut self, text: &str, src: std::ops::Range<usize>) {
        if text.is_empty() {
            return;
        }
        if self.open.is_none() {
            let sep = self.out.body.len();
            if !self.out.body.is_empty() {
                self.out.body.push_str("\n\n");
            }
            self.open = Some((sep, self.out.body.len()));
        }
        self.out.pieces.push(Piece {
            body: self.out.body.len(),
            text: src.start,
            body_len: text.len(),
            text_len: src.len(),
        });
        self.out.body.push_str(text);
        if self.in_h1 {
            self.h1_text.push_str(text);
        }
    }

    fn flush(&mut self) {
        let Some((sep, start)) = self.open.take() else {
            return;
        };
        let para = self.out.body.get(start..).unwrap_or("");
        let lead = para.len() - para.trim_start().len();
        let trimmed = para.trim();
        if trimmed.chars().any(char::is_alphanumeric) {
            self.out
                .paragraphs
                .push(Span::new(start + lead, start + lead + trimmed.len()));
        } else {
            // Nothing readable: drop the paragraph (and its separator) again.
            self.out.body.truncate(sep);
            // Pieces are in body order: the dropped ones are at the end.
            while self.out.pieces.last().is_some_and(|p| p.body >= sep) {
                self.out.pieces.pop();
            }
        }
    }

    /// A soft line break: a space inside hard-wrapped prose, a paragraph break between
    /// unwrapped lines.
    fn soft_break(&mut self, range: std::ops::Range<usize>) {
        let before = self.src.get(..range.start).unwrap_or("");
        let prev_line = before.rsplit('\n').next().unwrap_or("");
        let after = self.src.get(range.end..).unwrap_or("");
        let next_line = after.split('\n').next().unwrap_or("");
        if prev_line.chars().count() > WRAP_WIDTH || next_line.chars().count() > WRAP_WIDTH {
            self.flush();
        } else {
            self.push(" ", range);
        }
    }
}

pub fn extract(src: &str) -> Extracted {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut b = Builder {
        src,
        out: Extracted::default(),
        open: None,
        in_h1: false,
        h1_text: String::new(),
    };
    // Depth inside content that is not prose (code blocks, images, raw HTML blocks).
    let mut skip = 0usize;
    for (event, range) in Parser::new_ext(src, opts).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                    if !matches!(tag, Tag::Image { .. }) {
                        b.flush();
                    }
                    skip += 1;
                }
                Tag::Heading { level, .. } => {
                    b.flush();
                    if level == HeadingLevel::H1 && b.out.h1.is_none() && skip == 0 {
                        b.in_h1 = true;
                        b.h1_text.clear();
                    }
                }
                Tag::TableCell if b.open.is_some() => b.push(" · ", range.start..range.start),
                Tag::Paragraph
                | Tag::Item
                | Tag::List(_)
                | Tag::BlockQuote(_)
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition => b.flush(),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock
                | TagEnd::Image
                | TagEnd::HtmlBlock
                | TagEnd::MetadataBlock(_) => {
                    skip = skip.saturating_sub(1);
                }
                TagEnd::Heading(_) => {
                    b.flush();
                    if b.in_h1 {
                        b.in_h1 = false;
                        let t = b.h1_text.split_whitespace().collect::<Vec<_>>().join(" ");
                        if !t.is_empty() {
                            b.out.h1 = Some(t);
                        }
                    }
                }
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::Table
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionList
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition => b.flush(),
                _ => {}
            },
            Event::Text(t) if skip == 0 => {
                // Text that is not verbatim in the source (entities, escapes) maps as a whole.
                b.push(&t, range);
            }
            Event::Code(t) if skip == 0 => {
                let inner = src
                    .get(range.clone())
                    .and_then(|s| s.find(&*t))
                    .map_or(range.clone(), |i| {
                        range.start + i..range.start + i + t.len()
                    });
                b.push(&t, inner);
            }
            Event::SoftBreak if skip == 0 => b.soft_break(range),
            Event::HardBreak if skip == 0 => b.push(" ", range),
            _ => {}
        }
    }
    b.flush();
    b.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(e: &Extracted) -> Vec<&str> {
        e.paragraphs
            .iter()
            .map(|p| e.body.get(p.range()).unwrap_or("?"))
            .collect()
    }

    #[test]
    fn syntax_is_stripped() {
        let src = "# Kremlin *cool* on talks\n\nPeskov said **no** [plans](http://x.test) exist.\nHe spoke `today`.\n\n- one\n- two &amp; three\n\n```\ncode();\n```\n\n> Quoted line.\n\n![alt text](img.png)\n";
        let e = extract(src);
        assert_eq!(
            paras(&e),
            vec![
                "Kremlin cool on talks",
                "Peskov said no plans exist. He spoke today.",
                "one",
                "two & three",
                "Quoted line."
            ]
        );
        assert_eq!(e.h1.as_deref(), Some("Kremlin cool on talks"));
    }

    #[test]
    fn long_lines_without_blank_lines_are_paragraphs() {
        let long = "x".repeat(120);
        let src = format!("{long} one.\n{long} two.\n");
        assert_eq!(extract(&src).paragraphs.len(), 2);
    }

    #[test]
    fn pieces_point_at_the_source() {
        let src = "Some *emphasis* here.";
        let e = extract(src);
        for p in &e.pieces {
            if p.body_len == p.text_len {
                assert_eq!(
                    e.body.get(p.body..p.body + p.body_len),
                    src.get(p.text..p.text + p.text_len)
                );
            }
        }
    }
}
