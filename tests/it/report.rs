//! The shareable report: the HTML of the seeds holds every source, every event label and the
//! word differences; article text cannot inject markup; JSON and Markdown carry the same
//! content; `parallax report` writes the file (and only the file) with the documented exit codes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use parallax::align::AlignOptions;
use parallax::model::{Analysis, analyze};
use parallax::progress::Progress;
use parallax::report::{self, PairSelection, ReportOptions};
use scraper::{ElementRef, Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("bad selector {s}: {e:?}"))
}

fn text_of(e: ElementRef<'_>) -> String {
    e.text().collect::<String>()
}

fn seeds_analysis() -> Analysis {
    analyze(
        parallax::corpus::seeds(),
        &AlignOptions::default(),
        &Progress::new(),
    )
    .expect("not cancelled")
}

fn build(analysis: &Analysis, pairs: PairSelection) -> report::Report {
    report::build(
        analysis,
        &ReportOptions {
            pairs,
            ..Default::default()
        },
        &Progress::new(),
    )
    .expect("not cancelled")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn seeds_html_lists_every_source_event_and_diff_mark() {
    let analysis = seeds_analysis();
    let r = build(&analysis, PairSelection::All);
    let html = report::html(&r);
    let doc = Html::parse_document(&html);

    // Every source, with its title and file, in the sources table.
    let rows: Vec<String> = doc.select(&sel("#sources tbody tr")).map(text_of).collect();
    assert_eq!(rows.len(), analysis.corpus.articles.len());
    for (a, row) in analysis.corpus.articles.iter().zip(&rows) {
        assert!(row.contains(&a.source), "{} missing in {row}", a.source);
        assert!(row.contains(&a.file), "{} missing in {row}", a.file);
        assert!(
            collapse(row).contains(&collapse(&a.title)),
            "title {} missing",
            a.title
        );
    }

    // Every event label, once per event, in the story map; a row's filled cells are exactly
    // the event's sources.
    let map_rows: Vec<ElementRef<'_>> = doc.select(&sel("#story-map tbody tr")).collect();
    assert_eq!(map_rows.len(), analysis.alignment.events.len());
    let labels: Vec<String> = doc
        .select(&sel("#story-map tbody th.event"))
        .map(text_of)
        .collect();
    for ev in &analysis.alignment.events {
        let i = labels
            .iter()
            .position(|l| l.contains(&ev.label))
            .unwrap_or_else(|| panic!("event {:?} not in the story map", ev.label));
        let filled: Vec<usize> = map_rows[i]
            .select(&sel("td.cell"))
            .enumerate()
            .filter(|(_, td)| td.value().classes().any(|c| c == "on"))
            .map(|(k, _)| k)
            .collect();
        let mut want = ev.members.iter().map(|m| m.article).collect::<Vec<_>>();
        want.dedup();
        assert_eq!(filled, want, "cells of {:?}", ev.label);
    }

    // A story-map cell links to a side-by-side row holding one of its passages next to a
    // passage of the same event from another source.
    let mut links = 0;
    for a in doc.select(&sel("#story-map td.cell a")) {
        let href = a.value().attr("href").expect("href");
        let id = href.strip_prefix('#').expect("in-page link");
        assert!(
            doc.select(&sel(&format!("tr[id='{id}']"))).next().is_some(),
            "link {href} goes nowhere"
        );
        links += 1;
    }
    for (er, ev) in r
        .story_map
        .rows
        .iter()
        .map(|er| (er, &analysis.alignment.events[er.event]))
    {
        for (src, cell) in er.cells.iter().enumerate() {
            let Some(at) = cell.row else { continue };
            let cmp = r
                .comparisons
                .iter()
                .find(|c| c.left == at.left && c.right == at.right)
                .expect("linked pair");
            let row = &cmp.rows[at.row];
            let (mine, other, other_src) = if at.left == src {
                (&row.left_passages, &row.right_passages, at.right)
            } else {
                (&row.right_passages, &row.left_passages, at.left)
            };
            assert!(
                mine.iter().any(|p| cell.passages.contains(p)),
                "{}",
                er.label
            );
            assert!(
                other.iter().any(|p| ev
                    .members
                    .iter()
                    .any(|m| m.article == other_src && m.passage == *p)),
                "{}",
                er.label
            );
        }
    }
    if analysis
        .alignment
        .events
        .iter()
        .any(|e| e.sources.len() > 1)
    {
        assert!(links > 0, "no story-map cell links to the side by side");
    }

    // One side-by-side section per pair, headed by both source names.
    let n = analysis.corpus.articles.len();
    let pairs: Vec<ElementRef<'_>> = doc.select(&sel("section.pair")).collect();
    assert_eq!(pairs.len(), n * (n - 1) / 2);
    for p in &pairs {
        let h = text_of(p.select(&sel("h3")).next().expect("pair heading"));
        assert_eq!(
            analysis
                .corpus
                .articles
                .iter()
                .filter(|a| h.contains(&a.source))
                .count(),
            2,
            "{h}"
        );
    }

    // Word differences: removed words in left cells, added words in right cells, with text.
    let removed: Vec<String> = doc
        .select(&sel("table.sbs td.l del.removed"))
        .map(text_of)
        .filter(|t| !t.trim().is_empty())
        .collect();
    let added: Vec<String> = doc
        .select(&sel("table.sbs td.r ins.added"))
        .map(text_of)
        .filter(|t| !t.trim().is_empty())
        .collect();
    let changed_pairs = analysis
        .alignment
        .links
        .iter()
        .any(|l| analysis.passage_text(l.a) != analysis.passage_text(l.b));
    if changed_pairs {
        assert!(!removed.is_empty(), "no removed words marked");
        assert!(!added.is_empty(), "no added words marked");
    }
    assert!(
        doc.select(&sel("table.sbs td.r del, table.sbs td.l ins"))
            .next()
            .is_none()
    );

    // One-sided passages are hatched and say which source lacks them, or, when linked to a
    // passage that source shows in another row, link to that row.
    for td in doc.select(&sel("table.sbs td.missing")) {
        let t = text_of(td);
        let to_row = td
            .select(&sel("a"))
            .next()
            .and_then(|a| a.value().attr("href"))
            .is_some_and(|h| {
                h.starts_with("#pair-") && t.starts_with("in ") && t.contains(": row ")
            });
        assert!(t.starts_with("not in ") || to_row, "{t}");
    }
}

#[test]
fn framing_tables_have_a_column_per_source_and_marks_explain_themselves() {
    let analysis = seeds_analysis();
    let framing = analysis.framing.as_ref().expect("framing computed");
    let r = build(&analysis, PairSelection::Pairs(vec![(1, 4)]));
    let doc = Html::parse_document(&report::html(&r));
    let n = analysis.corpus.articles.len();

    let tables: Vec<ElementRef<'_>> = doc.select(&sel("#framing table.grid")).collect();
    assert!(!tables.is_empty(), "no framing tables");
    for t in &tables {
        let heads: Vec<String> = t.select(&sel("thead th.src")).map(text_of).collect();
        let want: Vec<&str> = analysis
            .corpus
            .articles
            .iter()
            .map(|a| a.source.as_str())
            .collect();
        assert_eq!(heads, want);
        for row in t.select(&sel("tbody tr")) {
            assert_eq!(row.select(&sel("td")).count(), n);
        }
    }
    // The profile lists every lexicon category, with own and quoted words per source.
    let profile = text_of(tables[0]);
    for c in &framing.categories {
        assert!(profile.contains(&c.label), "{} not in the profile", c.label);
    }
    let own: Vec<String> = tables[0]
        .select(&sel("tbody tr"))
        .next()
        .expect("own words row")
        .select(&sel("td"))
        .map(|td| text_of(td).trim().to_string())
        .collect();
    let want: Vec<String> = framing
        .profiles
        .iter()
        .map(|p| p.own_words.to_string())
        .collect();
    assert_eq!(own, want);

    // Every quoted speaker of the profiles is a row of "Who is quoted".
    let html_text = text_of(
        doc.select(&sel("#framing"))
            .next()
            .expect("framing section"),
    );
    for p in &framing.profiles {
        for s in &p.speakers {
            assert!(html_text.contains(&s.name), "speaker {} missing", s.name);
        }
    }

    // Framing marks in the side by side carry a category colour and a tooltip naming the
    // category; every legend category has an explanation.
    let marks: Vec<ElementRef<'_>> = doc.select(&sel("table.sbs span.mark")).collect();
    let has_marks = framing.articles.iter().any(|a| !a.marks.is_empty());
    assert_eq!(!marks.is_empty(), has_marks);
    for m in &marks {
        assert!(m.value().classes().any(|c| c.starts_with("cat-")));
        let tip = m.value().attr("title").unwrap_or("");
        assert!(
            r.legend
                .categories
                .iter()
                .chain(&r.legend.families)
                .any(|c| tip.starts_with(&c.label)),
            "tooltip {tip:?} names no category"
        );
    }
    for c in &r.legend.categories {
        assert!(!c.explanation.is_empty(), "{} has no explanation", c.id);
    }
}

#[test]
fn chosen_pair_gives_one_section_with_left_and_right_in_order() {
    let analysis = seeds_analysis();
    let r = build(&analysis, PairSelection::Pairs(vec![(3, 1)]));
    assert_eq!(r.comparisons.len(), 1);
    let doc = Html::parse_document(&report::html(&r));
    let heads: Vec<String> = doc
        .select(&sel("section.pair table.sbs thead th"))
        .map(text_of)
        .collect();
    let arts = &analysis.corpus.articles;
    assert!(heads[0].contains(&arts[3].source), "{heads:?}");
    assert!(heads[2].contains(&arts[1].source), "{heads:?}");
    // Every passage of both articles appears exactly once on its side.
    let left: String = doc
        .select(&sel("table.sbs td.l"))
        .map(text_of)
        .collect::<Vec<_>>()
        .join(" ");
    for p in 0..analysis.alignment.passages[3].len() {
        let t = analysis.passage_text(parallax::align::PassageRef {
            article: 3,
            passage: p,
        });
        assert!(collapse(&left).contains(&collapse(t)), "missing left {t}");
    }
}

fn write_folder(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write fixture");
    }
}

const HOSTILE: &str = "Officials said <script>alert(1)</script> was found in the statement on Monday.\n\
The minister said the talks would resume on Friday in Geneva with both delegations.\n\
A \"quoted\" & <b>bold</b> claim ended the briefing.\n";
const PLAIN: &str = "Officials said a script was found in the statement on Monday.\n\
The minister said the talks would resume on Friday in Geneva with both delegations present.\n\
Nothing else was announced.\n";

fn dir_listing(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect()
}

#[test]
fn article_markup_is_shown_as_text_and_never_injected() {
    let tmp = tempfile::tempdir().expect("tempdir");
    write_folder(
        tmp.path(),
        &[("hostile.txt", HOSTILE), ("plain.txt", PLAIN)],
    );
    let corpus = parallax::corpus::load_dir(tmp.path(), &Progress::new()).expect("load");
    let analysis = analyze(corpus, &AlignOptions::default(), &Progress::new()).expect("analyze");
    let r = build(&analysis, PairSelection::All);
    let html = report::html(&r);
    let doc = Html::parse_document(&html);

    assert!(
        doc.select(&sel("script")).next().is_none(),
        "a script element"
    );
    assert!(
        !doc.select(&sel("b")).any(|b| text_of(b) == "bold"),
        "the article's <b> became an element"
    );
    assert!(!html.to_lowercase().contains("<script"));
    let body = text_of(doc.select(&sel("body")).next().expect("body"));
    assert!(
        body.contains("<script>alert(1)</script>"),
        "the markup is not shown as text"
    );
    assert!(body.contains("<b>bold</b>"));

    // Self-contained: nothing to fetch.
    assert!(
        doc.select(&sel(
            "script, link, img, iframe, object, embed, video, audio, source"
        ))
        .next()
        .is_none()
    );
    assert!(!html.contains("url("), "a CSS url()");
    assert!(!html.contains("src="));
    assert!(!html.contains("@import"));

    // Markdown escapes it too.
    let md = report::markdown(&r);
    assert!(!md.contains("<script"), "markdown injects markup");
    assert!(md.contains("&lt;script&gt;"));
}

#[test]
fn json_lists_the_same_sources_and_events() {
    let analysis = seeds_analysis();
    let r = build(&analysis, PairSelection::Pairs(vec![(0, 1)]));
    let v: serde_json::Value = serde_json::from_str(&report::json(&r)).expect("valid JSON");
    let sources: Vec<&str> = v["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .filter_map(|s| s["source"].as_str())
        .collect();
    let want: Vec<&str> = analysis
        .corpus
        .articles
        .iter()
        .map(|a| a.source.as_str())
        .collect();
    assert_eq!(sources, want);
    let labels: BTreeSet<&str> = v["story_map"]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|e| e["label"].as_str())
        .collect();
    let want: BTreeSet<&str> = analysis
        .alignment
        .events
        .iter()
        .map(|e| e.label.as_str())
        .collect();
    assert_eq!(labels, want);
    assert_eq!(v["comparisons"].as_array().map(Vec::len), Some(1));
    // The segments of each side rebuild the passage text.
    for row in v["comparisons"][0]["rows"].as_array().expect("rows") {
        let left: String = row["left"]
            .as_array()
            .expect("left")
            .iter()
            .filter_map(|s| s["text"].as_str())
            .collect();
        let want: Vec<&str> = row["left_passages"]
            .as_array()
            .expect("passages")
            .iter()
            .filter_map(|p| p.as_u64())
            .map(|p| {
                analysis.passage_text(parallax::align::PassageRef {
                    article: 0,
                    passage: p as usize,
                })
            })
            .collect();
        assert_eq!(left, want.join(" "));
    }
    // Deterministic.
    assert_eq!(
        report::json(&r),
        report::json(&build(&analysis, PairSelection::Pairs(vec![(0, 1)])))
    );
}

#[test]
fn markdown_has_every_section() {
    let analysis = seeds_analysis();
    let md = report::markdown(&build(&analysis, PairSelection::Pairs(vec![(0, 4)])));
    for h in [
        "## Sources",
        "## Legend",
        "## Story map",
        "## Reported by one source",
        "## Side by side",
    ] {
        assert!(md.contains(h), "{h} missing");
    }
    for a in &analysis.corpus.articles {
        assert!(md.contains(&report::md_esc(&a.source)));
    }
}

#[test]
fn building_can_be_cancelled() {
    let analysis = seeds_analysis();
    let p = Progress::new();
    p.cancel();
    assert!(report::build(&analysis, &ReportOptions::default(), &p).is_err());
}

#[test]
fn write_atomic_replaces_whole_file_and_leaves_no_temp() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("r.html");
    std::fs::write(&out, "old content that is longer than the new one").expect("seed file");
    report::write_atomic(&out, b"new").expect("write");
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "new");
    assert_eq!(
        dir_listing(tmp.path()),
        BTreeSet::from(["r.html".to_string()])
    );

    let bad = tmp.path().join("no such folder").join("r.html");
    let err = report::write_atomic(&bad, b"x")
        .expect_err("must fail")
        .to_string();
    assert!(err.contains(&bad.display().to_string()), "{err}");
    let err = report::write_atomic(tmp.path(), b"x")
        .expect_err("a folder")
        .to_string();
    assert!(err.contains(&tmp.path().display().to_string()), "{err}");
}

fn parallax() -> Command {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
}

fn seeds_folder(dir: &Path) -> PathBuf {
    let arts = dir.join("articles");
    std::fs::create_dir(&arts).expect("mkdir");
    for (name, text) in parallax::corpus::SEEDS {
        std::fs::write(arts.join(name), text).expect("copy seed");
    }
    arts
}

#[test]
fn cli_writes_the_report_and_nothing_into_the_article_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let arts = seeds_folder(tmp.path());
    let before = dir_listing(&arts);
    let out = tmp.path().join("out").join("report.html");
    std::fs::create_dir(tmp.path().join("out")).expect("mkdir");

    let o = parallax()
        .arg("report")
        .arg(&arts)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run parallax");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(o.status.code(), Some(0));
    let html = std::fs::read_to_string(&out).expect("report written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    let doc = Html::parse_document(&html);
    assert_eq!(doc.select(&sel("section.pair")).count(), 10);
    assert_eq!(
        dir_listing(&arts),
        before,
        "files written into the article folder"
    );
    assert_eq!(
        dir_listing(&tmp.path().join("out")),
        BTreeSet::from(["report.html".to_string()])
    );

    // JSON from the extension, one chosen pair.
    let out_json = tmp.path().join("out").join("report.json");
    let o = parallax()
        .args(["report"])
        .arg(&arts)
        .arg("-o")
        .arg(&out_json)
        .args(["--left", "0", "--right", "2"])
        .output()
        .expect("run parallax");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_json).expect("json written"))
            .expect("valid JSON");
    assert_eq!(v["comparisons"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["comparisons"][0]["left"], 0);
    assert_eq!(v["comparisons"][0]["right"], 2);

    // Writing into the article folder is allowed when asked for, and the report is then
    // the only new file.
    let inside = arts.join("report.md");
    let o = parallax()
        .arg("report")
        .arg(&arts)
        .arg("-o")
        .arg(&inside)
        .output()
        .expect("run parallax");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut want = before.clone();
    want.insert("report.md".into());
    assert_eq!(dir_listing(&arts), want);
    // The first line marks the file as Parallax's own report (the loader skips it), then the
    // heading.
    let md = std::fs::read_to_string(&inside).expect("md");
    let mut lines = md.lines();
    assert_eq!(lines.next(), Some(report::MARKDOWN_MARKER));
    assert!(lines.next().is_some_and(|l| l.starts_with("# ")), "{md}");
}

#[test]
fn cli_errors_exit_1_with_a_message_and_write_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let missing = tmp.path().join("no-such-folder");
    let out = tmp.path().join("report.html");
    let o = parallax()
        .arg("report")
        .arg(&missing)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run parallax");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no-such-folder"), "{err}");
    assert!(!out.exists());

    // Unknown source.
    let o = parallax()
        .args(["report", "--left", "nobody-by-this-name", "-o"])
        .arg(&out)
        .output()
        .expect("run parallax");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nobody-by-this-name"));
    assert!(!out.exists());

    // Output folder missing: the message names the path.
    let deep = tmp.path().join("missing-dir").join("r.html");
    let o = parallax()
        .args(["report", "-o"])
        .arg(&deep)
        .output()
        .expect("run parallax");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains(&deep.display().to_string()));

    // Never overwrites an article being reported on.
    let arts = seeds_folder(tmp.path());
    let victim = arts.join(parallax::corpus::SEEDS[0].0);
    let before = std::fs::read(&victim).expect("read");
    let o = parallax()
        .arg("report")
        .arg(&arts)
        .arg("-o")
        .arg(&victim)
        .args(["--format", "html"])
        .output()
        .expect("run parallax");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(&victim).expect("read"), before);

    // Bad usage is exit 2.
    let o = parallax().args(["report"]).output().expect("run parallax");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn cli_uses_the_lexicon_given_and_names_a_bad_one() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let lex = tmp.path().join("mine.toml");
    std::fs::write(
        &lex,
        "[[category]]\nid = \"spin\"\nlabel = \"Spin words\"\n\
         explanation = \"Words our desk flags as spin.\"\nterms = [\"enthusiastically\", \"dangled\"]\n",
    )
    .expect("write lexicon");
    let out = tmp.path().join("r.json");
    let o = parallax()
        .args(["report", "--left", "0", "--right", "4", "--lexicon"])
        .arg(&lex)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run parallax");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("json")).expect("valid JSON");
    let ids: Vec<&str> = v["legend"]["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(ids.first(), Some(&"spin"), "{ids:?}");
    assert!(
        !ids.contains(&"attribution.doubt"),
        "built-in lexicon used: {ids:?}"
    );
    // 000 "dangled", 004 "enthusiastically": the rows show them as spin marks.
    let marked: Vec<&str> = v["comparisons"][0]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .flat_map(|r| {
            r["left"]
                .as_array()
                .into_iter()
                .flatten()
                .chain(r["right"].as_array().into_iter().flatten())
        })
        .filter(|s| s["mark"]["category"] == "spin")
        .filter_map(|s| s["text"].as_str())
        .collect();
    assert!(
        marked.iter().any(|t| t.eq_ignore_ascii_case("dangled"))
            && marked
                .iter()
                .any(|t| t.eq_ignore_ascii_case("enthusiastically")),
        "{marked:?}"
    );

    let missing = tmp.path().join("nope.toml");
    let o = parallax()
        .args(["report", "--lexicon"])
        .arg(&missing)
        .arg("-o")
        .arg(tmp.path().join("x.html"))
        .output()
        .expect("run parallax");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nope.toml"));
    assert!(!tmp.path().join("x.html").exists());
}

#[test]
fn many_sources_get_numbered_columns_with_full_names_in_tooltips() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for i in 0..12 {
        std::fs::write(
            tmp.path().join(format!("outlet{i:02}.txt")),
            format!(
                "Storm hits the coast\n\nThe storm hit the coast on Monday, officials said.\n\
                 Outlet {i} alone reports that {i} ferries were cancelled.\n"
            ),
        )
        .expect("write");
    }
    let corpus = parallax::corpus::load_dir(tmp.path(), &Progress::new()).expect("load");
    let analysis = analyze(corpus, &AlignOptions::default(), &Progress::new()).expect("analyze");
    let r = build(&analysis, PairSelection::None);
    let doc = Html::parse_document(&report::html(&r));
    let heads: Vec<ElementRef<'_>> = doc.select(&sel("#story-map thead th.src")).collect();
    assert_eq!(heads.len(), 12);
    for (i, (th, a)) in heads.iter().zip(&analysis.corpus.articles).enumerate() {
        assert_eq!(text_of(*th), format!("#{}", i + 1));
        assert!(th.value().attr("title").unwrap_or("").contains(&a.source));
    }
    // The numbers are the ones of the sources table.
    let first_row: Vec<String> = doc
        .select(&sel("#sources tbody tr td"))
        .take(2)
        .map(text_of)
        .collect();
    assert_eq!(first_row[0], "1");
    assert_eq!(first_row[1], analysis.corpus.articles[0].source);
    assert!(doc.select(&sel("section.pair")).next().is_none());
}

/// The story map a reader sees in the viewer and the one in the report are the same rows: the
/// same events in the same order, with the same passages and word counts per source (one
/// builder, `parallax::story_map::rows`, under both).
#[test]
fn the_report_and_the_viewer_show_the_same_story_map() {
    let a = seeds_analysis();
    let rep = build(&a, PairSelection::All);
    let app_rows = parallax::app::story_map::build_rows(&a, &parallax::progress::Progress::new())
        .expect("never cancelled");
    let app_events: Vec<_> = app_rows
        .iter()
        .filter(|r| matches!(r.kind, parallax::story_map::RowKind::Event(_)))
        .collect();
    assert!(!app_events.is_empty(), "the seeds have events");
    assert_eq!(app_events.len(), rep.story_map.rows.len());
    for (app, rep) in app_events.iter().zip(&rep.story_map.rows) {
        assert_eq!(app.kind, parallax::story_map::RowKind::Event(rep.event));
        assert_eq!(app.label, rep.label);
        assert_eq!(app.sources, rep.source_count);
        let app_cells: Vec<(&[usize], usize)> = app
            .cells
            .iter()
            .map(|c| (c.passages.as_slice(), c.words))
            .collect();
        let rep_cells: Vec<(&[usize], usize)> = rep
            .cells
            .iter()
            .map(|c| (c.passages.as_slice(), c.words))
            .collect();
        assert_eq!(app_cells, rep_cells, "{}", rep.label);
    }
    // Every one-source passage of the report is a one-source row of the viewer.
    let app_one: BTreeSet<(usize, usize)> = app_rows
        .iter()
        .filter_map(|r| match r.kind {
            parallax::story_map::RowKind::OneSource(p) => Some((p.article, p.passage)),
            _ => None,
        })
        .collect();
    let rep_one: BTreeSet<(usize, usize)> = rep
        .one_source
        .iter()
        .flat_map(|o| o.passages.iter().map(move |p| (o.source, p.passage)))
        .collect();
    assert_eq!(app_one, rep_one);
}

/// A passage linked to a counterpart that another row shows (the other outlet's lead matches
/// both a headline summary and the lead, which are not adjacent) is never called "not in" the
/// other source: the comparison says where its claim is, the counts leave it out of "only in",
/// and the HTML and Markdown reports point at the row.
#[test]
fn a_second_counterpart_shown_in_another_row_is_not_reported_as_missing() {
    let dir =
        crate::common::repo_root().join("tests/fixtures/corpus/cms_furniture_inside_the_article");
    let corpus = parallax::corpus::load_dir(&dir, &Progress::new()).expect("fixture");
    let analysis = analyze(corpus, &AlignOptions::default(), &Progress::new()).expect("analysis");
    let arts = &analysis.corpus.articles;
    let l = arts
        .iter()
        .position(|a| a.file == "valley-voice.html")
        .expect("valley");
    let r = arts
        .iter()
        .position(|a| a.file == "wktv-news.html")
        .expect("wktv");
    let cmp = parallax::compare::compare(&analysis, l, r, &Default::default());
    let (i, row) = cmp
        .rows
        .iter()
        .enumerate()
        .find(|(_, row)| row.right_text.contains("Hackers crippled"))
        .expect("the broadcaster's lead");
    assert!(row.left_text.is_empty(), "shown on its own: {row:?}");
    // Linked to the local paper's headline and its lead, each shown in its own row.
    assert!(!row.linked.is_empty() && row.linked.iter().all(|x| x.row != i));
    assert!(
        row.linked
            .iter()
            .any(|x| cmp.rows[x.row].left_text.contains("turned away ambulances")),
        "{:?}",
        row.linked
    );
    let lead = row.linked[0];
    assert!(!row.is_unmatched());
    assert_eq!(
        row.missing_note("The Valley Voice"),
        format!("in The Valley Voice: row {}", lead.row + 1)
    );
    // A passage with no counterpart at all is still "not in".
    let alone = cmp
        .rows
        .iter()
        .find(|row| row.right_text.contains("They kept apologizing"))
        .expect("a quote only the broadcaster has");
    assert!(alone.is_unmatched());
    assert_eq!(
        alone.missing_note("The Valley Voice"),
        "not in The Valley Voice"
    );

    let rep = build(&analysis, PairSelection::Pairs(vec![(l, r)]));
    let section = &rep.comparisons[0];
    let right_only = cmp
        .rows
        .iter()
        .filter(|row| row.pair.left.is_empty() && row.is_unmatched())
        .count();
    assert_eq!(section.stats.right_only, right_only);
    let html = report::html(&rep);
    assert!(
        html.contains(&format!(
            "in The Valley Voice: <a href=\"#pair-{l}-{r}-row-{}\">row {}</a>",
            lead.row + 1,
            lead.row + 1
        )),
        "the HTML links the row"
    );
    let doc = Html::parse_document(&html);
    let target = format!("tr#pair-{l}-{r}-row-{}", lead.row + 1);
    let target_row: Vec<String> = doc.select(&sel(&target)).map(text_of).collect();
    let opening: String = cmp.rows[lead.row]
        .left_text
        .split(' ')
        .take(4)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        target_row.iter().any(|t| t.contains(&opening)),
        "{target_row:?}"
    );
    let md = report::markdown(&rep);
    assert!(
        md.contains("*in The Valley Voice, paired in another row: \u{201c}St. Brendan"),
        "{md}"
    );
}
