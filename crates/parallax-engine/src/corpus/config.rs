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

use aho_corasick::AhoCorasick;
use globset::{GlobBuilder, GlobMatcher};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

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
///
/// The `[sources]` keys are compiled once, when the file is parsed: exact names and folder
/// prefixes into hash maps, patterns into one `Patterns` index, so each file is matched once
/// against all the patterns whatever their number (20,000 patterns × 2,000 files used to take
/// minutes; issue 14, item 7).
#[derive(Debug, Clone, Default)]
pub struct FolderConfig {
    /// Key (normalised, `/`-separated) → source name, in key order.
    sources: Vec<(String, String)>,
    /// Exact relative path → index in `sources`.
    exact: FxHashMap<String, usize>,
    /// Folder prefix (no trailing `/`) → index in `sources`.
    folders: FxHashMap<String, usize>,
    /// The pattern keys.
    globs: Patterns,
    /// Exact relative path → metadata.
    files: BTreeMap<String, Meta>,
    /// Values that were ignored, as (file key, reason), for warnings.
    notes: Vec<(String, String)>,
}

impl PartialEq for FolderConfig {
    fn eq(&self, other: &Self) -> bool {
        // The compiled parts are a function of `sources`.
        self.sources == other.sources && self.files == other.files && self.notes == other.notes
    }
}

fn normalise_key(k: &str) -> String {
    let k = k.trim().replace('\\', "/");
    let k = k.strip_prefix("./").unwrap_or(&k);
    k.to_string()
}

/// A `[sources]` key as a glob for `globset`: `*` and `?` stay within a path segment, `**`
/// as a whole segment (`**/`, `/**`, `/**/`) crosses folders (elsewhere it is `*`), and every
/// other character is literal (`[`, `]`, `{`, `}` are escaped: the documented syntax has no
/// classes or alternatives, and a file name may hold them).
fn glob_of(key: &str) -> Option<globset::Glob> {
    let mut escaped = String::with_capacity(key.len() + 8);
    for c in key.chars() {
        match c {
            '[' => escaped.push_str("[[]"),
            ']' => escaped.push_str("[]]"),
            '{' => escaped.push_str("[{]"),
            '}' => escaped.push_str("[}]"),
            c => escaped.push(c),
        }
    }
    GlobBuilder::new(&escaped)
        .literal_separator(true)
        .backslash_escape(false)
        .build()
        .ok()
}

/// The `date` of a `[files."…"]` entry as text: a TOML date or datetime, a string, or a
/// year written as a number; anything else (an array, a table, a boolean) is refused.
fn date_text(value: toml::Value) -> Result<String, String> {
    match value {
        toml::Value::String(s) => Ok(s),
        toml::Value::Datetime(d) => Ok(d.to_string()),
        toml::Value::Integer(n) => Ok(n.to_string()),
        other => Err(format!(
            "date must be a date (2024-12-23) or text, not {}; ignored",
            match other {
                toml::Value::Float(_) => "a decimal number",
                toml::Value::Boolean(_) => "true/false",
                toml::Value::Array(_) => "a list",
                _ => "a table",
            }
        )),
    }
}

/// The pattern keys of `[sources]`, indexed once. Each pattern is matched by `globset` (one
/// compiled matcher per pattern, built the first time it is needed). One `GlobSet` of all the
/// patterns was tried first and is not used: with thousands of patterns its regex set falls
/// back to a slow engine (2,000 files against 15,000 patterns took 47 s in a release build).
/// Instead every pattern is indexed by its longest literal run (text between wildcards and
/// `/`, which any matching path contains): one Aho-Corasick pass over a file's path yields the
/// few patterns whose literal it contains, and only those are run; patterns with no literal
/// (`*`, `**/*`) are always run.
#[derive(Debug, Clone, Default)]
struct Patterns {
    /// (the key, index in `sources`, its matcher once built; `None` inside if it does not
    /// compile).
    keys: Vec<(String, usize, OnceLock<Option<GlobMatcher>>)>,
    /// The literals, and for literal `n` the patterns that have it.
    literals: Option<AhoCorasick>,
    by_literal: Vec<Vec<usize>>,
    /// Patterns without a literal.
    always: Vec<usize>,
}

impl Patterns {
    fn new(patterns: &[(&str, usize)]) -> Self {
        let mut lits: Vec<String> = Vec::new();
        let mut lit_index: FxHashMap<String, usize> = FxHashMap::default();
        let mut by_literal: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        let mut keys = Vec::with_capacity(patterns.len());
        for (p, &(key, source)) in patterns.iter().enumerate() {
            keys.push((key.to_string(), source, OnceLock::new()));
            let longest = key
                .split(['*', '?', '/'])
                .max_by_key(|run| run.len())
                .filter(|run| !run.is_empty());
            match longest {
                Some(run) => {
                    let n = *lit_index.entry(run.to_string()).or_insert_with(|| {
                        lits.push(run.to_string());
                        by_literal.push(Vec::new());
                        lits.len() - 1
                    });
                    if let Some(v) = by_literal.get_mut(n) {
                        v.push(p);
                    }
                }
                None => always.push(p),
            }
        }
        // A literal set too large for the automaton (it cannot be, for a settings file under
        // the size cap) leaves every pattern to be run.
        let literals = if lits.is_empty() {
            None
        } else {
            AhoCorasick::new(&lits).ok()
        };
        if literals.is_none() {
            always = (0..keys.len()).collect();
        }
        Self {
            keys,
            literals,
            by_literal,
            always,
        }
    }

    /// Indices in `sources` of the patterns that match `id`.
    fn matches(&self, id: &str) -> Vec<usize> {
        let mut cands: Vec<usize> = self.always.clone();
        if let Some(ac) = &self.literals {
            for m in ac.find_overlapping_iter(id) {
                if let Some(v) = self.by_literal.get(m.pattern().as_usize()) {
                    cands.extend(v);
                }
            }
        }
        cands.sort_unstable();
        cands.dedup();
        cands
            .into_iter()
            .filter_map(|p| self.keys.get(p))
            .filter(|(key, _, m)| {
                m.get_or_init(|| glob_of(key).map(|g| g.compile_matcher()))
                    .as_ref()
                    .is_some_and(|m| m.is_match(id))
            })
            .map(|(_, source, _)| *source)
            .collect()
    }
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
        let sources: Vec<(String, String)> = raw
            .sources
            .into_iter()
            .map(|(k, v)| (normalise_key(&k), v.trim().to_string()))
            .filter(|(k, v)| !k.is_empty() && !v.is_empty())
            .collect();
        let mut notes = Vec::new();
        let files = raw
            .files
            .into_iter()
            .map(|(k, f)| {
                let key = normalise_key(&k);
                let date = f.date.and_then(|d| {
                    date_text(d)
                        .map_err(|reason| notes.push((key.clone(), reason)))
                        .ok()
                });
                let mut meta = Meta::default();
                for (field, v) in [
                    ("source", f.source),
                    ("title", f.title),
                    ("date", date),
                    ("url", f.url),
                ] {
                    if let Some(v) = v {
                        meta.set(field, &v);
                    }
                }
                (key, meta)
            })
            .collect();
        let mut exact = FxHashMap::default();
        let mut folders = FxHashMap::default();
        let mut patterns = Vec::new();
        for (i, (k, _)) in sources.iter().enumerate() {
            exact.entry(k.clone()).or_insert(i);
            if k.contains(['*', '?']) {
                patterns.push((k.as_str(), i));
            } else {
                let folder = k.trim_end_matches('/');
                if !folder.is_empty() {
                    folders.entry(folder.to_string()).or_insert(i);
                }
            }
        }
        let globs = Patterns::new(&patterns);
        Ok(Self {
            sources,
            exact,
            folders,
            globs,
            files,
            notes,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.sources.is_empty() && self.files.is_empty()
    }

    /// Values of the file that were ignored, as (the `[files."…"]` key, reason).
    pub fn notes(&self) -> &[(String, String)] {
        &self.notes
    }

    /// Metadata the settings give for the file with relative path `id`.
    pub fn lookup(&self, id: &str) -> Meta {
        let mut meta = self.files.get(id).cloned().unwrap_or_default();
        if meta.source.is_none() {
            meta.source = self.source_for(id).map(str::to_string);
        }
        meta
    }

    /// Indices in `sources` of the folder and pattern keys that match `id` (not the exact key).
    fn matching<'a>(&'a self, id: &'a str) -> impl Iterator<Item = usize> + 'a {
        let folders = id
            .match_indices('/')
            .filter_map(|(end, _)| id.get(..end))
            .filter_map(|prefix| self.folders.get(prefix).copied());
        folders.chain(self.globs.matches(id))
    }

    fn source_for(&self, id: &str) -> Option<&str> {
        if let Some(s) = self.exact.get(id).and_then(|&i| self.sources.get(i)) {
            return Some(&s.1);
        }
        // The most specific match: the longest key (the later key on a tie).
        self.matching(id)
            .filter_map(|i| self.sources.get(i).map(|s| (s.0.len(), i, s.1.as_str())))
            .max()
            .map(|(_, _, s)| s)
    }

    /// Keys that name no file of the set (likely typos), for warnings. Each id is matched once
    /// against all the keys.
    pub fn unused_keys<'a>(&'a self, ids: &[&str]) -> Vec<&'a str> {
        let mut used = vec![false; self.sources.len()];
        let mut mark = |i: usize| {
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
        };
        for id in ids {
            if let Some(&i) = self.exact.get(*id) {
                mark(i);
            }
            for i in self.matching(id) {
                mark(i);
            }
        }
        let present: FxHashSet<&str> = ids.iter().copied().collect();
        let mut out: Vec<&str> = self
            .sources
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|((k, _), _)| k.as_str())
            .chain(
                self.files
                    .keys()
                    .map(String::as_str)
                    .filter(|k| !present.contains(k)),
            )
            .collect();
        out.sort_unstable();
        out.dedup();
        out
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

    /// Whether the `[sources]` key `pattern` gives `id` its source.
    fn glob(pattern: &[u8], id: &[u8]) -> bool {
        let (pattern, id) = (
            String::from_utf8_lossy(pattern),
            String::from_utf8_lossy(id),
        );
        let c = FolderConfig::parse(&format!("[sources]\n{pattern:?} = \"S\"\n")).unwrap();
        c.lookup(&id).source.is_some()
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
        assert!(glob(b"bbc/**/x.txt", b"bbc/a/b/x.txt"));
        assert!(!glob(b"bbc/**/x.txt", b"bbc/ax.txt"));
        assert!(!glob(b"**/x.txt", b"ax.txt"));
        assert!(glob(b"*-tass.html", b"x-tass.html"));
        assert!(!glob(b"*-tass.html", b"bbc/x-tass.html"));
        assert!(!glob(b"a*", b"b.txt"));
        // `**` inside a segment is a `*`; brackets and braces are literal.
        assert!(glob(b"a**.txt", b"ab.txt"));
        assert!(!glob(b"a**.txt", b"a/b.txt"));
        assert!(glob(b"[draft]*.md", b"[draft] one.md"));
        assert!(!glob(b"[draft]*.md", b"d one.md"));
        assert!(glob(b"{x,y}*.md", b"{x,y}1.md"));
        assert!(!glob(b"{x,y}*.md", b"x1.md"));
    }

    #[test]
    fn wrong_typed_dates_are_noted_not_shown() {
        let c = FolderConfig::parse(
            "[files.\"a.txt\"]\ndate = [1, { x = 2 }]\n[files.\"b.txt\"]\ndate = 2024\n[files.\"c.txt\"]\ndate = true\n[files.\"d.txt\"]\ndate = 2024-12-23T10:00:00Z\n",
        )
        .unwrap();
        assert_eq!(c.lookup("a.txt").date, None);
        assert_eq!(c.lookup("b.txt").date.as_deref(), Some("2024"));
        assert_eq!(c.lookup("c.txt").date, None);
        assert_eq!(
            c.lookup("d.txt").date.as_deref(),
            Some("2024-12-23T10:00:00Z")
        );
        let notes: Vec<(&str, &str)> = c
            .notes()
            .iter()
            .map(|(k, r)| (k.as_str(), r.as_str()))
            .collect();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert_eq!(notes[0].0, "a.txt");
        assert!(notes[0].1.contains("not a list"), "{notes:?}");
        assert_eq!(notes[1].0, "c.txt");
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
        assert!(!glob(b"**/?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*b", id.as_bytes()));
    }
}
