//! `parallax report`: a self-contained HTML / JSON / Markdown report of an article set (story
//! map, framing tables, one-source passages, side-by-side differences), written atomically.

use clap::Args;
use std::io::Write;
use std::path::PathBuf;

use super::error::{CliError, CliResult};
use super::{load, parse_unit};
use crate::align::{AlignOptions, DEFAULT_MIN_SCORE};
use crate::diff::DiffOptions;
use crate::framing::Lexicon;
use crate::model::{Analysis, AnalyzeOptions};
use crate::output::{self, Protected};
use crate::progress::Progress;
use crate::report::{self, Format, PairSelection, ReportOptions};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Folder of articles (default: the bundled seeds).
    pub dir: Option<PathBuf>,
    /// Output file ("-" writes to standard output). Its extension picks the format (.html,
    /// .json, .md) unless --format is given; any other extension is refused.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Replace an existing file inside the article folder (never one of the loaded articles).
    #[arg(long)]
    pub force: bool,
    /// Left source of the side-by-side section (file name, source name or index). Alone: this
    /// source against every other. Default: every pair.
    #[arg(long)]
    pub left: Option<String>,
    /// Right source of the side-by-side section. Alone: every other source against this one.
    #[arg(long)]
    pub right: Option<String>,
    /// Leave out the side-by-side section.
    #[arg(long, conflicts_with_all = ["left", "right"])]
    pub no_pairs: bool,
    /// Output format (default: from the output file's extension, else html).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Same as --format json.
    #[arg(long, hide = true, conflicts_with = "format")]
    pub json: bool,
    /// Minimum match (the aligner's match probability) for a link, in [0, 1]; shown as a percentage.
    #[arg(long, default_value_t = DEFAULT_MIN_SCORE, value_parser = parse_unit)]
    pub min_score: f32,
    /// Ignore differences of letter case in the side-by-side section.
    #[arg(long)]
    pub ignore_case: bool,
    /// Ignore differences of punctuation in the side-by-side section.
    #[arg(long)]
    pub ignore_punctuation: bool,
    /// Heading of the report.
    #[arg(long)]
    pub title: Option<String>,
    /// Framing lexicon (TOML) to use instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Apply the hand corrections saved in FILE (see `parallax align --corrections`).
    #[arg(long, value_name = "FILE")]
    pub corrections: Option<PathBuf>,
}

/// The report formats as the command line names them (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Html,
    Json,
    #[value(name = "md", alias = "markdown")]
    Markdown,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Html => Format::Html,
            FormatArg::Json => Format::Json,
            FormatArg::Markdown => Format::Markdown,
        }
    }
}

/// Above this many side-by-side sections, the CLI says how to choose fewer.
const MANY_PAIRS: usize = 45;

/// The format asked for: `--format`, else the output file's extension, else HTML. An
/// extension that names no report format (`-o x.pdf`) is a usage error listing the formats.
fn format_of(args: &ReportArgs) -> CliResult<Format> {
    if args.json {
        return Ok(Format::Json);
    }
    if let Some(f) = args.format {
        return Ok(f.into());
    }
    if args.output.as_os_str() == "-" {
        return Ok(Format::Html);
    }
    match (Format::from_path(&args.output), args.output.extension()) {
        (Some(f), _) => Ok(f),
        (None, None) => Ok(Format::Html),
        (None, Some(ext)) => Err(CliError::Usage(format!(
            "cannot write a .{} report: the formats are html (.html, .htm), json (.json) and \
             md (.md, .markdown); choose one with --format",
            super::term(&ext.to_string_lossy())
        ))),
    }
}

pub fn run(args: &ReportArgs) -> CliResult {
    let format = format_of(args)?;
    let to_stdout = args.output.as_os_str() == "-";
    let corpus = load(args.dir.as_deref())?;
    let progress = Progress::new();
    let lexicon = match &args.lexicon {
        Some(p) => Some(Lexicon::load(p)?),
        None => None,
    };
    let corrections = match &args.corrections {
        Some(p) => Some(crate::corrections::Corrections::load(p)?),
        None => None,
    };
    if !to_stdout {
        // Refuse a folder, socket or device before the (possibly long) analysis.
        output::check_target(&args.output, &Protected::default())?;
    }
    let analysis = crate::model::analyze_with(
        corpus,
        &AnalyzeOptions {
            align: AlignOptions {
                min_score: args.min_score,
            },
            lexicon,
            corrections,
        },
        &progress,
    )?;
    for reason in &analysis.corrections.skipped {
        eprintln!("parallax: correction not applied: {}", super::term(reason));
    }
    if !to_stdout {
        let files = analysis
            .corpus
            .articles
            .iter()
            .map(|a| PathBuf::from(&a.file));
        let protected = Protected::new(analysis.corpus.root.as_deref(), files, args.force);
        output::check_target(&args.output, &protected)?;
    }
    let pairs = pair_selection(&analysis, args)?;
    let n = analysis.corpus.articles.len();
    if pairs == PairSelection::All && n * n.saturating_sub(1) / 2 > MANY_PAIRS {
        eprintln!(
            "parallax: note: {n} sources give {} side-by-side sections; --left/--right choose \
             fewer, --no-pairs leaves them out",
            n * (n - 1) / 2
        );
    }
    let opts = ReportOptions {
        title: args.title.clone(),
        generated: Some(report::generated_now()),
        pairs,
        diff: DiffOptions {
            ignore_case: args.ignore_case,
            ignore_punctuation: args.ignore_punctuation,
        },
        min_score: Some(args.min_score),
        lexicon: args.lexicon.as_ref().map(|p| p.display().to_string()),
    };
    let built = report::build(&analysis, &opts, &progress)?;
    if built.pairs_omitted > 0 {
        eprintln!(
            "parallax: note: {} of {} side-by-side sections left out (at most {} per report); \
             --left/--right choose which",
            built.pairs_omitted,
            built.pairs_omitted + built.comparisons.len(),
            report::MAX_PAIR_SECTIONS
        );
    }
    let text = report::render(&built, format);
    if to_stdout {
        let mut o = super::out();
        o.write_all(text.as_bytes()).and_then(|()| o.flush())?;
        Ok(())
    } else {
        Ok(report::write_atomic(&args.output, text.as_bytes())?)
    }
}

fn pair_selection(analysis: &Analysis, args: &ReportArgs) -> CliResult<PairSelection> {
    if args.no_pairs {
        return Ok(PairSelection::None);
    }
    let corpus = &analysis.corpus;
    let n = corpus.articles.len();
    Ok(match (&args.left, &args.right) {
        (None, None) => PairSelection::All,
        (Some(l), Some(r)) => PairSelection::Pairs(vec![super::select_pair(corpus, l, r)?]),
        (Some(l), None) => {
            let l = super::select(corpus, "--left", l)?;
            PairSelection::Pairs((0..n).filter(|&r| r != l).map(|r| (l, r)).collect())
        }
        (None, Some(r)) => {
            let r = super::select(corpus, "--right", r)?;
            PairSelection::Pairs((0..n).filter(|&l| l != r).map(|l| (l, r)).collect())
        }
    })
}
