//! `rookc access`: checks the program, then prints who may list, read,
//! write and delete what in each bucket (or, with `--user`, what one user
//! reaches), as a table or as JSON in the schema of docs/access.md.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use rookc::access;
use rookc::diag::render;

#[derive(Args)]
pub struct AccessArgs {
    /// `.rook` files, or directories to search for them [default: .]
    #[arg(value_name = "PATHS")]
    paths: Vec<PathBuf>,
    /// Only the bucket with this name (the declaration's, or its S3 name)
    #[arg(long, value_name = "NAME")]
    bucket: Option<String>,
    /// What this user reaches, in every bucket
    #[arg(long, value_name = "NAME")]
    user: Option<String>,
    /// A table for people, or JSON for scripts (schema in docs/access.md)
    #[arg(long, value_enum, default_value_t = AccessFormat::Human, value_name = "FORMAT")]
    format: AccessFormat,
    /// When to colour diagnostics of a program with errors
    #[arg(long, value_enum, default_value_t = crate::Color::Auto, value_name = "WHEN")]
    color: crate::Color,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AccessFormat {
    Human,
    Json,
}

pub fn run(args: &AccessArgs) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let sources =
        match rookc::load::find_files(&paths).and_then(|files| rookc::load::read_files(&files)) {
            Ok(sources) => sources,
            Err(error) => return super::usage_error(&error.to_string()),
        };
    let analysis = rookc::diagnose(&sources);
    if analysis.has_errors() {
        eprint!(
            "{}",
            render::render(&sources, &analysis.diagnostics, args.color.enabled())
        );
        eprintln!("error: the program has errors; fix them to see its access");
        return ExitCode::from(1);
    }
    let mut program = analysis.program;
    if let Some(name) = &args.bucket {
        program.buckets.retain(|b| {
            b.meta.name == *name
                || matches!(&b.naming, rookc::model::BucketNaming::Fixed(n) if n == name)
        });
        if program.buckets.is_empty() {
            return super::usage_error(&format!("the program has no bucket named `{name}`"));
        }
    }
    let text = match &args.user {
        Some(user) => {
            let Some(view) = access::evaluate_user(&program, user) else {
                return super::usage_error(&format!("the program declares no user named `{user}`"));
            };
            match args.format {
                AccessFormat::Human => access::render::user_human(&sources, &view),
                AccessFormat::Json => access::render::user_json(&sources, &view),
            }
        }
        None => {
            let report = access::evaluate(&program);
            match args.format {
                AccessFormat::Human => access::render::human(&sources, &report),
                AccessFormat::Json => access::render::json(&sources, &report),
            }
        }
    };
    // A closed pipe is not an error worth a panic.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::SUCCESS
}
