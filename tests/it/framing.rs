//! Framing on the seeds (the acceptance points) and snapshots of the framing marks of
//! fixture pairs named by phenomenon (`tests/fixtures/pairs/<case>/`).

use parallax::corpus;
use parallax::diff::{DiffOptions, word_diff};
use parallax::framing::{self, Lexicon, Mark, Strength};
use parallax::model::{self, Analysis, AnalyzeOptions};
use parallax::progress::Progress;

fn seeds() -> Analysis {
    let r = model::analyze(corpus::seeds(), &Default::default(), &Progress::new());
    r.expect("analysis of the seeds")
}

fn seeds_with(lexicon: Lexicon) -> Analysis {
    let opts = AnalyzeOptions {
        lexicon: Some(lexicon),
        ..Default::default()
    };
    model::analyze_with(corpus::seeds(), &opts, &Progress::new()).expect("analysis")
}

/// The article whose file name starts with `prefix`.
fn idx(a: &Analysis, prefix: &str) -> usize {
    a.corpus
        .articles
        .iter()
        .position(|x| x.file.starts_with(prefix))
        .expect("seed article")
}

/// Marks of article `i` whose text is `word`, inside the first occurrence of `context`.
fn marks_on<'a>(a: &'a Analysis, i: usize, context: &str, word: &str) -> Vec<&'a Mark> {
    let body = &a.corpus.articles[i].body;
    let at = body.find(context).expect("context in the article");
    let f = a.framing.as_ref().expect("framing computed");
    f.articles[i]
        .marks
        .iter()
        .filter(|m| m.range.start >= at && m.range.end <= at + context.len())
        .filter(|m| &body[m.range.clone()] == word)
        .collect()
}

#[test]
fn republican_claimed_is_doubt_casting_in_003() {
    let a = seeds();
    let i = idx(&a, "003");
    let ms = marks_on(
        &a,
        i,
        "the Republican claimed he could put an end to the conflict",
        "claimed",
    );
    assert_eq!(ms.len(), 1, "{ms:?}");
    assert_eq!(ms[0].category, "attribution.doubt");
    assert!(!ms[0].quoted, "the outlet's own verb");
}

#[test]
fn zelenskiy_and_zelensky_are_one_naming_family() {
    let check = |a: &Analysis| {
        let m0 = marks_on(a, idx(a, "000"), "Zelenskiy warned", "Zelenskiy");
        let m1 = marks_on(a, idx(a, "001"), "Volodymyr Zelensky have", "Zelensky");
        let m3 = marks_on(a, idx(a, "003"), "Volodymyr Zelensky issued", "Zelensky");
        let cat = |ms: &[&Mark]| ms.first().map(|m| m.category.clone());
        assert!(cat(&m0).is_some_and(|c| c.starts_with("naming.")), "{m0:?}");
        assert_eq!(cat(&m0), cat(&m1));
        assert_eq!(cat(&m0), cat(&m3));
    };
    // From the built-in lexicon…
    check(&seeds());
    // …and detected across the set when the lexicon does not list the family.
    let lex = Lexicon::parse(
        "[[category]]\nid = \"loaded\"\nlabel = \"Loaded\"\nexplanation = \"x\"\nterms = [\"aloof\"]\n",
        "test.toml",
    )
    .expect("lexicon");
    let a = seeds_with(lex);
    check(&a);
    let f = a.framing.as_ref().expect("framing");
    let fam = f
        .families
        .iter()
        .find(|f| f.detected && f.terms.iter().any(|t| t.contains("Zelenskiy")));
    let fam = fam.expect("detected Zelensky family");
    assert!(
        fam.terms
            .iter()
            .any(|t| t.trim_start_matches('=') == "Zelensky"),
        "{fam:?}"
    );
    assert!(
        !f.families
            .iter()
            .any(|f| f.terms.iter().any(|t| t.contains("Russian")))
    );
}

#[test]
fn war_and_conflict_are_counted_per_source_with_quotes_apart() {
    let a = seeds();
    let f = a.framing.as_ref().expect("framing");
    let term = |article: usize, t: &str| -> (usize, usize) {
        f.profiles[article]
            .naming
            .iter()
            .find(|n| n.family == "conflict")
            .and_then(|n| n.terms.iter().find(|x| x.term == t))
            .map_or((0, 0), |x| (x.own, x.quoted))
    };
    // 003: "the Ukraine war" is its own word, "the resolution of Ukraine's war soon" is Trump's
    // (quoted); Peskov's "special operation" is his wording, not 003's.
    let i3 = idx(&a, "003");
    assert_eq!(term(i3, "war"), (1, 1));
    assert_eq!(term(i3, "special operation"), (0, 1));
    assert_eq!(term(i3, "conflict"), (1, 0));
    // 000: six uses of "war" in its own words ("World War II" is a name, not a choice), two
    // in Trump's quote ("We have to end that war. That war is horrible").
    let i0 = idx(&a, "000");
    assert_eq!(term(i0, "war"), (6, 2));
    assert_eq!(term(i0, "conflict"), (1, 0));
    // 001 says "conflict" twice and "war" three times.
    let i1 = idx(&a, "001");
    assert_eq!(term(i1, "conflict"), (2, 0));
    assert_eq!(term(i1, "war"), (3, 0));
}

#[test]
fn enthusiastically_and_aloof_are_loaded_in_004() {
    let a = seeds();
    let i = idx(&a, "004");
    for w in ["enthusiastically", "aloof"] {
        let ms = marks_on(&a, i, "Donald Trump has enthusiastically announced", w)
            .into_iter()
            .chain(marks_on(&a, i, "staying pretty aloof", w))
            .collect::<Vec<_>>();
        assert!(
            ms.iter().any(|m| m.category == "loaded" && !m.quoted),
            "{w}: {ms:?}"
        );
    }
}

#[test]
fn peskov_is_quoted_in_000_001_003_004_and_nobody_in_002() {
    let a = seeds();
    let f = a.framing.as_ref().expect("framing");
    for p in ["000", "001", "003", "004"] {
        let prof = &f.profiles[idx(&a, p)];
        let peskov = prof.speakers.iter().find(|s| s.name.ends_with("Peskov"));
        let peskov = peskov.unwrap_or_else(|| panic!("{p}: {:?}", prof.speakers));
        assert_eq!(peskov.name, "Dmitry Peskov");
        assert!(peskov.words > 0);
    }
    assert!(f.profiles[idx(&a, "002")].speakers.is_empty());
    // Zelenskiy (000) and Zelensky (001) are one speaker across the set.
    let zid = |p: &str| {
        f.profiles[idx(&a, p)]
            .speakers
            .iter()
            .find(|s| s.name.contains("Zelensk"))
            .map(|s| s.id.clone())
    };
    assert!(zid("000").is_some());
    assert_eq!(zid("000"), zid("001"));
    // Quoted words are the speakers' words, not the outlet's.
    for prof in &f.profiles {
        assert_eq!(prof.own_words + prof.quoted_words, prof.words);
    }
}

#[test]
fn quote_speakers_on_seeds() {
    let a = seeds();
    let f = a.framing.as_ref().expect("framing");
    let speaker_of = |p: &str, text: &str| -> Option<String> {
        let i = idx(&a, p);
        let body = &a.corpus.articles[i].body;
        f.articles[i]
            .quotes
            .iter()
            .find(|q| body[q.range.clone()].contains(text))
            .and_then(|q| q.speaker.clone())
    };
    assert_eq!(
        speaker_of("000", "His key goal").as_deref(),
        Some("Zelenskiy")
    );
    assert_eq!(
        speaker_of("000", "Why is this leader").as_deref(),
        Some("Zelenskiy")
    );
    assert_eq!(
        speaker_of("001", "we're setting it up").as_deref(),
        Some("Trump")
    );
    assert_eq!(
        speaker_of("001", "Trump needs to get").as_deref(),
        Some("Tristan Snell")
    );
    assert_eq!(
        speaker_of("003", "special operation").as_deref(),
        Some("Peskov")
    );
    assert_eq!(
        speaker_of("003", "To either acknowledge").as_deref(),
        Some("Sergei Shoigu")
    );
    // A quote running over three paragraphs is one quote of Peskov's.
    let i4 = idx(&a, "004");
    let q = quote_holding(&a, i4, "What is required").expect("quote");
    let body = &a.corpus.articles[i4].body;
    assert!(body[q.range.clone()].contains("There are still no specifics"));
    assert_eq!(q.speaker.as_deref(), Some("Peskov"));
}

#[test]
fn user_lexicon_replaces_the_builtin_one() {
    let lex = Lexicon::parse(
        "[[category]]\nid = \"mine\"\nlabel = \"Mine\"\nexplanation = \"My words.\"\nterms = [\"Kremlin\"]\n",
        "mine.toml",
    )
    .expect("lexicon");
    let a = seeds_with(lex);
    let f = a.framing.as_ref().expect("framing");
    assert_eq!(f.categories.len(), 1);
    assert!(f.articles.iter().all(|x| {
        x.marks
            .iter()
            .all(|m| m.category == "mine" || m.category.starts_with("naming."))
    }));
    assert!(
        f.articles[idx(&a, "000")]
            .marks
            .iter()
            .any(|m| m.category == "mine")
    );
}

#[test]
fn verbatim_reuse_is_found_between_articles() {
    let a = seeds();
    let f = a.framing.as_ref().expect("framing");
    // 001 and 003 both write "President-elect Donald Trump and Russian President Vladimir Putin".
    let r = f.profiles[idx(&a, "001")]
        .reuse
        .iter()
        .find(|r| r.other == idx(&a, "003"))
        .expect("reuse 001/003");
    assert!(r.longest >= 8);
    assert!(
        r.longest_text
            .contains("Donald Trump and Russian President Vladimir Putin")
    );
    assert!(r.share > 0.0 && r.share < 0.1);
}

#[test]
fn compare_rows_carry_marks_with_exact_ranges() {
    let a = seeds();
    for l in 0..a.corpus.articles.len() {
        for r in 0..a.corpus.articles.len() {
            if l == r {
                continue;
            }
            let cmp = parallax::compare::compare(&a, l, r, &DiffOptions::default());
            for row in &cmp.rows {
                for (text, marks) in [
                    (&row.left_text, &row.left_marks),
                    (&row.right_text, &row.right_marks),
                ] {
                    for m in marks {
                        let got = text
                            .get(m.range.clone())
                            .expect("mark range inside row text");
                        assert!(!got.is_empty());
                        assert_eq!(m.contrast.is_some(), m.strength == Strength::Contrast);
                        if m.strength == Strength::Contrast {
                            assert!(m.contrast.is_some());
                        }
                    }
                }
            }
        }
    }
}

/// Fixture pairs: (case, left, right).
fn pairs() -> Vec<(String, String, String)> {
    let root = crate::common::repo_root().join("tests/fixtures/pairs");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    dirs.sort();
    dirs.into_iter()
        .filter(|d| d.is_dir())
        .map(|d| {
            let read = |f: &str| std::fs::read_to_string(d.join(f)).unwrap_or_default();
            let name = d
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                name,
                read("left.txt").trim_end().to_string(),
                read("right.txt").trim_end().to_string(),
            )
        })
        .collect()
}

fn speaker_at(quotes: &[framing::QuoteSpan], m: &Mark) -> Option<String> {
    quotes
        .iter()
        .find(|q| q.range.start <= m.range.start && m.range.end <= q.range.end)
        .and_then(|q| q.speaker.clone())
}

fn describe(text: &str, ms: &[Mark], lex: &Lexicon) -> String {
    let quotes = framing::passage_quotes(text, lex);
    ms.iter()
        .map(|m| {
            let mut s = format!("  {:?} {} [{}]", &text[m.range.clone()], m.category, m.term);
            if m.quoted {
                let who = speaker_at(&quotes, m);
                s.push_str(&format!(" quoted({})", who.as_deref().unwrap_or("?")));
            }
            if let Some(c) = &m.contrast {
                s.push_str(&format!(" contrast<->{c:?}"));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn fixture_pairs_framing_snapshots() {
    let lex = Lexicon::builtin();
    for (name, l, r) in pairs() {
        let d = word_diff(&l, &r, &DiffOptions::default());
        let (lm, rm) = framing::pair_marks(&l, &r, &d, &lex);
        let text = format!(
            "left:\n{}\nright:\n{}\n",
            describe(&l, &lm, &lex),
            describe(&r, &rm, &lex)
        );
        insta::assert_snapshot!(format!("framing_{name}"), text);
    }
}

#[test]
fn fixture_contrasts() {
    let lex = Lexicon::builtin();
    let get = |case: &str| pairs().into_iter().find(|p| p.0 == case).expect("fixture");
    let contrast = |case: &str, word: &str| -> Option<String> {
        let (_, l, r) = get(case);
        let d = word_diff(&l, &r, &DiffOptions::default());
        let (lm, _) = framing::pair_marks(&l, &r, &d, &lex);
        lm.iter()
            .find(|m| &l[m.range.clone()] == word)
            .and_then(|m| m.contrast.clone())
    };
    assert_eq!(
        contrast("changed_attribution", "said").as_deref(),
        Some("claimed")
    );
    assert_eq!(
        contrast("naming_choice", "war").as_deref(),
        Some("conflict")
    );
    assert_eq!(
        contrast("spelling_variant", "Zelenskiy").as_deref(),
        Some("Zelensky")
    );
    assert_eq!(
        contrast("denial_vs_neutral", "denied").as_deref(),
        Some("said")
    );
    // Peskov's quoted "special operation" against the outlet's own "war": a slot contrast
    // that stays marked as quoted on the left.
    let (_, l, r) = get("quoted_vs_own_words");
    let d = word_diff(&l, &r, &DiffOptions::default());
    let (lm, _) = framing::pair_marks(&l, &r, &d, &lex);
    let so = lm
        .iter()
        .find(|m| m.term == "special operation")
        .expect("mark");
    assert!(so.quoted);
    let quotes = framing::passage_quotes(&l, &lex);
    assert_eq!(speaker_at(&quotes, so).as_deref(), Some("Peskov"));
    // Scare quotes are a doubt marker.
    let (_, l, _) = get("scare_quotes");
    let ms = framing::passage_marks(&l, &lex);
    assert!(
        ms.iter()
            .any(|m| m.category == "doubt_marker" && l[m.range.clone()].contains("referendum"))
    );
}

/// A two-article set made of one fixture pair.
fn pair_set(case: &str) -> Analysis {
    let (_, l, r) = pairs().into_iter().find(|p| p.0 == case).expect("fixture");
    let corpus = corpus::Corpus {
        root: None,
        articles: vec![
            corpus::parse_text("left.txt", &l),
            corpus::parse_text("right.txt", &r),
        ],
        warnings: vec![],
    };
    model::analyze(corpus, &Default::default(), &Progress::new()).expect("analysis")
}

#[test]
fn cli_diff_listing_shows_changes_and_contrasts() {
    let a = pair_set("changed_attribution");
    let cmp = parallax::compare::compare(&a, 0, 1, &DiffOptions::default());
    let plain = parallax::cli::diff::render(&a, &cmp, false);
    assert!(plain.contains("[-Trump said-]"), "{plain}");
    assert!(plain.contains("{+the Republican claimed+}"), "{plain}");
    assert!(
        plain.contains("\u{201C}claimed\u{201D}: Doubt-casting attribution"),
        "{plain}"
    );
    assert!(
        plain.contains("other side: \u{201C}said\u{201D}"),
        "{plain}"
    );
    assert!(!plain.contains('\x1b'));
    let color = parallax::cli::diff::render(&a, &cmp, true);
    assert!(color.contains("\x1b[31m") && color.contains("\x1b[32m") && color.contains("\x1b[0m"));
    let json = parallax::cli::diff::json(&a, &cmp, &DiffOptions::default());
    assert_eq!(json["rows"][0]["stats"]["contrasts"], 1, "{json}");
}

#[test]
fn unknown_article_lists_the_available_ones() {
    let a = pair_set("naming_choice");
    let e = parallax::cli::diff::resolve(&a, "nope")
        .expect_err("unknown")
        .to_string();
    assert!(
        e.contains("nope") && e.contains("left.txt") && e.contains("right.txt"),
        "{e}"
    );
    assert_eq!(parallax::cli::diff::resolve(&a, "right").ok(), Some(1));
}

#[test]
fn cli_framing_table_names_speakers_and_families() {
    let a = seeds();
    let f = a.framing.as_ref().expect("framing");
    let t = parallax::cli::framing::render(&a, f);
    assert!(t.contains("Who is quoted"));
    assert!(t.contains("Dmitry Peskov"));
    assert!(t.contains("Doubt-casting attribution"));
    assert!(t.contains("What the fighting is called"));
}

/// A non-Ukraine story (`tests/fixtures/framing/port_strike_four_outlets/`): four outlets on a
/// port strike. The tabloid's loaded words and labels are marked, the outlets' naming choices
/// (strike / walkout / stoppage / industrial action, protesters / demonstrators / rioters) are
/// counted per source, and the old mislabels are gone.
#[test]
fn port_strike_story_gets_its_loaded_words_and_naming_families() {
    let dir = crate::common::repo_root().join("tests/fixtures/framing/port_strike_four_outlets");
    let corpus = corpus::load_dir(&dir, &Progress::new()).expect("fixture folder");
    let a = model::analyze(corpus, &Default::default(), &Progress::new()).expect("analysis");
    let f = a.framing.as_ref().expect("framing");
    let file = |name: &str| idx(&a, name);
    let marked = |i: usize, word: &str| categories_marked(&a, i, word);
    let h = file("herald");
    for w in ["militant", "crippling", "inflation-busting", "Union boss"] {
        let cats = marked(h, w);
        assert!(
            cats.iter()
                .any(|c| parallax::framing::lexicon::group(c) == "loaded"),
            "{w}: {cats:?}"
        );
    }
    // Naming families, counted per source in own words.
    let uses = |i: usize, family: &str, term: &str| own_uses(&a, i, family, term);
    assert_eq!(uses(file("herald"), "industrial_action", "walkout"), 1);
    assert_eq!(uses(file("ledger"), "industrial_action", "strike"), 2); // headline + body
    assert_eq!(uses(file("courier"), "industrial_action", "stoppage"), 2);
    assert_eq!(
        uses(file("tribune"), "industrial_action", "industrial action"),
        2
    );
    assert_eq!(uses(file("herald"), "crowd", "rioter"), 1);
    assert_eq!(uses(file("ledger"), "crowd", "protester"), 1);
    assert_eq!(uses(file("courier"), "crowd", "demonstrator"), 1);
    assert_eq!(uses(file("tribune"), "crowd", "protester"), 1);
    assert_eq!(uses(file("tribune"), "crowd", "demonstrator"), 1);
    // Mislabels gone: "demonstrators" is no endorsing attribution verb …
    let c = file("courier");
    assert!(
        marked(c, "Demonstrators")
            .iter()
            .all(|c| !c.starts_with("attribution")),
        "{:?}",
        marked(c, "Demonstrators")
    );
    // … and the named minister's quote is a quotation with its speaker, not scare quotes.
    for i in 0..a.corpus.articles.len() {
        let body = &a.corpus.articles[i].body;
        let q = f.articles[i]
            .quotes
            .iter()
            .find(|q| body[q.range.clone()].contains("fair offer"))
            .expect("the minister's quote");
        assert!(!q.scare, "{}", a.corpus.articles[i].file);
        assert!(
            q.speaker.as_deref().is_some_and(|s| s.contains("Okafor")),
            "{}: {:?}",
            a.corpus.articles[i].file,
            q.speaker
        );
        assert!(
            f.articles[i]
                .marks
                .iter()
                .all(|m| !(m.term == "scare quotes" && m.range == q.range))
        );
    }
    // The doubt-casting "claimed" is still the outlet's choice.
    assert!(marked(file("tribune"), "claimed").contains(&"attribution.doubt".to_string()));
}

/// A story none of the lexicon or the scorer was fitted on
/// (`tests/fixtures/framing/insulin_cap_three_outlets/`, written for this test): a wire report,
/// a right-leaning and a left-leaning outlet on one Senate vote. Each partisan outlet's loaded
/// words are marked, the naming choice "price controls" / "price limits" is a family of the
/// set, and the senator's words after "slammed the bill as" are his, not the outlet's scare
/// quotes.
#[test]
fn insulin_cap_story_gets_each_outlets_loaded_words() {
    let a = fixture_set("insulin_cap_three_outlets");
    let f = a.framing.as_ref().expect("framing");
    let marked = |i: usize, word: &str| categories_marked(&a, i, word);
    let loaded = |i: usize, w: &str| {
        let cats = marked(i, w);
        assert!(
            cats.iter()
                .any(|c| parallax::framing::lexicon::group(c) == "loaded"),
            "{}: {w}: {cats:?}",
            a.corpus.articles[i].file
        );
    };
    let (right, left, wire) = (idx(&a, "sentinel"), idx(&a, "beacon"), idx(&a, "wire"));
    // The right-leaning outlet: its lead is aligned with the others, which say "a bill".
    for w in [
        "rammed through",
        "sweeping",
        "scheme",
        "squeaked by",
        "saddle",
    ] {
        loaded(right, w);
    }
    for w in ["landmark", "long-overdue", "Big Pharma"] {
        loaded(left, w);
    }
    // The wire report's own words carry no loaded mark.
    assert!(
        f.articles[wire]
            .marks
            .iter()
            .all(|m| parallax::framing::lexicon::group(&m.category) != "loaded"),
        "{:?}",
        f.articles[wire].marks
    );
    // "claimed" against the wire's "said" for one statement.
    assert!(marked(right, "claimed").contains(&"attribution.doubt".to_string()));
    // A naming choice of this set, counted per source.
    let uses = |i: usize, term: &str| own_uses(&a, i, "price_limits", term);
    assert_eq!(uses(right, "price control"), 3);
    assert_eq!(uses(wire, "price limit"), 1);
    // "slammed the bill as a "reckless overreach"": Hadley's words.
    let q = quote_holding(&a, right, "reckless overreach").expect("the senator's words");
    assert!(!q.scare);
    assert!(
        q.speaker.as_deref().is_some_and(|s| s.contains("Hadley")),
        "{:?}",
        q.speaker
    );
    // An organisation keeps its full name as a speaker.
    let q = quote_holding(&a, wire, "shifts costs").expect("the industry group's words");
    assert_eq!(
        q.speaker.as_deref(),
        Some("Pharmaceutical Research and Manufacturers of America")
    );
}

/// A second story written for the test (`tests/fixtures/framing/court_ruling_three_outlets/`):
/// a pollution ruling in three outlets. The partisan outlet's labels for the judge are marked,
/// a group quoted after "hailed the ruling as" is no speaker named "Environmental", and the
/// event labels read as clauses, not as a relative clause ("Which had fined the plant twice").
#[test]
fn court_ruling_story_gets_its_labels_and_clean_event_labels() {
    let a = fixture_set("court_ruling_three_outlets");
    let ledger = idx(&a, "ledger");
    assert_loaded(
        &a,
        ledger,
        &["Activist judge", "legislating from the bench", "crushing"],
    );
    let herald = idx(&a, "herald");
    let q = quote_holding(&a, herald, "turning point").expect("the advocates' words");
    assert!(!q.scare);
    assert_eq!(q.speaker, None);
    let labels: Vec<&str> = a
        .alignment
        .events
        .iter()
        .map(|e| e.label.as_str())
        .collect();
    assert!(
        labels
            .iter()
            .all(|l| !l.starts_with(char::is_lowercase) && !l.to_lowercase().starts_with("which ")),
        "{labels:?}"
    );
    assert!(
        labels.contains(&"The state environmental agency declined to comment"),
        "{labels:?}"
    );
}

/// A third story written for the test (`tests/fixtures/framing/rate_rise_three_outlets/`): a
/// central-bank rate rise told by a wire, a business paper and a tabloid. Each claim the three
/// report (the rise, the governor's warning, the split vote, the inflation figure, the
/// minister's line) is one event of all three outlets, and the governor's and the minister's
/// statements never share one; the tabloid's sensational words and its loaded report verbs are
/// marked, the business paper's plain "said" is not, and no naming family is invented.
#[test]
fn rate_rise_story_aligns_its_claims_and_marks_the_tabloid() {
    let a = fixture_set("rate_rise_three_outlets");
    let event_of = |article: usize, needle: &str| event_holding(&a, article, needle);
    let (ledger, tabloid, wire) = (idx(&a, "ledger"), idx(&a, "tabloid"), idx(&a, "wire"));
    for claims in [
        [
            "lifted borrowing costs",
            "pushed the base rate up",
            "raised its main interest rate",
        ],
        ["inflation remained", "far too high", "far too high"],
        [
            "Two of its nine members",
            "broke ranks",
            "Seven of the nine",
        ],
        [
            "Annual inflation eased",
            "Inflation fell",
            "Consumer prices rose",
        ],
        [
            "Tomas Berg, the finance",
            "Finance Minister Tomas Berg",
            "Finance Minister Tomas Berg",
        ],
    ] {
        assert_one_event(&a, [ledger, tabloid, wire], claims);
    }
    assert_ne!(
        event_of(wire, "far too high"),
        event_of(wire, "Finance Minister")
    );
    assert_loaded(
        &a,
        tabloid,
        &["crushing", "misery", "soared", "asleep at the wheel"],
    );
    assert!(categories_marked(&a, tabloid, "insisted").contains(&"attribution.insisting".into()));
    assert!(categories_marked(&a, tabloid, "claimed").contains(&"attribution.doubt".into()));
    assert!(categories_marked(&a, tabloid, "admitted").contains(&"attribution.conceding".into()));
    assert!(categories_marked(&a, wire, "probably").contains(&"hedge".into()));
    assert!(
        categories_marked(&a, ledger, "said")
            .iter()
            .all(|c| c == "attribution.neutral"),
        "a plain said is no loaded verb"
    );
    let f = a.framing.as_ref().expect("framing");
    assert!(f.families.is_empty(), "{:?}", f.families);
}

/// The event holding the passage of article `article` that contains `needle`.
fn event_holding(a: &Analysis, article: usize, needle: &str) -> usize {
    a.alignment
        .events
        .iter()
        .position(|e| {
            e.members
                .iter()
                .any(|&m| m.article == article && a.passage_text(m).contains(needle))
        })
        .unwrap_or_else(|| panic!("{needle} is in no event"))
}

/// A story nobody fitted anything on (a city council moving police money to crisis teams, in a
/// wire report, a sympathetic paper and a hostile tabloid): the claims all three report are one
/// event each; the tabloid's loaded words and manner verbs are marked, its inverted attribution
/// ("…," fumed Councilmember Luis Ortega) finds the speaker, who is one person with the wire's
/// "Councilmember Luis Ortega"; and the paper's "organizers celebrated outside City Hall" is
/// what they did, no puffery.
#[test]
fn police_budget_story_finds_its_speakers_and_the_tabloids_loaded_verbs() {
    let a = fixture_set("police_budget_three_outlets");
    let (ledger, tabloid, wire) = (idx(&a, "ledger"), idx(&a, "tabloid"), idx(&a, "wire"));
    for claims in [
        ["redirected $12 million", "slashed the police", "voted 7-2"],
        ["right responder", "right responder", "right responder"],
        ["40 open positions", "40 officer jobs", "40 vacant officer"],
    ] {
        assert_one_event(&a, [ledger, tabloid, wire], claims);
    }
    assert_eq!(
        event_holding(&a, tabloid, "fumed"),
        event_holding(&a, wire, "who voted against")
    );
    assert_loaded(
        &a,
        tabloid,
        &[
            "slashed",
            "ramming through",
            "scheme",
            "pet project",
            "radical",
            "far-left",
        ],
    );
    for (word, category) in [
        ("brushing aside", "attribution.manner"),
        ("blasted", "attribution.manner"),
        ("fumed", "attribution.manner"),
        ("claimed", "attribution.doubt"),
    ] {
        assert!(
            categories_marked(&a, tabloid, word).contains(&category.to_string()),
            "{word}: {:?}",
            categories_marked(&a, tabloid, word)
        );
    }
    assert!(categories_marked(&a, ledger, "landmark").contains(&"loaded.puffery".into()));
    assert!(
        categories_marked(&a, ledger, "celebrated").is_empty(),
        "celebrated is the organizers' act here"
    );
    let speaker = |i: usize, words: &str| {
        quote_holding(&a, i, words)
            .unwrap_or_else(|| panic!("no quotation holds {words}"))
            .speaker
            .clone()
    };
    assert_eq!(
        speaker(tabloid, "acted without a plan").as_deref(),
        Some("Luis Ortega")
    );
    assert_eq!(
        speaker(tabloid, "acted without a plan"),
        speaker(wire, "without a plan")
    );
}

/// A sixth story written here and first run unseen (a freight-train derailment in a wire
/// report, a local paper and an opinion site): the wire's AP-style dateline "MILLBROOK, Pa.
/// (Wire) —" stays in its lead sentence; the claims all three report are one event each; the
/// railroad's statement is labelled with its whole name, not the last word of it; the local
/// paper's that-less "insisted the air outside the evacuation zone was safe" is an insisting
/// report verb; and the emergency director quoted by surname only ("Oduya said") is shown with
/// the first name the outlets give her; "wreck" against "crash" is a naming choice.
#[test]
fn derailment_story_keeps_its_dateline_names_speakers_whole_and_finds_report_verbs() {
    let a = fixture_set("derailment_three_outlets");
    let (local, opinion, wire) = (idx(&a, "local"), idx(&a, "opinion"), idx(&a, "wire"));
    let body = &a.corpus.articles[wire].body;
    let lead = a.alignment.passages[wire]
        .iter()
        .map(|p| &body[p.span.start..p.span.end])
        .find(|t| t.contains("MILLBROOK"))
        .expect("the dateline's passage");
    assert!(lead.contains("2,000 residents"), "{lead:?}");
    for claims in [
        [
            "Ellen Marsh insisted",
            "Ellen Marsh claimed",
            "air monitors",
        ],
        ["wheel bearing", "wheel bearing", "wheel bearing"],
        ["hotel costs", "hotel rooms", "hotel rooms"],
    ] {
        assert_one_event(&a, [local, opinion, wire], claims);
    }
    let statement = &a.alignment.events[event_holding(&a, wire, "cooperating fully")];
    assert!(
        statement.label.starts_with("Keystone Northern: "),
        "{:?}",
        statement.label
    );
    for (i, word, category) in [
        (local, "insisted", "attribution.insisting"),
        (opinion, "claimed", "attribution.doubt"),
        (opinion, "admitted", "attribution.conceding"),
    ] {
        assert!(
            categories_marked(&a, i, word).contains(&category.to_string()),
            "{word}: {:?}",
            categories_marked(&a, i, word)
        );
    }
    let f = a.framing.as_ref().expect("framing");
    let speakers: Vec<&str> = f.profiles[local]
        .speakers
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert!(speakers.contains(&"Karen Oduya"), "{speakers:?}");
    // What the outlets call the derailment is a naming choice: the local paper's "wreck"
    // against the wire's "crash".
    let called = |i: usize| -> Vec<String> {
        f.profiles[i]
            .naming
            .iter()
            .filter(|n| n.family == "mishap")
            .flat_map(|n| n.terms.iter().map(|t| t.term.to_lowercase()))
            .collect()
    };
    assert_eq!(called(local), ["wreck"]);
    assert_eq!(called(wire), ["crash"]);
}

/// An eighth story written here and first run unseen, as saved web pages (a hospital's
/// ransomware day on a WordPress local paper, a broadcaster's page and a newsletter post;
/// fixture `tests/fixtures/corpus/cms_furniture_inside_the_article`): with the pages' furniture
/// left out, the figure all three report is one claim, as is the unanswered ransom question;
/// "the FBI's Pittsburgh field office" is the FBI speaking; the chief executive is one
/// speaker; "crippled" is a loaded damage metaphor and "insists" insisting attribution.
#[test]
fn hospital_cyberattack_pages_align_their_claims_and_name_the_fbi_as_speaker() {
    let dir =
        crate::common::repo_root().join("tests/fixtures/corpus/cms_furniture_inside_the_article");
    let corpus = corpus::load_dir(&dir, &Progress::new()).expect("fixture folder");
    let a = model::analyze(corpus, &Default::default(), &Progress::new()).expect("analysis");
    let (brief, valley, wktv) = (idx(&a, "brief"), idx(&a, "valley"), idx(&a, "wktv"));
    assert_one_event(
        &a,
        [brief, valley, wktv],
        ["31 runs", "31 trips", "31 ambulance runs"],
    );
    assert_eq!(
        event_holding(&a, brief, "received a ransom demand"),
        event_holding(&a, valley, "received a ransom demand")
    );
    let f = a.framing.as_ref().expect("framing");
    let speakers: Vec<&str> = f.profiles[valley]
        .speakers
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert!(speakers.contains(&"FBI"), "{speakers:?}");
    assert!(speakers.contains(&"Lorraine Petit"), "{speakers:?}");
    assert_eq!(speakers.len(), 2, "{speakers:?}");
    assert_loaded(&a, wktv, &["crippled"]);
    assert!(
        categories_marked(&a, brief, "insists").contains(&"attribution.insisting".to_string()),
        "{:?}",
        categories_marked(&a, brief, "insists")
    );
}

/// A ninth story written here and first run unseen (a diet and dementia study in a science
/// wire, a health site and a tabloid): "ultra-processed" is a kind of food, not the label
/// "ultra"; the tabloid's "scoff the most … grub" is eating, not scorn; inverted attributions
/// name the speaker past a description or a title ("said lead author Dr. Hannah Okoro"); the
/// "Food and Drink Federation" is one speaker; and the figure all three report is one claim.
#[test]
fn diet_study_reads_compounds_eating_verbs_and_inverted_speakers() {
    let a = fixture_set("diet_study_three_outlets");
    let (health, tabloid, wire) = (idx(&a, "health"), idx(&a, "tabloid"), idx(&a, "wire"));
    assert_one_event(
        &a,
        [health, tabloid, wire],
        ["28% higher risk", "28 per cent", "28% more likely"],
    );
    let f = a.framing.as_ref().expect("framing");
    for i in [health, tabloid, wire] {
        assert!(categories_marked(&a, i, "ultra").is_empty(), "article {i}");
    }
    assert!(categories_marked(&a, tabloid, "scoff").is_empty());
    for (i, word, category) in [
        (tabloid, "claimed", "attribution.doubt"),
        (tabloid, "insisted", "attribution.insisting"),
        (wire, "may", "hedge"),
    ] {
        assert!(
            categories_marked(&a, i, word).contains(&category.to_string()),
            "{word}: {:?}",
            categories_marked(&a, i, word)
        );
    }
    assert_loaded(&a, tabloid, &["shocking", "devastating", "slashed"]);
    let speakers = |i: usize| -> Vec<&str> {
        f.profiles[i]
            .speakers
            .iter()
            .map(|s| s.name.as_str())
            .collect()
    };
    assert!(
        speakers(wire).contains(&"Hannah Okoro"),
        "{:?}",
        speakers(wire)
    );
    assert!(
        speakers(wire).contains(&"Martin Keele"),
        "{:?}",
        speakers(wire)
    );
    assert!(
        speakers(tabloid).contains(&"Food and Drink Federation"),
        "{:?}",
        speakers(tabloid)
    );
}

/// A seventh story written here and first run unseen (a chipmaker cutting 1,200 jobs, in a US
/// business paper, a British paper and a tabloid): "$140 million" and the British "$140m" are
/// one figure, so the charge is one claim, as is the revenue in "14%" and "14 per cent"; the
/// union official quoted after "fumed:" labels her event by her name, not her union's; the
/// tabloid's "Boss" is a title, not part of the chief executive's name; and its slaughter
/// metaphors for job cuts are loaded.
#[test]
fn layoffs_story_reads_figures_across_styles_and_the_tabloids_metaphors() {
    let a = fixture_set("layoffs_three_outlets");
    let (business, tabloid, uk) = (idx(&a, "business"), idx(&a, "tabloid"), idx(&a, "uk"));
    assert_eq!(
        event_holding(&a, business, "$140 million"),
        event_holding(&a, uk, "$140m")
    );
    assert_eq!(
        event_holding(&a, business, "Revenue fell 14%"),
        event_holding(&a, uk, "14 per cent to $2.1bn")
    );
    let quote = &a.alignment.events[event_holding(&a, tabloid, "fumed")];
    assert!(quote.label.starts_with("Vogel: "), "{:?}", quote.label);
    assert_eq!(
        event_holding(&a, tabloid, "fumed"),
        event_holding(&a, uk, "said Katrin Vogel")
    );
    assert_loaded(&a, tabloid, &["bloodbath", "carnage"]);
    let f = a.framing.as_ref().expect("framing");
    for i in [business, tabloid, uk] {
        let names: Vec<&str> = f.profiles[i]
            .speakers
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert!(names.contains(&"Priya Raman"), "{names:?}");
    }
}

/// A tenth story, written by a helper that never saw the engine and first run unseen (a
/// wildfire: a public-radio story, a business paper leading with the utility's shares, a
/// tabloid), as plain text with a byline and a date line under each headline. The outlets are
/// named from their bylines and the date lines are no passages; the fault all three report is
/// one claim; the tabloid's "admitted in a filing … that" is conceding attribution and its
/// "refused to say" a judging manner of speaking; its inferno, monster and "coughed up" are
/// loaded and its "power giant" a label; "blaze" against "wildfire" is a naming choice; and the
/// business paper's "to settle claims" casts no doubt on anything said.
#[test]
fn wildfire_story_reads_bylines_the_tabloids_verbs_and_what_the_fire_is_called() {
    let a = fixture_set("wildfire_three_outlets");
    let (business, radio, tabloid) = (idx(&a, "business"), idx(&a, "radio"), idx(&a, "tabloid"));
    let source = |i: usize| a.corpus.articles[i].source.as_str();
    assert_eq!(source(radio), "Northfork Public Radio");
    assert_eq!(source(business), "The Commerce Ledger");
    assert_eq!(source(tabloid), "Metro Express");
    assert_eq!(
        a.corpus.articles[business].author.as_deref(),
        Some("Grant Osei and Lila Moreau")
    );
    for i in [business, radio, tabloid] {
        let art = &a.corpus.articles[i];
        assert!(art.date.as_deref().is_some_and(|d| d.contains("2025")));
        assert!(
            art.paragraphs
                .iter()
                .all(|p| !art.body[p.range()].starts_with("By ")),
            "{}",
            art.file
        );
    }
    assert_one_event(
        &a,
        [business, radio, tabloid],
        [
            "registered a fault at 2:31",
            "experienced a fault at 2:31",
            "malfunctioned at 2:31",
        ],
    );
    for (i, word, category) in [
        (tabloid, "admitted", "attribution.conceding"),
        (tabloid, "refused to say", "attribution.manner"),
        (tabloid, "power giant", "loaded.label"),
    ] {
        assert!(
            categories_marked(&a, i, word).contains(&category.to_string()),
            "{word}: {:?}",
            categories_marked(&a, i, word)
        );
    }
    // "monster blaze devours homes": the headline's listed words, one-source as it is.
    assert_loaded(
        &a,
        tabloid,
        &["inferno", "monster", "coughed up", "devours"],
    );
    assert!(
        categories_marked(&a, business, "claims").is_empty(),
        "{:?}",
        categories_marked(&a, business, "claims")
    );
    assert!(own_uses(&a, tabloid, "fire", "blaze") >= 1);
    assert!(own_uses(&a, radio, "fire", "wildfire") >= 1);
    assert_eq!(own_uses(&a, radio, "fire", "blaze"), 0);
}

/// A story nobody fitted anything on, run unseen first (session 24: a ransomware attack on a
/// hospital trust, by a wire, a regional paper and a tabloid): the tabloid's quoted word after
/// "blasted" is the minister's, not a scare quote; "he claimed the Government …" is the
/// minister; "Gran Jean Whitlock" is Jean Whitlock; its labels ("cyber crooks", "Trust boss")
/// and verbs of loss are marked; the outlets' names for the attack and the attackers are
/// counted; and the chief executive's two statements are not one claim.
#[test]
fn ransomware_story_gives_quoted_words_to_their_speakers_and_counts_what_the_attack_is_called() {
    let a = fixture_set("ransomware_three_outlets");
    let (paper, tabloid, wire) = (idx(&a, "broadsheet"), idx(&a, "tabloid"), idx(&a, "wire"));
    let callous = quote_holding(&a, tabloid, "callous").expect("quoted word");
    assert_eq!(callous.speaker.as_deref(), Some("Gareth Pryce"));
    assert!(!callous.scare);
    let resilience = quote_holding(&a, tabloid, "resilience").expect("quoted word");
    assert_eq!(resilience.speaker.as_deref(), Some("Gareth Pryce"));
    let gran = quote_holding(&a, tabloid, "sat there in my gown").expect("quote");
    assert_eq!(gran.speaker.as_deref(), Some("Jean Whitlock"));
    let doyle = quote_holding(&a, tabloid, "completely in the dark").expect("quote");
    assert_eq!(doyle.speaker.as_deref(), Some("Margaret Doyle"));
    for (word, category) in [("crooks", "loaded.label"), ("boss", "loaded.label")] {
        assert!(
            categories_marked(&a, tabloid, word).contains(&category.to_string()),
            "{word}: {:?}",
            categories_marked(&a, tabloid, word)
        );
    }
    assert_loaded(&a, tabloid, &["axed", "in limbo", "dodgy"]);
    assert!(own_uses(&a, wire, "cyber_incident", "ransomware attack") >= 1);
    assert!(own_uses(&a, paper, "cyber_incident", "cyber attack") >= 1);
    assert_eq!(own_uses(&a, wire, "cyber_incident", "cyber attack"), 0);
    assert!(own_uses(&a, tabloid, "cyber_attackers", "cyber crooks") >= 1);
    assert!(own_uses(&a, paper, "cyber_attackers", "attackers") >= 1);
    // Same speaker, different statement: pride in the staff is not the refusal to pay.
    let passage = |i: usize, needle: &str| {
        (0..a.alignment.passages[i].len())
            .find(|&p| {
                a.passage_text(parallax::align::PassageRef {
                    article: i,
                    passage: p,
                })
                .contains(needle)
            })
            .unwrap_or_else(|| panic!("{needle}"))
    };
    let (proud, pay) = (
        passage(paper, "immensely proud"),
        passage(wire, "We will not pay"),
    );
    assert!(
        !a.alignment.links_between(paper, wire).any(|l| {
            let ends = [(l.a.article, l.a.passage), (l.b.article, l.b.passage)];
            ends.contains(&(paper, proud)) && ends.contains(&(wire, pay))
        }),
        "the chief executive's two statements are linked"
    );
}

/// A thirteenth story first run unseen (an EU data-protection fine, by a wire, a technology
/// site and a British tabloid): the tabloid's attributions by a verb with a physical sense,
/// by a complaint verb and by a job at a named body give each quotation its speaker; its
/// penalty words and labels are marked; and the event labels read like headlines, not a
/// fragment after a figure, a name alone, or "United: are finalising".
#[test]
fn data_fine_story_gives_tabloid_quotations_their_speakers_and_reads_its_labels() {
    let a = fixture_set("data_fine_three_outlets");
    let (tabloid, tech, wire) = (idx(&a, "tabloid"), idx(&a, "techsite"), idx(&a, "wire"));
    let blasted = quote_holding(&a, tabloid, "systematic, repetitive").expect("quote");
    assert_eq!(blasted.speaker.as_deref(), Some("Deirdre Halloran"));
    let singled = quote_holding(&a, tabloid, "singled out").expect("quote");
    assert_eq!(singled.speaker.as_deref(), Some("Marcus Feld"));
    assert!(!singled.scare, "the words after 'moaned that' are Feld's");
    let win = quote_holding(&a, tabloid, "huge win").expect("quote");
    assert_eq!(win.speaker.as_deref(), Some("Lena Hartwig"));
    for word in [
        "tech titan",
        "privacy chiefs",
        "web giant",
        "bigwigs",
        "data cop",
        "Eurocrats",
    ] {
        assert!(
            categories_marked(&a, tabloid, word).contains(&"loaded.label".to_string()),
            "{word}: {:?}",
            categories_marked(&a, tabloid, word)
        );
    }
    assert_loaded(
        &a,
        tabloid,
        &["slapped with", "eye-watering", "pocket change"],
    );
    assert!(categories_marked(&a, tabloid, "moaned").contains(&"attribution.manner".to_string()));
    // One word, one choice: "whopping" is marked in the headline and in the lede alike.
    let body = &a.corpus.articles[tabloid].body;
    assert_eq!(body.matches("whopping").count(), 2);
    assert_eq!(
        categories_marked(&a, tabloid, "whopping"),
        ["loaded", "loaded"]
    );
    let label = |i: usize, needle: &str| {
        a.alignment.events[event_holding(&a, i, needle)]
            .label
            .clone()
    };
    let framework = label(wire, "finalising a new Data Privacy Framework");
    assert!(
        framework.starts_with("The European Union and the United States are finalising"),
        "{framework}"
    );
    let board = label(tech, "umbrella body");
    assert!(board.contains("issued a binding"), "{board}");
    let shares = label(tech, "before the opening bell");
    assert!(
        !shares.starts_with(|c: char| c.is_ascii_digit()),
        "a label opening on the figure: {shares}"
    );
}

/// Asserts that the passages of `articles` holding `claims` (one each, in the same order) are
/// in one event.
fn assert_one_event(a: &Analysis, articles: [usize; 3], claims: [&str; 3]) {
    let events: Vec<usize> = articles
        .iter()
        .zip(claims)
        .map(|(&i, claim)| event_holding(a, i, claim))
        .collect();
    assert!(
        events.iter().all(|&e| e == events[0]),
        "{claims:?} in events {events:?}"
    );
}

/// Asserts that each of `words` is marked, as it reads in article `i`, with a loaded-word
/// category.
fn assert_loaded(a: &Analysis, i: usize, words: &[&str]) {
    let f = a.framing.as_ref().expect("framing");
    let body = &a.corpus.articles[i].body;
    let marked: Vec<(&str, &str)> = f.articles[i]
        .marks
        .iter()
        .map(|m| (&body[m.range.clone()], m.category.as_str()))
        .collect();
    for w in words {
        assert!(
            marked
                .iter()
                .any(|(t, c)| t == w && parallax::framing::lexicon::group(c) == "loaded"),
            "{w}: {marked:?}"
        );
    }
}

/// Categories of the marks of article `i` whose text is `word` (any case).
fn categories_marked(a: &Analysis, i: usize, word: &str) -> Vec<String> {
    let f = a.framing.as_ref().expect("framing");
    let body = &a.corpus.articles[i].body;
    f.articles[i]
        .marks
        .iter()
        .filter(|m| body[m.range.clone()].eq_ignore_ascii_case(word))
        .map(|m| m.category.clone())
        .collect()
}

/// The quotation of article `i` that holds `words`, if any.
fn quote_holding<'a>(a: &'a Analysis, i: usize, words: &str) -> Option<&'a framing::Quote> {
    let f = a.framing.as_ref()?;
    let body = &a.corpus.articles.get(i)?.body;
    f.articles
        .get(i)?
        .quotes
        .iter()
        .find(|q| body.get(q.range.clone()).is_some_and(|t| t.contains(words)))
}

/// How often article `i` uses `term` of naming family `family` in its own words.
fn own_uses(a: &Analysis, i: usize, family: &str, term: &str) -> usize {
    let f = a.framing.as_ref().expect("framing");
    f.profiles[i]
        .naming
        .iter()
        .find(|n| n.family == family)
        .and_then(|n| n.terms.iter().find(|t| t.term == term))
        .map_or(0, |t| t.own)
}

/// Analysis of one fixture folder under `tests/fixtures/framing/`.
fn fixture_set(name: &str) -> Analysis {
    let dir = crate::common::repo_root()
        .join("tests/fixtures/framing")
        .join(name);
    let corpus = corpus::load_dir(&dir, &Progress::new()).expect("fixture folder");
    model::analyze(corpus, &Default::default(), &Progress::new()).expect("analysis")
}

/// Analysis of one article of `tests/fixtures/framing/error_classes/` on its own.
fn error_class(case: &str) -> Analysis {
    let path = crate::common::repo_root()
        .join("tests/fixtures/framing/error_classes")
        .join(format!("{case}.txt"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    let corpus = corpus::Corpus {
        root: None,
        articles: vec![corpus::parse_text(&format!("{case}.txt"), &text)],
        warnings: vec![],
    };
    model::analyze(corpus, &Default::default(), &Progress::new()).expect("analysis")
}

/// (word as written, category) of every mark of article 0.
fn marks_of(a: &Analysis) -> Vec<(String, String)> {
    let f = a.framing.as_ref().expect("framing");
    let body = &a.corpus.articles[0].body;
    f.articles[0]
        .marks
        .iter()
        .map(|m| (body[m.range.clone()].to_string(), m.category.clone()))
        .collect()
}

/// "30% less likely", "twice as likely": a comparison of rates is no hedge; "cannot show
/// that", "did not confirm that": a negated factive presents nothing as established. The
/// modal hedge "may be slower" stays.
#[test]
fn error_class_comparisons_and_negated_findings_are_no_hedge_or_endorsement() {
    // The lexicon's hits before any contrast rule: hedges are marked in the views only where
    // another outlet words the passage without them, so the word-level rule is checked here.
    let path = crate::common::repo_root().join(
        "tests/fixtures/framing/error_classes/comparisons_and_negated_findings_are_no_hedge_or_endorsement.txt",
    );
    let text = std::fs::read_to_string(path).expect("fixture");
    let hits: Vec<(&str, String)> = Lexicon::builtin()
        .find(&text)
        .into_iter()
        .map(|h| (&text[h.range.clone()], h.category))
        .collect();
    assert!(
        !hits.iter().any(|(w, c)| *w == "likely" && c == "hedge"),
        "{hits:?}"
    );
    assert!(
        !hits.iter().any(|(_, c)| c == "attribution.endorsing"),
        "{hits:?}"
    );
    assert!(
        hits.iter().any(|(w, c)| *w == "may" && c == "hedge"),
        "{hits:?}"
    );
}

/// "who wrote the levy", "writes a column": authorship is no attribution; "wrote that …" and
/// "wrote in a statement" still report what someone said.
#[test]
fn error_class_writing_a_bill_is_no_attribution() {
    let ms = marks_of(&error_class("writing_a_bill_is_no_attribution"));
    let writes: Vec<&(String, String)> = ms.iter().filter(|(w, _)| w.starts_with("wr")).collect();
    assert_eq!(
        writes
            .iter()
            .filter(|(_, c)| c.starts_with("attribution"))
            .count(),
        2,
        "{ms:?}"
    );
}

#[test]
fn error_class_united_states_is_no_attribution() {
    let ms = marks_of(&error_class("united_states_is_no_attribution"));
    assert!(
        !ms.iter().any(|(w, _)| w == "States" || w == "states"),
        "{ms:?}"
    );
    // The verb of speech is still found.
    assert!(
        ms.iter()
            .any(|(w, c)| w == "stated" && c.starts_with("attribution")),
        "{ms:?}"
    );
}

#[test]
fn error_class_stems_never_cross_word_families() {
    let ms = marks_of(&error_class("stems_never_cross_word_families"));
    for w in ["liberal", "liberation", "Demonstrators", "demonstrate"] {
        assert!(
            !ms.iter()
                .any(|(m, c)| m == w && c.starts_with("attribution")),
            "{w}: {ms:?}"
        );
    }
}

#[test]
fn error_class_names_are_never_framing_words() {
    let ms = marks_of(&error_class("names_are_never_framing_words"));
    for w in ["Denis", "Mock", "Liberal"] {
        assert!(!ms.iter().any(|(m, _)| m == w), "{w}: {ms:?}");
    }
    assert!(
        ms.iter()
            .any(|(w, c)| w == "denied" && c == "attribution.denying"),
        "{ms:?}"
    );
}

#[test]
fn error_class_democrats_are_no_naming_family() {
    let a = error_class("democrats_are_no_naming_family");
    let f = a.framing.as_ref().expect("framing");
    assert!(
        !f.families
            .iter()
            .any(|fam| fam.terms.iter().any(|t| t.contains("Democra"))),
        "{:?}",
        f.families
    );
    assert!(marks_of(&a).iter().all(|(_, c)| !c.starts_with("naming.")));
}

/// Spelling families are choices between spellings of one name across outlets: a
/// transliteration (Lukashenko / Lukashenka, Russian or Belarusian) is one; an accent dropped (Calderon / Calderón) is
/// typography, and two names one article uses side by side (Medicaid, Medicare) are two names.
#[test]
fn error_class_name_spellings_that_are_no_choice() {
    let a = fixture_set("name_spellings_that_are_no_choice");
    let f = a.framing.as_ref().expect("framing");
    let has = |name: &str| {
        f.families
            .iter()
            .filter(|fam| fam.terms.iter().any(|t| t.trim_start_matches('=') == name))
            .map(|fam| fam.terms.clone())
            .collect::<Vec<_>>()
    };
    let lukashenko = has("Lukashenko");
    assert!(
        lukashenko
            .iter()
            .any(|t| t.iter().any(|x| x.trim_start_matches('=') == "Lukashenka")),
        "the transliteration is one family: {:?}",
        f.families
    );
    // A transliteration that differs in the fourth letter (Gaddafi / Gadhafi) is one too.
    assert!(
        has("Gaddafi")
            .iter()
            .any(|t| t.iter().any(|x| x.trim_start_matches('=') == "Gadhafi")),
        "{:?}",
        f.families
    );
    assert!(has("Calderon").is_empty(), "{:?}", f.families);
    assert!(has("Calderón").is_empty(), "{:?}", f.families);
    assert!(has("Medicaid").is_empty(), "{:?}", f.families);
    assert!(has("Medicare").is_empty(), "{:?}", f.families);
    // And no mark calls either a naming choice.
    for art in &f.articles {
        let body = &a.corpus.articles[art.article].body;
        for m in art
            .marks
            .iter()
            .filter(|m| m.category.starts_with("naming."))
        {
            let w = &body[m.range.clone()];
            assert!(
                !["Calderon", "Calderón", "Medicaid", "Medicare"].contains(&w),
                "{w} marked as {}",
                m.category
            );
        }
    }
}

/// (article stem, word as written, the two words before it) of every naming mark of a set.
fn naming_marks(a: &Analysis) -> Vec<(String, String, String)> {
    let f = a.framing.as_ref().expect("framing");
    f.articles
        .iter()
        .flat_map(|art| {
            let doc = &a.corpus.articles[art.article];
            let body = &doc.body;
            art.marks
                .iter()
                .filter(|m| m.category.starts_with("naming."))
                .map(move |m| {
                    let from = body[..m.range.start]
                        .char_indices()
                        .rev()
                        .nth(15)
                        .map_or(0, |(k, _)| k);
                    (
                        doc.file.clone(),
                        body[m.range.clone()].to_string(),
                        body[from..m.range.start].to_string(),
                    )
                })
        })
        .collect()
}

/// A family names a thing: its members count only as nouns. "anti-war" is a stance,
/// "soldiers fighting to hold" and "have been fighting" are verbs, "offensive remarks" an
/// adjective; "launched an offensive" and "the heavy fighting" are names for the fighting.
#[test]
fn error_class_naming_words_in_other_roles() {
    let a = fixture_set("naming_words_in_other_roles");
    let ms = naming_marks(&a);
    let marked = |word: &str, before: &str| {
        ms.iter()
            .any(|(_, w, b)| w.eq_ignore_ascii_case(word) && b.ends_with(before))
    };
    assert!(!marked("war", "Anti-"), "{ms:?}");
    assert!(!marked("fighting", "soldiers "), "{ms:?}");
    assert!(!marked("fighting", "have been "), "{ms:?}");
    assert!(!marked("offensive", "apologised for "), "{ms:?}");
    // The noun uses of the same words, and the choice itself, are marked.
    assert!(marked("offensive", "launched an "), "{ms:?}");
    assert!(marked("fighting", "the heavy "), "{ms:?}");
    assert!(marked("conflict", "as the "), "{ms:?}");
    assert!(marked("war", "as the "), "{ms:?}");
}

/// Three outlets that all call it a war, one of them once "the conflict" among five "war"s,
/// show no naming choice: no "conflict" family and none of its marks.
#[test]
fn error_class_one_stray_synonym_is_no_naming_choice() {
    let a = fixture_set("one_stray_synonym_is_no_naming_choice");
    let f = a.framing.as_ref().expect("framing");
    assert!(
        !f.families.iter().any(|fam| fam.id == "conflict"),
        "{:?}",
        f.families.iter().map(|f| &f.id).collect::<Vec<_>>()
    );
    let conflict: Vec<_> = f
        .articles
        .iter()
        .flat_map(|art| &art.marks)
        .filter(|m| m.category == "naming.conflict")
        .collect();
    assert!(conflict.is_empty(), "{conflict:?}");
}

/// Three outlets all call the pickers "immigrants"; one writes "illegal immigrants" where the
/// others write "undocumented immigrants". The choice is marked, the word they share is not,
/// and Framing review still counts both for every source.
#[test]
fn error_class_shared_member_of_a_naming_family_is_no_choice() {
    let a = fixture_set("shared_member_of_a_naming_family_is_no_choice");
    let ms = naming_marks(&a);
    let marked = |file: &str, word: &str| {
        ms.iter()
            .any(|(f, w, _)| f == file && w.eq_ignore_ascii_case(word))
    };
    assert!(
        marked("atlantic_ledger.txt", "illegal immigrants"),
        "{ms:?}"
    );
    assert!(
        marked("coastal_post.txt", "undocumented immigrants"),
        "{ms:?}"
    );
    assert!(
        marked("river_herald.txt", "undocumented immigrants"),
        "{ms:?}"
    );
    for file in [
        "atlantic_ledger.txt",
        "coastal_post.txt",
        "river_herald.txt",
    ] {
        assert!(!marked(file, "immigrants"), "{file}: {ms:?}");
    }
    let f = a.framing.as_ref().expect("framing");
    for p in &f.profiles {
        let family = p
            .naming
            .iter()
            .find(|n| n.family == "migrants")
            .expect("the family counted for every source");
        let bare = family.terms.iter().find(|t| t.term == "immigrant");
        assert!(bare.is_some_and(|t| t.own == 2), "{:?}", family.terms);
    }
}

#[test]
fn error_class_compromise_and_non_modal_uses_are_no_framing() {
    let a = error_class("compromise_and_non_modal_uses_are_no_framing");
    let ms = marks_of(&a);
    assert!(!ms.iter().any(|(w, _)| w == "compromise"), "{ms:?}");
    // "could see" is past perception, "May 5" the month: no hedge.
    assert!(!ms.iter().any(|(_, c)| c == "hedge"), "{ms:?}");
}

#[test]
fn error_class_noun_uses_are_no_attribution() {
    let ms = marks_of(&error_class("noun_uses_are_no_attribution"));
    // "a planning dispute", "six-year dispute", "manifesto pledge": nouns, not verbs of speech.
    for w in ["dispute", "pledge"] {
        assert!(
            !ms.iter()
                .any(|(m, c)| m == w && c.starts_with("attribution")),
            "{w}: {ms:?}"
        );
    }
    // The verbs of the same families still are.
    for (w, c) in [
        ("disputed", "attribution.denying"),
        ("denied", "attribution.denying"),
    ] {
        assert!(ms.iter().any(|(m, k)| m == w && k == c), "{w}: {ms:?}");
    }
}

/// Whether the first article of `a` has an attribution mark starting at `word` inside the first
/// occurrence of `context` (a fixture phrase).
fn attribution_at(a: &Analysis, context: &str, word: &str) -> bool {
    let body = &a.corpus.articles[0].body;
    let Some(at) = body.find(context) else {
        panic!("fixture lacks {context:?}")
    };
    let start = at + context.find(word).expect("word in context");
    a.framing.as_ref().expect("framing").articles[0]
        .marks
        .iter()
        .any(|m| m.range.start == start && m.category.starts_with("attribution."))
}

/// Verbs of speech in senses that report no speech: "denied to them" withholds, "is confirmed"
/// appoints, "was rejected in committee" votes, "was dismissed" rules. The speech uses around
/// them ("denied that", "It was confirmed that") stay marked.
#[test]
fn error_class_withheld_appointed_and_voted_are_no_attribution() {
    let a = error_class("withheld_appointed_and_voted_are_no_attribution");
    for (context, word) in [
        ("previously denied to them", "denied"),
        ("denying credits to the states", "denying"),
        ("successor is confirmed", "confirmed"),
        ("was rejected in committee", "rejected"),
        ("was quickly dismissed", "dismissed"),
    ] {
        assert!(
            !attribution_at(&a, context, word),
            "{context}: {:?}",
            marks_of(&a)
        );
    }
    for (context, word) in [
        ("Officials denied that", "denied"),
        ("It was confirmed that", "confirmed"),
    ] {
        assert!(
            attribution_at(&a, context, word),
            "{context}: {:?}",
            marks_of(&a)
        );
    }
}

/// "Spoke on the condition of anonymity" is how a report credits an unnamed source (vague
/// attribution, a cue counted in the profile), never an evaluative word choice.
#[test]
fn error_class_anonymity_is_sourcing_not_judgement() {
    let a = error_class("anonymity_is_sourcing_not_judgement");
    let ms = marks_of(&a);
    assert!(
        !ms.iter()
            .any(|(w, c)| w == "anonymity" && c.starts_with("loaded")),
        "{ms:?}"
    );
}

/// A speech verb whose object is anonymity ("insisted on anonymity", "maintained anonymity")
/// reports how a source was credited, not a claim: no attribution mark. The anonymity itself
/// stays vague attribution (counted in the profile), and the same verbs reporting a claim
/// ("insisted that", "confirmed, on condition of anonymity, that") stay attribution.
#[test]
fn error_class_anonymity_as_object_is_no_attribution() {
    let a = error_class("anonymity_as_object_is_no_attribution");
    for (context, word) in [
        ("insisted on anonymity", "insisted"),
        ("requested anonymity", "requested"),
        ("maintained anonymity", "maintained"),
        ("pledged anonymity", "pledged"),
    ] {
        assert!(
            !attribution_at(&a, context, word),
            "{context}: {:?}",
            marks_of(&a)
        );
    }
    for (context, word) in [
        ("chairman insisted that", "insisted"),
        ("director confirmed, on condition", "confirmed"),
    ] {
        assert!(
            attribution_at(&a, context, word),
            "{context}: {:?}",
            marks_of(&a)
        );
    }
    let vague = a.framing.as_ref().expect("framing").profiles[0]
        .categories
        .iter()
        .find(|c| c.id == "vague_attribution")
        .map_or(0, |c| c.own);
    assert!(
        vague >= 4,
        "anonymity counted as vague attribution: {vague}"
    );
}

/// Report verbs, hedges and boosters inside a direct quotation are the speaker's verbatim
/// words, not the outlet's attribution or certainty: "admit", "could" and "of course" in the
/// chair's quotation are counted (quoted) but not marked; the outlet's own "claimed" in
/// narration stays marked.
#[test]
fn error_class_report_verbs_and_hedges_inside_a_quotation_are_the_speakers() {
    let a = error_class("report_verbs_and_hedges_inside_a_quotation_are_the_speakers");
    let f = a.framing.as_ref().expect("framing");
    let body = &a.corpus.articles[0].body;
    let marked: Vec<(&str, &str)> = f.articles[0]
        .marks
        .iter()
        .map(|m| (&body[m.range.clone()], m.category.as_str()))
        .collect();
    for w in ["admit", "could", "Of course"] {
        assert!(
            !marked.iter().any(|(t, _)| t.eq_ignore_ascii_case(w)),
            "{w} is the speaker's: {marked:?}"
        );
    }
    assert!(
        marked.contains(&("claimed", "attribution.doubt")),
        "the outlet's own report verb: {marked:?}"
    );
    let profile = &f.profiles[0];
    let quoted = |id: &str| {
        profile
            .categories
            .iter()
            .find(|c| c.id == id)
            .map_or(0, |c| c.quoted)
    };
    assert_eq!(
        quoted("attribution.conceding"),
        1,
        "{:?}",
        profile.categories
    );
    assert_eq!(quoted("booster"), 1, "{:?}", profile.categories);
}

/// Short quotes of a named speaker's words are quotations of that speaker, not the outlet's
/// scare quotes: after "accused X of", before "Mr. Porter said" (no sentence ends at "Mr."),
/// before a "!"-ended attribution, after "argued against a", after "decried". A concept named
/// with "the concept of" is a mention; a label an outlet puts in quotation marks as the object
/// of "announced" stays scare quotes.
#[test]
fn error_class_partial_quotes_of_a_named_speaker_are_no_scare_quotes() {
    let a = error_class("partial_quotes_of_a_named_speaker_are_no_scare_quotes");
    let f = a.framing.as_ref().expect("framing");
    let body = &a.corpus.articles[0].body;
    let quote = |words: &str| {
        f.articles[0]
            .quotes
            .iter()
            .find(|q| body[q.range.clone()].contains(words))
    };
    for (words, speaker) in [
        ("growth card", "Dennis"),
        ("reckless plan", "Porter"),
        ("Stop stalling", "Alvarez"),
        ("career planner", "Bell"),
        ("dangerous", "Greer"),
    ] {
        let q = quote(words).unwrap_or_else(|| panic!("the quote of {words}"));
        assert!(!q.scare, "{words}: scare quotes");
        assert!(
            q.speaker.as_deref().is_some_and(|s| s.contains(speaker)),
            "{words}: speaker {:?}",
            q.speaker
        );
    }
    assert!(
        quote("subsidiarity").is_none(),
        "a mention, not a quotation"
    );
    assert!(quote("consultation").is_some_and(|q| q.scare));
    let scare: Vec<&str> = f.articles[0]
        .marks
        .iter()
        .filter(|m| m.term == "scare quotes")
        .map(|m| &body[m.range.clone()])
        .collect();
    assert_eq!(scare.len(), 1, "{scare:?}");
}

#[test]
fn error_class_partial_quotes_after_words_of_speech_are_no_scare_quotes() {
    // A phrase quoted from what someone railed, lashed out, cited or promised is their word,
    // and a stamp ("marked “confidential”") names a label; neither is the outlet's distancing.
    // A thing made public ("announced a “review”") stays the outlet's scare quotes.
    let a = error_class("partial_quotes_after_words_of_speech_are_no_scare_quotes");
    let f = a.framing.as_ref().expect("framing");
    let body = &a.corpus.articles[0].body;
    let quote =
        |words: &str| quote_holding(&a, 0, words).unwrap_or_else(|| panic!("the quote of {words}"));
    for words in [
        "land grab",
        "bean counters",
        "broken promise",
        "world-class",
        "confidential",
    ] {
        assert!(!quote(words).scare, "{words}: scare quotes");
    }
    for (words, speaker) in [
        ("land grab", "Hale"),
        ("broken promise", "Ortiz"),
        ("world-class", "Webb"),
    ] {
        let q = quote(words);
        assert!(
            q.speaker.as_deref().is_some_and(|s| s.contains(speaker)),
            "{words}: speaker {:?}",
            q.speaker
        );
    }
    let scare: Vec<&str> = f.articles[0]
        .marks
        .iter()
        .filter(|m| m.term == "scare quotes")
        .map(|m| &body[m.range.clone()])
        .collect();
    assert_eq!(scare, vec!["“review”"]);
}

#[test]
fn error_class_named_ministers_quote_is_no_scare_quote() {
    let a = error_class("named_ministers_quote_is_no_scare_quote");
    let f = a.framing.as_ref().expect("framing");
    let body = &a.corpus.articles[0].body;
    let called = f.articles[0]
        .quotes
        .iter()
        .find(|q| body[q.range.clone()].contains("mistake"))
        .expect("the one-word quote");
    assert!(
        !called.scare,
        "called it a \u{201C}mistake\u{201D}: the minister's word"
    );
    let sign = f.articles[0]
        .quotes
        .iter()
        .find(|q| body[q.range.clone()].contains("sign it"))
        .expect("the full quote");
    assert!(
        sign.speaker
            .as_deref()
            .is_some_and(|s| s.contains("Pellegrini"))
    );
    assert!(!marks_of(&a).iter().any(|(_, c)| c == "doubt_marker"));
}

/// A naming family names a thing: words that one outlet writes where another writes a
/// different word in the same slot are a discovered family only as nouns. "The storm cut the
/// road" / "The cyclone closed the road" makes storm/cyclone a family, not cut/closed; nor
/// does "the levee failed" / "the levee collapsed" make one of failed/collapsed.
#[test]
fn error_class_verbs_are_no_discovered_naming_family() {
    let a = fixture_set("verbs_are_no_discovered_naming_family");
    let f = a.framing.as_ref().expect("framing");
    let family_with = |w: &str| {
        f.families
            .iter()
            .find(|fam| fam.detected && fam.terms.iter().any(|t| t == w))
    };
    for verb in ["cut", "closed", "failed", "collapsed"] {
        assert!(family_with(verb).is_none(), "{verb}: {:?}", f.families);
    }
    let event = family_with("storm").unwrap_or_else(|| panic!("{:?}", f.families));
    assert!(event.terms.contains(&"cyclone".to_string()), "{event:?}");
    // No mark of a verb as a naming choice in either outlet.
    for (i, art) in a.corpus.articles.iter().enumerate() {
        for m in &f.articles[i].marks {
            let w = &art.body[m.range.clone()];
            assert!(
                !(m.category.starts_with("naming.")
                    && ["cut", "closed", "failed", "collapsed"].contains(&w)),
                "{}: {w} marked {}",
                art.file,
                m.category
            );
        }
    }
}

/// Naming choices found in aligned pairs of a story no lexicon family covers (squatters /
/// residents, eviction / clearance), counted per source; plain rewording is no family; one
/// speaker across spellings and surname-only mentions.
#[test]
fn naming_choices_are_discovered_from_aligned_pairs() {
    let a = fixture_set("discovered_naming_choices");
    let f = a.framing.as_ref().expect("framing");
    let family_with = |w: &str| {
        f.families
            .iter()
            .find(|fam| fam.detected && fam.terms.iter().any(|t| t == w))
    };
    let people = family_with("squatters").unwrap_or_else(|| panic!("{:?}", f.families));
    assert!(
        people.terms.contains(&"residents".to_string()),
        "{people:?}"
    );
    let action = family_with("eviction").unwrap_or_else(|| panic!("{:?}", f.families));
    assert!(
        action.terms.contains(&"clearance".to_string()),
        "{action:?}"
    );
    assert!(family_with("started").is_none() && family_with("began").is_none());
    assert!(
        family_with("watched").is_none(),
        "one rewording is no naming choice"
    );
    // A short sentence worded two ways ("his plan" / "his offer") is one rewording too, not
    // the near-identical edited sentence that one slot is enough for.
    assert!(
        family_with("plan").is_none() && family_with("offer").is_none(),
        "{:?}",
        f.families
    );
    // A quote rendered two ways ("the spring floods" / "the spring storms") is the speaker's
    // wording as each outlet heard it, not the outlets' naming choice, however long and alike
    // the two sentences are.
    assert!(
        family_with("floods").is_none() && family_with("storms").is_none(),
        "{:?}",
        f.families
    );
    let uses = |file: &str, term: &str| -> usize {
        f.profiles[idx(&a, file)]
            .naming
            .iter()
            .find(|n| n.family == people.id)
            .and_then(|n| n.terms.iter().find(|t| t.term == term))
            .map_or(0, |t| t.own)
    };
    assert_eq!(uses("riverside_gazette", "squatters"), 2);
    assert_eq!(uses("metro_daily", "residents"), 2);
    assert_eq!(uses("valley_post", "residents"), 2);
    assert_eq!(uses("metro_daily", "squatters"), 0);
    // The choice is a contrast in the side-by-side view of the aligned pair.
    let cmp = parallax::compare::compare(
        &a,
        idx(&a, "riverside_gazette"),
        idx(&a, "metro_daily"),
        &DiffOptions::default(),
    );
    let json = parallax::cli::diff::json(&a, &cmp, &DiffOptions::default());
    assert!(
        json.to_string().contains("\"contrast\":\"residents\""),
        "{json}"
    );
    // One speaker: "Olena Tereshchenko", "Tereschenko" and "Ms Tereshchenko".
    let ids: Vec<(String, String)> = f
        .profiles
        .iter()
        .map(|p| {
            let s = p
                .speakers
                .first()
                .unwrap_or_else(|| panic!("{}: no speaker", p.source));
            (s.id.clone(), s.name.clone())
        })
        .collect();
    assert!(ids.iter().all(|x| *x == ids[0]), "{ids:?}");
    assert_eq!(ids[0].1, "Olena Tereshchenko");
}

/// `framing --json` offsets point at the marked words in the file's bytes as read, through a
/// byte-order mark, CRLF line ends and multi-byte letters and quotation marks.
#[test]
fn framing_json_offsets_point_into_the_raw_file_bytes() {
    let dir = crate::common::repo_root().join("tests/fixtures/framing/offsets_bom_crlf_accents");
    let json = crate::common::cli_json([
        std::ffi::OsStr::new("framing"),
        dir.as_os_str(),
        std::ffi::OsStr::new("--json"),
    ]);
    assert_eq!(json["folder"], dir.display().to_string());
    let marks = json["marks"].as_array().expect("marks");
    let mut seen = std::collections::BTreeSet::new();
    for m in marks {
        let file = m["file"].as_str().expect("file");
        let raw = std::fs::read(dir.join(file)).expect("fixture file");
        let (s, e) = (
            m["start"].as_u64().expect("start") as usize,
            m["end"].as_u64().expect("end") as usize,
        );
        let text = std::str::from_utf8(&raw[s..e]).expect("offsets on char boundaries");
        let term = m["term"].as_str().expect("term");
        if term == "scare quotes" {
            assert!(
                text.starts_with(['"', '\u{201C}']),
                "{file} {s}..{e}: {text:?}"
            );
        } else {
            let lower = text.to_lowercase();
            let stem: String = term.chars().take(4).collect();
            assert!(
                lower.starts_with(&stem.to_lowercase()),
                "{file} {s}..{e}: {text:?} for {term:?}"
            );
        }
        seen.insert((file.to_string(), text.to_string()));
    }
    for (file, word) in [
        ("bom_crlf.txt", "slammed"),
        ("bom_crlf.txt", "insisted"),
        ("bom_crlf.txt", "so-called"),
        ("plain_lf.txt", "shocking"),
    ] {
        assert!(
            seen.contains(&(file.to_string(), word.to_string())),
            "{file}: {word} not marked: {seen:?}"
        );
    }
}

/// Contrasts first: a hedge no other outlet words differently ("will apparently push", in a
/// passage only one outlet reports) is counted in the outlet's profile but not marked; the
/// seeds' "may" against "will clearly" in an aligned pair stays marked on both sides.
#[test]
fn hedges_are_marked_where_another_outlet_words_it_without_them() {
    let a = fixture_set("offsets_bom_crlf_accents");
    let f = a.framing.as_ref().expect("framing");
    let i = idx(&a, "bom_crlf");
    let body = &a.corpus.articles[i].body;
    assert!(
        f.articles[i]
            .marks
            .iter()
            .all(|m| &body[m.range.clone()] != "apparently"),
        "{:?}",
        f.articles[i].marks
    );
    let hedges = f.profiles[i]
        .categories
        .iter()
        .find(|c| c.id == "hedge")
        .expect("hedge counts");
    assert_eq!(hedges.own, 1, "still counted: {hedges:?}");
    let s = seeds();
    let sf = s.framing.as_ref().expect("framing");
    let cues: usize = sf
        .articles
        .iter()
        .flat_map(|af| &af.marks)
        .filter(|m| m.category == "hedge" || m.category == "booster")
        .count();
    assert!(cues > 0, "the seeds' certainty contrasts are marked");
}

/// The learned scorer marks strongly evaluative words that no lexicon lists, in the outlet
/// that uses them, and leaves the neutral retellings of the same story unmarked.
#[test]
fn scorer_marks_evaluative_words_outside_the_lexicon() {
    let a = fixture_set("evaluative_words_outside_the_lexicon");
    let f = a.framing.as_ref().expect("framing");
    let lex = Lexicon::builtin();
    for w in ["pathetic", "shameless"] {
        assert!(lex.find(w).is_empty(), "{w} is listed: the case is gone");
    }
    let loaded = |name: &str| -> Vec<(String, String)> {
        let i = idx(&a, name);
        let body = &a.corpus.articles[i].body;
        f.articles[i]
            .marks
            .iter()
            .filter(|m| framing::lexicon::group(&m.category) == "loaded")
            .map(|m| (body[m.range.clone()].to_lowercase(), m.category.clone()))
            .collect()
    };
    let s = loaded("sentinel");
    for w in ["pathetic", "shameless"] {
        assert!(
            s.contains(&(w.to_string(), framing::score::EVALUATIVE.to_string())),
            "{w}: {s:?}"
        );
    }
    // Neutral description of the same facts is no word choice.
    for w in ["bypass", "farmland", "councillors", "route", "noise"] {
        assert!(s.iter().all(|(t, _)| t != w), "{w} marked: {s:?}");
    }
    assert_eq!(loaded("gazette"), Vec::<(String, String)>::new());
    assert_eq!(loaded("chronicle"), Vec::<(String, String)>::new());
    // The mark explains itself to a reader.
    let (label, explanation) = f
        .describe(framing::score::EVALUATIVE)
        .expect("the scorer's category is described");
    assert!(label.contains("Evaluative"), "{label}");
    assert!(explanation.contains("judges"), "{explanation}");
    // A listed word the scorer finds neutral in context is dropped ("the scheme" in plain
    // British usage), while it stays where it is listed as part of a phrase.
    let g = idx(&a, "gazette");
    assert!(
        f.articles[g].marks.iter().all(|m| m.term != "scheme"),
        "{:?}",
        f.articles[g].marks
    );
}

/// Without the embedding model the scorer falls back to its weights fitted without it and
/// keeps every listed word-choice hit (the port-strike story's loaded words).
#[test]
fn without_the_model_the_listed_loaded_words_stay() {
    let dir = crate::common::repo_root().join("tests/fixtures/framing/port_strike_four_outlets");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("framing")
        .arg(&dir)
        .arg("--json")
        .env("PARALLAX_MODEL", "off")
        .output()
        .expect("run parallax");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let terms: Vec<&str> = json["marks"]
        .as_array()
        .expect("marks")
        .iter()
        .filter(|m| m["file"] == "herald.txt")
        .filter(|m| {
            m["category"]
                .as_str()
                .is_some_and(|c| c.starts_with("loaded"))
        })
        .filter_map(|m| m["term"].as_str())
        .collect();
    for w in ["militant", "crippling", "union boss", "inflation-busting"] {
        assert!(terms.contains(&w), "{w}: {terms:?}");
    }
}

/// A fourteenth story nobody had fitted anything on: a grid operator's rolling blackouts in a
/// heatwave, told by a wire, an energy-trade paper and a tabloid. The tabloid's words for
/// incompetence, a system past its best, an attacked boss and a pitiful speaker are marked;
/// the words after "whimpered that" are the chief executive's, not the outlet's scare quotes;
/// and the story's main event takes its label from the lede every outlet reports.
#[test]
fn heatwave_blackout_story_marks_the_tabloid_register_and_keeps_its_speakers_words() {
    let a = fixture_set("heatwave_blackout_three_outlets");
    let (tabloid, wire) = (idx(&a, "tabloid"), idx(&a, "wire"));
    assert_loaded(&a, tabloid, &["under-fire", "creaky", "had the nerve to"]);
    for verb in ["whimpered", "branded", "moaning", "fumed"] {
        assert!(
            categories_marked(&a, tabloid, verb).contains(&"attribution.manner".to_string()),
            "{verb}: {:?}",
            categories_marked(&a, tabloid, verb)
        );
    }
    let sorry = quote_holding(&a, tabloid, "deeply sorry").expect("quote");
    assert!(
        !sorry.scare,
        "the words after 'whimpered that' are Dostan's"
    );
    assert!(
        !categories_marked(&a, tabloid, "\"deeply sorry\"").contains(&"doubt_marker".to_string())
    );
    let lede = event_holding(&a, wire, "cut power to about 1.41 million customers");
    assert!(a.alignment.events[lede].sources.len() == 3);
    let label = &a.alignment.events[lede].label;
    assert!(
        !label.starts_with("POWERLESS") && !label.contains("fat cats"),
        "the main event's label is the tabloid's shout: {label}"
    );
}

/// A fifteenth story nobody had fitted anything on: a regulator's recall of a children's fever
/// syrup, told by a wire, the town's local paper and a hostile national outlet. The recall is
/// one claim however it is worded ("recalled 14 batches", "pulled Feverease Junior"); the
/// agency chief's two statements stay two events; the hostile outlet's words for a small sum,
/// careless work, mass production and a regulator that missed the problem are marked; and the
/// wire's chemistry ("paracetamol", "glycerine") is no evaluative word choice.
#[test]
fn fever_syrup_recall_marks_the_hostile_register_and_leaves_the_chemistry_alone() {
    let a = fixture_set("fever_syrup_recall_three_outlets");
    let (wire, local, hostile) = (idx(&a, "wire"), idx(&a, "local"), idx(&a, "opinionated"));
    let recall = event_holding(&a, wire, "it had recalled 14 batches");
    assert_eq!(
        recall,
        event_holding(&a, hostile, "finally pulled Feverease Junior")
    );
    assert_eq!(
        recall,
        event_holding(&a, local, "withdrawn from sale because of contamination")
    );
    assert_ne!(
        event_holding(&a, wire, "ordered an independent review"),
        event_holding(
            &a,
            wire,
            "anyone found responsible would be held to account"
        )
    );
    // The minister's second statement is labelled from the wire's plain "Calloway said", not
    // the hostile outlet's "Calloway also vowed".
    let account = &a.alignment.events[event_holding(&a, wire, "held to account")];
    assert!(account.label.starts_with("Calloway: "), "{}", account.label);
    assert_loaded(
        &a,
        hostile,
        &[
            "paltry",
            "sloppy",
            "churned out",
            "caught napping",
            "pharma giant",
        ],
    );
    assert!(categories_marked(&a, hostile, "boasted").contains(&"attribution.manner".to_string()));
    for word in ["paracetamol", "glycerine", "pharmacies", "drowsiness"] {
        assert!(
            categories_marked(&a, wire, word).is_empty(),
            "{word}: {:?}",
            categories_marked(&a, wire, word)
        );
    }
}

/// A sixteenth story nobody fitted anything on (an airline's computer failure grounds its
/// fleet, told by a wire, a business paper and a hostile tabloid): the tabloid's idioms of blame
/// and escape are loaded words, while the passenger-rights term "extraordinary circumstances"
/// that the wire and the tabloid both print is no praise.
#[test]
fn airline_outage_marks_the_tabloids_blame_idioms_and_not_the_legal_term() {
    let a = fixture_set("airline_outage_three_outlets");
    let (wire, business, tabloid) = (idx(&a, "wire"), idx(&a, "business"), idx(&a, "tabloid"));
    assert_eq!(
        event_holding(&a, wire, "cancelled about 1,250 flights"),
        event_holding(&a, business, "forced the carrier to scrap")
    );
    assert_loaded(
        &a,
        tabloid,
        &[
            "pass the buck",
            "point the finger",
            "wriggle out",
            "off the hook",
            "penny-pinching",
            "stampeded for the exits",
            "in the lurch",
        ],
    );
    assert!(
        categories_marked(&a, tabloid, "admitted").contains(&"attribution.conceding".to_string())
    );
    // What the breakdown and the people stranded are called, counted per source.
    let uses = |i: usize, family: &str, term: &str| own_uses(&a, i, family, term);
    assert_eq!(uses(wire, "system_failure", "IT failure"), 1);
    assert_eq!(uses(business, "system_failure", "systems failure"), 1);
    assert_eq!(uses(tabloid, "system_failure", "IT failure"), 0);
    assert_eq!(uses(tabloid, "travellers", "holidaymaker"), 1);
    assert_eq!(uses(wire, "travellers", "holidaymaker"), 0);
    for i in [wire, business, tabloid] {
        assert!(
            categories_marked(&a, i, "extraordinary").is_empty(),
            "{:?}",
            categories_marked(&a, i, "extraordinary")
        );
    }
}
