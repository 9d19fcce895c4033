//! The sentence-embedding model: agreement with the Python reference, a model that is missing
//! or damaged, parallel embedding with progress and cancel, and the per-folder cache.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use parallax::embed::{self, EmbedError, Embedder, cache, cosine};
use parallax::progress::{Cancelled, Progress};

use crate::common::repo_root;

fn model_path() -> PathBuf {
    repo_root().join("assets/model/embed.pxm")
}

/// The shipped model, loaded once for the whole test binary.
fn model() -> &'static Embedder {
    static M: OnceLock<Embedder> = OnceLock::new();
    M.get_or_init(|| Embedder::load(&model_path()).expect("the shipped model loads"))
}

#[derive(serde::Deserialize)]
struct Reference {
    model_id: String,
    sentences: Vec<RefSentence>,
}
#[derive(serde::Deserialize)]
struct RefSentence {
    text: String,
    ids: Vec<u32>,
    embedding: Vec<f32>,
}

fn reference() -> Reference {
    let raw = std::fs::read_to_string(repo_root().join("tests/fixtures/embed/reference.json"))
        .expect("reference fixture");
    serde_json::from_str(&raw).expect("reference parses")
}

#[test]
fn tokens_match_the_reference_wordpiece_tokenizer() {
    let m = model();
    let r = reference();
    assert_eq!(
        m.id(),
        r.model_id,
        "the reference was computed with another model"
    );
    for s in &r.sentences {
        assert_eq!(m.token_ids(&s.text), s.ids, "token ids of {:?}", s.text);
    }
}

#[test]
fn embeddings_match_the_python_reference() {
    let m = model();
    for s in &reference().sentences {
        let v = m.embed(&s.text);
        assert_eq!(v.len(), m.dim());
        if s.embedding.iter().all(|&x| x == 0.0) {
            assert!(
                v.iter().all(|&x| x == 0.0),
                "{:?} should embed to zero",
                s.text
            );
            continue;
        }
        let max_diff = v
            .iter()
            .zip(&s.embedding)
            .map(|(a, b)| (a - b).abs())
            .fold(0f32, f32::max);
        assert!(
            max_diff < 1e-4,
            "{:?}: component differs by {max_diff}",
            s.text
        );
        let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-5, "{:?}: norm {norm}", s.text);
    }
}

/// Paraphrases sharing no content word score well above unrelated news. (Telling a paraphrase
/// from a different claim on the same topic is not the embedding's job alone: names, numbers
/// and negation decide there, in `align`.)
#[test]
fn a_paraphrase_with_no_shared_content_word_is_closer_than_unrelated_news() {
    let m = model();
    let pairs = [
        (
            "The mayor denied that the city had run out of money.",
            "City officials rejected claims the budget was exhausted.",
        ),
        (
            "Thousands fled their homes as floodwaters rose.",
            "Many residents evacuated because of the flooding.",
        ),
    ];
    let unrelated = [
        "Heavy snow closed mountain passes across the Alps.",
        "The central bank kept interest rates unchanged.",
    ];
    for (a, b) in pairs {
        let (ea, eb) = (m.embed(a), m.embed(b));
        let para = cosine(&ea, &eb);
        for u in unrelated {
            let eu = m.embed(u);
            assert!(para > cosine(&ea, &eu) + 0.2, "{a:?} ~ {b:?} vs {u:?}");
            assert!(para > cosine(&eb, &eu) + 0.2, "{b:?} ~ {a:?} vs {u:?}");
        }
    }
}

#[test]
fn text_without_known_tokens_embeds_to_zero() {
    let m = model();
    for t in ["", "   \n\t", "\u{2603}\u{2603}"] {
        assert!(m.embed(t).iter().all(|&x| x == 0.0), "{t:?}");
    }
    assert_eq!(cosine(&m.embed(""), &m.embed("anything")), 0.0);
}

fn corrupt_reason(bytes: &[u8]) -> String {
    match Embedder::from_bytes(bytes, Path::new("bad.pxm")) {
        Err(EmbedError::Corrupt { path, reason }) => {
            assert_eq!(path, Path::new("bad.pxm"));
            reason
        }
        Err(other) => panic!("expected Corrupt, got {other}"),
        Ok(_) => panic!("a damaged model loaded"),
    }
}

#[test]
fn a_truncated_model_is_a_clear_error() {
    let bytes = std::fs::read(model_path()).expect("model");
    for cut in [0, 5, 40, 1000, bytes.len() / 2, bytes.len() - 1] {
        let reason = corrupt_reason(&bytes[..cut]);
        assert!(
            reason.contains("truncated") || reason.contains("magic") || reason.contains("checksum"),
            "cut at {cut}: {reason}"
        );
    }
}

#[test]
fn a_flipped_byte_fails_the_checksum() {
    let mut bytes = std::fs::read(model_path()).expect("model");
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x40;
    assert!(corrupt_reason(&bytes).contains("checksum"));
}

#[test]
fn another_file_or_version_is_refused() {
    assert!(corrupt_reason(b"<html>not a model</html>").contains("magic"));
    let mut bytes = std::fs::read(model_path()).expect("model");
    bytes[8] = 9; // version 9
    assert!(corrupt_reason(&bytes).contains("version 9"));
}

#[test]
fn a_missing_model_names_the_file_and_gives_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere.pxm");
    let err = Embedder::load(&missing).expect_err("no such file");
    assert!(matches!(err, EmbedError::Io { .. }));
    assert!(err.to_string().contains("nowhere.pxm"), "{err}");
    let notice = err.notice();
    assert!(notice.contains("Semantic matching off"), "{notice}");
    assert!(notice.contains("shared words only"), "{notice}");
    assert!(!notice.contains('\n'));
    let not_found = EmbedError::NotFound {
        searched: vec![missing.clone()],
    };
    assert!(not_found.to_string().contains("nowhere.pxm"));
    assert!(not_found.notice().contains(embed::MODEL_ENV));
}

#[test]
fn the_search_path_includes_the_checkout_model() {
    let paths = embed::search_path();
    assert!(
        paths
            .iter()
            .any(|p| p.canonicalize().ok() == model_path().canonicalize().ok()),
        "{paths:?}"
    );
}

fn passages() -> Vec<String> {
    (0..1000)
        .map(|i| format!("Officials said {i} people were evacuated after the storm, number {i}."))
        .collect()
}

#[test]
fn embed_all_keeps_order_and_reports_progress() {
    let m = model();
    let texts = passages();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let p = Progress::new();
    let all = m.embed_all(&refs, &p).expect("not cancelled");
    assert_eq!(all.len(), refs.len());
    for i in [0, 1, 517, 999] {
        assert_eq!(all[i], m.embed(refs[i]), "passage {i}");
    }
    let (stage, done, total) = p.snapshot();
    assert_eq!(stage, "embedding passages");
    assert_eq!((done, total), (1000, 1000));
}

#[test]
fn embed_all_stops_when_cancelled() {
    let texts = passages();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let p = Progress::new();
    p.cancel();
    assert_eq!(model().embed_all(&refs, &p), Err(Cancelled));
}

#[test]
fn the_cache_lives_outside_the_article_folder_and_serves_a_reopen() {
    let m = model();
    let articles = tempfile::tempdir().unwrap();
    std::fs::write(articles.path().join("a.txt"), "x").unwrap();
    let cache_dir = tempfile::tempdir().unwrap();
    let texts = ["The minister resigned on Friday.", "Prices rose 4% in May."];
    let first = m
        .embed_all_cached_in(cache_dir.path(), articles.path(), &texts, &Progress::new())
        .unwrap();
    assert_eq!(first, texts.iter().map(|t| m.embed(t)).collect::<Vec<_>>());
    // The article folder is untouched; one cache file appeared.
    let names: Vec<_> = std::fs::read_dir(articles.path()).unwrap().collect();
    assert_eq!(names.len(), 1);
    let file = cache::file_for(cache_dir.path(), m.id(), articles.path());
    assert!(file.is_file());
    // A reopen reads the stored vectors: plant recognisable ones and see them come back.
    let keys: Vec<u128> = texts.iter().map(|t| cache::key(m.id(), t)).collect();
    let planted = vec![vec![0.5f32; m.dim()], vec![-0.25f32; m.dim()]];
    cache::write(&file, m.dim(), &keys, &planted).unwrap();
    let p = Progress::new();
    let again = m
        .embed_all_cached_in(cache_dir.path(), articles.path(), &texts, &p)
        .unwrap();
    assert_eq!(again, planted);
    assert_eq!(p.fraction(), Some(1.0));
    // An edited passage misses, the other still hits.
    let edited = ["The minister resigned on Friday.", "Prices rose 5% in May."];
    let mixed = m
        .embed_all_cached_in(cache_dir.path(), articles.path(), &edited, &Progress::new())
        .unwrap();
    assert_eq!(mixed[0], planted[0]);
    assert_eq!(mixed[1], m.embed(edited[1]));
}

#[test]
fn a_corrupt_cache_is_ignored_and_rebuilt() {
    let m = model();
    let articles = tempfile::tempdir().unwrap();
    let cache_dir = tempfile::tempdir().unwrap();
    let texts = ["Rescuers reached the village at dawn."];
    let file = cache::file_for(cache_dir.path(), m.id(), articles.path());
    let fresh = vec![m.embed(texts[0])];
    for junk in [&b""[..], b"PXECACH1 but then garbage", &[0xff; 4096]] {
        std::fs::create_dir_all(cache_dir.path()).unwrap();
        std::fs::write(&file, junk).unwrap();
        let got = m
            .embed_all_cached_in(cache_dir.path(), articles.path(), &texts, &Progress::new())
            .unwrap();
        assert_eq!(got, fresh);
        let rebuilt = cache::read(&file, m.dim()).expect("rewritten cache verifies");
        assert_eq!(rebuilt.get(&cache::key(m.id(), texts[0])), Some(&fresh[0]));
    }
    // A cache written for another dimension is ignored too.
    cache::write(
        &file,
        3,
        &[cache::key(m.id(), texts[0])],
        &[vec![1.0, 0.0, 0.0]],
    )
    .unwrap();
    assert!(cache::read(&file, m.dim()).is_none());
    let got = m
        .embed_all_cached_in(cache_dir.path(), articles.path(), &texts, &Progress::new())
        .unwrap();
    assert_eq!(got, fresh);
}

#[test]
fn the_cache_key_depends_on_model_and_text() {
    assert_ne!(cache::key("m1", "a"), cache::key("m2", "a"));
    assert_ne!(cache::key("m1", "a"), cache::key("m1", "b"));
    assert_ne!(cache::key("m1", "ab"), cache::key("m1a", "b"));
    let d = Path::new("/tmp/c");
    assert_ne!(
        cache::file_for(d, "m1", Path::new("/x/one")),
        cache::file_for(d, "m1", Path::new("/x/two"))
    );
}
