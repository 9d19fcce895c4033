//! Hand corrections of the alignment from the command line: `align --corrections FILE` and
//! `report --corrections FILE` (links made by hand are `"source": "manual"`).

use std::process::Command;

use parallax::align::{AlignOptions, PassageRef};
use parallax::corrections::{Action, Corrections};
use parallax::progress::Progress;

/// A corrections file for the seeds linking two passages the aligner leaves apart and
/// unlinking the aligner's first link; returns (file, linked pair, unlinked pair).
fn seed_corrections(
    dir: &std::path::Path,
) -> (
    std::path::PathBuf,
    (PassageRef, PassageRef),
    (PassageRef, PassageRef),
) {
    let corpus = parallax::corpus::seeds();
    let al = parallax::align::align(&corpus, &AlignOptions::default(), &Progress::new())
        .expect("not cancelled");
    let unique = al.unique_by_article();
    let a = PassageRef {
        article: 0,
        passage: unique[0][0],
    };
    let b = PassageRef {
        article: 2,
        passage: unique[2][0],
    };
    let gone = al.links[0];
    let mut c = Corrections::default();
    assert!(c.push(Action::Link, &corpus, &al, a, b));
    assert!(c.push(Action::Unlink, &corpus, &al, gone.a, gone.b));
    let file = dir.join("my corrections.json");
    c.save(&file).expect("saved");
    (file, (a, b), (gone.a, gone.b))
}

fn pair_of(link: &serde_json::Value) -> (u64, u64, u64, u64) {
    let n = |v: &serde_json::Value| v.as_u64().expect("index");
    (
        n(&link["a"]["article"]),
        n(&link["a"]["passage"]),
        n(&link["b"]["article"]),
        n(&link["b"]["passage"]),
    )
}

#[test]
fn align_json_marks_links_made_by_hand_and_drops_unlinked_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (file, (a, b), (ua, ub)) = seed_corrections(dir.path());
    let v = crate::common::cli_json([
        std::ffi::OsStr::new("align"),
        "--json".as_ref(),
        "--corrections".as_ref(),
        file.as_os_str(),
    ]);
    let links = v["links"].as_array().expect("links");
    let key = |p: PassageRef, q: PassageRef| {
        (
            p.article as u64,
            p.passage as u64,
            q.article as u64,
            q.passage as u64,
        )
    };
    let manual: Vec<_> = links.iter().filter(|l| l["source"] == "manual").collect();
    assert_eq!(manual.len(), 1, "one link made by hand");
    assert_eq!(pair_of(manual[0]), key(a, b));
    assert_eq!(manual[0]["score"], 1.0);
    assert!(
        links
            .iter()
            .all(|l| l["source"] == "manual" || l["source"] == "aligner")
    );
    assert!(
        !links.iter().any(|l| pair_of(l) == key(ua, ub)),
        "the unlinked pair is gone"
    );
    // The hand link made an event of the two passages.
    let events = v["events"].as_array().expect("events");
    assert!(events.iter().any(|e| {
        let m = e["members"].as_array().expect("members");
        let has = |p: PassageRef| {
            m.iter()
                .any(|x| x["article"] == p.article as u64 && x["passage"] == p.passage as u64)
        };
        has(a) && has(b)
    }));
}

#[test]
fn the_report_lists_the_corrections_made_by_hand() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (file, _, _) = seed_corrections(dir.path());
    let md = dir.path().join("report.md");
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["report", "--no-pairs", "-o"])
        .arg(&md)
        .arg("--corrections")
        .arg(&file)
        .output()
        .expect("run parallax");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&md).expect("report written");
    assert!(text.contains("Corrections made by hand"), "{text}");
    assert!(
        text.contains("- Linked: **") && text.contains("- Unlinked: **"),
        "{text}"
    );
}

#[test]
fn a_bad_corrections_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("broken.json");
    std::fs::write(
        &file,
        "{\"version\": 1, \"corrections\": [{\"action\": \"merge\"}]}",
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["align", "--corrections"])
        .arg(&file)
        .output()
        .expect("run parallax");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("broken.json") && err.contains("not valid"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_correction_that_no_longer_fits_is_said_on_stderr_and_the_rest_applies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (file, _, _) = seed_corrections(dir.path());
    let mut c = Corrections::load(&file).expect("read");
    c.corrections[0].a.file = "deleted-article.md".into();
    c.save(&file).expect("saved");
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["align", "--json", "--corrections"])
        .arg(&file)
        .output()
        .expect("run parallax");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("correction not applied") && err.contains("deleted-article.md"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(
        !v["links"]
            .as_array()
            .expect("links")
            .iter()
            .any(|l| l["source"] == "manual")
    );
}
