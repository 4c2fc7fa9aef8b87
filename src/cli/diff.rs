//! `rookc diff`: the arguments, which side is what, the report and the
//! exit code (0; 1 when a `--deny` category is present; 2 on usage, I/O
//! and program errors).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use rookc::diff::{self, render, Category, DiffError, Side, SideKind, SideSpec};

use crate::Format;

#[derive(Args)]
pub struct DiffArgs {
    /// The old side: a directory or file of `.rook` sources, or of YAML
    /// manifests, or `-` for manifests on standard input. With `--from`,
    /// the path (default `.`) whose sources are read at the revision; NEW
    /// then defaults to it
    #[arg(value_name = "OLD")]
    old: Option<PathBuf>,
    /// The new side, the same kinds as OLD
    #[arg(value_name = "NEW")]
    new: Option<PathBuf>,
    /// Read the old side's sources at this git revision (`main`,
    /// `origin/main`, a commit), without a checkout
    #[arg(long, value_name = "REV")]
    from: Option<String>,
    /// What OLD is, when it cannot be told from its files
    #[arg(long, value_enum, value_name = "KIND")]
    old_as: Option<Kind>,
    /// What NEW is, when it cannot be told from its files
    #[arg(long, value_enum, value_name = "KIND")]
    new_as: Option<Kind>,
    /// More manifests to read StorageClasses from (their reclaim
    /// policies say whether removing a claim deletes its data)
    #[arg(long, value_name = "FILE_OR_DIR")]
    context: Vec<PathBuf>,
    /// Exit 1 when the diff has findings of this kind (repeatable)
    #[arg(long, value_enum, value_name = "WHAT")]
    deny: Vec<Deny>,
    /// How to write the report: for people, JSON, GitHub Actions
    /// annotations, or a SARIF 2.1.0 log
    #[arg(long, value_enum, default_value_t = Format::Human, value_name = "FORMAT")]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    Sources,
    Manifests,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Destructive or possibly destructive changes
    Destructive,
    /// Grants added, removed or unknown
    Grants,
    /// Changes the controller or the API server refuses or ignores
    Refused,
    /// Drift between a cluster and its sources
    Drift,
}

const EXIT_DENIED: u8 = 1;
const EXIT_USAGE: u8 = 2;

pub fn run(args: &DiffArgs) -> ExitCode {
    let (old, new) = match sides(args) {
        Ok(sides) => sides,
        Err(error) => return fail(&error),
    };
    let loaded = Side::load(&old).and_then(|o| Side::load(&new).map(|n| (o, n)));
    let (old, new) = match loaded {
        Ok(sides) => sides,
        Err(error) => return fail(&error),
    };
    let mut context = Vec::new();
    for path in &args.context {
        match Side::load(&SideSpec::Manifests(vec![path.clone()])) {
            Ok(side) => context.push(side),
            Err(error) => return fail(&error),
        }
    }
    let report = diff::diff(&old, &new, &context);
    let text = match args.format {
        Format::Human => render::human::render(&report),
        Format::Json => render::json::render(&report),
        Format::Github => render::github::render(&report),
        Format::Sarif => render::sarif::render(&report),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe must not turn into a panic; the exit code still tells.
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
    let denied = args.deny.iter().any(|deny| {
        report.has(match deny {
            Deny::Destructive => Category::is_destructive,
            Deny::Grants => Category::is_grant,
            Deny::Refused => |c| matches!(c, Category::Refused | Category::Ignored),
            Deny::Drift => Category::is_drift,
        })
    });
    if denied {
        eprintln!("error: the diff has changes that `--deny` refuses");
        return ExitCode::from(EXIT_DENIED);
    }
    ExitCode::SUCCESS
}

/// What each side is, from the arguments.
fn sides(args: &DiffArgs) -> Result<(SideSpec, SideSpec), DiffError> {
    let kind = |k: Option<Kind>| {
        k.map(|k| match k {
            Kind::Sources => SideKind::Sources,
            Kind::Manifests => SideKind::Manifests,
        })
    };
    match (&args.from, &args.old, &args.new) {
        (Some(revision), old, new) => {
            if args.old_as.is_some() {
                return Err(DiffError::Usage(
                    "`--old-as` cannot be used with `--from`: the old side is the sources at the revision".into(),
                ));
            }
            let old_path = old.clone().unwrap_or_else(|| PathBuf::from("."));
            let new_path = new.clone().unwrap_or_else(|| old_path.clone());
            Ok((
                SideSpec::Revision {
                    revision: revision.clone(),
                    paths: vec![old_path],
                },
                SideSpec::detect(&new_path, kind(args.new_as))?,
            ))
        }
        (None, Some(old), Some(new)) if old.as_os_str() == "-" && new.as_os_str() == "-" => Err(
            DiffError::Usage("standard input (`-`) can be only one of the sides".into()),
        ),
        (None, Some(old), Some(new)) => Ok((
            SideSpec::detect(old, kind(args.old_as))?,
            SideSpec::detect(new, kind(args.new_as))?,
        )),
        (None, _, _) => Err(DiffError::Usage(
            "`rookc diff` needs OLD and NEW, or `--from REV` (see `rookc diff --help`)".into(),
        )),
    }
}

fn fail(error: &DiffError) -> ExitCode {
    match error {
        DiffError::Usage(message) => eprintln!("error: {message}"),
        DiffError::Program {
            label,
            sources,
            diagnostics,
        } => {
            let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::IsTerminal::is_terminal(&std::io::stderr());
            eprint!(
                "{}",
                rookc::diag::render::render(sources, diagnostics, color)
            );
            eprintln!("error: {label} does not compile, so it cannot be compared");
        }
    }
    ExitCode::from(EXIT_USAGE)
}
