//! The `rookc` command line: parses arguments, calls the library, prints
//! diagnostics and sets the exit code (0 ok, 1 program errors, 2 usage or
//! I/O errors).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use rookc::diag::escape::{escape, escape_lines};
use rookc::diag::limit::{self, DEFAULT_HUMAN_LIMIT};
use rookc::diag::{self, render, Diagnostic, Severity};
use rookc::emit::Manifest;
use rookc::source::SourceMap;

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
    /// PersistentVolumeClaims and CephFilesystemSubVolumeGroups from YAML
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
    /// Explain a diagnostic code, with an example and its fix
    ///
    /// Example:
    ///   rookc explain E0201
    #[command(verbatim_doc_comment)]
    Explain {
        /// A code such as E0201 or W0502, or its name such as unknown-name
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

/// Where a build's manifests go.
enum Target {
    Stdout,
    Dir { dir: PathBuf, allow_empty: bool },
    CheckDir(PathBuf),
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
                (Some(dir), true) => Target::CheckDir(dir),
                (Some(dir), false) => Target::Dir { dir, allow_empty },
                (None, _) => Target::Stdout,
            };
            run(&input, Some(target))
        }
        Command::Check { input } => run(&input, None),
        Command::Explain { code } => explain(&code),
        Command::Access(args) => cli::access::run(&args),
        Command::Import {
            paths,
            output,
            color,
        } => import(&paths, output.as_deref(), color),
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
        } => format(&paths, check, color),
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

/// Runs a check (`target` is `None`) or a build.
fn run(input: &Input, target: Option<Target>) -> ExitCode {
    let paths = if input.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        input.paths.clone()
    };
    let sources =
        match rookc::load::find_files(&paths).and_then(|files| rookc::load::read_files(&files)) {
            Ok(sources) => sources,
            Err(error) => return fail(&error.to_string()),
        };
    let compilation = match rookc::compile(&sources) {
        Ok(compilation) => compilation,
        Err(error) => return fail(&format!("internal error: {error}")),
    };
    // Machine-readable reports go to standard output, unless the manifests do.
    let report_to_stdout = input.format != Format::Human && !matches!(target, Some(Target::Stdout));
    report(&sources, &compilation.diagnostics, input, report_to_stdout);
    let code = deliver(input, &sources, &compilation, target);
    // The process ends here. Freeing a large program's millions of small
    // allocations one by one takes longer than writing it out (half a
    // second at 100,000 buckets), so leave that to the operating system.
    std::mem::forget(compilation);
    std::mem::forget(sources);
    code
}

/// Writes the manifests where `target` says, or reports why not.
fn deliver(
    input: &Input,
    sources: &SourceMap,
    compilation: &rookc::Compilation,
    target: Option<Target>,
) -> ExitCode {
    let count = |severity| {
        compilation
            .diagnostics
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    };
    let denied = input.deny_warnings && count(Severity::Warning) > 0;
    let manifests = match &compilation.manifests {
        Some(manifests) if count(Severity::Error) == 0 && !denied => manifests,
        _ => {
            if input.format == Format::Human {
                let why = if denied { " (warnings are denied)" } else { "" };
                let outcome = if target.is_some() {
                    "; nothing was written"
                } else {
                    ""
                };
                eprintln!(
                    "error: {}{why}{outcome}",
                    render::summary(&compilation.diagnostics)
                );
                if let Some(hint) = render::explain_hint(&compilation.diagnostics) {
                    eprintln!("{hint}");
                }
            }
            return ExitCode::from(EXIT_FAILED);
        }
    };
    match target {
        None => ExitCode::SUCCESS,
        Some(Target::Stdout) => {
            let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            match rookc::emit::write_stream(manifests, &mut stdout).and_then(|()| stdout.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => fail(&format!(
                    "cannot write to standard output: {}",
                    rookc::load::io_reason(&error)
                )),
            }
        }
        Some(Target::Dir { dir, allow_empty }) => {
            let inputs: Vec<PathBuf> = sources.ids().map(|id| sources.path(id).into()).collect();
            let safeguards = rookc::output::Safeguards {
                allow_empty,
                inputs: &inputs,
            };
            match rookc::output::write_dir(&dir, manifests, &safeguards) {
                Ok(()) => {
                    let plural = if manifests.len() == 1 { "" } else { "s" };
                    eprintln!(
                        "wrote {} manifest{plural} and kustomization.yaml to {}",
                        manifests.len(),
                        escape(&dir.display().to_string())
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => fail(&error),
            }
        }
        Some(Target::CheckDir(dir)) => check_dir(&dir, manifests),
    }
}

/// `build --check`: compares DIR with the compiled output, writing nothing.
fn check_dir(dir: &Path, manifests: &[Manifest]) -> ExitCode {
    let differences = match rookc::output::compare_dir(dir, manifests) {
        Ok(differences) => differences,
        Err(error) => return fail(&error),
    };
    if differences.is_empty() {
        eprintln!("{} is up to date", escape(&dir.display().to_string()));
        return ExitCode::SUCCESS;
    }
    for difference in &differences {
        println!("{}", escape(&difference.describe(dir)));
    }
    let plural = if differences.len() == 1 { "" } else { "s" };
    let dir = escape(&dir.display().to_string()).into_owned();
    eprintln!(
        "error: {dir} is out of date: {} file{plural} differ from what the program compiles to; run `rookc build` with `-o {dir}`",
        differences.len(),
    );
    ExitCode::from(EXIT_FAILED)
}

/// Writes the diagnostics in the chosen format: human ones to standard
/// error as they are rendered, machine ones to `to_stdout`'s choice.
fn report(sources: &SourceMap, diagnostics: &[Diagnostic], input: &Input, to_stdout: bool) {
    // `--max-diagnostics 0` means no limit.
    let limit = input.max_diagnostics.filter(|&n| n > 0);
    // A closed pipe must not turn into a panic; the exit code still tells.
    if input.format == Format::Human {
        let limit = input
            .max_diagnostics
            .map_or(Some(DEFAULT_HUMAN_LIMIT), |_| limit);
        let _ = write_human(sources, diagnostics, input.color.enabled(), limit);
        return;
    }
    let (shown, suppressed) = limit::limited(sources, diagnostics, limit);
    let text = match input.format {
        Format::Human | Format::Json => diag::json::render(sources, &shown),
        Format::Github => diag::github::render(sources, &shown),
        Format::Sarif => diag::sarif::render(sources, &shown),
    };
    let written = if to_stdout {
        std::io::stdout().lock().write_all(text.as_bytes())
    } else {
        std::io::stderr().lock().write_all(text.as_bytes())
    };
    let _ = written;
    for note in suppressed {
        eprintln!("{note}");
    }
}

/// Human diagnostics to standard error, streamed.
fn write_human(
    sources: &SourceMap,
    diagnostics: &[Diagnostic],
    color: bool,
    limit: Option<usize>,
) -> std::io::Result<()> {
    let mut stderr = std::io::BufWriter::new(std::io::stderr().lock());
    limit::write_human(sources, diagnostics, color, limit, &mut stderr)?;
    stderr.flush()
}

/// `rookc fmt`: formats files in place, or lists unformatted ones.
fn format(paths: &[PathBuf], check: bool, color: Color) -> ExitCode {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let sources =
        match rookc::load::find_files(&paths).and_then(|files| rookc::load::read_files(&files)) {
            Ok(sources) => sources,
            Err(error) => return fail(&error.to_string()),
        };
    let mut diags = rookc::diag::Diagnostics::new();
    let mut unformatted = 0;
    let mut failed = false;
    for id in sources.ids() {
        let path = sources.path(id);
        let formatted = match rookc::format_source(&sources, id, &mut diags) {
            Ok(Some(formatted)) => formatted,
            Ok(None) => {
                failed = true;
                continue;
            }
            Err(error) => {
                let path = escape(&path.display().to_string()).into_owned();
                eprintln!("error: cannot format {path}: {}", escape(&error.0));
                failed = true;
                continue;
            }
        };
        if formatted == sources.get(id).text {
            continue;
        }
        unformatted += 1;
        if check {
            println!("{}", escape(&path.display().to_string()));
        } else if let Err(error) = rookc::output::replace_file(path, &formatted) {
            return fail(&error);
        }
    }
    let diagnostics = diags.into_sorted();
    let _ = write_human(
        &sources,
        &diagnostics,
        color.enabled(),
        Some(DEFAULT_HUMAN_LIMIT),
    );
    if failed {
        eprintln!("error: some files could not be formatted; they were left as they were");
        return ExitCode::from(EXIT_FAILED);
    }
    if check && unformatted > 0 {
        let plural = if unformatted == 1 { " is" } else { "s are" };
        eprintln!("error: {unformatted} file{plural} not formatted; run `rookc fmt`");
        return ExitCode::from(EXIT_FAILED);
    }
    ExitCode::SUCCESS
}

/// `rookc import`: writes the source, reports per object, and exits 1
/// unless everything round-trips without losses.
fn import(paths: &[PathBuf], output: Option<&Path>, color: Color) -> ExitCode {
    let source_path = output.unwrap_or(Path::new("imported.rook"));
    let imported = match rookc::import::import(paths, source_path) {
        Ok(imported) => imported,
        Err(error) => return fail(&error.to_string()),
    };
    let written = match output {
        Some(path) => rookc::output::replace_file(path, &imported.source),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(imported.source.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| {
                    format!(
                        "cannot write to standard output: {}",
                        rookc::load::io_reason(&e)
                    )
                })
        }
    };
    if let Err(error) = written {
        return fail(&error);
    }
    eprint!("{}", escape_lines(&imported.report_lines()));
    let _ = write_human(
        &imported.sources,
        &imported.diagnostics,
        color.enabled(),
        Some(DEFAULT_HUMAN_LIMIT),
    );
    eprintln!("{}", escape_lines(&imported.summary()));
    if let Some(path) = output {
        eprintln!("wrote {}", escape(&path.display().to_string()));
    }
    if imported.is_complete() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FAILED)
    }
}

fn explain(code: &str) -> ExitCode {
    match rookc::diag::Code::parse(code).or_else(|| rookc::diag::Code::named(code)) {
        Some(code) => {
            print!("{}", rookc::diag::explain::page(code));
            ExitCode::SUCCESS
        }
        None => fail(&format!("`{code}` is not a rookc diagnostic code; codes look like E0201 or W0502 (`docs/diagnostics.md` lists them all)")),
    }
}

fn fail(message: &str) -> ExitCode {
    // Messages name paths and quote user input.
    eprintln!("error: {}", escape_lines(message));
    ExitCode::from(EXIT_USAGE)
}
