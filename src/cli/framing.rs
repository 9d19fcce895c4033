//! `parallax framing`: the per-source framing profile as a table or JSON.

use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct FramingArgs {
    /// Folder of articles (default: the bundled seeds).
    pub dir: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &FramingArgs) -> Result<(), String> {
    let _ = args;
    Err("not implemented yet".into())
}
