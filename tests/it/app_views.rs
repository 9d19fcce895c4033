//! UI tests of the review views (story map, one event across every source, framing review)
//! and File ▸ Export report…, driven through egui_kittest by labels and roles on the seeds.

use std::collections::{BTreeMap, BTreeSet};

use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, NodeT, Queryable};
use parallax::app::StartupOptions;
use parallax::app::{ParallaxApp, SystemCommand, UiCommand, View};
use parallax::corpus;

use crate::common::{harness, settle};

fn seed_source(i: usize) -> String {
    corpus::seeds().articles[i].source.clone()
}

/// Story map cells: (row number, source, label) of every visible cell.
fn cells(h: &Harness<'static, ParallaxApp>) -> Vec<(usize, String, String)> {
    h.query_all_by(|n: &AccessKitNode<'_>| n.role() == Role::Cell)
        .filter_map(|n| {
            let l = n.accesskit_node().label()?;
            let rest = l.strip_prefix("Row ")?;
            let (row, rest) = rest.split_once(" · ")?;
            let (source, _) = rest.split_once(" · ")?;
            Some((row.parse().ok()?, source.to_string(), l.clone()))
        })
        .collect()
}

/// Opens the story map with the tab and searches it for `needle`.
fn story_map_search(h: &mut Harness<'static, ParallaxApp>, needle: &str) {
    h.get_by_label("Story map").click();
    settle(h);
    let find = h.get_by_label("Find");
    find.focus();
    find.type_text(needle);
    settle(h);
}

/// Rows (by number) of the visible cells whose passage contains `needle`, with their sources.
fn rows_with(h: &Harness<'static, ParallaxApp>, needle: &str) -> BTreeMap<usize, BTreeSet<String>> {
    let all = cells(h);
    let hit_rows: BTreeSet<usize> = all
        .iter()
        .filter(|(_, _, l)| l.to_lowercase().contains(needle))
        .map(|(r, _, _)| *r)
        .collect();
    let mut out: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for (r, s, _) in all {
        if hit_rows.contains(&r) {
            out.entry(r).or_default().insert(s);
        }
    }
    out
}

#[test]
fn story_map_lists_the_wants_to_meet_event_under_its_three_sources() {
    let mut h = harness(StartupOptions::default());
    story_map_search(&mut h, "wants to meet");
    let rows = rows_with(&h, "wants to meet");
    let want: BTreeSet<String> = [0, 1, 4].into_iter().map(seed_source).collect();
    assert!(
        rows.values().any(|sources| want.is_subset(sources)),
        "one row should list 000, 001 and 004; rows found: {rows:?}"
    );
}

#[test]
fn story_map_shows_every_source_reporting_wants_to_meet() {
    let mut h = harness(StartupOptions::default());
    story_map_search(&mut h, "wants to meet");
    let rows = rows_with(&h, "wants to meet");
    let listed: BTreeSet<String> = rows.values().flatten().cloned().collect();
    // Every seed whose text says it has a cell for it in the map.
    let expected: BTreeSet<String> = corpus::seeds()
        .articles
        .iter()
        .filter(|a| a.body.to_lowercase().contains("wants to meet"))
        .map(|a| a.source.clone())
        .collect();
    assert!(expected.len() >= 3, "the seeds quote it in three sources");
    assert_eq!(listed, expected);
    // The aligned pair (001 and 004 say “wants to meet, and we're/we are setting it up”)
    // shares one row.
    let pair: BTreeSet<String> = [1, 4].into_iter().map(seed_source).collect();
    assert!(
        rows.values().any(|s| pair.is_subset(s)),
        "001 and 004 share a row: {rows:?}"
    );
    // The search narrowed the map: other events are gone.
    assert!(h.state().story_map.visible.len() < h.state().story_map.rows.len());
}

#[test]
fn clicking_a_one_source_cell_opens_it_side_by_side() {
    let mut h = harness(StartupOptions::default());
    h.get_by_label("Story map").click();
    settle(&mut h);
    h.get_by_label("Rows to show").click();
    h.run();
    h.get_by_label("Reported by one source only").click();
    settle(&mut h);
    // Every visible row now has exactly one cell.
    let cs = cells(&h);
    assert!(!cs.is_empty(), "the seeds have one-source passages");
    let mut per_row: BTreeMap<usize, usize> = BTreeMap::new();
    for (r, _, _) in &cs {
        *per_row.entry(*r).or_default() += 1;
    }
    assert!(per_row.values().all(|n| *n == 1), "{per_row:?}");

    // Click the cell of the third row.
    let (_, source, label) = cs
        .iter()
        .find(|(r, _, _)| *r == 3)
        .cloned()
        .expect("a third row");
    let text = label
        .split_once(" words: ")
        .map(|x| x.1.to_string())
        .unwrap_or_default();
    h.get_by_role_and_label(Role::Cell, &label).click();
    settle(&mut h);
    let st = h.state();
    assert_eq!(st.view(), View::SideBySide);
    let a = st.analysis().expect("analysis");
    let right = &a.corpus.articles[st.side_by_side.right].source;
    assert_eq!(right, &source, "the clicked source is on the right");
    assert_ne!(st.side_by_side.left, st.side_by_side.right);
    // The side-by-side table shows (and selected) the row holding that passage.
    let needle: String = text.chars().take(40).collect();
    let row = h.query_by(|n: &AccessKitNode<'_>| {
        n.role() == Role::Row && n.label().is_some_and(|l| l.contains(&needle))
    });
    assert!(row.is_some(), "side by side shows “{needle}”");
    assert!(
        h.state().side_by_side.selected.is_some(),
        "the row is selected"
    );
}

#[test]
fn clicking_an_event_label_shows_it_across_every_source() {
    let mut h = harness(StartupOptions::default());
    story_map_search(&mut h, "setting it up");
    let a = h.state().analysis().cloned().expect("analysis");
    let (e, ev) = a
        .alignment
        .events
        .iter()
        .enumerate()
        .find(|(_, e)| {
            e.members
                .iter()
                .any(|m| a.passage_text(*m).contains("setting it up"))
        })
        .expect("an event quotes “setting it up”");
    h.get_by_label(&format!("Event: {}", ev.label)).click();
    settle(&mut h);
    assert_eq!(h.state().view(), View::Event);
    assert_eq!(h.state().event_view.event, Some(e));
    // Each source's passage is shown, stacked.
    for m in &ev.members {
        let t: String = a.passage_text(*m).chars().take(30).collect();
        assert!(
            h.query_all_by_label_contains(&t).next().is_some(),
            "the event view shows “{t}”"
        );
        let src = &a.corpus.articles[m.article].source;
        assert!(h.query_by_label(src).is_some(), "{src} is named");
    }
    // Choosing another reference source changes the differences shown.
    let before: Vec<_> = h
        .state()
        .event_view
        .blocks
        .iter()
        .map(|b| b.article)
        .collect();
    assert_eq!(
        before.first(),
        ev.sources.first(),
        "the reference comes first"
    );
    let other = ev.sources[1];
    h.get_by_label("Reference source").click();
    h.run();
    h.get_by_role_and_label(Role::Button, &a.corpus.articles[other].source)
        .click();
    settle(&mut h);
    let st = h.state();
    assert_eq!(st.event_view.reference, Some(other));
    assert_eq!(st.event_view.blocks.first().map(|b| b.article), Some(other));
    assert!(
        st.event_view
            .blocks
            .iter()
            .skip(1)
            .all(|b| b.spans.is_some())
    );
}

#[test]
fn framing_view_shows_a_row_per_source_and_lists_passages_behind_a_figure() {
    let mut h = harness(StartupOptions::default());
    h.get_by_label("Framing review").click();
    settle(&mut h);
    let a = h.state().analysis().cloned().expect("analysis");
    for art in &a.corpus.articles {
        assert!(
            h.query_by_label(&format!("{}: quoted words", art.source))
                .is_some(),
            "a profile row for {}",
            art.source
        );
    }
    // The “only here” figure of 000 lists its one-source passages; one opens side by side.
    let src = &a.corpus.articles[0].source;
    h.get_by_label(&format!("{src}: only here")).click();
    settle(&mut h);
    let fig = h
        .state()
        .framing_view
        .figure
        .clone()
        .expect("a figure is open");
    assert_eq!(fig.passages.len(), a.alignment.unique_passages(0).len());
    let first = fig.passages[0];
    let text: String = a.passage_text(first).chars().take(30).collect();
    h.get_by_label_contains(&format!("{src}: {text}")).click();
    settle(&mut h);
    assert_eq!(h.state().view(), View::SideBySide);
    assert_eq!(h.state().side_by_side.right, 0);
}

#[test]
fn clicking_a_framing_figure_marks_the_words_that_made_it() {
    let mut h = harness(StartupOptions::default());
    h.get_by_label("Framing review").click();
    settle(&mut h);
    let a = h.state().analysis().cloned().expect("analysis");
    let f = a.framing.as_ref().expect("framing");
    // The source and category with the most marks in the outlet's own words.
    let (article, id, label) = f
        .profiles
        .iter()
        .flat_map(|p| {
            p.categories
                .iter()
                .filter(|c| !c.id.starts_with("naming"))
                .map(move |c| (c.own, p.article, c.id.clone()))
        })
        .max()
        .map(|(_, art, id)| {
            let label = f
                .categories
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.label.clone())
                .unwrap_or_default();
            (art, id, label)
        })
        .expect("a category with marks");
    let src = a.corpus.articles[article].source.clone();
    h.get_by_label(&format!("{src}: {label}")).click();
    settle(&mut h);
    let fig = h
        .state()
        .framing_view
        .figure
        .clone()
        .expect("a figure is open");
    // The words marked are the category's marks, each inside a listed passage.
    let body = &a.corpus.articles[article].body;
    let marks: Vec<&str> = f.articles[article]
        .marks
        .iter()
        .filter(|m| m.category == id)
        .map(|m| &body[m.range.clone()])
        .collect();
    let words: Vec<&str> = fig.words.iter().map(|(_, r)| &body[r.clone()]).collect();
    assert_eq!(words, marks);
    assert!(!words.is_empty());
    for (art, r) in &fig.words {
        assert_eq!(*art, article);
        assert!(
            fig.passages.iter().any(|p| {
                let s = a.alignment.passages[p.article][p.passage].span;
                s.start <= r.start && r.end <= s.end
            }),
            "{:?} lies in a listed passage",
            &body[r.clone()]
        );
    }
    // The list shows each passage whole (not a cut snippet), after its source's name.
    let first = a.passage_text(fig.passages[0]).to_string();
    h.get_by_label_contains(&format!("{src}: {first}"));
}

#[test]
fn exports_the_report_and_reports_failures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(StartupOptions::default());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    settle(&mut h);
    assert!(h.state().export.open, "the export window opens");
    let out = dir.path().join("seeds.html");
    h.state_mut()
        .push(SystemCommand::ExportReportTo(out.clone()));
    settle(&mut h);
    let html = std::fs::read_to_string(&out).expect("the report was written");
    for art in &corpus::seeds().articles {
        assert!(
            html.contains(&art.source),
            "{} is in the report",
            art.source
        );
    }
    let msg = h.state().last_message().expect("a status message").clone();
    assert!(
        !msg.error && msg.text.contains(&out.display().to_string()),
        "{msg:?}"
    );

    // JSON by extension.
    let json = dir.path().join("seeds.json");
    h.state_mut()
        .push(SystemCommand::ExportReportTo(json.clone()));
    settle(&mut h);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json written"))
            .expect("valid JSON");
    assert!(v.get("story_map").is_some());

    // A folder that does not exist: an error message naming the path, no file, no crash.
    let bad = dir.path().join("missing").join("r.html");
    h.state_mut()
        .push(SystemCommand::ExportReportTo(bad.clone()));
    settle(&mut h);
    let msg = h.state().last_message().expect("a status message").clone();
    assert!(msg.error, "{msg:?}");
    assert!(msg.text.contains(&bad.display().to_string()), "{msg:?}");
    assert!(!bad.exists());
}

#[test]
fn a_side_by_side_row_opens_its_event_across_every_source() {
    let mut h = harness(StartupOptions {
        left: Some("1".into()),
        right: Some("4".into()),
        ..Default::default()
    });
    let row = h.get_by(|n: &AccessKitNode<'_>| {
        n.role() == Role::Row && n.label().is_some_and(|l| l.contains("setting it up"))
    });
    row.click();
    h.run();
    h.key_press(egui::Key::E);
    settle(&mut h);
    let st = h.state();
    assert_eq!(st.view(), View::Event);
    let a = st.analysis().expect("analysis");
    let e = st.event_view.event.expect("an event is shown");
    let ev = &a.alignment.events[e];
    assert!(
        ev.members
            .iter()
            .any(|m| a.passage_text(*m).contains("setting it up")),
        "the event of the selected row is shown: {}",
        ev.label
    );
    assert!(ev.sources.contains(&1) && ev.sources.contains(&4));
}

/// Releases the story map build of the test below (its builder waits for it).
static MAP_GATE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The story map's rows, once [`MAP_GATE`] opens (or after a minute, so a build on the UI
/// thread would hang the frame rather than the test run).
fn gated_rows(
    a: &parallax::model::Analysis,
    p: &parallax::progress::Progress,
) -> Result<Vec<parallax::app::story_map::MapRow>, parallax::progress::Cancelled> {
    crate::common::wait_until(std::time::Duration::from_secs(60), || {
        MAP_GATE.load(std::sync::atomic::Ordering::SeqCst)
    });
    parallax::app::story_map::build_rows(a, p)
}

/// The story map's rows are built by a job, not in the frame: while it runs the view says it
/// is building (and frames keep coming), and the rows appear when it is done.
#[test]
fn the_story_map_is_built_by_a_job_and_says_so_meanwhile() {
    let mut h = harness(StartupOptions::default());
    h.state_mut().builders.story_map = gated_rows;
    h.get_by_label("Story map").click();
    h.run();
    assert!(
        h.state().jobs.story_map.is_some(),
        "the rows are built in the job queue"
    );
    h.get_by_label_contains("Building the story map");
    assert!(cells(&h).is_empty(), "no rows before they are built");
    MAP_GATE.store(true, std::sync::atomic::Ordering::SeqCst);
    settle(&mut h);
    assert!(!h.state().jobs.busy());
    assert!(!cells(&h).is_empty(), "the rows are drawn once built");
    assert!(
        h.query_by_label_contains("Building the story map")
            .is_none(),
        "the building line is gone"
    );
}

/// Set by [`rows_until_cancelled`] when its job was cancelled.
static MAP_SAW_CANCEL: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A story-map builder that runs until its job is cancelled (at most a minute), then gives up
/// as the real one does.
fn rows_until_cancelled(
    a: &parallax::model::Analysis,
    p: &parallax::progress::Progress,
) -> Result<Vec<parallax::app::story_map::MapRow>, parallax::progress::Cancelled> {
    if crate::common::wait_until(std::time::Duration::from_secs(60), || p.is_cancelled()) {
        MAP_SAW_CANCEL.store(true, std::sync::atomic::Ordering::SeqCst);
    }
    p.check()?;
    parallax::app::story_map::build_rows(a, p)
}

/// A story map still being built when the set changes (re-aligned here) is cancelled at once,
/// not left to run to the end for a result nobody uses; the new set's map is built and drawn.
#[test]
fn a_story_map_build_for_a_replaced_set_is_cancelled_and_the_new_one_drawn() {
    let mut h = harness(StartupOptions::default());
    h.state_mut().builders.story_map = rows_until_cancelled;
    h.get_by_label("Story map").click();
    h.run();
    assert!(h.state().jobs.story_map.is_some(), "the first build runs");
    h.state_mut().builders.story_map = parallax::app::story_map::build_rows;
    h.state_mut().push(SystemCommand::SetMinScore(0.3));
    settle(&mut h);
    assert!(
        crate::common::wait_until(std::time::Duration::from_secs(30), || {
            MAP_SAW_CANCEL.load(std::sync::atomic::Ordering::SeqCst)
        }),
        "the build for the old set saw its cancel"
    );
    assert!(!h.state().jobs.busy());
    assert!(!cells(&h).is_empty(), "the new set's map is drawn");
}

/// A story-map builder that runs until its job is cancelled (at most a minute).
fn rows_waiting_for_cancel(
    a: &parallax::model::Analysis,
    p: &parallax::progress::Progress,
) -> Result<Vec<parallax::app::story_map::MapRow>, parallax::progress::Cancelled> {
    crate::common::wait_until(std::time::Duration::from_secs(60), || p.is_cancelled());
    p.check()?;
    parallax::app::story_map::build_rows(a, p)
}

/// Esc stops a story map that is still building (a huge set): the job ends, the view says the
/// map was not built, and its *Build it* button builds it after all.
#[test]
fn esc_stops_building_the_story_map_and_build_it_builds_it() {
    let mut h = harness(StartupOptions::default());
    h.state_mut().builders.story_map = rows_waiting_for_cancel;
    h.get_by_label("Story map").click();
    h.run();
    assert!(h.state().jobs.story_map.is_some(), "the build runs");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().jobs.story_map.is_none(), "Esc stopped it");
    h.get_by_label_contains("was not built: cancelled");
    assert!(
        h.state()
            .last_message()
            .is_some_and(|m| m.text.contains("Stopped building the story map"))
    );
    assert!(cells(&h).is_empty());
    h.state_mut().builders.story_map = parallax::app::story_map::build_rows;
    h.get_by_label("Build it").click();
    settle(&mut h);
    assert!(!cells(&h).is_empty(), "built after all");
    assert!(h.query_by_label_contains("was not built").is_none());
}

/// A panic while building the story map is shown: an error in the status bar naming the job
/// and the panic, and the view says the map could not be built (it does not wait forever).
#[test]
fn a_panic_building_the_story_map_is_shown_as_an_error() {
    let mut h = harness(StartupOptions::default());
    h.state_mut().builders.story_map = |_, _| panic!("row 7 has no passage");
    h.get_by_label("Story map").click();
    settle(&mut h);
    assert!(!h.state().jobs.busy(), "the failed job is not running");
    let last = h.state().last_message().expect("a message").clone();
    assert!(last.error, "{last:?}");
    assert!(
        last.text.contains("Building the story map failed") && last.text.contains("row 7"),
        "{last:?}"
    );
    h.get_by_label_contains("The story map could not be built");
    assert!(
        h.query_by_label_contains("Building the story map…")
            .is_none()
    );
}

/// A panic while building an event's blocks is shown as an error; the next event asked for is
/// built again (with a builder that works) and drawn.
#[test]
fn a_panic_building_an_event_is_shown_and_the_next_event_builds() {
    let mut h = harness(StartupOptions::default());
    h.state_mut().builders.event = |_, _, _, _, _| panic!("no reference text");
    h.get_by_label("One event").click();
    settle(&mut h);
    let last = h.state().last_message().expect("a message").clone();
    assert!(last.error, "{last:?}");
    assert!(
        last.text.contains("Building the event failed") && last.text.contains("no reference text"),
        "{last:?}"
    );
    h.get_by_label_contains("This event could not be built");
    assert!(h.state().event_view.blocks.is_empty());

    h.state_mut().builders.event = parallax::app::event_view::blocks;
    h.state_mut().push(SystemCommand::OpenEvent(1));
    settle(&mut h);
    let st = h.state();
    assert_eq!(st.event_view.event, Some(1));
    let a = st.analysis().expect("analysis");
    let ev = &a.alignment.events[1];
    assert_eq!(
        st.event_view.blocks.len(),
        ev.sources.len(),
        "one block a source"
    );
    let t: String = a.passage_text(ev.members[0]).chars().take(30).collect();
    h.get_by_label_contains(&t);
    assert!(h.query_by_label_contains("could not be built").is_none());
}

/// Export runs in the job queue: Cancel the running job (Esc) cancels it, and the result of
/// the cancelled job is dropped (no "written" message after "cancelled").
#[test]
fn export_is_a_job_that_esc_cancels() {
    use parallax::app::export::ExportFailure;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(StartupOptions::default());
    h.state_mut()
        .push(SystemCommand::ExportReportTo(dir.path().join("seeds.html")));
    h.state_mut().apply_pending();
    assert!(
        h.state().jobs.export.is_some(),
        "the export runs in the job queue"
    );
    h.state_mut().apply(UiCommand::CancelJob);
    assert!(h.state().jobs.export.is_none(), "cancelled at once");
    settle(&mut h);
    let last = h.state().last_message().expect("a message").clone();
    assert_eq!(last.text, "Export cancelled; nothing was written.");
    assert!(!last.error);

    // An export that only ends when cancelled: Esc ends it, and the window's progress goes.
    h.state_mut().jobs.start_export(
        dir.path().join("slow.html"),
        |p| {
            let t0 = std::time::Instant::now();
            while !p.is_cancelled() && t0.elapsed() < std::time::Duration::from_secs(60) {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            Err(ExportFailure::Cancelled)
        },
        None,
    );
    // The window's progress bar animates (it repaints every frame): a few frames, not `run`.
    h.run_steps(4);
    h.get_by_label("Exporting report");
    h.key_press(egui::Key::Escape);
    settle(&mut h);
    assert!(!h.state().jobs.busy());
    assert!(h.query_by_label("Exporting report").is_none());
    let said = h
        .state()
        .log
        .iter()
        .filter(|m| m.text == "Export cancelled; nothing was written.")
        .count();
    assert_eq!(said, 2, "Esc cancelled the second export too");
}

/// A panic in the export job is an error the user sees, and the export window reopens saying
/// so.
#[test]
fn a_panic_in_the_export_job_is_shown_as_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(StartupOptions::default());
    h.state_mut().jobs.start_export(
        dir.path().join("r.html"),
        |_| panic!("the renderer lost its page"),
        None,
    );
    settle(&mut h);
    assert!(!h.state().jobs.busy());
    let last = h.state().last_message().expect("a message").clone();
    assert!(last.error, "{last:?}");
    assert!(
        last.text.contains("Exporting the report failed")
            && last.text.contains("the renderer lost its page"),
        "{last:?}"
    );
    assert!(h.state().export.open, "the export window reopens");
    h.get_by_label_contains("The export stopped");
}
