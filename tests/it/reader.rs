//! One reader model for every front end: the viewer, `parallax diff` and the report show the
//! same figure and the same kind for the same row of the same pair (issue 12).

use egui::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use parallax::app::StartupOptions;
use parallax::compare::Match;
use parallax::corpus;
use parallax::model::analyze;
use parallax::progress::Progress;
use parallax::report::{self, PairSelection, ReportOptions};
use scraper::{Html, Selector};

use crate::common::harness;

/// What one front end says about row `n` (1-based) of the pair: its match figure, if any.
type Figures = Vec<(usize, Option<String>)>;

/// The rows the viewer draws (it virtualises: only the rows in view), from their accessible
/// labels "Row N · match X%: left ‖ right" (no figure for a passage one side lacks).
fn app_rows(left: &str, right: &str) -> Figures {
    let h = harness(StartupOptions {
        left: Some(left.to_string()),
        right: Some(right.to_string()),
        ..Default::default()
    });
    h.query_all_by_role(Role::Row)
        .filter_map(|n| n.accesskit_node().label())
        .filter_map(|l| {
            let rest = l.strip_prefix("Row ")?;
            let (head, _) = rest.split_once(':')?;
            let (num, figure) = match head.split_once(" · match ") {
                Some((num, m)) => (num, Some(m.to_string())),
                None => (head, None),
            };
            Some((num.parse().ok()?, figure))
        })
        .collect()
}

/// The row headers of `parallax diff`: "── left 1 ↔ right 2 · match 73%" or "── left 4 only".
fn cli_rows(left: &str, right: &str) -> Figures {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["diff", "--left", left, "--right", right, "--color", "never"])
        .output()
        .expect("run parallax diff");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("\u{2500}\u{2500} "))
        .enumerate()
        .map(|(i, l)| {
            let figure = l
                .split_once(" \u{00B7} match ")
                .map(|(_, m)| m.split(' ').next().unwrap_or_default().to_string());
            (i + 1, figure)
        })
        .collect()
}

#[test]
fn app_cli_and_report_show_the_same_match_for_the_same_row() {
    let seeds = corpus::seeds();
    // 001 and 004: the seed pair with the most claims in common (seven links), so the rows
    // compared hold several paired ones.
    let (l, r) = (1, 4);
    let (left, right) = (
        seeds.articles[l].file.clone(),
        seeds.articles[r].file.clone(),
    );
    let analysis = analyze(seeds, &Default::default(), &Progress::new()).expect("not cancelled");

    // The report (data, Markdown and HTML) of the same pair with the same defaults.
    let rep = report::build(
        &analysis,
        &ReportOptions {
            pairs: PairSelection::Pairs(vec![(l, r)]),
            ..Default::default()
        },
        &Progress::new(),
    )
    .expect("not cancelled");
    let section = &rep.comparisons[0];
    let data: Figures = section
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| (i + 1, row.match_figure().map(|m| m.to_string())))
        .collect();
    let md = report::markdown(&rep);
    let header = format!("| {} |", Match::LABEL);
    let md_rows: Figures = md
        .lines()
        .skip_while(|line| !line.contains(&header))
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .enumerate()
        .map(|(i, line)| {
            let mid = line.split(" | ").nth(1).unwrap_or_default();
            let mid = mid.trim_end_matches(" (moved)").trim();
            (i + 1, (!mid.is_empty()).then(|| mid.to_string()))
        })
        .collect();
    let doc = Html::parse_document(&report::html(&rep));
    let gut = Selector::parse("table.sbs tbody tr td.gut").expect("selector");
    let html_rows: Figures = doc
        .select(&gut)
        .enumerate()
        .map(|(i, td)| {
            // The figure, then an optional "moved" badge.
            let text: String = td.text().next().unwrap_or_default().trim().to_string();
            let figure = (!text.is_empty() && text != "moved").then_some(text);
            (i + 1, figure)
        })
        .collect();
    let cli = cli_rows(&left, &right);

    assert!(
        data.iter().filter(|(_, m)| m.is_some()).count() >= 3,
        "the pair has paired rows to compare: {data:?}"
    );
    assert_eq!(cli, data, "parallax diff and the report data disagree");
    assert_eq!(md_rows, data, "the Markdown report and its data disagree");
    assert_eq!(html_rows, data, "the HTML report and its data disagree");

    // The viewer: every row it draws says what the report says for that row.
    let app = app_rows(&left, &right);
    assert!(
        app.iter().filter(|(_, m)| m.is_some()).count() >= 2,
        "the viewer shows paired rows: {app:?}"
    );
    for (n, figure) in &app {
        let expected = data.get(n - 1).map(|(_, m)| m.clone());
        assert_eq!(
            Some(figure.clone()),
            expected,
            "row {n}: the viewer shows {figure:?}, the report {expected:?}"
        );
    }
    // The figure is the aligner's match probability: the same one the minimum match filters.
    let threshold = parallax::align::DEFAULT_MIN_SCORE;
    for row in &section.rows {
        if let Some(m) = row.match_figure() {
            assert!(
                m.score() + 1e-6 >= threshold,
                "a paired row at {m} is below the minimum match {}",
                parallax::compare::percent(threshold)
            );
        }
    }
}

/// The viewer and the report use one legend, the engine's, built from the lexicon in use: the
/// same labels, explanations and colour index per category; each front end only maps the index
/// to a colour (the report's `cat-N` class).
#[test]
fn app_and_report_share_the_legend_built_from_the_lexicon() {
    let analysis =
        analyze(corpus::seeds(), &Default::default(), &Progress::new()).expect("not cancelled");
    let rep = report::build(&analysis, &ReportOptions::default(), &Progress::new())
        .expect("not cancelled");
    let h = harness(StartupOptions::default());
    let app_legend = h.state().legend();
    assert_eq!(
        *app_legend, rep.legend,
        "the viewer's legend is the report's"
    );
    let lexicon = parallax::framing::Lexicon::builtin();
    for c in &lexicon.categories {
        assert_eq!(app_legend.label(&c.id), c.label, "label of {}", c.id);
    }
    // Every framing mark of the HTML report carries its category's colour index.
    let doc = Html::parse_document(&report::html(&rep));
    let marks = Selector::parse("span.mark").expect("selector");
    let mut checked = 0;
    for m in doc.select(&marks) {
        let Some(cat) = rep
            .comparisons
            .iter()
            .flat_map(|s| &s.rows)
            .flat_map(|r| r.left.iter().chain(&r.right))
            .filter_map(|s| s.mark.as_ref().map(|mk| (s.text.as_str(), mk)))
            .find(|(t, _)| *t == m.text().collect::<String>())
            .map(|(_, mk)| mk.category.clone())
        else {
            continue;
        };
        let class = format!(
            "cat-{}",
            app_legend.colour(&cat) % parallax::legend::COLOURS.len()
        );
        if m.value().classes().any(|c| c == class) {
            checked += 1;
        }
    }
    assert!(
        checked > 0,
        "marks in the report carry the legend's colour index"
    );
    // The viewer's legend row names the categories by the legend's labels.
    let shown: Vec<String> = h
        .query_all_by_role(Role::Button)
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    let groups = h.state().side_by_side.groups().clone();
    assert!(
        !groups.is_empty(),
        "the seeds' first pair has framing marks"
    );
    for g in &groups {
        let label = app_legend.label(g);
        assert!(
            shown.contains(&label),
            "the toolbar legend shows “{label}” for {g}: {shown:?}"
        );
    }
}

/// A lexicon file of one's own: its labels, not the built-in ones, in the legend every front
/// end reads (issue 12: with `--lexicon` the legend showed built-in labels).
#[test]
fn a_lexicon_file_gives_the_legend_its_own_labels() {
    let lexicon = parallax::framing::Lexicon::parse(
        "[[category]]\nid = \"hedge\"\nlabel = \"Softeners (our desk)\"\n\
         explanation = \"Words our desk flags as softening.\"\nterms = [\"reportedly\", \"may\"]\n",
        "our-desk.toml",
    )
    .expect("valid lexicon");
    let analysis = parallax::model::analyze_with(
        corpus::seeds(),
        &parallax::model::AnalyzeOptions {
            lexicon: Some(lexicon),
            ..Default::default()
        },
        &Progress::new(),
    )
    .expect("not cancelled");
    let legend = parallax::legend::Legend::of(&analysis);
    assert_eq!(legend.label("hedge"), "Softeners (our desk)");
    assert_eq!(
        legend.explanation("hedge"),
        "Words our desk flags as softening."
    );
    assert!(
        legend.find("attribution.doubt").is_none(),
        "no built-in category: {:?}",
        legend.categories
    );
    let rep = report::build(&analysis, &ReportOptions::default(), &Progress::new())
        .expect("not cancelled");
    assert_eq!(rep.legend, legend);
    let md = report::markdown(&rep);
    assert!(
        md.contains("Softeners (our desk)"),
        "the Markdown legend uses the lexicon's label"
    );
}

/// `parallax --lexicon FILE` in the viewer: the set is framed with that lexicon and the
/// viewer's legend (toolbar, tooltips, Settings) shows its labels, not the built-in ones.
#[test]
fn the_viewer_legend_shows_the_lexicon_given() {
    let lexicon = parallax::framing::Lexicon::parse(
        "[[category]]\nid = \"hedge\"\nlabel = \"Softeners (our desk)\"\n\
         explanation = \"Words our desk flags as softening.\"\nterms = [\"reportedly\", \"may\", \"could\", \"would\"]\n",
        "our-desk.toml",
    )
    .expect("valid lexicon");
    let mut h = harness(StartupOptions {
        lexicon: Some(lexicon),
        ..Default::default()
    });
    let legend = h.state().legend();
    assert_eq!(legend.label("hedge"), "Softeners (our desk)");
    assert!(
        legend.find("attribution.doubt").is_none(),
        "the built-in lexicon was used: {:?}",
        legend.categories
    );
    // Settings ▸ Framing marks lists the set's categories by the lexicon's labels.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Comma);
    h.run();
    let labels: Vec<String> = h
        .query_all_by(|n: &egui_kittest::kittest::AccessKitNode<'_>| n.label().is_some())
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(
        labels.iter().any(|l| l == "Softeners (our desk)"),
        "Settings lists the lexicon's label: {labels:?}"
    );
}

/// A lexicon file the viewer cannot read is named on stderr before any window opens.
#[test]
fn the_viewer_names_a_bad_lexicon_before_opening() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let bad = tmp.path().join("broken-lexicon.toml");
    std::fs::write(&bad, "[[category]\nid = ").expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("--lexicon")
        .arg(&bad)
        .arg("--screenshot")
        .arg(tmp.path().join("shot.png"))
        .output()
        .expect("run parallax");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken-lexicon.toml"), "{err}");
    assert!(
        !tmp.path().join("shot.png").exists(),
        "no window was rendered"
    );
}

/// `parallax diff --color auto` colours only where it should (anstream's rules): not into a
/// pipe, not with `NO_COLOR`, and when `CLICOLOR_FORCE` asks for it.
#[test]
fn diff_colours_follow_the_terminal_conventions() {
    let run = |env: &[(&str, &str)]| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"));
        c.args(["diff", "--left", "0", "--right", "1"])
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR")
            .env_remove("CLICOLOR_FORCE");
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c.output().expect("run parallax diff");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(!run(&[]).contains('\x1b'), "a pipe gets no colour");
    let forced = run(&[("CLICOLOR_FORCE", "1")]);
    assert!(
        forced.contains("\x1b[31m") && forced.contains("\x1b[0m"),
        "{forced}"
    );
    assert!(
        !run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\x1b'),
        "NO_COLOR wins"
    );
}
