//! Direct quotations in an article and who speaks them.
//!
//! Quotation marks are found by the engine's one scanner (`text::quotes`, whole-paragraph
//! rules): straight and curly double quotes, guillemets, low-9 and single curly quotes. A quote
//! may span sentences; by the news convention a quote left open at the end of a paragraph
//! continues when the next paragraph opens with a quotation mark. The speaker is found from the
//! attribution around the quote (`Peskov said: "…"`, `"…," Zelenskiy said`,
//! `"…" he told attendees`, `according to Peskov`); pronouns and job descriptions ("the Kremlin
//! spokesperson") are resolved to a person named earlier when the text allows it. The rules are
//! hand-written heuristics: no parser is available offline and news attribution is formulaic.

// Every index is checked: an article is user data, and a word index one past the end (a quote
// closing the text) must never panic.
#![warn(clippy::indexing_slicing)]

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::lexicon::{QuoteWords, Word, words};
use crate::corpus::Span;

/// One direct quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Byte range into the article body, quotation marks included.
    pub range: Range<usize>,
    /// The speaker's name as the article writes it ("Dmitry Peskov"), when found.
    pub speaker: Option<String>,
    /// Words inside the quotation.
    pub words: usize,
    /// A lone word or two in quotation marks with no speaker: scare quotes.
    pub scare: bool,
}

/// The quotation (scare quotes included) holding all of byte range `r`, if any. `quotes` are an
/// article's, as [`find_quotes`] returns them: in text order and never overlapping, so the only
/// candidate is the last one starting at or before `r` (one binary search).
pub fn holding<'q>(quotes: &'q [Quote], r: &Range<usize>) -> Option<&'q Quote> {
    let k = quotes.partition_point(|q| q.range.start <= r.start);
    quotes
        .get(k.checked_sub(1)?)
        .filter(|q| r.end <= q.range.end)
}

/// Function words that start sentences and are never names on their own.
const FUNCTION_WORDS: &[&str] = &[
    "About",
    "Ahead",
    "Everybody",
    "Everyone",
    "Nobody",
    "Somebody",
    "Someone",
    "Almost",
    "Nearly",
    "Among",
    "Amid",
    "Across",
    "Against",
    "Along",
    "Also",
    "Additionally",
    "Despite",
    "During",
    "Since",
    "Until",
    "Meanwhile",
    "Moreover",
    "Furthermore",
    "Still",
    "Yet",
    "Instead",
    "Even",
    "Only",
    "Just",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Then",
    "There",
    "Here",
    "When",
    "Where",
    "If",
    "Unless",
    "Because",
    "So",
    "Such",
    "Both",
    "Each",
    "Every",
    "All",
    "Any",
    "No",
    "Not",
    "Nor",
    "Or",
    "For",
    "With",
    "Without",
    "From",
    "To",
    "At",
    "By",
    "Of",
    "Over",
    "Under",
    "Into",
    "Onto",
    "Upon",
    "Within",
    "Through",
    "Following",
    "Several",
    "Most",
    "More",
    "Less",
    "Few",
    "Other",
    "Another",
    "Those",
    "These",
    "Their",
    "His",
    "Her",
    "Its",
    "Our",
    "Your",
    "My",
    "Now",
    "Once",
    "Twice",
    "Again",
    "Indeed",
    "Well",
];

/// Closing marks: what a quotation's text ends with before the mark is stripped.
const CLOSERS: &[char] = &['"', '\u{201D}', '\u{00BB}', '\u{201C}'];

/// Quotation ranges of `body` (marks included), following the paragraphs in order: the
/// engine's one quotation scanner ([`crate::text::quotes::paragraph_quotes`]).
fn quote_ranges(body: &str, paragraphs: &[Span]) -> Vec<Range<usize>> {
    let paras: Vec<Range<usize>> = paragraphs.iter().map(Span::range).collect();
    crate::text::quotes::paragraph_quotes(body, &paras)
        .iter()
        .map(|q| q.outer(body))
        .filter(|r| r.end > r.start)
        .collect()
}

/// The person a "he" or "she" points at is of that gender, as far as a kinship word says.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pronoun {
    He,
    She,
}

impl Pronoun {
    fn of(word: &str) -> Option<Self> {
        match word {
            "he" => Some(Pronoun::He),
            "she" => Some(Pronoun::She),
            _ => None,
        }
    }
}

/// The gender a kinship or gendered noun gives the name set beside it ("her son, Eli,").
fn kin_gender(word: &str) -> Option<Pronoun> {
    match word {
        "son" | "brother" | "husband" | "father" | "grandfather" | "grandson" | "boy"
        | "nephew" | "uncle" | "stepson" | "stepfather" | "boyfriend" | "dad" => Some(Pronoun::He),
        "daughter" | "sister" | "wife" | "mother" | "grandmother" | "granddaughter" | "girl"
        | "niece" | "aunt" | "stepdaughter" | "stepmother" | "girlfriend" | "mum" | "mom" => {
            Some(Pronoun::She)
        }
        _ => None,
    }
}

/// Who an attribution points at before resolution.
#[derive(Debug, Clone, PartialEq)]
enum Who {
    Name(String),
    /// "he" or "she", as written.
    Pronoun(Pronoun),
    Role(String),
    /// "said the Privacy Frontline founder": a job held at a named body, resolved like a
    /// [`Who::Role`], else the body itself.
    RoleAt(String, String),
    /// Attributed to someone the text does not name ("according to Scholz's spokesperson").
    Unnamed,
}

struct Ctx<'a> {
    body: &'a str,
    words: Vec<Word>,
    /// First word of a sentence.
    initial: Vec<bool>,
    /// First word of the sentence holding each word.
    sent_start: Vec<usize>,
    /// Inside a quotation.
    quoted: Vec<bool>,
    lower_vocab: BTreeSet<String>,
    speech: BTreeSet<String>,
    roles: BTreeSet<String>,
    not_names: BTreeSet<String>,
}

/// Titles and ranks written before a name ("Attorney General", "Sheriff", "Rep"), cut from
/// the front of a speaker's name.
const TITLES: &[&str] = &[
    "Attorney",
    "General",
    "Sheriff",
    "Governor",
    "Gov",
    "Senator",
    "Sen",
    "Representative",
    "Rep",
    "Mayor",
    "Chair",
    "Chairman",
    "Chairwoman",
    "Chief",
    "Director",
    "Commissioner",
    "Speaker",
    "Leader",
    "Judge",
    "Justice",
    "Secretary",
    "President",
    "Minister",
    "Prime",
    "Chancellor",
    "Ambassador",
    "Commander",
    "Captain",
    "Officer",
    "Inspector",
    "Professor",
    "Deputy",
    "Vice",
    "Former",
    "Acting",
    "Detective",
    "Sergeant",
    "Lieutenant",
    "Colonel",
    "Editor",
    "Publisher",
    "Whip",
    "CEO",
    "Founder",
    "Executive",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Strategist",
    "Analyst",
    "Correspondent",
    "Host",
    "Counsel",
];
/// Prepositions: a name after one is a place, a medium or an object, not a speaker ("the
/// character of America", "said on Twitter", "On Christmas, the president said").
const PREPOSITIONS: &[&str] = &[
    "of", "in", "to", "for", "from", "with", "about", "at", "on", "by", "into", "against", "over",
    "across", "during", "before", "after", "via",
];

/// Abbreviated titles written with a stop before a name ("Mr. Perry"): no sentence ends there.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt", "Prof", "Rev",
    "St", "Jr", "Sr", "Hon", "Atty", "Supt", "Cmdr", "Adm", "Maj", "Cpl", "Pres",
];
/// Word `a` is an initial or an abbreviated title and only its stop (and a space) stands
/// between it and word `b` ("L. Richmond", "Mr. Perry"): no sentence ends there.
fn abbreviation_stop(body: &str, a: &Word, b: &Word) -> bool {
    let short = body.get(a.range.clone()).is_some_and(|p| {
        p.chars().count() == 1 && p.chars().all(char::is_uppercase)
            || TITLE_ABBREVIATIONS.contains(&p)
    });
    short
        && body.get(a.range.end..b.range.start).is_some_and(|g| {
            g.starts_with('.') && g.len() > 1 && g[1..].chars().all(|c| c == ' ' || c == '\u{00A0}')
        })
}

/// How many words after a quotation its speech verb may come ("…,” the minister said" is 2;
/// a speaker with an appositive needs more).
const MAX_SPEAKER_AFTER: usize = 20;
/// How many words after a quotation ending in "!" or "?" its speech verb may come ("“Stop
/// lying!” Mr. Fox wrote" is 3): the next sentence must open with the attribution.
const MAX_SPEAKER_AFTER_EXCLAIMED: usize = 6;
/// Longest name run taken as one name ("Dmitry Sergeyevich Peskov" is 3); a longer run of
/// capitalised words is a headline or a list, and capping it keeps each lookup bounded.
const MAX_NAME_WORDS: usize = 6;
/// How many chained speech verbs ("told state media on Sunday, stating") the subject search
/// follows back; a bound so a text of nothing but speech verbs stays linear.
const MAX_SUBJECT_HOPS: usize = 4;

impl Ctx<'_> {
    /// Word `i` opens a sentence; past the last word counts as a sentence start.
    fn initial(&self, i: usize) -> bool {
        self.initial.get(i).copied().unwrap_or(true)
    }

    /// Word `i` lies inside a quotation (false past the last word).
    fn quoted(&self, i: usize) -> bool {
        self.quoted.get(i).copied().unwrap_or(false)
    }

    fn lower(&self, i: usize) -> &str {
        self.words.get(i).map_or("", |w| w.lower.as_str())
    }

    fn is_name(&self, i: usize) -> bool {
        let Some(w) = self.words.get(i) else {
            return false;
        };
        let Some(raw) = self.body.get(w.range.clone()) else {
            return false;
        };
        let bare = strip_possessive(raw);
        w.cap
            && !bare.contains('.')
            && !bare.chars().any(|c| c.is_ascii_digit())
            && !self.not_names.contains(bare)
            && !FUNCTION_WORDS.contains(&bare)
            && !matches!(
                w.lower.as_str(),
                "he" | "she" | "they" | "it" | "we" | "i" | "i'll" | "i'm" | "i've" | "i'd"
            )
            && !(self.initial.get(i).copied().unwrap_or(false) && self.lower_vocab.contains(bare))
            && !self.opening_participle(i)
            && !self.dateline(i)
    }

    /// A participle opening a sentence ("Noting that …", "Asked by the host", "Trying to"):
    /// a capitalised word of five letters or more ending in -ing or -ed, with a lowercase word
    /// after it that is no verb of speech ("Redding said" stays a name).
    fn opening_participle(&self, i: usize) -> bool {
        let Some(w) = self.words.get(i) else {
            return false;
        };
        self.initial(i)
            && w.lower.chars().count() >= 5
            && (w.lower.ends_with("ing") || w.lower.ends_with("ed"))
            && self
                .words
                .get(i + 1)
                .is_some_and(|n| !n.cap && !self.is_speech(i + 1))
    }

    /// A dateline opening a paragraph ("WASHINGTON ― …", "KYIV (Reuters) -"): a place in
    /// capitals followed by a dash or a bracket, not a speaker.
    fn dateline(&self, i: usize) -> bool {
        let (Some(w), next) = (self.words.get(i), self.words.get(i + 1)) else {
            return false;
        };
        let raw = self.body.get(w.range.clone()).unwrap_or("");
        let capitals = raw.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && raw.chars().all(|c| !c.is_lowercase());
        let gap = self
            .body
            .get(w.range.end..next.map_or(self.body.len(), |n| n.range.start))
            .unwrap_or("");
        self.initial(i) && capitals && gap.contains(['\u{2015}', '\u{2014}', '\u{2013}', '(', '-'])
    }

    /// The name run ending at word `end` (inclusive), as written, possessive removed.
    fn run_ending(&self, end: usize, floor: usize) -> (usize, String) {
        let mut start = end;
        while start > floor
            && end - start + 1 < MAX_NAME_WORDS
            && self.is_name(start - 1)
            && self.adjacent(start - 1, start)
        {
            start -= 1;
        }
        (start, self.run_text(start, end))
    }

    /// The person named by the name run ending at word `end`: past a party tag ("Jane Roe
    /// (D-Colo.)"), and before the place or body they are of ("Rick Perry of Texas",
    /// "Jane Roe from the union").
    fn person_ending(&self, end: usize, floor: usize) -> String {
        let (mut s, mut name) = self.run_ending(end, floor);
        let tagged = s > floor
            && self.is_name(s - 1)
            && self
                .words
                .get(s - 1)
                .zip(self.words.get(s))
                .and_then(|(a, b)| self.body.get(a.range.end..b.range.start))
                .is_some_and(|g| g.contains('('));
        if tagged {
            (s, name) = self.run_ending(s - 1, floor);
        }
        // "Kay Bailey Hutchison, R-Texas, said": the party tag follows the person.
        let party_tag = name.split_once('-').is_some_and(|(p, _)| {
            (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_uppercase())
        });
        if party_tag && s > floor && self.gap_has_comma(s - 1, s) && self.is_name(s - 1) {
            return self.person_ending(s - 1, floor);
        }
        // "The Food and Drink Federation claimed": an organisation's name holds its "and"
        // when its noun closes it.
        if s >= floor + 2
            && self.lower(s - 1) == "and"
            && self.is_name(s - 2)
            && !self.quoted(s - 2)
            && self.is_organisation_head(end)
        {
            let (first, _) = self.run_ending(s - 2, floor);
            if end + 1 - first <= MAX_NAME_WORDS + 1 {
                return self.run_text(first, end);
            }
        }
        if s >= floor + 2
            && matches!(self.lower(s - 1), "of" | "from")
            && self.is_name(s - 2)
            && !self.quoted(s - 2)
        {
            // "the Bank of England", "the Pharmaceutical Research and Manufacturers of
            // America": an organisation's name holds its "of"; a person is not of a place.
            if self.lower(s - 1) == "of" && self.is_organisation_head(s - 2) {
                let (mut first, _) = self.run_ending(s - 2, floor);
                if first >= floor + 2
                    && self.lower(first - 1) == "and"
                    && self.is_name(first - 2)
                    && !self.quoted(first - 2)
                {
                    first = self.run_ending(first - 2, floor).0;
                }
                if end + 1 - first <= MAX_NAME_WORDS + 2 {
                    return self.run_text(first, end);
                }
            }
            return self.run_ending(s - 2, floor).1;
        }
        name
    }

    /// A capitalised word that heads an organisation's name before "of" ("Bank",
    /// "Department", "Manufacturers"): a noun for a body, or a plural for its members.
    fn is_organisation_head(&self, i: usize) -> bool {
        self.words.get(i).is_some_and(|w| {
            let l = w.lower.as_str();
            matches!(
                l,
                "bank"
                    | "department"
                    | "ministry"
                    | "association"
                    | "institute"
                    | "institution"
                    | "university"
                    | "college"
                    | "school"
                    | "chamber"
                    | "council"
                    | "federation"
                    | "confederation"
                    | "league"
                    | "board"
                    | "office"
                    | "court"
                    | "union"
                    | "church"
                    | "hospital"
                    | "clinic"
                    | "society"
                    | "academy"
                    | "foundation"
                    | "fund"
                    | "agency"
                    | "bureau"
                    | "commission"
                    | "committee"
                    | "organization"
                    | "organisation"
                    | "alliance"
                    | "coalition"
                    | "corporation"
                    | "authority"
                    | "directorate"
                    | "inspectorate"
                    | "secretariat"
                    | "administration"
                    | "company"
                    | "airport"
                    | "airline"
                    | "airlines"
                    | "group"
                    | "police"
                    | "service"
                    | "house"
                    | "museum"
                    | "centre"
                    | "center"
                    | "party"
                    | "government"
                    | "trust"
                    | "parliament"
                    | "senate"
                    | "congress"
            ) || (l.len() > 5
                && l.ends_with("ers")
                && self
                    .body
                    .get(w.range.clone())
                    .is_some_and(|raw| !raw.contains('\'')))
        })
    }

    /// The name run starting at word `start`, before `limit`. An organisation before a title
    /// and the person's name ("said RNC Chair Jane Roe") gives the person.
    fn run_starting(&self, start: usize, limit: usize) -> (usize, String) {
        let mut start = start;
        loop {
            let mut end = start;
            while end + 1 < limit
                && end - start + 1 < MAX_NAME_WORDS
                && self.is_name(end + 1)
                && self.adjacent(end, end + 1)
            {
                end += 1;
            }
            let title = end + 2 < limit
                && self.is_title(end + 1)
                && self.adjacent(end, end + 1)
                && self.adjacent(end + 1, end + 2)
                && self.is_name(end + 2);
            if !title {
                return (end, self.run_text(start, end));
            }
            start = end + 2;
        }
    }

    /// A capitalised word that is never a name on its own ("Chair", "Secretary").
    fn is_title(&self, i: usize) -> bool {
        self.words.get(i).is_some_and(|w| {
            w.cap
                && self
                    .body
                    .get(w.range.clone())
                    .is_some_and(|raw| self.not_names.contains(raw))
        })
    }

    /// The words `start..=end` as one name: a hyphen between two of them stays
    /// ("Holtz-Eakin"), any other gap is one space.
    fn run_text(&self, start: usize, end: usize) -> String {
        // "Colorado Attorney General John Suthers": the person is the name after the last
        // title, when two words are left ("Sheriff Arpaio" stays whole).
        let start = (start..end.saturating_sub(1))
            .rev()
            .find(|&k| {
                self.words
                    .get(k)
                    .and_then(|w| self.body.get(w.range.clone()))
                    .is_some_and(|raw| TITLES.contains(&strip_possessive(raw)))
            })
            .map_or(start, |k| k + 1);
        // A possessive inside the run: "St. Brendan's Regional Hospital" is one name (an
        // organisation's noun closes it) and keeps its "'s"; in "Google's Sundar Pichai" the
        // person is the two or more words after it; in "the FBI's Pittsburgh field office"
        // the speaker is the owner, "FBI".
        let raw_of = |k: usize| {
            self.words
                .get(k)
                .and_then(|w| self.body.get(w.range.clone()))
                .unwrap_or("")
        };
        let possessive =
            (start..end).find(|&k| strip_possessive(raw_of(k)).len() < raw_of(k).len());
        let keep_possessive = possessive.is_some_and(|_| self.is_organisation_head(end));
        let (start, end) = match possessive {
            Some(_) if keep_possessive => (start, end),
            Some(k) if end - k >= 2 => (k + 1, end),
            Some(k) => (start, k),
            None => (start, end),
        };
        let mut out = String::new();
        let mut prev: Option<&Word> = None;
        for (i, w) in (start..=end).filter_map(|i| self.words.get(i).map(|w| (i, w))) {
            let Some(raw) = self.body.get(w.range.clone()) else {
                continue;
            };
            if let Some(p) = prev {
                let gap = self.body.get(p.range.end..w.range.start).unwrap_or(" ");
                if gap.contains('-') {
                    out.push('-');
                } else if gap.starts_with('.') {
                    // An initial keeps its stop ("Cedric L. Richmond").
                    out.push_str(". ");
                } else {
                    out.push(' ');
                }
            }
            out.push_str(if keep_possessive && i < end {
                raw
            } else {
                strip_possessive(raw)
            });
            prev = Some(w);
        }
        out
    }

    /// Words `a` and `b` are written next to each other: a space or hyphen between them, or
    /// the stop of an initial or an abbreviated title ("Cedric L. Richmond", "Ohio Rep. Tim
    /// Ryan").
    fn adjacent(&self, a: usize, b: usize) -> bool {
        match (self.words.get(a), self.words.get(b)) {
            (Some(x), Some(y)) => self.body.get(x.range.end..y.range.start).is_some_and(|g| {
                g.chars().all(|c| c == ' ' || c == '-' || c == '\u{00A0}')
                    || abbreviation_stop(self.body, x, y)
            }),
            _ => false,
        }
    }

    fn is_speech(&self, i: usize) -> bool {
        self.words
            .get(i)
            .is_some_and(|w| self.speech.contains(&w.lower))
    }

    /// Manner verbs with a physical sense ("blasted the wall", "slammed the door") that
    /// report speech only right after a quotation they close: "“…,” she blasted." The verb
    /// must end the clause or come before its subject ("“…,” blasted Pryce").
    fn is_closing_manner_verb(&self, i: usize) -> bool {
        self.words.get(i).is_some_and(|w| {
            matches!(
                w.lower.as_str(),
                "blasted" | "slammed" | "thundered" | "roared" | "barked" | "hissed" | "spat"
            )
        }) && (self.initial(i + 1) || self.is_name(i + 1) || self.words.get(i + 1).is_none())
    }

    /// Verbs that report what someone called something ("called it a", "dubbed", "invoking",
    /// "rated the ad as", "deemed it").
    fn is_naming_verb(&self, i: usize) -> bool {
        self.words.get(i).is_some_and(|w| {
            let l = w.lower.as_str();
            [
                "call",
                "dub",
                "term",
                "label",
                "brand",
                "invok",
                "express",
                "describ",
                "refer",
                "deem",
                "characteri",
                "nicknam",
            ]
            .iter()
            .any(|p| l.starts_with(p))
                || matches!(
                    l,
                    "rated" | "rates" | "rate" | "marked" | "stamped" | "titled" | "entitled"
                )
        })
    }

    /// Verbs that judge or portray something, used with "as" to say what someone called it
    /// ("slammed the plan as", "hailed it as", "painted them as"). Several have a physical
    /// sense too ("slammed the door"), so they count only before "as" and a quotation.
    fn is_judging_verb(&self, i: usize) -> bool {
        self.words.get(i).is_some_and(|w| {
            let l = w.lower.as_str();
            [
                "slamm", "blast", "hail", "tout", "attack", "assail", "lambast", "excoriat",
                "berat", "castigat", "ridicul", "mock", "derid", "decri", "decry", "denounc",
                "dismiss", "prais", "critici", "condemn", "portray", "depict",
            ]
            .iter()
            .any(|p| l.starts_with(p))
                || matches!(
                    l,
                    "slams"
                        | "painted"
                        | "paints"
                        | "cast"
                        | "casts"
                        | "framed"
                        | "frames"
                        | "pitched"
                        | "billed"
                        | "welcomed"
                        | "rejected"
                        | "saw"
                        | "sees"
                        | "seen"
                        | "viewed"
                        | "views"
                        | "regarded"
                        | "regards"
                )
        })
    }

    /// Judging verbs that pass a verdict aloud ("blasted", "condemned", "hailed"): before a
    /// quoted word of the thing judged, the word is the judge's. Not "saw", "rejected" or
    /// "dismissed", whose object may be someone else's label.
    fn is_verdict_verb(&self, i: usize) -> bool {
        self.words.get(i).is_some_and(|w| {
            let l = w.lower.as_str();
            [
                "slamm", "blast", "condemn", "denounc", "decri", "decry", "lambast", "hail",
                "prais", "critici", "excoriat", "castigat", "assail", "berat",
            ]
            .iter()
            .any(|p| l.starts_with(p))
                || l == "slams"
        })
    }

    /// Speech verbs whose object is the speaker's own words ("cited a “generational gap”",
    /// "promised a “world-class” harbour"), unlike those whose object is a thing the speaker
    /// made public ("announced a “consultation”").
    fn takes_words_as_object(&self, i: usize) -> bool {
        self.words.get(i).is_some_and(|w| {
            matches!(
                w.lower.as_str(),
                "cited"
                    | "cites"
                    | "citing"
                    | "promised"
                    | "promises"
                    | "promising"
                    | "pledged"
                    | "pledges"
                    | "pledging"
                    | "vowed"
                    | "vows"
                    | "vowing"
                    | "demanded"
                    | "demands"
                    | "demanding"
                    | "quoted"
            )
        })
    }

    /// A verb of speech whose object is the person spoken to ("told", "asked", "assured").
    fn takes_addressee(&self, i: usize) -> bool {
        self.words.get(i).is_some_and(|w| {
            let l = w.lower.as_str();
            ["tell", "told", "ask", "assur", "inform", "brief", "remind"]
                .iter()
                .any(|stem| l.starts_with(stem))
        })
    }

    fn is_pronoun(&self, i: usize) -> bool {
        self.words
            .get(i)
            .is_some_and(|w| matches!(w.lower.as_str(), "he" | "she"))
    }

    fn is_role(&self, i: usize) -> bool {
        self.words
            .get(i)
            .is_some_and(|w| self.roles.contains(&w.lower))
    }

    fn gap_has_comma(&self, a: usize, b: usize) -> bool {
        match (self.words.get(a), self.words.get(b)) {
            (Some(x), Some(y)) => self
                .body
                .get(x.range.end..y.range.start)
                .is_some_and(|g| g.contains(',')),
            _ => false,
        }
    }

    /// The first word of the sentence holding word `i`, but not before `floor` (`i` itself
    /// when it is at or before `floor`).
    fn sentence_start(&self, i: usize, floor: usize) -> usize {
        if i <= floor {
            return i;
        }
        self.sent_start.get(i).copied().unwrap_or(i).max(floor)
    }

    /// The subject of the speech verb at `v`: before it (within `floor..v`, same sentence),
    /// else a name right after it ("stated Sergei Shoigu", "according to Peskov").
    fn subject(&self, v: usize, floor: usize, limit: usize) -> Option<Who> {
        let mut v = v;
        for _ in 0..=MAX_SUBJECT_HOPS {
            match self.subject_at(v, floor, limit) {
                Subject::Found(who) => return who,
                // "X told state media on Sunday, stating that …": the same subject.
                Subject::SameAs(j) => v = j,
            }
        }
        None
    }

    /// One step of [`Ctx::subject`]: the subject, or the earlier speech verb sharing it.
    fn subject_at(&self, v: usize, floor: usize, limit: usize) -> Subject {
        if self.words.get(v).is_some_and(|w| w.lower == "according") {
            // "according to X": X follows; a job word makes it an unnamed source.
            for k in v + 2..(v + 8).min(limit) {
                if self.quoted(k) || self.is_speech(k) {
                    break;
                }
                if self.is_role(k) {
                    return Subject::Found(Some(Who::Unnamed));
                }
                if self.is_name(k) {
                    let (end, name) = self.run_starting(k, limit);
                    if self.is_role(end + 1) && self.adjacent(end, end + 1) {
                        return Subject::Found(Some(Who::Unnamed));
                    }
                    return Subject::Found(Some(Who::Name(name)));
                }
                if self.gap_has_comma(k, k + 1) {
                    break;
                }
            }
            return Subject::Found(None);
        }
        // "X, a Kremlin spokesperson, said" / "X ... on December 22, said": the subject sits
        // before the appositive or opens the sentence.
        let after_conjunction = v > floor
            && self
                .words
                .get(v - 1)
                .is_some_and(|w| matches!(w.lower.as_str(), "and" | "but"));
        if after_conjunction {
            // "Trump, meanwhile, hinted … but revealed": the sentence's subject.
            let s = self.sentence_start(v - 1, floor);
            if let Some(k) = (s..v).find(|&k| self.is_name(k) && !self.quoted(k)) {
                return Subject::Found(Some(Who::Name(self.run_starting(k, v).1)));
            }
        }
        if v > floor && self.gap_has_comma(v - 1, v) {
            let s = self.sentence_start(v - 1, floor);
            // "Ana Ruiz, the director of the Traders Group, a trade body, said": a name that
            // opens the clause and ends at its first comma is the subject, however many
            // appositives follow.
            if let Some(k) = (s..v - 1).find(|&k| self.gap_has_comma(k, k + 1))
                && (s..=k).all(|i| self.is_name(i) && !self.quoted(i))
            {
                return Subject::Found(Some(Who::Name(self.person_ending(k, s))));
            }
            match (s..v - 1).rev().find(|&k| self.gap_has_comma(k, k + 1)) {
                Some(k) if self.is_name(k) && !self.quoted(k) => {
                    return Subject::Found(Some(Who::Name(self.person_ending(k, s))));
                }
                None => {
                    if let Some(k) = (s..v).find(|&k| self.is_name(k) && !self.quoted(k)) {
                        let (end, name) = self.run_starting(k, v);
                        if end + 1 < v && self.is_role(end + 1) && self.adjacent(end, end + 1) {
                            return Subject::Found(Some(self.role_subject(end + 1, k)));
                        }
                        return Subject::Found(Some(Who::Name(name)));
                    }
                }
                _ => {}
            }
        }
        // "Vey … was quick to point the finger at an outside tech firm, Stratalink, claiming
        // …": a name set off by commas after a common noun describes that noun, and a
        // participle after a comma takes the subject of its sentence, not the appositive.
        let participle =
            v > floor && self.gap_has_comma(v - 1, v) && self.lower(v).ends_with("ing");
        let mut j = v;
        while j > floor {
            j -= 1;
            if self.quoted(j) {
                break;
            }
            if self.is_name(j) && participle && j + 1 == v {
                let (start, _) = self.run_ending(j, floor);
                let appositive = start > floor
                    && self.gap_has_comma(start - 1, start)
                    && self.words.get(start - 1).is_some_and(|w| !w.cap);
                if appositive {
                    let s = self.sentence_start(j, floor);
                    let subject = (s..(s + 6).min(start)).find(|&k| {
                        self.is_name(k)
                            && !self.quoted(k)
                            && !k
                                .checked_sub(1)
                                .is_some_and(|p| PREPOSITIONS.contains(&self.lower(p)))
                    });
                    return Subject::Found(
                        subject.map(|k| Who::Name(self.run_starting(k, start).1)),
                    );
                }
            }
            if self.is_name(j) {
                // "The California Democrat spoke …, saying": a place or party before a job
                // word describes someone; the job word is the subject, not the place.
                if j + 1 < v && self.is_role(j + 1) && self.adjacent(j, j + 1) {
                    return Subject::Found(Some(self.role_subject(j + 1, j)));
                }
                return Subject::Found(Some(Who::Name(self.person_ending(j, floor))));
            }
            if let Some(p) = Pronoun::of(self.lower(j)).filter(|_| v - j <= 3) {
                return Subject::Found(Some(Who::Pronoun(p)));
            }
            if self.is_role(j) && v - j <= 3 {
                // "Putin's spokesperson": someone's unnamed aide.
                let owned = j
                    .checked_sub(1)
                    .and_then(|p| self.words.get(p))
                    .is_some_and(|w| w.cap && w.lower.ends_with("'s"));
                if owned {
                    return Subject::Found(Some(Who::Unnamed));
                }
                return Subject::Found(Some(self.role_subject(j, j)));
            }
            if self.is_speech(j) {
                return Subject::SameAs(j);
            }
            if self.initial(j) || v - j > 12 {
                break;
            }
        }
        // "told the Courier", "asked reporters": what follows a verb of telling is who was
        // told, never who spoke ("said Jane Roe" inverts; "told Jane Roe" does not).
        if self.takes_addressee(v) {
            return Subject::Found(None);
        }
        let after = v + 1;
        for k in after..(after + MAX_INVERTED_SUBJECT_WORDS).min(limit) {
            // "said on Twitter", "told reporters in Brooklyn": a place or medium, not a speaker.
            // "revealed that Corvane's workers had been …": what follows "that" is what was
            // said, and its subject is no speaker.
            if self.quoted(k)
                || PREPOSITIONS.contains(&self.lower(k))
                || matches!(self.lower(k), "that" | "whether")
            {
                break;
            }
            if self.is_name(k) {
                let (end, name) = self.run_starting(k, limit);
                // "said the Privacy Frontline founder", "said the Labour leader": the person
                // holding the job, not the body. A spokesperson or an official speaks for the
                // body and is seldom named: the body stays the speaker.
                if end + 1 < limit
                    && self.is_role(end + 1)
                    && self.adjacent(end, end + 1)
                    && !matches!(
                        self.lower(end + 1),
                        "spokesperson"
                            | "spokesman"
                            | "spokeswoman"
                            | "official"
                            | "aide"
                            | "insider"
                            | "source"
                            | "lawyer"
                            | "journalist"
                            | "democrat"
                            | "republican"
                    )
                {
                    return Subject::Found(Some(Who::RoleAt(
                        self.lower(end + 1).to_string(),
                        name,
                    )));
                }
                return Subject::Found(Some(Who::Name(name)));
            }
            if let Some(p) = Pronoun::of(self.lower(k)) {
                return Subject::Found(Some(Who::Pronoun(p)));
            }
            // "said lead author Dr. Hannah Okoro": a title opens the name next.
            if self.is_title(k) && self.is_name(k + 1) && self.adjacent(k, k + 1) {
                return Subject::Found(Some(Who::Name(self.run_starting(k + 1, limit).1)));
            }
            if self.is_role(k) {
                let names_next =
                    (self.is_name(k + 1) || self.is_title(k + 1)) && self.adjacent(k, k + 1);
                if names_next {
                    // "said housing director Tereshchenko" names the director next.
                    continue;
                }
                if self.gap_has_comma(k, k + 1) && self.is_name(k + 1) {
                    // "said the club's chief executive, Jane Roe": the name in apposition.
                    return Subject::Found(Some(Who::Name(self.run_starting(k + 1, limit).1)));
                }
                // "said one Democrat who opposed her", "said the spokesperson".
                return Subject::Found(Some(self.role_subject(k, k)));
            }
            if self.gap_has_comma(k, k + 1) {
                // "said the club's chief executive, Jane Roe": a description, then the name
                // in apposition.
                let described =
                    k > after && (after..=k).all(|x| self.words.get(x).is_some_and(|w| !w.cap));
                if described && self.is_name(k + 1) {
                    return Subject::Found(Some(Who::Name(self.run_starting(k + 1, limit).1)));
                }
                break;
            }
        }
        Subject::Found(None)
    }

    /// The speaker a job word at `role` stands for, its phrase starting at `from`: nobody in
    /// particular after "a"/"one"/"another" ("one Democrat who opposed her"), else the role,
    /// resolved to the person it names.
    fn role_subject(&self, role: usize, from: usize) -> Who {
        // The determiner may stand before a modifier or two: "an airport insider", "a senior
        // official", "one Kremlin source".
        let indefinite = (1..=3)
            .map_while(|back| {
                let k = from.checked_sub(back)?;
                (!self.quoted(k) && !self.gap_has_comma(k, k + 1)).then_some(k)
            })
            .map(|k| self.lower(k))
            .take_while(|l| !matches!(*l, "the" | "his" | "her" | "its" | "their"))
            .any(|l| matches!(l, "a" | "an" | "one" | "another" | "some" | "several"));
        if indefinite {
            Who::Unnamed
        } else {
            Who::Role(self.lower(role).to_string())
        }
    }
}

/// Words after an inverted verb of speech searched for its subject: "said the club's chief
/// executive, Jane Roe", "said lead author Dr. Hannah Okoro".
const MAX_INVERTED_SUBJECT_WORDS: usize = 5;

/// A step of the subject search.
enum Subject {
    Found(Option<Who>),
    SameAs(usize),
}

fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("\u{2019}s")
        .or_else(|| s.strip_suffix("'s"))
        .unwrap_or(s)
}

/// Finds the direct quotations of an article body and their speakers.
pub fn find_quotes(body: &str, paragraphs: &[Span], qw: &QuoteWords) -> Vec<Quote> {
    let ranges = quote_ranges(body, paragraphs);
    let ws = words(body);
    // Paragraphs and quotes are in text order: binary searches keep this linear-logarithmic.
    let para: Vec<usize> = ws
        .iter()
        .map(|w| {
            paragraphs
                .partition_point(|p| p.start <= w.range.start)
                .saturating_sub(1)
        })
        .collect();
    let initial: Vec<bool> = (0..ws.len())
        .map(|i| {
            let (Some(prev), Some(w)) = (i.checked_sub(1).and_then(|p| ws.get(p)), ws.get(i))
            else {
                return true;
            };
            if para.get(i) != para.get(i - 1) {
                return true;
            }
            // A sentence starts after a stop (or a colon) with a capital letter; "?" he added
            // stays in the same sentence, and so does the name after a title or an initial
            // ("Mr. Perry", "Sen. Bell", "J. Smith").
            w.cap
                && !abbreviation_stop(body, prev, w)
                && body
                    .get(prev.range.end..w.range.start)
                    .is_some_and(|g| g.contains(['.', '!', '?', ':']))
        })
        .collect();
    let mut sent_start = Vec::with_capacity(initial.len());
    let mut current = 0;
    for (i, &first) in initial.iter().enumerate() {
        if first {
            current = i;
        }
        sent_start.push(current);
    }
    let quoted: Vec<bool> = ws
        .iter()
        .map(|w| {
            let k = ranges.partition_point(|r| r.start <= w.range.start);
            k.checked_sub(1)
                .and_then(|k| ranges.get(k))
                .is_some_and(|r| r.end >= w.range.end)
        })
        .collect();
    let lower_vocab: BTreeSet<String> = ws
        .iter()
        .filter(|w| !w.cap)
        .filter_map(|w| body.get(w.range.clone()))
        .map(|s| {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect();
    let ctx = Ctx {
        body,
        initial,
        sent_start,
        quoted,
        lower_vocab,
        speech: qw.speech_verbs.iter().map(|s| s.to_lowercase()).collect(),
        roles: qw.role_nouns.iter().map(|s| s.to_lowercase()).collect(),
        not_names: qw.not_names.iter().cloned().collect(),
        words: ws,
    };
    let first_word_at = |pos: usize| ctx.words.partition_point(|w| w.range.start < pos);
    // Paragraphs are in order and disjoint: the one holding a byte is found by binary search.
    let para_holding = |pos: usize, inclusive_end: bool| {
        let k = paragraphs
            .partition_point(|p| p.start <= pos)
            .checked_sub(1)?;
        let p = paragraphs.get(k)?;
        let inside = if inclusive_end {
            p.start < pos && pos <= p.end
        } else {
            pos < p.end
        };
        inside.then_some(k)
    };
    let roles = RoleIndex::new(&ctx);

    let mut quotes: Vec<Quote> = Vec::new();
    // The latest quote given a speaker, with its paragraph: what `recent_speaker` answers from
    // (a rescan of every earlier quote made attribution quadratic in the quotation marks).
    let mut last_spoken: Option<(usize, String)> = None;
    for (qi, r) in ranges.iter().enumerate() {
        let qs = first_word_at(r.start);
        let qe = first_word_at(r.end);
        let n_words = qe.saturating_sub(qs);
        let Some(qpara) = para_holding(r.start, false) else {
            continue;
        };
        let end_para = para_holding(r.end, true)
            .or_else(|| para_holding(r.end.saturating_sub(1), false))
            .unwrap_or(qpara);
        // Context before: same paragraph, since the previous quote.
        let prev_end = qi
            .checked_sub(1)
            .and_then(|k| ranges.get(k))
            .map_or(0, |p| p.end);
        let floor = first_word_at(prev_end.max(paragraphs.get(qpara).map_or(0, |p| p.start)));
        // Context after: same paragraph, up to the next quote or the sentence end.
        let next_start = ranges.get(qi + 1).map_or(body.len(), |n| n.start);
        let para_end = paragraphs.get(end_para).map_or(body.len(), |p| p.end);
        let limit = first_word_at(next_start.min(para_end));
        let mut after_end = qe;
        while after_end < limit && (after_end == qe || !ctx.initial(after_end)) {
            after_end += 1;
        }
        let inner = body.get(r.clone()).unwrap_or("");
        let inner_trim = inner.trim_end_matches(CLOSERS);
        let ends_open = inner_trim.ends_with([',', '\u{2014}', '-']);
        // "“Stop lying!” Mr. Fox wrote": a quote ending in its own "!" or "?" runs into its
        // attribution although the next word is capitalised.
        let ends_exclaimed = inner_trim.ends_with(['!', '?']);
        let after = || -> Option<Who> {
            if ctx.initial(qe) && !ends_exclaimed {
                return None;
            }
            if ctx.initial(qe) {
                return (qe..after_end.min(qe + MAX_SPEAKER_AFTER_EXCLAIMED))
                    .find(|&v| ctx.is_speech(v))
                    .and_then(|v| ctx.subject(v, qe, after_end));
            }
            // Within the sentence; far enough for a speaker with an appositive ("…,” Michael
            // Elliott, the executive director of the group, a trade body, said). A verb with a
            // physical sense reports speech too right after a quotation it closes ("…,” she
            // blasted).
            (qe..after_end.min(qe + MAX_SPEAKER_AFTER))
                .find(|&v| {
                    ctx.is_speech(v) || ends_open && v <= qe + 2 && ctx.is_closing_manner_verb(v)
                })
                .and_then(|v| ctx.subject(v, qe, after_end))
        };
        let before = || -> Option<Who> {
            (floor..qs)
                .rev()
                .find(|&v| ctx.is_speech(v))
                .and_then(|v| ctx.subject(v, floor, qs))
        };
        // "doesn't use the word “cuts”", "the term “genocide”": the outlet mentions a word,
        // nobody is quoted and nothing is distanced. No quotation at all.
        // "the concept of “subsidiarity”", "the notion of “fairness”": the same, with "of".
        let mention_noun = |k: usize| {
            matches!(
                ctx.lower(k),
                "word"
                    | "words"
                    | "term"
                    | "terms"
                    | "phrase"
                    | "expression"
                    | "label"
                    | "slogan"
                    | "concept"
                    | "notion"
                    | "idea"
                    | "principle"
                    | "doctrine"
            )
        };
        let the = |k: usize| matches!(ctx.lower(k), "the" | "a" | "that" | "this" | "his" | "her");
        let mention = (1..=3).contains(&n_words)
            && qs >= 2
            && (mention_noun(qs - 1) && the(qs - 2)
                || qs >= 3
                    && ctx.lower(qs - 1) == "of"
                    && mention_noun(qs - 2)
                    && !matches!(ctx.lower(qs - 2), "word" | "words")
                    && (the(qs - 3)
                        || qs >= 4
                            && the(qs - 4)
                            && ctx
                                .words
                                .get(qs - 3)
                                .is_some_and(|w| !ctx.is_speech(qs - 3) && w.lower != "of")))
            && ctx
                .words
                .get(qs - 1)
                .and_then(|w| ctx.body.get(w.range.end..r.start))
                .is_some_and(|g| g.trim().is_empty());
        if mention {
            continue;
        }
        // A word or two in quotation marks right after a determiner labels something ("a
        // "referendum"", "the "peace" plan"): scare quotes, unless the sentence reports speech
        // ("He added that the war was a "bloody mess"").
        // A speech verb whose object the label is ("announced a “referendum”", "announced the
        // new “plan”") leaves it the outlet's label; one further off, or one with a
        // preposition between ("argued against a “career politician”"), reports speech.
        let sentence_start = ctx.sentence_start(qs.saturating_sub(1), floor);
        let det = |j: usize| matches!(ctx.lower(j), "a" | "an" | "the" | "its" | "their");
        let governs_label = |k: usize| {
            !ctx.takes_words_as_object(k)
                && (k + 2 == qs && det(k + 1)
                    || k + 3 == qs
                        && det(k + 1)
                        && ctx
                            .words
                            .get(k + 2)
                            .is_some_and(|w| !w.cap && !ctx.is_speech(k + 2)))
        };
        let reported =
            (sentence_start..qs.saturating_sub(1)).any(|k| ctx.is_speech(k) && !governs_label(k));
        // "It’s a “horrific policy,” Mr. Perry said": the quote runs into its attribution.
        let attributed_after = ends_open && after().is_some();
        let labelled = !reported
            && !attributed_after
            && (1..=2).contains(&n_words)
            && qs
                .checked_sub(1)
                .and_then(|k| ctx.words.get(k))
                .is_some_and(|w| {
                    matches!(
                        w.lower.as_str(),
                        "a" | "an" | "the" | "its" | "their" | "his" | "her" | "our"
                    )
                })
            && qs
                .checked_sub(1)
                .and_then(|k| ctx.words.get(k))
                .is_some_and(|w| {
                    ctx.body
                        .get(w.range.end..r.start)
                        .is_some_and(|g| g.trim().is_empty())
                });
        let who = if labelled {
            None
        } else if ends_open {
            after().or_else(before)
        } else {
            before().or_else(after)
        };
        let attributed = who.is_some();
        // A job or party word ("the California Democrat", "said the Privacy Frontline
        // founder"): the person named with it in this article, the speaker just quoted, or the
        // person a recent sentence is about (a second reference by description); else the body
        // the job is at, if any.
        let resolve_role = |role: &str, body: Option<String>| {
            let at = (floor..qs)
                .rev()
                .find(|&k| ctx.lower(k) == role)
                .unwrap_or(qs);
            // A party label fits many people of a story about that party: only a name written
            // next to it or the speaker just quoted resolves it, never the subject of some
            // earlier sentence.
            let party = body.is_none() && matches!(role, "democrat" | "republican");
            roles
                .latest(role, at)
                .or_else(|| recent_speaker(last_spoken.as_ref(), qpara, 2))
                .or_else(|| {
                    (!party)
                        .then(|| resolve_pronoun(&ctx, last_spoken.as_ref(), qpara, qs, None))
                        .flatten()
                })
                .or(body)
        };
        let speaker = match who {
            Some(Who::Name(n)) => Some(n),
            Some(Who::Unnamed) => None,
            Some(Who::Pronoun(p)) => {
                resolve_pronoun(&ctx, last_spoken.as_ref(), qpara, qs, Some(p))
            }
            Some(Who::Role(role)) => resolve_role(&role, None),
            Some(Who::RoleAt(role, body)) => resolve_role(&role, Some(body)),
            None if labelled => None,
            None => {
                // A paragraph opening with a quote and no attribution continues the previous
                // paragraph's speaker (news convention); a second quote in a paragraph keeps
                // the speaker of the first.
                let opens_para = paragraphs.get(qpara).is_some_and(|p| p.start == r.start);
                let back = if opens_para { 1 } else { 0 };
                recent_speaker(last_spoken.as_ref(), qpara, back)
            }
        };
        if let Some(name) = &speaker {
            last_spoken = Some((end_para, name.clone()));
        }
        // A short quoted phrase in a sentence that reports speech or naming ("called it a
        // "mistake"", "expressed "great admiration"", "invoking the "economic calamity" he
        // said he inherited") quotes the speaker's words; a Title Case phrase ("Homeland",
        // "Defeat ISIS") is a title or name. Neither is the outlet's distancing.
        // A label right after a determiner stays scare quotes ("announced a "referendum"")
        // unless a naming verb gives it to someone ("called it a "mistake"").
        let in_speech_sentence = (sentence_start..after_end)
            .filter(|k| *k < qs || *k >= qe)
            .any(|k| ctx.is_speech(k) || ctx.is_naming_verb(k));
        // "slammed the bill as a “reckless overreach”", "hailed it as “a new dawn”": a
        // verb that judges or describes, then "as", gives the quoted words to its subject.
        let as_k = if ctx.lower(qs.saturating_sub(1)) == "as" {
            Some(qs.saturating_sub(1))
        } else if qs >= 2 && ctx.lower(qs - 2) == "as" && det(qs - 1) {
            Some(qs - 2)
        } else {
            None
        };
        let described_as = as_k.is_some_and(|a| {
            (sentence_start..a).any(|k| ctx.is_speech(k) || ctx.is_judging_verb(k))
        });
        // "Pryce blasted the “callous” attack", "slammed “reckless” spending": a verb of
        // condemnation or praise right before the quoted words gives them to its subject.
        let condemned = [qs.checked_sub(2).filter(|&k| det(k + 1)), qs.checked_sub(1)]
            .into_iter()
            .flatten()
            .find(|&k| sentence_start <= k && ctx.is_verdict_verb(k));
        let named_by_someone = described_as
            || condemned.is_some()
            || (sentence_start..qs).any(|k| ctx.is_naming_verb(k));
        // The words are the subject's: "Sen. Tom Hadley slammed the bill as a “…”".
        let verdict_at = as_k.filter(|_| described_as).or(condemned);
        let speaker = match (speaker, verdict_at) {
            (None, Some(a)) if a > 0 && ctx.is_pronoun(a - 1) && condemned == Some(a) => {
                let p = Pronoun::of(ctx.lower(a - 1));
                resolve_pronoun(&ctx, last_spoken.as_ref(), qpara, qs, p)
            }
            (None, Some(a)) => (sentence_start..a.min(sentence_start + 6))
                .filter(|&k| {
                    !ctx.quoted(k)
                        && ctx.is_name(k)
                        && !k
                            .checked_sub(1)
                            .is_some_and(|p| PREPOSITIONS.contains(&ctx.lower(p)))
                })
                .map(|k| ctx.run_starting(k, a))
                // The name is the subject only when its verb follows ("Tom Hadley slammed",
                // "Hadley, a Republican, slammed", "Hadley has slammed"), not when it
                // modifies a noun ("Environmental advocates hailed"); "Health minister Gareth
                // Pryce blasted" tries the name after the job word.
                .find(|&(e, _)| {
                    ctx.is_judging_verb(e + 1)
                        || ctx.is_speech(e + 1)
                        || ctx.gap_has_comma(e, e + 1)
                        || matches!(ctx.lower(e + 1), "has" | "had" | "have" | "also" | "was")
                })
                .map(|(_, name)| name),
            (speaker, _) => speaker,
        };
        if let Some(name) = &speaker {
            last_spoken = Some((end_para, name.clone()));
        }
        let title = (qs..qe).all(|k| ctx.words.get(k).is_some_and(|w| w.cap)) && !ctx.initial(qs);
        let scare = !attributed
            && speaker.is_none()
            && (1..=2).contains(&n_words)
            && !title
            && !named_by_someone
            && (labelled || !in_speech_sentence);
        quotes.push(Quote {
            range: r.clone(),
            speaker,
            words: n_words,
            scare,
        });
    }
    quotes
}

/// The speaker of the latest quote within `back` paragraphs before (or in) paragraph `para`:
/// `last` is the latest quote that was given a speaker, with its paragraph.
fn recent_speaker(last: Option<&(usize, String)>, para: usize, back: usize) -> Option<String> {
    last.filter(|(qp, _)| qp + back >= para)
        .map(|(_, name)| name.clone())
}

/// "he"/"she": the speaker of a recent quote, else the subject (a name among the first words)
/// of one of the previous three sentences. A name set beside a kinship word of the other
/// gender is no antecedent ("Her four-year-old son, Eli, …" then "…,” she said").
fn resolve_pronoun(
    ctx: &Ctx<'_>,
    last: Option<&(usize, String)>,
    para: usize,
    at: usize,
    pronoun: Option<Pronoun>,
) -> Option<String> {
    if let Some(s) = recent_speaker(last, para, 1) {
        return Some(s);
    }
    // Start of the sentence holding the quote; its subject, unless that name runs straight
    // into the quote (Putin "wants to meet," he told…).
    // A name after a preposition is no subject ("the character of America").
    // "he"/"she" is a person: an organisation ("The Aviation Authority has launched …") is
    // passed over. A name after a preposition is a person when "who" follows it ("For Ana
    // Ruiz, who waited all day, …").
    // "her son, Eli," / "his daughter Mia": the noun before the name, past a comma.
    let other_gender = |k: usize| {
        pronoun.is_some_and(|p| {
            k.checked_sub(1)
                .and_then(|j| kin_gender(ctx.lower(j)))
                .is_some_and(|g| g != p)
        })
    };
    let subject_name = |k: usize| {
        if ctx.quoted(k) || !ctx.is_name(k) || other_gender(k) {
            return false;
        }
        let (end, _) = ctx.run_starting(k, ctx.words.len());
        if ctx.is_organisation_head(end) {
            return false;
        }
        !k.checked_sub(1)
            .is_some_and(|p| PREPOSITIONS.contains(&ctx.lower(p)))
            || (ctx.gap_has_comma(end, end + 1) && ctx.lower(end + 1) == "who")
    };
    // "Health minister Gareth Pryce": a name before a job word describes the person named
    // after it.
    let person_at = |k: usize, limit: usize| {
        let (end, name) = ctx.run_starting(k, limit);
        if end + 2 < limit
            && ctx.is_role(end + 1)
            && ctx.adjacent(end, end + 1)
            && ctx.is_name(end + 2)
            && ctx.adjacent(end + 1, end + 2)
        {
            return ctx.run_starting(end + 2, limit);
        }
        (end, name)
    };
    let mut i = ctx.sentence_start(at.min(ctx.words.len().saturating_sub(1)), 0);
    for k in i..at.min(i + 6) {
        // "He claimed the Government had …": a name after the pronoun is no antecedent of it.
        if ctx.is_pronoun(k) {
            break;
        }
        if subject_name(k) {
            let (end, name) = person_at(k, at);
            if end + 1 < at {
                return Some(name);
            }
            break;
        }
    }
    // "Top data cop Deirdre Halloran didn't …": a capitalised first word alone before a
    // lowercase one may be an ordinary word (the article never writes it in lowercase to
    // tell); a name later among the first words is the subject then.
    let weak = |k: usize| {
        ctx.initial(k)
            && ctx.run_starting(k, ctx.words.len()).0 == k
            && ctx
                .words
                .get(k + 1)
                .is_some_and(|n| !n.cap && !ctx.is_speech(k + 1))
    };
    // "For Mariel Dunstan, the news came too late. Her four-year-old son, Eli, …": the
    // possessive of the kinship word points at the person before it, and a person may open a
    // sentence after "For" when a comma closes the name.
    let mut possessor = false;
    let mut sentences = 0;
    while i > 0 && sentences < 3 {
        let end = i;
        i = ctx.sentence_start(i - 1, 0);
        sentences += 1;
        let window = i..end.min(i + 6);
        if possessor && matches!(ctx.lower(i), "for" | "to") && ctx.is_name(i + 1) {
            let (name_end, name) = ctx.run_starting(i + 1, end);
            if ctx.gap_has_comma(name_end, name_end + 1) && !ctx.is_organisation_head(name_end) {
                return Some(name);
            }
        }
        possessor = pronoun.is_some_and(|p| {
            Pronoun::of(match ctx.lower(i) {
                "her" => "she",
                "his" => "he",
                _ => "",
            }) == Some(p)
                && window.clone().any(|k| ctx.is_name(k) && other_gender(k))
        });
        if let Some(k) = window.clone().find(|&k| subject_name(k)) {
            let k = if weak(k) {
                window
                    .clone()
                    .find(|&j| j > k && subject_name(j))
                    .unwrap_or(k)
            } else {
                k
            };
            return Some(person_at(k, end).1);
        }
    }
    None
}

/// "the Kremlin spokesperson": where each job word is written next to a name ("spokesperson
/// Dmitry Peskov", "Dmitry Peskov, a Kremlin spokesperson"), found once per article so each
/// quote's lookup is a binary search rather than a rescan of the text before it.
struct RoleIndex {
    /// Job word → (word index, the name written next to it), in text order.
    named: BTreeMap<String, Vec<(usize, String)>>,
}

impl RoleIndex {
    fn new(ctx: &Ctx<'_>) -> Self {
        let mut named: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
        for (i, w) in ctx.words.iter().enumerate() {
            if !ctx.roles.contains(&w.lower) {
                continue;
            }
            if let Some(name) = Self::name_at(ctx, i) {
                named.entry(w.lower.clone()).or_default().push((i, name));
            }
        }
        RoleIndex { named }
    }

    fn name_at(ctx: &Ctx<'_>, i: usize) -> Option<String> {
        if ctx.is_name(i + 1) && ctx.adjacent(i, i + 1) {
            return Some(ctx.run_starting(i + 1, ctx.words.len()).1);
        }
        for back in 1..=4 {
            let j = i.checked_sub(back)?;
            let comma_after = ctx
                .words
                .get(j)
                .zip(ctx.words.get(j + 1))
                .and_then(|(w, n)| ctx.body.get(w.range.end..n.range.start))
                .is_some_and(|g| g.contains(','));
            // "Jane Roe, the mayor" names the mayor; "On Christmas, the president" does not.
            let (start, name) = ctx.run_ending(j, 0);
            let after_preposition = start
                .checked_sub(1)
                .is_some_and(|p| PREPOSITIONS.contains(&ctx.lower(p)));
            if ctx.is_name(j) && comma_after && !after_preposition {
                return Some(name);
            }
        }
        None
    }

    /// The latest name written next to `role` before word `before`.
    fn latest(&self, role: &str, before: usize) -> Option<String> {
        let list = self.named.get(role)?;
        let k = list.partition_point(|(i, _)| *i < before).checked_sub(1)?;
        list.get(k).map(|(_, name)| name.clone())
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::framing::lexicon::Lexicon;

    fn quotes_of(text: &str) -> Vec<(String, Option<String>)> {
        let a = crate::corpus::parse_text("t.txt", text);
        let lex = Lexicon::builtin();
        find_quotes(&a.body, &a.paragraphs, &lex.quotes)
            .into_iter()
            .map(|q| (a.body[q.range].to_string(), q.speaker))
            .collect()
    }

    #[test]
    fn speaker_before_and_after() {
        let q = quotes_of(
            "Kremlin spokesperson Dmitry Peskov said: \"We welcome this.\"\n\
             \"It is a big issue,\" Zelenskiy said on X.\n\
             \u{201C}Why?\u{201D} he added.",
        );
        assert_eq!(q.len(), 3, "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("Dmitry Peskov"));
        assert_eq!(q[1].1.as_deref(), Some("Zelenskiy"));
        assert_eq!(q[2].1.as_deref(), Some("Zelenskiy"));
    }

    #[test]
    fn the_subject_of_a_reported_clause_and_an_appositive_are_no_speakers() {
        let q = quotes_of(
            "The union said staff were tired.\n\
             Union chiefs revealed that Corvane\u{2019}s IT workers had been \u{201C}run into the ground\u{201D} for years.",
        );
        assert_eq!(q[0].1, None, "{q:?}");
        let q = quotes_of(
            "Boss Martin Vey was quick to point the finger at an outside firm, Stratalink, claiming one of its \u{201C}routine\u{201D} updates caused it.",
        );
        assert_eq!(q[0].1.as_deref(), Some("Martin Vey"), "{q:?}");
        // A name that opens the clause before the comma still speaks.
        let q = quotes_of(
            "The board met on Friday, with Ana Ruiz, saying the plan was \u{201C}dead\u{201D}.",
        );
        assert_eq!(q[0].1.as_deref(), Some("Ana Ruiz"), "{q:?}");
    }

    #[test]
    fn a_pronoun_skips_a_relative_of_the_other_gender() {
        let q = quotes_of(
            "For Mariel Dunstan, the news came too late.\n\
             Her four-year-old son, Eli, spent three nights in hospital last week.\n\
             \u{201C}I gave it to him because I trusted it,\u{201D} she said.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("Mariel Dunstan"));
        // The same gender leaves the relative a candidate: "his son, Eli, … he said".
        let q = quotes_of(
            "The farmer lost his barn.\n\
             His son, Eli Marsh, was asleep upstairs when the fire started.\n\
             \u{201C}I woke up to the smoke,\u{201D} he said.",
        );
        assert_eq!(q[0].1.as_deref(), Some("Eli Marsh"), "{q:?}");
        // No possessive to follow back: no speaker rather than the wrong one.
        let q = quotes_of(
            "The boy, Eli, was treated at the hospital.\n\
             \u{201C}We were terrified,\u{201D} she said.",
        );
        assert_eq!(q[0].1, None, "{q:?}");
    }

    #[test]
    fn quote_continues_into_next_paragraph() {
        let q = quotes_of(
            "Peskov continued: \u{201C}What is required is dialogue.\n\
             \u{201C}We welcome this.\n\
             \u{201C}There are no specifics.\u{201D}\n\
             Trump disagreed.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].0.contains("dialogue") && q[0].0.contains("specifics"));
        assert_eq!(q[0].1.as_deref(), Some("Peskov"));
    }

    #[test]
    fn names_run_on_past_initials_and_abbreviated_titles() {
        let q = quotes_of(
            "\u{201C}We lost the vote,\u{201D} said Cedric L. Richmond of Louisiana.\n\
             \u{201C}It is a reckless plan,\u{201D} Mr. Porter said.\n\
             Ohio Rep. Tim Ryan said: \u{201C}We will be back.\u{201D}\n\
             \u{201C}Stop stalling!\u{201D} Ms. Alvarez wrote.",
        );
        assert_eq!(q[0].1.as_deref(), Some("Cedric L. Richmond"), "{q:?}");
        assert_eq!(q[1].1.as_deref(), Some("Porter"), "{q:?}");
        assert_eq!(q[2].1.as_deref(), Some("Tim Ryan"), "{q:?}");
        assert_eq!(q[3].1.as_deref(), Some("Alvarez"), "{q:?}");
    }

    #[test]
    fn a_party_label_is_no_name_and_names_nobody_in_particular() {
        let q = quotes_of(
            "If Ryan had won, the team would have changed.\n\
             The California Democrat spoke after the vote, saying she felt \u{201C}exhilarated\u{201D} at the result.\n\
             \u{201C}There is a lot of anger,\u{201D} said one Democrat who opposed her.",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(q.iter().all(|(_, s)| s.is_none()), "{q:?}");
    }

    #[test]
    fn a_quote_broken_by_a_line_break_keeps_its_speaker() {
        let q = quotes_of(
            "Rivera thanked the staff.\n\
             \u{201C}We are well beyond politics.\n\
             It is about the character of America,\u{201D} Pelosi said.\n\
             \u{201C}We know how to win,\u{201D} she added.",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(
            q[0].0.contains("politics") && q[0].0.contains("America"),
            "{q:?}"
        );
        assert_eq!(q[0].1.as_deref(), Some("Pelosi"), "{q:?}");
        assert_eq!(q[1].1.as_deref(), Some("Pelosi"), "{q:?}");
    }

    #[test]
    fn datelines_participles_places_and_party_tags_are_no_speakers() {
        let q = quotes_of(
            "WASHINGTON \u{2015} \u{201C}We will vote,\u{201D} Lopez said.\n\
             Noting that the bill failed, she said it was \u{201C}a setback for the state.\u{201D}\n\
             \u{201C}We are ready,\u{201D} Sen. Ada Brandt, R-Texas, said.\n\
             \u{201C}It is over,\u{201D} he said on Twitter.\n\
             Weekly Standard Editor Bill Kristol said: \u{201C}No deal.\u{201D}",
        );
        assert_eq!(q.len(), 5, "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("Lopez"), "{q:?}");
        assert_eq!(q[1].1.as_deref(), Some("Lopez"), "{q:?}");
        assert_eq!(q[2].1.as_deref(), Some("Ada Brandt"), "{q:?}");
        assert_eq!(q[3].1.as_deref(), Some("Ada Brandt"), "{q:?}");
        assert_eq!(q[4].1.as_deref(), Some("Bill Kristol"), "{q:?}");
    }

    #[test]
    fn a_name_after_a_preposition_is_no_role_holder() {
        let q = quotes_of(
            "Ahead of the holiday, Everybody waited.\n\
             On Christmas, the president said \u{201C}walls work.\u{201D}",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(
            q[0].1
                .as_deref()
                .is_none_or(|s| s != "Christmas" && s != "Ahead"),
            "{q:?}"
        );
    }

    #[test]
    fn pronoun_and_role_resolution() {
        let q = quotes_of(
            "On Thursday, Trump hosted governors at his estate. Putin \"wants to meet,\" he told attendees.\n\
             Dmitry Peskov, a Kremlin spokesperson, disputed it.\n\
             \u{201C}The signals are positive\u{201D} now, the Kremlin spokesperson told state media.",
        );
        assert_eq!(q[0].1.as_deref(), Some("Trump"), "{q:?}");
        assert_eq!(q[1].1.as_deref(), Some("Dmitry Peskov"), "{q:?}");
    }

    #[test]
    fn the_person_told_is_no_speaker() {
        let q = quotes_of(
            "But a hospital insider told the Gazette: \"Nobody listened to us.\"\n\
             Ana Ruiz told Tom Bell: \"We will appeal.\"",
        );
        let who: Vec<Option<&str>> = q.iter().map(|(_, w)| w.as_deref()).collect();
        assert_eq!(who, [None, Some("Ana Ruiz")], "{q:?}");
    }

    #[test]
    fn she_is_a_person_not_the_organisation_named_before() {
        let q = quotes_of(
            "The Port Inspectorate has opened an inquiry. For Ana Ruiz, who waited all day, \
             the answers cannot come soon enough. \"I will be back,\" she said.",
        );
        assert_eq!(
            q.first().and_then(|(_, w)| w.as_deref()),
            Some("Ana Ruiz"),
            "{q:?}"
        );
        let q =
            quotes_of("The Port Inspectorate has opened an inquiry. \"I will be back,\" she said.");
        assert_eq!(q.first().and_then(|(_, w)| w.clone()), None, "{q:?}");
    }

    #[test]
    fn a_word_quoted_after_a_verb_of_condemnation_is_the_condemners() {
        let text = "Health minister Gareth Pryce blasted the \"callous\" attack in the Commons.\n\n\
                    Critics slammed \u{201C}reckless\u{201D} spending. He condemned the \"cowardly\" raid.";
        let a = crate::corpus::parse_text("t.txt", text);
        let lex = Lexicon::builtin();
        let q = find_quotes(&a.body, &a.paragraphs, &lex.quotes);
        assert_eq!(q.len(), 3, "{q:?}");
        assert!(q.iter().all(|q| !q.scare), "{q:?}");
        assert_eq!(q[0].speaker.as_deref(), Some("Gareth Pryce"));
        // "he" is the last person named: the minister.
        assert_eq!(q[2].speaker.as_deref(), Some("Gareth Pryce"));
        // Seeing or rejecting a label is no verdict of one's own: the outlet's scare quotes.
        let q = quotes_of("Mayor Ana Ruiz rejected the \"upgrade\" outright.");
        assert_eq!(q.first().and_then(|(_, w)| w.clone()), None, "{q:?}");
    }

    #[test]
    fn a_verb_with_a_physical_sense_reports_speech_only_closing_a_quotation() {
        // The tabloid's "she blasted" after the quotation is its attribution; the person is
        // the one named in the sentence before.
        let q = quotes_of(
            "Top data cop Deirdre Halloran didn't mince her words.\n\n\
             \"These transfers were systematic and continuous,\" she blasted.\n\n\
             \"It is over,\" slammed Marcus Feld.",
        );
        let speakers: Vec<Option<&str>> = q.iter().map(|(_, w)| w.as_deref()).collect();
        assert_eq!(
            speakers,
            [Some("Deirdre Halloran"), Some("Marcus Feld")],
            "{q:?}"
        );
        // Followed by an object, the verb is the physical one, and it attributes nothing.
        let q = quotes_of(
            "Marcus Feld spoke on Monday.\n\n\"The door,\" she slammed the lid on it, \"is shut.\"",
        );
        assert!(q.iter().all(|(_, w)| w.is_none()), "{q:?}");
        // A complaint verb reports speech: the quoted words after it are the speaker's.
        let text =
            "Policy boss Marcus Feld moaned that the firm had been \"singled out\" unfairly.";
        let a = crate::corpus::parse_text("t.txt", text);
        let lex = Lexicon::builtin();
        let q = find_quotes(&a.body, &a.paragraphs, &lex.quotes);
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(!q[0].scare, "{q:?}");
        assert_eq!(q[0].speaker.as_deref(), Some("Marcus Feld"));
    }

    #[test]
    fn a_job_at_a_named_body_is_the_person_holding_it_a_spokesman_speaks_for_the_body() {
        let q = quotes_of(
            "Privacy warrior Lena Hartwig, who has fought the firm for a decade, was delighted.\n\n\
             \"This is a huge win for ordinary people,\" said the Privacy Frontline founder.",
        );
        assert_eq!(
            q.first().and_then(|(_, w)| w.as_deref()),
            Some("Lena Hartwig"),
            "{q:?}"
        );
        let q = quotes_of(
            "Deirdre Halloran announced the fine on Monday.\n\n\
             \"We will appeal,\" said the Lumora spokesman.",
        );
        assert_eq!(
            q.first().and_then(|(_, w)| w.as_deref()),
            Some("Lumora"),
            "{q:?}"
        );
    }

    #[test]
    fn a_name_after_the_pronoun_is_no_antecedent() {
        let q = quotes_of(
            "Health minister Gareth Pryce spoke in the Commons.\n\n\
             He claimed the Government had ploughed money into cyber \"resilience\" since 2021.",
        );
        assert_eq!(
            q.first().and_then(|(_, w)| w.as_deref()),
            Some("Gareth Pryce"),
            "{q:?}"
        );
    }

    #[test]
    fn a_tabloid_label_before_a_name_is_no_part_of_it() {
        let q = quotes_of(
            "Gran Jean Whitlock, 71, fumed: \u{201C}I was sent home.\u{201D}\n\n\
             Patients' champion Margaret Doyle raged: \"People have been left in the dark.\"",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("Jean Whitlock"), "{q:?}");
        assert_eq!(q[1].1.as_deref(), Some("Margaret Doyle"), "{q:?}");
    }

    #[test]
    fn a_verdict_given_by_someone_is_no_scare_quote() {
        // The checker's rating is its word, not the outlet's distancing.
        for text in [
            "The fact-checkers rated the advert as “misleading,” noting its figures.",
            "The panel deemed the plan “unworkable” after a year.",
        ] {
            let a = crate::corpus::parse_text("t.txt", text);
            let lex = Lexicon::builtin();
            let q = find_quotes(&a.body, &a.paragraphs, &lex.quotes);
            assert_eq!(q.len(), 1, "{text}");
            assert!(q.iter().all(|q| !q.scare), "{text}");
        }
    }

    #[test]
    fn a_speaker_with_a_long_appositive_after_the_quote() {
        let q = quotes_of(
            "“They will put the gangs back in charge,” Ana Ruiz, the executive director of the Harbour Traders Group, a Hull-based trade body, said in a statement.",
        );
        assert_eq!(q.first().and_then(|(_, w)| w.as_deref()), Some("Ana Ruiz"));
    }

    #[test]
    fn a_word_mentioned_is_no_quotation() {
        // "the word “closure”" names a word: not speech of the agency named later, not scare
        // quotes.
        let q = quotes_of(
            "Though she avoided the word “closure,” the ward will shut, according to the Health Agency.",
        );
        assert!(q.is_empty(), "{q:?}");
        // A real quotation after "word" as a noun of speech stays one.
        let q = quotes_of("Her last word was “never,” Ms. Park said.");
        assert_eq!(q.len(), 1);
    }

    #[test]
    fn speaker_names_keep_hyphens_and_drop_titles() {
        let q = quotes_of(
            "\"We will appeal,\" said Port Chair Ana Ruiz. Joan Holtz-Baker said, \"It is over.\"",
        );
        let who: Vec<Option<String>> = q.into_iter().map(|(_, w)| w).collect();
        assert_eq!(
            who,
            [
                Some("Ana Ruiz".to_string()),
                Some("Joan Holtz-Baker".to_string())
            ]
        );
        let q = quotes_of(
            "Springfield Attorney General Lena Park of Springfield said she would “never sign it.”",
        );
        assert_eq!(q.first().and_then(|(_, w)| w.as_deref()), Some("Lena Park"));
        let q = quotes_of(
            "Rep. Lena Park (D-Ill.), who chairs the panel, told reporters it was “a disgrace.”",
        );
        assert_eq!(q.first().and_then(|(_, w)| w.as_deref()), Some("Lena Park"));
        let q =
            quotes_of("Mayor Lena Park of Springfield on Monday said she would “never sign it.”");
        assert_eq!(q.first().and_then(|(_, w)| w.as_deref()), Some("Lena Park"));
    }

    #[test]
    fn inverted_attribution_finds_the_name_past_a_description_or_a_title() {
        let who = |text: &str| quotes_of(text).first().and_then(|(_, w)| w.clone());
        assert_eq!(
            who(
                "\"Our findings suggest a lower risk,\" said lead author Dr. Hannah Okoro, an epidemiologist."
            ),
            Some("Hannah Okoro".to_string())
        );
        assert_eq!(
            who("\"It is over,\" said the club's chief executive, Jane Roe."),
            Some("Jane Roe".to_string())
        );
        assert_eq!(
            who("\"We will appeal,\" said union spokesman Tom Ruiz."),
            Some("Tom Ruiz".to_string())
        );
        assert_eq!(
            who(
                "The Food and Drink Federation claimed processed foods could be \"part of a balanced diet\"."
            ),
            Some("Food and Drink Federation".to_string()),
            "an organisation's name holds its \"and\""
        );
        assert_eq!(
            who("Smith and Jones said the plan was \"dead on arrival\"."),
            Some("Jones".to_string()),
            "two people are not one organisation"
        );
    }

    #[test]
    fn a_possessive_inside_a_speakers_name_gives_the_owner_the_person_or_the_organisation() {
        let who = |text: &str| quotes_of(text).first().and_then(|(_, w)| w.clone());
        assert_eq!(
            who(
                "The FBI\u{2019}s Pittsburgh field office confirmed it was \u{201c}aware of the incident.\u{201d}"
            ),
            Some("FBI".to_string())
        );
        assert_eq!(
            who("Google's Sundar Pichai said the company was \"deeply sorry\" for the outage."),
            Some("Sundar Pichai".to_string())
        );
        assert_eq!(
            who("St. Brendan's Regional Hospital said it was \"working around the clock.\""),
            Some("St. Brendan's Regional Hospital".to_string())
        );
    }

    #[test]
    fn single_curly_quotes_and_apostrophes() {
        let q = quotes_of(
            "Peskov said: \u{2018}Kyiv\u{2019}s plan won\u{2019}t work.\u{2019} Trump disagreed.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert!(q[0].0.ends_with("work.\u{2019}"), "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("Peskov"));
        // Apostrophes alone are no quotes.
        assert!(quotes_of("Trump\u{2019}s team and the Russians\u{2019} plan.").is_empty());
    }

    #[test]
    fn lone_word_without_speaker_is_scare_quoted() {
        let a = crate::corpus::parse_text("t.txt", "The \"peace\" plan was unveiled.");
        let qs = find_quotes(&a.body, &a.paragraphs, &Lexicon::builtin().quotes);
        assert_eq!(qs.len(), 1);
        assert!(qs[0].scare && qs[0].speaker.is_none());
    }
}
