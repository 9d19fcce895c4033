//! Framing marks on a text: every lexicon hit, flagged as the outlet's own wording or as quoted
//! (with the speaker), plus scare quotes as doubt markers; and own/quoted word counts.

use super::lexicon::{Lexicon, words};
use super::quotes::Quote;
use super::{Mark, Strength};

/// Category id of scare quotes (a lone word in quotation marks with no speaker).
pub const SCARE_QUOTES: &str = "doubt_marker";

/// The quote (not scare quotes) holding byte range `r`, if any.
fn quote_of<'q>(quotes: &'q [Quote], r: &std::ops::Range<usize>) -> Option<&'q Quote> {
    super::quotes::holding(quotes, r).filter(|q| !q.scare)
}

/// All marks of `text`, in order of position.
pub fn mark_text(text: &str, quotes: &[Quote], lex: &Lexicon) -> Vec<Mark> {
    let mut out: Vec<Mark> = lex
        .find(text)
        .into_iter()
        .map(|h| {
            let q = quote_of(quotes, &h.range);
            Mark {
                range: h.range,
                category: h.category,
                term: h.term,
                quoted: q.is_some(),
                contrast: None,
                strength: Strength::Plain,
                speaker: q.and_then(|q| q.speaker.clone()),
            }
        })
        .collect();
    // Scare quotes count as doubt markers when the lexicon has that category.
    let scare_category = lex.categories.iter().any(|c| c.id == SCARE_QUOTES);
    for q in quotes.iter().filter(|q| q.scare && scare_category) {
        if text.get(q.range.clone()).is_none() {
            continue;
        }
        out.push(Mark {
            range: q.range.clone(),
            category: SCARE_QUOTES.to_string(),
            term: "scare quotes".to_string(),
            quoted: false,
            contrast: None,
            strength: Strength::Plain,
            speaker: None,
        });
    }
    out.sort_by(|a, b| {
        (a.range.start, a.range.end, &a.category).cmp(&(b.range.start, b.range.end, &b.category))
    });
    out
}

/// (all words, words inside quotations other than scare quotes) of `text`.
pub fn count_words(text: &str, quotes: &[Quote]) -> (usize, usize) {
    let ws = words(text);
    let quoted = ws
        .iter()
        .filter(|w| quote_of(quotes, &w.range).is_some())
        .count();
    (ws.len(), quoted)
}

/// Which of `marks` are in a speaker's voice rather than the outlet's: a cue of the outlet's
/// voice ([`super::voice_cue`]: a report verb, vague attribution, a hedge or a booster) inside a
/// direct quotation is the speaker's verbatim word ("“I'm not ashamed to admit that I'm a
/// Christian,” Perry said"; "“Could be a long time,” Mr. Trump said"). Indirect speech is the
/// outlet's own paraphrase ("Trump said he could end it" against "… he would end it") and
/// stays the outlet's; loaded words and naming choices in a quotation stay marked (quoted):
/// the outlet chose to print them.
pub fn in_speakers_voice(marks: &[Mark]) -> impl Iterator<Item = bool> + '_ {
    marks
        .iter()
        .map(|m| m.quoted && super::voice_cue(&m.category))
}
