//! The whole pipeline as one plain-data [`Analysis`]: load → segment → align → framing.
//! Both front ends (CLI and desktop app) build it with [`analyze`] (or [`analyze_with`] for a
//! custom lexicon) and only read it.

use serde::Serialize;

use crate::align::{self, AlignOptions, Alignment, PassageRef};
use crate::corpus::{Article, Corpus};
use crate::corrections::{Corrections, Outcome};
use crate::framing::{Framing, Lexicon};
use crate::progress::{Cancelled, Progress};

/// A loaded and aligned article set.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Analysis {
    pub corpus: Corpus,
    pub alignment: Alignment,
    /// Framing marks, quotations and per-source profiles (`None` until computed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub framing: Option<Framing>,
    /// The hand corrections applied to the alignment (see [`crate::corrections`]).
    #[serde(skip_serializing_if = "Outcome::is_empty")]
    pub corrections: Outcome,
}

/// Options of the whole pipeline.
#[derive(Debug, Clone, Default)]
pub struct AnalyzeOptions {
    pub align: AlignOptions,
    /// The framing lexicon (default: the built-in one).
    pub lexicon: Option<Lexicon>,
    /// Hand corrections to apply to the alignment before framing.
    pub corrections: Option<Corrections>,
}

impl Analysis {
    pub fn article(&self, i: usize) -> Option<&Article> {
        self.corpus.articles.get(i)
    }
    /// The text of a passage as it reads in its article.
    pub fn passage_text(&self, p: PassageRef) -> &str {
        match (
            self.corpus.articles.get(p.article),
            self.alignment
                .passages
                .get(p.article)
                .and_then(|ps| ps.get(p.passage)),
        ) {
            (Some(a), Some(s)) => a.text(s.span),
            _ => "",
        }
    }
    /// Finds an article by index, file name, file stem, id or source name (case-insensitive), or
    /// by a prefix of its file stem that fits no other article. An empty key finds nothing.
    pub fn find_article(&self, key: &str) -> Option<usize> {
        find_article(&self.corpus, key)
    }

    /// Gives article `article` the source name `name` wherever the analysis carries it: the
    /// article itself and the framing profiles (its own, and the other articles' reuse figures
    /// with it). A rename made by the user in the viewer; the alignment does not read names, so
    /// nothing else changes. An empty `name` or an unknown article changes nothing.
    pub fn rename_source(&mut self, article: usize, name: &str) {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let Some(a) = self.corpus.articles.get_mut(article) else {
            return;
        };
        if name.is_empty() {
            return;
        }
        a.source.clone_from(&name);
        if let Some(f) = self.framing.as_mut() {
            for p in &mut f.profiles {
                if p.article == article {
                    p.source.clone_from(&name);
                }
                for r in &mut p.reuse {
                    if r.other == article {
                        r.other_source.clone_from(&name);
                    }
                }
            }
        }
    }
}

/// Finds an article by index, file name, file stem, id or source name (case-insensitive), or
/// by a prefix of its file stem that fits no other article. An empty key finds nothing.
pub fn find_article(corpus: &Corpus, key: &str) -> Option<usize> {
    let arts = &corpus.articles;
    if let Ok(i) = key.parse::<usize>()
        && i < arts.len()
    {
        return Some(i);
    }
    // Strict: an empty key names nothing (it would otherwise prefix-match the first article),
    // and a prefix names an article only when it is the only one it fits.
    let k = key.trim().to_lowercase();
    if k.is_empty() {
        return None;
    }
    let stem = |f: &str| {
        std::path::Path::new(f)
            .file_stem()
            .map(|s| s.to_string_lossy().to_lowercase())
            .unwrap_or_default()
    };
    arts.iter()
        .position(|a| a.file.to_lowercase() == k || a.id.to_lowercase() == k)
        .or_else(|| arts.iter().position(|a| stem(&a.file) == k))
        .or_else(|| arts.iter().position(|a| a.source.to_lowercase() == k))
        .or_else(|| {
            let mut fits = (0..arts.len())
                .filter(|&i| arts.get(i).is_some_and(|a| stem(&a.file).starts_with(&k)));
            match (fits.next(), fits.next()) {
                (Some(i), None) => Some(i),
                _ => None,
            }
        })
}

/// Runs segmentation, alignment and framing (built-in lexicon) over a loaded corpus.
pub fn analyze(
    corpus: Corpus,
    opts: &AlignOptions,
    progress: &Progress,
) -> Result<Analysis, Cancelled> {
    analyze_with(
        corpus,
        &AnalyzeOptions {
            align: opts.clone(),
            lexicon: None,
            corrections: None,
        },
        progress,
    )
}

/// Runs segmentation, alignment and framing with the given options.
///
/// Panic-isolated per article and per stage: an article that makes a per-article stage panic
/// (segmentation, framing) is removed from the set with a warning naming it and the stage, and
/// the rest is analysed again without it. A panic outside the per-article stages (a bug in the
/// set-level alignment) is re-raised for the caller's job to report.
pub fn analyze_with(
    mut corpus: Corpus,
    opts: &AnalyzeOptions,
    progress: &Progress,
) -> Result<Analysis, Cancelled> {
    let lexicon = opts.lexicon.clone().unwrap_or_else(Lexicon::builtin);
    loop {
        let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            analyze_once(
                &corpus,
                &opts.align,
                &lexicon,
                opts.corrections.as_ref(),
                progress,
            )
        }));
        match attempt {
            Ok(result) => {
                let (alignment, framing, corrections) = result?;
                return Ok(Analysis {
                    corpus,
                    alignment,
                    framing: Some(framing),
                    corrections,
                });
            }
            Err(payload) => {
                let Some(failure) = payload.downcast_ref::<crate::guard::ArticleFailure>() else {
                    std::panic::resume_unwind(payload)
                };
                if failure.article >= corpus.articles.len() {
                    std::panic::resume_unwind(payload)
                }
                let article = corpus.articles.remove(failure.article);
                corpus.warnings.push(crate::corpus::Warning::new(
                    article.file.clone(),
                    crate::corpus::WarningKind::AnalysisFailed {
                        stage: failure.stage.to_string(),
                        message: failure.message.clone(),
                    },
                ));
                corpus.warnings.sort_by(|a, b| a.file.cmp(&b.file));
            }
        }
    }
}

fn analyze_once(
    corpus: &Corpus,
    opts: &AlignOptions,
    lexicon: &Lexicon,
    corrections: Option<&Corrections>,
    progress: &Progress,
) -> Result<(Alignment, Framing, Outcome), Cancelled> {
    let mut alignment = align::align(corpus, opts, progress)?;
    progress.check()?;
    let outcome = match corrections {
        Some(c) if !c.is_empty() => {
            progress.stage("Applying corrections", 0);
            crate::corrections::apply(corpus, &mut alignment, c, opts.min_score)
        }
        _ => Outcome::default(),
    };
    progress.stage("Framing", 0);
    let framing = crate::framing::analyze_cancellable(corpus, &alignment, lexicon, progress)?;
    Ok((alignment, framing, outcome))
}
