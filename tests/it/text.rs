//! Integration tests of `parallax::text`: sentence segmentation (a fixture table of tricky
//! cases and the seeds), tokens, features, and property tests.

use parallax::corpus::Article;
use parallax::text::{
    Token, TokenKind, features, is_heading, segment_article, split_sentences, tokenize,
};

fn find<'a>(ts: &'a [Token], lower: &str) -> &'a Token {
    ts.iter()
        .find(|t| t.lower == lower)
        .unwrap_or_else(|| panic!("no token {lower:?} in {ts:#?}"))
}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

#[test]
fn tokens_inflections_share_a_stem() {
    let ts = tokenize("She claimed it, he claims it, they are claiming it; the claim stands.");
    let stems: Vec<&str> = ["claimed", "claims", "claiming", "claim"]
        .iter()
        .map(|w| find(&ts, w).stem.as_str())
        .collect();
    assert!(stems.iter().all(|s| *s == stems[0]), "{stems:?}");
}

#[test]
fn tokens_stop_words_are_marked_content_words_are_not() {
    let ts = tokenize("The Kremlin said there are no plans for a meeting with him.");
    for w in ["the", "there", "are", "no", "for", "a", "with", "him"] {
        assert!(find(&ts, w).stop, "{w} should be a stop word");
    }
    for w in ["kremlin", "said", "plans", "meeting"] {
        assert!(!find(&ts, w).stop, "{w} should not be a stop word");
    }
}

#[test]
fn tokens_thousands_and_decimals_are_one_number() {
    let ts = tokenize("He's got 2,000 nuclear weapons and 3.5 million troops.");
    let n = find(&ts, "2,000");
    assert_eq!(n.kind, TokenKind::Number);
    assert_eq!(n.stem, "2000");
    assert_eq!(find(&ts, "3.5").kind, TokenKind::Number);
    assert_eq!(find(&ts, "million").kind, TokenKind::Number);
    assert!(!ts.iter().any(|t| t.lower == "2" || t.lower == "000"));
}

#[test]
fn tokens_names_and_acronyms() {
    let text = "In response, Kremlin spokesman Dmitry Peskov told TASS that NATO and the U.S. had no plans.";
    let ts = tokenize(text);
    for w in ["kremlin", "dmitry", "peskov", "tass", "nato", "u.s"] {
        assert_eq!(find(&ts, w).kind, TokenKind::Name, "{w}");
    }
    for w in ["response", "spokesman", "told", "plans"] {
        assert_eq!(find(&ts, w).kind, TokenKind::Word, "{w}");
    }
    // Sentence-initial capitalised words are not names on their own …
    let ts = tokenize("Fighting has ratcheted up. Analysts say so.");
    assert_eq!(find(&ts, "fighting").kind, TokenKind::Word);
    assert_eq!(find(&ts, "analysts").kind, TokenKind::Word);
    // … but a two-word capitalised sequence at the start is.
    let ts = tokenize("Dmitry Peskov, a Kremlin spokesperson, called the report false.");
    assert_eq!(find(&ts, "dmitry").kind, TokenKind::Name);
}

#[test]
fn tokens_title_case_headings_have_no_names_but_keep_acronyms() {
    let ts = tokenize("What People Are Saying About NATO");
    assert_eq!(find(&ts, "people").kind, TokenKind::Word);
    assert_eq!(find(&ts, "saying").kind, TokenKind::Word);
    assert_eq!(find(&ts, "nato").kind, TokenKind::Name);
    // Sentence case keeps its names.
    let ts = tokenize("Talks with Putin and new sanctions?");
    assert_eq!(find(&ts, "putin").kind, TokenKind::Name);
    // A capitalised conjunction opening a sentence does not make a two-word name.
    let ts = tokenize("Though Trump maintains that talks are a priority.");
    assert_eq!(find(&ts, "though").kind, TokenKind::Word);
}

#[test]
fn tokens_typographic_apostrophes_are_normalised() {
    let curly = tokenize("Russia’s war");
    let straight = tokenize("Russia's war");
    assert_eq!(curly[0].lower, "russia's");
    assert_eq!(curly[0].lower, straight[0].lower);
    assert_eq!(curly[0].stem, "russia");
    assert_eq!(straight[0].stem, "russia");
    assert!(find(&tokenize("I don’t comment"), "don't").stop);
}

#[test]
fn tokens_quoted_words_are_flagged() {
    let text = "Peskov called the report “false” and said \"no plans\" exist.";
    let ts = tokenize(text);
    assert!(find(&ts, "false").quoted);
    assert!(find(&ts, "no").quoted);
    assert!(find(&ts, "plans").quoted);
    assert!(!find(&ts, "peskov").quoted);
    assert!(!find(&ts, "exist").quoted);
}

#[test]
fn tokens_ranges_point_at_the_word() {
    let text = "“We see a certain nervousness,” said Mr. Peskov — 2,000 km away.";
    for t in tokenize(text) {
        let surface = &text[t.start..t.end];
        assert_eq!(surface.to_lowercase().replace('’', "'"), t.lower);
    }
}

// ---------------------------------------------------------------------------------------------
// Sentences: the fixture table
// ---------------------------------------------------------------------------------------------

#[derive(serde::Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Case {
    name: String,
    text: String,
    sentences: Vec<String>,
    heading: Option<bool>,
}

fn table() -> Vec<Case> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/text/sentences.toml"
    );
    let src = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let t: Table = toml::from_str(&src).unwrap_or_else(|e| panic!("{path}: {e}"));
    t.case
}

#[test]
fn sentences_fixture_table() {
    let cases = table();
    let mut failures = Vec::new();
    for c in &cases {
        let got: Vec<&str> = split_sentences(&c.text)
            .into_iter()
            .map(|r| &c.text[r])
            .collect();
        if got != c.sentences {
            failures.push(format!(
                "{}:\n  expected {:?}\n  got      {:?}",
                c.name, c.sentences, got
            ));
        }
        if let Some(h) = c.heading
            && is_heading(&c.text) != h
        {
            failures.push(format!("{}: is_heading should be {h}", c.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn sentences_fixture_table_covers_the_named_cases() {
    let cases = table();
    let names: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), cases.len(), "case names must be unique");
    for required in [
        "abbreviation_us",
        "abbreviation_mr",
        "abbreviation_months",
        "abbreviation_no_before_number",
        "abbreviation_st",
        "abbreviation_am_pm",
        "initials",
        "spaced_abbreviation",
        "decimal",
        "thousands",
        "ellipsis_mid",
        "ellipsis_end",
        "closing_quote_after_stop",
        "question_in_quote",
        "multi_sentence_quote",
        "dash_en_spaced",
        "dash_double_hyphen",
        "lowercase_after_stop",
        "headline",
        "subhead_title_case",
    ] {
        assert!(names.contains(required), "missing case {required}");
    }
}

// ---------------------------------------------------------------------------------------------
// Sentences: the seeds
// ---------------------------------------------------------------------------------------------

fn seed(prefix: &str) -> Article {
    parallax::corpus::seeds()
        .articles
        .into_iter()
        .find(|a| a.id.starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"))
}

fn passages(a: &Article) -> Vec<(usize, &str, bool)> {
    segment_article(a)
        .into_iter()
        .map(|s| (s.paragraph, a.text(s.span), s.heading))
        .collect()
}

#[test]
fn seeds_never_split_inside_or_right_after_us_or_mr() {
    for a in parallax::corpus::seeds().articles {
        let sents = segment_article(&a);
        for needle in ["U.S.", "Mr.", "U.N."] {
            for (at, _) in a.body.match_indices(needle) {
                let end = at + needle.len();
                let s = sents
                    .iter()
                    .find(|s| s.span.start <= at && at < s.span.end)
                    .unwrap_or_else(|| panic!("{}: {needle} at {at} in no sentence", a.id));
                assert!(
                    end <= s.span.end,
                    "{}: sentence split inside {needle} at {at}",
                    a.id
                );
                if end == s.span.end {
                    let para = a.paragraphs[s.paragraph];
                    assert_eq!(
                        end,
                        para.end,
                        "{}: sentence ends after {needle} mid-paragraph: {:?}",
                        a.id,
                        a.text(s.span)
                    );
                }
            }
        }
    }
}

#[test]
fn seeds_sentences_cover_each_paragraph_in_order() {
    for a in parallax::corpus::seeds().articles {
        let sents = segment_article(&a);
        for (pi, para) in a.paragraphs.iter().enumerate() {
            let joined: String = sents
                .iter()
                .filter(|s| s.paragraph == pi)
                .map(|s| a.text(s.span))
                .collect::<Vec<_>>()
                .concat();
            let strip = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert_eq!(strip(&joined), strip(a.text(*para)), "{} ¶{pi}", a.id);
        }
        for w in sents.windows(2) {
            assert!(w[0].span.end <= w[1].span.start, "{}: overlap", a.id);
        }
    }
}

#[test]
fn seed_000_each_sentence_is_its_own_passage() {
    let a = seed("000");
    let ps = passages(&a);
    // Every paragraph is one sentence, except three that each hold a two-sentence quotation.
    for pi in 0..a.paragraphs.len() {
        let n = ps.iter().filter(|p| p.0 == pi).count();
        let expected = if [7, 17, 18].contains(&pi) { 2 } else { 1 };
        assert_eq!(
            n,
            expected,
            "paragraph {pi}: {:?}",
            a.text(a.paragraphs[pi])
        );
    }
    let texts: Vec<&str> = ps.iter().map(|p| p.1).collect();
    assert!(texts.contains(&"That war is horrible, horrible.\""));
    assert!(texts.contains(&"\"Why is this leader so dependent on Moscow?"));
    assert!(texts.contains(
        &"Trump told a conservative convention on December 22 that Putin said he \"wants to meet with me as soon as possible.”"
    ));
    assert!(ps.iter().all(|p| !p.2), "seed 000 has no headings");
}

#[test]
fn seed_001_subheads_are_heading_passages() {
    let a = seed("001");
    let ps = passages(&a);
    let heads: Vec<&str> = ps.iter().filter(|p| p.2).map(|p| p.1).collect();
    assert_eq!(
        heads,
        [
            "Why It Matters",
            "What To Know",
            "What People Are Saying",
            "What Happens Next"
        ]
    );
    // The quotation of Tristan Snell: three sentences, three passages.
    let snell: Vec<&str> = ps.iter().filter(|p| p.0 == 16).map(|p| p.1).collect();
    assert_eq!(snell.len(), 3, "{snell:?}");
    assert_eq!(snell[1], "Well, of course.");
}

#[test]
fn seed_002_headline_and_question_subhead() {
    let a = seed("002");
    let ps = passages(&a);
    assert_eq!(
        ps[0],
        (
            0,
            "Putin-Trump meeting in the works amid conflict talks",
            true
        )
    );
    assert!(ps.contains(&(5, "Talks with Putin and new sanctions?", true)));
    assert_eq!(ps.iter().filter(|p| p.2).count(), 2);
}

#[test]
fn seed_003_splits_after_the_closing_quote() {
    let a = seed("003");
    let texts: Vec<&str> = passages(&a).into_iter().map(|p| p.1).collect();
    assert!(texts.contains(
        &"Peskov stated that although Putin “repeated that he is open to all talks” last week, “no preparation is being carried out now.”"
    ));
    assert!(texts.contains(&"No signals have been received by us."));
    assert!(texts.contains(
        &"The Kremlin official stated, “We see a certain nervousness, various fears among Europeans over the election of Mr. Trump as US president.”"
    ));
    // "continuing… to try" is one sentence.
    assert!(texts.iter().any(|t| t.contains("continuing… to try")));
}

#[test]
fn seed_004_quotes_and_thousands() {
    let a = seed("004");
    let texts: Vec<&str> = passages(&a).into_iter().map(|p| p.1).collect();
    assert!(texts.contains(&"He’s got 2,000 nuclear weapons, and so do we.”"));
    assert!(texts.contains(&"That’s a bloody mess.”"));
    assert!(texts.contains(&"We welcome this."));
}

// ---------------------------------------------------------------------------------------------
// Features
// ---------------------------------------------------------------------------------------------

fn keys(fs: &[parallax::text::Feature]) -> Vec<&str> {
    fs.iter().map(|f| f.key.as_str()).collect()
}

#[test]
fn features_multi_word_names_without_titles() {
    let text = "In Moscow, Kremlin spokesman Dmitry Peskov said German Chancellor Olaf Scholz and Russian President Vladimir Putin spoke with TASS and the U.S. State Department.";
    let f = features(text);
    let names = keys(&f.names);
    for want in [
        "kremlin",
        "dmitry peskov",
        "peskov",
        "olaf scholz",
        "scholz",
        "vladimir putin",
        "putin",
        "tass",
        "us",
    ] {
        assert!(names.contains(&want), "missing {want:?} in {names:?}");
    }
    for not in [
        "german chancellor olaf scholz",
        "president",
        "chancellor",
        "russian president vladimir putin",
    ] {
        assert!(!names.contains(&not), "unexpected {not:?} in {names:?}");
    }
    // Every feature's range points at its words.
    let peskov = f
        .names
        .iter()
        .find(|n| n.key == "dmitry peskov")
        .map(|n| &text[n.start..n.end]);
    assert_eq!(peskov, Some("Dmitry Peskov"));
}

#[test]
fn features_possessive_and_acronym_names_normalise() {
    let a = features("It hurt Russia’s economy, the U.S. said.");
    let b = features("It hurt Russia's economy, the US said.");
    assert_eq!(keys(&a.names), keys(&b.names));
    assert!(keys(&a.names).contains(&"russia"));
}

#[test]
fn features_sentence_initial_capitals_are_maybe_names() {
    let f = features("Trump told a convention that Fico met Putin.");
    assert_eq!(keys(&f.maybe_names), ["trump"]);
    assert!(keys(&f.names).contains(&"fico"));
    assert!(!keys(&f.names).contains(&"trump"));
}

#[test]
fn features_numbers_are_normalised() {
    let f = features(
        "He has 2,000 weapons, 3.5 percent more, over six months, killing 1 million and costing $1.2 billion, the 22nd time.",
    );
    let nums = keys(&f.numbers);
    for want in ["2000", "3.5", "6", "1000000", "1200000000", "22"] {
        assert!(nums.contains(&want), "missing {want:?} in {nums:?}");
    }
    assert!(
        !nums.contains(&"1.2"),
        "the scale word is folded in: {nums:?}"
    );
    // The same quantity written differently gives the same key.
    assert_eq!(keys(&features("one million people").numbers), ["1000000"]);
    assert_eq!(keys(&features("1,000,000 people").numbers), ["1000000"]);
}

#[test]
fn features_dates_months_weekdays_years() {
    let f = features(
        "Trump spoke on December 22, met him on 23 December and Dec. 24, on Monday, and in January 2025.",
    );
    let dates = keys(&f.dates);
    assert_eq!(
        dates,
        [
            "december 22",
            "december 23",
            "december 24",
            "monday",
            "january",
            "2025"
        ]
    );
    // Day numbers inside dates are not numbers; months and weekdays are not names.
    assert!(f.numbers.is_empty(), "{:?}", f.numbers);
    assert!(
        !keys(&f.names)
            .iter()
            .any(|n| n.contains("december") || *n == "monday")
    );
    // "May" the modal verb and "Mar-a-Lago" are not dates.
    assert!(
        features("It May help, said Mar-a-Lago staff.")
            .dates
            .is_empty()
    );
}

#[test]
fn features_quotes_are_normalised_text() {
    let text = "Peskov stated that although Putin “repeated that he is open to all talks” last week, “no preparation is being carried out now.”";
    let f = features(text);
    assert_eq!(
        keys(&f.quotes),
        [
            "repeated that he is open to all talks",
            "no preparation is being carried out now"
        ]
    );
    // Straight and curly quotes give the same key.
    let g = features("He said \"No preparation is being carried out now.\"");
    assert_eq!(keys(&g.quotes), ["no preparation is being carried out now"]);
}

#[test]
fn features_keys_are_prefixed_sorted_and_unique() {
    let f = features("Peskov met Peskov on Monday and said “no”.");
    let k = f.keys();
    let mut sorted = k.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(k, sorted);
    assert!(k.contains(&"name:peskov".to_string()));
    assert!(k.contains(&"date:monday".to_string()));
    assert!(k.contains(&"quote:no".to_string()));
}

#[test]
fn features_on_seed_passages() {
    // Two outlets' takes on the same Peskov sentence share the quote-independent features.
    let mut a = features(
        "Kremlin spokesperson Dmitry Peskov announced on Monday that there is a political will to organise a meeting between Russian President Vladimir Putin and the U.S. President-elect, Donald Trump.",
    );
    let mut b = features(
        "Dmitry Peskov, a Kremlin spokesperson, said on Monday there was the political will for a meeting between Vladimir Putin and US President-elect Donald Trump.",
    );
    // "Kremlin" opens passage a, so it is only a maybe-name there until b confirms it.
    assert!(keys(&a.maybe_names).contains(&"kremlin"));
    let known = parallax::text::known_names([&a, &b]);
    a.promote_names(&known);
    b.promote_names(&known);
    assert!(a.maybe_names.is_empty(), "{:?}", a.maybe_names);
    let ka = a.keys();
    let kb = b.keys();
    for shared in [
        "name:dmitry peskov",
        "name:kremlin",
        "name:vladimir putin",
        "name:donald trump",
        "name:us",
        "date:monday",
    ] {
        assert!(ka.contains(&shared.to_string()), "a lacks {shared}: {ka:?}");
        assert!(kb.contains(&shared.to_string()), "b lacks {shared}: {kb:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text built from the pieces that make segmentation hard, mixed with arbitrary Unicode.
    fn tricky_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("U.S.".to_string()),
            Just("U. S.".to_string()),
            Just("Mr.".to_string()),
            Just("No.".to_string()),
            Just("a.m.".to_string()),
            Just("J.".to_string()),
            Just("3.5".to_string()),
            Just("2,000".to_string()),
            Just("...".to_string()),
            Just("…".to_string()),
            Just(".".to_string()),
            Just("?!".to_string()),
            Just("“".to_string()),
            Just("”".to_string()),
            Just("\"".to_string()),
            Just("«".to_string()),
            Just(" »".to_string()),
            Just("’s".to_string()),
            Just("(".to_string()),
            Just(")".to_string()),
            Just(" — ".to_string()),
            Just("--".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just("\u{a0}".to_string()),
            Just("The".to_string()),
            Just("he".to_string()),
            Just("Peskov".to_string()),
            Just("said".to_string()),
            Just("é".to_string()),
            Just("Зеленский".to_string()),
            Just("日本".to_string()),
            "\\PC{0,6}",
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![tricky_text(), "\\PC{0,120}", any::<String>()]
    }

    fn check_sentences(text: &str) -> Result<(), TestCaseError> {
        let ranges = split_sentences(text);
        let mut last_end = 0;
        for r in &ranges {
            prop_assert!(r.start < r.end, "empty range {r:?}");
            prop_assert!(r.start >= last_end, "out of order or overlapping {r:?}");
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let s = &text[r.clone()];
            prop_assert_eq!(s, s.trim(), "not trimmed");
            last_end = r.end;
        }
        // Every non-space character is in some sentence.
        let covered: String = ranges.iter().map(|r| &text[r.clone()]).collect();
        let strip = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        prop_assert_eq!(strip(&covered), strip(text));
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn split_sentences_ranges_are_valid(text in any_text()) {
            check_sentences(&text)?;
        }

        #[test]
        fn tokenize_ranges_are_valid(text in any_text()) {
            let mut last_end = 0;
            for t in tokenize(&text) {
                prop_assert!(t.start < t.end);
                prop_assert!(t.start >= last_end);
                prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
                prop_assert!(!t.lower.is_empty());
                prop_assert!(!t.stem.is_empty());
                last_end = t.end;
            }
        }

        #[test]
        fn is_heading_never_panics(text in any_text()) {
            let _ = is_heading(&text);
        }
    }
}

#[test]
fn a_headline_printed_twice_is_one_passage() {
    // Saved pages and some feeds give the title twice (the page title, then the first
    // heading); a reader sees one headline row, not two.
    let a = parallax::corpus::parse_text(
        "port.txt",
        "Dockers walk out at the east quay\n\nDockers walk out at the east quay\n\nThe strike began at dawn. It goes on.\n\nThe strike began at dawn. It goes on.\n",
    );
    let ps = passages(&a);
    let texts: Vec<&str> = ps.iter().map(|p| p.1).collect();
    assert_eq!(
        texts,
        [
            "Dockers walk out at the east quay",
            // Repeated prose stays: only a repeated heading is an artefact.
            "The strike began at dawn.",
            "It goes on.",
            "The strike began at dawn.",
            "It goes on.",
        ]
    );
}
