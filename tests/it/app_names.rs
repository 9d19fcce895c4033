//! UI tests of source names in the viewer: renaming a source (Edit ▸ Rename sources… and the
//! column heading's context menu), kept in the app's settings for that set and never in the
//! article folder; and the readable label of a source whose file name was made by a machine.

use egui::{Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use parallax::app::state::Settings;
use parallax::app::{ParallaxApp, StartupOptions, View};

use crate::common::{harness, harness_with, repo_root, settle};

/// Types `name` into the Rename sources… field of `file`, replacing its text, and presses Enter.
fn type_name(h: &mut Harness<'static, ParallaxApp>, file: &str, name: &str) {
    let label = format!("Name of {file}");
    h.get_by_label(&label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label(&label).type_text(name);
    h.run();
    h.key_press(Key::Enter);
    settle(h);
}

fn source(h: &Harness<'static, ParallaxApp>, i: usize) -> String {
    h.state()
        .analysis()
        .and_then(|a| a.article(i))
        .map(|a| a.source.clone())
        .unwrap_or_default()
}

fn folder_files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("read fixture folder")
        .filter_map(Result::ok)
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn rename_a_source_everywhere_keep_it_for_the_set_and_reset_it() {
    let dir = tempfile::tempdir().unwrap();
    let src = repo_root().join("tests/fixtures/corpus/machine_named_files");
    for (name, bytes) in folder_files(&src) {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let before = folder_files(dir.path());
    let mut h = harness(StartupOptions {
        dir: Some(dir.path().to_path_buf()),
        left: Some("coastal_gazette".into()),
        right: Some("5f3a9c0e12b4d7a1".into()),
        ..Default::default()
    });
    let (l, r) = (h.state().side_by_side.left, h.state().side_by_side.right);
    let file = h
        .state()
        .analysis()
        .unwrap()
        .article(r)
        .unwrap()
        .file
        .clone();
    assert_eq!(source(&h, r), "Harbour bridge to close for…");

    // Right-click the right column's heading: Rename … opens the list on that source.
    h.get_by_role_and_label(Role::ColumnHeader, "Harbour bridge to close for…")
        .click_secondary();
    h.run();
    h.get_by_label("Rename “Harbour bridge to close for…”…")
        .click();
    h.run();
    h.get_by_label("Rename sources");
    // Its field is ready to type in.
    h.run();
    assert!(
        h.get_by_label(&format!("Name of {file}"))
            .accesskit_node()
            .is_focused(),
        "the renamed source's field has the keyboard focus"
    );
    type_name(&mut h, &file, "  The   Harbour Post ");

    // Every view shows the new name: the column heading and legend, the story map's column,
    // the framing review's row; and the settings keep it for this folder.
    assert_eq!(source(&h, r), "The Harbour Post");
    h.get_by_role_and_label(Role::ColumnHeader, "The Harbour Post");
    h.get_by_label_contains("only in The Harbour Post");
    let framing_name = h
        .state()
        .analysis()
        .and_then(|a| a.framing.as_ref())
        .and_then(|f| f.profiles.iter().find(|p| p.article == r))
        .map(|p| p.source.clone());
    assert_eq!(framing_name.as_deref(), Some("The Harbour Post"));
    h.state_mut()
        .push(parallax::app::UiCommand::ShowView(View::StoryMap));
    settle(&mut h);
    h.get_by_label("Sort by The Harbour Post");
    let key = dir.path().display().to_string();
    assert_eq!(
        h.state()
            .settings
            .source_names
            .get(&key)
            .and_then(|m| m.get(&file))
            .map(String::as_str),
        Some("The Harbour Post")
    );
    assert_eq!(
        folder_files(dir.path()),
        before,
        "the article folder is untouched"
    );

    // A re-alignment keeps the name; a relaunch with the saved settings shows it again.
    h.state_mut()
        .push(parallax::app::SystemCommand::SetMinScore(0.2));
    settle(&mut h);
    assert_eq!(source(&h, r), "The Harbour Post");
    let saved: Settings = h.state().settings.clone();
    let mut h2 = harness_with(
        saved.clone(),
        StartupOptions {
            dir: Some(dir.path().to_path_buf()),
            ..Default::default()
        },
    );
    assert_eq!(source(&h2, r), "The Harbour Post");
    assert_eq!(source(&h2, l), "coastal_gazette");

    // Reset gives back the name the set gives it, and the settings forget it.
    h2.state_mut().push(parallax::app::UiCommand::ShowSources);
    settle(&mut h2);
    let resets: Vec<_> = h2
        .query_all_by_role_and_label(Role::Button, "Reset")
        .collect();
    assert_eq!(resets.len(), 3, "one Reset per article");
    h2.state_mut()
        .push(parallax::app::SystemCommand::RenameSource {
            article: r,
            name: String::new(),
        });
    settle(&mut h2);
    assert_eq!(source(&h2, r), "Harbour bridge to close for…");
    assert!(!h2.state().settings.source_names.contains_key(&key));
    // Another set is not touched by this set's names.
    let other = Settings {
        source_names: saved.source_names,
        ..Default::default()
    };
    let h3 = harness_with(other, StartupOptions::default());
    let seeds = parallax::corpus::seeds();
    for (i, a) in seeds.articles.iter().enumerate() {
        assert_eq!(source(&h3, i), a.source);
    }
}

#[test]
fn a_machine_named_source_reads_as_its_title_with_the_file_in_the_tooltip() {
    let h = harness(StartupOptions {
        dir: Some(repo_root().join("tests/fixtures/corpus/machine_named_files")),
        left: Some("5f3a9c0e12b4d7a1".into()),
        right: Some("0042_7e91c3aa".into()),
        ..Default::default()
    });
    // Headings name the sources readably, never by the machine-made file name.
    h.get_by_role_and_label(Role::ColumnHeader, "Harbour bridge to close for…");
    h.get_by_role_and_label(Role::ColumnHeader, "Harbour Times");
    assert!(
        h.query_by_label_contains("5f3a9c0e12b4d7a1").is_none(),
        "no label shows the file name outright"
    );
    // The file name is one hover away.
    h.get_by_role_and_label(Role::ColumnHeader, "Harbour bridge to close for…")
        .hover();
    let mut h = h;
    h.run();
    h.get_by_label_contains("File: 5f3a9c0e12b4d7a1.txt");
}
