//! Integration tests of `parallax::text`: sentence segmentation (a fixture table of tricky
//! cases and the seeds), tokens, features, and property tests.

use parallax::text::{Token, TokenKind, tokenize};

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
fn tokens_typographic_apostrophes_are_normalised() {
    let curly = tokenize("Russia’s war");
    let straight = tokenize("Russia's war");
    assert_eq!(curly[0].lower, "russia's");
    assert_eq!(curly[0].lower, straight[0].lower);
    assert_eq!(curly[0].stem, "russia");
    assert_eq!(straight[0].stem, "russia");
    assert_eq!(find(&tokenize("I don’t comment"), "don't").stop, true);
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
