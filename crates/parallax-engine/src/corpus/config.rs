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

/// Folder prefix ("bbc/" or "bbc" matches "bbc/a.txt") or a glob.
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

/// One step of a compiled glob.
#[derive(Clone, Copy)]
enum GlobOp {
    /// `**` (with the `/` after it, if any): any run of characters, folders included.
    AnyPath,
    /// `*`: any run of characters within one path segment.
    AnyInSegment,
    /// `?`: one character other than `/`.
    One,
    Byte(u8),
}

/// Glob match (`*` and `?` within a path segment, `**` across folders). Hand-written because the
/// glob crates (globset, glob) differ in these rules (a `**` not between slashes, `*` crossing
/// `/`), and matching is a small dynamic programme: O(pattern × id) time and O(id) memory
/// whatever the pattern. (A backtracking matcher took exponential time on patterns such as
/// `**/**/**/*a*a*a*0*a*` against a long path, found by fuzzing.)
// Indexing proved: `next` and `cur` hold `s.len() + 1` cells and `j <= s.len()`.
#[allow(clippy::indexing_slicing)]
fn glob(p: &[u8], s: &[u8]) -> bool {
    let mut ops = Vec::with_capacity(p.len());
    let mut i = 0;
    while let Some(&c) = p.get(i) {
        i += 1;
        ops.push(match c {
            b'*' if p.get(i) == Some(&b'*') => {
                i += 1;
                if p.get(i) == Some(&b'/') {
                    i += 1;
                }
                GlobOp::AnyPath
            }
            b'*' => GlobOp::AnyInSegment,
            b'?' => GlobOp::One,
            c => GlobOp::Byte(c),
        });
    }
    // next[j]: the ops after the current one match s[j..]; built from the last op backwards.
    let n = s.len();
    let mut next: Vec<bool> = (0..=n).map(|j| j == n).collect();
    let mut cur = vec![false; n + 1];
    for op in ops.iter().rev() {
        for j in (0..=n).rev() {
            let c = s.get(j).copied();
            let later = cur.get(j + 1).copied().unwrap_or(false);
            let after_one = next.get(j + 1).copied().unwrap_or(false);
            cur[j] = match *op {
                GlobOp::AnyPath => next[j] || (c.is_some() && later),
                GlobOp::AnyInSegment => next[j] || (c.is_some_and(|c| c != b'/') && later),
                GlobOp::One => c.is_some_and(|c| c != b'/') && after_one,
                GlobOp::Byte(b) => c == Some(b) && after_one,
            };
        }
        std::mem::swap(&mut next, &mut cur);
    }
    next[0]
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
        assert!(!glob(b"a?.md", b"a/.md"));
        assert!(glob(b"bbc/**", b"bbc/world/x.txt"));
        assert!(glob(b"bbc/**/x.txt", b"bbc/x.txt"));
        assert!(glob(b"*-tass.html", b"x-tass.html"));
        assert!(!glob(b"*-tass.html", b"bbc/x-tass.html"));
        assert!(glob(b"**", b""));
        assert!(!glob(b"a*", b""));
        assert!(glob(b"***.txt", b"d/a.txt"));
    }

    /// Found by fuzzing (tests/fixtures/fuzz/folder_config/glob-backtracking-blowup): stacked
    /// stars against a long path used to backtrack for minutes. The answers are checked against
    /// what the pattern means: the path has no "0", so the first pattern cannot match.
    #[test]
    fn stacked_stars_on_a_long_path_answer_at_once() {
        let id = format!("{}/{}.txt", ["deep"; 12].join("/"), "a".repeat(200));
        assert!(!glob(b"**/**/**/*/*a*a*a*0*a*", id.as_bytes()));
        assert!(glob(b"**/**/**/*/*a*a*a*a*.txt", id.as_bytes()));
        assert!(!glob(b"?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*b", id.as_bytes()));
    }
}
