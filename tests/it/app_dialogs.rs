//! UI tests of the system's file and folder dialogs, one mechanism behind every window that
//! offers one. The desktop is replaced by a backend that answers as a desktop does — a choice,
//! no dialog service at all, a dialog that died — and records what it was asked to show.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::align::PassageRef;
use parallax::app::file_dialog::{
    DialogAnswer, DialogBackend, DialogFor, DialogKind, DialogRequest,
};
use parallax::app::state::SetSource;
use parallax::app::{ParallaxApp, StartupOptions, SystemCommand, UiCommand};

use crate::common::{harness, settle};

/// One scripted answer: what the "user" does in the dialog.
enum Act {
    Answer(DialogAnswer),
    /// The dialog's thread dies (a broken portal, a bug in the toolkit).
    Die,
}

/// A desktop that answers each dialog with the next scripted act and records the requests.
#[derive(Default)]
struct Scripted {
    acts: Mutex<Vec<Act>>,
    asked: Mutex<Vec<DialogRequest>>,
}

impl DialogBackend for Scripted {
    fn show(&self, request: &DialogRequest) -> DialogAnswer {
        self.asked.lock().unwrap().push(request.clone());
        let act = {
            let mut acts = self.acts.lock().unwrap();
            assert!(!acts.is_empty(), "a dialog nobody scripted: {request:?}");
            acts.remove(0)
        };
        match act {
            Act::Answer(a) => a,
            Act::Die => panic!("the dialog's toolkit crashed"),
        }
    }
}

/// Puts a scripted desktop into the app.
fn desktop(h: &mut Harness<'static, ParallaxApp>, acts: Vec<Act>) -> Arc<Scripted> {
    let d = Arc::new(Scripted {
        acts: Mutex::new(acts),
        asked: Mutex::default(),
    });
    h.state_mut().set_dialog_backend(d.clone());
    d
}

fn asked(d: &Scripted) -> Vec<DialogRequest> {
    d.asked.lock().unwrap().clone()
}

/// A folder with two short articles.
fn two_articles() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("harbour-gazette.txt"),
        "Dockers walk out\n\nDock workers began a strike on Monday over pay.",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("city-post.txt"),
        "Port stoppage\n\nPort staff stopped work on Monday in a dispute about wages.",
    )
    .unwrap();
    dir
}

fn open_folder(h: &Harness<'static, ParallaxApp>) -> Option<PathBuf> {
    match h.state().loaded.as_ref().map(|l| &l.source) {
        Some(SetSource::Folder(d)) => Some(d.clone()),
        _ => None,
    }
}

#[test]
fn open_folder_opens_the_folder_chosen_and_offers_the_path_field_when_no_dialog_exists() {
    let dir = two_articles();
    let mut h = harness(StartupOptions::default());
    let d = desktop(
        &mut h,
        vec![
            Act::Answer(DialogAnswer::Chosen(dir.path().to_path_buf())),
            Act::Answer(DialogAnswer::Cancelled),
            Act::Answer(DialogAnswer::NoService),
        ],
    );
    // File ▸ Open folder…: the folder chosen opens.
    h.get_by_label("File").click();
    h.run();
    // (A menu entry's label ends with its shortcut.)
    h.get_by_label_contains("Open folder…").click();
    settle(&mut h);
    assert_eq!(open_folder(&h).as_deref(), Some(dir.path()));
    let first = &asked(&d)[0];
    assert_eq!(first.kind, DialogKind::Folder);
    assert_eq!(first.purpose, DialogFor::OpenFolder);
    // Cancelled: nothing changes, nothing is said, no path field.
    h.state_mut().push(UiCommand::OpenFolder);
    settle(&mut h);
    assert_eq!(open_folder(&h).as_deref(), Some(dir.path()));
    assert!(!h.state().open_dialog.open);
    // Next time it starts where the last folder was.
    assert_eq!(
        asked(&d)[1].dir.as_deref(),
        Some(dir.path()),
        "the dialog starts in the last folder"
    );
    // No dialog service: the path field opens and says why.
    h.state_mut().push(UiCommand::OpenFolder);
    settle(&mut h);
    assert!(h.state().open_dialog.open, "the path field is the way left");
    h.get_by_label_contains("offers no file dialog");
    h.get_by_label("Folder path");
    assert_eq!(asked(&d).len(), 3);
}

#[test]
fn lexicon_browse_uses_the_file_chosen_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("our-desk.toml");
    std::fs::write(
        &good,
        "[[category]]\nid = \"hedge\"\nlabel = \"Softeners (our desk)\"\n\
         explanation = \"Words our desk flags as softening.\"\nterms = [\"reportedly\", \"may\"]\n",
    )
    .unwrap();
    let mut h = harness(StartupOptions::default());
    let d = desktop(
        &mut h,
        vec![
            Act::Answer(DialogAnswer::Chosen(good.clone())),
            Act::Answer(DialogAnswer::NoService),
        ],
    );
    h.state_mut().push(UiCommand::ToggleSettings);
    settle(&mut h);
    h.get_by_role_and_label(Role::Button, "Browse…").click();
    settle(&mut h);
    let r = &asked(&d)[0];
    assert_eq!(
        (r.purpose, r.kind),
        (DialogFor::Lexicon, DialogKind::OpenFile)
    );
    assert!(r.filters.iter().any(|(_, ext)| ext.contains(&"toml")));
    assert_eq!(h.state().settings.lexicon.as_deref(), Some(good.as_path()));
    assert_eq!(h.state().legend().label("hedge"), "Softeners (our desk)");
    assert_eq!(
        h.state().settings_panel.lexicon_path,
        good.display().to_string()
    );
    // Without a dialog service the panel says so; the lexicon in use stays.
    h.get_by_role_and_label(Role::Button, "Browse…").click();
    settle(&mut h);
    h.get_by_label_contains("offers no file dialog");
    assert_eq!(h.state().settings.lexicon.as_deref(), Some(good.as_path()));
}

#[test]
fn export_choose_fills_the_field_and_a_dialog_that_dies_is_said_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("desk review.md");
    let mut h = harness(StartupOptions::default());
    let d = desktop(
        &mut h,
        vec![Act::Answer(DialogAnswer::Chosen(out.clone())), Act::Die],
    );
    h.state_mut().push(UiCommand::ExportReport);
    settle(&mut h);
    h.get_by_role_and_label(Role::Button, "Choose…").click();
    settle(&mut h);
    let r = &asked(&d)[0];
    assert_eq!(
        (r.purpose, r.kind),
        (DialogFor::ExportReport, DialogKind::SaveFile)
    );
    assert!(r.file_name.as_deref().is_some_and(|n| n.ends_with(".html")));
    assert_eq!(h.state().export.path, out.display().to_string());
    h.get_by_label_contains("Format: Markdown");
    // The dialog's thread dies: the window says so and still works with a typed path.
    h.get_by_role_and_label(Role::Button, "Choose…").click();
    settle(&mut h);
    h.get_by_label_contains("closed unexpectedly");
    h.get_by_role_and_label(Role::Button, "Export").click();
    settle(&mut h);
    let text = std::fs::read_to_string(&out).expect("the report was written");
    assert!(text.contains("\n# "), "a Markdown report: {text:.200}");
}

#[test]
fn save_corrections_browse_writes_the_file_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("desk corrections.json");
    let mut h = harness(StartupOptions::default());
    let d = desktop(
        &mut h,
        vec![Act::Answer(DialogAnswer::Chosen(file.clone()))],
    );
    // One correction: unlink a pair of the two sources shown.
    let (l, r) = (h.state().side_by_side.left, h.state().side_by_side.right);
    let linked = h.state().analysis().and_then(|a| {
        a.alignment
            .links
            .iter()
            .find(|k| (k.a.article, k.b.article) == (l, r) || (k.a.article, k.b.article) == (r, l))
            .map(|k| (k.a, k.b))
    });
    let (x, y): (PassageRef, PassageRef) = linked.expect("the seeds' pair has a link");
    h.state_mut()
        .push(SystemCommand::UnlinkPassages(vec![(x, y)]));
    h.state_mut().push(UiCommand::ToggleCorrections);
    settle(&mut h);
    h.get_by_role_and_label(Role::Button, "Browse…").click();
    settle(&mut h);
    let req = &asked(&d)[0];
    assert_eq!(
        (req.purpose, req.kind),
        (DialogFor::SaveCorrections, DialogKind::SaveFile)
    );
    let saved = parallax::corrections::Corrections::load(&file).expect("written at once");
    assert_eq!(saved.corrections.len(), 1);
    h.get_by_label_contains("Saved 1 correction to");
    assert!(
        Path::new(&h.state().corrections_save_as) == file,
        "the field shows the file chosen"
    );
}
