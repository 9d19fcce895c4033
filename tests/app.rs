//! UI tests of the desktop viewer, driven through egui_kittest by labels and roles: open the
//! seeds, pick sources with the pickers, find aligned passages, step through differences with
//! the keyboard, open folders through the open-folder command, and keep the current set when
//! an open fails.

use std::path::Path;
use std::time::Duration;

use egui::{Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::app::ParallaxApp;
use parallax::app::state::Settings;
use parallax::cli::ViewArgs;
use parallax::corpus;

const WAIT: Duration = Duration::from_secs(120);

fn harness(args: ViewArgs) -> Harness<'static, ParallaxApp> {
    let mut app = ParallaxApp::new(Settings::default(), &args);
    assert!(app.wait_for_jobs(WAIT), "loading the set timed out");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut ParallaxApp| app.ui(ui), app);
    settle(&mut h);
    h
}

/// Runs frames, waits for background jobs, and runs frames again until both are quiet.
fn settle(h: &mut Harness<'static, ParallaxApp>) {
    for _ in 0..4 {
        h.run();
        assert!(
            h.state_mut().wait_for_jobs(WAIT),
            "background job timed out"
        );
    }
    h.run();
}

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
    let mut h = harness(ViewArgs::default());
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
    let mut h = harness(ViewArgs::default());
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
    let mut h = harness(ViewArgs {
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
    let mut h = harness(ViewArgs::default());
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
    let mut h = harness(ViewArgs::default());
    let before = h.state().analysis().map(|a| a.corpus.articles.len());
    open_by_path(&mut h, empty.path());
    h.get_by_label_contains(&format!("Could not open {}", empty.path().display()));
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
    // Shown in the status bar and listed in the (open) warnings panel.
    assert_eq!(h.query_all_by_label_contains(&msg).count(), 2);
    assert_eq!(
        h.state().analysis().map(|a| a.corpus.articles.len()),
        before
    );
}

#[test]
fn keyboard_shortcuts_are_listed_from_the_commands() {
    let mut h = harness(ViewArgs::default());
    let shown = |h: &Harness<'static, ParallaxApp>, label: &str| {
        h.query_all_by_label(label).next().is_some()
    };
    assert!(!shown(&h, "Next left source"), "not listed before F1");
    h.key_press(Key::F1);
    h.run();
    for c in parallax::app::Command::catalogue() {
        if !c.shortcuts().is_empty() {
            assert!(shown(&h, &c.label()), "{} is listed", c.label());
        }
    }
}
