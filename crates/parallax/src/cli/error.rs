//! The command line's errors: one typed enum, one mapping to exit codes
//! (0 when the reader of standard output went away, 2 for bad usage, 1 for everything else).

use crate::corpus::LoadError;
use crate::output::OutputError;
use crate::report::ReportError;

/// Everything a subcommand can fail with.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad usage that clap cannot see (an output format that does not exist): exit 2.
    #[error("{0}")]
    Usage(String),
    /// A `--left`/`--right` selector names no single article, or both name the same one.
    #[error("{0}")]
    Select(String),
    /// The article folder could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The report or screenshot could not be written, or was refused.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The report could not be produced.
    #[error(transparent)]
    Report(#[from] ReportError),
    /// Writing to standard output failed.
    #[error("cannot write to standard output: {0}")]
    Stdout(#[from] std::io::Error),
    /// A `--lexicon` file could not be read or is not a lexicon.
    #[error(transparent)]
    Lexicon(#[from] crate::framing::LexiconError),
    /// A `--corrections` file could not be read or is not a corrections file.
    #[error(transparent)]
    Corrections(#[from] crate::corrections::CorrectionsError),
    /// The viewer could not run, or its screenshot was not written.
    #[error(transparent)]
    Viewer(#[from] crate::app::RunError),
    /// The pipeline was cancelled (by a signal).
    #[error("cancelled")]
    Cancelled,
    /// A failure the engine reports as text (a serialisation error).
    #[error("{0}")]
    Other(String),
}

impl From<String> for CliError {
    fn from(s: String) -> Self {
        CliError::Other(s)
    }
}

impl From<crate::progress::Cancelled> for CliError {
    fn from(_: crate::progress::Cancelled) -> Self {
        CliError::Cancelled
    }
}

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        match e.io_error_kind() {
            Some(kind) => CliError::Stdout(std::io::Error::new(kind, e)),
            None => CliError::Other(e.to_string()),
        }
    }
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) => 2,
            // `parallax align | head`: the reader went away, nothing worth reporting.
            CliError::Stdout(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
            CliError::Report(ReportError::Output(OutputError::Io { source, .. }))
            | CliError::Output(OutputError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::BrokenPipe =>
            {
                0
            }
            _ => 1,
        }
    }

    /// Whether the error is worth a message on standard error.
    pub fn is_silent(&self) -> bool {
        self.exit_code() == 0
    }
}

/// Result of a subcommand.
pub type CliResult<T = ()> = Result<T, CliError>;
