//! `rookc import`: manifests to rook source, with the round-trip report.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rookc::diag::escape::{escape, escape_lines};
use rookc::diag::limit::DEFAULT_HUMAN_LIMIT;

use super::compile::write_human;
use crate::{fail, Color, EXIT_FAILED, EXIT_USAGE};

/// `rookc import`: writes the source, reports per object, and exits 1
/// unless everything round-trips without losses.
pub(crate) fn import(paths: &[PathBuf], output: Option<&Path>, color: Color) -> ExitCode {
    let source_path = output.unwrap_or(Path::new("imported.rook"));
    let imported = match rookc::import::import(paths, source_path) {
        Ok(imported) => imported,
        Err(rookc::import::ImportError::NoValidFile(files)) => {
            // One `error:` line per file, as for any other usage error.
            for file in &files {
                eprintln!("error: {}", escape_lines(&file.to_string()));
            }
            return ExitCode::from(EXIT_USAGE);
        }
        Err(error) => return fail(&error.to_string()),
    };
    let written = match output {
        Some(path) => {
            rookc::output::replace_file(path, &imported.source).map_err(|e| e.to_string())
        }
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
