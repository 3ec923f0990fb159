//! The `newsframe` command line.
//!
//! ```text
//! newsframe corpus seeds                       # the documents table
//! newsframe corpus articles.csv.gz --text-column content_original --id-column ID --format csv
//! newsframe notebooks check notebooks/*.ipynb  # the render guard
//! ```

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use newsframe::polars::prelude::*;
use newsframe::{notebook, Corpus, Error, TableSpec};

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
            let mut spec = TableSpec::new(columns.text_column, columns.id_column);
            if let Some(t) = columns.title_column {
                spec = spec.with_title(t);
            }
            let corpus = Corpus::open_with(&path, &spec)?;
            eprint!("{}", corpus.report());
            let mut df = match table {
                Which::Documents => corpus.documents()?,
                Which::Paragraphs => corpus.paragraphs()?,
                Which::Sentences => corpus.sentences()?,
                Which::Chrome => corpus.chrome()?,
                Which::Provenance => corpus.provenance()?,
            };
            print_frame(&mut df, format)
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
