//! UI tests of the viewer's way out to files: framing computed again after a hand correction
//! (in the background), Save corrections as… (a file the command line applies), opening an
//! article's original file or page (never through a link out of the folder), and choosing a
//! framing lexicon in Settings.

use std::sync::{Arc, Mutex};

use egui::{Key, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use parallax::align::PassageRef;
use parallax::app::{ParallaxApp, StartupOptions, SystemCommand, UiCommand};

use crate::common::{harness, settle};

/// A passage only the left source has, in the whole set (linked to no other article), and the
/// nearest such passage of the right source.
fn one_source_pair(h: &Harness<'static, ParallaxApp>) -> (PassageRef, PassageRef) {
    let sbs = &h.state().side_by_side;
    let c = sbs.comparison.as_ref().expect("a comparison");
    let al = &h.state().analysis().expect("an analysis").alignment;
    let (unique_l, unique_r) = (al.unique_passages(sbs.left), al.unique_passages(sbs.right));
    let only = |left: bool| -> Vec<usize> {
        (0..sbs.rows.len())
            .filter(|&p| {
                let r = &c.rows[sbs.rows[p]].pair;
                if left {
                    r.right.is_empty() && r.left.len() == 1 && unique_l.contains(&r.left[0])
                } else {
                    r.left.is_empty() && r.right.len() == 1 && unique_r.contains(&r.right[0])
                }
            })
            .collect()
    };
    let (ls, rs) = (only(true), only(false));
    let (&pl, &pr) = ls
        .iter()
        .flat_map(|l| rs.iter().map(move |r| (l, r)))
        .min_by_key(|(l, r)| l.abs_diff(**r))
        .expect("both sources have a passage of their own");
    (
        PassageRef {
            article: sbs.left,
            passage: c.rows[sbs.rows[pl]].pair.left[0],
        },
        PassageRef {
            article: sbs.right,
            passage: c.rows[sbs.rows[pr]].pair.right[0],
        },
    )
}

fn unique_passages(h: &Harness<'static, ParallaxApp>, article: usize) -> usize {
    h.state()
        .analysis()
        .and_then(|a| a.framing.as_ref())
        .and_then(|f| f.profiles.iter().find(|p| p.article == article))
        .map_or(0, |p| p.unique_passages)
}

#[test]
fn a_link_by_hand_reframes_in_the_background_and_saves_as_a_file_the_cli_applies() {
    let mut h = harness(StartupOptions::default());
    let (x, y) = one_source_pair(&h);
    let (ux, uy) = (
        unique_passages(&h, x.article),
        unique_passages(&h, y.article),
    );
    h.state_mut().push(SystemCommand::LinkPassages(x, y));
    h.state_mut().apply_pending();
    // The rows change at once; the framing follows from a background job.
    assert!(
        h.state().jobs.framing.is_some(),
        "framing is computed again off the UI thread"
    );
    settle(&mut h);
    assert!(h.state().jobs.framing.is_none());
    assert!(
        h.state()
            .loaded
            .as_ref()
            .is_some_and(|l| l.reframing.is_none()),
        "the new framing was applied"
    );
    // Both passages are now reported by another source: one fewer one-source passage each.
    assert_eq!(unique_passages(&h, x.article), ux - 1);
    assert_eq!(unique_passages(&h, y.article), uy - 1);

    // Edit > Corrections… > Save as: a file `parallax align --corrections FILE` applies.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("our corrections.json");
    h.state_mut().push(UiCommand::ToggleCorrections);
    settle(&mut h);
    h.get_by_label("Save as").focus();
    h.run();
    h.get_by_label("Save as")
        .type_text(&file.display().to_string());
    h.run();
    h.get_by_role_and_label(Role::Button, "Save").click();
    settle(&mut h);
    h.get_by_label_contains("Saved 1 correction to");
    let saved = parallax::corrections::Corrections::load(&file).expect("a corrections file");
    assert_eq!(saved.corrections.len(), 1);
    let seeds = parallax::corpus::seeds();
    assert_eq!(saved.corrections[0].a.file, seeds.articles[x.article].file);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("align")
        .arg("--json")
        .arg("--corrections")
        .arg(&file)
        .output()
        .expect("run parallax align");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = String::from_utf8_lossy(&out.stdout);
    assert!(
        json.contains("\"source\": \"manual\""),
        "a manual link in align --json"
    );
}

/// The app with a recording opener: what it was asked to open.
fn recording(h: &mut Harness<'static, ParallaxApp>) -> Arc<Mutex<Vec<String>>> {
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let s = seen.clone();
    h.state_mut().opener = Arc::new(move |t: &std::ffi::OsStr| {
        s.lock().unwrap().push(t.to_string_lossy().into_owned());
        Ok(())
    });
    seen
}

#[cfg(unix)]
#[test]
fn open_the_original_file_or_page_but_never_through_a_link_out_of_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("harbour.md"),
        "---\ntitle: Harbour bridge closes\nsource: Harbour Times\nurl: https://harbour.example/bridge\n---\n\n\
         The harbour bridge closes in November for repairs, the council said.\n",
    )
    .unwrap();
    std::fs::write(
        outside.path().join("secret.txt"),
        "Bridge to close\n\nThe harbour bridge will close for repairs in November, officials said.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("linked.txt"),
        "Bridge shut for winter\n\nThe harbour bridge closes in November for repairs, the council said.\n",
    )
    .unwrap();
    let mut h = harness(StartupOptions {
        dir: Some(dir.path().to_path_buf()),
        left: Some("harbour".into()),
        right: Some("linked".into()),
        ..Default::default()
    });
    let seen = recording(&mut h);
    let (l, r) = (h.state().side_by_side.left, h.state().side_by_side.right);
    // From the row's context menu, right-clicking the left passage, as a reader does.
    let row = h
        .query_all_by_role(Role::Row)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.contains("closes in November") && !l.contains("not in"))
        })
        .expect("the row pairing both reports")
        .rect();
    let at = egui::pos2(row.left() + row.width() * 0.25, row.center().y);
    h.hover_at(at);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.run();
    h.get_by_role_and_label(Role::Button, "Open the original file")
        .click();
    settle(&mut h);
    let real = dir.path().join("harbour.md").canonicalize().unwrap();
    assert_eq!(*seen.lock().unwrap(), vec![real.display().to_string()]);
    h.state_mut().push(SystemCommand::OpenOriginal {
        article: l,
        web: true,
    });
    settle(&mut h);
    assert_eq!(
        seen.lock().unwrap().last().map(String::as_str),
        Some("https://harbour.example/bridge")
    );
    // The file was replaced by a link out of the folder since it loaded (the loader skips such
    // links): not opened, and said where it leads.
    std::fs::remove_file(dir.path().join("linked.txt")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        dir.path().join("linked.txt"),
    )
    .unwrap();
    h.state_mut().push(SystemCommand::OpenOriginal {
        article: r,
        web: false,
    });
    settle(&mut h);
    assert_eq!(seen.lock().unwrap().len(), 2, "nothing more was opened");
    let said = h.state().last_message().map(|m| (m.text.clone(), m.error));
    assert!(
        said.as_ref()
            .is_some_and(|(t, e)| *e && t.contains("leads out of the article folder")),
        "{said:?}"
    );
    // No address known: said so.
    h.state_mut().push(SystemCommand::OpenOriginal {
        article: r,
        web: true,
    });
    settle(&mut h);
    assert!(
        h.state()
            .last_message()
            .is_some_and(|m| m.text.starts_with("No web address is known"))
    );
    assert_eq!(seen.lock().unwrap().len(), 2);
}

#[test]
fn the_samples_have_no_file_to_open() {
    let mut h = harness(StartupOptions::default());
    let seen = recording(&mut h);
    h.state_mut().push(SystemCommand::OpenOriginal {
        article: 0,
        web: false,
    });
    settle(&mut h);
    assert!(seen.lock().unwrap().is_empty());
    assert!(
        h.state()
            .last_message()
            .is_some_and(|m| m.text.contains("built into Parallax"))
    );
}

#[test]
fn settings_lexicon_uses_a_file_of_ones_own_and_says_why_a_bad_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("our-desk.toml");
    std::fs::write(
        &good,
        "[[category]]\nid = \"hedge\"\nlabel = \"Softeners (our desk)\"\n\
         explanation = \"Words our desk flags as softening.\"\nterms = [\"reportedly\", \"may\"]\n",
    )
    .unwrap();
    let bad = dir.path().join("not-a-lexicon.toml");
    std::fs::write(&bad, "this is [not toml").unwrap();
    let mut h = harness(StartupOptions::default());
    h.state_mut().push(UiCommand::ToggleSettings);
    settle(&mut h);
    let type_path = |h: &mut Harness<'static, ParallaxApp>, p: &std::path::Path| {
        h.get_by_label("Lexicon file").focus();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
        h.run();
        h.get_by_label("Lexicon file")
            .type_text(&p.display().to_string());
        h.run();
        h.get_by_role_and_label(Role::Button, "Use this lexicon")
            .click();
        settle(h);
    };
    // A bad file: the error under the field, nothing changes, nothing crashes.
    type_path(&mut h, &bad);
    let err = h.state().settings_panel.lexicon_error.clone();
    assert!(
        err.as_deref()
            .is_some_and(|e| e.contains("not-a-lexicon.toml")),
        "{err:?}"
    );
    h.get_by_label_contains("The current lexicon stays");
    assert_eq!(h.state().settings.lexicon, None);
    assert_ne!(h.state().legend().label("hedge"), "Softeners (our desk)");
    // A good one: the set is framed with it, the legend has its labels, the settings keep it.
    type_path(&mut h, &good);
    assert_eq!(h.state().settings_panel.lexicon_error, None);
    assert_eq!(h.state().settings.lexicon.as_deref(), Some(good.as_path()));
    assert_eq!(h.state().legend().label("hedge"), "Softeners (our desk)");
    h.get_by_label_contains("In use: ");
    // Back to the built-in one.
    h.get_by_role_and_label(Role::Button, "Built-in").click();
    settle(&mut h);
    assert_eq!(h.state().settings.lexicon, None);
    assert_ne!(h.state().legend().label("hedge"), "Softeners (our desk)");
}
