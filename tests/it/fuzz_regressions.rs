//! Inputs found by fuzzing (`fuzz/`, see docs/FUZZING.md), kept as tests: every file in
//! `tests/fixtures/fuzz/<target>/` is run through the same invariant check as the fuzz target
//! of that name (`fuzz/checks.rs`, shared), so a fixed crash stays fixed.

#[path = "../../fuzz/checks.rs"]
mod checks;

fn run_dir(target: &str, check: fn(&[u8])) -> usize {
    let dir = crate::common::repo_root()
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for f in &files {
        let data = std::fs::read(f).expect("read input");
        let name = f.display().to_string();
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(result.is_ok(), "fuzz regression input {name} fails");
    }
    files.len()
}

#[test]
fn loaders() {
    assert!(run_dir("loaders", checks::loaders) > 0);
}

#[test]
fn folder_config() {
    assert!(run_dir("folder_config", checks::folder_config) > 0);
}

#[test]
fn segment() {
    assert!(run_dir("segment", checks::segment) > 0);
}

#[test]
fn align_small() {
    assert!(run_dir("align_small", checks::align_small) > 0);
}

#[test]
fn word_diff() {
    assert!(run_dir("word_diff", checks::word_diff_target) > 0);
}

/// The word-diff check is a real check: a diff whose Equal spans hold different words on the
/// two sides (here "said" / "claimed" relabelled Equal) must fail it.
#[test]
fn word_diff_check_rejects_an_equal_span_that_differs() {
    use parallax::diff::{DiffOptions, SpanKind, word_diff};
    let (l, r) = (
        "Peskov said the report was false.",
        "Peskov claimed the report was false.",
    );
    let honest = word_diff(l, r, &DiffOptions::default());
    assert!(honest.has_changes(), "said/claimed should differ");
    checks::check_word_diff(l, r, &honest);
    let mut tampered = honest.clone();
    for s in tampered.left.iter_mut().chain(tampered.right.iter_mut()) {
        s.kind = SpanKind::Equal;
    }
    let caught = std::panic::catch_unwind(|| checks::check_word_diff(l, r, &tampered));
    assert!(caught.is_err(), "the check accepted {tampered:?}");
}
