//! Tokens: the words of a passage by Unicode rules (UAX #29 via `unicode-segmentation`),
//! lowercased, apostrophes normalised, stemmed with Snowball English (`rust-stemmers`), stop
//! words marked, and each word classed as an ordinary word, a name or a number, with a flag for
//! words inside a direct quotation.
//!
//! UAX #29 already keeps "2,000", "3.5", "U.S" (the final stop is punctuation), "Russia’s" and
//! "don't" as single words; this module adds the normalisation on top:
//!
//! - `lower`: lowercased surface form with `’ ‘ ʼ ′` → `'`.
//! - `stem`: numbers lose their thousands separators ("2,000" → "2000") and number words become
//!   digits ("six" → "6"); dotted abbreviations lose their dots ("U.S" → "us"); other words drop
//!   a possessive `'s`/`'` and are Snowball-stemmed ("claimed", "claims", "claiming" → "claim").
//! - `kind`: [`TokenKind::Number`] for words starting with a digit, number words ("six") and
//!   scale words ("million"); [`TokenKind::Name`] for acronyms ("TASS", "U.S", "NATO") and
//!   capitalised words that are not sentence-initial (a sentence-initial capitalised word counts
//!   too when it is possessive, "Trump’s", or followed by another capitalised word, "Dmitry
//!   Peskov"). Stop words are never names unless written as an acronym ("US"). In a short
//!   title-case text ("What People Are Saying") only acronyms are names.
//! - `quoted`: inside a double-quoted region, see [`super::quotes`].
//!
//! Speed: one pass over the words; the only allocations are the token's own `lower` and `stem`
//! strings (the stem borrows when the stemmer leaves the word unchanged), and one shared
//! stemmer.

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use super::abbrev::{self, AbbrevClass};
use super::quotes::{QuoteRegion, quote_regions};
use super::stopwords::is_stop_word;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TokenKind {
    /// An ordinary word.
    Word,
    /// A capitalised word that is not sentence-initial, or an all-caps acronym: a name.
    Name,
    /// Digits, possibly with `,` `.` separators: 2,000; 3.5; 2021. Also number words ("six",
    /// stem "6") and scale words ("million").
    Number,
}

/// One word token of a passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Byte range into the tokenised text.
    pub start: usize,
    pub end: usize,
    /// Lowercased surface form, typographic apostrophes normalised to `'`.
    pub lower: String,
    /// Snowball stem of `lower` (numbers: normalised digits).
    pub stem: String,
    pub stop: bool,
    pub kind: TokenKind,
    /// Inside a direct quotation.
    pub quoted: bool,
}

/// Apostrophe-like characters normalised to `'`.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '′')
}

/// Lowercases `w` and normalises apostrophes, into a fresh string.
pub fn normalise_word(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    if w.is_ascii() {
        s.push_str(w);
        s.make_ascii_lowercase();
        return s;
    }
    for c in w.chars() {
        if is_apostrophe(c) {
            s.push('\'');
        } else {
            s.extend(c.to_lowercase());
        }
    }
    s
}

/// Number words written out, with their digits. "one" is left out: it is mostly a pronoun.
const NUMBER_WORDS: &[(&str, &str)] = &[
    ("eight", "8"),
    ("eighteen", "18"),
    ("eighty", "80"),
    ("eleven", "11"),
    ("fifteen", "15"),
    ("fifty", "50"),
    ("five", "5"),
    ("forty", "40"),
    ("four", "4"),
    ("fourteen", "14"),
    ("nine", "9"),
    ("nineteen", "19"),
    ("ninety", "90"),
    ("seven", "7"),
    ("seventeen", "17"),
    ("seventy", "70"),
    ("six", "6"),
    ("sixteen", "16"),
    ("sixty", "60"),
    ("ten", "10"),
    ("thirteen", "13"),
    ("thirty", "30"),
    ("three", "3"),
    ("twelve", "12"),
    ("twenty", "20"),
    ("two", "2"),
];

/// Scale words that belong to a number ("1 million", "six billion").
const SCALE_WORDS: &[&str] = &[
    "billion", "dozen", "hundred", "million", "thousand", "trillion",
];

/// Digits for a written-out number word ("six" → "6").
pub fn number_word_value(lower: &str) -> Option<&'static str> {
    // A hash map: checked for every word of every passage.
    static MAP: LazyLock<rustc_hash::FxHashMap<&'static str, &'static str>> =
        LazyLock::new(|| NUMBER_WORDS.iter().copied().collect());
    MAP.get(lower).copied()
}

/// The digits of a hyphenated number ("thirty-one" → "31") when `tens` is a tens word, the
/// text after it starts with a hyphen and `next` is the unit word right after that hyphen.
fn hyphenated_number(tens: &str, after: &str, next: Option<&(usize, &str)>) -> Option<String> {
    let d = number_word_value(tens)?;
    let (tens_digit, zero) = (d.get(..1)?, d.get(1..)?);
    if zero != "0" || d.len() != 2 || tens_digit == "1" {
        return None;
    }
    let rest = after.strip_prefix(['-', '\u{2011}', '\u{2010}'])?;
    let (_, unit) = next?;
    if !rest.starts_with(unit) {
        return None;
    }
    let unit = normalise_word(unit);
    let digit = if unit == "one" {
        "1"
    } else {
        number_word_value(&unit).filter(|u| u.len() == 1)?
    };
    Some(format!("{tens_digit}{digit}"))
}

/// A figure written with a scale suffix ("140m", "2.1bn", "10k"): the length of its digits and
/// the scale word the suffix stands for.
fn scale_suffix(lower: &str) -> Option<(usize, &'static str)> {
    let digits = lower.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))?;
    let (number, suffix) = lower.split_at(digits);
    if number.is_empty() || !number.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let scale = match suffix {
        "k" => "thousand",
        "m" | "mn" => "million",
        "bn" | "b" => "billion",
        "tn" | "trn" => "trillion",
        _ => return None,
    };
    Some((digits, scale))
}

/// True for "million", "billion", … .
pub fn is_scale_word(lower: &str) -> bool {
    SCALE_WORDS.contains(&lower)
}

/// The half of the day a word names: "a.m" / "am" → `"am"`, "p.m" / "pm" → `"pm"`.
fn half_of_day(lower: &str) -> Option<&'static str> {
    match lower {
        "a.m" | "am" => Some("am"),
        "p.m" | "pm" => Some("pm"),
        _ => None,
    }
}

/// The half of the day named right after a figure ("6:40 a.m.", "6 PM", "6.40am"): at most one
/// space, then "a.m", "p.m", "am" or "pm" ending the word.
fn half_after(after: &str) -> Option<&'static str> {
    let a = after.strip_prefix(' ').unwrap_or(after);
    let lower: String = a.chars().take(4).collect::<String>().to_ascii_lowercase();
    for (form, half) in [("a.m", "am"), ("p.m", "pm"), ("am", "am"), ("pm", "pm")] {
        if let Some(rest) = lower.strip_prefix(form)
            && !rest.starts_with(|c: char| c.is_alphanumeric())
        {
            return Some(half);
        }
    }
    None
}

/// A clock time on a 24-hour clock, "H:MM": "6:40 a.m.", "6.40am" and "06:40" are all "6:40";
/// "6.40pm" and "18:40" are "18:40"; "6 a.m." and "6am" are "6:00". Outlets write times in
/// all these styles, and the same time must be the same figure.
fn clock_time(hour: &str, minutes: &str, half: Option<&str>) -> Option<String> {
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(hour, 1..=2) || !digits(minutes, 2..=2) {
        return None;
    }
    let (h, m): (u32, u32) = (hour.parse().ok()?, minutes.parse().ok()?);
    if m > 59 || h > 24 {
        return None;
    }
    let h = match half {
        Some(_) if h == 0 || h > 12 => return None,
        Some("pm") if h < 12 => h + 12,
        Some("am") if h == 12 => 0,
        _ => h,
    };
    Some(format!("{h}:{m:02}"))
}

/// A clock time written as one word ("6.40am", "12.40pm", "6am", or "6.40" / "6" when
/// `half` — the half of the day named after it — is given): its normal form.
fn clock_word(lower: &str, half: Option<&str>) -> Option<String> {
    let (rest, own_half) = match lower.len().checked_sub(2).and_then(|i| {
        lower
            .get(i..)
            .and_then(half_of_day)
            .map(|h| (&lower[..i], h))
    }) {
        Some((rest, h)) => (rest, Some(h)),
        None => (lower, None),
    };
    let half = own_half.or(half);
    match rest.split_once(['.', ':']) {
        // "6.40" alone is a decimal; only a half of the day makes it a time.
        Some((h, m)) if half.is_some() || rest.contains(':') => clock_time(h, m, half),
        Some(_) => None,
        None if half.is_some() => clock_time(rest, "00", half),
        None => None,
    }
}

/// Normalised digits of a numeric token: separators `,` and narrow spaces removed.
pub fn normalise_number(lower: &str) -> String {
    lower
        .chars()
        .filter(|&c| c != ',' && c != '\u{202f}' && c != '\'')
        .collect()
}

/// The Snowball English stem of an already lowercased, apostrophe-normalised word, after
/// dropping a possessive `'s` / `'`.
pub fn stem_word(lower: &str) -> String {
    let base = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix('\''))
        .unwrap_or(lower);
    // Stemming is the costliest step of tokenising and a set repeats its words endlessly: a
    // per-thread cache (bounded) makes a 10,000-article set tokenise several times faster.
    thread_local! {
        static CACHE: std::cell::RefCell<rustc_hash::FxHashMap<String, String>> =
            std::cell::RefCell::new(rustc_hash::FxHashMap::default());
    }
    const CACHE_MAX: usize = 200_000;
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(s) = c.get(base) {
            return s.clone();
        }
        let s = STEMMER.stem(base).into_owned();
        if c.len() >= CACHE_MAX {
            c.clear();
        }
        c.insert(base.to_owned(), s.clone());
        s
    })
}

/// All-caps word with at least two letters ("TASS", "U.S", "G7", "NATO").
fn is_acronym(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if !(c.is_numeric() || c == '.' || c == '&') {
            return false;
        }
    }
    letters >= 2
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_possessive(w: &str) -> bool {
    let mut it = w.chars().rev();
    matches!((it.next(), it.next()), (Some('s'), Some(a)) if is_apostrophe(a))
}

/// Does the gap between two words (and the word before it) mark the start of a new sentence
/// for the word after it?
fn starts_sentence(gap: &str, prev_word: Option<&str>, next_word: &str) -> bool {
    let Some(prev) = prev_word else {
        return true;
    };
    if gap.contains('\n') {
        return true;
    }
    // An opening quotation mark right before the word starts a quoted sentence.
    let last = gap.trim_end().chars().next_back();
    if matches!(last, Some('“' | '„' | '«')) {
        return true;
    }
    if last == Some('"') {
        let before = gap.trim_end();
        let before = &before[..before.len() - 1];
        if before.is_empty() || before.ends_with(char::is_whitespace) || before.ends_with(':') {
            return true;
        }
    }
    let first_mark = gap.chars().find(|c| !c.is_whitespace());
    match first_mark {
        Some('!' | '?' | '…') => true,
        Some('.') => {
            if gap.starts_with("...") {
                return true;
            }
            match abbrev::classify(prev) {
                None => true,
                Some(AbbrevClass::Never) => false,
                Some(AbbrevClass::BeforeNumber) => !next_word.starts_with(|c: char| c.is_numeric()),
                Some(AbbrevClass::Time) => {
                    !abbrev::AFTER_TIME.contains(&normalise_word(next_word).as_str())
                }
                Some(AbbrevClass::MayEnd) => {
                    starts_upper(next_word) && is_stop_word(&normalise_word(next_word))
                }
            }
        }
        _ => false,
    }
}

/// Lowercase words that title case leaves uncapitalised ("Talks With Putin on the Table").
const TITLE_CASE_MINOR: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "the", "to",
    "vs", "with",
];

/// Longest text checked for title case: headlines are short, and the check costs a second pass.
const TITLE_CASE_MAX_BYTES: usize = 160;

/// A short text in title case ("What People Are Saying", "Why It Matters"): at least three
/// words, every word capitalised except minor function words. Its capitals mark a headline
/// style, not names.
pub fn is_title_case(text: &str) -> bool {
    if text.len() > TITLE_CASE_MAX_BYTES {
        return false;
    }
    let mut words = 0;
    for w in text.unicode_words() {
        let Some(c) = w.chars().next() else { continue };
        if c.is_numeric() {
            continue;
        }
        if !c.is_uppercase() && !TITLE_CASE_MINOR.contains(&w) {
            return false;
        }
        words += 1;
    }
    words >= 3
}

/// Is `start..end` inside a quotation? `qi` is the first quotation that may still hold a word
/// at or after `start` (words come in order, so it only moves forward).
fn in_quote(quotes: &[QuoteRegion], qi: &mut usize, start: usize, end: usize) -> bool {
    while quotes.get(*qi).is_some_and(|q| q.inner.end <= start) {
        *qi += 1;
    }
    quotes
        .get(*qi)
        .is_some_and(|q| q.inner.start <= start && end <= q.inner.end)
}

/// Tokenises `text` into words (Unicode word boundaries), skipping punctuation and spaces.
pub fn tokenize(text: &str) -> Vec<Token> {
    let title_case = is_title_case(text);
    let quotes = quote_regions(text);
    let mut qi = 0;
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5 + 1);
    let mut words = text.unicode_word_indices().peekable();
    let mut prev: Option<(usize, &str)> = None;
    while let Some((start, w)) = words.next() {
        let mut end = start + w.len();
        let gap_start = prev.map_or(0, |(s, p)| s + p.len());
        let gap = text.get(gap_start..start).unwrap_or("");
        let initial = starts_sentence(gap, prev.map(|(_, p)| p), w);

        let mut lower = normalise_word(w);
        // The last word this token covers: the next one's gap starts after it.
        let mut last = (start, w);
        // "$140m" is "$140 million": the figure and its scale, two tokens of one word.
        if let Some((digits, scale)) = scale_suffix(&lower).filter(|_| w.is_ascii()) {
            let split = start + digits;
            let quoted = in_quote(&quotes, &mut qi, start, end);
            let (number, suffix) = lower.split_at(digits);
            for (s, e, lower, stem) in [
                (start, split, number.to_string(), normalise_number(number)),
                (split, end, suffix.to_string(), scale.to_string()),
            ] {
                out.push(Token {
                    start: s,
                    end: e,
                    lower,
                    stem,
                    stop: false,
                    kind: TokenKind::Number,
                    quoted,
                });
            }
            prev = Some((start, w));
            continue;
        }
        // "8%", "8 percent" and the British "8 per cent" say the same: the word for the
        // percent sign weighs no more than the sign, which is no word at all.
        let percent = matches!(lower.as_str(), "percent" | "pct")
            || (lower == "cent" && prev.is_some_and(|(_, p)| p.eq_ignore_ascii_case("per")));
        let stop_word = percent || is_stop_word(&lower);
        let first_digit = w.chars().next().is_some_and(|c| c.is_numeric());
        let (kind, stem) = if let Some(n) =
            hyphenated_number(&lower, text.get(end..).unwrap_or(""), words.peek())
        {
            // "Thirty-one" is one number, 31: the tens word and its unit joined by a hyphen.
            if let Some((ns, nw)) = words.next() {
                end = ns + nw.len();
                lower = format!("{lower}-{}", normalise_word(nw));
                last = (ns, nw);
            }
            (TokenKind::Number, n)
        } else if let Some((time, minutes)) = first_digit
            .then(|| {
                // "6:40": Unicode splits at the colon; the minutes word joins the hour.
                let after = text.get(end..).unwrap_or("");
                let (ms, mw) = *words.peek()?;
                if !after.starts_with(':') || ms != end + 1 {
                    return None;
                }
                let ml = normalise_word(mw);
                let (digits, half) = match ml.get(2..).and_then(half_of_day) {
                    Some(h) => (&ml[..2], Some(h)),
                    None => (
                        ml.as_str(),
                        half_after(text.get(ms + mw.len()..).unwrap_or("")),
                    ),
                };
                clock_time(&lower, digits, half).map(|t| (t, ml))
            })
            .flatten()
        {
            if let Some((ns, nw)) = words.next() {
                end = ns + nw.len();
                lower = format!("{lower}:{minutes}");
                last = (ns, nw);
            }
            (TokenKind::Number, time)
        } else if let Some(time) = first_digit
            .then(|| clock_word(&lower, half_after(text.get(end..).unwrap_or(""))))
            .flatten()
        {
            (TokenKind::Number, time)
        } else if first_digit {
            (TokenKind::Number, normalise_number(&lower))
        } else if let Some(d) = number_word_value(&lower) {
            (TokenKind::Number, d.to_string())
        } else if is_scale_word(&lower) {
            (TokenKind::Number, lower.clone())
        } else {
            // A shouted unit after a figure ("SIX HOURS", "40 DEGREES") is a word; a short
            // acronym there stays a name ("27 EU members").
            let all_caps = is_acronym(w);
            let shouted_unit = all_caps
                && w.chars().filter(|c| c.is_alphabetic()).count() >= 4
                && gap.chars().all(|c| c == ' ')
                && out.last().is_some_and(|t| t.kind == TokenKind::Number);
            let acronym = all_caps && !shouted_unit;
            let name = acronym
                || (!stop_word
                    && !shouted_unit
                    && !title_case
                    && starts_upper(w)
                    && (!initial
                        || is_possessive(w)
                        || words.peek().is_some_and(|&(ns, nw)| {
                            let between = text.get(end..ns).unwrap_or("");
                            starts_upper(nw)
                                && between.chars().all(|c| c == ' ')
                                && !between.is_empty()
                                && !is_stop_word(&normalise_word(nw))
                        })));
            let kind = if name {
                TokenKind::Name
            } else {
                TokenKind::Word
            };
            let stem = if lower.contains('.') && lower.chars().any(char::is_alphabetic) {
                lower.chars().filter(|&c| c != '.').collect()
            } else {
                stem_word(&lower)
            };
            (kind, stem)
        };
        let stem = if stem.is_empty() { lower.clone() } else { stem };
        let stop = stop_word && !(kind == TokenKind::Name && is_acronym(w));

        let quoted = in_quote(&quotes, &mut qi, start, end);

        out.push(Token {
            start,
            end,
            lower,
            stem,
            stop,
            kind,
            quoted,
        });
        prev = Some(last);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok<'a>(ts: &'a [Token], lower: &str) -> &'a Token {
        ts.iter()
            .find(|t| t.lower == lower)
            .unwrap_or_else(|| panic!("no token {lower:?} in {ts:?}"))
    }

    #[test]
    fn sentence_initial_capital_is_not_a_name_but_later_ones_are() {
        let ts = tokenize("Fighting between Russia and Ukraine has ratcheted up.");
        assert_eq!(tok(&ts, "fighting").kind, TokenKind::Word);
        assert_eq!(tok(&ts, "russia").kind, TokenKind::Name);
        assert_eq!(tok(&ts, "ukraine").kind, TokenKind::Name);
    }

    #[test]
    fn a_shouted_unit_after_a_figure_is_a_word_and_a_short_acronym_stays_a_name() {
        let ts = tokenize("Streets went without power for SIX HOURS as 27 EU states met.");
        assert_eq!(tok(&ts, "six").kind, TokenKind::Number);
        assert_eq!(tok(&ts, "hours").kind, TokenKind::Word);
        assert!(!tok(&ts, "hours").stop);
        assert_eq!(tok(&ts, "eu").kind, TokenKind::Name);
        // Not after a figure, an all-caps word is still an acronym.
        let ts = tokenize("Shares rose on the NASDAQ exchange.");
        assert_eq!(tok(&ts, "nasdaq").kind, TokenKind::Name);
        // A capitalised name after a figure is still a name.
        let ts = tokenize("He left 10 Downing Street at noon.");
        assert_eq!(tok(&ts, "downing").kind, TokenKind::Name);
    }

    #[test]
    fn after_abbreviation_is_not_a_sentence_start() {
        let ts = tokenize("Talks with U.S. President Trump began. Officials said so.");
        assert_eq!(tok(&ts, "president").kind, TokenKind::Name);
        assert_eq!(tok(&ts, "u.s").kind, TokenKind::Name);
        assert_eq!(tok(&ts, "u.s").stem, "us");
        assert_eq!(tok(&ts, "officials").kind, TokenKind::Word);
    }

    #[test]
    fn number_words() {
        let ts = tokenize("within six months or 24 hours, 1 million");
        assert_eq!(tok(&ts, "six").stem, "6");
        assert_eq!(tok(&ts, "six").kind, TokenKind::Number);
        assert_eq!(tok(&ts, "24").kind, TokenKind::Number);
        assert_eq!(tok(&ts, "million").kind, TokenKind::Number);
    }

    #[test]
    fn a_scale_suffix_is_the_scale_word() {
        let text = "a charge of $140m and $2.1bn, not 140 million";
        let ts = tokenize(text);
        let stems: Vec<&str> = ts.iter().map(|t| t.stem.as_str()).collect();
        assert_eq!(
            stems,
            [
                "a", "charg", "of", "140", "million", "and", "2.1", "billion", "not", "140",
                "million"
            ]
        );
        let m = tok(&ts, "m");
        assert_eq!(text.get(m.start..m.end), Some("m"));
        // A unit is no scale: "10km" stays one word.
        assert_eq!(tokenize("a 10km run").len(), 3);
    }

    #[test]
    fn per_cent_weighs_what_the_percent_sign_does() {
        for text in ["rose 8 percent", "rose 8 per cent"] {
            let content: Vec<String> = tokenize(text)
                .into_iter()
                .filter(|t| !t.stop)
                .map(|t| t.stem)
                .collect();
            assert_eq!(content, ["rose", "8"], "{text}");
        }
        // A cent is a coin where no "per" comes before it.
        assert!(
            tokenize("a 5 cent coin")
                .iter()
                .any(|t| t.lower == "cent" && !t.stop)
        );
    }

    #[test]
    fn hyphenated_number_words_are_one_figure() {
        let text = "Thirty-one of the 140 cars, twenty–five and forty-one.";
        let ts = tokenize(text);
        let t = tok(&ts, "thirty-one");
        assert_eq!((t.stem.as_str(), t.kind), ("31", TokenKind::Number));
        assert_eq!(text.get(t.start..t.end), Some("Thirty-one"));
        assert_eq!(tok(&ts, "forty-one").stem, "41");
        // An en dash is a range, not a compound: "twenty" and "five" stay two numbers.
        assert_eq!(tok(&ts, "twenty").stem, "20");
        assert_eq!(tok(&ts, "five").stem, "5");
        assert!(ts.iter().all(|t| t.lower != "one"));
    }

    #[test]
    fn clock_times_in_any_style_are_one_figure() {
        let text = "at 6:40 a.m., at 6.40am, 6.40 AM and 06:40; 6:40pm, 6.40 p.m. and 18:40; \
                    6am, 6 a.m.; 12.15am is 0:15";
        let ts = tokenize(text);
        let figures: Vec<(&str, &str)> = ts
            .iter()
            .filter(|t| t.kind == TokenKind::Number)
            .map(|t| (text.get(t.start..t.end).unwrap_or(""), t.stem.as_str()))
            .collect();
        assert_eq!(
            figures,
            [
                ("6:40", "6:40"),
                ("6.40am", "6:40"),
                ("6.40", "6:40"),
                ("06:40", "6:40"),
                ("6:40pm", "18:40"),
                ("6.40", "18:40"),
                ("18:40", "18:40"),
                ("6am", "6:00"),
                ("6", "6:00"),
                ("12.15am", "0:15"),
                ("0:15", "0:15"),
            ]
        );
        // Without a half of the day, "6.40" is a decimal and "6" a count; a score is no time.
        let stems: Vec<String> = tokenize("rose 6.40 points to 6 of 10, a 3:1 win")
            .into_iter()
            .filter(|t| t.kind == TokenKind::Number)
            .map(|t| t.stem)
            .collect();
        assert_eq!(stems, ["6.40", "6", "10", "3", "1"]);
    }
}
