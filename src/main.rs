//! The `newsframe` command line.
//!
//! ```text
//! newsframe corpus seeds                       # the documents table
//! newsframe corpus articles.csv.gz --text-column content_original --id-column ID --format csv
//! newsframe keyness --corpus seeds --by doc_id --target rt --measure g2
//! newsframe kwic --corpus seeds --pattern "tok*ev" --window 5
//! newsframe frames --corpus seeds --by outlet --dictionary generic_frames
//! newsframe actors --corpus seeds --by outlet --table spellings
//! newsframe quotes --corpus seeds --by outlet --shares
//! newsframe claims --corpus seeds --compare
//! newsframe notebooks check notebooks/*.ipynb  # the render guard
//! ```

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use newsframe::polars::prelude::*;
use newsframe::tokens::{Tokenizer, Tokens};
use newsframe::{notebook, statistics, Corpus, Error, TableSpec};

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
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
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
    },
    /// Collocations (lambda and z, as quanteda's textstat_collocations).
    Collocations {
        #[command(flatten)]
        input: StatArgs,
        #[arg(long, default_value_t = 2)]
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
        #[arg(long)]
        audit: bool,
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
    },
    /// VADER sentiment per sentence, or (--tone) the mean compound score of the sentences naming each actor, per group.
    Sentiment {
        #[command(flatten)]
        input: StatArgs,
        #[arg(long)]
        tone: bool,
        #[arg(long, default_value = "actors")]
        gazetteer: String,
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
    /// Load, tokenize and count terms by group; prints a summary (the benchmark job).
    Count {
        #[command(flatten)]
        input: StatArgs,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Print the full counts table instead of the summary.
        #[arg(long)]
        table: bool,
        #[command(flatten)]
        tokens: TokenizerArgs,
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
    /// CSV/JSONL: the column holding the title, if any.
    #[arg(long)]
    title_column: Option<String>,
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
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

impl ColumnArgs {
    /// Opens the corpus at `path` with this column mapping and prints the
    /// load report to stderr.
    fn open(&self, path: &std::path::Path) -> Result<Corpus, Error> {
        let mut spec = TableSpec::new(&self.text_column, &self.id_column);
        if let Some(t) = &self.title_column {
            spec = spec.with_title(t);
        }
        let corpus = Corpus::open_with(path, &spec)?;
        eprint!("{}", corpus.report());
        Ok(corpus)
    }
}

impl StatArgs {
    fn open(&self) -> Result<Corpus, Error> {
        self.columns.open(&self.corpus)
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
enum MeasureArg {
    Chi2,
    G2,
    Lr,
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

/// Counts terms by group on every core, with a progress bar on stderr
/// when stderr is a terminal (never in the output).
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
    /// Write the HTML index of the rendered chapters.
    Index {
        #[arg(long)]
        out: PathBuf,
        notebooks: Vec<PathBuf>,
    },
    /// Print the notebooks' cell sources (not outputs), for hashing into the render cache key.
    Digest { notebooks: Vec<PathBuf> },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
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
        Err(e) => {
            eprintln!("newsframe: error: {e}");
            ExitCode::FAILURE
        }
    }
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
        Command::Terms { input, keep_stopwords, tokens } => {
            let corpus = input.open()?;
            let counts = count(&corpus, &tokens.tokenizer(Preset::Words, keep_stopwords)?, &input.by, None)?;
            drop(corpus);
            print_frame(&mut counts.frequency_table(statistics::Ties::Min)?, input.format)
        }
        Command::Keyness { input, target, reference, measure, keep_stopwords, tokens } => {
            let corpus = input.open()?;
            let counts = count(&corpus, &tokens.tokenizer(Preset::Words, keep_stopwords)?, &input.by, None)?;
            drop(corpus);
            let m = match measure {
                MeasureArg::Chi2 => statistics::Measure::Chi2,
                MeasureArg::G2 => statistics::Measure::G2,
                MeasureArg::Lr => statistics::Measure::LogRatio,
            };
            print_frame(&mut counts.keyness(&target, reference.as_deref(), m)?, input.format)
        }
        Command::Collocations { input, size, min_count, tokens: preset } => {
            let corpus = input.open()?;
            let tokens = Tokens::of(std::sync::Arc::new(corpus), &preset.tokenizer(Preset::Quanteda, true)?);
            print_frame(&mut statistics::collocations_table(&tokens, size, min_count)?, input.format)
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
            let corpus = input.open()?;
            let counts = count(&corpus, &tokens.tokenizer(Preset::Words, false)?, &input.by, None)?;
            drop(corpus);
            print_frame(&mut counts.similarity_table()?, input.format)
        }
        Command::Frames { input, dictionary: d, audit } => {
            let corpus = input.open()?;
            let lookup = dictionary(&d)?.lookup(&corpus);
            let mut df = if audit { lookup.audit()? } else { lookup.scores(&input.by)? };
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
            let g = dictionary(&gazetteer)?;
            let mut df = if shares {
                newsframe::framing::voices::voice_shares(&corpus, &g, &input.by)?
            } else {
                newsframe::framing::voices::voices_table(&corpus, &g)?
            };
            print_frame(&mut df, input.format)
        }
        Command::Stance { input, dictionary: d } => {
            let corpus = input.open()?;
            print_frame(&mut newsframe::framing::stance::stance_scores(&corpus, &dictionary(&d)?, &input.by)?, input.format)
        }
        Command::Sentiment { input, tone, gazetteer } => {
            let corpus = input.open()?;
            let mut df = if tone {
                newsframe::framing::sentiment::tone(&corpus, &dictionary(&gazetteer)?, &input.by)?
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
        Command::Count { input, threads, table, tokens } => {
            let start = std::time::Instant::now();
            let corpus = input.open()?;
            let loaded = start.elapsed();
            let threads = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            let counts = count(&corpus, &tokens.tokenizer(Preset::Words, true)?, &input.by, Some(threads))?;
            if table {
                return print_frame(&mut counts.table()?, input.format);
            }
            let bytes: usize = corpus.docs().iter().map(|d| d.text.len()).sum();
            for g in counts.groups() {
                println!("{g}\ttokens={}\tterms={}", counts.total(g), counts.n_terms(g));
            }
            eprintln!(
                "{} documents, {} MB of text; load {:.2} s, tokenize+count {:.2} s on {threads} threads",
                corpus.len(),
                bytes / 1_000_000,
                loaded.as_secs_f64(),
                (start.elapsed() - loaded).as_secs_f64()
            );
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
            NotebookAction::Index { out, notebooks } => {
                let html = notebook::index_html(&notebooks)?;
                std::fs::write(&out, html).map_err(|e| Error::io(&out, e))
            }
            NotebookAction::Digest { notebooks } => {
                let mut stdout = std::io::stdout().lock();
                for nb in &notebooks {
                    let d = notebook::source_digest(nb)?;
                    let _ = writeln!(stdout, "{}\n{}", nb.display(), d);
                }
                Ok(())
            }
        },
    }
}

/// Prints a table to stdout in the chosen format.
fn print_frame(df: &mut DataFrame, format: Format) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match format {
        Format::Table => {
            let _ = writeln!(stdout, "{df}");
        }
        Format::Csv => CsvWriter::new(&mut stdout).finish(df)?,
        Format::Json => JsonWriter::new(&mut stdout).with_json_format(JsonFormat::Json).finish(df)?,
    }
    Ok(())
}
