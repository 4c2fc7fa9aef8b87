//! `rookc build` and `rookc check`: load the program, check it (a build
//! also emits it: `rookc::compile`; a check does not: `rookc::diagnose`), report
//! its diagnostics in the chosen format, and deliver the manifests (standard
//! output, a directory, or `--check` against one).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rookc::diag::escape::escape;
use rookc::diag::limit::{self, DEFAULT_HUMAN_LIMIT};
use rookc::diag::{self, render, Diagnostic, Severity};
use rookc::emit::Manifest;
use rookc::source::SourceMap;

use crate::{fail, Format, Input, EXIT_FAILED};

/// Where a build's manifests go.
pub(crate) enum Target {
    Stdout,
    Dir { dir: PathBuf, allow_empty: bool },
    CheckDir(PathBuf),
}

/// Runs a check (`target` is `None`) or a build.
pub(crate) fn run(input: &Input, target: Option<Target>) -> ExitCode {
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
    // A check reports what a build would, without emitting anything.
    let compilation = match &target {
        None => rookc::diagnose(&sources),
        Some(_) => match rookc::compile(&sources) {
            Ok(compilation) => compilation,
            Err(error) => return fail(&format!("internal error: {error}")),
        },
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
    if count(Severity::Error) > 0 || denied {
        if input.format == Format::Human {
            summarize_failure(&compilation.diagnostics, denied, target.is_some());
        }
        return ExitCode::from(EXIT_FAILED);
    }
    let Some(target) = target else {
        return ExitCode::SUCCESS;
    };
    // A program without errors is always emitted.
    let Some(manifests) = &compilation.manifests else {
        return fail("internal error: a program without errors has no manifests");
    };
    match target {
        Target::Stdout => {
            let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            match rookc::emit::write_stream(manifests, &mut stdout).and_then(|()| stdout.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => fail(&format!(
                    "cannot write to standard output: {}",
                    rookc::load::io_reason(&error)
                )),
            }
        }
        Target::Dir { dir, allow_empty } => {
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
                Err(error) => fail(&error.to_string()),
            }
        }
        Target::CheckDir(dir) => check_dir(&dir, manifests),
    }
}

/// The closing line of a failed check or build, and the `rookc explain` hint.
fn summarize_failure(diagnostics: &[Diagnostic], denied: bool, build: bool) {
    let why = if denied { " (warnings are denied)" } else { "" };
    let outcome = if build { "; nothing was written" } else { "" };
    eprintln!("error: {}{why}{outcome}", render::summary(diagnostics));
    if let Some(hint) = render::explain_hint(diagnostics) {
        eprintln!("{hint}");
    }
}

/// `build --check`: compares DIR with the compiled output, writing nothing.
pub(crate) fn check_dir(dir: &Path, manifests: &[Manifest]) -> ExitCode {
    let differences = match rookc::output::compare_dir(dir, manifests) {
        Ok(differences) => differences,
        Err(error) => return fail(&error.to_string()),
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
pub(crate) fn write_human(
    sources: &SourceMap,
    diagnostics: &[Diagnostic],
    color: bool,
    limit: Option<usize>,
) -> std::io::Result<()> {
    let mut stderr = std::io::BufWriter::new(std::io::stderr().lock());
    limit::write_human(sources, diagnostics, color, limit, &mut stderr)?;
    stderr.flush()
}
