//! Word diff: property tests (spans rebuild each passage exactly, never split a grapheme) and
//! snapshots of fixture pairs named by phenomenon (`tests/fixtures/pairs/<case>/{left,right}.txt`).

use parallax::diff::{DiffOptions, SpanKind, WordDiff, word_diff};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

fn rebuild(text: &str, d: &WordDiff, left: bool) -> String {
    let (spans, other) = if left {
        (&d.left, SpanKind::Delete)
    } else {
        (&d.right, SpanKind::Insert)
    };
    let mut out = String::new();
    let mut cursor = 0;
    for s in spans {
        assert!(
            matches!(s.kind, SpanKind::Equal | SpanKind::Ignored) || s.kind == other,
            "span kind {:?} on the wrong side",
            s.kind
        );
        assert_eq!(s.range.start, cursor, "gap or overlap at {cursor}");
        assert!(!s.range.is_empty(), "empty span");
        out.push_str(&text[s.range.clone()]);
        cursor = s.range.end;
    }
    out
}

fn boundaries(text: &str) -> Vec<usize> {
    let mut b: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
    b.push(text.len());
    b
}

fn check(a: &str, b: &str, opts: &DiffOptions) {
    let d = word_diff(a, b, opts);
    assert_eq!(rebuild(a, &d, true), a);
    assert_eq!(rebuild(b, &d, false), b);
    for (text, spans) in [(a, &d.left), (b, &d.right)] {
        let bounds = boundaries(text);
        for s in spans {
            for r in std::iter::once(&s.range).chain(&s.refined) {
                assert!(
                    bounds.binary_search(&r.start).is_ok(),
                    "start {r:?} splits a grapheme"
                );
                assert!(
                    bounds.binary_search(&r.end).is_ok(),
                    "end {r:?} splits a grapheme"
                );
                assert!(r.start <= r.end && r.end <= text.len());
            }
            for r in &s.refined {
                assert!(
                    s.range.start <= r.start && r.end <= s.range.end,
                    "refinement outside span"
                );
            }
        }
    }
    for rep in &d.replacements {
        assert!(rep.left.end <= a.len() && rep.right.end <= b.len());
    }
}

/// Text that mixes words, punctuation, typographic marks, combining marks, emoji and odd spaces.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("war".to_string()),
        Just("conflict".to_string()),
        Just("Zelensky".to_string()),
        Just("Zelenskiy".to_string()),
        Just("said".to_string()),
        Just("the".to_string()),
        Just(" ".to_string()),
        Just("\u{00A0}".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{201C}".to_string()),
        Just("\"".to_string()),
        Just("\u{2014}".to_string()),
        Just("--".to_string()),
        Just("...".to_string()),
        Just("\u{2026}".to_string()),
        Just("e\u{0301}".to_string()),
        Just("\u{1F469}\u{200D}\u{1F52C}".to_string()),
        Just("\u{00AD}".to_string()),
        Just(",".to_string()),
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn spans_rebuild_arbitrary_unicode(a in "\\PC{0,40}", b in "\\PC{0,40}", ic: bool, ip: bool) {
        check(&a, &b, &DiffOptions { ignore_case: ic, ignore_punctuation: ip });
    }

    #[test]
    fn spans_rebuild_any_string(a in ".{0,30}", b in ".{0,30}") {
        check(&a, &b, &DiffOptions::default());
    }

    #[test]
    fn spans_rebuild_news_like_text(a in newsish(), b in newsish(), ic: bool, ip: bool) {
        check(&a, &b, &DiffOptions { ignore_case: ic, ignore_punctuation: ip });
    }

    #[test]
    fn identical_text_has_no_changes(a in newsish()) {
        let d = word_diff(&a, &a, &DiffOptions::default());
        prop_assert!(!d.has_changes());
        prop_assert!(d.replacements.is_empty());
    }
}

/// Reads the fixture pairs: (case name, left, right, options).
fn pairs() -> Vec<(String, String, String, DiffOptions)> {
    let root = crate::common::repo_root().join("tests/fixtures/pairs");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    dirs.sort();
    dirs.into_iter()
        .filter(|d| d.is_dir())
        .map(|d| {
            let read = |f: &str| std::fs::read_to_string(d.join(f)).unwrap_or_default();
            let o = read("options.txt");
            let opts = DiffOptions {
                ignore_case: o.contains("ignore_case"),
                ignore_punctuation: o.contains("ignore_punctuation"),
            };
            let name = d
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                name,
                read("left.txt").trim_end().to_string(),
                read("right.txt").trim_end().to_string(),
                opts,
            )
        })
        .collect()
}

/// wdiff-style rendering: [-removed-], {+added+}, <~ignored~>, refined letters in ‹›.
fn render_side(text: &str, spans: &[parallax::diff::DiffSpan]) -> String {
    let mut out = String::new();
    for s in spans {
        let mut piece = String::new();
        let mut pos = s.range.start;
        for r in &s.refined {
            piece.push_str(&text[pos..r.start]);
            piece.push_str(&format!("‹{}›", &text[r.clone()]));
            pos = r.end;
        }
        piece.push_str(&text[pos..s.range.end]);
        match s.kind {
            SpanKind::Equal => out.push_str(&piece),
            SpanKind::Delete => out.push_str(&format!("[-{piece}-]")),
            SpanKind::Insert => out.push_str(&format!("{{+{piece}+}}")),
            SpanKind::Ignored => out.push_str(&format!("<~{piece}~>")),
        }
    }
    out
}

#[test]
fn fixture_pairs_diff_snapshots() {
    let cases = pairs();
    assert!(cases.len() >= 10, "fixture pairs missing");
    for (name, l, r, opts) in cases {
        let d = word_diff(&l, &r, &opts);
        let reps: Vec<String> = d
            .replacements
            .iter()
            .map(|x| format!("  {:?} -> {:?}", &l[x.left.clone()], &r[x.right.clone()]))
            .collect();
        let text = format!(
            "options: {opts:?}\nleft:  {}\nright: {}\nsimilarity: {:.2}\nreplacements:\n{}\n",
            render_side(&l, &d.left),
            render_side(&r, &d.right),
            d.similarity,
            reps.join("\n")
        );
        insta::assert_snapshot!(format!("diff_{name}"), text);
    }
}

#[test]
fn typographic_variants_are_never_differences() {
    let (_, l, r, opts) = pairs()
        .into_iter()
        .find(|p| p.0 == "typographic_variants")
        .expect("fixture typographic_variants");
    let d = word_diff(&l, &r, &opts);
    assert!(!d.has_changes(), "{d:?}");
}

#[test]
fn changed_numbers_are_changes() {
    let (_, l, r, opts) = pairs()
        .into_iter()
        .find(|p| p.0 == "changed_numbers")
        .expect("fixture changed_numbers");
    let d = word_diff(&l, &r, &opts);
    let deleted: Vec<&str> = d
        .left
        .iter()
        .filter(|s| s.kind == SpanKind::Delete)
        .map(|s| &l[s.range.clone()])
        .collect();
    assert_eq!(deleted, vec!["1 million", "34"]);
}

/// Found by `spans_rebuild_arbitrary_unicode`: a Soyombo prepended concatenation mark forms one
/// grapheme with the "=" after it, but word boundaries split them; no span may cut between.
#[test]
fn prepended_concatenation_mark_stays_with_its_character() {
    let opts = DiffOptions {
        ignore_case: false,
        ignore_punctuation: true,
    };
    check("\u{11A84}=\u{1D200}\\0", "=\\A", &opts);
    check("\u{0600}12 dollars", "12 dollars", &DiffOptions::default());
}
