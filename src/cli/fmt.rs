//! `rookc fmt`: formats files in place, or lists the unformatted ones.

use std::path::PathBuf;
use std::process::ExitCode;

use rookc::diag::escape::escape;
use rookc::diag::limit::DEFAULT_HUMAN_LIMIT;

use super::compile::write_human;
use crate::{fail, Color, EXIT_FAILED};

/// `rookc fmt`: formats files in place, or lists unformatted ones.
pub(crate) fn format(paths: &[PathBuf], check: bool, color: Color) -> ExitCode {
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
                eprintln!(
                    "error: cannot format {path}: {}",
                    escape(&error.to_string())
                );
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
            return fail(&error.to_string());
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
