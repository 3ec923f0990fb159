//! The `newsframe` command line.
//!
//! ```text
//! newsframe corpus seeds                       # the documents table
//! newsframe corpus articles.csv.gz --text-column content_original --id-column ID --format csv
//! newsframe keyness --corpus seeds --by doc_id --target rt --measure g2
//! newsframe kwic --corpus seeds --pattern "tok*ev" --window 5
//! newsframe frames --corpus seeds --by outlet --dictionary generic_frames
//! newsframe frames --corpus seeds --dictionary generic_frames --decide   # per document, calibrated
//! newsframe actors --corpus seeds --by outlet --table spellings
//! newsframe quotes --corpus seeds --by outlet --shares
//! newsframe claims --corpus seeds --compare
//! newsframe validate --corpus seeds --dictionary stance --coded coded.csv --unit sentence
//! newsframe entities --corpus seeds --table entities --draft-gazetteer draft.toml
//! newsframe notebooks check notebooks/*.ipynb  # the render guard
//! ```

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use newsframe::polars::prelude::*;
use newsframe::tokens::{Tokenizer, Tokens};
use newsframe::{notebook, statistics, Corpus, Error, ErrorKind, TableSpec};

#[derive(Parser)]
#[command(name = "newsframe", version, about = "Literate media analysis: load news corpora, chart how outlets frame an event.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load a corpus and print its documents table; the load report goes to stderr.
    Corpus {
        /// A manifest (.toml), a folder (with or without manifest.toml), a .csv/.csv.gz or a .jsonl/.jsonl.gz.
        path: PathBuf,
        #[command(flatten)]
        columns: ColumnArgs,
        /// Which table to print.
        #[arg(long, value_enum, default_value_t = Which::Documents)]
        table: Which,
        #[command(flatten)]
        format: Output,
    },
    /// Term frequencies per group: group, feature, frequency, per_10k, rank, docfreq.
    Terms {
        #[command(flatten)]
        input: StatArgs,
        /// Keep stopwords (by default the English and Russian lists are removed).
        #[arg(long)]
        keep_stopwords: bool,
        #[command(flatten)]
        tokens: TokenizerArgs,
        #[command(flatten)]
        shard: ShardArg,
    },
    /// Keyness of a target group against the rest.
    Keyness {
        #[command(flatten)]
        input: StatArgs,
        /// The group value to compare with all other documents.
        #[arg(long)]
        target: String,
        /// Compare with this group only, instead of all other documents.
        #[arg(long)]
        reference: Option<String>,
        #[arg(long, value_enum, default_value_t = MeasureArg::Chi2)]
        measure: MeasureArg,
        /// Keep stopwords.
        #[arg(long)]
        keep_stopwords: bool,
        #[command(flatten)]
        tokens: TokenizerArgs,
        #[command(flatten)]
        shard: ShardArg,
    },
    /// Collocations (lambda and z, as quanteda's textstat_collocations).
    Collocations {
        #[command(flatten)]
        input: StatArgs,
        /// Words per collocation, 2 to 8.
        #[arg(long, default_value_t = 2, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(2..=8))]
        size: usize,
        #[arg(long, default_value_t = 2)]
        min_count: u64,
        #[command(flatten)]
        tokens: TokenizerArgs,
    },
    /// Keyword in context: exact words, globs (econom*), /regex/ or "multi word" phrases.
    Kwic {
        #[command(flatten)]
        input: StatArgs,
        /// Patterns to find (repeatable).
        #[arg(long = "pattern", required = true)]
        patterns: Vec<String>,
        #[arg(long, default_value_t = 5)]
        window: usize,
        /// Keep the context inside the match's sentence.
        #[arg(long)]
        within_sentence: bool,
        #[command(flatten)]
        tokens: TokenizerArgs,
    },
    /// Readability and lexical diversity per document.
    Readability {
        #[command(flatten)]
        input: StatArgs,
    },
    /// Cosine similarity of TF-IDF vectors between groups.
    Similarity {
        #[command(flatten)]
        input: StatArgs,
        #[command(flatten)]
        tokens: TokenizerArgs,
    },
    /// Dictionary scores per group (count, per 1,000 words, share of sentences), or the audit table of every match.
    Frames {
        #[command(flatten)]
        input: StatArgs,
        /// A dictionary file (.toml, .yml/.yaml, LIWC .dic) or a shipped one by name (generic_frames, event_frames, stance, actors).
        #[arg(long, default_value = "event_frames")]
        dictionary: String,
        /// Print the audit table (one row a match) instead of the scores.
        #[arg(long, group = "frames_table")]
        audit: bool,
        /// Per-document decisions: doc_id, frame, rule, n_matches, per_1000_words, score, threshold, present (calibrated on human coding for generic_frames).
        #[arg(long, group = "frames_table")]
        decide: bool,
        /// Per pattern: n_docs, n_matches, single_article, and each category's share of matches from single-article patterns.
        #[arg(long, group = "frames_table")]
        pattern_evidence: bool,
        /// Rates per group with n, n_docs, n_words and an exact 95% Poisson interval (per_1000_words_low/high).
        #[arg(long, group = "frames_table")]
        rates: bool,
        /// The matches left out by negation or required context, with the reason.
        #[arg(long, group = "frames_table")]
        excluded: bool,
    },
    /// Actor mentions per group (gazetteer), the spellings each group uses, or co-occurrence within sentences.
    Actors {
        #[command(flatten)]
        input: StatArgs,
        /// A gazetteer file, or the shipped `actors`.
        #[arg(long, default_value = "actors")]
        gazetteer: String,
        #[arg(long, value_enum, default_value_t = ActorTable::Mentions)]
        table: ActorTable,
    },
    /// Quotations and reported speech with speakers and verbs, or (--shares) who gets a voice per group.
    Quotes {
        #[command(flatten)]
        input: StatArgs,
        /// A gazetteer file, the shipped `actors`, or `none` (sources named by the capitalised-name heuristic only).
        #[arg(long, default_value = "actors")]
        gazetteer: String,
        /// Print the share of attributed voices per side and group.
        #[arg(long)]
        shares: bool,
    },
    /// Stance markers (hedges, boosters, first person) per group, outside quotations.
    Stance {
        #[command(flatten)]
        input: StatArgs,
        #[arg(long, default_value = "stance")]
        dictionary: String,
        /// Print the audit table (one row a match, outside quotations) instead of the scores.
        #[arg(long)]
        audit: bool,
    },
    /// VADER sentiment per sentence; (--targets) the tone toward each target span; (--tone) the tone toward each actor, per group, from each mention's target-aware score.
    Sentiment {
        #[command(flatten)]
        input: StatArgs,
        /// Per actor and group: n_mentions, mean_score with its 95% t-interval, shares, low_n (fewer than 3 mentions: not a finding).
        #[arg(long)]
        tone: bool,
        #[arg(long, default_value = "actors")]
        gazetteer: String,
        /// A CSV of targets (doc_id,start,end: byte offsets into each document's text; other columns kept): one row per target with its polarity and score.
        #[arg(long, conflicts_with = "tone")]
        targets: Option<PathBuf>,
        /// The tone scorer for --targets and --tone: model (logistic regression trained on NewsMTSC), lexicon (target-aware VADER) or sentence (VADER of the whole sentence).
        #[arg(long, default_value = "model")]
        scorer: String,
    },
    /// Numeric claims per sentence, or (--compare) the cross-source table of claims about the same quantities.
    Claims {
        #[command(flatten)]
        input: StatArgs,
        #[arg(long)]
        compare: bool,
        /// The quantities to compare: a dictionary file or the shipped `claims`.
        #[arg(long, default_value = "claims")]
        quantities: String,
    },
    /// Score a dictionary against hand coding (precision, recall, F1, Krippendorff's alpha), or draw a sample to code (--sample).
    Validate {
        /// The corpus: anything `newsframe corpus` reads.
        #[arg(long)]
        corpus: PathBuf,
        #[command(flatten)]
        columns: ColumnArgs,
        /// A dictionary file or a shipped one by name.
        #[arg(long)]
        dictionary: String,
        /// The coding sheet (CSV: doc_id, category, label; sentence_id or start,end; optionally coder).
        #[arg(long, required_unless_present = "sample", conflicts_with = "sample")]
        coded: Option<PathBuf>,
        /// The unit coded: whole documents, sentences (sentence_id) or spans (start, end byte offsets).
        #[arg(long, value_enum, default_value_t = UnitArg::Document)]
        unit: UnitArg,
        /// Score against each coder's own labels instead of the majority.
        #[arg(long)]
        by_coder: bool,
        /// Which table to print: the scores, or the confusion table.
        #[arg(long, value_enum, default_value_t = ValidateTable::Scores)]
        table: ValidateTable,
        /// Look the dictionary up outside quoted speech, as `stance` does.
        #[arg(long)]
        outside_quotes: bool,
        /// Instead of scoring: draw N units (documents, sentences, or audit rows for --unit span) and print a coding sheet as CSV.
        #[arg(long, value_name = "N")]
        sample: Option<usize>,
        /// The seed of the sample (SplitMix64; the same N, seed and corpus give the same rows).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The categories to sample (repeatable; default all).
        #[arg(long = "category")]
        categories: Vec<String>,
        #[command(flatten)]
        format: Output,
    },
    /// Named persons, organizations and places found without a gazetteer: one row a mention, or (--table entities) one row an entity.
    Entities {
        #[command(flatten)]
        input: StatArgs,
        #[arg(long, value_enum, default_value_t = EntityTable::Mentions)]
        table: EntityTable,
        /// Also write a gazetteer (TOML, one category per entity) to edit and pass to `actors`, `quotes` and `sentiment --tone`.
        #[arg(long)]
        draft_gazetteer: Option<PathBuf>,
    },
    /// Load, tokenize and count terms by group; prints a summary (the benchmark job).
    Count {
        #[command(flatten)]
        input: StatArgs,
        /// Worker threads, 1 to 4 × the cores (default: all cores).
        #[arg(long, value_parser = threads_arg)]
        threads: Option<usize>,
        /// Print the full counts table instead of the summary.
        #[arg(long)]
        table: bool,
        #[command(flatten)]
        tokens: TokenizerArgs,
        #[command(flatten)]
        shard: ShardArg,
    },
    /// Merge the partial counts of `terms`, `keyness` or `count --shard i/N` (every shard once, in any order) into the table the command prints without --shard, byte for byte.
    Merge {
        /// The partials (Parquet files written with --shard).
        #[arg(required = true)]
        partials: Vec<PathBuf>,
        #[command(flatten)]
        format: Output,
    },
    /// Write a copy of the book's template notebook (notebooks/00-your-corpus.ipynb) that analyses CORPUS: load report, actors and a drafted gazetteer, terms and keyness, frames, stance and tone with their measured P/R, a validation sample to code.
    NewNotebook {
        /// The notebook to write (an existing file is not overwritten).
        path: PathBuf,
        /// The corpus it reads: a folder of .txt files (with or without manifest.toml), a manifest, or a CSV/JSONL table.
        #[arg(long)]
        corpus: PathBuf,
    },
    /// Render helpers: check executed notebooks, write the index, digest sources.
    Notebooks {
        #[command(subcommand)]
        action: NotebookAction,
    },
}

#[derive(clap::Args)]
struct ColumnArgs {
    /// CSV/JSONL: the column holding the text.
    #[arg(long, default_value = "text")]
    text_column: String,
    /// CSV/JSONL: the column holding the document id.
    #[arg(long, default_value = "doc_id")]
    id_column: String,
    /// CSV/JSONL: the column holding the title, if any (default: a column named `title`, when there is one).
    #[arg(long)]
    title_column: Option<String>,
    /// Read manifest entries and folder links that lead outside the corpus folder (each is named in the load report).
    #[arg(long)]
    allow_outside: bool,
    /// The size limit of every file read, in bytes (default: 64 MiB per text file, 4 GiB per CSV/JSONL table after gunzipping).
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    max_file_size: Option<u64>,
}

/// The options every statistics subcommand shares.
#[derive(clap::Args)]
struct StatArgs {
    /// The corpus: anything `newsframe corpus` reads.
    #[arg(long)]
    corpus: PathBuf,
    /// The metadata column to group by.
    #[arg(long, default_value = "doc_id")]
    by: String,
    #[command(flatten)]
    columns: ColumnArgs,
    #[command(flatten)]
    format: Output,
}

/// Where and how a table is written (`--format`, `--out`).
#[derive(clap::Args)]
struct Output {
    /// Output format (`parquet` needs --out).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write the table to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

impl From<Format> for Output {
    fn from(format: Format) -> Output {
        Output { format, out: None }
    }
}

impl ColumnArgs {
    /// The options for opening a corpus with this column mapping.
    fn options(&self) -> newsframe::corpus::OpenOptions {
        let mut spec = TableSpec::new(&self.text_column, &self.id_column);
        if let Some(t) = &self.title_column {
            spec = spec.with_title(t);
        }
        let mut options = Corpus::options().table(&spec).allow_outside(self.allow_outside);
        if let Some(bytes) = self.max_file_size {
            options = options.max_file_size(bytes);
        }
        options
    }

    /// Opens the corpus at `path` with this column mapping and prints the
    /// load report to stderr.
    fn open(&self, path: &std::path::Path) -> Result<Corpus, Error> {
        let corpus = self.options().open(path)?;
        eprint!("{}", corpus.report());
        Ok(corpus)
    }
}

impl StatArgs {
    fn open(&self) -> Result<Corpus, Error> {
        self.columns.open(&self.corpus)
    }
}

/// `--threads`: at least 1, at most 4 × the cores (more only adds
/// memory and switching: the counting is CPU-bound).
fn threads_arg(s: &str) -> Result<usize, String> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let max = 4 * cores;
    match s.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(format!("expected a number of threads from 1 to {max} (4 × the {cores} cores)")),
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ActorTable {
    Mentions,
    Spellings,
    Cooccurrence,
}

/// A dictionary by path, or a shipped one by name.
fn dictionary(name: &str) -> Result<newsframe::dictionary::Dictionary, Error> {
    let path = std::path::Path::new(name);
    if path.exists() || name.contains(['/', '.']) {
        newsframe::dictionary::Dictionary::open(path)
    } else {
        newsframe::framing::shipped(name)
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum UnitArg {
    Document,
    Sentence,
    Span,
}

#[derive(Clone, Copy, ValueEnum)]
enum ValidateTable {
    Scores,
    Confusion,
}

#[derive(Clone, Copy, ValueEnum)]
enum EntityTable {
    Mentions,
    Entities,
}

#[derive(Clone, Copy, ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
enum MeasureArg {
    Chi2,
    G2,
    Lr,
}

/// The measure (for `merge`; the `Keyness` arm of `run` maps it the same way).
impl From<MeasureArg> for statistics::Measure {
    fn from(m: MeasureArg) -> statistics::Measure {
        match m {
            MeasureArg::Chi2 => statistics::Measure::Chi2,
            MeasureArg::G2 => statistics::Measure::G2,
            MeasureArg::Lr => statistics::Measure::LogRatio,
        }
    }
}

/// `--shard i/N` of the counting commands.
#[derive(clap::Args)]
struct ShardArg {
    /// Count only the i-th of N contiguous slices of the corpus's documents (1 ≤ i ≤ N) and write its partial counts as Parquet to --out; `newsframe merge` combines the N partials into this command's table.
    #[arg(long, value_name = "i/N")]
    shard: Option<String>,
}

/// What a partial is for: the command that wrote it, with the options its
/// table needs once the counts are merged (stored as JSON in the partial's
/// `newsframe.job`).
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(tag = "command", rename_all = "lowercase", deny_unknown_fields)]
#[cfg_attr(not(feature = "parquet"), allow(dead_code))]
enum Job {
    Terms,
    Keyness { target: String, reference: Option<String>, measure: MeasureArg },
    Count { table: bool },
}

/// `--shard`: counts the shard's documents and writes their partial counts.
#[cfg(feature = "parquet")]
fn write_shard(input: &StatArgs, tokenizer: &Tokenizer, spec: &str, threads: Option<usize>, job: &Job) -> Result<(), Error> {
    use newsframe::counts::partial::{write_partial, PartialInfo, Shard};
    let shard: Shard = spec.parse().map_err(|m: String| Error::new(ErrorKind::Argument { message: format!("--shard: {m}") }))?;
    let Some(out) = &input.format.out else {
        return Err(Error::new(ErrorKind::Argument { message: "--shard writes the shard's partial counts as Parquet: pass --out FILE".into() }));
    };
    if !matches!(input.format.format, Format::Table | Format::Parquet) {
        return Err(Error::new(ErrorKind::Argument { message: "--shard writes Parquet; `newsframe merge` prints the table in the format you ask for".into() }));
    }
    let corpus = input.open()?;
    corpus.check_group(&input.by)?;
    let documents = corpus.len();
    let corpus = corpus.into_shard(shard);
    let counts = count(&corpus, tokenizer, &input.by, threads)?;
    let job = serde_json::to_string(job).map_err(|e| Error::new(ErrorKind::Argument { message: format!("the job: {e}") }))?;
    write_partial(&counts, &PartialInfo::new(tokenizer, &input.by, shard, documents, job), out)?;
    eprintln!("shard {shard}: {} of {documents} documents counted; partial counts written to {}", corpus.len(), out.display());
    Ok(())
}

#[cfg(not(feature = "parquet"))]
fn write_shard(_: &StatArgs, _: &Tokenizer, _: &str, _: Option<usize>, _: &Job) -> Result<(), Error> {
    Err(no_parquet())
}

/// `newsframe merge`: the partials' counts, merged, as the table their
/// command prints.
#[cfg(feature = "parquet")]
fn merge(partials: &[PathBuf], output: Output) -> Result<(), Error> {
    let (info, counts) = newsframe::counts::partial::merge(partials)?;
    let job: Job = serde_json::from_str(&info.job).map_err(|e| {
        Error::new(ErrorKind::Argument {
            message: format!("{}: newsframe.job `{}` is not a job this newsframe knows ({e})", partials[0].display(), info.job),
        })
    })?;
    match job {
        Job::Terms => print_frame(&mut counts.frequency_table(statistics::Ties::Min)?, output),
        Job::Keyness { target, reference, measure } => print_frame(&mut counts.keyness(&target, reference.as_deref(), measure.into())?, output),
        Job::Count { table: true } => print_frame(&mut counts.table()?, output),
        Job::Count { table: false } => print_summary(&counts),
    }
}

#[cfg(not(feature = "parquet"))]
fn merge(_: &[PathBuf], _: Output) -> Result<(), Error> {
    Err(no_parquet())
}

#[cfg(not(feature = "parquet"))]
fn no_parquet() -> Error {
    Error::new(ErrorKind::Argument { message: "this newsframe was built without the `parquet` feature".into() })
}

/// What `newsframe count` prints: each group's tokens and distinct terms
/// (as the `Count` arm of `run` prints them).
#[cfg(feature = "parquet")]
fn print_summary(counts: &newsframe::counts::GroupCounts) -> Result<(), Error> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for g in counts.groups() {
        writeln!(out, "{g}\ttokens={}\tterms={}", counts.total(g), counts.n_terms(g)).map_err(stdout_error)?;
    }
    out.flush().map_err(stdout_error)
}

fn content_words(keep_stopwords: bool) -> Result<Tokenizer, Error> {
    let t = Tokenizer::words();
    if keep_stopwords { Ok(t) } else { t.remove_stopwords("en")?.remove_stopwords("ru") }
}

/// The tokenizer option of the commands that tokenize.
#[derive(clap::Args)]
struct TokenizerArgs {
    /// Tokenizer preset. `words`: words and numbers (UAX #29, hyphenated words whole), lower-cased, curly apostrophes made straight, punctuation and symbols dropped; terms, keyness and similarity then remove the English and Russian stopwords (unless --keep-stopwords). `quanteda`: quanteda's tokens() then dfm() defaults: punctuation, symbols and numbers kept as tokens, lower-cased, no stopword removed (the preset tests/quanteda.rs checks against quanteda's published outputs). Default: `quanteda` for collocations, `words` for the others.
    #[arg(long, value_enum)]
    tokenizer: Option<Preset>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Preset {
    Words,
    Quanteda,
}

impl TokenizerArgs {
    /// The preset chosen, or else `default`; `words` keeps stopwords when
    /// `keep_stopwords`, `quanteda` always does.
    fn tokenizer(&self, default: Preset, keep_stopwords: bool) -> Result<Tokenizer, Error> {
        match self.tokenizer.unwrap_or(default) {
            Preset::Words => content_words(keep_stopwords),
            Preset::Quanteda => Ok(Tokenizer::quanteda()),
        }
    }
}

/// Counts a corpus already in memory (a shard's slice) by group on every
/// core, with a progress bar on stderr when it is a terminal.
#[cfg(feature = "parquet")]
fn count(corpus: &Corpus, tokenizer: &Tokenizer, by: &str, threads: Option<usize>) -> Result<newsframe::counts::GroupCounts, Error> {
    let threads = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let bytes: u64 = corpus.docs().iter().map(|d| d.text.len() as u64).sum();
    let bar = progress_bar(bytes, "counting");
    let counts = newsframe::counts::count_by_group_with_progress(corpus, tokenizer, by, threads, |n| {
        if let Some(b) = &bar {
            b.inc(n)
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    counts
}

/// Reads the corpus in batches and counts terms by group on every core,
/// without holding the corpus (see `corpus::stream`); prints the load
/// report to stderr, as `open` does, and shows a progress bar on stderr
/// when it is a terminal.
fn count_streamed(input: &StatArgs, tokenizer: &Tokenizer, threads: Option<usize>) -> Result<(newsframe::counts::GroupCounts, newsframe::corpus::LoadReport), Error> {
    let threads = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let size = std::fs::metadata(&input.corpus).map_or(0, |m| m.len());
    let bar = progress_bar(size, "loading and counting").map(|b| {
        if let Ok(style) = indicatif::ProgressStyle::with_template("{msg}: {binary_bytes} of text, {elapsed}") {
            b.set_style(style);
        }
        b.enable_steady_tick(std::time::Duration::from_millis(250));
        b
    });
    let mut counter = newsframe::counts::StreamCounter::new(tokenizer, &input.by, threads).with_progress(|n| {
        if let Some(b) = &bar {
            b.inc(n)
        }
    });
    let (report, columns) = input.columns.options().stream(&input.corpus, STREAM_BATCH, &mut counter)?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    eprint!("{report}");
    Ok((counter.finish(&columns)?, report))
}

/// Documents per batch when a command reads its corpus in batches.
const STREAM_BATCH: usize = 4096;

/// A progress bar over `total` bytes on stderr, or `None` when stderr is
/// not a terminal or the job is too small to need one.
fn progress_bar(total: u64, what: &str) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() || total < 20_000_000 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total).with_message(what.to_owned());
    if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} {wide_bar} {binary_bytes}/{binary_total_bytes} {elapsed}") {
        bar.set_style(style);
    }
    Some(bar)
}

#[derive(Subcommand)]
enum NotebookAction {
    /// Fail (exit 1) when any cell of an executed notebook panicked, returned an error or wrote unexpected stderr.
    Check { notebooks: Vec<PathBuf> },
    /// Write the HTML index of the rendered chapters (summary and checked findings of each) and, beside it, the glossary page.
    Index {
        #[arg(long)]
        out: PathBuf,
        /// The glossary's markdown source (default: glossary.md beside the notebooks, when there is one).
        #[arg(long)]
        glossary: Option<PathBuf>,
        notebooks: Vec<PathBuf>,
    },
    /// Give every chart embedded in rendered pages the alt text of its SVG (<title>: <desc>), in place.
    AltText { pages: Vec<PathBuf> },
    /// Fail (exit 1) on a broken local link, a missing chart, a chart wider than 1,000 px or a DataFrame shown as text in a rendered site; with chromium on PATH (or $NEWSFRAME_CHROMIUM), also on a page wider than a 1,280 px window.
    SiteCheck {
        /// The folder of rendered pages.
        dir: PathBuf,
        /// Skip the browser check even when chromium is found.
        #[arg(long)]
        no_browser: bool,
    },
    /// Print the notebooks' cell sources (not outputs), for hashing into the render cache key.
    Digest {
        /// Only the code cells: what the execution depends on besides the crate (an edit to the prose alone keeps the key).
        #[arg(long)]
        code: bool,
        notebooks: Vec<PathBuf>,
    },
    /// Put the outputs of an executed copy (FROM) under the cells of NOTEBOOK, whose code must be the same (its prose may differ).
    Restore {
        /// The executed copy (the render cache's).
        #[arg(long)]
        from: PathBuf,
        notebook: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
    /// Parquet (with --out FILE; docs/parquet.md has the schemas).
    Parquet,
}

#[derive(Clone, Copy, ValueEnum)]
enum Which {
    Documents,
    Paragraphs,
    Sentences,
    Chrome,
    Provenance,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of our output went away (`newsframe terms | head`):
        // nothing is wrong, and there is no one left to tell.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsframe: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Whether an error is stdout closed under us.
fn is_broken_pipe(e: &Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        if s.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) {
            return true;
        }
        if let Some(PolarsError::IO { error, .. }) = s.downcast_ref::<PolarsError>() {
            if error.kind() == std::io::ErrorKind::BrokenPipe {
                return true;
            }
        }
        source = s.source();
    }
    false
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Corpus { path, columns, table, format } => {
            let corpus = columns.open(&path)?;
            let mut df = match table {
                Which::Documents => corpus.documents()?,
                Which::Paragraphs => corpus.paragraphs()?,
                Which::Sentences => corpus.sentences()?,
                Which::Chrome => corpus.chrome()?,
                Which::Provenance => corpus.provenance()?,
            };
            print_frame(&mut df, format)
        }
        Command::Terms { input, keep_stopwords, tokens, shard } => {
            if let Some(spec) = &shard.shard {
                return write_shard(&input, &tokens.tokenizer(Preset::Words, keep_stopwords)?, spec, None, &Job::Terms);
            }
            let (counts, _) = count_streamed(&input, &tokens.tokenizer(Preset::Words, keep_stopwords)?, None)?;
            print_frame(&mut counts.frequency_table(statistics::Ties::Min)?, input.format)
        }
        Command::Keyness { input, target, reference, measure, keep_stopwords, tokens, shard } => {
            if let Some(spec) = &shard.shard {
                let job = Job::Keyness { target, reference, measure };
                return write_shard(&input, &tokens.tokenizer(Preset::Words, keep_stopwords)?, spec, None, &job);
            }
            let (counts, _) = count_streamed(&input, &tokens.tokenizer(Preset::Words, keep_stopwords)?, None)?;
            let m = match measure {
                MeasureArg::Chi2 => statistics::Measure::Chi2,
                MeasureArg::G2 => statistics::Measure::G2,
                MeasureArg::Lr => statistics::Measure::LogRatio,
            };
            print_frame(&mut counts.keyness(&target, reference.as_deref(), m)?, input.format)
        }
        Command::Collocations { input, size, min_count, tokens: preset } => {
            // Read in batches and kept as word ids: memory is the ids, not
            // the corpus and its token table.
            let tokenizer = preset.tokenizer(Preset::Quanteda, true)?;
            let mut sink = statistics::StreamCollocations::new(&tokenizer);
            let (report, _) = input.columns.options().stream(&input.corpus, STREAM_BATCH, &mut sink)?;
            eprint!("{report}");
            print_frame(&mut statistics::collocation_rows(&sink.finish(size, min_count))?, input.format)
        }
        Command::Kwic { input, patterns, window, within_sentence, tokens: preset } => {
            let corpus = input.open()?;
            let tokens = Tokens::of(std::sync::Arc::new(corpus), &preset.tokenizer(Preset::Words, true)?);
            let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
            print_frame(&mut statistics::kwic::kwic_table(&tokens, &patterns, window, within_sentence)?, input.format)
        }
        Command::Readability { input } => {
            let corpus = input.open()?;
            print_frame(&mut statistics::readability_table(&corpus)?, input.format)
        }
        Command::Similarity { input, tokens } => {
            let (counts, _) = count_streamed(&input, &tokens.tokenizer(Preset::Words, false)?, None)?;
            print_frame(&mut counts.similarity_table()?, input.format)
        }
        Command::Frames { input, dictionary: d, audit, decide, pattern_evidence, rates, excluded } => {
            let corpus = input.open()?;
            let dict = dictionary(&d)?;
            if decide {
                return print_frame(&mut newsframe::framing::frames::frame_decisions(&corpus, &dict)?, input.format);
            }
            let lookup = dict.lookup(&corpus);
            let mut df = if audit {
                lookup.audit()?
            } else if pattern_evidence {
                newsframe::framing::frames::pattern_evidence(&lookup)?
            } else if rates {
                newsframe::framing::frames::frame_rates(&lookup, &input.by)?
            } else if excluded {
                lookup.excluded()?
            } else {
                lookup.scores(&input.by)?
            };
            print_frame(&mut df, input.format)
        }
        Command::Actors { input, gazetteer, table } => {
            let corpus = input.open()?;
            let actors = newsframe::framing::actors::Actors::new(&corpus, &dictionary(&gazetteer)?);
            let mut df = match table {
                ActorTable::Mentions => actors.mentions(&input.by)?,
                ActorTable::Spellings => actors.spellings(&input.by)?,
                ActorTable::Cooccurrence => actors.cooccurrence(&input.by)?,
            };
            print_frame(&mut df, input.format)
        }
        Command::Quotes { input, gazetteer, shares } => {
            let corpus = input.open()?;
            let g = if gazetteer == "none" {
                newsframe::dictionary::Dictionary::from_pairs("none", Vec::<(String, Vec<String>)>::new())?
            } else {
                dictionary(&gazetteer)?
            };
            let mut df = if shares {
                newsframe::framing::voices::voice_shares(&corpus, &g, &input.by)?
            } else {
                newsframe::framing::voices::voices_table(&corpus, &g)?
            };
            print_frame(&mut df, input.format)
        }
        Command::Stance { input, dictionary: d, audit } => {
            let corpus = input.open()?;
            let mut df = if audit {
                newsframe::framing::stance::stance_audit(&corpus, &dictionary(&d)?)?
            } else {
                newsframe::framing::stance::stance_scores(&corpus, &dictionary(&d)?, &input.by)?
            };
            print_frame(&mut df, input.format)
        }
        Command::Sentiment { input, tone, gazetteer, targets, scorer } => {
            let scorer = newsframe::framing::tone::Scorer::by_name(&scorer)?;
            let targets = targets.map(newsframe::framing::tone::Targets::open).transpose()?;
            let corpus = input.open()?;
            let mut df = if let Some(targets) = targets {
                newsframe::framing::tone::target_tone_with(&corpus, &targets, &scorer)?
            } else if tone {
                newsframe::framing::tone::actor_tone(&corpus, &dictionary(&gazetteer)?, &input.by, &scorer)?
            } else {
                newsframe::framing::sentiment::sentence_sentiment(&corpus)?
            };
            print_frame(&mut df, input.format)
        }
        Command::Claims { input, compare, quantities } => {
            let corpus = input.open()?;
            let mut df = if compare {
                newsframe::framing::claims::compare(&corpus, &dictionary(&quantities)?)?
            } else {
                newsframe::framing::claims::claims_table(&corpus)?
            };
            print_frame(&mut df, input.format)
        }
        Command::Validate { corpus, columns, dictionary: d, coded, unit, by_coder, table, outside_quotes, sample, seed, categories, format } => {
            use newsframe::validation::{self as v, Unit};
            let corpus = columns.open(&corpus)?;
            let dict = dictionary(&d)?;
            let lookup = if outside_quotes { newsframe::framing::stance::stance_lookup(&corpus, &dict) } else { dict.lookup(&corpus) };
            let unit = match unit {
                UnitArg::Document => Unit::Document,
                UnitArg::Sentence => Unit::Sentence,
                UnitArg::Span => Unit::Span,
            };
            if let Some(n) = sample {
                return print_frame(&mut v::sample(&lookup, unit, n, seed, &categories)?, Output { format: Format::Csv, out: format.out });
            }
            let coded = coded.ok_or_else(|| Error::new(newsframe::ErrorKind::Argument { message: "give --coded FILE.csv or --sample N".into() }))?;
            let coding = v::Coding::open(coded, &corpus)?;
            let mut df = match (table, by_coder) {
                (ValidateTable::Confusion, _) => v::confusion(&lookup, &coding, unit)?,
                (ValidateTable::Scores, true) => v::validate_by_coder(&lookup, &coding, unit)?,
                (ValidateTable::Scores, false) => v::validate(&lookup, &coding, unit)?,
            };
            print_frame(&mut df, format)
        }
        Command::Entities { input, table, draft_gazetteer } => {
            let corpus = input.open()?;
            let entities = newsframe::framing::entities::discover(&corpus);
            if let Some(path) = &draft_gazetteer {
                entities.write_gazetteer(path)?;
                eprintln!("wrote a draft gazetteer to {}", path.display());
            }
            let mut df = match table {
                EntityTable::Mentions => entities.table()?,
                EntityTable::Entities => entities.summary()?,
            };
            print_frame(&mut df, input.format)
        }
        Command::Count { input, threads, table, tokens, shard } => {
            if let Some(spec) = &shard.shard {
                return write_shard(&input, &tokens.tokenizer(Preset::Words, true)?, spec, threads, &Job::Count { table });
            }
            let start = std::time::Instant::now();
            let threads = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            let (counts, report) = count_streamed(&input, &tokens.tokenizer(Preset::Words, true)?, Some(threads))?;
            if table {
                return print_frame(&mut counts.table()?, input.format);
            }
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for g in counts.groups() {
                writeln!(out, "{g}\ttokens={}\tterms={}", counts.total(g), counts.n_terms(g)).map_err(stdout_error)?;
            }
            out.flush().map_err(stdout_error)?;
            eprintln!(
                "{} documents; load, tokenize and count {:.2} s in batches of {STREAM_BATCH} documents, counting on {threads} threads",
                report.n_documents,
                start.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Merge { partials, format } => merge(&partials, format),
        Command::NewNotebook { path, corpus } => {
            const TEMPLATE: &str = include_str!("../notebooks/00-your-corpus.ipynb");
            if path.exists() {
                return Err(Error::new(ErrorKind::Argument { message: format!("{} already exists; choose another name or remove it", path.display()) }));
            }
            let corpus = std::fs::canonicalize(&corpus).map_err(|e| Error::io(&corpus, e))?;
            let text = new_notebook(TEMPLATE, std::path::Path::new("notebooks/00-your-corpus.ipynb"), &corpus, std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
            std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
            eprintln!("wrote {} (reads {}); open it in Jupyter with the Rust kernel, run all cells, and replace each example finding with yours", path.display(), corpus.display());
            Ok(())
        }
        Command::Notebooks { action } => match action {
            NotebookAction::Check { notebooks } => {
                for nb in &notebooks {
                    notebook::check(nb)?;
                    eprintln!("ok: {}", nb.display());
                }
                Ok(())
            }
            NotebookAction::Index { out, glossary, notebooks } => {
                let glossary = glossary.or_else(|| {
                    let beside = notebooks.first()?.parent()?.join("glossary.md");
                    beside.is_file().then_some(beside)
                });
                if let Some(source) = &glossary {
                    let page = out.with_file_name(notebook::GLOSSARY_PAGE);
                    std::fs::write(&page, notebook::glossary_html(source)?).map_err(|e| Error::io(&page, e))?;
                }
                let html = notebook::index_page(&notebooks, glossary.is_some())?;
                std::fs::write(&out, html).map_err(|e| Error::io(&out, e))
            }
            NotebookAction::AltText { pages } => {
                for page in &pages {
                    let html = std::fs::read_to_string(page).map_err(|e| Error::io(page, e))?;
                    let (html, n) = notebook::chart_alt_text(&html);
                    std::fs::write(page, html).map_err(|e| Error::io(page, e))?;
                    eprintln!("alt text: {n} chart{} in {}", if n == 1 { "" } else { "s" }, page.display());
                }
                Ok(())
            }
            NotebookAction::SiteCheck { dir, no_browser } => {
                let browser = if no_browser { None } else { notebook::find_chromium() };
                match &browser {
                    Some(b) => eprintln!("site-check: opening each page in {} at {} px", b.display(), notebook::VIEWPORT_WIDTH),
                    None => eprintln!("site-check: no chromium on PATH; checking links, charts and tables without a browser"),
                }
                let problems = notebook::site_problems(&dir, browser.as_deref())?;
                if problems.is_empty() {
                    eprintln!("site-check: ok: {}", dir.display());
                    Ok(())
                } else {
                    Err(Error::new(newsframe::ErrorKind::Argument {
                        message: format!("{} problem{} in the rendered site:\n  {}", problems.len(), if problems.len() == 1 { "" } else { "s" }, problems.join("\n  ")),
                    }))
                }
            }
            NotebookAction::Digest { code, notebooks } => {
                let mut stdout = std::io::stdout().lock();
                for nb in &notebooks {
                    let d = if code { notebook::code_digest(nb)? } else { notebook::source_digest(nb)? };
                    let _ = writeln!(stdout, "{}\n{}", nb.display(), d);
                }
                Ok(())
            }
            NotebookAction::Restore { from, notebook: nb } => {
                let n = notebook::restore_outputs(&from, &nb)?;
                eprintln!("restored the outputs of {n} code cells from {} into {}", from.display(), nb.display());
                Ok(())
            }
        },
    }
}

/// The line of the template notebook (`notebooks/00-your-corpus.ipynb`)
/// that sets the corpus path, which `new_notebook` rewrites.
const CORPUS_PATH_LINE: &str = "let corpus_path = ";

/// A copy of the template notebook pointed at another corpus: the line
/// `let corpus_path = "…";` of its settings cell names `corpus`, the
/// `:dep newsframe = { path = "..", default-features = false }` line names `krate` (the crate's own
/// folder, so that the copy runs from anywhere), and every output and
/// execution count is cleared. The template must set the corpus path in
/// exactly one line. Returns the notebook as nbformat writes it.
fn new_notebook(template: &str, template_name: &std::path::Path, corpus: &std::path::Path, krate: &std::path::Path) -> Result<String, Error> {
    let mut nb: serde_json::Value = serde_json::from_str(template).map_err(|e| Error::new(ErrorKind::Syntax { path: template_name.to_path_buf(), format: "notebook JSON", line: Some(e.line() as u64), message: e.to_string() }))?;
    let corpus = corpus.to_str().ok_or_else(|| field_error(corpus, "corpus", "the path is not valid UTF-8"))?;
    let krate = krate.to_str().ok_or_else(|| field_error(krate, "crate", "the path is not valid UTF-8"))?;
    let list = nb.get_mut("cells").and_then(|c| c.as_array_mut()).ok_or_else(|| field_error(template_name, "cells", "not a notebook: no `cells` list"))?;
    let mut set = 0;
    for cell in list.iter_mut().filter(|c| c.get("cell_type").and_then(|t| t.as_str()) == Some("code")) {
        let source = match cell.get("source") { Some(serde_json::Value::Array(parts)) => parts.iter().filter_map(|p| p.as_str()).collect::<String>(), Some(serde_json::Value::String(s)) => s.clone(), _ => String::new() };
        let lines: Vec<String> = source
            .split_inclusive('\n')
            .map(|line| {
                let (body, end) = line.strip_suffix('\n').map_or((line, ""), |b| (b, "\n"));
                if body.trim_start().starts_with(CORPUS_PATH_LINE) {
                    set += 1;
                    format!("{CORPUS_PATH_LINE}{corpus:?};{end}")
                } else if body.trim() == ":dep newsframe = { path = \"..\", default-features = false }" {
                    format!(":dep newsframe = {{ path = {}, default-features = false }}{end}", toml::Value::String(krate.to_owned()))
                } else {
                    line.to_owned()
                }
            })
            .collect();
        cell["source"] = serde_json::Value::Array(lines.into_iter().map(serde_json::Value::String).collect());
        cell["outputs"] = serde_json::Value::Array(vec![]);
        cell["execution_count"] = serde_json::Value::Null;
    }
    if set != 1 {
        return Err(field_error(template_name, "settings", format!("the template must set the corpus path in exactly one line starting `{CORPUS_PATH_LINE}`; found {set}")));
    }
    let mut text = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut text, serde_json::ser::PrettyFormatter::with_indent(b" "));
    serde::Serialize::serialize(&nb, &mut ser).map_err(|e| field_error(template_name, "notebook", e.to_string()))?;
    text.push(b'\n');
    String::from_utf8(text).map_err(|e| field_error(template_name, "notebook", e.to_string()))
}

/// An error in a field of `path`.
fn field_error(path: &std::path::Path, field: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Field { path: path.to_path_buf(), line: None, field: field.to_owned(), message: message.into() })
}

/// An error writing to stdout.
fn stdout_error(e: std::io::Error) -> Error {
    Error::io(std::path::Path::new("<stdout>"), e)
}

/// Prints a table to stdout, or writes it to `--out`, in the chosen format.
/// A table holding a non-finite number (an infinite log ratio, a NaN) is an
/// error naming the column and row: such a value would print as `inf` in a
/// table, `-inf` in CSV and `null` in JSON, three different wrong answers.
fn print_frame(df: &mut DataFrame, output: impl Into<Output>) -> Result<(), Error> {
    let Output { format, out } = output.into();
    check_finite(df)?;
    if let Format::Parquet = format {
        let Some(path) = out else {
            return Err(Error::new(ErrorKind::Argument {
                message: "--format parquet writes a binary file, which a terminal cannot show: pass --out FILE".into(),
            }));
        };
        return write_parquet(df, &path);
    }
    let (sink, path): (Box<dyn Write>, PathBuf) = match out {
        Some(p) => (Box::new(std::fs::File::create(&p).map_err(|e| Error::io(&p, e))?), p),
        None => (Box::new(std::io::stdout().lock()), PathBuf::from("<stdout>")),
    };
    let mut sink = std::io::BufWriter::new(sink);
    match format {
        Format::Table => writeln!(sink, "{df}").map_err(|e| Error::io(&path, e))?,
        Format::Csv => CsvWriter::new(&mut sink).finish(df)?,
        Format::Json => JsonWriter::new(&mut sink).with_json_format(JsonFormat::Json).finish(df)?,
        Format::Parquet => unreachable!("written above"),
    }
    sink.flush().map_err(|e| Error::io(&path, e))
}

/// Writes a table as Parquet (`--format parquet --out FILE`).
#[cfg(feature = "parquet")]
fn write_parquet(df: &mut DataFrame, path: &std::path::Path) -> Result<(), Error> {
    let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    ParquetWriter::new(file).finish(df).map_err(|e| match e {
        PolarsError::IO { error, .. } => Error::io(path, std::io::Error::new(error.kind(), error.to_string())),
        e => Error::new(ErrorKind::Argument { message: format!("{}: could not write Parquet: {e}", path.display()) }),
    })?;
    Ok(())
}

#[cfg(not(feature = "parquet"))]
fn write_parquet(_: &mut DataFrame, _: &std::path::Path) -> Result<(), Error> {
    Err(no_parquet())
}

/// The first non-finite float in a table, as an error.
fn check_finite(df: &DataFrame) -> Result<(), Error> {
    for col in df.columns() {
        let values = match col.dtype() {
            DataType::Float64 => col.f64()?.clone(),
            DataType::Float32 => col.cast(&DataType::Float64)?.f64()?.clone(),
            _ => continue,
        };
        let bad = values.iter().position(|v| v.is_some_and(|x| !x.is_finite()));
        if let Some(row) = bad {
            let value = values.get(row).unwrap_or(f64::NAN);
            let first = df.columns().first().and_then(|c| c.get(row).ok()).map(|v| format!(" ({}: {})", df.columns()[0].name(), v)).unwrap_or_default();
            return Err(Error::new(ErrorKind::Argument {
                message: format!(
                    "column `{}`, row {}{first}: the value is {value}, which no table should show; \
                     this usually means a comparison against an empty group (for keyness, pass --reference with a group that has words)",
                    col.name(),
                    row + 1
                ),
            }));
        }
    }
    Ok(())
}
