//! `.pdf` with a text layer (print editions, press releases), read with `pdf-extract` (on
//! `lopdf`, pure Rust). Its text comes page by page in the order of the content stream; this
//! module makes paragraphs of it: lines joined, a word hyphenated at a line end joined again
//! ("de-" + "lay" → "delay", while "well-known" keeps its hyphen), blank lines end a
//! paragraph, and a page break does when the page ends a sentence. A PDF with no text at all
//! (a scan) is skipped with a clear warning, a password-protected or damaged one too;
//! `pdf-extract` panics on some malformed files, which the loader's per-file guard turns into
//! a skipped-file warning.
//!
//! Columns: text is taken in content-stream order, which is column by column for the layout
//! tools that write newspapers' PDFs; positions are not re-sorted.

use super::Span;
use super::metadata::Meta;

#[derive(Debug, Default)]
pub struct Extracted {
    pub body: String,
    pub paragraphs: Vec<Span>,
    pub meta: Meta,
}

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
            if cur
                .trim_end()
                .ends_with(['.', '!', '?', ':', '"', '”', '»'])
            {
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

pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let head = bytes.get(..1024).unwrap_or(bytes);
    if memchr::memmem::find(head, b"%PDF-").is_none() {
        return Err("not a PDF file (no %PDF header); skipped".into());
    }
    let text = pdf_extract::extract_text_from_mem(bytes).map_err(|e| {
        let m = e.to_string();
        let lower = m.to_lowercase();
        if lower.contains("decrypt") || lower.contains("encrypt") || lower.contains("password") {
            "password-protected (encrypted) PDF; remove the password and save again; skipped"
                .to_string()
        } else {
            format!("damaged or unreadable PDF ({m}); skipped")
        }
    })?;
    let paras = paragraphs_of(&text);
    if paras.is_empty() {
        return Err(
            "PDF without a text layer (a scan or images only); run OCR on it to read it; skipped"
                .into(),
        );
    }
    let mut body = String::new();
    let mut paragraphs = Vec::with_capacity(paras.len());
    for p in paras {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let start = body.len();
        body.push_str(&p);
        paragraphs.push(Span::new(start, body.len()));
    }
    Ok(Extracted {
        body,
        paragraphs,
        meta: Meta::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
