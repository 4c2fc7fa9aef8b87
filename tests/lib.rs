//! The integration tests: one binary (`autotests = false`), one module per
//! subject.

mod build;
mod cli;
mod examples;
mod generated;
mod io_errors;
mod properties;
mod robustness;
mod support;
mod ui;
