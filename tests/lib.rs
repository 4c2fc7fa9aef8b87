//! The integration tests: one binary (`autotests = false`), one module per
//! subject.

mod access;
mod build;
mod cli;
mod diff;
mod editors;
mod examples;
mod explain;
mod fmt;
mod formats;
mod generated;
mod hidden_text;
mod import;
mod input_safety;
mod io_errors;
mod lsp;
mod lsp_features;
mod output_safety;
mod properties;
mod public_text;
mod robustness;
mod shell;
mod support;
mod ui;
