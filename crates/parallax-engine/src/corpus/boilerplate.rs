//! Post-filters on the paragraphs the readability extractor keeps from a web page: the lines
//! that sit inside an article's container but are not the story (chosen from the per-page
//! errors on the web-extraction dev set, written as general rules, never as page lists):
//!
//! - a short paragraph opening with a label of page furniture ("Read more:", "Lesen Sie auch",
//!   "Le puede interesar", "Advertisement", "Photo:", "Kontakt:", "Tags:", …);
//! - photo credits and captions ("… | © Agency", "(C) Name", "Credit: …");
//! - calls to action: newsletter, subscription, app, comment-form and cookie-consent lines;
//! - copyright and licence lines;
//! - a paragraph that is only a date or a time;
//! - a byline near the top ("By Jane Doe", or a short line naming the page's author);
//! - from a closing section heading on ("Related posts", "Ähnliche Beiträge", "Comments",
//!   "Share this:", …) in the second half of the article, everything after it;
//! - the author's biography at the end (the last paragraphs opening with the author's name:
//!   an author box's name heading and its biography);
//! - an advertisement break ("Story continues below advertisement"), a video caption
//!   ("Watch: …"), a contributor credit ("Sam Okafor contributed to this report",
//!   "Reporting by …; Editing by …");
//! - a pull quote: a short paragraph that repeats, word for word, a sentence of a longer one.
//!
//! For plain-text and Markdown articles, [`top_lines`] reads the byline and date line under
//! the headline as the article's author, outlet and date.
//!
//! Multilingual on purpose (the dev set is mostly German, then English, Spanish, French,
//! Polish, Italian, Portuguese): each rule lists the phrase in those languages.

use super::metadata::Meta;
use crate::span::{Span, push_paragraph};

/// Labels that open a line of page furniture (compared case-insensitively at the start).
const LABELS: &[&str] = &[
    // related links
    "read more:",
    "read also",
    "also read",
    "related:",
    "related articles",
    "related stories",
    "more on this",
    "see also",
    "lesen sie auch",
    "lesen sie mehr",
    "lies auch",
    "mehr zum thema",
    "auch interessant",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "weitere informationen",
    "weitere beiträge",
    "weitere artikel",
    "ähnliche beiträge",
    "ähnliche artikel",
    "verwandte artikel",
    "vorschau auf den nächsten artikel",
    "hier geht es zu",
    "hier geht's zu",
    "zum artikel",
    "le puede interesar",
    "te puede interesar",
    "puede interesarte",
    "lea también",
    "lee también",
    "leer más",
    "más información",
    "noticias relacionadas",
    "veja também",
    "leia também",
    "leia mais",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "voir aussi",
    "leggi anche",
    "potrebbe interessarti",
    "czytaj też",
    "czytaj także",
    "czytaj więcej",
    "zobacz też",
    "zobacz także",
    // video and audio players
    "watch:",
    "watch live",
    "watch now",
    "listen to this article",
    "listen:",
    "video:",
    // advertising
    "advertisement",
    "anzeige",
    "werbung",
    "publicidad",
    "publicité",
    "pubblicità",
    "reklama",
    "sponsored",
    // credits and labels
    "credit:",
    "credits:",
    "photo:",
    "photos:",
    "foto:",
    "fotos:",
    "bild:",
    "bilder:",
    "titelbild:",
    "bildquelle",
    "image:",
    "image illustrative",
    "crédits photos",
    "crédit photo",
    "crédito:",
    "quelle:",
    "quellen:",
    "source:",
    "fuente:",
    "fonte:",
    "źródło:",
    "kontakt:",
    "contact:",
    "pressekontakt",
    "ansprechpartner",
    "autoren:",
    "autor:",
    "autorin:",
    "author:",
    "authors:",
    "kategorie:",
    "kategorien:",
    "category:",
    "categories:",
    "tags:",
    "schlagwörter:",
    "schlagworte:",
    "etiquetas:",
    "filed under",
    "posted in",
    "veröffentlicht am",
    "published:",
    "updated:",
    "aktualisiert am",
    "opublikowano",
    "aufrufe:",
    // sharing and comments
    "share this",
    "share this article",
    "share this story",
    "share on",
    "teilen sie dies mit",
    "diesen artikel teilen",
    "artikel teilen",
    "compartir",
    "partager",
    "condividi",
    "udostępnij",
    "kommentare",
    "kommentar schreiben",
    "comments",
    "leave a comment",
    "leave a reply",
    "hinterlasse einen kommentar",
    "schreibe einen kommentar",
    "comentarios",
    "commentaires",
    "komentarze",
    "hier können sie den artikel bewerten",
    "artikel bewerten",
];

/// A magazine's or paper's note on where the piece was printed ("This article appears in the
/// October 2024 issue of …", "A version of this article appears in print on …"): a sentence,
/// not a label, so it is matched at the start of a short paragraph with no separator.
const PRINT_NOTES: &[&str] = &[
    "this article appears in",
    "this story appears in",
    "this article appeared in",
    "a version of this article appears",
    "a version of this story appears",
    "a version of this article appeared",
    "dieser artikel erschien",
    "dieser beitrag erschien",
    "cet article est paru",
    "este artículo se publicó",
];

/// Words that make a short paragraph a call to action (newsletter, subscription, app, comment
/// form, cookie consent), compared on the lower-cased text.
const CALLS: &[&str] = &[
    "newsletter",
    "subscribe",
    "sign up",
    "signing up",
    "abonnieren",
    "abonnier",
    "suscríbete",
    "suscribirse",
    "suscripción",
    "hazte miembro",
    "abonnez-vous",
    "inscrivez-vous",
    "iscriviti",
    "zapisz się",
    "subskrypcji",
    "download the",
    "get the latest news",
    "the latest news and",
    "app store",
    "google play",
    "akismet",
    "cookie",
    "privatsphäre",
    "datenschutz",
    "einverständnis",
    "eingeloggt sein",
    "logged in to",
    "log in to comment",
    "telegram",
    "whatsapp",
    // a plea for money at the end of a story
    "journalism costs money",
    "support our journalism",
    "support independent journalism",
    "become a subscriber",
    "follow us",
    "folgen sie uns",
    "síguenos",
    "suivez-nous",
    "seguici",
    "obserwuj nas",
];

/// Closing section headings: from one of these on (second half of the article), the rest is
/// page furniture.
const CLOSERS: &[&str] = &[
    "related",
    "related posts",
    "related articles",
    "related stories",
    "you may also like",
    "you might also like",
    "more stories",
    "more from",
    "recommended",
    "comments",
    "share this:",
    "share this",
    "like this:",
    "ähnliche beiträge",
    "ähnliche artikel",
    "verwandte artikel",
    "auch interessant",
    "mehr zum thema",
    "weitere artikel",
    "weitere beiträge",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "kommentare",
    "teilen sie dies mit:",
    "teilen mit:",
    "gefällt mir:",
    "teilnehmende blogs:",
    "noticias relacionadas",
    "te puede interesar",
    "más noticias",
    "comentarios",
    "articles similaires",
    "à lire aussi",
    "sur le même sujet",
    "commentaires",
    "articoli correlati",
    "leggi anche",
    "commenti",
    "czytaj także",
    "zobacz także",
    "komentarze",
    "veja também",
    "leia também",
    "comentários",
    // an end note about the writer
    "about the author",
    "about the authors",
    "about the writer",
    "über den autor",
    "über die autorin",
    "zum autor",
    "zur autorin",
    "sobre el autor",
    "sobre la autora",
    "à propos de l'auteur",
    "l'autore",
    "o autorze",
];

const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "october",
    "december",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
    "am",
    "pm",
    "uhr",
    "de",
    "del",
    "um",
    "at",
    "h",
];

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn starts_with_label(lower: &str) -> bool {
    let t = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    LABELS.iter().any(|l| {
        t.strip_prefix(l).is_some_and(|rest| {
            // The label alone or followed by its separator ("Lesen Sie auch: …"), not a
            // sentence that opens with the same words ("Weitere Informationen erteilt …").
            let rest = rest.trim_start();
            l.ends_with(':')
                || rest.is_empty()
                || rest.starts_with([':', '|', '-', '–', '—', '»', '>', '›', '(', '/'])
        })
    })
}

fn is_credit(p: &str, lower: &str) -> bool {
    let n = words(p);
    n <= 40
        && (p.contains(" | ©")
            || p.contains("| © ")
            || (p.contains('©') && n <= 20)
            || lower.contains("(c) ")
            || lower.starts_with("(credit")
            || lower.starts_with("(foto")
            || lower.starts_with("(photo")
            || lower.starts_with("(bild"))
}

fn is_copyright(p: &str, lower: &str) -> bool {
    words(p) <= 80
        && (p.starts_with('©')
            || lower.starts_with("copyright")
            || lower.contains("all rights reserved")
            || lower.contains("alle rechte vorbehalten")
            || lower.contains("todos los derechos reservados")
            || lower.contains("tous droits réservés")
            || lower.contains("copyrighted property")
            || lower.contains("written permission")
            || lower.contains("veröffentlicht unter der lizenz")
            || lower.contains("licensed under"))
}

fn is_call(lower: &str, n: usize) -> bool {
    n <= 40 && CALLS.iter().any(|c| lower.contains(c))
}

fn is_date_only(lower: &str) -> bool {
    only_date_words(lower, 6, false)
}

/// `lower` holds 1 to `max_words` words, a figure among them, and nothing but figures, dates and
/// times ("30.11.2026", "Nov. 30, 2026 at 9 am"); with `day_and_zone`, also week days, "20th"
/// and the clock's "p.m." / "GMT" (a plain-text article's date line).
fn only_date_words(lower: &str, max_words: usize, day_and_zone: bool) -> bool {
    let n = words(lower);
    (1..=max_words).contains(&n)
        // "+49 30 1234-567" is a phone number.
        && !lower.starts_with('+')
        && lower.chars().any(|c| c.is_ascii_digit())
        && lower.split_whitespace().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.is_empty()
                || w.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | '-' | '/'))
                || MONTHS.contains(&w)
                || (day_and_zone
                    && (WEEKDAYS.contains(&w)
                        || CLOCK_WORDS.contains(&w)
                        // "20th", "1st"
                        || (w.starts_with(|c: char| c.is_ascii_digit())
                            && ["st", "nd", "rd", "th"].iter().any(|s| {
                                w.strip_suffix(s)
                                    .is_some_and(|d| d.chars().all(|c| c.is_ascii_digit()))
                            }))))
        })
}

/// Week days (English, German, French, Spanish), which a date line may open with.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];

/// Time-zone and clock words of a date line ("12:15 p.m. ET", "08:00 GMT").
const CLOCK_WORDS: &[&str] = &[
    "a.m", "p.m", "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt",
    "gmt", "utc", "bst", "cet", "cest", "ist", "aest",
];

/// A line that is only a date, maybe with its week day and time: "Wednesday, August 20, 2025,
/// 12:15 p.m.", "Aug. 20, 2025", "20/08/2025 08:00 GMT".
fn is_date_line(lower: &str) -> bool {
    only_date_words(lower, 9, true)
}

/// How many paragraphs from the top of a plain-text or Markdown article may be its byline and
/// date line (after a headline, and maybe a standfirst).
const TOP_LINES: usize = 4;

/// Openings of a byline ("By …", "Von …", "Por …").
const BY: &[&str] = &["by ", "von ", "por ", "par ", "di ", "door ", "przez "];

/// The byline ("By Nora Whitcomb, Northfork Public Radio") and the date line ("Wednesday,
/// August 20, 2025, 12:15 p.m.") at the top of a plain-text or Markdown article: not passages
/// of the story (they would be aligned and read for framing like its sentences) but its author
/// and date, which fill `author` and `date` when the file's header did not (and the outlet a
/// byline names after its last comma fills `source`). Returns the paragraphs that remain; never
/// none of them.
pub fn top_lines(body: &str, paragraphs: Vec<Span>, meta: &mut Meta) -> Vec<Span> {
    let total = paragraphs.len();
    let mut kept = Vec::with_capacity(total);
    for (i, p) in paragraphs.into_iter().enumerate() {
        let text = body.get(p.range()).unwrap_or("").trim();
        let lower = text.to_lowercase();
        // Never the last paragraph left, and only near the top.
        let top = i < TOP_LINES && kept.len() + (total - i) > 1;
        if top && is_date_line(&lower) {
            meta.date.get_or_insert_with(|| text.to_string());
            continue;
        }
        // A line closed like a sentence is prose ("By noon the fire had crossed the road.").
        let closed = text.ends_with(['.', '!', '?', '"', '\u{201d}', ':']);
        if top
            && !closed
            && BY.iter().any(|b| lower.starts_with(b))
            && is_byline(text, &lower, None)
        {
            let name = BY
                .iter()
                .find_map(|b| lower.strip_prefix(b).and_then(|_| text.get(b.len()..)))
                .unwrap_or(text);
            let (names, outlet) = byline_outlet(name.trim());
            meta.author.get_or_insert_with(|| names.to_string());
            if let Some(outlet) = outlet {
                meta.source.get_or_insert_with(|| outlet.to_string());
            }
            continue;
        }
        kept.push(p);
    }
    kept
}

/// Words of a reporter's role after a byline's comma ("Jane Doe, Staff Writer"): no outlet.
const ROLE_WORDS: &[&str] = &[
    "reporter",
    "correspondent",
    "writer",
    "editor",
    "staff",
    "columnist",
    "contributor",
    "producer",
    "analyst",
    "journalist",
    "reporting",
    "special",
    "senior",
    "chief",
    "bureau",
    "political",
    "desk",
    "team",
    "photographer",
];

/// A byline's names and the outlet after its last comma: "Nora Whitcomb, Northfork Public
/// Radio" gives ("Nora Whitcomb", Some("Northfork Public Radio")); "Ellen Marsh, Port Reporter"
/// names a role, not an outlet, and is kept whole.
fn byline_outlet(byline: &str) -> (&str, Option<&str>) {
    let Some((names, tail)) = byline.rsplit_once(", ") else {
        return (byline, None);
    };
    let tail = tail.trim();
    let n = words(tail);
    let outlet = (1..=6).contains(&n)
        && tail.split_whitespace().all(|w| {
            let lw = w.to_lowercase();
            (w.starts_with(char::is_uppercase) || CONNECTORS.contains(&lw.as_str()))
                && !ROLE_WORDS.contains(&lw.trim_matches(|c: char| !c.is_alphanumeric()))
        });
    if outlet && !names.trim().is_empty() {
        (names.trim(), Some(tail))
    } else {
        (byline, None)
    }
}

/// Lower-case words a name or byline can hold.
const CONNECTORS: &[&str] = &[
    "and", "und", "y", "e", "et", "i", "oraz", "&", "of", "de", "da", "del", "von", "van", "der",
    "den", "la", "le", "di", "du", "and/or",
];

/// A byline near the top: "By Jane Doe", "Von Max Muster", or a short line naming the
/// page's author ("Jane Doe and John Roe · 30 November 2026").
fn is_byline(p: &str, lower: &str, author: Option<&str>) -> bool {
    let n = words(p);
    if n > 15 {
        return false;
    }
    let by = ["by ", "von ", "por ", "par ", "di ", "door ", "przez "]
        .iter()
        .find_map(|b| lower.strip_prefix(b).map(|_| b.len()))
        .and_then(|len| p.get(len..))
        .is_some_and(|rest| {
            // A name, maybe with a role: "By Ellen Marsh, Port Reporter", not "By Monday
            // evening the ships were at anchor."
            let lower_words = rest
                .split_whitespace()
                .filter(|w| w.starts_with(char::is_lowercase))
                .filter(|w| !CONNECTORS.contains(w))
                .count();
            rest.starts_with(char::is_uppercase) && lower_words == 0 && n <= 10
        });
    // "By Marcus Bell Published: Nov. 18, 2026 at 11:05 AM EST Updated: 4 hours ago": the
    // name, then only the page's time stamps.
    let stamped = || {
        let cut = STAMPS
            .iter()
            .filter_map(|w| lower.find(w))
            .min()
            .filter(|&c| c > 0)?;
        let (name, rest) = (p.get(..cut)?, lower.get(cut..)?);
        Some(
            name.len() < p.len()
                && is_byline(
                    name.trim_end_matches([' ', '|', '·', '-', ',']),
                    &name.to_lowercase(),
                    None,
                )
                && rest.split_whitespace().count() <= 16,
        )
    };
    by || stamped().unwrap_or(false)
        || author.is_some_and(|a| {
            a.split([',', '&'])
                .flat_map(|x| x.split(" and "))
                .map(str::trim)
                .filter(|x| words(x) >= 2)
                .any(|name| p.contains(name) && n <= words(a) + 8)
        })
}

/// Words that open a page's time stamp after a byline ("By Jane Doe Published: …").
const STAMPS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last updated",
    "veröffentlicht",
    "aktualisiert",
    "publicado",
    "actualizado",
    "publié",
    "mis à jour",
    "pubblicato",
    "aggiornato",
];

/// An advertisement break inside the story ("Story continues below advertisement").
fn is_ad_break(lower: &str, n: usize) -> bool {
    n <= 8
        && [
            "continues below",
            "continue reading below",
            "continues after",
            "article continues after",
            "weiterlesen nach der anzeige",
            "artikel wird nach der anzeige fortgesetzt",
        ]
        .iter()
        .any(|c| lower.contains(c))
}

/// A contributor or editing credit ("Sam Okafor contributed to this report.",
/// "(Reporting by Jane Doe; Editing by John Roe)").
fn is_contributor(p: &str, lower: &str, n: usize) -> bool {
    let t = lower.trim_start_matches(['(', '[', '*', '_', ' ']);
    n <= 30
        && ([
            "contributed to this report",
            "contributed to this story",
            "contributed to this article",
            "contributed reporting",
        ]
        .iter()
        .any(|c| t.contains(c))
            || [
                "additional reporting by ",
                "reporting by ",
                "editing by ",
                "writing by ",
                "compiled by ",
            ]
            .iter()
            .any(|c| {
                // A name follows: "Reporting by Jane Doe", not "Reporting by the council
                // showed …".
                t.strip_prefix(c).is_some_and(|rest| {
                    original_case(lower, rest, p).is_some_and(|r| r.starts_with(char::is_uppercase))
                })
            }))
}

/// The part of `p` (the original text) that `rest`, a suffix of its lower-cased `lower`,
/// stands for; `None` when lower-casing changed the text's length.
fn original_case<'a>(lower: &str, rest: &str, p: &'a str) -> Option<&'a str> {
    (lower.len() == p.len())
        .then(|| p.get(p.len() - rest.len()..))
        .flatten()
}

/// Words of a paragraph, lower-cased, letters and digits only (for the pull-quote rule).
fn plain_words(p: &str) -> String {
    p.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A pull quote: a short paragraph of at least [`PULL_QUOTE_MIN_WORDS`] words whose words
/// (in order) are part of a longer kept paragraph of the article.
fn pull_quotes(texts: &[&str], kept: &[bool]) -> Vec<bool> {
    let plain: Vec<String> = texts.iter().map(|t| plain_words(t)).collect();
    plain
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let n = q.split(' ').count();
            i > 0
                && (PULL_QUOTE_MIN_WORDS..=40).contains(&n)
                && plain.iter().enumerate().any(|(j, other)| {
                    j != i
                        && kept.get(j).copied().unwrap_or(false)
                        && other.len() > q.len()
                        && other.contains(q.as_str())
                        // Whole words: "said" is not inside "unsaid".
                        && other
                            .match_indices(q.as_str())
                            .any(|(k, _)| {
                                (k == 0 || other.as_bytes().get(k - 1) == Some(&b' '))
                                    && other
                                        .as_bytes()
                                        .get(k + q.len())
                                        .is_none_or(|&b| b == b' ')
                            })
                })
        })
        .collect()
}

/// Fewest words of a pull quote (shorter repeated lines, "He declined to comment.", are left).
const PULL_QUOTE_MIN_WORDS: usize = 5;

fn is_closer(lower: &str) -> bool {
    let t = lower.trim().trim_end_matches(['.', '…']);
    words(t) <= 6 && CLOSERS.contains(&t)
}

/// Applies the filters to `paragraphs` of `body`; returns the new body and paragraphs (same
/// order, `\n\n` between). `author` is the page's author, for the closing biography rule.
pub fn filter(body: &str, paragraphs: &[Span], author: Option<&str>) -> (String, Vec<Span>) {
    let texts: Vec<&str> = paragraphs
        .iter()
        .map(|p| body.get(p.range()).unwrap_or(""))
        .collect();
    let total: usize = texts.iter().map(|t| t.len()).sum();
    let mut keep = vec![true; texts.len()];
    let mut seen = 0usize;
    let mut cut_at = None;
    for (i, p) in texts.iter().enumerate() {
        let lower = p.to_lowercase();
        let n = words(p);
        if seen * 2 >= total && i > 0 && is_closer(&lower) {
            cut_at = Some(i);
            break;
        }
        seen += p.len();
        let drop = (n <= 25
            && (starts_with_label(&lower) || PRINT_NOTES.iter().any(|l| lower.starts_with(l))))
            || is_credit(p, &lower)
            || is_copyright(p, &lower)
            || is_call(&lower, n)
            || is_date_only(&lower)
            || is_ad_break(&lower, n)
            || is_contributor(p, &lower, n)
            || (i < 4 && is_byline(p, &lower, author));
        if drop && let Some(k) = keep.get_mut(i) {
            *k = false;
        }
    }
    if let Some(c) = cut_at {
        for k in keep.iter_mut().skip(c) {
            *k = false;
        }
    }
    // Against the paragraphs kept so far: a teaser repeated in a line that goes as furniture
    // ("… Read more") is the only copy left.
    let pulled = pull_quotes(&texts, &keep);
    for (k, pull) in keep.iter_mut().zip(pulled) {
        if pull {
            *k = false;
        }
    }
    // The author's biography closing the page ("Jane Doe is a reporter at …").
    if let Some(author) = author
        .map(str::trim)
        .filter(|a| words(a) >= 2 && a.len() <= 60)
    {
        let first = author.split(',').next().unwrap_or(author).trim();
        // The author box: its biography, and above it the name as a heading (only a line
        // that is little more than the name: a story's last paragraph may open with the
        // author's name too, when the author is also its subject).
        for pass in 0..2 {
            let last_kept = (0..texts.len())
                .rev()
                .find(|&i| keep.get(i).copied().unwrap_or(false));
            if let Some(i) = last_kept
                && i > 0
                && texts.get(i).is_some_and(|t| {
                    t.starts_with(first)
                        && words(t) <= if pass == 0 { 120 } else { words(first) + 3 }
                })
                && let Some(k) = keep.get_mut(i)
            {
                *k = false;
            } else {
                break;
            }
        }
    }
    let mut out = String::with_capacity(body.len());
    let mut spans = Vec::with_capacity(texts.len());
    for (t, k) in texts.iter().zip(&keep) {
        if !k {
            continue;
        }
        push_paragraph(&mut out, &mut spans, t);
    }
    if spans.is_empty() {
        // Never filter a page down to nothing: the filters are for furniture around a story.
        return (body.to_string(), paragraphs.to_vec());
    }
    (out, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(paras: &[&str], author: Option<&str>) -> Vec<String> {
        let body = paras.join("\n\n");
        let mut spans = Vec::new();
        let mut at = 0;
        for p in paras {
            spans.push(Span::new(at, at + p.len()));
            at += p.len() + 2;
        }
        let (b, s) = filter(&body, &spans, author);
        s.iter().map(|sp| b[sp.range()].to_string()).collect()
    }

    #[test]
    fn furniture_lines_go_story_stays() {
        let story = "The council voted on Tuesday to close the bridge for repairs, the mayor said.";
        let kept = run(
            &[
                story,
                "Read more: Bridge repairs delayed again",
                "Lesen Sie auch: Brücke bleibt gesperrt",
                "The old bridge was built in 1911. | © Example Agency",
                "Advertisement",
                "Sign up for our newsletter to get the latest news.",
                "12. März 2024",
                "Anzeigenkunden zahlten mehr als erwartet, sagte die Stadt.",
                "The repairs will take two years.",
            ],
            None,
        );
        assert_eq!(
            kept,
            vec![
                story,
                "Anzeigenkunden zahlten mehr als erwartet, sagte die Stadt.",
                "The repairs will take two years."
            ]
        );
    }

    #[test]
    fn an_about_the_author_end_note_and_a_print_note_are_cut() {
        let long = "The council voted on Tuesday to close the bridge for repairs, the mayor said, after an inspection found cracks.";
        let kept = run(
            &[
                long,
                long,
                long,
                "About the author",
                "Tomas Rebane is a contributing editor and the author of a book of essays on rural craft.",
            ],
            None,
        );
        assert_eq!(kept, vec![long, long, long]);
        let kept = run(
            &[
                long,
                long,
                "This article appears in the October 2024 issue of Hearth & Field. Buy the issue",
            ],
            None,
        );
        assert_eq!(kept, vec![long, long]);
    }

    #[test]
    fn closing_section_and_author_bio_are_cut() {
        let long = "The council voted on Tuesday to close the bridge for repairs, the mayor said, after an inspection found cracks.";
        let kept = run(
            &[
                long,
                long,
                "Jane Doe covers city hall for the paper.",
                "Related posts",
                "Another story entirely",
            ],
            Some("Jane Doe"),
        );
        assert_eq!(kept, vec![long, long]);
        // A closing heading in the first half is a section of the story, not the end.
        let kept = run(&["Comments", long, long], None);
        assert_eq!(kept.len(), 2, "{kept:?}");
    }

    #[test]
    fn ad_breaks_video_captions_and_contributor_credits_go() {
        let story = "The council voted on Tuesday to close the bridge for repairs, the mayor said.";
        let kept = run(
            &[
                story,
                "Story continues below advertisement",
                "WATCH: Cranes idle at the quay",
                "The repairs will take two years, and the detour continues below the old mill.",
                "Sam Okafor contributed to this report.",
                "(Reporting by Jane Doe; Editing by John Roe)",
                "Reporting by the council showed that costs doubled since 2019 and the repairs will cost more than the bridge did.",
            ],
            None,
        );
        assert_eq!(
            kept,
            vec![
                story,
                "The repairs will take two years, and the detour continues below the old mill.",
                "Reporting by the council showed that costs doubled since 2019 and the repairs will cost more than the bridge did.",
            ],
            "a story sentence that holds the same words is no furniture"
        );
    }

    #[test]
    fn a_pull_quote_repeating_the_story_goes_once_its_sentence_stays() {
        let quote =
            "\u{201c}We will not cut corners to get back online faster,\u{201d} Petit said.";
        let kept = run(
            &[
                "The hospital diverted ambulances on Tuesday.",
                quote,
                "\u{201c}We will not cut corners.\u{201d}",
                "He declined to comment.",
                "Asked about the payment, he declined to comment.",
                "Ambulances went to Carver Memorial.",
            ],
            None,
        );
        assert_eq!(
            kept,
            vec![
                "The hospital diverted ambulances on Tuesday.",
                quote,
                "He declined to comment.",
                "Asked about the payment, he declined to comment.",
                "Ambulances went to Carver Memorial.",
            ],
            "a repeated line shorter than five words is left alone"
        );
        // The only copy is kept: its longer twin went as furniture.
        let kept = run(
            &[
                "Ambulances went to Carver Memorial, officials said.",
                "The hospital diverted ambulances on Tuesday",
                "Read more: The hospital diverted ambulances on Tuesday after the attack",
            ],
            None,
        );
        assert_eq!(kept.len(), 2, "{kept:?}");
    }

    #[test]
    fn an_author_box_heading_and_biography_close_the_page_and_go() {
        let story = "The council voted on Tuesday to close the bridge for repairs, the mayor said.";
        let kept = run(
            &[
                story,
                story,
                story,
                story,
                "Dana Whitlock visited the bridge with the inspectors, who found the cracks.",
                "Dana Whitlock",
                "Dana Whitlock covers county government. Reach her at dana@example.org.",
            ],
            Some("Dana Whitlock"),
        );
        assert_eq!(
            kept,
            vec![
                story,
                story,
                story,
                story,
                "Dana Whitlock visited the bridge with the inspectors, who found the cracks."
            ],
            "only a name heading goes on the second pass, not a story paragraph"
        );
    }

    #[test]
    fn a_byline_run_into_its_time_stamps_goes() {
        let story = "The council voted on Tuesday to close the bridge for repairs, the mayor said.";
        let kept = run(
            &[
                "By Marcus Bell Published: Nov. 18, 2026 at 11:05 AM EST Updated: 4 hours ago",
                "By Tuesday the council had published its report and updated the plan.",
                story,
            ],
            None,
        );
        assert_eq!(
            kept,
            vec![
                "By Tuesday the council had published its report and updated the plan.",
                story
            ]
        );
    }

    #[test]
    fn bylines_near_the_top_go() {
        let story = "The council voted on Tuesday to close the bridge for repairs, the mayor said.";
        let kept = run(
            &[
                "By Ellen Marsh, Port Reporter",
                "Priya Nand and Sam Oduya · 30 November 2026",
                "By Monday evening eleven ships were at anchor.",
                story,
            ],
            Some("Priya Nand, Sam Oduya"),
        );
        assert_eq!(
            kept,
            vec!["By Monday evening eleven ships were at anchor.", story]
        );
    }

    fn top(paras: &[&str]) -> (Vec<String>, Meta) {
        let (body, spans) = crate::span::join_paragraphs(paras);
        let mut meta = Meta::default();
        let kept = top_lines(&body, spans, &mut meta);
        let texts = kept.iter().map(|sp| body[sp.range()].to_string()).collect();
        (texts, meta)
    }

    #[test]
    fn a_text_articles_byline_and_date_line_are_its_author_and_date() {
        let lede = "PINE HOLLOW — A wildfire broke out Tuesday afternoon, officials said.";
        let (kept, meta) = top(&[
            "Quarry Fire forces thousands from homes",
            "By Nora Whitcomb, Northfork Public Radio",
            "Wednesday, August 20, 2025, 12:15 p.m.",
            lede,
        ]);
        assert_eq!(kept, ["Quarry Fire forces thousands from homes", lede]);
        assert_eq!(meta.author.as_deref(), Some("Nora Whitcomb"));
        assert_eq!(meta.source.as_deref(), Some("Northfork Public Radio"));
        assert_eq!(
            meta.date.as_deref(),
            Some("Wednesday, August 20, 2025, 12:15 p.m.")
        );
        // Two names and an outlet; an abbreviated month.
        let (kept, meta) = top(&[
            "Shares slide",
            "By Grant Osei and Lila Moreau, The Commerce Ledger",
            "Aug. 20, 2025",
            lede,
        ]);
        assert_eq!(kept, ["Shares slide", lede]);
        assert_eq!(meta.author.as_deref(), Some("Grant Osei and Lila Moreau"));
        assert_eq!(meta.source.as_deref(), Some("The Commerce Ledger"));
        assert_eq!(meta.date.as_deref(), Some("Aug. 20, 2025"));
    }

    #[test]
    fn prose_and_roles_are_not_read_as_bylines() {
        let (kept, meta) = top(&[
            "Port strike ends",
            "By Ellen Marsh, Port Reporter",
            "By Monday evening eleven ships were at anchor.",
            "By noon the cranes were moving again",
            "On 20 August 2025 the union voted to return.",
        ]);
        // The role stays part of the author; lines closed like a sentence or holding lowercase
        // words are the story; a dated sentence is no date line.
        assert_eq!(meta.author.as_deref(), Some("Ellen Marsh, Port Reporter"));
        assert_eq!(meta.source, None);
        assert_eq!(meta.date, None);
        assert_eq!(
            kept,
            [
                "Port strike ends",
                "By Monday evening eleven ships were at anchor.",
                "By noon the cranes were moving again",
                "On 20 August 2025 the union voted to return.",
            ]
        );
        // Far from the top, a date-only paragraph is the story's (a list of dates).
        let (kept, _) = top(&["A", "B", "C", "D", "E", "20 August 2025"]);
        assert_eq!(kept.len(), 6);
        // Never nothing left.
        let (kept, meta) = top(&["Aug. 20, 2025"]);
        assert_eq!(kept, ["Aug. 20, 2025"]);
        assert_eq!(meta.date, None);
    }

    #[test]
    fn never_filters_to_nothing() {
        assert_eq!(run(&["Advertisement"], None), vec!["Advertisement"]);
    }
}
