//! Alignment corrections made by hand: "link these two passages", "unlink this row".
//!
//! A [`Corrections`] set is an ordered list of [`Correction`]s; the last one about a pair of
//! passages wins. Each passage is named by its article's file and its passage index, plus the
//! passage text, so that a correction still finds its passage when the article was edited and
//! its sentences moved (and is reported as no longer applying when the text is gone).
//!
//! [`apply`] rewrites an [`Alignment`]: links added by hand (score 1, evidence marked
//! [`Evidence::manual`](crate::align::claims::Evidence::manual)), links removed, and the events
//! derived again from the corrected links (so rows, the story map, events and one-source shares
//! all follow). Corrections are kept per article set in the app's data directory
//! ([`store_file`]), never in the article folder; `parallax align --corrections FILE` applies a
//! saved set from the command line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::align::{self, Alignment, Event, Link, PassageRef, claims};
use crate::corpus::Corpus;

/// Version of the corrections file format.
pub const FORMAT_VERSION: u32 = 1;

/// What a correction does to a pair of passages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// The two passages report the same claim: link them.
    Link,
    /// The two passages do not: remove their link.
    Unlink,
}

/// One passage as a correction names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The article's file, relative to the set's folder (`Article::file`).
    pub file: String,
    /// Index of the passage in the article when the correction was made.
    pub passage: usize,
    /// The passage text when the correction was made (to find it again after an edit).
    pub text: String,
}

/// One correction: link or unlink two passages of different articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub action: Action,
    pub a: Anchor,
    pub b: Anchor,
}

/// The corrections of one article set, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corrections {
    pub version: u32,
    /// The folder the corrections were made on (for people reading the file; not checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
    #[serde(default)]
    pub corrections: Vec<Correction>,
}

impl Default for Corrections {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            folder: None,
            corrections: Vec::new(),
        }
    }
}

/// A corrections file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CorrectionsError {
    #[error("cannot read corrections file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("corrections file {path} is not valid: {reason}")]
    Invalid { path: PathBuf, reason: String },
    #[error(
        "corrections file {path} has format version {version}; this Parallax reads version {FORMAT_VERSION}"
    )]
    Version { path: PathBuf, version: u32 },
    #[error("cannot save corrections to {path}: {reason}")]
    Write { path: PathBuf, reason: String },
    #[error("no data directory to keep corrections in (set PARALLAX_DATA_DIR)")]
    NoDataDir,
}

/// Largest corrections file read (a hand-made set is a few kilobytes).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// One correction as applied to a set, for lists and the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Applied {
    pub action: Action,
    pub a: PassageRef,
    pub b: PassageRef,
}

/// What [`apply`] did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Outcome {
    /// The corrections in force (the last one per pair), in the order they were made.
    pub applied: Vec<Applied>,
    /// Corrections that no longer fit the set, each with the reason (file gone, passage text
    /// gone, both passages in one article).
    pub skipped: Vec<String>,
}

impl Outcome {
    /// No correction applied and none skipped.
    pub fn is_empty(&self) -> bool {
        self.applied.is_empty() && self.skipped.is_empty()
    }
}

impl Corrections {
    /// Reads a corrections file (JSON).
    pub fn load(path: &Path) -> Result<Self, CorrectionsError> {
        let read = |source| CorrectionsError::Read {
            path: path.to_path_buf(),
            source,
        };
        let meta = std::fs::metadata(path).map_err(read)?;
        if !meta.is_file() {
            return Err(CorrectionsError::Invalid {
                path: path.to_path_buf(),
                reason: "not a regular file".into(),
            });
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(CorrectionsError::Invalid {
                path: path.to_path_buf(),
                reason: format!("larger than {} MB", MAX_FILE_BYTES / (1024 * 1024)),
            });
        }
        let bytes = std::fs::read(path).map_err(read)?;
        Self::from_json(&bytes, path)
    }

    /// Parses the JSON of a corrections file (`path` names it in errors).
    pub fn from_json(bytes: &[u8], path: &Path) -> Result<Self, CorrectionsError> {
        #[derive(Deserialize)]
        struct Head {
            version: u32,
        }
        let invalid = |e: serde_json::Error| CorrectionsError::Invalid {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        let head: Head = serde_json::from_slice(bytes).map_err(invalid)?;
        if head.version != FORMAT_VERSION {
            return Err(CorrectionsError::Version {
                path: path.to_path_buf(),
                version: head.version,
            });
        }
        serde_json::from_slice(bytes).map_err(invalid)
    }

    /// The file's JSON (pretty-printed: people read and diff it).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Writes the corrections to `path` atomically (a temporary file, then a rename).
    pub fn save(&self, path: &Path) -> Result<(), CorrectionsError> {
        let fail = |reason: String| CorrectionsError::Write {
            path: path.to_path_buf(),
            reason,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
        }
        crate::output::write(path, self.to_json().as_bytes()).map_err(|e| fail(e.to_string()))
    }

    pub fn is_empty(&self) -> bool {
        self.corrections.is_empty()
    }

    pub fn len(&self) -> usize {
        self.corrections.len()
    }

    /// Adds a correction about `x` and `y` of `corpus`/`alignment` (either order). Returns
    /// `false` (and adds nothing) when the two are in one article or do not exist.
    pub fn push(
        &mut self,
        action: Action,
        corpus: &Corpus,
        alignment: &Alignment,
        x: PassageRef,
        y: PassageRef,
    ) -> bool {
        if x.article == y.article {
            return false;
        }
        let (a, b) = if x <= y { (x, y) } else { (y, x) };
        let (Some(a), Some(b)) = (anchor(corpus, alignment, a), anchor(corpus, alignment, b))
        else {
            return false;
        };
        self.corrections.push(Correction { action, a, b });
        true
    }

    /// Removes and returns the last correction (undo).
    pub fn pop(&mut self) -> Option<Correction> {
        self.corrections.pop()
    }
}

fn anchor(corpus: &Corpus, alignment: &Alignment, p: PassageRef) -> Option<Anchor> {
    let article = corpus.articles.get(p.article)?;
    let s = alignment.passages.get(p.article)?.get(p.passage)?;
    Some(Anchor {
        file: article.file.clone(),
        passage: p.passage,
        text: article.text(s.span).to_string(),
    })
}

/// Finds an anchor's passage in the set: the same file, the same passage index when its text
/// is unchanged, else the passage with that exact text nearest to the old index.
fn resolve(corpus: &Corpus, alignment: &Alignment, anchor: &Anchor) -> Result<PassageRef, String> {
    let Some(article) = corpus.articles.iter().position(|a| a.file == anchor.file) else {
        return Err(format!("{} is no longer in the set", anchor.file));
    };
    let (Some(art), Some(passages)) = (
        corpus.articles.get(article),
        alignment.passages.get(article),
    ) else {
        return Err(format!("{} is no longer in the set", anchor.file));
    };
    let text_of = |i: usize| passages.get(i).map(|s| art.text(s.span));
    if text_of(anchor.passage) == Some(anchor.text.as_str()) {
        return Ok(PassageRef {
            article,
            passage: anchor.passage,
        });
    }
    (0..passages.len())
        .filter(|&i| text_of(i) == Some(anchor.text.as_str()))
        .min_by_key(|&i| i.abs_diff(anchor.passage))
        .map(|passage| PassageRef { article, passage })
        .ok_or_else(|| {
            format!(
                "the passage \u{201c}{}\u{201d} is no longer in {}",
                short(&anchor.text),
                anchor.file
            )
        })
}

/// The first words of a text, for messages.
fn short(text: &str) -> String {
    const MAX: usize = 60;
    let t = text.trim();
    if t.chars().count() <= MAX {
        return t.to_string();
    }
    let cut: String = t.chars().take(MAX).collect();
    format!("{}\u{2026}", cut.trim_end())
}

/// Applies `corrections` to `alignment` (built from `corpus` with link threshold `min_score`):
/// adds the manual links, removes the unlinked ones, and derives the events again from the
/// corrected links. Corrections that no longer fit the set are listed in
/// [`Outcome::skipped`]; the others apply.
pub fn apply(
    corpus: &Corpus,
    alignment: &mut Alignment,
    corrections: &Corrections,
    min_score: f32,
) -> Outcome {
    let mut outcome = Outcome::default();
    // The last correction about a pair wins; keep the order they were made in.
    let mut last: BTreeMap<(PassageRef, PassageRef), (usize, Action)> = BTreeMap::new();
    for (i, c) in corrections.corrections.iter().enumerate() {
        match (
            resolve(corpus, alignment, &c.a),
            resolve(corpus, alignment, &c.b),
        ) {
            (Ok(a), Ok(b)) if a.article != b.article => {
                let key = if a <= b { (a, b) } else { (b, a) };
                last.insert(key, (i, c.action));
            }
            (Ok(_), Ok(_)) => outcome
                .skipped
                .push(format!("{}: both passages are in one article", c.a.file)),
            (Err(e), Ok(_)) | (Ok(_), Err(e)) => outcome.skipped.push(e),
            (Err(x), Err(y)) => outcome.skipped.push(format!("{x}; {y}")),
        }
    }
    if last.is_empty() {
        return outcome;
    }
    let mut in_force: Vec<(usize, Applied)> = last
        .iter()
        .map(|(&(a, b), &(i, action))| (i, Applied { action, a, b }))
        .collect();
    in_force.sort_by_key(|(i, _)| *i);
    outcome.applied = in_force.into_iter().map(|(_, a)| a).collect();

    // Links and their evidence, corrected.
    let old_links = std::mem::take(&mut alignment.links);
    let old_evidence = std::mem::take(&mut alignment.evidence);
    let mut merged: BTreeMap<(PassageRef, PassageRef), (Link, claims::Evidence)> = old_links
        .into_iter()
        .enumerate()
        .map(|(k, l)| {
            let ev = old_evidence.get(k).cloned().unwrap_or_default();
            ((l.a, l.b), (l, ev))
        })
        .collect();
    for a in &outcome.applied {
        match a.action {
            Action::Unlink => {
                merged.remove(&(a.a, a.b));
            }
            Action::Link => {
                let evidence = manual_evidence(corpus, alignment, a.a, a.b);
                merged.insert(
                    (a.a, a.b),
                    (
                        Link {
                            a: a.a,
                            b: a.b,
                            score: 1.0,
                        },
                        evidence,
                    ),
                );
            }
        }
    }
    let (links, evidence): (Vec<Link>, Vec<claims::Evidence>) = merged.into_values().unzip();
    alignment.links = links;
    alignment.evidence = evidence;
    // A pair linked by hand is no longer merely related.
    let linked: BTreeSet<(PassageRef, PassageRef)> =
        alignment.links.iter().map(|l| (l.a, l.b)).collect();
    alignment.related.retain(|r| !linked.contains(&(r.a, r.b)));
    alignment.events = derive_events(corpus, alignment, min_score);
    outcome
}

/// The evidence of a link made by hand: score 1, the names and figures both passages hold.
fn manual_evidence(
    corpus: &Corpus,
    alignment: &Alignment,
    a: PassageRef,
    b: PassageRef,
) -> claims::Evidence {
    let anchors = |p: PassageRef| {
        let text = passage_text(corpus, alignment, p);
        claims::Anchors::of(&crate::text::tokenize(text), text)
    };
    let (shared_names, shared_numbers, differing_numbers) =
        claims::compare_anchors(&anchors(a), &anchors(b));
    claims::Evidence {
        score: 1.0,
        semantic: None,
        lexical: 0.0,
        margin: 0.0,
        paraphrase: None,
        shared_names,
        shared_numbers,
        differing_numbers,
        manual: true,
    }
}

fn passage_text<'a>(corpus: &'a Corpus, alignment: &Alignment, p: PassageRef) -> &'a str {
    match (
        corpus.articles.get(p.article),
        alignment
            .passages
            .get(p.article)
            .and_then(|ps| ps.get(p.passage)),
    ) {
        (Some(a), Some(s)) => a.text(s.span),
        _ => "",
    }
}

/// The events of the corrected links: the aligner's clustering over them; an event whose
/// members are unchanged keeps its label, one that grew or shrank keeps the label of the old
/// event it shares most passages with, and a new one is labelled from its passages.
fn derive_events(corpus: &Corpus, alignment: &Alignment, min_score: f32) -> Vec<Event> {
    let mut offsets = Vec::with_capacity(alignment.passages.len() + 1);
    let mut article_of: Vec<u32> = Vec::new();
    for (ai, ps) in alignment.passages.iter().enumerate() {
        offsets.push(article_of.len());
        article_of.extend(std::iter::repeat_n(ai as u32, ps.len()));
    }
    let global = |p: PassageRef| -> Option<u32> {
        let off = *offsets.get(p.article)?;
        (p.passage < alignment.passage_count(p.article)).then_some((off + p.passage) as u32)
    };
    let edges: Vec<(u32, u32, f32)> = alignment
        .links
        .iter()
        .filter_map(|l| Some((global(l.a)?, global(l.b)?, l.score)))
        .collect();
    let threshold = if min_score.is_finite() {
        min_score.clamp(0.0, 1.0)
    } else {
        align::DEFAULT_MIN_SCORE
    } * align::EVENT_FRACTION;
    let clusters = align::events::cluster(article_of.len(), &article_of, &edges, threshold);
    let to_ref = |g: u32| {
        let article = article_of.get(g as usize).copied().unwrap_or(0) as usize;
        PassageRef {
            article,
            passage: g as usize - offsets.get(article).copied().unwrap_or(0),
        }
    };
    let old = &alignment.events;
    let mut labeller: Option<Labeller> = None;
    let mut events: Vec<Event> = clusters
        .iter()
        .map(|members| {
            let refs: Vec<PassageRef> = members.iter().map(|&g| to_ref(g)).collect();
            let mut sources: Vec<usize> = refs.iter().map(|r| r.article).collect();
            sources.dedup();
            let best = old
                .iter()
                .map(|e| {
                    let shared = refs
                        .iter()
                        .filter(|r| e.members.binary_search(r).is_ok())
                        .count();
                    (shared, e)
                })
                .filter(|(shared, _)| *shared > 0)
                .max_by_key(|(shared, e)| (*shared, std::cmp::Reverse(e.members.len())));
            let (label, key_terms) = match best {
                Some((shared, e)) if e.members == refs || 2 * shared >= refs.len() => {
                    (e.label.clone(), e.key_terms.clone())
                }
                _ => labeller
                    .get_or_insert_with(|| Labeller::new(corpus, alignment))
                    .label(&refs),
            };
            Event {
                label,
                members: refs,
                sources,
                key_terms,
            }
        })
        .collect();
    crate::align::sort_events(&mut events);
    events
}

/// The aligner's event labeller over the whole set's passage vectors (built only when a new
/// event needs a label).
struct Labeller {
    vocab: align::features::Vocab,
    vectors: Vec<Vec<align::features::Vector>>,
    texts: Vec<Vec<String>>,
}

impl Labeller {
    fn new(corpus: &Corpus, alignment: &Alignment) -> Self {
        let mut vocab = align::features::Vocab::default();
        let mut raw: Vec<Vec<Vec<(align::features::TermId, f32)>>> = Vec::new();
        let mut texts = Vec::new();
        let mut n = 0usize;
        for (ai, ps) in alignment.passages.iter().enumerate() {
            let mut art_raw = Vec::with_capacity(ps.len());
            let mut art_texts = Vec::with_capacity(ps.len());
            for pi in 0..ps.len() {
                let text = passage_text(
                    corpus,
                    alignment,
                    PassageRef {
                        article: ai,
                        passage: pi,
                    },
                );
                let terms = align::features::passage_terms(&crate::text::tokenize(text));
                art_raw.push(
                    terms
                        .into_iter()
                        .map(|(k, b)| {
                            let id = vocab.intern(k);
                            if let Some(d) = vocab.df.get_mut(id as usize) {
                                *d += 1;
                            }
                            (id, b)
                        })
                        .collect(),
                );
                art_texts.push(text.to_string());
                n += 1;
            }
            raw.push(art_raw);
            texts.push(art_texts);
        }
        let idf = align::features::idf(&vocab.df, n);
        let vectors = raw
            .into_iter()
            .map(|a| {
                a.into_iter()
                    .map(|r| align::features::Vector::build(r, &idf))
                    .collect()
            })
            .collect();
        Self {
            vocab,
            vectors,
            texts,
        }
    }

    fn label(&self, refs: &[PassageRef]) -> (String, Vec<String>) {
        let empty = align::features::Vector::default();
        let members: Vec<align::labels::Member<'_>> = refs
            .iter()
            .map(|r| align::labels::Member {
                article: r.article,
                text: self
                    .texts
                    .get(r.article)
                    .and_then(|t| t.get(r.passage))
                    .map_or("", String::as_str),
                vector: self
                    .vectors
                    .get(r.article)
                    .and_then(|v| v.get(r.passage))
                    .unwrap_or(&empty),
                // A group the user made has no scored links of its own: the passage closest to
                // the group's centroid gives the label.
                linked_sources: 0,
                link_weight: 0.0,
            })
            .collect();
        align::labels::label(&members, &self.vocab.keys())
    }
}

/// Where corrections are kept: `$PARALLAX_DATA_DIR/corrections`, else the user's data
/// directory (`~/.local/share/parallax/corrections` on Linux). Never the article folder.
pub fn store_dir() -> Result<PathBuf, CorrectionsError> {
    if let Some(d) = std::env::var_os("PARALLAX_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(d).join("corrections"));
    }
    dirs::data_dir()
        .map(|d| d.join("parallax").join("corrections"))
        .ok_or(CorrectionsError::NoDataDir)
}

/// The corrections file of an article set in `dir`: one per folder (canonicalised, so `./a`
/// and `/abs/a` share it); `None` (the bundled samples) has its own.
pub fn store_file(dir: &Path, folder: Option<&Path>) -> PathBuf {
    match folder {
        None => dir.join("samples.json"),
        Some(f) => {
            let f = f.canonicalize().unwrap_or_else(|_| f.to_path_buf());
            let hash = xxhash_rust::xxh3::xxh3_128(f.as_os_str().as_encoded_bytes());
            dir.join(format!("{hash:032x}.json"))
        }
    }
}

/// The saved corrections of an article set (empty when none were saved).
pub fn load_for(dir: &Path, folder: Option<&Path>) -> Result<Corrections, CorrectionsError> {
    let file = store_file(dir, folder);
    if !file.exists() {
        return Ok(Corrections {
            folder: folder.map(|f| f.display().to_string()),
            ..Default::default()
        });
    }
    Corrections::load(&file)
}

/// Saves the corrections of an article set (removes the file when there are none).
pub fn save_for(
    dir: &Path,
    folder: Option<&Path>,
    corrections: &Corrections,
) -> Result<(), CorrectionsError> {
    let file = store_file(dir, folder);
    if corrections.is_empty() {
        return match std::fs::remove_file(&file) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(CorrectionsError::Write {
                path: file,
                reason: e.to_string(),
            }),
        };
    }
    let mut c = corrections.clone();
    c.folder = folder.map(|f| f.display().to_string());
    c.save(&file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{AlignOptions, DEFAULT_MIN_SCORE};
    use crate::progress::Progress;

    fn seeds() -> (Corpus, Alignment) {
        let corpus = crate::corpus::seeds();
        let al = crate::align::align(&corpus, &AlignOptions::default(), &Progress::new())
            .expect("not cancelled");
        (corpus, al)
    }

    /// Two passages of different articles that the aligner did not link and that belong to
    /// no event.
    fn unlinked_pair(al: &Alignment) -> (PassageRef, PassageRef) {
        let unique = al.unique_by_article();
        let a = PassageRef {
            article: 0,
            passage: unique[0][0],
        };
        let b = PassageRef {
            article: 1,
            passage: unique[1][0],
        };
        (a, b)
    }

    #[test]
    fn a_link_made_by_hand_joins_the_links_events_and_leaves_the_one_source_lists() {
        let (corpus, base) = seeds();
        let (a, b) = unlinked_pair(&base);
        assert!(base.evidence(a, b).is_none());
        let mut c = Corrections::default();
        assert!(c.push(Action::Link, &corpus, &base, b, a));
        let mut al = base.clone();
        let out = apply(&corpus, &mut al, &c, DEFAULT_MIN_SCORE);
        assert!(out.skipped.is_empty(), "{:?}", out.skipped);
        assert_eq!(out.applied.len(), 1);
        let ev = al.evidence(a, b).expect("the pair is linked now");
        assert!(ev.manual && ev.score == 1.0);
        assert!(ev.summary()[0].contains("by hand"));
        assert_eq!(al.links.len(), base.links.len() + 1);
        assert_eq!(al.links.len(), al.evidence.len());
        assert!(
            al.links
                .windows(2)
                .all(|w| (w[0].a, w[0].b) < (w[1].a, w[1].b))
        );
        let e = al.event_of(a).expect("the linked pair forms an event");
        assert_eq!(al.event_of(b), Some(e));
        assert!(!al.events[e].label.is_empty());
        let unique = al.unique_by_article();
        assert!(!unique[0].contains(&a.passage) && !unique[1].contains(&b.passage));
        // The rows of the two articles pair them.
        assert!(
            al.pair_rows(0, 1)
                .iter()
                .any(|r| r.left.contains(&a.passage) && r.right.contains(&b.passage))
        );
    }

    #[test]
    fn unlinking_removes_the_link_and_undo_gives_back_the_aligners_alignment() {
        let (corpus, base) = seeds();
        let l = base.links[0];
        let mut c = Corrections::default();
        assert!(c.push(Action::Unlink, &corpus, &base, l.a, l.b));
        let mut al = base.clone();
        apply(&corpus, &mut al, &c, DEFAULT_MIN_SCORE);
        assert!(al.evidence(l.a, l.b).is_none());
        assert_eq!(al.links.len(), base.links.len() - 1);
        // Undo: the last correction goes, the alignment is the aligner's again.
        assert!(c.pop().is_some());
        let mut again = base.clone();
        let out = apply(&corpus, &mut again, &c, DEFAULT_MIN_SCORE);
        assert!(out.is_empty());
        assert_eq!(again, base);
        // Link, then unlink the same pair: the last one wins.
        let (a, b) = unlinked_pair(&base);
        c.push(Action::Link, &corpus, &base, a, b);
        c.push(Action::Unlink, &corpus, &base, a, b);
        let mut al = base.clone();
        let out = apply(&corpus, &mut al, &c, DEFAULT_MIN_SCORE);
        assert_eq!(out.applied.len(), 1);
        assert_eq!(out.applied[0].action, Action::Unlink);
        assert!(al.evidence(a, b).is_none());
    }

    #[test]
    fn unchanged_events_keep_their_labels_after_a_correction() {
        let (corpus, base) = seeds();
        let (a, b) = unlinked_pair(&base);
        let mut c = Corrections::default();
        c.push(Action::Link, &corpus, &base, a, b);
        let mut al = base.clone();
        apply(&corpus, &mut al, &c, DEFAULT_MIN_SCORE);
        for e in &base.events {
            let same = al.events.iter().find(|x| x.members == e.members);
            assert_eq!(same.map(|x| &x.label), Some(&e.label));
        }
    }

    #[test]
    fn a_correction_finds_its_passage_after_an_edit_and_says_when_it_is_gone() {
        let (corpus, base) = seeds();
        let (a, b) = unlinked_pair(&base);
        let mut c = Corrections::default();
        c.push(Action::Link, &corpus, &base, a, b);
        // The passage moved: the index is stale, the text still finds it.
        c.corrections[0].a.passage += 3;
        let mut al = base.clone();
        let out = apply(&corpus, &mut al, &c, DEFAULT_MIN_SCORE);
        assert!(out.skipped.is_empty());
        assert!(al.evidence(a, b).is_some());
        // The text is gone: skipped, with the file named.
        c.corrections[0].a.text = "A sentence no article holds.".into();
        let mut al = base.clone();
        let out = apply(&corpus, &mut al, &c, DEFAULT_MIN_SCORE);
        assert_eq!(out.skipped.len(), 1);
        assert!(
            out.skipped[0].contains(&corpus.articles[0].file),
            "{:?}",
            out.skipped
        );
        assert_eq!(al, base);
        // The file is gone.
        c.corrections[0].b.file = "gone.md".into();
        let out = apply(&corpus, &mut base.clone(), &c, DEFAULT_MIN_SCORE);
        assert!(out.skipped.iter().any(|s| s.contains("gone.md")));
    }

    #[test]
    fn corrections_are_kept_per_set_outside_the_folder_and_read_back() {
        let (corpus, base) = seeds();
        let (a, b) = unlinked_pair(&base);
        let mut c = Corrections::default();
        c.push(Action::Link, &corpus, &base, a, b);
        let store = tempfile::tempdir().expect("temp dir");
        let folder = tempfile::tempdir().expect("temp dir");
        save_for(store.path(), Some(folder.path()), &c).expect("saved");
        // Nothing written into the article folder.
        assert_eq!(
            std::fs::read_dir(folder.path()).expect("listing").count(),
            0
        );
        let back = load_for(store.path(), Some(folder.path())).expect("read back");
        assert_eq!(back.corrections, c.corrections);
        // Another set (the samples) has its own, empty, file.
        assert!(load_for(store.path(), None).expect("empty").is_empty());
        // No corrections left: the file goes.
        save_for(store.path(), Some(folder.path()), &Corrections::default()).expect("saved");
        assert!(!store_file(store.path(), Some(folder.path())).exists());
    }

    #[test]
    fn a_bad_corrections_file_is_refused_with_its_name_and_reason() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("c.json");
        std::fs::write(&p, "{not json").expect("write");
        let e = Corrections::load(&p).expect_err("invalid").to_string();
        assert!(e.contains("c.json") && e.contains("not valid"), "{e}");
        std::fs::write(&p, r#"{"version": 9, "corrections": []}"#).expect("write");
        let e = Corrections::load(&p).expect_err("newer").to_string();
        assert!(e.contains("version 9"), "{e}");
        let e = Corrections::load(&dir.path().join("missing.json"))
            .expect_err("missing")
            .to_string();
        assert!(e.contains("missing.json"), "{e}");
        // Two passages of one article are no correction.
        let (corpus, base) = seeds();
        let p0 = PassageRef {
            article: 0,
            passage: 0,
        };
        let p1 = PassageRef {
            article: 0,
            passage: 1,
        };
        assert!(!Corrections::default().push(Action::Link, &corpus, &base, p0, p1));
    }
}
