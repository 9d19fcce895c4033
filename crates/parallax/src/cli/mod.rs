//! The command line: argument parsing (clap) and the text/JSON printers of each subcommand.
//! Every subcommand runs the same engine as the desktop app. Exit codes: 0 success, 1 error
//! (message on stderr), 2 bad usage (clap).

use clap::{Args, Parser, Subcommand};
use std::io::Write;

pub mod align;
pub mod diff;
pub mod error;
pub mod framing;
pub mod inspect;
pub mod report;
use std::path::{Path, PathBuf};

use crate::app::state::ThemePref;
use crate::app::{StartupOptions, View};
use crate::corpus::{self, Corpus};
use crate::progress::Progress;
pub use error::{CliError, CliResult};

#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version,
    about = "Compare how different outlets report the same story.",
    long_about = "Compare how different outlets report the same story: aligned passages, word-level \
differences and framing across a folder of articles (.txt, .md, .html, .mhtml, .docx, .pdf).\n\n\
With no subcommand, opens the desktop viewer on DIR (or the last folder, or the bundled sample articles).",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub view: ViewArgs,
}

/// Options of the desktop viewer (no subcommand).
#[derive(Debug, Args, Clone, Default)]
pub struct ViewArgs {
    /// Folder of articles to open (default: the last folder, else the bundled seeds).
    pub dir: Option<PathBuf>,
    /// Render the window after loading and aligning, write it to this PNG and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Left source (file name, source name or index).
    #[arg(long)]
    pub left: Option<String>,
    /// Right source (file name, source name or index).
    #[arg(long)]
    pub right: Option<String>,
    /// Theme for the window.
    #[arg(long, value_enum, value_name = "THEME")]
    pub theme: Option<ThemeArg>,
    /// View to open.
    #[arg(long, value_enum, value_name = "VIEW")]
    pub view: Option<ViewArg>,
    /// Framing lexicon (TOML) to use instead of the built-in one: its categories, labels and
    /// explanations are what the viewer marks and its legend shows.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Let --screenshot replace an existing file inside the article folder (never an article).
    #[arg(long, requires = "screenshot")]
    pub force: bool,
    /// Size of the window (and of a --screenshot), e.g. 640x480; at least 480x360.
    #[arg(long, value_name = "WxH", value_parser = parse_window_size)]
    pub window_size: Option<[f32; 2]>,
}

/// `--window-size 640x480` → `[640.0, 480.0]`; smaller than the viewer's minimum, or not two
/// numbers, is a usage error.
fn parse_window_size(s: &str) -> Result<[f32; 2], String> {
    let (w, h) = s
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("expected WIDTHxHEIGHT such as 640x480, not {s}"))?;
    let num = |v: &str| {
        v.trim()
            .parse::<u32>()
            .map_err(|_| format!("expected WIDTHxHEIGHT such as 640x480, not {s}"))
    };
    let (w, h) = (num(w)?, num(h)?);
    let [mw, mh] = crate::app::MIN_SIZE;
    if (w as f32) < mw || (h as f32) < mh || w > 16384 || h > 16384 {
        return Err(format!(
            "{w}x{h} is outside what the window can be ({mw}x{mh} to 16384x16384)"
        ));
    }
    Ok([w as f32, h as f32])
}

/// `--theme` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeArg {
    System,
    Light,
    Dark,
}

/// `--view` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ViewArg {
    #[value(alias = "sbs")]
    SideBySide,
    #[value(alias = "map")]
    StoryMap,
    Event,
    Framing,
}

impl ViewArgs {
    /// The viewer's own launch options.
    pub fn startup_options(&self) -> StartupOptions {
        StartupOptions {
            dir: self.dir.clone(),
            screenshot: self.screenshot.clone(),
            lexicon: None,
            left: self.left.clone(),
            right: self.right.clone(),
            theme: self.theme.map(|t| match t {
                ThemeArg::System => ThemePref::System,
                ThemeArg::Light => ThemePref::Light,
                ThemeArg::Dark => ThemePref::Dark,
            }),
            view: self.view.map(|v| match v {
                ViewArg::SideBySide => View::SideBySide,
                ViewArg::StoryMap => View::StoryMap,
                ViewArg::Event => View::Event,
                ViewArg::Framing => View::Framing,
            }),
            data_dir: None,
            window_size: self.window_size,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List each article with source, title, paragraph and sentence counts, and every warning.
    Inspect(inspect::InspectArgs),
    /// Align passages across all articles and list the events they report.
    Align(align::AlignArgs),
    /// Show the aligned passages of two articles with their word differences and framing marks.
    Diff(diff::DiffArgs),
    /// Show each source's framing profile.
    Framing(framing::FramingArgs),
    /// Write a self-contained report (HTML, JSON or Markdown).
    Report(report::ReportArgs),
}

pub(crate) fn parse_unit(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| format!("not a number: {s}"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is not in [0, 1]"))
    }
}

/// Parses the process arguments and runs; returns the exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    install_signal_cleanup();
    match run(cli) {
        Ok(()) => 0,
        Err(e) => {
            if !e.is_silent() {
                // Line by line: names inside are shown safely, the message's own line breaks
                // (lists of articles) stay line breaks.
                let msg = e.to_string();
                let lines: Vec<_> = msg.lines().map(term).collect();
                eprintln!("parallax: {}", lines.join("\n"));
            }
            e.exit_code()
        }
    }
}

/// On SIGINT, SIGTERM or SIGHUP: delete the temporary file of a report or screenshot being
/// written, then exit with 128 + the signal's number, as the default action would.
fn install_signal_cleanup() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("parallax: signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                crate::output::remove_pending();
                std::process::exit(128 + sig);
            }
        });
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> CliResult {
    match cli.command {
        None => {
            // A mistyped folder is a usage error on the command line, not a window to open.
            if let Some(dir) = &cli.view.dir
                && !dir.exists()
            {
                return Err(CliError::Other(format!(
                    "folder not found: {}",
                    dir.display()
                )));
            }
            if let Some(shot) = &cli.view.screenshot {
                check_screenshot(shot, &cli.view)?;
            }
            let mut opts = cli.view.startup_options();
            if let Some(p) = &cli.view.lexicon {
                // A bad lexicon is named before a window opens.
                opts.lexicon = Some(crate::framing::Lexicon::load(p)?);
            }
            Ok(crate::app::run(opts)?)
        }
        Some(Command::Inspect(a)) => inspect::run(&a),
        Some(Command::Align(a)) => align::run(&a),
        Some(Command::Diff(a)) => diff::run(&a),
        Some(Command::Framing(a)) => framing::run(&a),
        Some(Command::Report(a)) => report::run(&a),
    }
}

/// `--screenshot` follows the same output rules as `report -o`: never over a loaded article,
/// never over an existing file in the article folder unless `--force`, never over a folder.
fn check_screenshot(shot: &Path, view: &ViewArgs) -> CliResult {
    let root = view.dir.as_deref().filter(|d| d.is_dir());
    let files: Vec<PathBuf> = match (root, &view.dir) {
        (Some(_), _) => Vec::new(),
        // A single file opened: that file is the article.
        (None, Some(f)) => vec![f.clone()],
        (None, None) => Vec::new(),
    };
    let protected = crate::output::Protected::new(root, files, view.force);
    Ok(crate::output::check_target(shot, &protected)?)
}

/// Loads `dir`, or the embedded seeds when `None`.
pub fn load(dir: Option<&Path>) -> CliResult<Corpus> {
    match dir {
        None => Ok(corpus::seeds()),
        Some(d) => Ok(corpus::load_dir(d, &Progress::new())?),
    }
}

/// Prints one "warning: FILE: REASON" line per warning on stderr (the reason ends in
/// "; skipped" when [`corpus::WarningKind::skips`]), names and reasons made safe for a terminal.
pub(crate) fn print_warnings(warnings: &[corpus::Warning]) {
    for w in warnings {
        eprintln!("warning: {}: {}", term(&w.file), term(&w.reason));
    }
}

/// Resolves `--left`/`--right` style selectors strictly: an empty key, a key that fits no
/// article and a prefix that fits several are usage errors listing the articles.
pub(crate) fn select(corpus: &Corpus, flag: &str, key: &str) -> CliResult<usize> {
    crate::model::find_article(corpus, key).ok_or_else(|| {
        let list: Vec<String> = corpus
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| format!("  {i}: {} ({})", term(&a.file), term(&a.source)))
            .collect();
        let flag = if flag.is_empty() {
            String::new()
        } else {
            format!("{flag} ")
        };
        let what = if key.trim().is_empty() {
            format!("{flag}is empty")
        } else {
            format!("no single article matches {flag}\"{}\"", term(key))
        };
        CliError::Select(format!("{what}; available articles:\n{}", list.join("\n")))
    })
}

/// Resolves both sides of a comparison; naming the same article twice is a usage error.
pub(crate) fn select_pair(corpus: &Corpus, left: &str, right: &str) -> CliResult<(usize, usize)> {
    let l = select(corpus, "--left", left)?;
    let r = select(corpus, "--right", right)?;
    if l == r {
        return Err(CliError::Select(format!(
            "--left and --right name the same article ({})",
            corpus
                .articles
                .get(l)
                .map_or(String::new(), |a| term(&a.file).into_owned())
        )));
    }
    Ok((l, r))
}

/// `s` made safe to print on a terminal: control characters (ESC, CR, newlines, C1),
/// bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) and other invisible
/// format characters are shown as `\u{…}` (newline as `\n`, tab as `\t`) so that a file or
/// source name can neither drive the terminal nor reorder or break the line it is printed in.
pub fn term(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c,
                '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
                | '\u{061C}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
    };
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if unsafe_char(c) => {
                use std::fmt::Write as _;
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

pub(crate) fn out() -> std::io::StdoutLock<'static> {
    std::io::stdout().lock()
}

pub(crate) fn write_json<T: serde::Serialize>(value: &T) -> CliResult {
    let mut o = out();
    serde_json::to_writer_pretty(&mut o, value)?;
    Ok(writeln!(o)?)
}
