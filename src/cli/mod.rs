//! Subcommands of the `rookc` binary that live in a file of their own.

pub mod access;

use std::process::ExitCode;

/// `error: MESSAGE` on standard error, exit 2.
fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}
