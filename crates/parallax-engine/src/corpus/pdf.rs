//! `.pdf` with a text layer (print editions, press releases), read with `pdf-extract` (on
//! `lopdf`, pure Rust). Its text comes page by page in the order of the content stream; this
//! module makes paragraphs of it: lines joined, a word hyphenated at a line end joined again
//! ("de-" + "lay" → "delay", while "well-known" keeps its hyphen), blank lines end a
//! paragraph, and a page break does when the page ends a sentence. A PDF with no text at all
//! (a scan) is skipped with a clear warning, a password-protected or damaged one too;
//! `pdf-extract` panics on some malformed files: the panic is caught here and the file is
//! skipped as damaged, like any other unreadable PDF.
//!
//! Columns: the text is laid out again from the glyphs' positions (`Layout`), because the
//! content stream of a two- or three-column page may run line by line across the columns
//! (left line 1, right line 1, …). Each page's lines are cut where a gap wider than a word
//! space opens; a vertical gutter that no narrow line crosses, with text on both sides, splits
//! the page into columns; lines that cross a gutter (a headline over the columns) split it into
//! bands. Reading order is band by band, column by column, top to bottom. A page with no
//! gutter, or with rotated text, keeps the content-stream order.

use super::metadata::Meta;
use super::{Extracted, WarningKind};
use crate::span::join_paragraphs;

/// "de-" at a line end followed by a lower-case letter: a word broken by the layout.
fn joins_hyphenated(line: &str, next: &str) -> bool {
    let Some(stem) = line.strip_suffix('-') else {
        return false;
    };
    stem.chars().last().is_some_and(char::is_alphabetic)
        && next.chars().next().is_some_and(char::is_lowercase)
}

/// Paragraphs of the extracted text: lines joined with spaces (or without the hyphen of a
/// broken word), split at blank lines and form feeds.
pub fn paragraphs_of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let p = cur.split_whitespace().collect::<Vec<_>>().join(" ");
        if p.chars().any(char::is_alphanumeric) {
            out.push(p);
        }
        cur.clear();
    };
    for raw in text.replace('\x0C', "\n\x0C\n").split('\n') {
        // A page break ends the paragraph when the page's last line ends a sentence; else
        // the paragraph runs on to the next page.
        if raw == "\x0C" {
            if ends_sentence(&cur) {
                flush(&mut cur, &mut out);
            }
            continue;
        }
        let line = raw.trim();
        if line.is_empty() {
            flush(&mut cur, &mut out);
            continue;
        }
        let prev = cur.trim_end().to_string();
        if !prev.is_empty() && joins_hyphenated(&prev, line) {
            cur.truncate(prev.len() - 1);
            cur.push_str(line);
        } else {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(line);
        }
    }
    flush(&mut cur, &mut out);
    out
}

pub fn extract(bytes: &[u8]) -> Result<Extracted, WarningKind> {
    let head = bytes.get(..1024).unwrap_or(bytes);
    if memchr::memmem::find(head, b"%PDF-").is_none() {
        return Err(WarningKind::NotPdf);
    }
    // `pdf-extract` panics on some malformed files (an unknown font encoding name, broken
    // font tables); that is a damaged file like any other, not a failure of the loader.
    let text = crate::guard::foreign(|| laid_out_text(bytes))
        .unwrap_or_else(|panic| Err(format!("the PDF reader failed: {panic}")))
        .map_err(|m| {
            let lower = m.to_lowercase();
            if lower.contains("decrypt") || lower.contains("encrypt") || lower.contains("password")
            {
                WarningKind::PdfEncrypted
            } else {
                WarningKind::PdfDamaged { error: m }
            }
        })?;
    let paras = paragraphs_of(&text);
    if paras.is_empty() {
        return Err(WarningKind::NoText {
            format: super::Format::Pdf,
        });
    }
    let (body, paragraphs) = join_paragraphs(paras);
    Ok(Extracted {
        body,
        paragraphs,
        meta: Meta::default(),
        note: None,
    })
}

/// The text of every page in reading order, pages separated by form feeds.
fn laid_out_text(bytes: &[u8]) -> Result<String, String> {
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| e.to_string())?;
    if doc.is_encrypted() {
        // An empty user password opens "owner-only" protected files, as PDF readers do.
        doc.decrypt("").map_err(|e| format!("encrypted: {e}"))?;
    }
    let mut layout = Layout::default();
    pdf_extract::output_doc(&doc, &mut layout).map_err(|e| e.to_string())?;
    Ok(layout.pages.join("\x0C"))
}

/// Glyphs past this many in one file are dropped (a page description that draws millions of
/// characters is not an article; the file-size cap bounds the rest).
const MAX_GLYPHS: usize = 4_000_000;

/// One line piece: glyphs on one baseline with no gap wider than a word space between them.
/// `y` grows downwards.
#[derive(Debug, Clone)]
struct Fragment {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
}

/// A `pdf_extract` output device that keeps each glyph's position and lays each page out
/// in reading order when it ends.
#[derive(Default)]
struct Layout {
    pages: Vec<String>,
    frags: Vec<Fragment>,
    word_start: bool,
    rotated: bool,
    glyphs: usize,
}

impl pdf_extract::OutputDev for Layout {
    fn begin_page(
        &mut self,
        _page_num: u32,
        _media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.frags.clear();
        self.rotated = false;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        let frags = std::mem::take(&mut self.frags);
        let order = if self.rotated {
            (0..frags.len()).collect()
        } else {
            reading_order(&frags)
        };
        self.pages.push(page_text(&frags, &order));
        self.rotated = false;
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        if self.glyphs >= MAX_GLYPHS {
            return Ok(());
        }
        self.glyphs += 1;
        if trm.m12.abs() > 1e-6 || trm.m21.abs() > 1e-6 {
            self.rotated = true;
        }
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt().max(0.1);
        let (x, y) = (trm.m31, -trm.m32);
        if !x.is_finite() || !y.is_finite() || !width.is_finite() {
            return Ok(());
        }
        let end = x + width * size;
        let word_start = std::mem::take(&mut self.word_start);
        if let Some(last) = self.frags.last_mut() {
            let same_line = (y - last.y).abs() <= last.size.max(size) * 0.5;
            let gap = x - last.x1;
            // A gap wider than a generous word space on the same baseline is a column
            // gutter or a table cell: a new fragment, so columns can be told apart.
            if same_line && gap > -0.5 * size && gap <= 1.0 * size {
                if word_start && gap > size * 0.1 && !last.text.ends_with(' ') {
                    last.text.push(' ');
                }
                last.text.push_str(ch);
                last.x1 = last.x1.max(end);
                return Ok(());
            }
        }
        self.frags.push(Fragment {
            x0: x,
            x1: end.max(x),
            y,
            size,
            text: ch.to_string(),
        });
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.word_start = true;
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// Column gutters of a page: x positions between two runs of narrow fragments that no narrow
/// fragment crosses, each side holding at least three fragments.
fn gutters(frags: &[Fragment]) -> Vec<f64> {
    let (Some(left), Some(right)) = (
        frags.iter().map(|f| f.x0).reduce(f64::min),
        frags.iter().map(|f| f.x1).reduce(f64::max),
    ) else {
        return Vec::new();
    };
    let width = right - left;
    if width <= 0.0 {
        return Vec::new();
    }
    let mut narrow: Vec<(f64, f64, f64)> = frags
        .iter()
        .filter(|f| f.x1 - f.x0 < width * 0.6)
        .map(|f| (f.x0, f.x1, f.size))
        .collect();
    if narrow.len() < 6 {
        return Vec::new();
    }
    narrow.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut sizes: Vec<f64> = narrow.iter().map(|n| n.2).collect();
    sizes.sort_by(f64::total_cmp);
    let em = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0);
    let mut out = Vec::new();
    let mut reach = f64::MIN;
    let mut before = 0usize;
    for (i, &(x0, x1, _)) in narrow.iter().enumerate() {
        if i > 0 && x0 - reach >= em * 0.8 && before >= 3 && narrow.len() - i >= 3 {
            out.push((reach + x0) / 2.0);
        }
        reach = reach.max(x1);
        before = i + 1;
    }
    out
}

/// Fragment indices in reading order: band by band (bands are cut by fragments that cross a
/// gutter), column by column inside a band, top to bottom inside a column. Without a gutter
/// the content-stream order is kept.
fn reading_order(frags: &[Fragment]) -> Vec<usize> {
    let cuts = gutters(frags);
    if cuts.is_empty() {
        return (0..frags.len()).collect();
    }
    let spans = |f: &Fragment| cuts.iter().any(|&c| f.x0 < c && f.x1 > c);
    let column = |f: &Fragment| cuts.iter().filter(|&&c| (f.x0 + f.x1) / 2.0 > c).count();
    let mut spanning: Vec<usize> = (0..frags.len())
        .filter(|&i| frags.get(i).is_some_and(spans))
        .collect();
    let y_of = |i: &usize| frags.get(*i).map_or(0.0, |f| f.y);
    spanning.sort_by(|a, b| y_of(a).total_cmp(&y_of(b)));
    let mut order = Vec::with_capacity(frags.len());
    let mut top = f64::MIN;
    let mut bands: Vec<(f64, Option<usize>)> =
        spanning.iter().map(|&i| (y_of(&i), Some(i))).collect();
    bands.push((f64::MAX, None));
    for (bottom, cut) in bands {
        let mut inside: Vec<usize> = (0..frags.len())
            .filter(|&i| {
                frags
                    .get(i)
                    .is_some_and(|f| !spans(f) && f.y >= top && f.y < bottom)
            })
            .collect();
        inside.sort_by(|&a, &b| match (frags.get(a), frags.get(b)) {
            (Some(fa), Some(fb)) => column(fa)
                .cmp(&column(fb))
                .then(fa.y.total_cmp(&fb.y))
                .then(fa.x0.total_cmp(&fb.x0)),
            _ => std::cmp::Ordering::Equal,
        });
        order.extend(inside);
        order.extend(cut);
        top = bottom;
    }
    order
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', '!', '?', ':', '"', '”', '»'])
}

/// A page's text from its fragments in `order`: a line break between fragments, a blank line
/// where the vertical gap is wider than one and a half lines (a paragraph break) or the next
/// fragment starts a line of a new band below a crossing line.
fn page_text(frags: &[Fragment], order: &[usize]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Fragment> = None;
    for f in order.iter().filter_map(|&i| frags.get(i)) {
        if let Some(p) = prev {
            let same_line = (f.y - p.y).abs() <= p.size.max(f.size) * 0.5;
            let gap = f.y - p.y;
            out.push(if same_line { ' ' } else { '\n' });
            // Down by more than one and a half lines: a paragraph break. Up: the next
            // column, which starts a paragraph when the last one ended a sentence (as at a
            // page break), else the paragraph runs on.
            let new_column_after_sentence = gap < 0.0 && ends_sentence(&p.text);
            if !same_line && (gap > p.size.max(f.size) * 1.6 || new_column_after_sentence) {
                out.push('\n');
            }
        }
        out.push_str(f.text.trim());
        prev = Some(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frag(x0: f64, x1: f64, y: f64, text: &str) -> Fragment {
        Fragment {
            x0,
            x1,
            y,
            size: 10.0,
            text: text.into(),
        }
    }

    #[test]
    fn interleaved_columns_are_read_column_by_column_under_a_crossing_headline() {
        // Stream order: headline, then left and right lines alternating.
        let mut f = vec![frag(72.0, 520.0, 10.0, "Headline across both columns")];
        for i in 0..4 {
            let y = 40.0 + 12.0 * i as f64;
            f.push(frag(72.0, 280.0, y, &format!("L{i}")));
            f.push(frag(320.0, 530.0, y, &format!("R{i}")));
        }
        let order = reading_order(&f);
        let text = page_text(&f, &order);
        assert_eq!(
            text,
            "Headline across both columns\n\nL0\nL1\nL2\nL3\nR0\nR1\nR2\nR3"
        );
    }

    #[test]
    fn one_column_keeps_the_stream_order() {
        let f: Vec<Fragment> = (0..8)
            .map(|i| frag(72.0, 500.0 - (i % 3) as f64 * 40.0, 12.0 * i as f64, "line"))
            .collect();
        assert_eq!(reading_order(&f), (0..8).collect::<Vec<_>>());
    }

    #[test]
    fn hyphens_at_line_ends_are_repaired() {
        let t = "Talks re-\nsume on Wednes-\nday.\n\nA well-\nKnown case and a well-known fact.\x0CPage two\x0Cruns on.";
        assert_eq!(
            paragraphs_of(t),
            vec![
                "Talks resume on Wednesday.",
                "A well- Known case and a well-known fact.",
                "Page two runs on."
            ]
        );
    }
}
