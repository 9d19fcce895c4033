//! `parallax diff`: two articles side by side with word differences and framing marks.

use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Folder of articles (default: the bundled seeds).
    pub dir: Option<PathBuf>,
    /// Left article (file name, source name or index).
    #[arg(long)]
    pub left: String,
    /// Right article (file name, source name or index).
    #[arg(long)]
    pub right: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &DiffArgs) -> Result<(), String> {
    let _ = args;
    Err("not implemented yet".into())
}
