//! Direct quotations: where the double-quoted stretches of a text are.
//!
//! News text mixes straight (`"`) and typographic (`“ ” „ « »`) double quotes, sometimes within
//! one quotation (`he "wants to meet … possible.”`), and a passage cut out of a longer quotation
//! may hold only its opening or only its closing mark. The rules:
//!
//! - `“ „ «` open, `” »` close; `“` also closes a quotation opened with `„` (German style).
//! - A straight `"` closes the open quotation; with none open it opens one when it follows a
//!   space, the start of the text, or an opening bracket/dash, and otherwise closes a quotation
//!   that began before the text.
//! - A closing mark with no opening mark before it closes a quotation that started before the
//!   text: everything from the start (or the previous quotation's end) is quoted. An opening mark
//!   never closed runs to the end of the text. So each sentence of a multi-sentence quotation,
//!   analysed on its own, is still known to be quoted.
//!
//! Hand-written because it is a single pass over the characters and no crate models these
//! news-text conventions.

use std::ops::Range;

/// One double-quoted stretch of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteRegion {
    /// Byte range of the quoted words, between the marks (marks excluded).
    pub inner: Range<usize>,
    /// The opening mark was inside the text (false: the quotation began before it).
    pub opened: bool,
    /// The closing mark was inside the text (false: the quotation runs past its end).
    pub closed: bool,
}

impl QuoteRegion {
    /// The region with the quotation marks it has inside `text` (the opening mark when
    /// `opened`, the closing one when `closed`), for drawing the whole quotation.
    pub fn outer(&self, text: &str) -> Range<usize> {
        let start = if self.opened {
            text.get(..self.inner.start)
                .and_then(|s| s.chars().next_back())
                .map_or(self.inner.start, |c| self.inner.start - c.len_utf8())
        } else {
            self.inner.start
        };
        let end = if self.closed {
            text.get(self.inner.end..)
                .and_then(|s| s.chars().next())
                .map_or(self.inner.end, |c| self.inner.end + c.len_utf8())
        } else {
            self.inner.end
        };
        start..end
    }
}

fn is_opening_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '‘')
        }
    }
}

/// The double-quoted regions of `text`, in order, non-overlapping.
pub fn quote_regions(text: &str) -> Vec<QuoteRegion> {
    let mut out = Vec::new();
    // (byte offset just after the opening mark, the mark)
    let mut open: Option<(usize, char)> = None;
    // Where a quotation that began before the text would start: the text start, or the end of
    // the previous region.
    let mut floor = 0usize;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let after = i + c.len_utf8();
        let role = match c {
            '“' => match open {
                Some((_, '„')) => Role::Close,
                _ => Role::Open,
            },
            '„' | '«' => Role::Open,
            '”' | '»' => Role::Close,
            '"' => {
                if open.is_some() {
                    Role::Close
                } else if is_opening_context(prev) {
                    Role::Open
                } else {
                    Role::Close
                }
            }
            _ => Role::None,
        };
        match role {
            Role::Open => {
                if open.is_none() {
                    open = Some((after, c));
                }
            }
            Role::Close => {
                match open.take() {
                    Some((start, _)) => out.push(QuoteRegion {
                        inner: start..i,
                        opened: true,
                        closed: true,
                    }),
                    None => {
                        if text.get(floor..i).is_some_and(|s| !s.trim().is_empty()) {
                            out.push(QuoteRegion {
                                inner: floor..i,
                                opened: false,
                                closed: true,
                            });
                        }
                    }
                }
                floor = after;
            }
            Role::None => {}
        }
        prev = Some(c);
    }
    if let Some((start, _)) = open
        && start < text.len()
    {
        out.push(QuoteRegion {
            inner: start..text.len(),
            opened: true,
            closed: false,
        });
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    None,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<&str> {
        quote_regions(text)
            .into_iter()
            .map(|r| &text[r.inner])
            .collect()
    }

    #[test]
    fn outer_takes_the_marks_the_text_has() {
        let t = "He said “no” and \"yes\" then “more";
        let outer: Vec<&str> = quote_regions(t).iter().map(|r| &t[r.outer(t)]).collect();
        assert_eq!(outer, ["“no”", "\"yes\"", "“more"]);
        let t = "end of it.” He left.";
        let outer: Vec<&str> = quote_regions(t).iter().map(|r| &t[r.outer(t)]).collect();
        assert_eq!(outer, ["end of it.”"]);
    }

    #[test]
    fn curly_straight_and_mixed_pairs() {
        assert_eq!(inner("He said “no” and “yes”."), ["no", "yes"]);
        assert_eq!(inner("He said \"no\" and \"yes\"."), ["no", "yes"]);
        assert_eq!(
            inner("he \"wants to meet with me as soon as possible.”"),
            ["wants to meet with me as soon as possible."]
        );
        assert_eq!(inner("Er sagte „nein“."), ["nein"]);
    }

    #[test]
    fn unmatched_marks_extend_to_the_text_edges() {
        let r = quote_regions("\"His key goal is to deal with Russia.");
        assert_eq!(r.len(), 1);
        assert!(r[0].opened && !r[0].closed);
        let t = "This is a big issue,\" Zelenskiy said.";
        let r = quote_regions(t);
        assert_eq!(&t[r[0].inner.clone()], "This is a big issue,");
        assert!(!r[0].opened && r[0].closed);
    }

    #[test]
    fn no_quotes_no_regions() {
        assert!(quote_regions("Russia's war, it's said.").is_empty());
        assert!(quote_regions("").is_empty());
    }
}
