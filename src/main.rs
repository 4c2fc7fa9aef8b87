//! The `rookc` command line: parses arguments, calls the library, prints
//! diagnostics and sets the exit code (0 ok, 1 program errors, 2 usage or
//! I/O errors).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use rookc::diag::escape::escape_lines;

mod cli;

/// mimalloc instead of glibc's malloc: a build makes millions of small
/// allocations, and with mimalloc it takes about two thirds of the time
/// (docs/performance.md). Version 2, without transparent huge pages,
/// keeps peak memory as low as glibc's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `rookc --version`: rookc's own version and the Rook release it targets
/// (kept equal to [`rookc::ROOK_VERSION`] by tests/cli.rs).
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (for Rook v1.20)");

/// Compile rook storage declarations to Rook-Ceph manifests.
///
/// A program is every `.rook` file named, or found under a named directory
/// (recursively). Declarations are global across files and order does not
/// matter. The language: docs/language.md.
#[derive(Parser)]
#[command(
    name = "rookc",
    version = VERSION,
    propagate_version = true,
    max_term_width = 100
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a program and write its manifests
    ///
    /// Writes a multi-document YAML stream to standard output, or with
    /// `-o DIR` one file per object (`<namespace>/<kind>-<name>.yaml`) plus a
    /// `kustomization.yaml`. The new tree is written beside DIR and renamed
    /// into place only after the build succeeded, so a failed build leaves
    /// DIR as it was; rookc refuses to replace a directory it did not write.
    /// Output is byte-identical whatever the order of files and declarations.
    ///
    /// With `--check -o DIR`, nothing is written: rookc lists the files of
    /// DIR that differ from what the program compiles to, and exits 1 when
    /// there are any (for CI: "did you forget to run rookc build?").
    ///
    /// Examples:
    ///   rookc build storage/ -o deploy/storage
    ///   rookc build storage/ --stdout | kubectl apply -f -
    ///   rookc build storage/ -o deploy/storage --check
    #[command(verbatim_doc_comment)]
    Build {
        #[command(flatten)]
        input: Input,
        /// Write the manifests into DIR (replaced as a whole)
        #[arg(
            short = 'o',
            long = "output",
            value_name = "DIR",
            conflicts_with = "stdout"
        )]
        output: Option<PathBuf>,
        /// Write the manifests to standard output (the default)
        #[arg(long)]
        stdout: bool,
        /// Write nothing; exit 1 and list the files when DIR is out of date
        #[arg(long, requires = "output")]
        check: bool,
        /// Empty DIR when the program compiles to no manifests (refused
        /// otherwise while DIR holds manifests)
        #[arg(long, requires = "output")]
        allow_empty: bool,
    },
    /// Check a program without writing anything
    ///
    /// Reports every error and warning; exits 1 when there is an error (or a
    /// warning, with --deny-warnings). With --format json, github or sarif
    /// the report goes to standard output, for CI systems to read.
    ///
    /// Examples:
    ///   rookc check storage/
    ///   rookc check storage/ --format github --deny-warnings
    ///   rookc check storage/ --format sarif > rookc.sarif
    #[command(verbatim_doc_comment)]
    Check {
        #[command(flatten)]
        input: Input,
    },
    /// Format .rook files in the canonical layout
    ///
    /// Rewrites each file whose layout differs (two-space indentation,
    /// aligned `=`, one blank line between declarations), keeping comments
    /// where they are and never changing what the program compiles to.
    /// Files with syntax errors are reported and left alone.
    ///
    /// Examples:
    ///   rookc fmt storage/
    ///   rookc fmt --check storage/
    #[command(verbatim_doc_comment)]
    Fmt {
        /// `.rook` files, or directories to search for them [default: .]
        #[arg(value_name = "PATHS")]
        paths: Vec<PathBuf>,
        /// Write nothing; list the files that are not formatted and exit 1
        /// when there are any
        #[arg(long)]
        check: bool,
        /// When to colour diagnostics
        #[arg(long, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
        color: Color,
    },
    /// Turn existing manifests into rook source
    ///
    /// Reads ObjectBucketClaims, CephObjectStoreUsers, CephFS
    /// PersistentVolumeClaims, CephFilesystemSubVolumeGroups and CephClients from YAML
    /// files (directories are searched for *.yaml and *.yml), with the
    /// StorageClasses that say which object store or filesystem a class
    /// serves, and writes formatted .rook source. Bucket policies and
    /// lifecycles become `policy` and `lifecycle` blocks where they fit;
    /// what does not fit is kept in comments and reported.
    ///
    /// The source is then compiled and every imported object compared with
    /// what `rookc build` writes for it; the report on standard error says
    /// per object whether it round-trips. Exit 0 when everything does and
    /// nothing was lost (context that had to be assumed, such as which
    /// store a StorageClass not among the inputs serves, is reported but
    /// does not fail), 1 when something was lost or changed (the source is
    /// still written), 2 for usage, I/O and YAML errors.
    ///
    /// Examples:
    ///   rookc import deploy/storage/ -o storage/imported.rook
    ///   rookc import obc.yaml users.yaml
    #[command(verbatim_doc_comment)]
    Import {
        /// YAML files, or directories to search for *.yaml and *.yml files
        #[arg(value_name = "FILES_OR_DIRS", required = true)]
        paths: Vec<PathBuf>,
        /// Write the source to FILE instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// When to colour the diagnostics of the imported source
        #[arg(long, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
        color: Color,
    },
    /// Show what a change grants, revokes and destroys
    ///
    /// Compares two sides, each `.rook` sources, the sources at a git
    /// revision (`--from REV`), or manifests (rookc's output, or a live
    /// cluster's `kubectl get ... -o yaml` export). Lists the objects
    /// added, removed and changed field by field, and above them what that
    /// means: data deleted, keys revoked, grants added or removed, changes
    /// the controller refuses or ignores. With a live export as NEW, it
    /// reports drift. Exit 1 when a `--deny` kind is present, 2 on usage
    /// and I/O errors or a side that does not compile.
    ///
    /// Examples:
    ///   rookc diff --from origin/main storage/
    ///   rookc diff --from main storage/ --format github --deny destructive
    ///   rookc diff storage/ live.yaml
    ///   kubectl get obc,cephobjectstoreuser -A -o yaml | rookc diff - storage/
    #[command(verbatim_doc_comment)]
    Diff(cli::diff::DiffArgs),
    /// Show who may list, read, write and delete what in each bucket
    ///
    /// For every bucket: its owner, each user and ARN its policy names,
    /// `anyone` and any other user, and for each access group whether it
    /// is allowed, denied or allowed only under some prefixes, with the
    /// statements that decide it. With --user, one user across all buckets
    /// and the Secrets that hold its keys.
    ///
    /// Examples:
    ///   rookc access storage/
    ///   rookc access storage/ --user grafana --format json
    #[command(verbatim_doc_comment)]
    Access(cli::access::AccessArgs),
    /// Run the language server (LSP over standard input and output)
    ///
    /// Editors start it: it checks the whole workspace of .rook files as
    /// you type, and offers hover, go to definition, references, rename,
    /// completion, formatting and an outline. See editors/README.md.
    Lsp,
    /// Print a shell completion script
    ///
    /// Examples:
    ///   rookc completions bash > ~/.local/share/bash-completion/completions/rookc
    ///   rookc completions zsh > ~/.zfunc/_rookc
    ///   rookc completions fish > ~/.config/fish/completions/rookc.fish
    #[command(verbatim_doc_comment)]
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command
    ///
    /// Examples:
    ///   rookc man | man -l -
    ///   rookc man -o ~/.local/share/man/man1
    #[command(verbatim_doc_comment)]
    Man {
        /// Write rookc.1 and a rookc-COMMAND.1 page per command into DIR
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: Option<PathBuf>,
    },
    /// Explain a diagnostic code (with an example and its fix), or a declaration kind
    ///
    /// Examples:
    ///   rookc explain E0201
    ///   rookc explain bucket
    #[command(verbatim_doc_comment)]
    Explain {
        /// A code such as E0201 or W0502, its name such as unknown-name, or a kind such as bucket
        #[arg(value_name = "CODE")]
        code: String,
    },
}

#[derive(Args)]
struct Input {
    /// `.rook` files, or directories to search for them [default: .]
    #[arg(value_name = "PATHS")]
    paths: Vec<PathBuf>,
    /// How to report diagnostics: for people, JSON Lines, GitHub Actions
    /// annotations, or a SARIF 2.1.0 log
    #[arg(long, value_enum, default_value_t = Format::Human, value_name = "FORMAT")]
    format: Format,
    /// Treat warnings as errors: exit 1 and write nothing when there is one
    #[arg(long)]
    deny_warnings: bool,
    /// When to colour human diagnostics (auto: when standard error is a
    /// terminal and NO_COLOR is unset)
    #[arg(long, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    color: Color,
    /// Report at most N diagnostics per file, 0 for all [default: 100 for
    /// human output, all for json, github and sarif]
    #[arg(long, value_name = "N")]
    max_diagnostics: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

impl Color {
    fn enabled(self) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::io::stderr().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

const EXIT_FAILED: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            input,
            output,
            check,
            allow_empty,
            ..
        } => {
            let target = match (output, check) {
                (Some(dir), true) => cli::compile::Target::CheckDir(dir),
                (Some(dir), false) => cli::compile::Target::Dir { dir, allow_empty },
                (None, _) => cli::compile::Target::Stdout,
            };
            cli::compile::run(&input, Some(target))
        }
        Command::Check { input } => cli::compile::run(&input, None),
        Command::Explain { code } => cli::explain::explain(&code),
        Command::Access(args) => cli::access::run(&args),
        Command::Import {
            paths,
            output,
            color,
        } => cli::import::import(&paths, output.as_deref(), color),
        Command::Completions { shell } => print_generated(|out| {
            clap_complete::generate(shell, &mut Cli::command(), "rookc", out);
            Ok(())
        }),
        Command::Man { output: None } => {
            print_generated(|out| clap_mangen::Man::new(Cli::command()).render(out))
        }
        Command::Man { output: Some(dir) } => {
            match std::fs::create_dir_all(&dir)
                .and_then(|()| clap_mangen::generate_to(Cli::command(), &dir))
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!(
                        "error: cannot write manual pages to `{}`: {error}",
                        dir.display()
                    );
                    ExitCode::from(EXIT_USAGE)
                }
            }
        }
        Command::Diff(args) => cli::diff::run(&args),
        Command::Lsp => ExitCode::from(u8::try_from(rookc::lsp::run()).unwrap_or(1)),
        Command::Fmt {
            paths,
            check,
            color,
        } => cli::fmt::format(&paths, check, color),
    }
}

/// Writes what `generate` produces (a completion script, the manual page)
/// to standard output.
fn print_generated(generate: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match generate(&mut out).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot write to standard output: {error}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn fail(message: &str) -> ExitCode {
    // Messages name paths and quote user input.
    eprintln!("error: {}", escape_lines(message));
    ExitCode::from(EXIT_USAGE)
}
