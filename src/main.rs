//! The `rookc` command line: parses arguments, calls the library, prints
//! diagnostics and sets the exit code (0 ok, 1 program errors, 2 usage or
//! I/O errors).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use rookc::diag::render;

/// mimalloc instead of glibc's malloc: a build makes millions of small
/// allocations, and with mimalloc it takes about two thirds of the time
/// (README.md, Performance). Version 2, without transparent huge pages,
/// keeps peak memory as low as glibc's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use rookc::source::SourceMap;

/// Compile rook storage declarations to Rook-Ceph manifests.
///
/// A program is every `.rook` file named, or found under a named directory
/// (recursively). Declarations are global across files and order does not
/// matter. See the README for the language.
#[derive(Parser)]
#[command(
    name = "rookc",
    version,
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
    /// DIR as it was; rookc refuses to replace a directory it did not write. Output is byte-identical whatever the order of files and
    /// declarations.
    ///
    /// Examples:
    ///   rookc build storage/ -o deploy/storage
    ///   rookc build storage/ --stdout | kubectl apply -f -
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
    },
    /// Check a program without writing anything
    ///
    /// Reports every error and warning; exits 1 when there is an error.
    ///
    /// Example:
    ///   rookc check storage/
    #[command(verbatim_doc_comment)]
    Check {
        #[command(flatten)]
        input: Input,
    },
}

#[derive(Args)]
struct Input {
    /// `.rook` files, or directories to search for them [default: .]
    #[arg(value_name = "PATHS")]
    paths: Vec<PathBuf>,
    /// When to colour diagnostics (auto: when standard error is a terminal
    /// and NO_COLOR is unset)
    #[arg(long, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    color: Color,
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

const EXIT_ERRORS: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { input, output, .. } => run(&input, Some(output)),
        Command::Check { input } => run(&input, None),
    }
}

/// Runs a check (`target` is `None`) or a build to `Some(dir)` or
/// `Some(None)` for standard output.
fn run(input: &Input, target: Option<Option<PathBuf>>) -> ExitCode {
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
    report(&sources, &compilation.diagnostics, input.color.enabled());
    let code = deliver(&compilation, target);
    // The process ends here. Freeing a large program's millions of small
    // allocations one by one takes longer than writing it out (half a
    // second at 100,000 buckets), so leave that to the operating system.
    std::mem::forget(compilation);
    std::mem::forget(sources);
    code
}

/// Writes the manifests where `target` says, or reports why not.
fn deliver(compilation: &rookc::Compilation, target: Option<Option<PathBuf>>) -> ExitCode {
    let has_errors = compilation.has_errors();
    let Some(manifests) = compilation.manifests.as_ref().filter(|_| !has_errors) else {
        eprintln!(
            "error: {}; nothing was written",
            render::summary(&compilation.diagnostics)
        );
        return ExitCode::from(EXIT_ERRORS);
    };
    match target {
        None => {}
        Some(None) => {
            let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            if let Err(error) =
                rookc::emit::write_stream(manifests, &mut stdout).and_then(|()| stdout.flush())
            {
                return fail(&format!(
                    "cannot write to standard output: {}",
                    rookc::load::io_reason(&error)
                ));
            }
        }
        Some(Some(dir)) => {
            if let Err(error) = rookc::output::write_dir(&dir, manifests) {
                return fail(&error);
            }
            let plural = if manifests.len() == 1 { "" } else { "s" };
            eprintln!(
                "wrote {} manifest{plural} and kustomization.yaml to {}",
                manifests.len(),
                dir.display()
            );
        }
    }
    ExitCode::SUCCESS
}

fn report(sources: &SourceMap, diagnostics: &[rookc::diag::Diagnostic], color: bool) {
    if diagnostics.is_empty() {
        return;
    }
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(render::render(sources, diagnostics, color).as_bytes());
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(EXIT_USAGE)
}
