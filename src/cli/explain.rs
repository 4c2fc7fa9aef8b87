//! `rookc explain CODE|KIND`: prints a diagnostic code's page, or a
//! declaration kind's reference page.

use std::process::ExitCode;

use crate::fail;

pub(crate) fn explain(code: &str) -> ExitCode {
    if let Some(kind) = rookc::ast::DeclKind::from_keyword(code) {
        print!("{}", kind.def().page);
        return ExitCode::SUCCESS;
    }
    match rookc::diag::Code::parse(code).or_else(|| rookc::diag::Code::named(code)) {
        Some(code) => {
            print!("{}", rookc::diag::explain::page(code));
            ExitCode::SUCCESS
        }
        None => fail(&format!("`{code}` is not a rookc diagnostic code or declaration kind; codes look like E0201 or W0502 (`docs/diagnostics.md` lists them all), kinds like `bucket`")),
    }
}
