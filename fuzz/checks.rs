//! The invariants the fuzz targets check, shared with `tests/fuzz_regressions.rs` (which runs
//! every saved input in `tests/fixtures/fuzz/<target>/` through the same function), so a crash
//! found by fuzzing stays a test. Each function takes the raw fuzz input and panics on a broken
//! invariant.

#![allow(dead_code)] // each fuzz target uses one of these

use std::ops::Range;

use parallax_engine::align::AlignOptions;
use parallax_engine::compare::compare;
use parallax_engine::corpus::{Corpus, FolderConfig, Format, parse_document, parse_text};
use parallax_engine::diff::{DiffOptions, DiffSpan, SpanKind, WordDiff, tokens, word_diff};
use parallax_engine::model::analyze;
use parallax_engine::progress::Progress;
use parallax_engine::text::{split_sentences, tokenize};

fn check_range(text: &str, r: &Range<usize>, what: &str) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{what} {r:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what} {r:?} not on char boundaries"
    );
}

/// Loaders: the first byte picks the format (text with header / front matter, Markdown,
/// HTML), the rest is the file. A loaded article has paragraphs, in order, inside the body, on
/// char boundaries, none blank.
pub fn loaders(data: &[u8]) {
    let Some((&sel, bytes)) = data.split_first() else {
        return;
    };
    let (format, name) = match sel % 6 {
        0 => (Format::Text, "fuzz.txt"),
        1 => (Format::Markdown, "fuzz.md"),
        2 => (Format::Html, "fuzz.html"),
        3 => (Format::Mhtml, "fuzz.mhtml"),
        4 => (Format::Docx, "fuzz.docx"),
        _ => (Format::Pdf, "fuzz.pdf"),
    };
    if let Ok((article, _caveats)) =
        parse_document(name, bytes.to_vec(), format, &FolderConfig::default())
    {
        assert!(
            !article.paragraphs.is_empty(),
            "loaded article without text"
        );
        let mut last = 0;
        for p in &article.paragraphs {
            check_range(&article.body, &(p.start..p.end), "paragraph");
            assert!(p.start >= last, "paragraphs out of order");
            last = p.end;
            assert!(!article.text(*p).trim().is_empty(), "blank paragraph");
        }
    }
}

/// `parallax.toml`: parsing never panics, nor do lookups on what parsed.
pub fn folder_config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(config) = FolderConfig::parse(text) {
        let _ = config.is_empty();
        let long = format!("{}/{}.txt", ["deep"; 12].join("/"), "a".repeat(200));
        for id in [
            "a.txt",
            "sub/b.md",
            "",
            "é.html",
            "bbc/2024/x-tass.html",
            &long,
        ] {
            let _ = config.lookup(id);
        }
        let _ = config.unused_keys(&["a.txt", "sub/b.md"]);
    }
}

/// Sentences and tokens: in bounds, on char boundaries, in order; sentences trimmed and
/// non-empty.
pub fn segment(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut last = 0;
    for r in split_sentences(&text) {
        check_range(&text, &r, "sentence");
        assert!(
            r.start >= last && r.start < r.end,
            "sentence {r:?} after {last}"
        );
        let s = &text[r.clone()];
        assert_eq!(s, s.trim(), "sentence not trimmed");
        last = r.end;
    }
    let mut last = 0;
    for t in tokenize(&text) {
        check_range(&text, &(t.start..t.end), "token");
        assert!(
            t.start >= last && t.start < t.end,
            "token {t:?} after {last}"
        );
        last = t.end;
    }
}

/// The whole engine on 2–4 small articles (the input split on NUL): analyze, then compare
/// every ordered pair with both option sets; every diff span, refinement and mark is in its
/// text on char boundaries.
pub fn align_small(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let articles: Vec<_> = text
        .split('\0')
        .take(4)
        .enumerate()
        .map(|(i, t)| parse_text(&format!("a{i}.txt"), t))
        .filter(|a| !a.paragraphs.is_empty())
        .collect();
    if articles.len() < 2 {
        return;
    }
    let n = articles.len();
    let corpus = Corpus {
        root: None,
        articles,
        warnings: Vec::new(),
    };
    let Ok(analysis) = analyze(corpus, &AlignOptions::default(), &Progress::new()) else {
        return;
    };
    for opts in [
        DiffOptions::default(),
        DiffOptions {
            ignore_case: true,
            ignore_punctuation: true,
        },
    ] {
        for l in 0..n {
            for r in 0..n {
                if l == r {
                    continue;
                }
                let c = compare(&analysis, l, r, &opts);
                for row in &c.rows {
                    for m in &row.left_marks {
                        check_range(&row.left_text, &m.range, "left mark");
                    }
                    for m in &row.right_marks {
                        check_range(&row.right_text, &m.range, "right mark");
                    }
                    if let Some(d) = &row.diff {
                        for s in &d.left {
                            check_range(&row.left_text, &s.range, "left span");
                            for x in &s.refined {
                                check_range(&row.left_text, x, "left refined");
                            }
                        }
                        for s in &d.right {
                            check_range(&row.right_text, &s.range, "right span");
                            for x in &s.refined {
                                check_range(&row.right_text, x, "right refined");
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Word diff of left and right (split at the first NUL; the first byte picks the options).
/// Each side's spans tile its text exactly, in order, with no span of the other side's kind;
/// refinements lie inside their span; every token lies inside one span; the Equal spans hold the
/// same tokens on both sides (compared by the diff's own keys); similarity in [0, 1].
pub fn word_diff_target(data: &[u8]) {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let (left, right) = text.split_once('\0').unwrap_or((&text, ""));
    let opts = DiffOptions {
        ignore_case: sel & 1 != 0,
        ignore_punctuation: sel & 2 != 0,
    };
    let d = word_diff(left, right, &opts);
    check_word_diff(left, right, &d);
}

/// The invariants of one word diff of `left` and `right` (see `word_diff_target`); separate so a
/// test can feed it a tampered diff and see it fail.
pub fn check_word_diff(left: &str, right: &str, d: &WordDiff) {
    assert!(
        (0.0..=1.0).contains(&d.similarity),
        "similarity {}",
        d.similarity
    );
    for (side, spans, other) in [
        (left, &d.left, SpanKind::Insert),
        (right, &d.right, SpanKind::Delete),
    ] {
        let mut pos = 0;
        for s in spans {
            assert_ne!(s.kind, other, "wrong span kind on a side");
            assert_eq!(s.range.start, pos, "spans do not tile the text: {spans:?}");
            check_range(side, &s.range, "span");
            for r in &s.refined {
                check_range(side, r, "refined");
                assert!(
                    r.start >= s.range.start && r.end <= s.range.end,
                    "refined outside its span"
                );
            }
            pos = s.range.end;
        }
        assert_eq!(pos, side.len(), "spans do not cover the text");
    }
    // Equal spans must hold the same tokens on both sides, compared by the diff's own
    // comparison keys (`diff::tokens(..).norm`: typographic variants folded, `--` and `—` one
    // dash). Every token lies inside exactly one span (a highlight never splits a token).
    // Equal hunks need identical keys whatever the options (ignore-case matches are Ignored),
    // so this holds for every option set.
    let equal_norms = |spans: &[DiffSpan], side: &str| -> Vec<String> {
        let mut out = Vec::new();
        let mut i = 0; // spans and tokens are both in order: walk them together
        for t in tokens(side) {
            while spans.get(i).is_some_and(|s| s.range.end <= t.range.start) {
                i += 1;
            }
            let Some(owner) = spans.get(i) else {
                panic!("token {:?} after the last span: {spans:?}", t.range);
            };
            assert!(
                owner.range.start <= t.range.start && t.range.end <= owner.range.end,
                "token {:?} not inside one span: {spans:?}",
                t.range
            );
            if owner.kind == SpanKind::Equal {
                out.push(t.norm);
            }
        }
        out
    };
    assert_eq!(
        equal_norms(&d.left, left),
        equal_norms(&d.right, right),
        "equal spans differ"
    );
    for rep in &d.replacements {
        check_range(left, &rep.left, "replacement left");
        check_range(right, &rep.right, "replacement right");
    }
}

/// Framing of one text (issue 14): quotation finding and attribution on the article (its
/// paragraphs from the loader) and on the text as a passage, marks, and the contrasts of a pair
/// (the text split at its first NUL into left and right, word-diffed). Every quote and mark
/// range is in its text on char boundaries; a speaker is never blank.
pub fn framing(data: &[u8]) {
    use parallax_engine::framing::{self, Lexicon};
    use std::sync::OnceLock;
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    let lex = LEX.get_or_init(Lexicon::builtin);
    let text = String::from_utf8_lossy(data);
    let article = parse_text("fuzz.txt", &text);
    let f = framing::article_framing(0, &article, lex);
    for q in &f.quotes {
        check_range(&article.body, &q.range, "quote");
        assert!(q.range.start < q.range.end, "empty quote {:?}", q.range);
        assert!(
            q.speaker.as_deref().is_none_or(|s| !s.trim().is_empty()),
            "blank speaker"
        );
    }
    for m in &f.marks {
        check_range(&article.body, &m.range, "mark");
    }
    assert!(f.quoted_words <= f.words, "more quoted words than words");
    let (left, right) = text.split_once('\0').unwrap_or((&text, ""));
    for q in framing::passage_quotes(left, lex) {
        check_range(left, &q.range, "passage quote");
    }
    let diff = word_diff(left, right, &DiffOptions::default());
    let (lm, rm) = framing::pair_marks(left, right, &diff, lex);
    for m in &lm {
        check_range(left, &m.range, "left pair mark");
        assert_eq!(
            m.contrast.is_some(),
            m.strength == framing::Strength::Contrast
        );
    }
    for m in &rm {
        check_range(right, &m.range, "right pair mark");
        assert_eq!(
            m.contrast.is_some(),
            m.strength == framing::Strength::Contrast
        );
    }
}

/// The whole pipeline on a random small folder (issue 14): the input split on NUL into up to 6
/// files; each part's first byte picks its name (text, Markdown, HTML, `parallax.toml`, in a
/// subfolder), the rest is its bytes. The folder is written to a scratch directory, loaded with
/// `corpus::load_dir`, analysed (`model::analyze`), every pair compared and the report built
/// and rendered in every format: no panic, every article has text.
pub fn pipeline(data: &[u8]) {
    use parallax_engine::report::{self, Format as ReportFormat, ReportOptions};
    use std::path::PathBuf;
    let dir: PathBuf = std::env::temp_dir().join(format!("parallax-fuzz-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    if std::fs::create_dir_all(dir.join("sub")).is_err() {
        return;
    }
    for (i, part) in data.split(|&b| b == 0).take(6).enumerate() {
        let Some((&sel, bytes)) = part.split_first() else {
            continue;
        };
        let name = match sel % 6 {
            0 => format!("a{i}.txt"),
            1 => format!("a{i}.md"),
            2 => format!("a{i}.html"),
            3 => "parallax.toml".to_string(),
            4 => format!("sub/a{i}.txt"),
            _ => format!("a{i}.htm"),
        };
        let _ = std::fs::write(dir.join(name), bytes);
    }
    let progress = Progress::new();
    let loaded = parallax_engine::corpus::load_dir(&dir, &progress);
    let _ = std::fs::remove_dir_all(&dir);
    let Ok(corpus) = loaded else {
        return;
    };
    for a in &corpus.articles {
        assert!(!a.paragraphs.is_empty(), "{}: loaded without text", a.id);
    }
    let n = corpus.articles.len();
    let Ok(analysis) = analyze(corpus, &AlignOptions::default(), &progress) else {
        return;
    };
    for l in 0..n {
        for r in 0..n {
            if l != r {
                let c = compare(&analysis, l, r, &DiffOptions::default());
                for row in &c.rows {
                    for m in &row.left_marks {
                        check_range(&row.left_text, &m.range, "left mark");
                    }
                    for m in &row.right_marks {
                        check_range(&row.right_text, &m.range, "right mark");
                    }
                }
            }
        }
    }
    if let Ok(rep) = report::build(&analysis, &ReportOptions::default(), &progress) {
        for f in [
            ReportFormat::Html,
            ReportFormat::Json,
            ReportFormat::Markdown,
        ] {
            assert!(!report::render(&rep, f).is_empty(), "empty {f:?} report");
        }
    }
}
