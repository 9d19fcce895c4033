//! Plain-text articles (`.txt`): paragraphs from lines.
//!
//! Two layouts are common and both are read right:
//! - one paragraph per line (what copy-pasting from a browser gives, and the seeds), and
//! - hard-wrapped text (e-mail, wire copy, Project Gutenberg style): lines of ~70 characters
//!   with blank lines between paragraphs. There, a line break inside a paragraph becomes a space
//!   (same byte length, so body offsets stay file offsets).
//!
//! Lines without any letter or digit ("* * *", "----") are separators, not paragraphs.

use crate::span::Span;

/// A line longer than this (in characters) is never hard-wrapped prose.
const WRAP_WIDTH: usize = 100;

/// Returns the body (same length as `text`, wrapped line breaks replaced by spaces) and its
/// paragraphs.
pub fn extract(text: &str) -> (String, Vec<Span>) {
    let lines = line_spans(text);
    let wrapped = looks_hard_wrapped(text, &lines);
    let mut body = text.as_bytes().to_vec();
    let mut paragraphs: Vec<Span> = Vec::new();
    let mut open: Option<Span> = None;
    let width = typical_width(text, &lines);
    for (i, line) in lines.iter().enumerate() {
        let s = text.get(line.range()).unwrap_or("");
        let content = s.trim();
        if content.is_empty() || !content.chars().any(char::is_alphanumeric) {
            if let Some(p) = open.take() {
                paragraphs.push(p);
            }
            continue;
        }
        let lead = s.len() - s.trim_start().len();
        let span = Span::new(line.start + lead, line.start + lead + content.len());
        open = Some(match open {
            Some(p) => {
                // Join: the previous line break becomes a space.
                for b in body.get_mut(p.end..span.start).into_iter().flatten() {
                    if *b == b'\n' {
                        *b = b' ';
                    }
                }
                Span::new(p.start, span.end)
            }
            None => span,
        });
        let joins_next = wrapped
            && content.chars().count() * 4 >= width * 3
            && lines.get(i + 1).is_some_and(|next| {
                let n = text.get(next.range()).unwrap_or("").trim_start();
                !n.is_empty() && !starts_list_item(n)
            });
        if !joins_next && let Some(p) = open.take() {
            paragraphs.push(p);
        }
    }
    if let Some(p) = open.take() {
        paragraphs.push(p);
    }
    // Only '\n' bytes were replaced by ' ', so this is still valid UTF-8.
    let body = String::from_utf8(body).unwrap_or_else(|_| text.to_string());
    (body, paragraphs)
}

fn starts_list_item(line: &str) -> bool {
    line.starts_with(['-', '*', '•', '–', '>'])
        || line.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Line spans without their `\n`.
fn line_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pos = 0;
    for l in text.split_inclusive('\n') {
        let content = l.strip_suffix('\n').unwrap_or(l);
        out.push(Span::new(pos, pos + content.len()));
        pos += l.len();
    }
    out
}

/// Hard-wrapped: blank lines separate blocks of several lines, almost no line is long, and
/// most lines inside a block do not end a sentence.
fn looks_hard_wrapped(text: &str, lines: &[Span]) -> bool {
    let mut nonblank = 0usize;
    let mut long = 0usize;
    let mut blank = 0usize;
    let mut inner = 0usize; // lines followed by another non-blank line
    let mut inner_closed = 0usize; // … that end like a sentence
    for (i, l) in lines.iter().enumerate() {
        let s = text.get(l.range()).unwrap_or("").trim();
        if s.is_empty() {
            blank += 1;
            continue;
        }
        nonblank += 1;
        if s.chars().count() > WRAP_WIDTH {
            long += 1;
        }
        let next_nonblank = lines
            .get(i + 1)
            .is_some_and(|n| !text.get(n.range()).unwrap_or("").trim().is_empty());
        if next_nonblank {
            inner += 1;
            if s.ends_with(['.', '!', '?', '"', '”', ':']) {
                inner_closed += 1;
            }
        }
    }
    blank > 0 && inner > 0 && long * 20 < nonblank && inner_closed * 2 < inner
}

/// The width lines are wrapped at: the 90th percentile of line lengths in characters.
fn typical_width(text: &str, lines: &[Span]) -> usize {
    let mut lens: Vec<usize> = lines
        .iter()
        .map(|l| text.get(l.range()).unwrap_or("").trim_end().chars().count())
        .filter(|n| *n > 0)
        .collect();
    if lens.is_empty() {
        return 0;
    }
    lens.sort_unstable();
    lens.get(lens.len() * 9 / 10)
        .or(lens.last())
        .copied()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<String> {
        let (body, ps) = extract(text);
        assert_eq!(body.len(), text.len());
        ps.iter().map(|p| body[p.range()].to_string()).collect()
    }

    #[test]
    fn one_paragraph_per_line() {
        assert_eq!(
            paras(
                "Headline here\nFirst paragraph. It goes on.\n\n  Second one.  \n* * *\nThird.\n"
            ),
            vec![
                "Headline here",
                "First paragraph. It goes on.",
                "Second one.",
                "Third."
            ]
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "Kremlin cool on talks\n\n\
The Kremlin said on Monday there were no plans for a meeting between the\n\
two leaders, even as talk of a peace deal grew louder in both capitals and\n\
across Europe.\n\n\
Fighting has intensified in recent weeks, with waves of drones and missiles\n\
launched across the country.\n";
        assert_eq!(
            paras(text),
            vec![
                "Kremlin cool on talks",
                "The Kremlin said on Monday there were no plans for a meeting between the two leaders, even as talk of a peace deal grew louder in both capitals and across Europe.",
                "Fighting has intensified in recent weeks, with waves of drones and missiles launched across the country.",
            ]
        );
    }
}
