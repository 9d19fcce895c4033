//! What the viewer is asked to do at launch, apart from the saved state ([`super::state`]) and
//! the per-frame state of the views. The command line builds it (and rejects bad values as usage
//! errors before a window opens); tests and benches build it directly.

use std::path::PathBuf;

use super::View;
use super::state::ThemePref;

/// Launch options of the viewer (the app's own type: no command-line parser types).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StartupOptions {
    /// Folder of articles to open (default: the last folder, else the bundled seeds).
    pub dir: Option<PathBuf>,
    /// Render the window after loading and aligning, write it to this PNG and exit.
    pub screenshot: Option<PathBuf>,
    /// Left source (file name, source name or index).
    pub left: Option<String>,
    /// Right source (file name, source name or index).
    pub right: Option<String>,
    /// Theme for this run (overrides the saved one).
    pub theme: Option<ThemePref>,
    /// View to open (overrides the saved one).
    pub view: Option<View>,
    /// Where data kept between runs lives (hand corrections); default: the user's data
    /// directory (`$PARALLAX_DATA_DIR`, else `~/.local/share/parallax` on Linux).
    pub data_dir: Option<PathBuf>,
    /// Framing lexicon to use instead of the built-in one (the CLI loads `--lexicon FILE`).
    pub lexicon: Option<crate::framing::Lexicon>,
    /// Size of the window's inner area in points (default [`super::DEFAULT_SIZE`]; also the size
    /// of a `--screenshot`), at least [`super::MIN_SIZE`].
    pub window_size: Option<[f32; 2]>,
}
