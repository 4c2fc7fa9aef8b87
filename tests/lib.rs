//! The integration tests: one binary (`autotests = false`), one module per
//! subject.

mod access;
mod build;
mod cli;
mod editors;
mod examples;
mod explain;
mod fmt;
mod formats;
mod generated;
mod import;
mod io_errors;
mod lsp;
mod properties;
mod real_rgw;
mod robustness;
mod support;
mod ui;
