//! UI tests of the desktop viewer, driven through egui_kittest by labels and roles: open the
//! seeds, pick sources with the pickers, find aligned passages, step through differences with
//! the keyboard, open folders through the open-folder command, and keep the current set when
//! an open fails.

use std::path::Path;

use egui::{Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::app::ParallaxApp;
use parallax::app::StartupOptions;
use parallax::app::state::Settings;
use parallax::corpus;

use crate::common::{WAIT, harness, harness_with, settle};

/// Chooses `name` in the picker labelled `picker` by clicking, as a user would.
fn pick(h: &mut Harness<'static, ParallaxApp>, picker: &str, name: &str) {
    h.get_by_label(picker).click();
    h.run();
    h.get_by_role_and_label(Role::Button, name).click();
    settle(h);
}

fn seed_name(i: usize) -> String {
    corpus::seeds().articles[i].display_name()
}

#[test]
fn opens_the_seeds_and_picks_two_sources_with_the_pickers() {
    let mut h = harness(StartupOptions::default());
    let n = h.state().analysis().map(|a| a.corpus.articles.len());
    assert_eq!(
        n,
        Some(corpus::seeds().articles.len()),
        "the bundled seeds are open"
    );
    assert!(
        h.state()
            .loaded
            .as_ref()
            .is_some_and(|l| l.analysis.corpus.root.is_none())
    );

    pick(&mut h, "Left source", &seed_name(1));
    pick(&mut h, "Right source", &seed_name(4));
    assert_eq!(
        (h.state().side_by_side.left, h.state().side_by_side.right),
        (1, 4)
    );
    // The table's column headings name the chosen sources, and the comparison is for them.
    let c = h
        .state()
        .side_by_side
        .comparison
        .clone()
        .expect("comparison built");
    assert_eq!((c.left, c.right), (1, 4));
    let seeds = corpus::seeds();
    h.get_by_label_contains(&format!("only in {}", seeds.articles[1].source));
    h.get_by_label_contains(&format!("only in {}", seeds.articles[4].source));

    // Swap with the keyboard.
    h.key_press(Key::S);
    settle(&mut h);
    assert_eq!(
        (h.state().side_by_side.left, h.state().side_by_side.right),
        (4, 1)
    );
}

#[test]
fn finds_the_row_holding_both_no_conditions_passages() {
    let mut h = harness(StartupOptions::default());
    pick(&mut h, "Left source", &seed_name(1));
    pick(&mut h, "Right source", &seed_name(4));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    let find = h.get_by_label("Find");
    find.focus();
    find.type_text("attaches no conditions");
    h.run();
    h.key_press(Key::Enter);
    settle(&mut h);
    h.get_by_label_contains("Match 1 of");
    let row_with = |needle: &'static str| {
        move |n: &egui_kittest::kittest::AccessKitNode<'_>| {
            n.role() == Role::Row && n.label().is_some_and(|l| l.contains(needle))
        }
    };
    assert!(
        h.query_by(row_with("attaches no conditions")).is_some(),
        "a row shows 001's passage"
    );
    let both = h.query_by(|n| {
        n.role() == Role::Row
            && n.label().is_some_and(|l| {
                l.contains("attaches no conditions") && l.contains("no special conditions")
            })
    });
    assert!(
        both.is_some(),
        "004's “no special conditions” passage should sit in the same row as 001's"
    );
}

#[test]
fn steps_through_differences_with_the_keyboard() {
    let mut h = harness(StartupOptions {
        left: Some("1".into()),
        right: Some("4".into()),
        ..Default::default()
    });
    let n = h.state().side_by_side.diffs.len();
    assert!(n >= 2, "the seeds differ in more than one place");
    h.get_by_label(&format!("{n} differences"));
    h.key_press(Key::N);
    h.run();
    h.get_by_label(&format!("Difference 1 of {n}"));
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    h.get_by_label(&format!("Difference 2 of {n}"));
    h.key_press(Key::P);
    h.run();
    h.get_by_label(&format!("Difference 1 of {n}"));
    // Wraps around backwards.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run();
    h.get_by_label(&format!("Difference {n} of {n}"));
    // The selected row is the difference the counter names.
    let sbs = &h.state().side_by_side;
    assert_eq!(sbs.selected, sbs.diffs.last().copied());
}

fn write_articles(dir: &Path) {
    std::fs::write(
        dir.join("alpha.txt"),
        "Storm hits coast\n\nA powerful storm hit the coast on Monday, officials said. \
         Thousands of homes lost power.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("beta.txt"),
        "Storm batters coastline\n\nA powerful storm battered the coast on Monday, officials \
         claimed. Schools were closed.\n",
    )
    .unwrap();
}

fn open_by_path(h: &mut Harness<'static, ParallaxApp>, path: &Path) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run();
    let field = h.get_by_label("Folder path");
    field.focus();
    h.run();
    // Replace whatever the field held before.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    let field = h.get_by_label("Folder path");
    field.type_text(&path.display().to_string());
    h.run();
    h.get_by_role_and_label(Role::Button, "Open").click();
    settle(h);
}

#[test]
fn opens_a_folder_through_the_open_folder_command() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let mut h = harness(StartupOptions::default());
    open_by_path(&mut h, dir.path());
    let a = h.state().analysis().expect("a set is open");
    assert_eq!(a.corpus.root.as_deref(), Some(dir.path()));
    assert_eq!(a.corpus.articles.len(), 2);
    assert_eq!(
        h.state().settings.recent.first().map(|p| p.as_path()),
        Some(dir.path())
    );
    h.get_by_label_contains(&format!("Opened {}", dir.path().display()));
    // The table now compares the two new articles.
    let c = h
        .state()
        .side_by_side
        .comparison
        .clone()
        .expect("comparison");
    assert_eq!((c.left, c.right), (0, 1));
}

#[test]
fn a_bad_folder_shows_an_error_and_keeps_the_current_set() {
    let empty = tempfile::tempdir().unwrap();
    let mut h = harness(StartupOptions::default());
    let before = h.state().analysis().map(|a| a.corpus.articles.len());
    open_by_path(&mut h, empty.path());
    // Said in the status bar, and under the path field: the dialog stays open to fix the path.
    let said = format!("Could not open {}", empty.path().display());
    assert_eq!(h.query_all_by_label_contains(&said).count(), 2);
    h.get_by_label("Folder path");
    assert!(
        h.state()
            .open_dialog
            .error
            .as_deref()
            .is_some_and(|e| e.starts_with(&said)),
        "{:?}",
        h.state().open_dialog.error
    );
    h.get_by_label_contains("The current set stays open");
    assert_eq!(
        h.state().analysis().map(|a| a.corpus.articles.len()),
        before
    );
    assert!(
        h.state()
            .analysis()
            .is_some_and(|a| a.corpus.root.is_none()),
        "still the seeds"
    );
    // The error is also listed in the warnings panel.
    h.get_by_label_contains("warning").click();
    h.run();
    h.get_by_label("Warnings and errors");

    let missing = empty.path().join("does-not-exist");
    open_by_path(&mut h, &missing);
    let msg = format!("Could not open {}: folder not found", missing.display());
    // Shown in the status bar, listed in the (open) warnings panel, and under the path field.
    assert_eq!(h.query_all_by_label_contains(&msg).count(), 3);
    assert_eq!(
        h.state().analysis().map(|a| a.corpus.articles.len()),
        before
    );
    // A folder that opens closes the dialog.
    let good = tempfile::tempdir().unwrap();
    write_articles(good.path());
    open_by_path(&mut h, good.path());
    assert!(
        h.query_by_label("Folder path").is_none(),
        "the dialog closed"
    );
    assert!(!h.state().open_dialog.open);
    assert_eq!(
        h.state().analysis().map(|a| a.corpus.articles.len()),
        Some(2)
    );
}

#[test]
fn keyboard_shortcuts_are_listed_from_the_commands() {
    let mut h = harness(StartupOptions::default());
    let shown = |h: &Harness<'static, ParallaxApp>, label: &str| {
        h.query_all_by_label(label).next().is_some()
    };
    assert!(!shown(&h, "Next left source"), "not listed before F1");
    h.key_press(Key::F1);
    h.run();
    for c in parallax::app::UiCommand::catalogue() {
        if !c.shortcuts().is_empty() {
            assert!(shown(&h, &c.label()), "{} is listed", c.label());
        }
    }
}

#[test]
fn a_remembered_folder_that_went_bad_falls_back_to_the_seeds() {
    let gone = tempfile::tempdir().unwrap();
    let settings = Settings {
        last_folder: Some(gone.path().to_path_buf()),
        ..Default::default()
    };
    // The folder still exists but holds no articles: the open fails, the seeds open instead.
    let mut app = ParallaxApp::new(settings, &StartupOptions::default());
    assert!(app.wait_for_jobs(WAIT));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut ParallaxApp| app.ui(ui), app);
    settle(&mut h);
    assert!(
        h.state()
            .analysis()
            .is_some_and(|a| a.corpus.root.is_none())
    );
    let errors: Vec<String> = h
        .state()
        .log
        .iter()
        .filter(|m| m.error)
        .map(|m| m.text.clone())
        .collect();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("Opening the sample articles instead")),
        "{errors:?}"
    );
}

#[test]
fn filters_show_only_the_rows_they_name() {
    let mut h = harness(StartupOptions {
        left: Some("1".into()),
        right: Some("4".into()),
        ..Default::default()
    });
    let all = h.state().side_by_side.rows.len();
    let c = h
        .state()
        .side_by_side
        .comparison
        .clone()
        .expect("comparison");
    // Unmatched: one side only, and not linked to a passage the other side shows in another
    // row (that one's claim is reported by both).
    let unmatched = c
        .rows
        .iter()
        .filter(|r| (r.pair.left.is_empty() || r.pair.right.is_empty()) && r.linked.is_empty())
        .count();
    assert!(unmatched > 0 && unmatched < all);

    h.get_by_label("Unmatched only").click();
    h.run();
    let sbs = &h.state().side_by_side;
    assert_eq!(sbs.rows.len(), unmatched);
    assert!(sbs.rows.iter().all(|&ri| {
        let r = &c.rows[ri];
        (r.pair.left.is_empty() || r.pair.right.is_empty()) && r.linked.is_empty()
    }));
    // Every unmatched row shows its hatched "not in <source>" cell.
    let seeds = corpus::seeds();
    let not_in = |h: &Harness<'static, ParallaxApp>, i: usize| {
        h.query_all_by_label_contains(&format!("not in {}", seeds.articles[i].source))
            .count()
    };
    assert!(not_in(&h, 1) + not_in(&h, 4) > 0);

    h.key_press(Key::Num2); // differences only
    h.run();
    assert!(h.state().side_by_side.rows.len() >= unmatched);
    h.key_press(Key::Num1);
    h.run();
    assert_eq!(h.state().side_by_side.rows.len(), all);
}

/// A passage the other source reports in a row beside another passage (a second counterpart
/// that is not adjacent) says where, not "not in": the broadcaster's lead matches the local
/// paper's headline and lead.
#[test]
fn a_passage_linked_to_one_in_another_row_points_there() {
    use egui_kittest::kittest::NodeT;
    let h = harness(StartupOptions {
        dir: Some(
            crate::common::repo_root()
                .join("tests/fixtures/corpus/cms_furniture_inside_the_article"),
        ),
        left: Some("valley-voice.html".into()),
        right: Some("wktv-news.html".into()),
        ..Default::default()
    });
    let rows: Vec<String> = h
        .query_all_by_label_contains("Hackers crippled")
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(
        rows.iter()
            .any(|l| l.contains("in The Valley Voice: paired in a row above")),
        "{rows:?}"
    );
    assert!(
        !rows.iter().any(|l| l.contains("not in The Valley Voice")),
        "{rows:?}"
    );
    let (_, _, _, right_only) = h.state().side_by_side.counts();
    let c = h
        .state()
        .side_by_side
        .comparison
        .clone()
        .expect("comparison");
    assert_eq!(
        right_only,
        c.rows
            .iter()
            .filter(|r| r.pair.left.is_empty() && r.linked.is_empty())
            .count(),
        "the status bar's \"only right\" leaves it out"
    );
}

#[test]
fn differences_only_marks_hidden_rows_and_a_click_shows_them() {
    // Two reports sharing most sentences word for word: identical rows for the filter to hide
    // before, between and after the differences.
    let dir = tempfile::tempdir().unwrap();
    let shared = [
        "The city council approved the new harbour budget on Tuesday evening.",
        "The vote was seven to two after a debate of three hours.",
        "Work on the northern pier is to start in the spring.",
        "The mayor said the money would also repair the old ferry terminal.",
        "Residents will be able to comment on the plans until the end of May.",
        "The next council meeting is set for the second week of June.",
    ];
    let a = format!(
        "Council approves harbour budget\n\n{} {} Critics called the plan reckless. {} {} {} {}\n",
        shared[0], shared[1], shared[2], shared[3], shared[4], shared[5]
    );
    let b = format!(
        "Harbour budget passes\n\n{} {} {} Opponents warned of rising costs for years to come. {} {} {}\n",
        shared[0], shared[1], shared[2], shared[3], shared[4], shared[5]
    );
    std::fs::write(dir.path().join("a.txt"), a).unwrap();
    std::fs::write(dir.path().join("b.txt"), b).unwrap();
    let mut h = harness(StartupOptions {
        dir: Some(dir.path().to_path_buf()),
        ..Default::default()
    });
    let c = h
        .state()
        .side_by_side
        .comparison
        .clone()
        .expect("comparison");
    let same: Vec<usize> = (0..c.rows.len())
        .filter(|&i| !parallax::compare::RowKind::of(&c.rows[i]).is_difference())
        .collect();
    assert!(!same.is_empty(), "the pair has identical rows to hide");
    h.get_by_label("Differences only").click();
    h.run();
    let shown = h.state().side_by_side.rows.len();
    assert_eq!(shown, c.rows.len() - same.len());
    let diffs = h.state().side_by_side.diffs.len();
    // Every hidden row is counted by one separator, named as a person would say it.
    let gaps: Vec<parallax::app::side_by_side::Gap> = {
        let sbs = &h.state().side_by_side;
        sbs.gaps_before
            .iter()
            .flatten()
            .chain(&sbs.gap_after)
            .copied()
            .collect()
    };
    assert_eq!(gaps.iter().map(|g| g.hidden).sum::<usize>(), same.len());
    let first = gaps[0];
    let label = if first.hidden == 1 {
        "1 row hidden".to_string()
    } else {
        format!("{} rows hidden", first.hidden)
    };
    assert_eq!(first.label(), label);
    // The first separator is on screen: click it, its rows appear in place.
    h.get_by_role_and_label(Role::Button, &label).click();
    h.run();
    let sbs = &h.state().side_by_side;
    assert_eq!(sbs.rows.len(), shown + first.hidden);
    for i in first.first..first.first + first.hidden {
        assert!(sbs.rows.contains(&i), "row {i} is shown again");
    }
    assert!(sbs.rows.windows(2).all(|w| w[0] < w[1]), "in reading order");
    assert_eq!(sbs.diffs.len(), diffs, "shown rows are not differences");
    // The filter stays on; switching filters starts from the filter's own rows again.
    h.key_press(Key::Num1);
    h.run();
    assert!(
        h.state()
            .side_by_side
            .gaps_before
            .iter()
            .all(Option::is_none)
    );
    h.key_press(Key::Num2);
    h.run();
    assert_eq!(h.state().side_by_side.rows.len(), shown);
}

#[test]
fn lowering_the_minimum_match_realigns_in_the_background() {
    let mut h = harness(StartupOptions::default());
    let links_before = h.state().analysis().map(|a| a.alignment.links.len());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    h.run();
    h.get_by_role_and_label(Role::Slider, "Minimum match")
        .set_value_accesskit(0.04);
    settle(&mut h);
    const { assert!(0.04 < parallax::align::DEFAULT_MIN_SCORE) };
    assert!((h.state().settings.min_score - 0.04).abs() < 1e-6);
    let links_after = h.state().analysis().map(|a| a.alignment.links.len());
    assert!(
        links_after > links_before,
        "a lower threshold keeps more links: {links_before:?} -> {links_after:?}"
    );
    h.get_by_label_contains("Re-aligned at 4% minimum match");
}

/// A file dropped on the window, as the windowing integration would hand it to egui.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_paths(h: &mut Harness<'static, ParallaxApp>, paths: &[&Path]) {
    for p in paths {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(p.to_path_buf())));
    }
    settle(h);
}

#[test]
fn dropping_a_folder_or_files_opens_them() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let mut h = harness(StartupOptions::default());
    drop_paths(&mut h, &[dir.path()]);
    let a = h.state().analysis().expect("open");
    assert_eq!(a.corpus.root.as_deref(), Some(dir.path()));
    assert_eq!(a.corpus.articles.len(), 2);

    // Two of the seeds dropped as files: a set of exactly those two.
    let seeds_dir = crate::common::repo_root().join("seeds");
    let a0 = seeds_dir.join("000_894bb8ee144ed042.txt");
    let a3 = seeds_dir.join("003_8a2d9bc488db6fd5.txt");
    drop_paths(&mut h, &[&a0, &a3]);
    let a = h.state().analysis().expect("open");
    assert_eq!(a.corpus.articles.len(), 2);
    let c = h.state().side_by_side.comparison.clone().expect("compared");
    assert_eq!((c.left, c.right), (0, 1));
}

#[test]
fn the_saved_pair_and_settings_come_back() {
    let seeds = corpus::seeds();
    let saved = Settings {
        left_id: Some(seeds.articles[3].id.clone()),
        right_id: Some(seeds.articles[2].id.clone()),
        filter: parallax::app::state::Filter::Unmatched,
        zoom: 1.2,
        ..Default::default()
    };
    // Through the same serialisation eframe storage uses (RON), as on a restart.
    let text = ron::to_string(&saved).expect("settings serialise");
    let restored: Settings = ron::from_str(&text).expect("settings deserialise");
    let h = harness_with(restored, StartupOptions::default());
    let s = h.state();
    assert_eq!((s.side_by_side.left, s.side_by_side.right), (3, 2));
    assert_eq!(s.settings.filter, parallax::app::state::Filter::Unmatched);
    assert!((h.ctx.zoom_factor() - 1.2).abs() < 1e-6);
}

#[test]
fn zoom_and_source_switching_from_the_keyboard() {
    let mut h = harness(StartupOptions::default());
    let start = (h.state().side_by_side.left, h.state().side_by_side.right);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run();
    assert!((h.ctx.zoom_factor() - 1.1).abs() < 1e-4);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    h.run();
    assert!((h.ctx.zoom_factor() - 0.9).abs() < 1e-4);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert!((h.ctx.zoom_factor() - 1.0).abs() < 1e-4);

    // Next right source skips the article shown on the left.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    settle(&mut h);
    let n = corpus::seeds().articles.len();
    let (l, r) = (h.state().side_by_side.left, h.state().side_by_side.right);
    assert_eq!(l, start.0);
    let mut expect = (start.1 + 1) % n;
    if expect == l {
        expect = (expect + 1) % n;
    }
    assert_eq!(r, expect);
    // Next left source, with Shift.
    h.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowRight);
    settle(&mut h);
    assert_ne!(h.state().side_by_side.left, l);
    assert_ne!(h.state().side_by_side.left, h.state().side_by_side.right);
    // While a text field has focus, single keys type instead of acting.
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    let pair = (h.state().side_by_side.left, h.state().side_by_side.right);
    h.get_by_label("Find").focus();
    h.run();
    h.key_press(Key::S);
    settle(&mut h);
    assert_eq!(
        (h.state().side_by_side.left, h.state().side_by_side.right),
        pair
    );
}

#[test]
fn an_unknown_source_on_the_command_line_is_reported() {
    let h = harness(StartupOptions {
        left: Some("no-such-outlet".into()),
        right: Some("4".into()),
        ..Default::default()
    });
    h.get_by_label_contains("No article matches “no-such-outlet”");
    assert_eq!(h.state().side_by_side.right, 4);
}

#[test]
fn the_last_view_comes_back_on_relaunch() {
    use parallax::app::View;
    let saved = Settings {
        view: View::StoryMap,
        ..Default::default()
    };
    let text = ron::to_string(&saved).expect("settings serialise");
    let restored: Settings = ron::from_str(&text).expect("settings deserialise");
    let mut h = harness_with(restored, StartupOptions::default());
    assert_eq!(h.state().view(), View::StoryMap, "the saved view is shown");
    // Switching view is remembered for the next launch.
    h.key_press(Key::F7);
    h.run();
    assert_eq!(h.state().view(), View::Framing);
    assert_eq!(h.state().settings.view, View::Framing);
    // --view still wins over the saved view.
    let h = harness_with(
        saved,
        StartupOptions {
            view: Some(View::Event),
            ..Default::default()
        },
    );
    assert_eq!(h.state().view(), View::Event);
}

#[test]
fn opening_another_set_clears_its_find_text_and_warnings() {
    let empty = tempfile::tempdir().unwrap();
    let good = tempfile::tempdir().unwrap();
    write_articles(good.path());
    let mut h = harness(StartupOptions::default());
    // Find something in the seeds.
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("Find").type_text("storm");
    h.run();
    assert_eq!(h.state().side_by_side.search.query, "storm");
    // A failed open: its error is listed while the seeds stay open.
    open_by_path(&mut h, empty.path());
    let failed = format!("Could not open {}", empty.path().display());
    h.get_by_label_contains("warning").click();
    h.run();
    h.get_by_label("Warnings and errors");
    assert!(h.query_all_by_label_contains(&failed).count() >= 1);
    // Another set opens: the old error and the find text are gone with the old set.
    open_by_path(&mut h, good.path());
    h.get_by_label_contains(&format!("Opened {}", good.path().display()));
    assert_eq!(
        h.query_all_by_label_contains(&failed).count(),
        0,
        "the previous set's error is no longer listed"
    );
    h.get_by_label("Nothing to report: every file loaded cleanly.");
    assert!(h.state().side_by_side.search.query.is_empty());
    assert!(!h.state().side_by_side.search.open);
    // The status line reads "2 articles", and a single article would read "1 article".
    h.get_by_label_contains("2 articles in");
}

#[test]
fn a_last_folder_that_is_gone_is_said_in_the_status_bar() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("moved-away");
    let settings = Settings {
        last_folder: Some(gone.clone()),
        ..Default::default()
    };
    let h = harness_with(settings, StartupOptions::default());
    assert!(
        h.state()
            .analysis()
            .is_some_and(|a| a.corpus.root.is_none()),
        "the samples open instead"
    );
    h.get_by_label_contains(&format!("The last folder, {}, is gone", gone.display()));
    h.get_by_label_contains("Opened the sample articles");
}

/// A background job that panics (a bug) is not lost: the status bar names the job and the
/// panic as an error, the job slot is freed, and the open set is untouched.
#[test]
fn a_panicking_job_is_reported_to_the_user() {
    let mut h = harness(StartupOptions::default());
    let articles = h.state().analysis().map(|a| a.corpus.articles.len());
    assert!(articles.is_some(), "the seeds are open");
    h.state_mut()
        .jobs
        .start_custom("Building the story map", |_| panic!("row 7 has no passage"));
    settle(&mut h);
    assert!(
        !h.state().jobs.busy(),
        "the failed job no longer counts as running"
    );
    let last = h.state().last_message().expect("a message is shown");
    assert!(last.error, "shown as an error: {}", last.text);
    h.get_by_label_contains("Building the story map failed");
    h.get_by_label_contains("row 7 has no passage");
    assert_eq!(
        h.state().analysis().map(|a| a.corpus.articles.len()),
        articles,
        "the open set stays open"
    );
}

/// The gutter between the two passages (its centre) explains what its figure measures.
#[test]
fn the_gutter_explains_its_figure_on_hover() {
    use egui_kittest::kittest::NodeT;
    let mut h = harness(StartupOptions::default());
    let label = h
        .query_all_by_role(Role::Row)
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.starts_with("Row ") && !l.contains("not in"))
        .expect("a paired row is shown");
    h.get_by_label(&label).hover();
    h.run();
    let figure = label
        .split_once(" · match ")
        .and_then(|(_, rest)| rest.split_once(':'))
        .map(|(m, _)| m.to_string())
        .expect("a paired row's label carries its match figure");
    h.get_by_label_contains(&format!(
        "Match {figure}: how likely the two passages report the same claim"
    ));
    h.get_by_label_contains("Wording in common after the word diff");
}
