//! Headline fragments for event labels: "Peskov: no plans for a meeting" from "Kremlin
//! spokesman Dmitry Peskov said on Monday that there were no plans for a meeting." The
//! speaker is the short name before or after a speech verb; the claim is the reported clause,
//! cut at a clause boundary. Rules only (no tagger): a passage that fits no pattern gives its
//! main clause, leading adverbials ("On Thursday,", "However,") dropped.

/// Words that report speech, as they read in a passage ("said", "told", …).
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "stated",
    "states",
    "announced",
    "announces",
    "added",
    "adds",
    "declared",
    "declares",
    "insisted",
    "insists",
    "claimed",
    "claims",
    "warned",
    "warns",
    "denied",
    "denies",
    "confirmed",
    "confirms",
    "stressed",
    "stresses",
    "noted",
    "notes",
    "argued",
    "argues",
    "argue",
    "wrote",
    "writes",
    "explained",
    "explains",
    "suggested",
    "suggests",
    "revealed",
    "reveals",
    "admitted",
    "admits",
    "acknowledged",
    "acknowledges",
    "asserted",
    "asserts",
    "emphasised",
    "emphasized",
    "saying",
    // Verbs that introduce what was said in a manner ("fumed: …", "countered that …").
    "fumed",
    "retorted",
    "countered",
    "conceded",
    "complained",
    "lamented",
    "predicted",
];
/// Capitalised words that open a sentence but never name a speaker.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "however",
    "but",
    "and",
    "among",
    "also",
    "meanwhile",
    "still",
    "yet",
    "so",
    "then",
    "in",
    "on",
    "at",
    "as",
    "though",
    "although",
    "while",
    "when",
    "after",
    "before",
    "if",
    "mr",
    "mrs",
    "ms",
    "dr",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
/// Prepositions and subordinators that open a leading adverbial phrase ("In an interview on
/// Tuesday,", "Though he avoids the word,").
const OPENERS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "with",
    "without",
    "amid",
    "despite",
    "following",
    "under",
    "over",
    "from",
    "for",
    "since",
    "as",
    "though",
    "although",
    "while",
    "when",
    "if",
    "because",
    "unlike",
    "like",
    "by",
    "earlier",
    "later",
];
/// Whether the lowercase word `w` opens a prepositional or subordinate phrase.
pub(crate) fn opens_adverbial(w: &str) -> bool {
    OPENERS.contains(&w)
}

/// Whether a passage opens with a participle phrase that sets the scene of what follows:
/// "Speaking to reporters later in the day, Calloway said …", "Writing in the journal, the
/// authors …", "Asked about the delay, she said …" (an -ing word or "asked", then a
/// preposition or an article; not a subject such as "Rising prices and …").
fn opens_participle(words: &[&str]) -> bool {
    let (Some(first), Some(second)) = (words.first(), words.get(1)) else {
        return false;
    };
    let first = bare(first);
    // "According to the agency, …" names the speaker: no scene.
    (first == "asked" || (first.len() > 5 && first.ends_with("ing") && first != "according"))
        && matches!(
            bare(second).as_str(),
            "to" | "at"
                | "in"
                | "on"
                | "before"
                | "with"
                | "after"
                | "from"
                | "for"
                | "about"
                | "the"
                | "a"
                | "an"
                | "by"
                | "during"
        )
}

/// Longest leading adverbial phrase [`headline`] drops, in words.
const MAX_OPENER_WORDS: usize = 12;
/// Nouns that end a speaker phrase ("a Ukrainian official said"), without a plural -s.
const SPEAKER_NOUNS: &[&str] = &[
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "analyst",
    "expert",
    "source",
    "ministry",
    "minister",
    "president",
    "secretary",
    "leader",
    "diplomat",
    "aide",
    "office",
    "government",
    "police",
    "union",
    "company",
    "spokespeople",
    "authoritie",
    "lawyer",
    "attorney",
    "mayor",
    "governor",
    "senator",
    "chair",
    "chairman",
    "chairwoman",
    "director",
    "chief",
    "judge",
    "prosecutor",
    "campaign",
    "department",
    "agency",
    "council",
    "committee",
    "spokesmen",
    "spokeswomen",
];
/// Longest headline claim, in words.
const MAX_CLAIM_WORDS: usize = 9;
/// Longest speaker phrase that may precede or follow a speech verb, in words.
const MAX_SPEAKER_WORDS: usize = 6;
/// Most words of a speaker phrase that is one name only ("The Ashcombe and Wealdbridge
/// Hospitals NHS Trust").
const MAX_NAME_WORDS: usize = 9;

/// A phrase of capitalised words joined by "and" / "of" / "&" only, ending in a name, at most
/// [`MAX_NAME_WORDS`] long: one long name, not a clause.
fn long_name(words: &[&str]) -> bool {
    words.len() <= MAX_NAME_WORDS
        && words.last().is_some_and(|w| name_word(w))
        && words
            .iter()
            .all(|w| capitalised(w) || matches!(bare(w).as_str(), "and" | "of" | "&" | "for"))
}

/// Nouns for an organisation that an appositive then names ("the railroad, Keystone
/// Northern"): the name after them is the organisation's whole name, not a person's surname.
/// Head words that end the name of an organisation ("Health Workers' Alliance", "Civil
/// Aviation Authority"): a name ending in one is named whole, never by its last word.
const ORGANISATION_HEADS: &[&str] = &[
    "alliance",
    "association",
    "authority",
    "board",
    "coalition",
    "commission",
    "committee",
    "council",
    "department",
    "federation",
    "foundation",
    "institute",
    "ministry",
    "office",
    "service",
    "society",
    "trust",
];

const ORGANISATION_NOUNS: &[&str] = &[
    "agency",
    "airline",
    "bank",
    "broadcaster",
    "carrier",
    "charity",
    "company",
    "conglomerate",
    "firm",
    "group",
    "insurer",
    "lender",
    "manufacturer",
    "network",
    "operator",
    "organisation",
    "organization",
    "party",
    "railroad",
    "railway",
    "retailer",
    "union",
    "utility",
];

/// A capitalised word that can be part of a name ("Vogel", not "The" or "However").
fn name_word(w: &str) -> bool {
    capitalised(w) && !NOT_NAMES.contains(&bare(w).as_str())
}

fn bare(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn is_speech(w: &str) -> bool {
    let b = bare(w);
    // "the United States are finalising …": capitalised, "States" is a name, not a verb.
    SPEECH.contains(&b.as_str()) && !(b == "states" && capitalised(w))
}

/// A lowercase word that may be the verb after a subject ("issued", "welcomed"), not a word
/// that goes on a phrase ("and", "in", "which", "including").
fn verb_like(w: &str) -> bool {
    let b = bare(w);
    w.starts_with(char::is_lowercase)
        && !opens_adverbial(&b)
        && !b.ends_with("ing")
        && !matches!(
            b.as_str(),
            "and"
                | "or"
                | "but"
                | "nor"
                | "which"
                | "who"
                | "whose"
                | "whom"
                | "that"
                | "the"
                | "a"
                | "an"
                | "its"
                | "his"
                | "her"
                | "their"
                | "of"
                | "to"
                | "as"
        )
}

/// "Dr.", "Mr.", "Prof.", "Sen.": a title's stop, which ends no sentence ("said lead author
/// Dr. Hannah Okoro").
fn abbreviated_title(w: &str) -> bool {
    w.strip_suffix('.').is_some_and(|t| {
        matches!(
            t.to_lowercase().as_str(),
            "dr" | "mr"
                | "mrs"
                | "ms"
                | "prof"
                | "sen"
                | "rep"
                | "gov"
                | "gen"
                | "lt"
                | "col"
                | "sgt"
                | "st"
                | "rev"
                | "capt"
                | "cmdr"
                | "supt"
                | "insp"
                | "det"
        )
    })
}

fn capitalised(w: &str) -> bool {
    w.trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// The short name of a speaker phrase: its last run of capitalised words, surname only for a
/// person ("Kremlin spokesman Dmitry Peskov" → "Peskov", "the Kremlin" → "Kremlin").
fn speaker_name(words: &[&str]) -> Option<String> {
    if words.is_empty() {
        return None;
    }
    // "Colorado-based", "Kremlin-backed": an adjective made from a name, not a name.
    let derived = |w: &str| {
        w.rsplit('-')
            .next()
            .is_some_and(|t| w.contains('-') && t.starts_with(char::is_lowercase))
    };
    // "Katrin Vogel of IG Metall", "Omar Feld at Brightline": a person's full name, then where
    // they work; the person is the speaker. (A lone title before "of" is not: "Secretary of
    // State Antony Blinken".)
    if let Some(k) = words
        .iter()
        .position(|w| matches!(bare(w).as_str(), "of" | "at" | "from"))
        && k >= 2
        && words
            .get(..k)
            .is_some_and(|n| n.iter().all(|w| name_word(w)))
        && let Some(surname) = words.get(k - 1)
    {
        let name = surname.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if !name.is_empty() {
            return Some(name.to_string());
        }
    }
    // Past the person-at-a-workplace form ("Katrin Vogel of the IG Metall union" is as long as
    // it likes), a long phrase is a clause, not a speaker.
    if words.len() > MAX_SPEAKER_WORDS && !long_name(words) {
        return None;
    }
    let Some(last) = words.iter().rposition(|w| name_word(w) && !derived(w)) else {
        // "the ministry", "a union official": the phrase after its determiner.
        let end = words.last().map(|w| bare(w))?;
        if !SPEAKER_NOUNS.contains(&end.trim_end_matches('s')) {
            return None;
        }
        let start = words
            .iter()
            .position(|w| !NOT_NAMES.contains(&bare(w).as_str()))?;
        let phrase: Vec<String> = words.get(start..)?.iter().map(|w| bare(w)).collect();
        let phrase = phrase.join(" ");
        let mut cs = phrase.chars();
        return cs.next().map(|f| f.to_uppercase().chain(cs).collect());
    };
    // "The railroad, Keystone Northern,", "the bank Credit Agricole": an organisation is named
    // whole; only a person goes by the surname.
    let first = (0..=last)
        .rev()
        .take_while(|&i| words.get(i).is_some_and(|w| name_word(w)))
        .last()
        .unwrap_or(last);
    if first < last
        && first > 0
        && words
            .get(first - 1)
            .is_some_and(|w| ORGANISATION_NOUNS.contains(&bare(w).as_str()))
    {
        let run: Vec<&str> = words
            .get(first..=last)?
            .iter()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '&'))
            .collect();
        return Some(run.join(" "));
    }
    // "The Health Workers' Alliance", "the Civil Aviation Authority": a name ending in an
    // organisation's head word is named whole.
    if first < last
        && words.get(last).is_some_and(|w| {
            let b = bare(w);
            ORGANISATION_NOUNS.contains(&b.as_str()) || ORGANISATION_HEADS.contains(&b.as_str())
        })
    {
        // "Ashcombe and Wealdbridge Hospitals NHS Trust", "Marks & Spencer Group": names joined
        // by "and" / "&" / "of" are one name.
        let mut first = first;
        while first >= 2
            && words
                .get(first - 1)
                .is_some_and(|w| matches!(bare(w).as_str(), "and" | "of") || *w == "&")
            && words.get(first - 2).is_some_and(|w| name_word(w))
        {
            first -= 2;
            while first > 0 && words.get(first - 1).is_some_and(|w| name_word(w)) {
                first -= 1;
            }
        }
        let run: Vec<&str> = words
            .get(first..=last)?
            .iter()
            .map(|w| {
                w.trim_start_matches(|c: char| !c.is_alphanumeric())
                    .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'')
            })
            .collect();
        return Some(run.join(" "));
    }
    let tail_len = words.len() - last - 1;
    if tail_len > 0 && tail_len <= 1 {
        // "Ukrainian officials", "Western diplomats": the group, not the adjective.
        let phrase = words.get(last..)?.join(" ");
        let phrase = phrase
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string();
        return (!phrase.is_empty()).then_some(phrase);
    }
    let name = words
        .get(last)?
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '’' && c != '\'');
    let name = name.trim_end_matches("’s").trim_end_matches("'s");
    // A speaker phrase is a name or a title, not a clause: no verb-like lower-case word after
    // the name.
    (!name.is_empty()).then(|| name.to_string())
}

const AUX: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "later",
    "previously",
    "repeatedly",
    "again",
    "is",
    "was",
    "will",
    "would",
    "had",
    "then",
    "once",
];
const LEAD_INS: &[&str] = &[
    "that",
    "on",
    "late",
    "early",
    "last",
    "night",
    "week",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "earlier",
    "later",
    "also",
    "then",
    "in",
    "a",
    "statement",
    "interview",
    "reporters",
    "journalists",
    "to",
];

/// The claim as a headline fragment: quotation marks dropped, cut at a clause boundary or at
/// [`MAX_CLAIM_WORDS`], no closing full stop.
fn claim(words: &[&str]) -> String {
    let mut out: Vec<String> = Vec::new();
    for w in words {
        let clean: String = w
            .chars()
            .filter(|c| !matches!(c, '"' | '“' | '”' | '«' | '»'))
            .collect();
        if clean.is_empty() {
            continue;
        }
        // "U.S." and "Mr." end no clause.
        let abbreviation =
            clean.ends_with('.') && (clean.len() <= 3 || clean.trim_end_matches('.').contains('.'));
        let ends_clause =
            !abbreviation && clean.ends_with([',', ';', ':', '.', '!', '?', '—', '–']);
        out.push(clean);
        if out.len() >= MAX_CLAIM_WORDS {
            break;
        }
        if ends_clause && out.len() >= 5 {
            break;
        }
    }
    let cut = out.len() >= MAX_CLAIM_WORDS && words.len() > out.len();
    let mut s = out.join(" ");
    let trimmed = s
        .trim_end_matches([',', ';', ':', '.', '—', '–', ' '])
        .to_string();
    s = trimmed;
    if cut {
        s.push('…');
    }
    s
}

/// Where a leading dateline ends: a place in capitals ("RIVERTON,", "LONDON"), then at most
/// five capitalised words, figures or parenthesised credits ("Ohio", "Dec.", "5", "(AP)"),
/// then a dash. `None` when the passage opens with no dateline.
fn dateline_end(words: &[&str]) -> Option<usize> {
    const DASHES: [&str; 5] = ["―", "—", "–", "-", "--"];
    let first = words.first()?;
    let place = first.trim_end_matches(',');
    if place.chars().filter(|c| c.is_alphabetic()).count() < 2
        || place.chars().any(char::is_lowercase)
    {
        return None;
    }
    for (i, w) in words.iter().enumerate().skip(1).take(6) {
        if DASHES.contains(w) {
            return Some(i + 1);
        }
        if w.len() > 1 && w.ends_with(['―', '—', '–']) && w.starts_with('(') {
            return Some(i + 1);
        }
        let part_of_dateline = w.starts_with('(')
            || w.starts_with(|c: char| c.is_ascii_digit())
            || w.starts_with(char::is_uppercase);
        if !part_of_dateline {
            return None;
        }
    }
    None
}

/// A headline fragment for a passage: "Speaker: claim" when the passage reports what someone
/// said, else its main clause.
pub(crate) fn headline(text: &str) -> String {
    // A leading ellipsis or dash ("… And so we propose") is no part of the headline.
    let mut words: Vec<&str> = text
        .split_whitespace()
        .skip_while(|w| !w.chars().any(char::is_alphanumeric))
        .collect();
    // "PHILADELPHIA ― Americans should …", "RIVERTON, Ohio (AP) — The council …": a dateline
    // is no part of the headline.
    if let Some(end) = dateline_end(&words)
        && words.len() > end + 3
    {
        words.drain(..end);
    }
    // "But the lawsuit …": a sentence-opening conjunction is no part of the headline.
    if words.len() > 4
        && words
            .first()
            .is_some_and(|w| matches!(bare(w).as_str(), "but" | "and" | "yet"))
    {
        words.remove(0);
    }
    // "In an interview on Tuesday, Mr. Ryan said …", "Though he avoids the word, the plan …":
    // a leading prepositional or subordinate phrase is set off by a comma; the headline is
    // the clause after it.
    if (words.first().is_some_and(|w| opens_adverbial(&bare(w))) || opens_participle(&words))
        && let Some(c) = words.iter().take(MAX_OPENER_WORDS).position(|w| {
            w.trim_end_matches(['"', '”', '’', '\'', ')'])
                .ends_with(',')
        })
        && words.len() > c + 4
    {
        let rest = words.get(c + 1..).unwrap_or(&[]).join(" ");
        return headline(&rest);
    }
    // "Lis Smith, a spokeswoman for the campaign, said …", "Lis Smith, who runs the campaign,
    // said …": the appositive or relative clause between the name and its speech verb is
    // dropped, so the speaker rules below see "Lis Smith said …".
    if let Some(k) = words.iter().take(MAX_NAME_WORDS).position(|w| w.ends_with(','))
        && words
            .get(..=k)
            .is_some_and(|n| n.iter().all(|w| capitalised(w)))
        && (words.get(k + 1).is_some_and(|w| {
            matches!(bare(w).as_str(), "a" | "an" | "the" | "who" | "whose")
                // "Margaret Doyle, chair of the campaign group …, said": a job without its
                // article.
                || w.starts_with(char::is_lowercase)
        }) || (words
            .get(k + 1)
            .is_some_and(|w| matches!(bare(w).as_str(), "along" | "together"))
            && words.get(k + 2).is_some_and(|w| bare(w) == "with")))
        // "The European Data Protection Board (EDPB), the umbrella body for …, issued a
        // binding decision": any verb after the appositive.
        && let Some(m) = (k + 2..words.len().min(k + 12)).find(|&m| {
            words[m].ends_with(',') && words.get(m + 1).is_some_and(|v| is_speech(v) || verb_like(v))
        })
        && words.len() > m + 2
    {
        let mut joined: Vec<&str> = words.get(..k).unwrap_or(&[]).to_vec();
        joined.push(words[k].trim_end_matches(','));
        joined.extend(words.get(m + 1..).unwrap_or(&[]));
        return headline(&joined.join(" "));
    }
    // "The state agency, which had fined the plant twice, declined to comment": the subject's
    // relative clause is no part of the headline.
    // "The Ashcombe and Wealdbridge Hospitals NHS Trust, which runs …, said": a long name.
    if let Some(k) = words.iter().take(9).position(|w| w.ends_with(','))
        && k >= 1
        && words
            .get(k + 1)
            .is_some_and(|w| matches!(bare(w).as_str(), "which" | "who" | "whose"))
        && let Some(m) = (k + 2..words.len().min(k + 14)).find(|&m| words[m].ends_with(','))
        && words.len() > m + 2
    {
        let mut joined: Vec<&str> = words.get(..k).unwrap_or(&[]).to_vec();
        joined.push(words[k].trim_end_matches(','));
        joined.extend(words.get(m + 1..).unwrap_or(&[]));
        return headline(&joined.join(" "));
    }
    // "CLAUSE, Peskov said." / "CLAUSE, said Peskov."
    for i in 3..words.len() {
        let Some(prev) = words.get(i - 1) else {
            continue;
        };
        if !prev.ends_with([',', '"', '”']) {
            continue;
        }
        // Speaker then verb, or verb then speaker, up to the sentence end.
        let rest: Vec<&str> = words.iter().skip(i).copied().collect();
        let end = rest
            .iter()
            .position(|x| x.ends_with(['.', '!', '?']) && !abbreviated_title(x))
            .map_or(rest.len(), |p| p + 1);
        let tail = rest.get(..end).unwrap_or(&rest);
        if let Some(v) = tail.iter().position(|x| is_speech(x)) {
            let mut speaker: Vec<&str> = if v == 0 {
                tail.get(1..).unwrap_or(&[]).to_vec()
            } else {
                tail.get(..v).unwrap_or(&[]).to_vec()
            };
            // "Michael Elliott, the director of the group, said": the name before the
            // appositive.
            // "said Bloomberg, who added …": the name before the relative clause.
            if let Some(c) = speaker.iter().position(|w| w.ends_with(','))
                && c + 1 < speaker.len()
                && speaker
                    .get(..=c)
                    .is_some_and(|n| n.iter().all(|w| capitalised(w)) || v == 0)
            {
                speaker.truncate(c + 1);
            }
            // "said at the convention": a place or time, not a speaker; ", saying I've …"
            // introduces what the subject said, not who.
            let placed = v == 0
                && (speaker
                    .first()
                    .is_some_and(|w| !capitalised(w) && opens_adverbial(&bare(w)))
                    || tail.first().is_some_and(|w| bare(w) == "saying"));
            // "X said at the convention on Wednesday." still attributes the clause before.
            let trailing =
                tail.len() <= v + 4 || tail.get(v + 1).is_some_and(|w| opens_adverbial(&bare(w)));
            if !placed
                && let Some(name) = speaker_name(&speaker)
                && (v == 0 || trailing)
            {
                let c = claim(words.get(..i).unwrap_or(&[]));
                return format!("{name}: {c}");
            }
        }
    }
    // "Peskov said (on Monday) (that) CLAUSE"
    if let Some(v) = words
        .iter()
        .take(MAX_NAME_WORDS + 1)
        .position(|x| is_speech(x))
        .filter(|&v| v <= MAX_SPEAKER_WORDS || words.get(..v).is_some_and(long_name))
    {
        // The verb follows the speaker phrase at once, or after an auxiliary ("has said").
        let mut s_end = v;
        while s_end > 0
            && words
                .get(s_end - 1)
                .is_some_and(|w| AUX.contains(&bare(w).as_str()))
        {
            s_end -= 1;
        }
        let adjacent = s_end > 0
            && words.get(s_end - 1).is_some_and(|w| {
                name_word(w) || SPEAKER_NOUNS.contains(&bare(w).trim_end_matches('s'))
            });
        if let Some(name) = speaker_name(words.get(..s_end).unwrap_or(&[])).filter(|_| adjacent) {
            let mut k = v + 1;
            // "told reporters on Monday that …": the claim starts after "that".
            let that = clause_after_that(&words, k, 7);
            // "Gov. Okafor declared a state of emergency", "the ministry announced new rules":
            // a verb of speech with a noun phrase for its object reports an act, not words;
            // the headline keeps the verb ("Okafor declared a state of emergency …").
            let verb = words.get(v).copied().unwrap_or("");
            // "NightVault claimed responsibility", "the firm denied wrongdoing": the same.
            let act_object = |w: &str| {
                matches!(
                    bare(w).as_str(),
                    "responsibility"
                        | "credit"
                        | "victory"
                        | "wrongdoing"
                        | "liability"
                        | "guilt"
                        | "involvement"
                )
            };
            // "Hartwig called the outcome a win", "Smith called for calm": what someone
            // called something, or asked for, keeps the verb.
            let calls = matches!(bare(verb).as_str(), "called" | "calls");
            if that.is_none()
                && (calls
                    || matches!(
                        bare(verb).as_str(),
                        "declared" | "declares" | "announced" | "announces"
                    ) && words
                        .get(v + 1)
                        .is_some_and(|w| matches!(bare(w).as_str(), "a" | "an" | "the" | "new"))
                    || words.get(v + 1).is_some_and(|w| act_object(w)))
            {
                let c = claim(words.get(v + 1..).unwrap_or(&[]));
                return format!("{name} {} {c}", bare_verb(verb));
            }
            if let Some(t) = that {
                k = t;
            } else if matches!(
                bare(words.get(v).copied().unwrap_or("")).as_str(),
                "told" | "tells"
            ) {
                k = usize::MAX;
            }
            while words
                .get(k)
                .is_some_and(|x| LEAD_INS.contains(&bare(x).as_str()))
                && k < v + 5
            {
                k += 1;
            }
            let c = claim(words.get(k..).unwrap_or(&[]));
            if c.split_whitespace().count() >= 3 {
                return format!("{name}: {c}");
            }
        }
        // "He told reporters on Friday that CLAUSE": a pronoun names nobody, so the headline
        // is the reported clause alone, not "He told reporters during a conference call…".
        if s_end == 1
            && words
                .first()
                .is_some_and(|w| matches!(bare(w).as_str(), "he" | "she" | "they"))
        {
            let after_that = clause_after_that(&words, v + 1, 8);
            let told = matches!(
                bare(words.get(v).copied().unwrap_or("")).as_str(),
                "told" | "tells"
            );
            let k = after_that.or((!told).then_some(v + 1));
            if let Some(k) = k {
                let c = capitalise(&claim(words.get(k..).unwrap_or(&[])));
                if c.split_whitespace().count() >= 4 {
                    return c;
                }
            }
        }
    }
    // "According to X, CLAUSE"
    if words.first().is_some_and(|w| bare(w) == "according")
        && words.get(1).is_some_and(|w| bare(w) == "to")
        && let Some(comma) = words.iter().position(|w| w.ends_with(','))
        && let Some(name) = speaker_name(words.get(2..=comma).unwrap_or(&[]))
    {
        return format!("{name}: {}", claim(words.get(comma + 1..).unwrap_or(&[])));
    }
    // A leading adverbial ("On Thursday,", "However,") is no part of the headline.
    let start = match words.iter().take(5).position(|w| w.ends_with(',')) {
        Some(c)
            if words.first().is_some_and(|w| {
                // "The bill passed 58-41, winning …" opens with its subject, not an adverbial.
                let b = bare(w);
                (NOT_NAMES.contains(&b.as_str())
                    && !matches!(
                        b.as_str(),
                        "the"
                            | "a"
                            | "an"
                            | "this"
                            | "that"
                            | "these"
                            | "those"
                            | "his"
                            | "her"
                            | "their"
                            | "its"
                            | "our"
                            | "he"
                            | "she"
                            | "they"
                            | "it"
                            | "we"
                            | "i"
                            | "you"
                    ))
                    || b.ends_with("ly")
            }) =>
        {
            c + 1
        }
        _ => 0,
    };
    capitalise(&claim(words.get(start..).unwrap_or(&[])))
}

/// Where the reported clause starts when a "that" opens it within `window` words of `from`
/// ("told reporters on Monday that X" gives the index of X). A "that" after a finite verb is
/// relative, not a clause opener: in "said it was an overreach that would …" the clause began
/// at "it", so there is none.
fn clause_after_that(words: &[&str], from: usize, window: usize) -> Option<usize> {
    let t = words
        .iter()
        .skip(from)
        .take(window)
        .position(|w| bare(w) == "that")?;
    let finite_before = words.iter().skip(from).take(t).any(|w| {
        matches!(
            bare(w).as_str(),
            "is" | "was"
                | "are"
                | "were"
                | "has"
                | "had"
                | "have"
                | "would"
                | "will"
                | "could"
                | "can"
                | "should"
        )
    });
    (!finite_before).then_some(from + t + 1)
}

/// A word without the punctuation around it, as written (case kept).
fn bare_verb(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

/// `s` with its first letter upper-case.
fn capitalise(s: &str) -> String {
    let mut cs = s.chars();
    cs.next()
        .map(|f| f.to_uppercase().chain(cs).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::headline;

    #[test]
    fn an_organisation_is_named_whole_a_person_by_the_surname() {
        let h = headline(
            "The railroad, Keystone Northern, said in a statement that it would pay for hotel rooms.",
        );
        assert!(h.starts_with("Keystone Northern: "), "{h}");
        let h = headline("NTSB board member Tom Ruiz said a preliminary report would follow soon.");
        assert!(h.starts_with("Ruiz: "), "{h}");
    }

    #[test]
    fn an_appositive_after_the_subject_is_dropped_before_any_verb() {
        let h = headline(
            "The European Data Protection Board (EDPB), the umbrella body for the bloc's national watchdogs, issued a binding decision after several authorities objected.",
        );
        assert!(
            h.starts_with("The European Data Protection Board (EDPB) issued a binding"),
            "{h}"
        );
        // What someone called something keeps the verb; "the United States" is no verb.
        let h = headline(
            "Lena Hartwig, founder of the campaign group Privacy Frontline, called the outcome a win for European users.",
        );
        assert!(h.contains("Hartwig called the outcome a win"), "{h}");
        let h = headline(
            "The European Union and the United States are finalising a new data framework to replace the old one.",
        );
        assert!(
            h.starts_with("The European Union and the United States are finalising"),
            "{h}"
        );
    }

    #[test]
    fn an_organisation_ending_in_its_head_word_is_named_whole() {
        let h = headline(
            "The Health Workers\u{2019} Alliance, a union representing nurses and porters, said its members had been pushed to breaking point.",
        );
        assert!(
            h.starts_with("Health Workers\u{2019} Alliance: its members"),
            "{h}"
        );
        let h = headline(
            "The Ashcombe and Wealdbridge Hospitals NHS Trust, which runs three hospitals in the county, said it detected the intrusion at 6:15 a.m.",
        );
        assert!(
            h.starts_with(
                "Ashcombe and Wealdbridge Hospitals NHS Trust: it detected the intrusion"
            ),
            "{h}"
        );
        // A job without its article between the name and the verb is dropped too.
        let h = headline(
            "Margaret Doyle, chair of the campaign group Patients First, said patients had been left in the dark.",
        );
        assert!(h.starts_with("Doyle: patients had been left"), "{h}");
    }

    #[test]
    fn claiming_responsibility_is_an_act_not_words() {
        let h = headline(
            "A criminal group calling itself NightVault claimed responsibility on Wednesday on a leak site.",
        );
        assert!(h.starts_with("NightVault claimed responsibility"), "{h}");
    }

    #[test]
    fn a_declaration_keeps_its_verb() {
        let h = headline(
            "Gov. Raymond Okafor declared a state of emergency for Marisco County on Wednesday.",
        );
        assert!(h.starts_with("Okafor declared a state of emergency"), "{h}");
        // A declaration of words is still what the speaker said.
        let h = headline("Okafor declared that the county would rebuild.");
        assert!(h.starts_with("Okafor: the county would rebuild"), "{h}");
    }

    #[test]
    fn a_titles_stop_ends_no_sentence_before_the_speaker() {
        let h = headline(
            "\u{201c}Our findings suggest that replacing even a small amount of processed food could help,\u{201d} said lead author Dr. Hannah Okoro, an epidemiologist at Leeds.",
        );
        assert!(h.starts_with("Okoro: Our findings suggest"), "{h}");
    }

    #[test]
    fn a_manner_verb_and_a_colon_introduce_the_quotation() {
        let h = headline(
            "Katrin Vogel of IG Metall fumed: \"Workers are paying the price for management's mistakes.\"",
        );
        assert!(h.starts_with("Vogel: Workers are paying the price"), "{h}");
        // The same person at a workplace after the quotation, however long the workplace.
        let h = headline(
            "\"Workers are paying the price for management's mistakes,\" said Katrin Vogel of the IG Metall union.",
        );
        assert!(h.starts_with("Vogel: Workers are paying the price"), "{h}");
        let h = headline("Secretary of State Antony Blinken said the talks would resume in May.");
        assert!(h.starts_with("Blinken: "), "{h}");
    }

    #[test]
    fn a_scene_setting_participle_is_no_part_of_the_headline() {
        assert_eq!(
            headline(
                "Speaking to reporters later in the day, Calloway said anyone found responsible would be held to account."
            ),
            "Calloway: anyone found responsible would be held to account"
        );
        let h = headline("Asked about the delay, the minister said the review would start in May.");
        assert!(h.starts_with("Minister: the review would start"), "{h}");
        // "According to X," names the speaker; a participle that is the subject's adjective
        // stays.
        let h = headline("According to the agency, the plant will reopen in June.");
        assert!(h.starts_with("Agency: "), "{h}");
        let h = headline("Rising prices and higher rents pushed inflation to 4%.");
        assert!(h.starts_with("Rising prices"), "{h}");
    }

    #[test]
    fn datelines_are_no_part_of_the_headline() {
        assert_eq!(
            headline(
                "RIVERTON, Ohio (AP) — The city council voted 7-2 on Tuesday to cut the budget."
            ),
            headline("The city council voted 7-2 on Tuesday to cut the budget.")
        );
        assert_eq!(
            headline("LONDON, Dec. 5 (Reuters) - The central bank raised its main rate to 4.5%."),
            headline("The central bank raised its main rate to 4.5%.")
        );
        assert_eq!(
            headline("PHILADELPHIA ― Americans should expect higher prices this winter."),
            headline("Americans should expect higher prices this winter.")
        );
        // A capitalised subject and a dash mid-sentence are no dateline.
        let h = headline("NATO allies met in Brussels - and agreed on nothing new.");
        assert!(h.starts_with("NATO allies"), "{h}");
    }

    #[test]
    fn attributed_passages_read_speaker_colon_claim() {
        assert_eq!(
            headline(
                "Kremlin spokesman Dmitry Peskov said on Monday that there were no plans for a meeting."
            ),
            "Peskov: there were no plans for a meeting"
        );
        assert_eq!(
            headline("\"We will not extend the transit deal,\" the ministry said in a statement."),
            "Ministry: We will not extend the transit deal"
        );
        assert_eq!(
            headline("A union official told reporters that the strike would go on until Friday."),
            "Union official: the strike would go on until Friday"
        );
    }

    #[test]
    fn unattributed_passages_give_their_main_clause_without_lead_in() {
        assert_eq!(
            headline(
                "On Thursday, dockers walked out at the east quay after talks on night pay broke down."
            ),
            "Dockers walked out at the east quay after talks…"
        );
        // A leading phrase set off by a comma is no part of the headline, however long.
        assert_eq!(
            headline(
                "In an interview with a radio station on Tuesday, the mayor said the bridge would reopen in May."
            ),
            "Mayor: the bridge would reopen in May"
        );
        assert_eq!(
            headline("Though she avoided the word “closure,” the plan would shut two wards."),
            "The plan would shut two wards"
        );
        assert_eq!(
            headline("Ana Ruiz, a spokeswoman for the port authority, said the quay stays shut."),
            "Ruiz: the quay stays shut"
        );
        // A relative "that" inside the reported clause is no clause opener.
        assert_eq!(
            headline("Ana Ruiz said it was an offer that would split the union."),
            "Ruiz: it was an offer that would split the union"
        );
        assert_eq!(
            headline("The port authority, which had fined the union twice, declined to comment."),
            "The port authority declined to comment"
        );
        assert_eq!(
            headline("The vote passed 58-41, winning over nine Republicans."),
            "The vote passed 58-41, winning over nine Republicans"
        );
        // A relative clause between the name and its verb is dropped like an appositive.
        assert_eq!(
            headline("Ana Ruiz, who leads the union, said the quay stays shut."),
            "Ruiz: the quay stays shut"
        );
        assert_eq!(
            headline("But the strike by dockers went on for a week."),
            "The strike by dockers went on for a week"
        );
        assert_eq!(
            headline(
                "“We will appeal,” Ana Ruiz, the head of the dockers’ union, a Hull-based group, said in a statement."
            ),
            "Ruiz: We will appeal"
        );
        assert_eq!(
            headline(
                "Ruiz, along with two other union leaders, argue that the deal breaks the law."
            ),
            "Ruiz: the deal breaks the law"
        );
        assert_eq!(
            headline(
                "HULL ― The quay will stay shut until May, Ana Ruiz, the head of the union, said at the rally on Monday."
            ),
            "Ruiz: The quay will stay shut until May"
        );
        assert_eq!(
            headline("Shut it down,\" said Ruiz, who added that the talks had failed."),
            "Ruiz: Shut it down"
        );
        assert_eq!(
            headline("Ruiz contrasted the two offers, saying I’ve never seen a worse one."),
            "Ruiz contrasted the two offers"
        );
        // A pronoun names nobody: the reported clause is the headline.
        assert_eq!(
            headline(
                "He told reporters during a conference call on Friday that the union attaches no conditions to new talks."
            ),
            "The union attaches no conditions to new talks"
        );
        assert_eq!(
            headline("She said the quay would stay shut until May."),
            "The quay would stay shut until May"
        );
        // A relative "that" after the reported clause's verb opens nothing, after a pronoun
        // as after a name: the clause is the one the verb introduces.
        assert_eq!(
            headline("She said the closure was a mistake that would cost the port millions."),
            "The closure was a mistake that would cost the…"
        );
        // "He told attendees." reports no clause: the sentence stays as it is.
        assert_eq!(
            headline("He told attendees at the rally in Hull."),
            "He told attendees at the rally in Hull"
        );
        // "claims" as a noun is no speech verb.
        assert_eq!(
            headline("The Kremlin has responded to claims of a potential meeting."),
            "The Kremlin has responded to claims of a potential…"
        );
    }
}
