//! `parallax report`: a self-contained HTML / JSON / Markdown report.

use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Folder of articles (default: the bundled seeds).
    pub dir: Option<PathBuf>,
    /// Output file.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Left article of the side-by-side section (default: every pair).
    #[arg(long)]
    pub left: Option<String>,
    /// Right article of the side-by-side section.
    #[arg(long)]
    pub right: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &ReportArgs) -> Result<(), String> {
    let _ = args;
    Err("not implemented yet".into())
}
