//! The command line: argument parsing (clap) and the text/JSON printers of each subcommand.
//! Every subcommand runs the same engine as the desktop app. Exit codes: 0 success, 1 error
//! (message on stderr), 2 bad usage (clap).

use clap::{Args, Parser, Subcommand};
use std::io::Write;

pub mod align;
pub mod diff;
pub mod framing;
pub mod inspect;
pub mod report;
use std::path::{Path, PathBuf};

use crate::app::state::ThemePref;
use crate::app::{StartupOptions, View};
use crate::corpus::{self, Corpus};
use crate::progress::Progress;

#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version,
    about = "Compare how different outlets report the same story.",
    long_about = "Compare how different outlets report the same story: aligned passages, word-level \
differences and framing across a folder of articles (.txt, .md, .html).\n\n\
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
    match run(cli) {
        Ok(()) => 0,
        // The reader went away (`parallax align | head`): not an error worth reporting.
        Err(e) if e.contains("Broken pipe") => 0,
        Err(e) => {
            eprintln!("parallax: {e}");
            1
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        None => {
            // A mistyped folder is a usage error on the command line, not a window to open.
            if let Some(dir) = &cli.view.dir
                && !dir.exists()
            {
                return Err(format!("folder not found: {}", dir.display()));
            }
            crate::app::run(cli.view.startup_options())
        }
        Some(Command::Inspect(a)) => inspect::run(&a),
        Some(Command::Align(a)) => align::run(&a),
        Some(Command::Diff(a)) => diff::run(&a),
        Some(Command::Framing(a)) => framing::run(&a),
        Some(Command::Report(a)) => report::run(&a),
    }
}

/// Loads `dir`, or the embedded seeds when `None`.
pub fn load(dir: Option<&Path>) -> Result<Corpus, String> {
    match dir {
        None => Ok(corpus::seeds()),
        Some(d) => corpus::load_dir(d, &Progress::new()).map_err(|e| e.to_string()),
    }
}

pub(crate) fn out() -> std::io::StdoutLock<'static> {
    std::io::stdout().lock()
}

pub(crate) fn write_json<T: serde::Serialize>(value: &T) -> Result<(), String> {
    let mut o = out();
    serde_json::to_writer_pretty(&mut o, value).map_err(|e| e.to_string())?;
    writeln!(o).map_err(|e| e.to_string())
}
