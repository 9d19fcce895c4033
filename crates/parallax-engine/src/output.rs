//! Safe output: the one set of rules every file Parallax writes goes through (`report -o`,
//! File ▸ Export report…, `--screenshot`). See `docs/SAFETY.md`, "Output".
//!
//! - A symlink is followed to its target, which is what gets written (the link stays a link).
//! - A regular file (or a new one) is written through a temporary file in the target's folder,
//!   renamed over the target once complete: a failure never leaves a half-written file. The
//!   temporary file is registered so that [`remove_pending`] (called from a SIGINT/SIGTERM
//!   handler by the front end) can delete it before the process exits.
//! - A character device or FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is written in place,
//!   never replaced; a socket, block device or folder is refused.
//! - A full disk (`ENOSPC`, `/dev/full`) is an error that says so.
//! - [`check_target`] refuses an existing file inside the article folder unless forced, and
//!   a loaded article always.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The target is one of the articles being analysed.
    #[error("refusing to overwrite {}: it is one of the loaded articles", .path.display())]
    IsArticle { path: PathBuf },
    /// The target already exists inside the article folder.
    #[error(
        "refusing to overwrite {}: it is an existing file inside the article folder {} \
         (use --force to replace it)",
        .path.display(),
        .root.display()
    )]
    InArticleFolder { path: PathBuf, root: PathBuf },
    /// The target is a folder, socket or block device.
    #[error("cannot write {}: it is {what}", .path.display())]
    NotWritable { path: PathBuf, what: &'static str },
    /// The disk (or device) is full.
    #[error("cannot write {}: no space left on the device (disk full)", .path.display())]
    DiskFull { path: PathBuf },
    /// Any other I/O failure.
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl OutputError {
    fn io(path: &Path, source: std::io::Error) -> OutputError {
        if is_disk_full(&source) {
            OutputError::DiskFull {
                path: path.to_path_buf(),
            }
        } else {
            OutputError::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    }
}

fn is_disk_full(e: &std::io::Error) -> bool {
    // ENOSPC (28) and EDQUOT (122 on Linux) are "no room"; `StorageFull` covers both on Rust
    // ≥ 1.83, the raw code keeps older platforms honest.
    e.kind() == std::io::ErrorKind::StorageFull
        || e.kind() == std::io::ErrorKind::QuotaExceeded
        || e.raw_os_error() == Some(28)
}

/// What kind of file a path names, after following symlinks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Missing,
    Regular,
    /// Character device or FIFO: written in place.
    Stream,
    Refused(&'static str),
}

fn kind_of(path: &Path) -> Result<Kind, OutputError> {
    match std::fs::metadata(path) {
        Ok(m) => {
            let t = m.file_type();
            if t.is_file() {
                return Ok(Kind::Regular);
            }
            if t.is_dir() {
                return Ok(Kind::Refused("a folder"));
            }
            #[cfg(unix)]
            {
                use std::os::unix::fs::FileTypeExt;
                if t.is_char_device() || t.is_fifo() {
                    return Ok(Kind::Stream);
                }
                if t.is_socket() {
                    return Ok(Kind::Refused("a socket"));
                }
                if t.is_block_device() {
                    return Ok(Kind::Refused("a block device"));
                }
            }
            Ok(Kind::Refused("not a regular file"))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A dangling symlink: writing would create its target somewhere we did not check.
            if std::fs::symlink_metadata(path).is_ok() {
                return Ok(Kind::Refused("a symlink to a missing file"));
            }
            Ok(Kind::Missing)
        }
        Err(e) => Err(OutputError::io(path, e)),
    }
}

/// The path actually written: symlinks resolved (for an existing target), else the path with
/// its folder resolved.
fn resolve(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            std::fs::canonicalize(dir)
                .map(|d| d.join(name))
                .unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// Where an output may not go: the article folder and the loaded articles in it.
#[derive(Debug, Clone, Default)]
pub struct Protected {
    /// The opened article folder, if any.
    pub root: Option<PathBuf>,
    /// The loaded articles (paths relative to `root` or absolute).
    pub articles: Vec<PathBuf>,
    /// `--force`: allow replacing existing non-article files inside `root`.
    pub force: bool,
}

impl Protected {
    /// The article folder `root` with the loaded articles' files (relative to it).
    pub fn new(root: Option<&Path>, files: impl IntoIterator<Item = PathBuf>, force: bool) -> Self {
        Protected {
            root: root.map(Path::to_path_buf),
            articles: files.into_iter().collect(),
            force,
        }
    }
}

/// Refuses `path` if writing it would destroy something the user did not ask to replace:
/// a loaded article (always), an existing file inside the article folder (unless `force`),
/// a folder, socket or block device, or a dangling symlink.
pub fn check_target(path: &Path, protected: &Protected) -> Result<(), OutputError> {
    if let Kind::Refused(what) = kind_of(path)? {
        return Err(OutputError::NotWritable {
            path: path.to_path_buf(),
            what,
        });
    }
    let target = resolve(path);
    let exists = target.exists();
    let Some(root) = &protected.root else {
        return Ok(());
    };
    let Ok(root) = std::fs::canonicalize(root) else {
        return Ok(());
    };
    let is_article = protected.articles.iter().any(|a| {
        std::fs::canonicalize(root.join(a)).is_ok_and(|p| p == target) || root.join(a) == target
    });
    if is_article {
        return Err(OutputError::IsArticle {
            path: path.to_path_buf(),
        });
    }
    if exists && target.starts_with(&root) && !protected.force {
        return Err(OutputError::InArticleFolder {
            path: path.to_path_buf(),
            root,
        });
    }
    Ok(())
}

/// Temporary files being written right now (removed by [`remove_pending`] on a signal).
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn register(p: &Path) {
    if let Ok(mut v) = PENDING.lock() {
        v.push(p.to_path_buf());
    }
}

fn unregister(p: &Path) {
    if let Ok(mut v) = PENDING.lock() {
        v.retain(|x| x != p);
    }
}

/// Deletes every temporary file an unfinished [`write()`] holds. For a signal handler: call it,
/// then exit. Never blocks for long (a poisoned or contended lock is skipped after trying).
/// The registry stays locked afterwards, so no write can register and create another
/// temporary file between this call and the exit.
pub fn remove_pending() {
    let guard = match PENDING.try_lock() {
        Ok(g) => g,
        Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => {
            // Held only for a push/retain: wait briefly once.
            std::thread::sleep(std::time::Duration::from_millis(20));
            match PENDING.try_lock() {
                Ok(g) => g,
                Err(_) => return,
            }
        }
    };
    for p in guard.iter() {
        let _ = std::fs::remove_file(p);
    }
    std::mem::forget(guard);
}

/// The temporary files an unfinished write holds right now (for tests and diagnostics).
pub fn pending() -> Vec<PathBuf> {
    PENDING.lock().map(|v| v.clone()).unwrap_or_default()
}

/// Writes `contents` to `path` by the rules of this module (see the module docs): regular
/// files atomically, devices and FIFOs in place, symlinks followed, disk-full reported.
/// Does not apply [`check_target`]'s article-folder rules; call it first.
pub fn write(path: &Path, contents: &[u8]) -> Result<(), OutputError> {
    write_with(path, |w| w.write_all(contents))
}

/// [`write()`] with the bytes produced by `fill` (e.g. an encoder) instead of a buffer.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), OutputError> {
    match kind_of(path)? {
        Kind::Refused(what) => Err(OutputError::NotWritable {
            path: path.to_path_buf(),
            what,
        }),
        Kind::Stream => {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| OutputError::io(path, e))?;
            fill(&mut f)
                .and_then(|()| f.flush())
                .map_err(|e| OutputError::io(path, e))
        }
        Kind::Regular | Kind::Missing => write_atomic(path, &resolve(path), fill),
    }
}

fn write_atomic(
    shown: &Path,
    target: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), OutputError> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".parallax-").suffix(".tmp");
    // Shared output: the existing file's mode, else readable like any new file (subject to
    // the umask), not the owner-only mode temporary files get by default.
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(target)
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(0o644)
    };
    // The name is registered before the file exists, so a signal at any moment finds every
    // temporary file there is (registering after creation left a window in which a SIGTERM
    // orphaned it).
    let mut created: Option<PathBuf> = None;
    let tmp = builder
        .make_in(dir, |path| {
            register(path);
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(mode);
            }
            let opened = options.open(path);
            match &opened {
                Ok(_) => created = Some(path.to_path_buf()),
                Err(_) => unregister(path),
            }
            opened
        })
        .map_err(|e| OutputError::io(shown, e))?;
    let tmp_path = created.unwrap_or_else(|| tmp.path().to_path_buf());
    let result = (|| {
        let mut tmp = tmp;
        {
            let mut w = std::io::BufWriter::new(tmp.as_file_mut());
            fill(&mut w)?;
            w.flush()?;
        }
        tmp.as_file().sync_all()?;
        tmp.persist(target).map_err(|e| e.error)?;
        Ok(())
    })();
    unregister(&tmp_path);
    result.map_err(|e| OutputError::io(shown, e))
}
