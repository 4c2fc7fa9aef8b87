//! The integration tests: one binary (`autotests = false`), one module per
//! subject.

mod build;
mod cli;
mod editors;
mod examples;
mod explain;
mod fmt;
mod formats;
mod import;
mod lsp;
mod robustness;
mod support;
mod ui;
