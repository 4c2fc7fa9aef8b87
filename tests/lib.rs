//! The integration tests: one binary (`autotests = false`), one module per
//! subject.

mod build;
mod cli;
mod editors;
mod examples;
mod explain;
mod floods;
mod fmt;
mod formats;
mod generated;
mod import;
mod io_errors;
mod line_endings;
mod lsp;
mod properties;
mod robustness;
mod support;
mod terminal;
mod ui;
