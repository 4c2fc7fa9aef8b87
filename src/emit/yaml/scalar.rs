//! Scalars: which style a string is written in, and the text of each style.
//!
//! The rules are those of serde_yaml 0.9 on libyaml (unsafe-libyaml 0.2),
//! which wrote rookc's manifests before this module did: a string that
//! would read back as something else (`null`, `true`, `1`, `0x1F`, `1e3`,
//! `007`, the empty string) is single-quoted; a string with a line feed is
//! a literal block (`|`); anything else is plain when libyaml's analysis
//! allows, else single-quoted, else double-quoted. The line width is
//! unlimited and non-ASCII text is written as is. The tests in
//! `src/emit/yaml/tests.rs` compare the output with serde_yaml's, byte for
//! byte.
//!
//! [`implicit`] says which strings must be quoted to stay strings,
//! [`analysis`] which styles can hold a string, and [`write`] writes each
//! style.

mod analysis;
mod implicit;
mod write;

pub use analysis::{analyze, Analysis};
use implicit::reads_back_as_non_string;

/// How a scalar is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Whatever the analysis allows, plain first.
    Any,
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}

/// The style serde_yaml asks for when it serialises a string.
pub fn string_style(value: &str) -> Style {
    if value.contains('\n') {
        Style::Literal
    } else if reads_back_as_non_string(value) {
        Style::SingleQuoted
    } else {
        Style::Any
    }
}

/// The style libyaml writes: the requested one, or the next one the
/// analysis allows. Only block context: rookc never writes flow
/// collections with content.
pub fn select(requested: Style, analysis: &Analysis, empty: bool, simple_key: bool) -> Style {
    let mut style = match requested {
        Style::Any => Style::Plain,
        other => other,
    };
    if simple_key && analysis.multiline {
        style = Style::DoubleQuoted;
    }
    if style == Style::Plain && (!analysis.block_plain_allowed || (empty && simple_key)) {
        style = Style::SingleQuoted;
    }
    if style == Style::SingleQuoted && !analysis.single_quoted_allowed {
        style = Style::DoubleQuoted;
    }
    if style == Style::Literal && (!analysis.block_allowed || simple_key) {
        style = Style::DoubleQuoted;
    }
    style
}
