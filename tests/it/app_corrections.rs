//! Correcting the alignment in the viewer: link two passages, unlink a row, undo with Ctrl+Z,
//! the corrections kept per set in the app's data directory and listed in Edit ▸ Corrections….

use egui::{Key, Modifiers, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::align::PassageRef;
use parallax::app::{ParallaxApp, StartupOptions};

use crate::common::{harness, settle};

fn open(data: &std::path::Path) -> Harness<'static, ParallaxApp> {
    harness(StartupOptions {
        data_dir: Some(data.to_path_buf()),
        ..Default::default()
    })
}

/// The side-by-side row at position `pos` (its accessible label starts "Row N:" or
/// "Row N · match …:").
fn row_node<'a>(h: &'a Harness<'static, ParallaxApp>, pos: usize) -> egui_kittest::Node<'a> {
    let (colon, dot) = (format!("Row {}:", pos + 1), format!("Row {} ·", pos + 1));
    h.query_by(move |n| {
        n.role() == Role::Row
            && n.label()
                .is_some_and(|l| l.starts_with(&colon) || l.starts_with(&dot))
    })
    .unwrap_or_else(|| panic!("row {} is not shown", pos + 1))
}

fn links(h: &Harness<'static, ParallaxApp>) -> usize {
    h.state().analysis().expect("a set").alignment.links.len()
}

fn evidence_manual(
    h: &Harness<'static, ParallaxApp>,
    x: PassageRef,
    y: PassageRef,
) -> Option<bool> {
    h.state()
        .analysis()
        .expect("a set")
        .alignment
        .evidence(x, y)
        .map(|e| e.manual)
}

#[test]
fn link_two_passages_by_hand_then_undo_with_ctrl_z() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut h = open(data.path());
    let before = links(&h);
    // A passage only the left source has, and the nearest one only the right source has.
    let (pos_l, pos_r, x, y) = {
        let sbs = &h.state().side_by_side;
        let c = sbs.comparison.as_ref().expect("a comparison");
        let only = |left: bool| -> Vec<usize> {
            (0..sbs.rows.len())
                .filter(|&p| {
                    let r = &c.rows[sbs.rows[p]].pair;
                    if left {
                        r.right.is_empty()
                    } else {
                        r.left.is_empty()
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
        let (lp, rp) = (
            c.rows[sbs.rows[pl]].pair.left[0],
            c.rows[sbs.rows[pr]].pair.right[0],
        );
        (
            pl,
            pr,
            PassageRef {
                article: sbs.left,
                passage: lp,
            },
            PassageRef {
                article: sbs.right,
                passage: rp,
            },
        )
    };
    assert_eq!(evidence_manual(&h, x, y), None, "not linked by the aligner");
    // Select the left passage, right-click the right one: "Link these passages".
    h.state_mut()
        .side_by_side
        .reveal_passage(x.article, x.passage);
    h.run();
    row_node(&h, pos_l).click();
    h.run();
    row_node(&h, pos_r).click_secondary();
    h.run();
    h.get_by_role_and_label(Role::Button, "Link these passages")
        .click();
    settle(&mut h);
    assert_eq!(evidence_manual(&h, x, y), Some(true), "linked by hand");
    assert_eq!(links(&h), before + 1);
    h.get_by_label_contains("Ctrl+Z undoes it");
    // The two passages now form one row, marked as paired by hand, and one event.
    let a = h.state().analysis().expect("a set");
    assert_eq!(a.alignment.event_of(x), a.alignment.event_of(y));
    assert!(a.alignment.event_of(x).is_some());
    // Kept for the set, outside the article folder.
    let kept = std::fs::read_dir(data.path().join("corrections"))
        .expect("corrections kept")
        .count();
    assert_eq!(kept, 1);

    // Ctrl+Z takes it back: the aligner's alignment again.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(evidence_manual(&h, x, y), None);
    assert_eq!(links(&h), before);
    h.get_by_label_contains("Undone: link of");
    assert_eq!(
        std::fs::read_dir(data.path().join("corrections"))
            .expect("store dir")
            .count(),
        0,
        "no corrections left, no file"
    );
}

#[test]
fn unlink_a_row_keeps_across_a_relaunch_and_is_listed_for_removal() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut h = open(data.path());
    let before = links(&h);
    // The first visible row the aligner paired.
    let (pos, pairs) = {
        let app = h.state();
        let sbs = &app.side_by_side;
        let c = sbs.comparison.as_ref().expect("a comparison");
        let al = &app.analysis().expect("a set").alignment;
        (0..sbs.rows.len())
            .find_map(|p| {
                let r = &c.rows[sbs.rows[p]].pair;
                let pairs: Vec<(PassageRef, PassageRef)> = r
                    .left
                    .iter()
                    .flat_map(|&l| {
                        r.right.iter().map(move |&rr| {
                            (
                                PassageRef {
                                    article: sbs.left,
                                    passage: l,
                                },
                                PassageRef {
                                    article: sbs.right,
                                    passage: rr,
                                },
                            )
                        })
                    })
                    .filter(|&(x, y)| al.evidence(x, y).is_some())
                    .collect();
                (!pairs.is_empty()).then_some((p, pairs))
            })
            .expect("a linked row")
    };
    row_node(&h, pos).click_secondary();
    h.run();
    h.get_by_role_and_label(Role::Button, "Unlink these passages")
        .click();
    settle(&mut h);
    let (x, y) = pairs[0];
    assert_eq!(evidence_manual(&h, x, y), None, "unlinked");
    assert_eq!(links(&h), before - pairs.len());
    h.get_by_label_contains("Unlinked by hand");
    drop(h);

    // Relaunch: the correction is applied again.
    let mut h = open(data.path());
    assert_eq!(evidence_manual(&h, x, y), None);
    assert_eq!(links(&h), before - pairs.len());
    h.get_by_label_contains("made by hand applied");
    // Edit ▸ Corrections… lists it; Remove takes it back.
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Corrections…")
        .click();
    settle(&mut h);
    h.get_by_label_contains("Unlinked: ");
    h.get_by_role_and_label(Role::Button, "Remove").click();
    settle(&mut h);
    if pairs.len() > 1 {
        // One correction per link: remove the others too.
        while h.query_by_role_and_label(Role::Button, "Remove").is_some() {
            h.get_by_role_and_label(Role::Button, "Remove").click();
            settle(&mut h);
        }
    }
    assert_eq!(links(&h), before);
    assert_eq!(
        evidence_manual(&h, x, y),
        Some(false),
        "the aligner's link is back"
    );
}

/// The text last put on the clipboard (then forgotten, so the next copy is seen afresh).
fn copied(h: &mut Harness<'static, ParallaxApp>) -> Option<String> {
    h.run();
    h.state_mut().last_copied.take()
}

#[test]
fn copy_a_row_with_ctrl_c_the_edit_menu_and_the_context_menu() {
    let mut h = harness(StartupOptions::default());
    let (pos, left, right, ln, rn) = {
        let app = h.state();
        let sbs = &app.side_by_side;
        let c = sbs.comparison.as_ref().expect("a comparison");
        let a = app.analysis().expect("a set");
        let pos = (0..sbs.rows.len())
            .find(|&p| {
                let r = &c.rows[sbs.rows[p]];
                !r.pair.left.is_empty() && !r.pair.right.is_empty()
            })
            .expect("a matched row");
        let r = &c.rows[sbs.rows[pos]];
        (
            pos,
            r.left_text.split_whitespace().collect::<Vec<_>>().join(" "),
            r.right_text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            a.corpus.articles[sbs.left].source.clone(),
            a.corpus.articles[sbs.right].source.clone(),
        )
    };
    // Nothing selected: Ctrl+C says how.
    h.key_press_modifiers(Modifiers::COMMAND, Key::C);
    h.run();
    let last = h.state().last_message().map(|m| m.text.clone());
    assert!(
        last.as_deref()
            .is_some_and(|m| m.contains("Select a row to copy it")),
        "{last:?}"
    );
    // Select the row, Ctrl+C: both passages after their source names.
    row_node(&h, pos).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::C);
    assert_eq!(copied(&mut h), Some(format!("{ln}: {left}\n{rn}: {right}")));
    h.run();
    h.get_by_label_contains("Copied row.");
    // Edit ▸ Copy does the same.
    h.get_by_label("Edit").click();
    h.run();
    h.query_by(|n| {
        n.role() == Role::Button
            && n.label()
                .is_some_and(|l| l == "Copy" || l.starts_with("Copy Ctrl"))
    })
    .expect("Edit > Copy")
    .click();
    assert_eq!(copied(&mut h), Some(format!("{ln}: {left}\n{rn}: {right}")));
    h.run();
    // Context menu: the passage right-clicked, and the row as Markdown.
    row_node(&h, pos).click_secondary();
    h.run();
    h.get_by_role_and_label(Role::Button, "Copy row as Markdown")
        .click();
    let md = copied(&mut h).expect("copied");
    assert!(
        md.starts_with(&format!(
            "| {} | {} |\n| --- | --- |\n| ",
            parallax::report::md_esc(&ln),
            parallax::report::md_esc(&rn)
        )),
        "{md}"
    );
    assert_eq!(md.lines().count(), 3, "{md}");
    h.run();
    row_node(&h, pos).click_secondary();
    h.run();
    h.get_by_role_and_label(Role::Button, "Copy passage")
        .click();
    let one = copied(&mut h).expect("copied");
    assert!(one == left || one == right, "{one}");
}

/// Every text the last frame put on the clipboard.
fn clipboard_writes(h: &Harness<'static, ParallaxApp>) -> Vec<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn select_words_of_a_passage_and_copy_only_them() {
    let mut h = harness(StartupOptions::default());
    let (pos, left) = {
        let sbs = &h.state().side_by_side;
        let c = sbs.comparison.as_ref().expect("a comparison");
        let pos = (0..sbs.rows.len())
            .find(|&p| {
                let r = &c.rows[sbs.rows[p]];
                !r.pair.left.is_empty() && r.left_text.len() > 80
            })
            .expect("a row with a long left passage");
        (pos, c.rows[sbs.rows[pos]].left_text.clone())
    };
    let row = row_node(&h, pos).rect();
    // Drag across the first line of the left passage, as a reader selects words.
    let y = row.top() + 16.0;
    h.hover_at(egui::pos2(row.left() + 12.0, y));
    h.run();
    h.drag_at(egui::pos2(row.left() + 12.0, y));
    h.run();
    h.hover_at(egui::pos2(row.left() + 120.0, y));
    h.run();
    h.hover_at(egui::pos2(row.left() + 220.0, y));
    h.run();
    h.drop_at(egui::pos2(row.left() + 220.0, y));
    h.run();
    // Ctrl+C copies the words selected, not the row. (One event, one frame: the frame's output
    // holds what it put on the clipboard.)
    h.event(egui::Event::Key {
        key: Key::C,
        pressed: true,
        modifiers: Modifiers::COMMAND,
        repeat: false,
        physical_key: None,
    });
    h.step();
    let writes = clipboard_writes(&h);
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = writes.last().cloned().unwrap_or_default();
    assert!(
        !text.trim().is_empty() && flat(&left).contains(flat(&text).as_str()),
        "copied {text:?} from {left:?} ({writes:?})"
    );
    assert!(
        text.chars().count() < left.chars().count() / 2,
        "only the selected words: {text:?}"
    );
    assert!(
        !text.contains(": "),
        "not the row with source names: {text:?}"
    );
    h.run();
    h.get_by_label_contains("Copied the selected text.");
    assert_eq!(h.state().last_copied, None, "the row was not copied");
    // A click elsewhere ends the selection: Ctrl+C copies the (clicked) row again.
    row_node(&h, pos).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::C);
    assert!(copied(&mut h).is_some_and(|t| t.contains(": ")));
}
