//! UI tests of the viewer in small windows (640×480, 480×360): every control stays inside the
//! window (toolbars wrap), the status bar's parts never overlap (the message is cut instead),
//! and One event keeps its buttons on screen.

use egui::Rect;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use parallax::app::state::Settings;
use parallax::app::{ParallaxApp, StartupOptions, SystemCommand, UiCommand, View};

use crate::common::{WAIT, settle};

fn harness_sized(w: f32, h: f32, args: StartupOptions) -> Harness<'static, ParallaxApp> {
    let mut args = args;
    args.data_dir = Some(tempfile::tempdir().expect("temp dir").keep());
    let mut app = ParallaxApp::new(Settings::default(), &args);
    assert!(app.wait_for_jobs(WAIT), "loading the set timed out");
    let mut h = Harness::builder()
        .with_size(egui::vec2(w, h))
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut ParallaxApp| app.ui(ui), app);
    settle(&mut h);
    h
}

/// The on-screen rectangle of the widget labelled `label` (the first when several are).
fn rect_of(h: &Harness<'static, ParallaxApp>, label: &str) -> Rect {
    h.query_all_by_label(label)
        .next()
        .unwrap_or_else(|| panic!("no widget labelled {label}"))
        .rect()
}

fn assert_inside(h: &Harness<'static, ParallaxApp>, size: (f32, f32), label: &str) {
    let r = rect_of(h, label);
    let window = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(size.0, size.1));
    assert!(
        window.expand(0.5).contains_rect(r),
        "{label} at {r:?} is outside the {}×{} window",
        size.0,
        size.1
    );
}

#[test]
fn every_side_by_side_control_is_inside_small_windows_and_the_status_bar_never_overlaps() {
    for size in [(640.0, 480.0), (480.0, 360.0)] {
        let mut h = harness_sized(
            size.0,
            size.1,
            StartupOptions {
                left: Some("1".into()),
                right: Some("4".into()),
                ..Default::default()
            },
        );
        // A long message, as after opening a folder with a deep path.
        h.state_mut().push(SystemCommand::CopyText {
            what: "a very long description of what was copied to show that the status bar \
                   cuts its message instead of running it under the counts"
                .into(),
            text: "x".into(),
        });
        settle(&mut h);
        for label in [
            "File",
            "Edit",
            "View",
            "Navigate",
            "Help",
            "Side by side",
            "Story map",
            "One event",
            "Framing review",
            "Left source",
            "Swap sides",
            "Right source",
            "All rows",
            "Differences only",
            "Unmatched only",
            "Framing only",
            "Previous",
            "Next",
            "Find…",
        ] {
            assert_inside(&h, size, label);
        }
        let warnings = h
            .query_all_by(|n| {
                n.label()
                    .is_some_and(|l| l.ends_with("warnings") || l.ends_with("warning"))
            })
            .next()
            .expect("the warnings button")
            .rect();
        assert!(
            warnings.right() <= size.0 + 0.5,
            "warnings button on screen"
        );
        // The status bar's texts, left to right, do not overlap one another.
        let bar_top = warnings.top() - 2.0;
        // Labels carry their text as the value; TextRuns are the table's clipped lines.
        let text_of = |n: &egui_kittest::Node<'_>| {
            let a = n.accesskit_node();
            a.value().or_else(|| a.label()).unwrap_or_default()
        };
        let mut parts: Vec<(Rect, String)> = h
            .query_all_by(|n| n.role() == egui::accesskit::Role::Label)
            .filter(|n| n.accesskit_node().bounding_box().is_some())
            .filter(|n| n.rect().top() >= bar_top && n.rect().bottom() <= size.1 + 0.5)
            .map(|n| (n.rect(), text_of(&n)))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        assert!(
            parts
                .iter()
                .any(|(_, l)| l.starts_with("Copied a very long description")),
            "the message is in the status bar: {parts:?}"
        );
        parts.push((warnings, "warnings".into()));
        parts.sort_by(|a, b| a.0.left().total_cmp(&b.0.left()));
        for w in parts.windows(2) {
            assert!(
                w[0].0.right() <= w[1].0.left() + 0.5,
                "{:?} overlaps {:?} at {}×{}",
                w[0].1,
                w[1].1,
                size.0,
                size.1
            );
        }
        for (r, l) in &parts {
            assert!(
                r.left() >= -0.5 && r.right() <= size.0 + 0.5,
                "{l} at {r:?}"
            );
        }
    }
}

#[test]
fn one_event_keeps_its_controls_on_screen_in_a_small_window() {
    for size in [(640.0, 480.0), (480.0, 360.0)] {
        let mut h = harness_sized(size.0, size.1, StartupOptions::default());
        h.state_mut().push(UiCommand::ShowView(View::Event));
        settle(&mut h);
        assert_inside(&h, size, "Reference source");
        let buttons: Vec<Rect> = h
            .query_all_by_label("Side by side")
            .map(|n| n.rect())
            .filter(|r| r.top() > 60.0)
            .collect();
        assert!(!buttons.is_empty(), "each source links to Side by side");
        for r in buttons {
            assert!(
                r.right() <= size.0 + 0.5,
                "Side by side button at {r:?} is cut off"
            );
        }
    }
}

#[test]
fn framing_review_keeps_the_source_column_beside_figures_that_scroll_sideways() {
    let size = (640.0, 480.0);
    let mut h = harness_sized(size.0, size.1, StartupOptions::default());
    h.state_mut().push(UiCommand::ShowView(View::Framing));
    settle(&mut h);
    let profiles: Vec<(usize, String)> = h
        .state()
        .analysis()
        .and_then(|a| a.framing.as_ref())
        .map(|f| {
            f.profiles
                .iter()
                .map(|p| (p.article, p.source.clone()))
                .collect()
        })
        .unwrap_or_default();
    assert!(profiles.len() >= 2);
    for (_, source) in &profiles {
        // The name, in the frozen column at the left edge…
        let name = h
            .query_all_by(|n| {
                n.role() == egui::accesskit::Role::Label && n.value().is_some_and(|v| v == *source)
            })
            .map(|n| n.rect())
            .min_by(|a, b| a.left().total_cmp(&b.left()))
            .unwrap_or_else(|| panic!("no label for {source}"));
        assert!(name.left() < 40.0, "{source} at {name:?}");
        // …on the line of its figures, which run past the window's edge (they scroll).
        let quoted = rect_of(&h, &format!("{source}: quoted words"));
        assert!(quoted.left() > name.right(), "figures right of the names");
        assert!(
            (quoted.center().y - name.center().y).abs() < 3.0,
            "{source}: name at {name:?}, its figures at {quoted:?}"
        );
        let last = h
            .query_all_by(|n| {
                n.role() == egui::accesskit::Role::Button
                    && n.label()
                        .is_some_and(|l| l.starts_with(&format!("{source}: ")))
            })
            .map(|n| n.rect().right())
            .fold(0.0f32, f32::max);
        assert!(
            last > size.0,
            "the figures are wider than the window: {last}"
        );
    }
    // Scroll the figures sideways (a trackpad swipe over them): they move, the names stay.
    let (_, first) = &profiles[0];
    let name_before = h
        .query_all_by(|n| {
            n.role() == egui::accesskit::Role::Label && n.value().is_some_and(|v| v == *first)
        })
        .map(|n| n.rect())
        .min_by(|a, b| a.left().total_cmp(&b.left()))
        .expect("the first name");
    let quoted_before = rect_of(&h, &format!("{first}: quoted words"));
    h.hover_at(quoted_before.center());
    h.run();
    for _ in 0..4 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(-120.0, 0.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
        h.run();
    }
    let quoted_after = rect_of(&h, &format!("{first}: quoted words"));
    assert!(
        quoted_after.left() < quoted_before.left() - 50.0,
        "the figures scrolled: {quoted_before:?} -> {quoted_after:?}"
    );
    let name_after = h
        .query_all_by(|n| {
            n.role() == egui::accesskit::Role::Label && n.value().is_some_and(|v| v == *first)
        })
        .map(|n| n.rect())
        .min_by(|a, b| a.left().total_cmp(&b.left()))
        .expect("the first name");
    assert!(
        (name_after.left() - name_before.left()).abs() < 0.5,
        "the name stayed: {name_before:?} -> {name_after:?}"
    );
}

/// The top-left corner of the first label whose text is `text`.
fn label_rect(h: &Harness<'static, ParallaxApp>, text: &str) -> Rect {
    h.query_all_by(|n| {
        n.role() == egui::accesskit::Role::Label && n.value().is_some_and(|v| v == text)
    })
    .map(|n| n.rect())
    .min_by(|a, b| a.left().total_cmp(&b.left()))
    .unwrap_or_else(|| panic!("no label {text}"))
}

fn wheel(h: &mut Harness<'static, ParallaxApp>, delta: egui::Vec2) {
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
}

/// Who is quoted has the sources as columns: when they run past a small window and scroll
/// sideways, the speaker column stays where it is, on the line of its figures; the page itself
/// never scrolls sideways.
#[test]
fn framing_review_keeps_the_speaker_column_when_who_is_quoted_scrolls_sideways() {
    let size = (640.0, 480.0);
    let mut h = harness_sized(size.0, size.1, StartupOptions::default());
    h.state_mut().push(UiCommand::ShowView(View::Framing));
    settle(&mut h);
    let (sources, speaker) = {
        let f = h
            .state()
            .analysis()
            .and_then(|a| a.framing.clone())
            .expect("framing");
        let sources: Vec<String> = f.profiles.iter().map(|p| p.source.clone()).collect();
        // The speaker the first source quotes most.
        let speaker = f
            .profiles
            .first()
            .and_then(|p| p.speakers.iter().max_by_key(|s| s.words))
            .map(|s| s.name.clone())
            .expect("the first source quotes someone");
        (sources, speaker)
    };
    // Scroll the page down until the speaker's row is in view.
    for _ in 0..40 {
        let r = label_rect(&h, &speaker);
        if r.bottom() < size.1 - 60.0 && r.top() > 80.0 {
            break;
        }
        h.hover_at(egui::pos2(size.0 / 2.0, size.1 / 2.0));
        wheel(&mut h, egui::vec2(0.0, -60.0));
    }
    let name_before = label_rect(&h, &speaker);
    assert!(
        name_before.top() > 60.0 && name_before.bottom() < size.1,
        "{name_before:?}"
    );
    assert!(
        name_before.left() < 40.0,
        "the speaker column is at the left edge"
    );
    let figure = |h: &Harness<'static, ParallaxApp>, source: &str| {
        h.query_all_by_label(&format!("{source}: {speaker}"))
            .next()
            .map(|n| n.rect())
    };
    let first = figure(&h, &sources[0]).expect("the first source's figure");
    assert!(
        (first.center().y - name_before.center().y).abs() < 3.0,
        "same line"
    );
    let right_edge = sources
        .iter()
        .filter_map(|s| figure(&h, s))
        .map(|r| r.right())
        .fold(0.0f32, f32::max);
    let header_right = sources
        .iter()
        .map(|s| label_rect(&h, s).right())
        .fold(right_edge, f32::max);
    assert!(
        header_right > size.0,
        "the columns run past the window: {header_right}"
    );
    h.hover_at(first.center());
    h.run();
    for _ in 0..4 {
        wheel(&mut h, egui::vec2(-120.0, 0.0));
    }
    let moved = figure(&h, &sources[0]).expect("the first source's figure");
    assert!(
        moved.left() < first.left() - 50.0,
        "the figures scrolled: {first:?} -> {moved:?}"
    );
    let name_after = label_rect(&h, &speaker);
    assert!(
        (name_after.left() - name_before.left()).abs() < 0.5
            && (name_after.top() - name_before.top()).abs() < 0.5,
        "the speaker stayed: {name_before:?} -> {name_after:?}"
    );
}
