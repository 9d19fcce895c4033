//! Article metadata found in the file itself: a front-matter block (`---` YAML-style key/value
//! lines or `+++` TOML) or leading `Title:` / `Source:` / `Date:` / `URL:` header lines; and the
//! fallbacks when there is none (title from the first headline or sentence).

use serde::{Deserialize, Serialize};

/// Metadata fields an article can carry. `None` = not given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// Author(s), as the file or page names them ("Jane Doe, John Roe").
    #[serde(default)]
    pub author: Option<String>,
    /// Language tag as declared ("de", "en-GB"), not guessed.
    #[serde(default)]
    pub language: Option<String>,
}

impl Meta {
    /// Fields of `over` replace those of `self` where given.
    pub fn overlay(mut self, over: &Meta) -> Meta {
        if over.title.is_some() {
            self.title.clone_from(&over.title);
        }
        if over.source.is_some() {
            self.source.clone_from(&over.source);
        }
        if over.date.is_some() {
            self.date.clone_from(&over.date);
        }
        if over.url.is_some() {
            self.url.clone_from(&over.url);
        }
        if over.author.is_some() {
            self.author.clone_from(&over.author);
        }
        if over.language.is_some() {
            self.language.clone_from(&over.language);
        }
        self
    }

    /// Sets one field from a key as people write it ("Outlet", "published_at", "link", …).
    /// Returns false when the key is not a metadata key we know.
    pub fn set(&mut self, key: &str, value: &str) -> bool {
        let key = key.trim().to_lowercase().replace(['-', ' '], "_");
        let value = clean_value(value);
        let slot = match key.as_str() {
            "title" | "headline" => &mut self.title,
            "source" | "outlet" | "publisher" | "publication" | "site" | "site_name"
            | "sitename" | "newspaper" | "media" | "network" => &mut self.source,
            "date" | "published" | "published_at" | "publish_date" | "date_published"
            | "pubdate" | "datetime" | "published_on" => &mut self.date,
            "url" | "link" | "canonical" | "canonical_url" | "permalink" | "source_url"
            | "original_url" => &mut self.url,
            "author" | "authors" | "by" | "byline" | "writer" | "creator" => &mut self.author,
            "language" | "lang" | "locale" | "inlanguage" => &mut self.language,
            // Recognised (consumed by header lines) but not kept.
            "tags" | "category" | "categories" | "description" | "summary" | "slug" | "id"
            | "layout" | "draft" => return true,
            _ => return false,
        };
        if !value.is_empty() && slot.is_none() {
            *slot = Some(value);
        }
        true
    }

    /// A `source` that is really a URL becomes the url, and the source its host name.
    fn tidy(mut self) -> Meta {
        if let Some(s) = self.source.clone()
            && let Some(host) = url_host(&s)
        {
            if self.url.is_none() {
                self.url = Some(s);
            }
            self.source = Some(host);
        }
        self
    }
}

/// `"https://www.reuters.com/world/…"` → `"reuters.com"`.
pub fn url_host(s: &str) -> Option<String> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

fn clean_value(v: &str) -> String {
    let v = v.trim();
    let unquoted = if v.len() >= 2
        && ((v.starts_with('"') && v.ends_with('"')) || (v.starts_with('\'') && v.ends_with('\'')))
    {
        v.get(1..v.len() - 1).unwrap_or(v)
    } else {
        v
    };
    unquoted.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads a metadata header at the top of `text` (already `\n`-normalised, BOM removed).
/// Returns the metadata and the byte offset where the body starts (0 = no header).
pub fn read_header(text: &str) -> (Meta, usize) {
    if let Some(r) = front_matter(text) {
        return r;
    }
    header_lines(text)
}

/// Lines of `text` with their start offsets (without the `\n`).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    text.split_inclusive('\n').map(move |l| {
        let start = pos;
        pos += l.len();
        (start, l.strip_suffix('\n').unwrap_or(l))
    })
}

/// `---` … `---` (YAML-style `key: value` lines) or `+++` … `+++` (TOML). Hand-written for
/// the YAML case: we only need flat `key: value` pairs, and a YAML parser would reject the
/// sloppy blocks people write (unquoted colons in titles) that this reads fine.
fn front_matter(text: &str) -> Option<(Meta, usize)> {
    let mut it = lines(text);
    let (_, first) = it.next()?;
    let fence = first.trim_end();
    if fence != "---" && fence != "+++" {
        return None;
    }
    let toml = fence == "+++";
    let mut inner: Vec<&str> = Vec::new();
    for (start, line) in it.by_ref().take(500) {
        let t = line.trim_end();
        if t == fence || (!toml && t == "...") {
            let body_start = start + line.len() + 1;
            let body_start = body_start.min(text.len());
            let meta = if toml {
                toml_front_matter(&inner.join("\n"))
            } else {
                yaml_front_matter(&inner)
            };
            return Some((meta.tidy(), skip_blank_lines(text, body_start)));
        }
        inner.push(line);
    }
    None
}

fn yaml_front_matter(lines: &[&str]) -> Meta {
    let mut meta = Meta::default();
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        i += 1;
        if line.starts_with([' ', '\t', '#', '-']) || line.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let mut value = value.trim().to_string();
        // Block scalars (`title: >` / `|`): the indented lines that follow.
        if matches!(value.as_str(), ">" | "|" | ">-" | "|-" | ">+" | "|+") || value.is_empty() {
            let mut parts = Vec::new();
            while let Some(next) = lines.get(i) {
                if next.starts_with([' ', '\t']) && !next.trim_start().starts_with("- ") {
                    parts.push(next.trim());
                    i += 1;
                } else {
                    break;
                }
            }
            value = parts.join(" ");
        }
        meta.set(key, &value);
    }
    meta
}

fn toml_front_matter(inner: &str) -> Meta {
    let mut meta = Meta::default();
    if let Ok(table) = inner.parse::<toml::Table>() {
        for (k, v) in &table {
            let s = match v {
                toml::Value::String(s) => s.clone(),
                toml::Value::Datetime(d) => d.to_string(),
                toml::Value::Integer(n) => n.to_string(),
                _ => continue,
            };
            meta.set(k, &s);
        }
    }
    meta
}

const HEADER_KEYS: &[&str] = &[
    "title",
    "headline",
    "source",
    "outlet",
    "publisher",
    "publication",
    "date",
    "published",
    "url",
    "link",
    "language",
    "lang",
    "author",
    "by",
    "byline",
];

/// Leading `Key: value` lines with known keys, e.g. `Title: …`, `Source: Reuters`.
fn header_lines(text: &str) -> (Meta, usize) {
    let mut meta = Meta::default();
    let mut end = 0;
    let mut found = 0;
    for (start, line) in lines(text) {
        let Some((key, value)) = line.split_once(':') else {
            break;
        };
        let k = key.trim().to_lowercase();
        if key.len() > 20
            || key.starts_with(char::is_whitespace)
            || !HEADER_KEYS.contains(&k.as_str())
        {
            break;
        }
        // "URL: https://…" — the value is everything after the first colon.
        meta.set(&k, value);
        found += 1;
        end = (start + line.len() + 1).min(text.len());
    }
    if found == 0 {
        return (Meta::default(), 0);
    }
    (meta.tidy(), skip_blank_lines(text, end))
}

fn skip_blank_lines(text: &str, mut pos: usize) -> usize {
    while let Some(rest) = text.get(pos..) {
        let line_len = rest.find('\n').map_or(rest.len(), |n| n + 1);
        if line_len == 0 || !rest.get(..line_len).unwrap_or("").trim().is_empty() {
            break;
        }
        pos += line_len;
    }
    pos
}

/// Longest title we derive from body text, in characters.
const TITLE_MAX_CHARS: usize = 90;

/// True when a line reads as a headline: short, and not closed like a sentence.
pub fn is_headline(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    let chars = t.chars().count();
    (1..=18).contains(&words)
        && chars <= 140
        && t.chars().any(char::is_alphanumeric)
        && !t.ends_with(['.', ',', ';', ':', '…', '。', '．', '۔', '।'])
        && !t.ends_with(".\"")
        && !t.ends_with(".”")
        && !t.ends_with(".'")
        && !t.ends_with(".’")
}

/// Title when the file gives none: the first paragraph's first line when it reads as a
/// headline, else its first sentence, shortened at a word boundary with "…".
pub fn derive_title(first_paragraph: &str) -> String {
    // The title comes from the opening words: never segment a whole 20 MB paragraph for it.
    let mut cut = first_paragraph.len().min(2000);
    while !first_paragraph.is_char_boundary(cut) {
        cut -= 1;
    }
    let first_paragraph = first_paragraph.get(..cut).unwrap_or("");
    let first_line = first_paragraph.lines().next().unwrap_or("");
    if is_headline(first_line) {
        return collapse(first_line);
    }
    // The first sentence with a letter or digit: a paragraph may open with a stray "." or "—".
    let sentence = crate::text::split_sentences(first_paragraph)
        .into_iter()
        .filter_map(|r| first_paragraph.get(r))
        .find(|s| s.chars().any(char::is_alphanumeric))
        .unwrap_or(first_paragraph);
    let title = shorten(&collapse(sentence), TITLE_MAX_CHARS);
    if title.is_empty() {
        // Only a full stop: show the paragraph as it is rather than nothing.
        collapse(first_paragraph)
            .chars()
            .take(TITLE_MAX_CHARS)
            .collect()
    } else {
        title
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Longest source label made from a title (characters, before the "…").
pub const SOURCE_LABEL_MAX_CHARS: usize = 32;

/// The source name of an article that names none: its file name (without extension), unless
/// that name was made by a machine (`000_894bb8ee144ed042`, a hash, a number), which tells a
/// reader nothing; then the first words of its title ("Putin says he wants to meet…"). The file
/// name stays in `Article::file`.
pub fn derive_source(file_stem: &str, title: &str) -> String {
    let title = collapse(title);
    if looks_generated(file_stem) && !title.is_empty() && title != file_stem {
        shorten(&title, SOURCE_LABEL_MAX_CHARS)
    } else {
        file_stem.to_string()
    }
}

/// A name made by a machine rather than a person: at least 8 letters and digits, all of them
/// hexadecimal digits, at least a third of them digits, no space ("000_894bb8ee144ed042",
/// "5f3a9c0e12b4", "20240101"). "bbc_2024" or "reuters-ukraine" are not.
pub fn looks_generated(name: &str) -> bool {
    let alnum: Vec<char> = name.chars().filter(|c| c.is_alphanumeric()).collect();
    if alnum.len() < 8 || name.contains(char::is_whitespace) {
        return false;
    }
    let digits = alnum.iter().filter(|c| c.is_ascii_digit()).count();
    alnum.iter().all(char::is_ascii_hexdigit) && digits * 3 >= alnum.len()
}

/// Shortens `s` to at most `max` characters (plus "…") at a word boundary; drops a closing
/// full stop.
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        let s = s.strip_suffix('.').unwrap_or(s);
        return s.to_string();
    }
    // Cut between grapheme clusters, so an emoji or a letter with its accents stays whole.
    use unicode_segmentation::UnicodeSegmentation;
    let cut = s
        .grapheme_indices(true)
        .nth(max)
        .map_or(s.len(), |(i, _)| i);
    let head = s.get(..cut).unwrap_or(s);
    let head = match head.rfind(char::is_whitespace) {
        Some(i) if i > cut / 2 => head.get(..i).unwrap_or(head),
        _ => head,
    };
    let head = head.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | '(' | '"' | '“')
    });
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_made_file_names_give_way_to_the_title() {
        assert!(looks_generated("000_894bb8ee144ed042"));
        assert!(looks_generated("5f3a9c0e12b4"));
        assert!(looks_generated("20240101"));
        for readable in [
            "bbc",
            "bbc_2024",
            "reuters-ukraine",
            "Le Monde 2024",
            "abcdefab",
        ] {
            assert!(!looks_generated(readable), "{readable}");
        }
        assert_eq!(
            derive_source(
                "000_894bb8ee144ed042",
                "Putin says he is ready to meet Zelensky in Istanbul next week"
            ),
            "Putin says he is ready to meet…"
        );
        assert_eq!(derive_source("bbc_2024", "Putin says"), "bbc_2024");
        // No title to read: the file name, however it looks.
        assert_eq!(derive_source("894bb8ee144ed042", ""), "894bb8ee144ed042");
    }

    #[test]
    fn yaml_front_matter_with_colon_in_title() {
        let text = "---\ntitle: \"Talks: no plans yet\"\noutlet: Reuters\ndate: 2024-12-23\nlink: https://x.test/a\nauthor: A\n---\n\nBody line.\n";
        let (m, start) = read_header(text);
        assert_eq!(m.title.as_deref(), Some("Talks: no plans yet"));
        assert_eq!(m.source.as_deref(), Some("Reuters"));
        assert_eq!(m.date.as_deref(), Some("2024-12-23"));
        assert_eq!(m.url.as_deref(), Some("https://x.test/a"));
        assert_eq!(&text[start..], "Body line.\n");
    }

    #[test]
    fn toml_front_matter() {
        let text = "+++\ntitle = \"T\"\ndate = 2024-12-23\nsource = \"https://www.bbc.co.uk/news/1\"\n+++\nBody.";
        let (m, start) = read_header(text);
        assert_eq!(m.title.as_deref(), Some("T"));
        assert_eq!(m.date.as_deref(), Some("2024-12-23"));
        assert_eq!(m.source.as_deref(), Some("bbc.co.uk"));
        assert_eq!(m.url.as_deref(), Some("https://www.bbc.co.uk/news/1"));
        assert_eq!(&text[start..], "Body.");
    }

    #[test]
    fn unclosed_front_matter_is_body() {
        let (m, start) = read_header("---\ntitle: x\nNo end here.");
        assert_eq!((m, start), (Meta::default(), 0));
    }

    #[test]
    fn header_lines_stop_at_prose() {
        let text = "Title: Kremlin cool on talks\nSource: TASS\nURL: https://tass.test/1\n\nPeskov said: no.\n";
        let (m, start) = read_header(text);
        assert_eq!(m.title.as_deref(), Some("Kremlin cool on talks"));
        assert_eq!(m.source.as_deref(), Some("TASS"));
        assert_eq!(m.url.as_deref(), Some("https://tass.test/1"));
        assert_eq!(&text[start..], "Peskov said: no.\n");
        // Prose that merely contains a colon is not a header.
        assert_eq!(read_header("Peskov said: no.").1, 0);
    }

    #[test]
    fn titles() {
        assert_eq!(
            derive_title("Putin-Trump meeting in the works amid conflict talks"),
            "Putin-Trump meeting in the works amid conflict talks"
        );
        let long = "The Kremlin said there are currently no plans for President Vladimir Putin to meet with Donald Trump amid a rise in talk of finding a peace deal.";
        let t = derive_title(long);
        assert!(t.ends_with('…'), "{t}");
        assert!(t.chars().count() <= TITLE_MAX_CHARS + 1);
        assert!(long.starts_with(t.trim_end_matches('…')));
        assert_eq!(derive_title("Short sentence here."), "Short sentence here");
        // A paragraph opening with a stray full stop takes its first real sentence; one made
        // of a full stop alone still gets a title.
        assert_eq!(derive_title(". Talks resume today."), "Talks resume today");
        assert_eq!(derive_title("."), ".");
        // No spaces to cut at (Chinese): cut between characters, never inside a grapheme.
        let zh = "克里姆林宫表示目前没有计划安排普京与特朗普会面".repeat(5) + "。";
        let t = derive_title(&zh);
        assert!(t.ends_with('…') && zh.starts_with(t.trim_end_matches('…')));
        let marks = "e\u{301}".repeat(200);
        let t = shorten(&marks, 10);
        assert_eq!(t, format!("{}…", "e\u{301}".repeat(10)));
    }
}
