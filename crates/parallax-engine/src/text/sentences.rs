//! Sentence segmentation: paragraphs → sentences (passages) with byte spans, and headlines /
//! sub-heads recognised as passages of their own.
//!
//! Hand-written rather than built on the UAX #29 sentence rules of `unicode-segmentation`:
//! UAX #29 breaks after every "Mr." or "U.S." that precedes a capital ("U.S. President"), knows
//! no abbreviations, and would have to be re-merged case by case; a direct scan with explicit
//! rules is simpler to reason about, faster, and every rule below is covered by a named case in
//! `tests/text.rs`.
//!
//! A sentence ends at a run of terminators (`.` `!` `?` `…`, "..."), taking along the closing
//! quotes and brackets right after it (`… soon.” Next` — the quote belongs to the first
//! sentence), when whitespace follows and the next word starts a sentence:
//!
//! - a lowercase next word never starts a sentence (`“Why?” he asked`, `continuing… to try`);
//! - after a single `.`, the word before it is checked against [`super::abbrev`]: titles
//!   ("Mr.", "Dr.", "Gov.") never end a sentence, "No." ends one unless a number follows, and
//!   "U.S.", "Inc.", "Jan.", initials ("J. R. R. Tolkien", the spaced "U. S.") end one only
//!   before an opening quote or a capitalised function word ("… in the U.S. He said"); "a.m." and
//!   "p.m." end one unless a day, month or time zone follows ("4 p.m. Friday");
//! - a `?`/`!` closing a quotation followed by a speaker and a speech verb does not end the
//!   sentence (`“Why now?” Peskov asked.`);
//! - a stop inside a number ("3.5", "$1.2 billion", "2,000") or a dotted word is never followed
//!   by whitespace, so it never ends a sentence;
//! - dashes (`–`, `—`, `--`) never end a sentence; a blank line always does.
//!
//! Quotations that span sentences are split like any other text: each sentence of a long quote
//! is its own passage, the opening mark staying with the first and the closing mark with the
//! last ([`super::quotes`] still knows each piece is quoted).

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::abbrev::{self, AbbrevClass};
use super::stopwords::is_stop_word;
use super::tokens::normalise_word;
use crate::span::Span;

/// One passage: a sentence (or a headline / sub-head) of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Index of the paragraph in [`Paragraphed::paragraphs`] (`Article::paragraphs`).
    pub paragraph: usize,
    /// Byte span into [`Paragraphed::body`] (`Article::body`).
    pub span: Span,
    /// A headline or sub-head ("Why It Matters"), not running prose.
    pub heading: bool,
}

/// A text made of paragraphs: its body and the paragraphs' spans in it. The loader's
/// `corpus::Article` is one; the segmenter names only this, so `text` does not depend on
/// `corpus`.
pub trait Paragraphed {
    fn body(&self) -> &str;
    fn paragraphs(&self) -> &[Span];
}

/// Splits every paragraph of `article` into sentences, in reading order. A paragraph that reads
/// as a headline or sub-head ([`is_heading`]) is one passage with `heading = true`.
pub fn segment_article(article: &impl Paragraphed) -> Vec<Sentence> {
    let body = article.body();
    let mut out = Vec::new();
    let mut previous: Option<&str> = None;
    for (pi, para) in article.paragraphs().iter().enumerate() {
        let Some(text) = body.get(para.range()) else {
            continue;
        };
        // A heading that repeats the paragraph before it word for word (a saved page's title
        // and its first heading, a headline printed twice) is one passage, not two.
        let repeat = previous.is_some_and(|p| same_words(p, text));
        previous = Some(text);
        let heading = is_heading(text);
        if repeat && heading {
            continue;
        }
        if heading {
            if let Some(r) = trim_range(text, 0..text.len()) {
                out.push(Sentence {
                    paragraph: pi,
                    span: Span::new(para.start + r.start, para.start + r.end),
                    heading: true,
                });
            }
            continue;
        }
        for r in split_sentences(text) {
            out.push(Sentence {
                paragraph: pi,
                span: Span::new(para.start + r.start, para.start + r.end),
                heading: false,
            });
        }
    }
    out
}

/// The same words in the same order, whatever the spacing.
fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// True when a paragraph reads as a headline or sub-head rather than running prose:
/// - at most 20 words on one line with no closing sentence punctuation ("Why It Matters",
///   "Putin-Trump meeting in the works amid conflict talks"), or
/// - a short question on its own (at most 10 words, no quotation marks, one sentence):
///   "Talks with Putin and new sanctions?".
pub fn is_heading(paragraph: &str) -> bool {
    let t = paragraph.trim();
    if t.is_empty() || t.contains('\n') {
        return false;
    }
    let words = t.split_whitespace().count();
    let last = t.chars().next_back();
    let closed = matches!(
        last,
        Some(
            '.' | '!'
                | '?'
                | '…'
                | ':'
                | ';'
                | ','
                | '"'
                | '”'
                | '’'
                | '\''
                | '»'
                | ')'
                | ']'
                | '؟'
                | '۔'
                | '।'
        )
    );
    if !closed {
        return words <= 20 && t.chars().any(char::is_alphanumeric);
    }
    last == Some('?')
        && words <= 10
        && !t.contains(['"', '“', '”', '„', '«', '»'])
        && split_sentences(t).len() == 1
}

/// Sentence-ending punctuation (including the Arabic question mark and full stop, and the
/// Devanagari danda).
fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '‽' | '。' | '！' | '？' | '؟' | '۔' | '।'
    )
}

/// Closing quotes and brackets that stay with the sentence they follow.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '»' | '"' | '\'' | ')' | ']' | '}' | '›')
}

/// Opening quotes, brackets and dashes that may precede a sentence's first word.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '"' | '\'' | '„' | '«' | '‹' | '(' | '[' | '{' | '¿' | '¡'
    )
}

/// Speech verbs that follow a quoted question or exclamation when the sentence goes on
/// (`“Why now?” Peskov asked.`).
const SPEECH_VERBS: &[&str] = &[
    "added",
    "answered",
    "argued",
    "asked",
    "cried",
    "demanded",
    "exclaimed",
    "explained",
    "insisted",
    "noted",
    "posted",
    "replied",
    "responded",
    "said",
    "says",
    "shouted",
    "stated",
    "told",
    "tweeted",
    "warned",
    "wondered",
    "wrote",
];

/// `range` shrunk to exclude surrounding whitespace; `None` when nothing is left.
fn trim_range(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let s = text.get(range.clone())?;
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if t.is_empty() {
        None
    } else {
        Some(range.start + lead..range.start + lead + t.len())
    }
}

/// The word just before byte `i`, without leading opening quotes/brackets: "Mr" for "“Mr.".
fn word_before(text: &str, i: usize) -> &str {
    let head = text.get(..i).unwrap_or("");
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(j, c)| j + c.len_utf8());
    head.get(start..)
        .unwrap_or("")
        .trim_start_matches(|c: char| is_opener(c) || matches!(c, '—' | '–' | '-'))
}

/// The next words after byte `i` (which is at a non-space char): whether an opening mark comes
/// first, and up to seven words with surrounding punctuation stripped.
struct Next<'a> {
    opener: bool,
    first: Option<char>,
    words: [&'a str; 7],
    /// The first word is a single letter followed by a full stop (an initial).
    initial: bool,
}

fn next_words(text: &str, i: usize) -> Next<'_> {
    let rest = text.get(i..).unwrap_or("");
    let stripped = rest.trim_start_matches(|c: char| is_opener(c) || c.is_whitespace());
    let opener = stripped.len() != rest.len();
    let first = stripped.chars().next();
    let mut words = [""; 7];
    for (slot, w) in words.iter_mut().zip(stripped.split_whitespace()) {
        *slot = w.trim_matches(|c: char| !c.is_alphanumeric());
    }
    let raw_first = stripped.split_whitespace().next().unwrap_or("");
    let initial = {
        let mut cs = raw_first.chars();
        matches!(
            (cs.next(), cs.next(), cs.next()),
            (Some(a), Some('.'), None | Some(',' | ';' | ':' | ')')) if a.is_alphabetic()
        )
    };
    Next {
        opener,
        first,
        words,
        initial,
    }
}

/// Is `prev` (the word before a full stop, `before` the text up to the stop) a short
/// capitalised abbreviation right after a place in capitals and a comma, as the state of an
/// AP-style dateline ("MILLBROOK, Pa.", "SPRINGFIELD, Ill.")?
fn in_dateline(before: &str, prev: &str) -> bool {
    let short_abbrev = (2..=5).contains(&prev.chars().count())
        && prev.starts_with(|c: char| c.is_ascii_uppercase())
        && prev.chars().all(|c| c.is_ascii_alphabetic() || c == '.');
    if !short_abbrev {
        return false;
    }
    let head = before
        .strip_suffix(prev)
        .unwrap_or("")
        .trim_end_matches(char::is_whitespace);
    let Some(place) = head.strip_suffix(',') else {
        return false;
    };
    // The place: the words in capitals before the comma, from the line's or the last
    // sentence's end ("ST. LOUIS, Mo." keeps "LOUIS").
    let place = place
        .rsplit(['\n', '.', '!', '?', '"', '”'])
        .next()
        .unwrap_or("")
        .trim();
    !place.is_empty()
        && place.split_whitespace().count() <= 4
        && place.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !place.chars().any(char::is_lowercase)
}

/// Does a terminator run `run`, followed by `closers`, end the sentence before `next`?
fn is_boundary(text: &str, run: Range<usize>, had_quote_closer: bool, next: &Next) -> bool {
    let Some(first) = next.first else {
        return true;
    };
    if first.is_lowercase() {
        return false;
    }
    let run_text = text.get(run.clone()).unwrap_or("");
    if run_text == "." {
        let prev = word_before(text, run.start);
        // The spaced "a. m." of detokenised text is a time too.
        let before = text.get(..run.start).unwrap_or("");
        // "MILLBROOK, Pa. (AP) —", "SPRINGFIELD, Ill. —": the state after a dateline's place
        // in capitals is no sentence end, whatever the abbreviation.
        if in_dateline(before, prev) {
            return false;
        }
        let class = if matches!(prev, "m" | "M")
            && ["a. m", "p. m", "A. M", "P. M"]
                .iter()
                .any(|t| before.ends_with(t))
        {
            Some(AbbrevClass::Time)
        } else {
            abbrev::classify(prev)
        };
        match class {
            Some(AbbrevClass::Time) => {
                let w = normalise_word(next.words[0]);
                return !abbrev::AFTER_TIME.contains(&w.as_str());
            }
            None => {}
            Some(AbbrevClass::Never) => return false,
            // "No. 10", "case No. VA089897".
            Some(AbbrevClass::BeforeNumber) => {
                return !next.words[0].chars().any(char::is_numeric);
            }
            Some(AbbrevClass::MayEnd) => {
                if next.opener {
                    return true;
                }
                if next.initial {
                    return false;
                }
                return first.is_uppercase() && is_stop_word(&normalise_word(next.words[0]));
            }
        }
    }
    if had_quote_closer && run_text.contains(['?', '!']) && !next.opener {
        // “Why now?” Peskov asked. / “Enough!” Dmitry Peskov said.
        // The speaker: up to five words, none of them a function word ("Deputy Public Defender
        // Peter Lynch asked"; but "The president said no" is a new sentence).
        let starts_name = next.words[0].chars().next().is_some_and(char::is_uppercase)
            && !is_stop_word(&normalise_word(next.words[0]));
        let verb = |w: &str| SPEECH_VERBS.contains(&normalise_word(w).as_str());
        if starts_name {
            for (n, w) in next.words.iter().enumerate().skip(1) {
                if verb(w) {
                    return false;
                }
                if n > 5 || w.is_empty() || is_stop_word(&normalise_word(w)) {
                    break;
                }
            }
        }
    }
    true
}

/// Sentence byte ranges within `text` (trimmed, non-empty, in order, covering all non-space
/// text). See the module docs for the rules.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let ch = |k: usize| chars.get(k).map(|&(_, c)| c);
    let mut i = 0;
    while i < chars.len() {
        let Some(c) = ch(i) else { break };
        // A blank line is a hard break.
        if c == '\n' {
            let mut k = i + 1;
            let mut blank = false;
            while let Some(w) = ch(k).filter(|w| w.is_whitespace()) {
                blank |= w == '\n';
                k += 1;
            }
            if blank {
                if let Some(r) = trim_range(text, start..byte_at(i)) {
                    out.push(r);
                }
                start = byte_at(k);
            }
            i = k;
            continue;
        }
        if !is_terminator(c) {
            i += 1;
            continue;
        }
        // The run of terminators: "?!", "...", "…".
        let mut j = i;
        while ch(j).is_some_and(is_terminator) {
            j += 1;
        }
        // Closing quotes and brackets after it.
        let mut k = j;
        let mut had_quote_closer = false;
        loop {
            if let Some(cl) = ch(k).filter(|&cl| is_closer(cl)) {
                had_quote_closer |= !matches!(cl, ')' | ']' | '}');
                k += 1;
            } else if matches!(ch(k), Some(' ' | '\u{a0}' | '\u{202f}'))
                && matches!(ch(k + 1), Some('»' | '›'))
            {
                // French spacing: "« non. »".
                had_quote_closer = true;
                k += 2;
            } else if k > i
                && matches!(ch(k), Some(' ' | '\u{a0}'))
                && matches!(ch(k + 1), Some('"' | '”'))
                && ch(k + 2).is_none_or(char::is_whitespace)
                && (ch(k + 1) == Some('”')
                    || text
                        .get(..byte_at(i))
                        .is_some_and(|h| h.matches('"').count() % 2 == 1))
            {
                // Detokenised text: `move on. "` — a closing quote set off by a space.
                had_quote_closer = true;
                k += 2;
            } else {
                break;
            }
        }
        let Some(after) = ch(k) else {
            break; // end of text
        };
        let spaced = after.is_whitespace();
        // "now.”No": a closing mark followed directly by a capital still ends the sentence.
        let glued = k > j && (after.is_uppercase() || is_opener(after));
        if !spaced && !glued {
            i = j;
            continue;
        }
        let mut m = k;
        while ch(m).is_some_and(char::is_whitespace) {
            m += 1;
        }
        if m >= chars.len() {
            break;
        }
        let blank_line = text
            .get(byte_at(k)..byte_at(m))
            .is_some_and(|ws| ws.matches('\n').count() >= 2);
        let next = next_words(text, byte_at(m));
        // A leading ellipsis ("… and so we propose") opens the sentence, it ends nothing.
        let ellipsis = text
            .get(byte_at(i)..byte_at(j))
            .is_some_and(|t| t.contains('…') || t.contains(".."));
        let opens = ellipsis
            && !text
                .get(start..byte_at(i))
                .is_some_and(|s| s.chars().any(char::is_alphanumeric));
        if blank_line
            || (!opens && is_boundary(text, byte_at(i)..byte_at(j), had_quote_closer, &next))
        {
            if let Some(r) = trim_range(text, start..byte_at(k)) {
                out.push(r);
            }
            start = byte_at(k);
        }
        i = m;
    }
    if let Some(r) = trim_range(text, start..text.len()) {
        out.push(r);
    }
    merge_punctuation_only(text, &mut out);
    merge_lead_questions(text, &mut out);
    merge_quoted_retorts(text, &mut out);
    out
}

/// Most words a retort may have to join the quoted question before it.
const RETORT_MAX_WORDS: usize = 3;

/// A short retort that answers a question inside one open quotation on the same line
/// ("“He wants to run the nation like his business? God help us.”") joins the question: the
/// speaker's point is the two together, and three words alone ("God help us.") report nothing
/// an aligner can tell from any other outlet's use of the phrase.
fn merge_quoted_retorts(text: &str, out: &mut Vec<Range<usize>>) {
    const OPENERS: [char; 3] = ['"', '\u{201C}', '\u{AB}'];
    const CLOSERS: [char; 3] = ['"', '\u{201D}', '\u{BB}'];
    let open_question = |r: &Range<usize>| -> bool {
        text.get(r.clone()).is_some_and(|s| {
            s.strip_suffix('?').is_some_and(|body| {
                let mut chars = body.chars();
                chars.next().is_some_and(|c| OPENERS.contains(&c))
                    && !chars.as_str().contains(CLOSERS)
                    && !body.contains('\n')
            })
        })
    };
    let retort = |r: &Range<usize>| -> bool {
        text.get(r.clone()).is_some_and(|s| {
            s.split_whitespace().count() <= RETORT_MAX_WORDS
                && !s.ends_with('?')
                && !s.chars().next().is_some_and(|c| OPENERS.contains(&c))
        })
    };
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out.drain(..) {
        match merged.last_mut() {
            Some(q)
                if open_question(q)
                    && retort(&r)
                    && text.get(q.end..r.start).is_some_and(|g| !g.contains('\n')) =>
            {
                q.end = r.end;
            }
            _ => merged.push(r),
        }
    }
    *out = merged;
}

/// Words that open a rhetorical lead question ("Why?", "How so?").
const LEAD_QUESTION_WORDS: &[&str] = &["why", "how", "what", "who", "when", "where"];
/// Nouns of a "The …?" lead question ("The reason?", "The result?").
const LEAD_QUESTION_NOUNS: &[&str] = &[
    "reason", "result", "answer", "catch", "upshot", "verdict", "outcome", "goal", "point",
];

/// A rhetorical question of one or two words that the next sentence answers ("Why? To pay for
/// the new law.", "The reason? Costs.") joins that sentence: alone it reports nothing, and an
/// outlet that prints "To pay for the new law." without it reports the same claim. Only on the
/// same line, and never inside a quotation.
fn merge_lead_questions(text: &str, out: &mut Vec<Range<usize>>) {
    let lead = |r: &Range<usize>| -> bool {
        let Some(s) = text.get(r.clone()) else {
            return false;
        };
        let Some(body) = s.strip_suffix('?') else {
            return false;
        };
        if body.contains([
            '"', '\u{201C}', '\u{201D}', '\'', '\u{2018}', '\u{2019}', '\n',
        ]) {
            return false;
        }
        let words: Vec<String> = body.split_whitespace().map(normalise_word).collect();
        match words.as_slice() {
            [w] | [w, _] if LEAD_QUESTION_WORDS.contains(&w.as_str()) => true,
            [the, noun] => the == "the" && LEAD_QUESTION_NOUNS.contains(&noun.as_str()),
            _ => false,
        }
    };
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    let mut pending: Option<Range<usize>> = None;
    for r in out.drain(..) {
        if let Some(q) = pending.take() {
            let same_line = text.get(q.end..r.start).is_some_and(|g| !g.contains('\n'));
            if same_line {
                merged.push(q.start..r.end);
                continue;
            }
            merged.push(q);
        }
        if lead(&r) {
            pending = Some(r);
        } else {
            merged.push(r);
        }
    }
    merged.extend(pending);
    *out = merged;
}

/// A piece with no letter or digit (a stray closing quote in detokenised text, `. "`) joins the
/// sentence before it.
fn merge_punctuation_only(text: &str, out: &mut Vec<Range<usize>>) {
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out.drain(..) {
        let bare = !text
            .get(r.clone())
            .is_some_and(|s| s.chars().any(char::is_alphanumeric));
        match merged.last_mut() {
            Some(prev) if bare => prev.end = r.end,
            _ => merged.push(r),
        }
    }
    *out = merged;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        split_sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn a_rhetorical_lead_question_joins_its_answer() {
        assert_eq!(
            split("Costs rose. Why? To pay for the new law. The reason? Fuel."),
            [
                "Costs rose.",
                "Why? To pay for the new law.",
                "The reason? Fuel."
            ]
        );
        // A real question stays a sentence; so does one at a line's end or in a quotation.
        assert_eq!(
            split("Who pays for it? Nobody knows. Why?\nBecause. \"Why?\" he asked."),
            [
                "Who pays for it?",
                "Nobody knows.",
                "Why?",
                "Because.",
                "\"Why?\" he asked."
            ]
        );
    }

    #[test]
    fn a_short_retort_joins_the_quoted_question_it_answers() {
        assert_eq!(
            split(
                "\u{201C}He wants to run the country like his shop? Heaven help us.\u{201D} The crowd laughed."
            ),
            [
                "\u{201C}He wants to run the country like his shop? Heaven help us.\u{201D}",
                "The crowd laughed."
            ]
        );
        // A longer answer, a question outside quotation marks, and a quotation already closed
        // keep their sentences.
        assert_eq!(
            split(
                "\"Is it fair? We think it is not fair at all.\" Is it over? Not yet. \"Why?\" he asked. No."
            ),
            [
                "\"Is it fair?",
                "We think it is not fair at all.\"",
                "Is it over?",
                "Not yet.",
                "\"Why?\" he asked.",
                "No."
            ]
        );
    }

    #[test]
    fn basic_and_abbreviations() {
        assert_eq!(
            split("One. Two! Three? Four"),
            ["One.", "Two!", "Three?", "Four"]
        );
        assert_eq!(
            split("Mr. Smith met Dr. Jones."),
            ["Mr. Smith met Dr. Jones."]
        );
        assert_eq!(
            split("It is in the U.S. He said so."),
            ["It is in the U.S.", "He said so."]
        );
        assert_eq!(split("It rained. it stopped."), ["It rained. it stopped."]);
    }

    #[test]
    fn a_dateline_state_ends_no_sentence() {
        assert_eq!(
            split("MILLBROOK, Pa. (Wire) — About 2,000 residents left. They return Tuesday."),
            [
                "MILLBROOK, Pa. (Wire) — About 2,000 residents left.",
                "They return Tuesday."
            ]
        );
        assert_eq!(
            split("The plant closed.\nSPRINGFIELD, Ill. — The state sued."),
            ["The plant closed.", "SPRINGFIELD, Ill. — The state sued."]
        );
        // Not in a dateline: a sentence may end on a capitalised word after a comma.
        assert_eq!(
            split("He thanked his parents, Ma and Pa. The crowd cheered."),
            ["He thanked his parents, Ma and Pa.", "The crowd cheered."]
        );
    }

    #[test]
    fn a_leading_ellipsis_opens_its_sentence() {
        // A quotation resumed after a cut starts with "…": no sentence of its own.
        assert_eq!(
            split("… We are the ones. And so we propose none."),
            ["… We are the ones.", "And so we propose none."]
        );
        assert_eq!(split("... Then it rained."), ["... Then it rained."]);
    }

    #[test]
    fn headings() {
        assert!(is_heading("Why It Matters"));
        assert!(is_heading("Talks with Putin and new sanctions?"));
        assert!(!is_heading(
            "Newsweek has contacted the office for comment via email."
        ));
        assert!(!is_heading("“Enter into negotiations.”"));
        assert!(!is_heading("No Comment! Be the first one."));
        assert!(!is_heading("..."));
    }
}
