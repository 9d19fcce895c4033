//! `parallax.toml`: optional per-folder settings naming the source (and other metadata) of
//! each file. Settings here win over what the files say about themselves.
//!
//! ```toml
//! # Source per file, per sub-folder ("bbc/" or "bbc") or per pattern (* and ? within a
//! # path segment, ** across folders). The most specific match wins: an exact file name,
//! # then the longest pattern.
//! [sources]
//! "kremlin-talks.txt" = "Reuters"
//! "bbc/" = "BBC"
//! "*-tass.html" = "TASS"
//!
//! # Full metadata for one file (exact path relative to the folder).
//! [files."2024/guardian.md"]
//! source = "The Guardian"
//! title = "Trump says Putin wants to meet"
//! date = 2024-12-23
//! url = "https://www.theguardian.com/…"
//! ```
//!
//! A malformed file is a warning, never a failure: the folder loads without its settings.

use serde::Deserialize;
use std::collections::BTreeMap;

use super::metadata::Meta;

/// The name of the settings file looked up in the folder.
pub const FILE_NAME: &str = "parallax.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    sources: BTreeMap<String, String>,
    #[serde(default)]
    files: BTreeMap<String, RawFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    source: Option<String>,
    title: Option<String>,
    date: Option<toml::Value>,
    url: Option<String>,
}

/// Parsed `parallax.toml` (empty when the folder has none).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FolderConfig {
    /// Pattern (normalised, `/`-separated) → source name.
    sources: Vec<(String, String)>,
    /// Exact relative path → metadata.
    files: BTreeMap<String, Meta>,
}

fn normalise_key(k: &str) -> String {
    let k = k.trim().replace('\\', "/");
    let k = k.strip_prefix("./").unwrap_or(&k);
    k.to_string()
}

impl FolderConfig {
    /// Parses the text of a `parallax.toml`. The error is one line: where and what.
    pub fn parse(text: &str) -> Result<Self, String> {
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let msg = e.message().trim().replace('\n', " ");
            match e.span() {
                Some(span) => {
                    let line = text
                        .get(..span.start)
                        .map_or(0, |t| t.bytes().filter(|b| *b == b'\n').count())
                        + 1;
                    format!("line {line}: {msg}")
                }
                None => msg,
            }
        })?;
        let sources = raw
            .sources
            .into_iter()
            .map(|(k, v)| (normalise_key(&k), v.trim().to_string()))
            .filter(|(k, v)| !k.is_empty() && !v.is_empty())
            .collect();
        let files = raw
            .files
            .into_iter()
            .map(|(k, f)| {
                let date = f.date.map(|d| match d {
                    toml::Value::String(s) => s,
                    other => other.to_string(),
                });
                let mut meta = Meta::default();
                for (key, v) in [
                    ("source", f.source),
                    ("title", f.title),
                    ("date", date),
                    ("url", f.url),
                ] {
                    if let Some(v) = v {
                        meta.set(key, &v);
                    }
                }
                (normalise_key(&k), meta)
            })
            .collect();
        Ok(Self { sources, files })
    }

    pub fn is_empty(&self) -> bool {
        self.sources.is_empty() && self.files.is_empty()
    }

    /// Metadata the settings give for the file with relative path `id`.
    pub fn lookup(&self, id: &str) -> Meta {
        let mut meta = self.files.get(id).cloned().unwrap_or_default();
        if meta.source.is_none() {
            meta.source = self.source_for(id).map(str::to_string);
        }
        meta
    }

    fn source_for(&self, id: &str) -> Option<&str> {
        if let Some((_, s)) = self.sources.iter().find(|(k, _)| k == id) {
            return Some(s);
        }
        self.sources
            .iter()
            .filter(|(k, _)| pattern_matches(k, id))
            .max_by_key(|(k, _)| k.len())
            .map(|(_, s)| s.as_str())
    }

    /// Keys that name no file of the set (likely typos), for warnings.
    pub fn unused_keys<'a>(&'a self, ids: &[&str]) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        for (k, _) in &self.sources {
            if !ids.iter().any(|id| id == k || pattern_matches(k, id)) {
                out.push(k);
            }
        }
        for k in self.files.keys() {
            if !ids.contains(&k.as_str()) {
                out.push(k);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Folder prefix ("bbc/" or "bbc" matches "bbc/a.txt") or a glob. Hand-written: a dozen lines
/// cover `*`, `?` and `**`, where a glob crate would be a dependency for one call.
fn pattern_matches(pattern: &str, id: &str) -> bool {
    let folder = pattern.trim_end_matches('/');
    if !folder.is_empty()
        && !folder.contains(['*', '?'])
        && id.strip_prefix(folder).is_some_and(|r| r.starts_with('/'))
    {
        return true;
    }
    pattern.contains(['*', '?']) && glob(pattern.as_bytes(), id.as_bytes())
}

fn glob(p: &[u8], s: &[u8]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some((b'*', rest)) => {
            if let Some(rest2) = rest.strip_prefix(b"*") {
                let rest2 = rest2.strip_prefix(b"/").unwrap_or(rest2);
                (0..=s.len()).any(|i| s.get(i..).is_some_and(|t| glob(rest2, t)))
            } else {
                (0..=s.len())
                    .take_while(|&i| i == 0 || s.get(i - 1) != Some(&b'/'))
                    .any(|i| s.get(i..).is_some_and(|t| glob(rest, t)))
            }
        }
        Some((b'?', rest)) => s
            .split_first()
            .is_some_and(|(c, t)| *c != b'/' && glob(rest, t)),
        Some((c, rest)) => s
            .split_first()
            .is_some_and(|(d, t)| c == d && glob(rest, t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_order() {
        let c = FolderConfig::parse(
            "[sources]\n\"bbc/\" = \"BBC\"\n\"bbc/world/*.txt\" = \"BBC World\"\n\"a.txt\" = \"Reuters\"\n\"*.html\" = \"Web\"\n[files.\"b.md\"]\nsource = \"AP\"\ntitle = \"T\"\ndate = 2024-12-23\n",
        )
        .unwrap();
        assert_eq!(c.lookup("a.txt").source.as_deref(), Some("Reuters"));
        assert_eq!(c.lookup("bbc/x.txt").source.as_deref(), Some("BBC"));
        assert_eq!(
            c.lookup("bbc/world/x.txt").source.as_deref(),
            Some("BBC World")
        );
        assert_eq!(c.lookup("x.html").source.as_deref(), Some("Web"));
        assert_eq!(c.lookup("sub/x.html").source, None);
        let b = c.lookup("b.md");
        assert_eq!(
            (b.source.as_deref(), b.title.as_deref(), b.date.as_deref()),
            (Some("AP"), Some("T"), Some("2024-12-23"))
        );
        assert_eq!(
            c.unused_keys(&["a.txt"]),
            vec!["*.html", "b.md", "bbc/", "bbc/world/*.txt"]
        );
    }

    #[test]
    fn errors_name_the_line() {
        let e = FolderConfig::parse("[sources]\n\"a.txt\" = \"A\"\nb.txt = \n").unwrap_err();
        assert!(e.starts_with("line 3"), "{e}");
        let e = FolderConfig::parse("[files.\"a.txt\"]\nsorce = \"A\"\n").unwrap_err();
        assert!(e.contains("sorce"), "{e}");
    }

    #[test]
    fn glob_segments() {
        assert!(glob(b"*.txt", b"a.txt"));
        assert!(!glob(b"*.txt", b"d/a.txt"));
        assert!(glob(b"**/*.txt", b"d/e/a.txt"));
        assert!(glob(b"**/*.txt", b"a.txt"));
        assert!(glob(b"a?.md", b"ab.md"));
    }
}
