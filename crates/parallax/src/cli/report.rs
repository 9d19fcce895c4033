//! `parallax report`: a self-contained HTML / JSON / Markdown report of an article set (story
//! map, framing tables, one-source passages, side-by-side differences), written atomically.

use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{load, parse_unit};
use crate::align::{AlignOptions, DEFAULT_MIN_SCORE};
use crate::diff::DiffOptions;
use crate::framing::Lexicon;
use crate::model::{Analysis, AnalyzeOptions, find_article};
use crate::progress::Progress;
use crate::report::{self, Format, PairSelection, ReportOptions};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Folder of articles (default: the bundled seeds).
    pub dir: Option<PathBuf>,
    /// Output file ("-" writes to standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
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
    /// Minimum similarity for a link, in [0, 1].
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

pub fn run(args: &ReportArgs) -> Result<(), String> {
    let format = if args.json {
        Format::Json
    } else {
        args.format
            .map(Format::from)
            .or_else(|| Format::from_path(&args.output))
            .unwrap_or_default()
    };
    let to_stdout = args.output.as_os_str() == "-";
    let corpus = load(args.dir.as_deref())?;
    let progress = Progress::new();
    let lexicon = match &args.lexicon {
        Some(p) => Some(Lexicon::load(p)?),
        None => None,
    };
    let analysis = crate::model::analyze_with(
        corpus,
        &AnalyzeOptions {
            align: AlignOptions {
                min_score: args.min_score,
            },
            lexicon,
        },
        &progress,
    )
    .map_err(|e| e.to_string())?;
    if !to_stdout {
        refuse_article_overwrite(&analysis, &args.output)?;
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
    let built = report::build(&analysis, &opts, &progress).map_err(|e| e.to_string())?;
    let text = report::render(&built, format);
    if to_stdout {
        let mut o = super::out();
        o.write_all(text.as_bytes())
            .and_then(|()| o.flush())
            .map_err(|e| format!("cannot write to standard output: {e}"))
    } else {
        report::write_atomic(&args.output, text.as_bytes())
    }
}

fn pair_selection(analysis: &Analysis, args: &ReportArgs) -> Result<PairSelection, String> {
    if args.no_pairs {
        return Ok(PairSelection::None);
    }
    let find = |flag: &str, key: &Option<String>| -> Result<Option<usize>, String> {
        let Some(k) = key else { return Ok(None) };
        find_article(&analysis.corpus, k).map(Some).ok_or_else(|| {
            let names: Vec<&str> = analysis
                .corpus
                .articles
                .iter()
                .map(|a| a.source.as_str())
                .collect();
            format!(
                "no article matches {flag} {k:?} (sources: {})",
                names.join(", ")
            )
        })
    };
    let n = analysis.corpus.articles.len();
    Ok(
        match (find("--left", &args.left)?, find("--right", &args.right)?) {
            (None, None) => PairSelection::All,
            (Some(l), Some(r)) if l == r => {
                return Err(format!(
                    "--left and --right name the same article ({})",
                    analysis
                        .corpus
                        .articles
                        .get(l)
                        .map_or("", |a| a.file.as_str())
                ));
            }
            (Some(l), Some(r)) => PairSelection::Pairs(vec![(l, r)]),
            (Some(l), None) => {
                PairSelection::Pairs((0..n).filter(|&r| r != l).map(|r| (l, r)).collect())
            }
            (None, Some(r)) => {
                PairSelection::Pairs((0..n).filter(|&l| l != r).map(|l| (l, r)).collect())
            }
        },
    )
}

/// Refuses an output path that is one of the articles being reported on.
fn refuse_article_overwrite(analysis: &Analysis, output: &Path) -> Result<(), String> {
    let (Some(root), Ok(out)) = (&analysis.corpus.root, output.canonicalize()) else {
        return Ok(());
    };
    let hit = analysis
        .corpus
        .articles
        .iter()
        .any(|a| root.join(&a.file).canonicalize().is_ok_and(|p| p == out));
    if hit {
        Err(format!(
            "refusing to overwrite {}: it is one of the articles being reported on",
            output.display()
        ))
    } else {
        Ok(())
    }
}
