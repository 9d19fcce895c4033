//! The `parallax align --json` contract: articles with passages, links and events.

use serde::Serialize;

use crate::align::{Event, Link};
use crate::model::Analysis;

#[derive(Debug, Serialize)]
pub struct AlignJson<'a> {
    pub articles: Vec<ArticleJson<'a>>,
    pub links: &'a [Link],
    pub events: &'a [Event],
}

#[derive(Debug, Serialize)]
pub struct ArticleJson<'a> {
    pub file: &'a str,
    pub source: &'a str,
    pub title: &'a str,
    pub passages: Vec<PassageJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct PassageJson<'a> {
    pub text: &'a str,
    pub paragraph: usize,
    pub start: usize,
    pub end: usize,
    pub heading: bool,
}

/// The `parallax align --json` contract: articles with passages, links and events.
pub fn align_json(analysis: &Analysis) -> AlignJson<'_> {
    let articles = analysis
        .corpus
        .articles
        .iter()
        .zip(&analysis.alignment.passages)
        .map(|(a, ps)| ArticleJson {
            file: &a.file,
            source: &a.source,
            title: &a.title,
            passages: ps
                .iter()
                .map(|s| PassageJson {
                    text: a.text(s.span),
                    paragraph: s.paragraph,
                    start: s.span.start,
                    end: s.span.end,
                    heading: s.heading,
                })
                .collect(),
        })
        .collect();
    AlignJson {
        articles,
        links: &analysis.alignment.links,
        events: &analysis.alignment.events,
    }
}
