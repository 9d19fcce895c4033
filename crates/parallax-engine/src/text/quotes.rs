//! Direct quotations: where the quoted stretches of a text are. The one quotation scanner of
//! the engine: the aligner's features, the viewer's quote styling and framing's quotations
//! (with their speakers, `framing::quotes`) all read it.
//!
//! News text mixes straight (`"`) and typographic (`“ ” „ « »`) double quotes, sometimes within
//! one quotation (`he "wants to meet … possible.”`), and a passage cut out of a longer quotation
//! may hold only its opening or only its closing mark. The rules for a passage on its own
//! ([`quote_regions`], [`QuoteRules::PASSAGE`]):
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
//! Whole paragraphs of an article ([`paragraph_quotes`], [`QuoteRules::PARAGRAPH`]) are read
//! with the conventions of whole text instead: single curly quotes quote too (apostrophes
//! apart), a mark opens only before a word, a stray closing mark is no quotation, and a
//! quotation left open at a paragraph's end continues when the next paragraph opens with a
//! quotation mark.
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

/// How [`scan`] reads quotation marks: a passage cut out of an article, or a whole paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteRules {
    /// The text may be cut out of a longer quotation: a closing mark with no opening mark
    /// before it closes a quotation that began before the text, and a straight `"` opens only
    /// after a space, the start or an opening bracket or dash. Otherwise (a whole paragraph)
    /// a closing mark with none open is no quotation, a mark opens only when a word follows
    /// it, and a new `“` before a word while one is open means the previous was never closed.
    pub cut: bool,
    /// Single curly quotes (`‘…’`, British style) quote too; `’` inside a word ("Kyiv’s",
    /// "don’t") stays an apostrophe, and `‘` opens only at a word start.
    pub single: bool,
}

impl QuoteRules {
    /// A passage or sentence on its own ([`quote_regions`]): the aligner's features, the viewer.
    pub const PASSAGE: QuoteRules = QuoteRules {
        cut: true,
        single: false,
    };
    /// Whole paragraphs of an article ([`paragraph_quotes`]): framing's quotations.
    pub const PARAGRAPH: QuoteRules = QuoteRules {
        cut: false,
        single: true,
    };
}

fn is_opening_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '‘')
        }
    }
}

/// Double opening marks (a straight `"` opens or closes by context).
const DOUBLE_OPENERS: &[char] = &['"', '\u{201C}', '\u{00AB}', '\u{201E}'];
/// Double closing marks (`“` closes a German `„…“`, and closes in whole paragraphs too).
const DOUBLE_CLOSERS: &[char] = &['"', '\u{201D}', '\u{00BB}', '\u{201C}'];

/// What a quotation mark does where it stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    /// Opens while one is open: the open quotation was never closed (whole paragraphs).
    Reopen,
    Close,
    None,
}

fn role(
    c: char,
    open: Option<char>,
    prev: Option<char>,
    next: Option<char>,
    rules: QuoteRules,
) -> Role {
    if rules.cut {
        return match c {
            '“' => match open {
                Some('„') => Role::Close,
                _ => Role::Open,
            },
            '„' | '«' => Role::Open,
            '”' | '»' => Role::Close,
            '"' if open.is_some() => Role::Close,
            '"' if is_opening_context(prev) => Role::Open,
            '"' => Role::Close,
            _ => Role::None,
        };
    }
    let word_follows = next.is_some_and(char::is_alphanumeric);
    match open {
        None if DOUBLE_OPENERS.contains(&c) && next.is_some_and(|n| !n.is_whitespace()) => {
            Role::Open
        }
        None if rules.single
            && c == '\u{2018}'
            && prev.is_none_or(|p| p.is_whitespace() || "([\u{2014}\u{2013}-".contains(p))
            && word_follows =>
        {
            Role::Open
        }
        Some('\u{2018}') => {
            if c == '\u{2019}' && prev.is_some_and(|p| !p.is_whitespace()) && !word_follows {
                Role::Close
            } else if c != '"' && DOUBLE_OPENERS.contains(&c) && word_follows {
                // Double quotes opening inside single ones: the single one was an apostrophe.
                Role::Reopen
            } else {
                Role::None
            }
        }
        Some(_) if c == '\u{201C}' && word_follows => Role::Reopen,
        Some(_) if DOUBLE_CLOSERS.contains(&c) => Role::Close,
        _ => Role::None,
    }
}

/// The double-quoted regions of `text` (a passage on its own), in order, non-overlapping.
pub fn quote_regions(text: &str) -> Vec<QuoteRegion> {
    scan(text, QuoteRules::PASSAGE)
}

/// The quoted regions of `text` read by `rules`, in order, non-overlapping.
pub fn scan(text: &str, rules: QuoteRules) -> Vec<QuoteRegion> {
    let mut out = Vec::new();
    // (byte offset just after the opening mark, the mark)
    let mut open: Option<(usize, char)> = None;
    // Where a quotation that began before the text would start: the text start, or the end of
    // the previous region.
    let mut floor = 0usize;
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let after = i + c.len_utf8();
        let next = chars.peek().map(|&(_, n)| n);
        match role(c, open.map(|(_, m)| m), prev, next, rules) {
            Role::Open => {
                if open.is_none() {
                    open = Some((after, c));
                }
            }
            Role::Reopen => {
                // A single quote that turns out to be an apostrophe leaves no region; a double
                // quotation left open ends where the next one starts.
                if let Some((start, m)) = open
                    && m != '\u{2018}'
                {
                    out.push(QuoteRegion {
                        inner: start..i,
                        opened: true,
                        closed: false,
                    });
                }
                open = Some((after, c));
            }
            Role::Close => {
                match open.take() {
                    Some((start, _)) => out.push(QuoteRegion {
                        inner: start..i,
                        opened: true,
                        closed: true,
                    }),
                    None => {
                        if rules.cut && text.get(floor..i).is_some_and(|s| !s.trim().is_empty()) {
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

/// The quotations of an article body made of `paragraphs` (byte ranges into `body`, in
/// order), each paragraph read by [`QuoteRules::PARAGRAPH`]. By the news convention a
/// quotation left open at the end of a paragraph continues when the next paragraph opens with
/// a quotation mark of the same kind; it is one region across them. Regions are in `body`
/// offsets.
pub fn paragraph_quotes(body: &str, paragraphs: &[Range<usize>]) -> Vec<QuoteRegion> {
    let mut out = Vec::new();
    // An unclosed quotation of the previous paragraph, and whether its mark was single.
    let mut carry: Option<(QuoteRegion, bool)> = None;
    let single_mark = |r: &QuoteRegion| {
        body.get(..r.inner.start)
            .and_then(|s| s.chars().next_back())
            .is_some_and(|c| c == '\u{2018}')
    };
    for p in paragraphs {
        let Some(text) = body.get(p.clone()) else {
            continue;
        };
        let mut regions: Vec<QuoteRegion> = scan(text, QuoteRules::PARAGRAPH)
            .into_iter()
            .map(|r| QuoteRegion {
                inner: r.inner.start + p.start..r.inner.end + p.start,
                ..r
            })
            .collect();
        if let Some((c, single)) = carry.take() {
            let first_mark = text.chars().next();
            let continues = regions.first_mut().filter(|f| {
                f.opened
                    && first_mark.is_some_and(|m| p.start + m.len_utf8() == f.inner.start)
                    && single_mark(f) == single
            });
            match continues {
                Some(f) => f.inner.start = c.inner.start,
                None => {
                    // A quotation broken by a line break with no mark at the new line: the
                    // line opens inside it and its first mark closes it ("…well beyond
                    // politics.\nIt's about the character of America,” Pelosi said."). One
                    // region across both.
                    let first_mark = text
                        .char_indices()
                        .find(|(_, ch)| DOUBLE_OPENERS.contains(ch) || DOUBLE_CLOSERS.contains(ch));
                    // A straight mark closes there when no word follows it (`prison," said`).
                    let closes = |at: usize, mark: char| match mark {
                        '\u{201D}' | '\u{00BB}' => true,
                        '"' => text
                            .get(at + 1..)
                            .and_then(|rest| rest.chars().next())
                            .is_none_or(|n| !n.is_alphanumeric()),
                        _ => false,
                    };
                    match first_mark {
                        Some((at, mark))
                            if !single
                                && closes(at, mark)
                                && regions.first().is_none_or(|f| f.inner.start > p.start + at) =>
                        {
                            out.push(QuoteRegion {
                                inner: c.inner.start..p.start + at,
                                opened: true,
                                closed: true,
                            });
                        }
                        _ => out.push(c),
                    }
                }
            }
        }
        if regions.last().is_some_and(|r| r.opened && !r.closed) {
            carry = regions.pop().map(|r| {
                let single = single_mark(&r);
                (r, single)
            });
        }
        out.extend(regions);
    }
    out.extend(carry.map(|(c, _)| c));
    out
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
    fn a_quotation_broken_by_a_line_break_is_one_region() {
        let body = "“We are well beyond politics.\nIt is about the country,” she said.\nNext.";
        let first = body.find('\n').unwrap_or(0);
        let second = first + 1 + body[first + 1..].find('\n').unwrap_or(0);
        let paras = [0..first, first + 1..second, second + 1..body.len()];
        let regions = paragraph_quotes(body, &paras);
        let inner: Vec<&str> = regions.iter().map(|r| &body[r.inner.clone()]).collect();
        assert_eq!(
            inner,
            ["We are well beyond politics.\nIt is about the country,"]
        );
        // Straight marks the same way.
        let body = "\"This is punishable.\nThis is a felony,\" said Rep. Ann Lee.";
        let nl = body.find('\n').unwrap_or(0);
        let regions = paragraph_quotes(body, &[0..nl, nl + 1..body.len()]);
        let inner: Vec<&str> = regions.iter().map(|r| &body[r.inner.clone()]).collect();
        assert_eq!(inner, ["This is punishable.\nThis is a felony,"]);
        // A new line that opens no quotation and closes none leaves the open one as it was.
        let body = "“We are well beyond politics.\nShe left.";
        let paras = [
            0..body.find('\n').unwrap_or(0),
            body.find('\n').unwrap_or(0) + 1..body.len(),
        ];
        let regions = paragraph_quotes(body, &paras);
        assert_eq!(regions.len(), 1);
        assert_eq!(
            &body[regions[0].inner.clone()],
            "We are well beyond politics."
        );
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

    /// Whole paragraphs of one body: (quoted text with its marks) of each region.
    fn para(body: &str) -> Vec<&str> {
        let mut paras = Vec::new();
        let mut pos = 0;
        for line in body.split_inclusive('\n') {
            let t = line.trim_end_matches('\n');
            if !t.is_empty() {
                paras.push(pos..pos + t.len());
            }
            pos += line.len();
        }
        paragraph_quotes(body, &paras)
            .iter()
            .map(|r| &body[r.outer(body)])
            .collect()
    }

    #[test]
    fn paragraphs_single_curly_quotes_are_told_from_apostrophes() {
        assert_eq!(
            para(
                "Peskov said: \u{2018}Kyiv\u{2019}s plan won\u{2019}t work.\u{2019} Trump disagreed."
            ),
            ["\u{2018}Kyiv\u{2019}s plan won\u{2019}t work.\u{2019}"]
        );
        assert!(para("Trump\u{2019}s team and the Russians\u{2019} plan.").is_empty());
        // A passage on its own keeps to double quotes.
        assert!(quote_regions("He said \u{2018}no\u{2019}.").is_empty());
    }

    #[test]
    fn paragraphs_continue_an_open_quote_and_ignore_stray_marks() {
        let body = "Peskov continued: \u{201C}What is required is dialogue.\n\u{201C}We welcome this.\n\u{201C}No specifics.\u{201D}\nTrump disagreed.";
        let q = para(body);
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].starts_with("\u{201C}What") && q[0].ends_with("specifics.\u{201D}"));
        // Not continued: the next paragraph opens with no quotation mark.
        assert_eq!(para("He said: \u{201C}No.\nThen he left.").len(), 1);
        // A stray closing mark (a 12" pipe) is no quotation in a whole paragraph …
        assert!(para("A 12\" pipe burst.").is_empty());
        // … while a passage cut from a longer text reads it as the end of one.
        assert_eq!(quote_regions("A 12\" pipe burst.").len(), 1);
        // A new opening mark while one is open: the first was never closed.
        assert_eq!(
            para("\u{201C}We left \u{201C}Now\u{201D} he said."),
            ["\u{201C}We left ", "\u{201C}Now\u{201D}"]
        );
    }
}
