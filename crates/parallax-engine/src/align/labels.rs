//! Short readable labels for events, from their key terms.
//!
//! Key terms are the terms shared by the most sources of the event, heaviest first. The label
//! reads like a headline fragment of the event's most central passage (the one linked to the
//! most of the event's sources, then the most strongly, then the closest to its centroid: the
//! passage the others were found to report; among equals, the one in the plainer voice):
//! "Speaker: claim" when
//! that passage reports what someone said ("Peskov: no plans for a meeting", see
//! `align::headline`); else the shortest stretch of it that holds the top key terms, when that
//! stretch is short ("Putin wants to meet"); else its main clause. Never a keyword list.

use std::collections::BTreeMap;

use super::features::Vector;
use crate::text;

/// Longest label taken from a passage, in words.
const MAX_LABEL_WORDS: usize = 8;
/// Number of key terms kept per event.
const KEY_TERMS: usize = 4;

/// One member of an event as the labeller sees it.
pub struct Member<'a> {
    pub article: usize,
    pub text: &'a str,
    pub vector: &'a Vector,
    /// Other sources of the event this passage is linked to.
    pub linked_sources: usize,
    /// The summed score of those links.
    pub link_weight: f32,
}

/// (label, key terms as they read in the text).
pub fn label(members: &[Member<'_>], keys: &[&str]) -> (String, Vec<String>) {
    // Term → (articles having it, summed weight).
    let mut stats: BTreeMap<u32, (Vec<usize>, f32)> = BTreeMap::new();
    for m in members {
        for (&t, &w) in m.vector.terms.iter().zip(&m.vector.weights) {
            let key = keys.get(t as usize).copied().unwrap_or("");
            if key.is_empty() || key.starts_with('!') {
                continue;
            }
            let e = stats.entry(t).or_default();
            // Members come sorted by article: a repeat is always the last one pushed.
            if e.0.last() != Some(&m.article) {
                e.0.push(m.article);
            }
            e.1 += w;
        }
    }
    let mut ranked: Vec<(u32, usize, f32)> =
        stats.iter().map(|(&t, (a, w))| (t, a.len(), *w)).collect();
    ranked.sort_by(|x, y| y.1.cmp(&x.1).then(y.2.total_cmp(&x.2)).then(x.0.cmp(&y.0)));
    let shared = ranked.iter().filter(|r| r.1 >= 2).count();
    let top: Vec<u32> = ranked
        .iter()
        .take(if shared >= 2 {
            shared.min(KEY_TERMS)
        } else {
            KEY_TERMS
        })
        .map(|r| r.0)
        .collect();

    // The central member: closest to the event's centroid.
    let mut centroid: BTreeMap<u32, f32> = BTreeMap::new();
    for m in members {
        for (&t, &w) in m.vector.terms.iter().zip(&m.vector.weights) {
            *centroid.entry(t).or_insert(0.0) += w;
        }
    }
    let closeness = |v: &Vector| -> f32 {
        v.terms
            .iter()
            .zip(&v.weights)
            .map(|(t, w)| w * centroid.get(t).copied().unwrap_or(0.0))
            .sum()
    };
    // The central member: linked to the most sources of the event, then most strongly (a lede
    // every outlet reports, not a side sentence one link hangs on). Members that tie there (the
    // two passages of a two-passage event always do) are told apart by their wording: the one
    // in the outlet's plainer voice (fewer loaded words, labels, loaded report verbs, hedges
    // and boosters in its narration, by the built-in lexicon), then the one closest to the event's centroid.
    let strongest = |x: &Member<'_>, y: &Member<'_>| {
        x.linked_sources
            .cmp(&y.linked_sources)
            .then(x.link_weight.total_cmp(&y.link_weight))
    };
    let best = members.iter().max_by(|x, y| strongest(x, y));
    let tied: Vec<(usize, &Member<'_>)> = members
        .iter()
        .enumerate()
        .filter(|(_, m)| best.is_some_and(|b| strongest(m, b).is_eq()))
        .collect();
    let register: Vec<usize> = if tied.len() > 1 {
        tied.iter().map(|(_, m)| charged_words(m.text)).collect()
    } else {
        vec![0; tied.len()]
    };
    let central = tied
        .iter()
        .zip(&register)
        .max_by(|((i, x), rx), ((j, y), ry)| {
            ry.cmp(rx)
                .then(closeness(x.vector).total_cmp(&closeness(y.vector)))
                .then(j.cmp(i))
        })
        .map(|((_, m), _)| *m);

    // Surface forms of the key terms, as they read in the central passage (or any member).
    let key_of = |t: u32| keys.get(t as usize).copied().unwrap_or("");
    let mut surface: BTreeMap<u32, String> = BTreeMap::new();
    for m in central.into_iter().chain(members.iter()) {
        // Tokenising is the cost here: stop once every top term has its surface form.
        if surface.len() == top.len() {
            break;
        }
        for tok in text::tokenize(m.text) {
            if let Some(&t) = top.iter().find(|&&t| key_of(t) == tok.stem) {
                surface
                    .entry(t)
                    .or_insert_with(|| m.text.get(tok.start..tok.end).unwrap_or("").to_string());
            }
        }
    }
    let key_terms: Vec<String> = top.iter().filter_map(|t| surface.get(t).cloned()).collect();

    let head = central.map(|c| super::headline::headline(c.text));
    if let Some(h) = head.as_ref().filter(|h| h.contains(": ")) {
        return (h.clone(), key_terms);
    }
    if let Some(window) =
        central.and_then(|c| covering_window(c.text, &top[..top.len().min(3)], &key_of))
    {
        return (window, key_terms);
    }
    if let Some(h) = head.filter(|h| !h.is_empty()) {
        return (h, key_terms);
    }
    let label = if key_terms.is_empty() {
        central
            .map(|c| {
                c.text
                    .split_whitespace()
                    .take(MAX_LABEL_WORDS)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    } else {
        key_terms.join(" · ")
    };
    (label, key_terms)
}

/// Words of the outlet's own framing in a passage: every mark outside quotations but plain
/// reporting verbs and naming choices (loaded words and labels, verbs of manner, doubt or
/// insistence, hedges and boosters; `framing::passage_marks` with the built-in lexicon). Only
/// asked of members that tie on their links, so its cost stays off large sets.
fn charged_words(text: &str) -> usize {
    crate::framing::passage_marks(text, crate::framing::Lexicon::builtin_ref())
        .iter()
        .filter(|m| {
            !m.quoted && m.category != "attribution.neutral" && !m.category.starts_with("naming.")
        })
        .count()
}

/// The shortest run of words of `text` holding every term of `want` (by stem), if it is at most
/// [`MAX_LABEL_WORDS`] words long; quotes removed, first letter capitalised.
fn covering_window<'k>(
    text: &str,
    want: &[u32],
    key_of: &dyn Fn(u32) -> &'k str,
) -> Option<String> {
    if want.len() < 2 {
        return None;
    }
    let toks = text::tokenize(text);
    let hit: Vec<Option<usize>> = toks
        .iter()
        .map(|tok| want.iter().position(|&t| key_of(t) == tok.stem))
        .collect();
    let mut best: Option<(usize, usize)> = None;
    for i in 0..toks.len() {
        if hit[i].is_none() {
            continue;
        }
        let mut seen = vec![false; want.len()];
        for (j, h) in hit
            .iter()
            .enumerate()
            .take(toks.len().min(i + MAX_LABEL_WORDS))
            .skip(i)
        {
            if let Some(k) = *h {
                seen[k] = true;
            }
            if seen.iter().all(|&s| s) {
                if best.is_none_or(|(a, b)| j - i < b - a) {
                    best = Some((i, j));
                }
                break;
            }
        }
    }
    let (i, mut j) = best?;
    // A stretch of names alone ("Congressional Budget Office", "Fox News on Tuesday, Mr.
    // Ryan") says who or where, not what happened: the caller falls back to the main clause.
    if !toks
        .get(i..=j)?
        .iter()
        .any(|t| t.kind == text::TokenKind::Word && !t.stop)
    {
        return None;
    }
    // The stretch runs on to the end of its phrase (punctuation or the passage's end), so it
    // never stops inside one ("23 states have enacted medical"); too long, and it is no label.
    let ends_phrase = |k: usize| {
        toks.get(k + 1).is_none_or(|n| {
            text.get(toks[k].end..n.start).is_some_and(|g| {
                g.contains([',', '.', ';', ':', '!', '?', '"', '”', '—', '(', ')'])
            })
        })
    };
    while !ends_phrase(j) {
        j += 1;
        if j - i + 1 > MAX_LABEL_WORDS {
            return None;
        }
    }
    // A stretch that opens a subordinate phrase ("Though he avoids the word"), that runs over
    // a comma ("Court Thursday, claiming that"), that ends its phrase on a possessive
    // ("… says Colorado’s.") or that starts in the middle of a phrase ("[it] appears the
    // plaintiffs") is no headline.
    let first = &toks[i];
    let gap_before = i
        .checked_sub(1)
        .and_then(|k| toks.get(k))
        .and_then(|p| text.get(p.end..first.start))
        .unwrap_or("");
    let after = text.get(toks[j].end..).unwrap_or("");
    let lowercase_start = text
        .get(first.start..first.end)
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_lowercase);
    let after_determiner = i.checked_sub(1).and_then(|k| toks.get(k)).is_some_and(|p| {
        matches!(
            p.lower.as_str(),
            "a" | "an" | "the" | "its" | "his" | "her" | "their" | "our" | "this" | "that"
        )
    });
    let clause_start = i == 0 || gap_before.contains([',', ':', ';', '“', '"', '—', '(']);
    // "[by] Wednesday morning and was 15% contained", "[foothills of] Marisco County had
    // burned": a capitalised word right after a preposition is inside that phrase too.
    let after_preposition = !clause_start
        && i.checked_sub(1).and_then(|k| toks.get(k)).is_some_and(|p| {
            matches!(
                p.lower.as_str(),
                "by" | "of"
                    | "in"
                    | "on"
                    | "at"
                    | "to"
                    | "for"
                    | "with"
                    | "from"
                    | "since"
                    | "until"
                    | "before"
                    | "after"
                    | "during"
                    | "about"
                    | "over"
                    | "under"
                    | "near"
                    | "into"
                    | "across"
                    | "against"
                    | "between"
                    | "through"
            )
        });
    // "[tumbling] 3% before markets opened": a figure inside a clause leans on the word before
    // it. A stretch of capitalised words only ("The European Data Protection Board (EDPB)")
    // names a body, whatever the tokeniser made of its common words.
    let figure_inside = !clause_start && first.kind == text::TokenKind::Number;
    let names_only = toks.get(i..=j).is_some_and(|ts| {
        ts.iter().all(|t| {
            t.stop
                || text
                    .get(t.start..t.end)
                    .and_then(|w| w.chars().next())
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
    });
    if figure_inside || names_only {
        return None;
    }
    // A relative clause ("which had fined the plant twice") or a participle phrase ("winning
    // the votes of nine Republicans") leans on a clause it leaves out.
    let dependent = matches!(first.lower.as_str(), "which" | "who" | "whose" | "whom")
        || (clause_start && i > 0 && first.lower.len() > 4 && first.lower.ends_with("ing"));
    if super::headline::opens_adverbial(&first.lower)
        || dependent
        || text
            .get(first.start..toks[j].end)
            .is_some_and(|w| w.contains(','))
        || after.starts_with(['’', '\''])
        || text
            .get(toks[j].start..toks[j].end)
            .is_some_and(|w| w.ends_with("’s") || w.ends_with("'s"))
        || (lowercase_start && !clause_start && !after_determiner)
        || after_preposition
    {
        return None;
    }
    let raw = text.get(toks[i].start..toks[j].end)?;
    // Drop quotation marks, but keep apostrophes inside words ("Russia’s").
    let chars: Vec<char> = raw.chars().collect();
    let cleaned: String = chars
        .iter()
        .enumerate()
        .filter(|&(k, c)| match c {
            '"' | '“' | '”' | '«' | '»' => false,
            '‘' | '’' | '\'' => {
                k > 0
                    && chars.get(k - 1).is_some_and(|p| p.is_alphanumeric())
                    && chars.get(k + 1).is_some_and(|n| n.is_alphanumeric())
            }
            _ => true,
        })
        .map(|(_, c)| *c)
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = cleaned.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::covering_window;
    use crate::text;

    /// The covering window of `text` for the stems of `words`.
    fn window(t: &str, words: &[&str]) -> Option<String> {
        let stems: Vec<String> = words
            .iter()
            .map(|w| text::stem_word(&w.to_lowercase()))
            .collect();
        let want: Vec<u32> = (0..stems.len() as u32).collect();
        let key_of = |k: u32| stems.get(k as usize).map_or("", String::as_str);
        covering_window(t, &want, &key_of)
    }

    #[test]
    fn a_figure_inside_a_clause_or_a_name_alone_is_no_window() {
        // "[tumbling] 3% before markets opened" leans on the verb before the figure.
        assert_eq!(
            window(
                "Investors were spooked, with shares tumbling 3% before markets opened.",
                &["3", "before", "markets"]
            ),
            None
        );
        // Capitalised words only name a body, however common its words are elsewhere.
        assert_eq!(
            window(
                "The European Data Protection Board (EDPB), the umbrella body for data watchdogs, issued a decision on data.",
                &["European", "Data", "Board"]
            ),
            None
        );
    }

    #[test]
    fn a_window_reads_like_a_headline_or_is_not_taken() {
        assert_eq!(
            window(
                "Officials said Mayor Ruiz wants a new bridge soon.",
                &["Ruiz", "bridge"]
            ),
            Some("Ruiz wants a new bridge soon".to_string())
        );
        // Never cut inside a phrase (nor before a possessive): on to its end.
        assert_eq!(
            window(
                "The union says Harbour’s owners lied.",
                &["union", "Harbour"]
            ),
            Some("Union says Harbour’s owners lied".to_string())
        );
        assert_eq!(
            window(
                "The ports have enacted night shift rules.",
                &["ports", "night"]
            ),
            Some("Ports have enacted night shift rules".to_string())
        );
        // Names alone, over a comma, from mid-phrase.
        for (t, w) in [
            (
                "It was filed at the Harbour Court on Monday.",
                &["Harbour", "Monday"][..],
            ),
            (
                "They sued in the Harbour Court Thursday, claiming that the port lied.",
                &["Court", "claiming"],
            ),
            (
                "It appears the dockers grievance stems from pay.",
                &["appears", "dockers"],
            ),
            // A capitalised word right after a preposition is inside its phrase.
            (
                "The fire had burned 29 square miles by Wednesday morning and was 15% contained.",
                &["Wednesday", "contained"],
            ),
            (
                "A wildfire in the foothills of Marisco County had burned 18,400 acres.",
                &["Marisco", "burned"],
            ),
        ] {
            assert_eq!(window(t, w), None, "{t}");
        }
    }
}
