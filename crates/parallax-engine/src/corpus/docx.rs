//! `.docx` (Word 2007+, also what Google Docs and LibreOffice export): paragraphs of
//! `word/document.xml` (tables cell by cell, tracked deletions and field codes left out),
//! headings by their style (`Title`, `Heading1`…), metadata from `docProps/core.xml`
//! (title, creator, language). The zip is read with `zip`, the XML with `quick-xml`.
//!
//! Hostile files: every member is read through a size cap (a zip bomb stops at the cap, it
//! is never inflated whole), a password-protected document (an OLE "EncryptedPackage", not a
//! zip) and a legacy `.doc` are told apart from a broken file in the warning.

use std::io::Read;

use quick_xml::events::Event;

use super::metadata::Meta;
use super::{Extracted, WarningKind};
use crate::span::join_paragraphs;

/// Largest inflated `word/document.xml` read (a 20 MB file cap allows ratios of 1000:1 in a
/// zip bomb; real documents' XML is a few MB).
pub const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

fn read_member<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, WarningKind> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(zip::result::ZipError::UnsupportedArchive(m))
            if m.contains("ncrypt") || m.contains("assword") =>
        {
            return Err(WarningKind::DocxEncrypted);
        }
        Err(e) => {
            return Err(WarningKind::DocxDamaged {
                error: e.to_string(),
            });
        }
    };
    if file.encrypted() {
        return Err(WarningKind::DocxEncrypted);
    }
    if file.size() > MAX_XML_BYTES {
        return Err(WarningKind::DocxTooLarge {
            inflated_mb: Some(file.size() / (1024 * 1024)),
            limit_mb: MAX_XML_BYTES / (1024 * 1024),
        });
    }
    let mut buf = Vec::new();
    file.take(MAX_XML_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| WarningKind::DocxDamaged {
            error: e.to_string(),
        })?;
    if buf.len() as u64 > MAX_XML_BYTES {
        return Err(WarningKind::DocxTooLarge {
            inflated_mb: None,
            limit_mb: MAX_XML_BYTES / (1024 * 1024),
        });
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

/// Text of a general entity or character reference (`&amp;`, `&#8217;`).
fn reference(r: &quick_xml::events::BytesRef<'_>) -> Option<String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c.to_string());
    }
    let name = r.decode().ok()?;
    quick_xml::escape::resolve_xml_entity(&name).map(str::to_string)
}

fn local(name: &[u8]) -> &[u8] {
    match memchr::memchr(b':', name) {
        Some(i) => name.get(i + 1..).unwrap_or(name),
        None => name,
    }
}

fn attr(e: &quick_xml::events::BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (local(a.key.as_ref()) == key)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// Paragraphs of `word/document.xml`, and the text of the first title/heading paragraph.
fn document_paragraphs(xml: &str) -> Result<(Vec<String>, Option<String>), WarningKind> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut paras: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut in_text = false;
    let mut skip_depth = 0usize;
    let mut heading: Option<String> = None;
    let mut cur_is_heading = false;
    loop {
        let ev = reader.read_event().map_err(|e| WarningKind::DocxDamaged {
            error: format!("bad XML: {e}"),
        })?;
        match ev {
            Event::Start(e) => {
                let name = e.name();
                let n = local(name.as_ref());
                if skip_depth > 0 {
                    skip_depth += 1;
                    continue;
                }
                match n {
                    b"t" => in_text = true,
                    // Deleted revisions, field instructions, text boxes' fallbacks, comments.
                    b"del" | b"delText" | b"instrText" | b"Fallback" | b"comment" => skip_depth = 1,
                    b"p" => {
                        cur.clear();
                        cur_is_heading = false;
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip_depth > 0 {
                    continue;
                }
                let name = e.name();
                match local(name.as_ref()) {
                    b"tab" => cur.push(' '),
                    b"br" | b"cr" => cur.push(' '),
                    b"noBreakHyphen" => cur.push('\u{2011}'),
                    b"softHyphen" => {}
                    b"pStyle" => {
                        let v = attr(&e, b"val").unwrap_or_default().to_ascii_lowercase();
                        cur_is_heading = v == "title"
                            || v.starts_with("heading")
                            || v.starts_with("berschrift")
                            || v.contains("titel");
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip_depth == 0 => {
                if let Ok(s) = t.decode() {
                    cur.push_str(&s);
                }
            }
            Event::GeneralRef(r) if in_text && skip_depth == 0 => {
                if let Some(s) = reference(&r) {
                    cur.push_str(&s);
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                let name = e.name();
                match local(name.as_ref()) {
                    b"t" => in_text = false,
                    b"p" => {
                        let p = cur.split_whitespace().collect::<Vec<_>>().join(" ");
                        if p.chars().any(char::is_alphanumeric) {
                            if cur_is_heading && heading.is_none() {
                                heading = Some(p.clone());
                            }
                            paras.push(p);
                        }
                        cur.clear();
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((paras, heading))
}

/// Title, creator and language of `docProps/core.xml`.
fn core_meta(xml: &str) -> Meta {
    let mut meta = Meta::default();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut field: Option<&'static str> = None;
    let mut text = String::new();
    while let Ok(ev) = reader.read_event() {
        match ev {
            Event::Start(e) => {
                let name = e.name();
                field = match local(name.as_ref()) {
                    b"title" => Some("title"),
                    b"creator" => Some("author"),
                    b"language" => Some("language"),
                    _ => None,
                };
                text.clear();
            }
            Event::Text(t) if field.is_some() => {
                if let Ok(s) = t.decode() {
                    text.push_str(&s);
                }
            }
            Event::GeneralRef(r) if field.is_some() => {
                if let Some(s) = reference(&r) {
                    text.push_str(&s);
                }
            }
            Event::End(_) => {
                if let Some(f) = field.take() {
                    meta.set(f, &text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    meta
}

pub fn extract(bytes: &[u8]) -> Result<Extracted, WarningKind> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // OLE compound file: an encrypted OOXML package or a Word 97–2003 file renamed.
        let encrypted = memchr::memmem::find(
            bytes,
            "EncryptedPackage"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>()
                .as_slice(),
        )
        .is_some();
        return Err(if encrypted {
            WarningKind::DocxEncrypted
        } else {
            WarningKind::LegacyDoc
        });
    }
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| WarningKind::DocxNotZip {
            error: e.to_string(),
        })?;
    let Some(xml) = read_member(&mut zip, "word/document.xml")? else {
        return Err(WarningKind::DocxWithoutDocument);
    };
    let (paras, heading) = document_paragraphs(&xml)?;
    let mut meta = match read_member(&mut zip, "docProps/core.xml") {
        Ok(Some(core)) => core_meta(&core),
        _ => Meta::default(),
    };
    if meta.title.is_none() {
        meta.title = heading;
    }
    let (body, paragraphs) = join_paragraphs(paras);
    Ok(Extracted {
        body,
        paragraphs,
        meta,
        note: None,
    })
}
