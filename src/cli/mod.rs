//! The subcommands of the `rookc` binary, one file per command (`main.rs`
//! holds the clap definitions and dispatches to them).

pub mod access;
pub mod compile;
pub mod diff;
pub mod explain;
pub mod fmt;
pub mod import;

use std::process::ExitCode;

/// `error: MESSAGE` on standard error, exit 2.
fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}
