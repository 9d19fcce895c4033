//! Finding the files of an article set: a recursive walk (`walkdir`, following symlinks with
//! loop detection), hidden entries skipped, supported formats picked by extension, ids made
//! from the relative path (lossy for non-UTF-8 names, kept unique), sorted for a stable order.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{Format, LinkKind, LoadError, Warning, WarningKind};
use crate::progress::Progress;

/// A file to load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub path: PathBuf,
    /// Relative path, `/`-separated: the article id.
    pub id: String,
    pub format: Format,
}

/// Document formats we recognise but cannot read: worth telling the user about.
const UNSUPPORTED: &[&str] = &[
    "doc", "odt", "rtf", "epub", "pages", "mobi", "azw", "azw3", "wpd", "xps",
];

/// The format of a path by its extension (case-insensitive).
pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(Format::Text),
        "md" | "markdown" | "mdown" | "mkd" | "mkdn" => Some(Format::Markdown),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "mhtml" | "mht" => Some(Format::Mhtml),
        "docx" => Some(Format::Docx),
        "pdf" => Some(Format::Pdf),
        _ => None,
    }
}

fn unsupported_ext(path: &Path) -> Option<String> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    UNSUPPORTED.contains(&ext.as_str()).then_some(ext)
}

/// Relative, `/`-separated, lossy for non-UTF-8 names; the flag tells whether it was lossy.
pub fn rel_id(base: &Path, path: &Path) -> (String, bool) {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let mut parts = Vec::new();
    let mut lossy = false;
    for c in rel.components() {
        let os = c.as_os_str();
        match os.to_str() {
            Some(s) => parts.push(s.to_string()),
            None => {
                lossy = true;
                parts.push(os.to_string_lossy().into_owned());
            }
        }
    }
    (parts.join("/"), lossy)
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().as_encoded_bytes().starts_with(b".")
}

/// The system's limit on a path's length (Linux `PATH_MAX`), for the warning.
const PATH_MAX: usize = libc::PATH_MAX as usize;

/// A walk error caused by a path longer than the system allows (`ENAMETOOLONG`).
fn is_too_long(err: &walkdir::Error) -> bool {
    err.io_error()
        .and_then(std::io::Error::raw_os_error)
        .is_some_and(|e| e == libc::ENAMETOOLONG)
}

/// Why the walk could not enter or list an entry, for the warning.
fn walk_error_kind(err: &walkdir::Error) -> WarningKind {
    if is_too_long(err) {
        let len = err.path().map_or(0, |p| p.as_os_str().len());
        return WarningKind::PathTooLong { len, max: PATH_MAX };
    }
    if err.loop_ancestor().is_some() {
        return WarningKind::SymlinkLoop { ancestor: true };
    }
    let is_link = err
        .path()
        .and_then(|p| std::fs::symlink_metadata(p).ok())
        .is_some_and(|m| m.file_type().is_symlink());
    match err.io_error() {
        Some(e) if is_link && e.kind() == std::io::ErrorKind::NotFound => {
            WarningKind::BrokenSymlink
        }
        Some(e) => WarningKind::from_io(e),
        None => WarningKind::Unreadable {
            error: err.to_string(),
        },
    }
}

/// Walks `dirs` (each recursively) and takes `files` as given, naming everything relative to
/// `base`. Explicit files with an unknown extension are read as plain text.
pub fn discover(
    base: &Path,
    dirs: &[PathBuf],
    files: &[PathBuf],
    progress: &Progress,
) -> Result<(Vec<Candidate>, Vec<Warning>), LoadError> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut warnings: Vec<Warning> = Vec::new();
    let mut lossy_names: Vec<String> = Vec::new();
    let mut saw_symlink = false;
    for file in files {
        let (id, lossy) = rel_id(base, file);
        if lossy {
            lossy_names.push(id.clone());
        }
        saw_symlink |= std::fs::symlink_metadata(file).is_ok_and(|m| m.file_type().is_symlink());
        if let Some(ext) = unsupported_ext(file) {
            warnings.push(unsupported(id, &ext));
            continue;
        }
        out.push(Candidate {
            path: file.clone(),
            id,
            format: format_of(file).unwrap_or(Format::Text),
        });
    }
    for dir in dirs {
        // Links are followed only while they stay inside the opened folder: a link to `/`
        // would walk the whole filesystem, one to `/etc/passwd` or a private key would be
        // loaded and embedded in a report meant for sharing (issue 14, items 8 and 12).
        let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
        let outside: std::cell::RefCell<Vec<PathBuf>> = Default::default();
        let walker = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| {
                if is_hidden(e) {
                    return false;
                }
                // `Page_files/` of a page saved "complete": assets, not articles (issue 15).
                if e.depth() > 0 && e.file_type().is_dir() && is_saved_page_assets(e.path()) {
                    return false;
                }
                if e.depth() > 0 && e.path_is_symlink() {
                    let inside = std::fs::canonicalize(e.path()).map(|t| t.starts_with(&root));
                    // A broken link stays in: the walk reports it as broken.
                    if let Ok(false) = inside {
                        outside.borrow_mut().push(e.path().to_path_buf());
                        return false;
                    }
                }
                true
            });
        for (n, entry) in walker.enumerate() {
            if n % 256 == 0 {
                progress.check()?;
            }
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    if err.depth() == 0 {
                        return Err(LoadError::Unreadable {
                            path: dir.clone(),
                            reason: walk_error_kind(&err),
                        });
                    }
                    let path = err.path().map_or_else(|| dir.clone(), Path::to_path_buf);
                    // A broken link or loop whose name has no article extension is noise.
                    let relevant = err.loop_ancestor().is_some()
                        || is_too_long(&err)
                        || format_of(&path).is_some()
                        || std::fs::metadata(&path).is_ok_and(|m| m.is_dir());
                    if relevant {
                        warnings.push(Warning::new(rel_id(base, &path).0, walk_error_kind(&err)));
                    }
                    continue;
                }
            };
            saw_symlink |= entry.path_is_symlink();
            if entry.file_type().is_dir() {
                continue;
            }
            let path = entry.path();
            let (id, lossy) = rel_id(base, path);
            if let Some(ext) = unsupported_ext(path) {
                warnings.push(unsupported(id, &ext));
                continue;
            }
            let Some(format) = format_of(path) else {
                continue;
            };
            if lossy {
                lossy_names.push(id.clone());
            }
            if !entry.file_type().is_file() {
                warnings.push(Warning::new(id, WarningKind::NotRegularFile));
                continue;
            }
            out.push(Candidate {
                path: path.to_path_buf(),
                id,
                format,
            });
        }
        for link in outside.into_inner() {
            if link == dir.join(super::config::FILE_NAME) {
                continue; // the settings file: its own warning says what is ignored
            }
            let target = std::fs::read_link(&link)
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            warnings.push(Warning::new(
                rel_id(base, &link).0,
                WarningKind::OutsideFolder { target },
            ));
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.path.cmp(&b.path)));
    out.dedup_by(|a, b| a.path == b.path);
    dedup_same_file(&mut out, &mut warnings, saw_symlink);
    make_ids_unique(&mut out);
    for id in lossy_names {
        warnings.push(Warning::new(id, WarningKind::FileNameNotUtf8));
    }
    Ok((out, warnings))
}

fn unsupported(file: String, ext: &str) -> Warning {
    Warning::new(
        file,
        WarningKind::Unsupported {
            ext: ext.to_string(),
        },
    )
}

/// The same file reached twice, through a symlink or a hard link (same device and inode):
/// keep the first by id.
fn dedup_same_file(out: &mut Vec<Candidate>, warnings: &mut Vec<Warning>, saw_symlink: bool) {
    use std::os::unix::fs::MetadataExt;
    let mut seen: rustc_hash::FxHashMap<(u64, u64), (String, bool)> = Default::default();
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    out.retain(|c| {
        let Ok(meta) = std::fs::metadata(&c.path) else {
            return true; // the read reports it
        };
        // A file with one name can only be reached twice through a symlink.
        if meta.nlink() < 2 && !saw_symlink {
            return true;
        }
        match seen.entry((meta.dev(), meta.ino())) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let (first, first_is_link) = first.get();
                let how = if *first_is_link || is_link(&c.path) {
                    LinkKind::Symlink
                } else {
                    LinkKind::HardLink
                };
                warnings.push(Warning::new(
                    c.id.clone(),
                    WarningKind::SameFile {
                        first: first.clone(),
                        how,
                    },
                ));
                false
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert((c.id.clone(), is_link(&c.path)));
                true
            }
        }
    });
}

/// Two non-UTF-8 names can decode to the same lossy id: suffix the later ones.
fn make_ids_unique(out: &mut [Candidate]) {
    let mut used: BTreeSet<String> = BTreeSet::new();
    for c in out.iter_mut() {
        if used.contains(&c.id) {
            let mut n = 2;
            while used.contains(&format!("{} ({n})", c.id)) {
                n += 1;
            }
            c.id = format!("{} ({n})", c.id);
        }
        used.insert(c.id.clone());
    }
}

/// Suffixes browsers give the assets folder of a page saved "complete" (`Page.html` +
/// `Page_files/`): Chrome, Firefox and Edge use `_files`; older Internet Explorer and Word
/// localise it.
const ASSET_SUFFIXES: &[&str] = &[
    "_files",
    "-Dateien",
    "_fichiers",
    "_archivos",
    "_arquivos",
    "_file",
];

/// True for `Page_files/` when `Page.html` (or `.htm`) sits next to it: the images, scripts
/// and frames of a saved page, ignored silently rather than loaded or reported.
pub fn is_saved_page_assets(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some(stem) = ASSET_SUFFIXES.iter().find_map(|s| name.strip_suffix(s)) else {
        return false;
    };
    if stem.is_empty() || !path.is_dir() {
        return false;
    }
    let parent = path.parent().unwrap_or(Path::new(""));
    ["html", "htm", "xhtml", "HTML", "HTM", "mhtml", "shtml"]
        .iter()
        .any(|ext| parent.join(format!("{stem}.{ext}")).is_file())
}
