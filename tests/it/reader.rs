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
    let (l, r) = (0, 1);
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
