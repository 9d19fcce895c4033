//! `.mhtml` / `.mht`: a web page saved as one MIME archive (`multipart/related`, RFC 2557) by
//! Chrome, Edge or Opera ("Save as… single file"). The first `text/html` part is decoded
//! (quoted-printable or base64, then its declared charset, else our encoding detection) and
//! read by the same HTML extraction as a `.html` file; the other parts (images, CSS) are
//! ignored. Hand-written: a MIME reader for this one shape is ~150 lines, where the mail
//! crates bring a whole RFC 5322 stack.

use super::WarningKind;

/// The HTML of an archive and the address it was saved from.
#[derive(Debug)]
pub struct HtmlPart {
    pub html: String,
    /// `Content-Location` of the part, else the archive's `Snapshot-Content-Location`.
    pub location: Option<String>,
    /// A caveat (e.g. an unknown charset label), for a non-skipping warning.
    pub note: Option<WarningKind>,
}

/// Header block (unfolded) and the offset where the content starts.
fn headers(b: &[u8]) -> (Vec<(String, String)>, usize) {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut pos = 0;
    while pos < b.len() {
        let end =
            memchr::memchr(b'\n', b.get(pos..).unwrap_or_default()).map_or(b.len(), |e| pos + e);
        let raw = b.get(pos..end).unwrap_or_default();
        let line = String::from_utf8_lossy(raw);
        let line = line.trim_end_matches('\r');
        pos = (end + 1).min(b.len().max(end + 1));
        if line.is_empty() {
            return (out, pos.min(b.len()));
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = out.last_mut() {
                v.push(' ');
                v.push_str(line.trim());
            }
            continue;
        }
        match line.split_once(':') {
            Some((k, v)) => out.push((k.trim().to_ascii_lowercase(), v.trim().to_string())),
            // Not a header line: the headers ended without a blank line.
            None => return (out, pos.saturating_sub(raw.len() + 1)),
        }
    }
    (out, b.len())
}

fn header<'a>(h: &'a [(String, String)], name: &str) -> Option<&'a str> {
    h.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// A parameter of a header value: `boundary` of `multipart/related; boundary="----x"`.
fn param(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Quoted-printable: `=XX` bytes and `=` soft line breaks; anything malformed kept as is.
pub fn quoted_printable(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c != b'=' {
            out.push(c);
            i += 1;
            continue;
        }
        match (b.get(i + 1), b.get(i + 2)) {
            (Some(b'\r'), Some(b'\n')) => i += 3,
            (Some(b'\n'), _) => i += 2,
            (Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push(hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0));
                i += 3;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Base64 (standard alphabet, whitespace ignored, stops at padding or a foreign byte).
pub fn base64(b: &[u8]) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(b.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in b {
        if c.is_ascii_whitespace() {
            continue;
        }
        let Some(v) = val(c) else {
            break;
        };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn decode_body(h: &[(String, String)], body: &[u8]) -> Vec<u8> {
    match header(h, "content-transfer-encoding").map(|e| e.trim().to_ascii_lowercase()) {
        Some(e) if e == "quoted-printable" => quoted_printable(body),
        Some(e) if e == "base64" => base64(body),
        _ => body.to_vec(),
    }
}

fn is_html(h: &[(String, String)]) -> bool {
    header(h, "content-type").is_some_and(|t| {
        let t = t.to_ascii_lowercase();
        t.starts_with("text/html") || t.starts_with("application/xhtml+xml")
    })
}

/// Text of the HTML bytes: the part's charset when it names one we know, else detection.
fn to_text(
    h: &[(String, String)],
    bytes: Vec<u8>,
) -> Result<(String, Option<WarningKind>), WarningKind> {
    let label = header(h, "content-type").and_then(|t| param(t, "charset"));
    if let Some(enc) = label
        .as_deref()
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
    {
        let (text, _, bad) = enc.decode(&bytes);
        let note = bad.then(|| WarningKind::BytesReplaced {
            encoding: enc.name(),
        });
        return Ok((text.replace("\r\n", "\n"), note));
    }
    let d = super::decode::decode(bytes).map_err(|cause| WarningKind::MhtmlPartUnreadable {
        cause: Box::new(cause),
    })?;
    Ok((d.text, d.note))
}

/// The first HTML part of an MHTML archive; `Err` is the reason for a skipped file.
pub fn html_part(bytes: &[u8]) -> Result<HtmlPart, WarningKind> {
    let (top, start) = headers(bytes);
    let Some(ctype) = header(&top, "content-type") else {
        return Err(WarningKind::NotMhtml);
    };
    let snapshot = header(&top, "snapshot-content-location").map(str::to_string);
    let body = bytes.get(start..).unwrap_or_default();
    if !ctype.to_ascii_lowercase().starts_with("multipart/") {
        // A single-part archive: the page itself.
        if !is_html(&top) {
            return Err(WarningKind::MhtmlWithoutPage {
                content: Some(ctype.split(';').next().unwrap_or(ctype).trim().to_string()),
            });
        }
        let (html, note) = to_text(&top, decode_body(&top, body))?;
        let location = header(&top, "content-location")
            .map(str::to_string)
            .or(snapshot);
        return Ok(HtmlPart {
            html,
            location,
            note,
        });
    }
    let Some(boundary) = param(ctype, "boundary").filter(|b| !b.is_empty()) else {
        return Err(WarningKind::MhtmlWithoutBoundary);
    };
    let delim = format!("--{boundary}");
    let finder = memchr::memmem::Finder::new(delim.as_bytes());
    let mut cuts: Vec<usize> = finder
        .find_iter(body)
        .filter(|&at| at == 0 || body.get(at - 1) == Some(&b'\n'))
        .collect();
    cuts.push(body.len());
    for w in cuts.windows(2) {
        let (Some(&a), Some(&b)) = (w.first(), w.get(1)) else {
            continue;
        };
        let part = body.get(a + delim.len()..b).unwrap_or_default();
        if part.starts_with(b"--") {
            break;
        }
        // Skip the rest of the delimiter line.
        let part = match memchr::memchr(b'\n', part) {
            Some(nl) => part.get(nl + 1..).unwrap_or_default(),
            None => continue,
        };
        let (h, at) = headers(part);
        if !is_html(&h) {
            continue;
        }
        let content = part.get(at..).unwrap_or_default();
        let (html, note) = to_text(&h, decode_body(&h, content))?;
        let location = header(&h, "content-location")
            .map(str::to_string)
            .or(snapshot);
        return Ok(HtmlPart {
            html,
            location,
            note,
        });
    }
    Err(WarningKind::MhtmlWithoutPage { content: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codecs() {
        assert_eq!(
            quoted_printable(b"caf=C3=A9 =\r\nau lait=3D"),
            "café au lait=".as_bytes()
        );
        assert_eq!(quoted_printable(b"50 =% off="), b"50 =% off=");
        assert_eq!(base64(b"aGVs\nbG8h"), b"hello!");
        assert_eq!(base64(b"aGk="), b"hi");
    }

    #[test]
    fn first_html_part_is_decoded() {
        let src = "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://news.example/a\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--x\"\r\n\r\n------MultipartBoundary--x\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: https://news.example/a\r\n\r\n<html><body><p>Caf=C3=A9 talks =\r\nresume</p></body></html>\r\n------MultipartBoundary--x\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n------MultipartBoundary--x--\r\n";
        let p = html_part(src.as_bytes()).unwrap();
        assert!(p.html.contains("<p>Café talks resume</p>"), "{}", p.html);
        assert_eq!(p.location.as_deref(), Some("https://news.example/a"));
        assert!(html_part(b"just some text").is_err());
    }
}
