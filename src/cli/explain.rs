//! `rookc explain CODE`: prints a diagnostic code's page.

use std::process::ExitCode;

use crate::fail;

pub(crate) fn explain(code: &str) -> ExitCode {
    match rookc::diag::Code::parse(code).or_else(|| rookc::diag::Code::named(code)) {
        Some(code) => {
            print!("{}", rookc::diag::explain::page(code));
            ExitCode::SUCCESS
        }
        None => fail(&format!("`{code}` is not a rookc diagnostic code; codes look like E0201 or W0502 (`docs/diagnostics.md` lists them all)")),
    }
}
