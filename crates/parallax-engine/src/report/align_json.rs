//! The `parallax align --json` contract: articles with passages, links and events; each link
//! with the evidence that made it (`evidence`), and the weaker topic-level pairs (`related`),
//! which are never links.

use serde::Serialize;

use crate::align::claims::Evidence;
use crate::align::{Event, Link};
use crate::model::Analysis;

#[derive(Debug, Serialize)]
pub struct AlignJson<'a> {
    pub articles: Vec<ArticleJson<'a>>,
    pub links: Vec<LinkJson<'a>>,
    pub events: &'a [Event],
    /// Pairs on the same topic that do not report the same claim (lexical link score), for
    /// "related" displays; never in `links`.
    pub related: &'a [Link],
    /// Why semantic matching is off, when it is (no embedding model).
    pub notice: Option<&'a str>,
}

/// One link: `a`, `b`, `score` (the match probability) as before, who made it (`source`:
/// `"aligner"`, or `"manual"` for a link made by hand, whose score is 1), plus its evidence.
#[derive(Debug, Serialize)]
pub struct LinkJson<'a> {
    #[serde(flatten)]
    pub link: &'a Link,
    pub source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<&'a Evidence>,
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
    let al = &analysis.alignment;
    let links = al
        .links
        .iter()
        .enumerate()
        .map(|(i, link)| LinkJson {
            link,
            source: if al.evidence.get(i).is_some_and(|e| e.manual) {
                "manual"
            } else {
                "aligner"
            },
            evidence: al.evidence.get(i),
        })
        .collect();
    AlignJson {
        articles,
        links,
        events: &al.events,
        related: &al.related,
        notice: al.notice.as_deref(),
    }
}

/// Writes `value` as JSON that a person can still read but that stays small on a large set:
/// indented down to the records, each record on one line. The records are the objects under
/// `"links"` (one link per line) and, elsewhere, the objects two levels deeper (one passage,
/// one event member per line). Plain pretty printing spent a dozen lines on every link: on a
/// 1,000-article set that was 86 MB and most of the command's time.
pub fn write_readable<W: std::io::Write, T: Serialize + ?Sized>(
    w: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(w, Readable::default());
    value.serialize(&mut ser)
}

/// Writes the `align --json` contract of `j`: the same bytes as [`write_readable`], with the
/// records of each top-level array (articles, links, events) rendered in parallel, a batch at a
/// time (a large set has millions of links; the output streams, it is never held whole).
pub fn write_align_json<W: std::io::Write>(w: &mut W, j: &AlignJson<'_>) -> std::io::Result<()> {
    w.write_all(b"{\n  \"articles\": ")?;
    write_records(w, &j.articles, "articles")?;
    w.write_all(b",\n  \"links\": ")?;
    write_records(w, &j.links, "links")?;
    w.write_all(b",\n  \"events\": ")?;
    write_records(w, j.events, "events")?;
    w.write_all(b",\n  \"related\": ")?;
    write_records(w, j.related, "related")?;
    w.write_all(b",\n  \"notice\": ")?;
    serde_json::to_writer(&mut *w, &j.notice).map_err(std::io::Error::other)?;
    w.write_all(b"\n}")
}

/// Writes `items` as the array under the top-level `key`, as [`Readable`] would.
fn write_records<W: std::io::Write, T: Serialize + Sync>(
    w: &mut W,
    items: &[T],
    key: &str,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    const CHUNK: usize = 2048;
    const BATCH: usize = CHUNK * 32;
    if items.is_empty() {
        return w.write_all(b"[]");
    }
    w.write_all(b"[")?;
    for (b, batch) in items.chunks(BATCH).enumerate() {
        let bufs: Vec<std::io::Result<Vec<u8>>> = batch
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let mut buf = Vec::with_capacity(chunk.len() * 96);
                for (k, item) in chunk.iter().enumerate() {
                    // Each record as the array's value at depth 2: the formatter's own
                    // separator (none before the array's first), then the record.
                    let mut f = Readable::at(2, key);
                    f.item(&mut buf, b == 0 && c == 0 && k == 0)?;
                    let mut ser = serde_json::Serializer::with_formatter(&mut buf, f);
                    item.serialize(&mut ser).map_err(std::io::Error::other)?;
                }
                Ok(buf)
            })
            .collect();
        for buf in bufs {
            w.write_all(&buf?)?;
        }
    }
    w.write_all(b"\n  ]")
}

/// The formatter of [`write_readable`].
#[derive(Debug, Default)]
struct Readable {
    /// Whether each open container has written a value yet (its depth is the stack length).
    open: Vec<bool>,
    /// The key of the top-level entry being written.
    top_key: String,
    in_top_key: bool,
}

impl Readable {
    /// A formatter for a value written `depth` containers deep under the top-level `key`.
    fn at(depth: usize, key: &str) -> Self {
        Self {
            open: vec![true; depth],
            top_key: key.to_string(),
            in_top_key: false,
        }
    }
    /// Containers at this depth (the root is 1) and deeper are written on one line.
    fn compact_from(&self) -> usize {
        if self.top_key == "links" || self.top_key == "related" {
            3
        } else {
            5
        }
    }
    fn compact(&self) -> bool {
        self.open.len() >= self.compact_from()
    }
    fn indent<W: ?Sized + std::io::Write>(w: &mut W, depth: usize) -> std::io::Result<()> {
        for _ in 0..depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
    fn begin<W: ?Sized + std::io::Write>(&mut self, w: &mut W, open: &[u8]) -> std::io::Result<()> {
        self.open.push(false);
        w.write_all(open)
    }
    fn end<W: ?Sized + std::io::Write>(&mut self, w: &mut W, close: &[u8]) -> std::io::Result<()> {
        let compact = self.compact();
        let had_values = self.open.pop().unwrap_or(false);
        if had_values && !compact {
            w.write_all(b"\n")?;
            Self::indent(w, self.open.len())?;
        }
        w.write_all(close)
    }
    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if self.compact() {
            w.write_all(if first { b"" } else { b", " })
        } else {
            w.write_all(if first { b"\n" } else { b",\n" })?;
            Self::indent(w, self.open.len())
        }
    }
    fn mark(&mut self) {
        if let Some(v) = self.open.last_mut() {
            *v = true;
        }
    }
}

impl serde_json::ser::Formatter for Readable {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.begin(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.end(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.mark();
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.begin(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.end(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if self.open.len() == 1 {
            self.top_key.clear();
            self.in_top_key = true;
        }
        self.item(w, first)
    }
    fn end_object_key<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.in_top_key = false;
        Ok(())
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.mark();
        Ok(())
    }
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if self.in_top_key {
            self.top_key.push_str(fragment);
        }
        w.write_all(fragment.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_json_is_the_same_data_with_one_record_per_line() {
        let value = serde_json::json!({
            "articles": [{"file": "a.txt", "passages": [
                {"text": "He said \"no\".", "start": 0}, {"text": "Two", "start": 14}]}],
            "links": [{"a": {"article": 0, "passage": 1}, "b": {"article": 1, "passage": 0},
                       "score": 0.5}, {"a": {"article": 0, "passage": 2},
                       "b": {"article": 1, "passage": 3}, "score": 0.25}],
            "events": [{"label": "x", "members": [{"article": 0, "passage": 1}], "sources": []}],
            "empty": {}
        });
        let mut buf = Vec::new();
        write_readable(&mut buf, &value).expect("writing to memory");
        let text = String::from_utf8(buf).expect("JSON is UTF-8");
        let back: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, value);
        let lines: Vec<&str> = text.lines().collect();
        // Each link is one line; each passage and each event member too.
        let link_lines = lines.iter().filter(|l| l.contains("\"score\"")).count();
        assert_eq!(link_lines, 2, "{text}");
        assert!(
            lines
                .iter()
                .any(|l| l.trim() == r#"{"start": 0, "text": "He said \"no\"."},"#),
            "{text}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.trim() == r#"{"article": 0, "passage": 1}"#),
            "{text}"
        );
        // The outer structure is indented.
        assert!(
            lines.iter().any(|l| l.starts_with("  \"links\": [")),
            "{text}"
        );
        assert!(text.contains("\"empty\": {}"), "{text}");
    }

    #[test]
    fn parallel_writer_gives_the_same_bytes_as_the_formatter() {
        let corpus = crate::corpus::seeds();
        let alignment = crate::align::align(
            &corpus,
            &crate::align::AlignOptions::default(),
            &crate::progress::Progress::new(),
        )
        .expect("not cancelled");
        let analysis = Analysis {
            corpus,
            alignment,
            framing: None,
            corrections: Default::default(),
        };
        let j = align_json(&analysis);
        assert!(j.links.len() > 10 && !j.events.is_empty());
        let mut whole = Vec::new();
        write_readable(&mut whole, &j).expect("writing to memory");
        let mut parallel = Vec::new();
        write_align_json(&mut parallel, &j).expect("writing to memory");
        assert_eq!(
            String::from_utf8_lossy(&parallel),
            String::from_utf8_lossy(&whole)
        );
        // And the empty arrays.
        let empty = AlignJson {
            articles: Vec::new(),
            links: Vec::new(),
            events: &[],
            related: &[],
            notice: Some("Semantic matching off — no model"),
        };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        write_readable(&mut a, &empty).expect("writing to memory");
        write_align_json(&mut b, &empty).expect("writing to memory");
        assert_eq!(a, b);
    }
}
