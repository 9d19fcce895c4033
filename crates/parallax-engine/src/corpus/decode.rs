//! Bytes → text: byte order marks, encoding detection (`encoding_rs` + `chardetng`), binary
//! detection and line-ending normalisation.
//!
//! The result is always valid UTF-8 with `\n` line endings. What was done to get there is
//! recorded (`note`, removed carriage returns, BOM length) so that body offsets can be mapped
//! back to the file and the user can be told when a guess was made.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::{BinarySign, WarningKind};

/// A decoded file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, `\n` line endings only.
    pub text: String,
    /// Encoding name as the WHATWG encoding standard spells it ("UTF-8", "windows-1252", …).
    pub encoding: &'static str,
    /// A caveat worth a (non-skipping) warning, e.g. "not valid UTF-8; decoded as windows-1252".
    pub note: Option<WarningKind>,
    /// Bytes of byte order mark before the text (UTF-8 only, else 0).
    pub lead: usize,
    /// Offsets in `text` of the `\n`s whose preceding `\r` was removed (CRLF → LF), sorted.
    pub removed_cr: Vec<usize>,
    /// True when offsets in `text` (plus `lead` and `removed_cr`) are byte offsets of the file,
    /// i.e. the file is valid UTF-8.
    pub exact: bool,
}

/// The file's text; `Err` is why the file is not text.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, WarningKind> {
    if bytes.is_empty() {
        return Err(WarningKind::Empty);
    }
    if let Some(d) = decode_utf32_bom(&bytes) {
        return Ok(finish(d, "UTF-32", None, 0, false));
    }
    if let Some((enc, bom)) = Encoding::for_bom(&bytes) {
        let body = bytes.get(bom..).unwrap_or_default();
        if enc == UTF_8 {
            return match std::str::from_utf8(body) {
                Ok(s) => {
                    check_binary_text(s)?;
                    Ok(finish(s.to_owned(), "UTF-8", None, bom, true))
                }
                Err(_) => {
                    let s = String::from_utf8_lossy(body).into_owned();
                    check_binary_text(&s)?;
                    Ok(finish(
                        s,
                        "UTF-8",
                        Some(WarningKind::BytesReplaced { encoding: "UTF-8" }),
                        0,
                        false,
                    ))
                }
            };
        }
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        let text = text.into_owned();
        check_binary_text(&text)?;
        let note = had_errors.then(|| WarningKind::BytesReplaced {
            encoding: enc.name(),
        });
        return Ok(finish(text, enc.name(), note, 0, false));
    }
    if memchr::memchr(0, &bytes).is_some() {
        if let Some(enc) = utf16_without_bom(&bytes) {
            let (text, _) = enc.decode_without_bom_handling(&bytes);
            let text = text.into_owned();
            check_binary_text(&text)?;
            let note = WarningKind::NoByteOrderMark {
                encoding: enc.name(),
            };
            return Ok(finish(text, enc.name(), Some(note), 0, false));
        }
        return Err(WarningKind::Binary {
            sign: BinarySign::NulBytes,
        });
    }
    match String::from_utf8(bytes) {
        Ok(s) => {
            check_binary_text(&s)?;
            Ok(finish(s, "UTF-8", None, 0, true))
        }
        Err(e) => {
            let bytes = e.into_bytes();
            if mostly_utf8(&bytes) {
                let s = String::from_utf8_lossy(&bytes).into_owned();
                check_binary_text(&s)?;
                return Ok(finish(
                    s,
                    "UTF-8",
                    Some(WarningKind::BytesReplaced { encoding: "UTF-8" }),
                    0,
                    false,
                ));
            }
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(&bytes, true);
            let enc = detector.guess(None, false);
            let (text, _) = enc.decode_without_bom_handling(&bytes);
            let text = text.into_owned();
            check_binary_text(&text)?;
            let note = WarningKind::EncodingGuessed {
                encoding: enc.name(),
            };
            Ok(finish(text, enc.name(), Some(note), 0, false))
        }
    }
}

/// True when invalid sequences are rare next to valid multi-byte characters: a UTF-8 file with
/// a few corrupt bytes, which a legacy-encoding guess would turn into mojibake everywhere else.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    multibyte > 0 && invalid <= multibyte
}

/// UTF-16 without a BOM: ASCII-range text puts a NUL in every other byte. Hand-written because
/// neither `encoding_rs` nor `chardetng` guess BOM-less UTF-16.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = bytes.get(..bytes.len().min(8192) & !1).unwrap_or_default();
    let pairs = sample.len() / 2;
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if let [a, b] = pair {
            even_nul += usize::from(*a == 0);
            odd_nul += usize::from(*b == 0);
        }
    }
    // Mostly-Latin UTF-16: ≥ 70 % of code units have a zero high byte, and the other half of the
    // pair is almost never zero.
    if odd_nul * 10 >= pairs * 7 && even_nul * 20 <= pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn decode_utf32_bom(bytes: &[u8]) -> Option<String> {
    let le = bytes.starts_with(&[0xFF, 0xFE, 0, 0]);
    let be = bytes.starts_with(&[0, 0, 0xFE, 0xFF]);
    if !le && !be {
        return None;
    }
    let body = bytes.get(4..).unwrap_or_default();
    Some(
        body.chunks(4)
            .map(|c| {
                let mut b = [0u8; 4];
                for (dst, src) in b.iter_mut().zip(c) {
                    *dst = *src;
                }
                let v = if le {
                    u32::from_le_bytes(b)
                } else {
                    u32::from_be_bytes(b)
                };
                char::from_u32(v).unwrap_or('\u{FFFD}')
            })
            .collect(),
    )
}

/// Decoded text that is mostly control characters is binary data that happened to decode.
fn check_binary_text(text: &str) -> Result<(), WarningKind> {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(8192) {
        total += 1;
        if c == '\0' {
            return Err(WarningKind::Binary {
                sign: BinarySign::NulBytes,
            });
        }
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}' | '\u{1B}' | '\u{85}') {
            control += 1;
        }
    }
    if total > 0 && control * 10 > total {
        return Err(WarningKind::Binary {
            sign: BinarySign::ControlCharacters,
        });
    }
    Ok(())
}

/// CRLF → LF (recording where), lone CR → LF (same length), other C0 controls → space.
fn finish(
    text: String,
    encoding: &'static str,
    note: Option<WarningKind>,
    lead: usize,
    exact: bool,
) -> Decoded {
    let needs_work = text
        .bytes()
        .any(|b| b < 0x20 && b != b'\n' && b != b'\t' || b == 0x7F);
    if !needs_work {
        return Decoded {
            text,
            encoding,
            note,
            lead,
            removed_cr: Vec::new(),
            exact,
        };
    }
    let mut out = String::with_capacity(text.len());
    let mut removed_cr = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {
                removed_cr.push(out.len());
            }
            '\r' => out.push('\n'),
            '\n' | '\t' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{7F}' => out.push(' '),
            c => out.push(c),
        }
    }
    Decoded {
        text: out,
        encoding,
        note,
        lead,
        removed_cr,
        exact,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        let d = decode(b"a\r\nb\rc\n".to_vec()).unwrap();
        assert_eq!(d.text, "a\nb\nc\n");
        assert_eq!(d.removed_cr, vec![1]);
        assert!(d.exact);
    }

    #[test]
    fn utf16_le_without_bom_is_recognised() {
        let bytes: Vec<u8> = "Hello there, world.\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let d = decode(bytes).unwrap();
        assert_eq!(d.text, "Hello there, world.\n");
        assert_eq!(d.encoding, "UTF-16LE");
        assert!(d.note.is_some());
    }

    #[test]
    fn utf32_bom_decodes() {
        let mut bytes = vec![0xFF, 0xFE, 0, 0];
        for c in "Zoë".chars() {
            bytes.extend((c as u32).to_le_bytes());
        }
        assert_eq!(decode(bytes).unwrap().text, "Zoë");
    }

    #[test]
    fn utf8_with_one_bad_byte_stays_utf8() {
        let mut bytes = "Café «déjà» vu ".as_bytes().to_vec();
        bytes.push(0xFF);
        let d = decode(bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.starts_with("Café «déjà»"));
        let note = d.note.unwrap();
        assert_eq!(note, WarningKind::BytesReplaced { encoding: "UTF-8" });
        assert!(note.to_string().contains("invalid UTF-8"));
    }
}
