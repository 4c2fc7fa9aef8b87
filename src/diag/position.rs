//! Lines and columns of labels, as the machine-readable formats report them.

use super::Label;
use crate::source::SourceMap;

/// A place in a file: 1-based line and column (in characters) and the
/// 0-based byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

/// Where a label starts, and where it ends (the position just after its
/// last character).
#[derive(Debug, Clone)]
pub struct Located {
    pub file: String,
    pub start: Position,
    pub end: Position,
}

pub fn locate(sources: &SourceMap, label: &Label) -> Located {
    let span = label.span;
    let position = |offset: usize| {
        let (line, column) = sources.line_col(span.file, offset);
        Position {
            line,
            column,
            offset,
        }
    };
    Located {
        file: display_path(sources, span.file),
        start: position(span.start),
        end: position(span.end),
    }
}

/// A file's path with `/` separators, as tools expect in reports.
pub fn display_path(sources: &SourceMap, file: crate::source::FileId) -> String {
    sources.path(file).to_string_lossy().replace('\\', "/")
}
