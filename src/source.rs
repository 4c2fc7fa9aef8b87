//! Source files and positions: every later stage points back into the text
//! through a [`Span`], and only the renderers turn spans into lines and
//! columns, through each file's [`LineIndex`].
//!
//! A line ends at `\n`, `\r\n` or a lone `\r`, everywhere in rookc (the
//! grammar, the fast parser, the formatter, diagnostics and the language
//! server), as the Language Server Protocol counts lines.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub usize);

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span { file, start, end }
    }

    /// The smallest span covering both (which must be in one file).
    pub fn to(self, other: Span) -> Span {
        Span::new(
            self.file,
            self.start.min(other.start),
            self.end.max(other.end),
        )
    }
}

/// A value together with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// One loaded source file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user should see it (relative where it was given so).
    pub path: PathBuf,
    pub text: String,
    /// Built on first use: a build without diagnostics needs none.
    lines: OnceLock<LineIndex>,
}

impl SourceFile {
    /// Where the lines of [`SourceFile::text`] start, computed once.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }
}

/// All files of one program, in the order they were loaded.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> Self {
        SourceMap::default()
    }

    pub fn add(&mut self, path: impl Into<PathBuf>, text: impl Into<String>) -> FileId {
        self.files.push(SourceFile {
            path: path.into(),
            text: text.into(),
            lines: OnceLock::new(),
        });
        FileId(self.files.len() - 1)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    pub fn path(&self, id: FileId) -> &Path {
        &self.files[id.0].path
    }

    pub fn ids(&self) -> impl Iterator<Item = FileId> {
        (0..self.files.len()).map(FileId)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        let text = &self.files[span.file.0].text;
        text.get(span.start..span.end).unwrap_or("")
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, file: FileId, offset: usize) -> (usize, usize) {
        let file = &self.files[file.0];
        let (line, column) = file.lines().line_col(&file.text, offset);
        (line + 1, column + 1)
    }
}

/// The start of every line of a text, so that finding the line of an
/// offset is a binary search rather than a scan from the start of the
/// file (which made reporting thousands of diagnostics quadratic).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset of each line's first character; `starts[0] == 0`.
    starts: Vec<usize>,
    /// Lines that hold a character beyond ASCII: only there does a column
    /// in characters differ from one in bytes.
    non_ascii: Vec<bool>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        // A byte-order mark is no character of the first line: columns
        // count from after it, and snippets do not show it.
        let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        let mut starts = vec![bom];
        let mut non_ascii = Vec::new();
        let mut start = bom;
        while let Some(at) = bytes[start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
        {
            let end = start + at;
            non_ascii.push(!bytes[start..end].is_ascii());
            start = match &bytes[end..] {
                [b'\r', b'\n', ..] => end + 2,
                _ => end + 1,
            };
            starts.push(start);
        }
        non_ascii.push(!bytes[start..].is_ascii());
        LineIndex { starts, non_ascii }
    }

    /// How many lines the text has (a final line break starts an empty one).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    /// The 0-based line an offset is on (an offset inside a line break
    /// belongs to the line the break ends).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// The byte offset where 0-based `line` starts, if there is such a line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// Whether 0-based `line` holds only ASCII (so that its columns in
    /// characters or UTF-16 units are its byte offsets).
    pub fn is_ascii_line(&self, line: usize) -> bool {
        self.non_ascii.get(line).is_some_and(|non_ascii| !non_ascii)
    }

    /// The bytes of 0-based `line` without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = self.line_start(line)?;
        let next = self.line_start(line + 1).unwrap_or(text.len());
        let content = &text.as_bytes()[start..next];
        let end = match content {
            [.., b'\r', b'\n'] => next - 2,
            [.., b'\n' | b'\r'] => next - 1,
            _ => next,
        };
        Some(start..end)
    }

    /// 0-based line and column (in characters) of a byte offset, clamped to
    /// the text and to a character boundary.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        // Inside a leading byte-order mark: the first column.
        let offset = offset.max(start);
        let column = if self.is_ascii_line(line) {
            offset - start
        } else {
            text[start..offset].chars().count()
        };
        (line, column)
    }
}

/// The largest character boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_line_break_ends_a_line() {
        for text in ["a\nbc\n\nd", "a\r\nbc\r\n\r\nd", "a\rbc\r\rd"] {
            let index = LineIndex::new(text);
            assert_eq!(index.len(), 4, "{text:?}");
            let d = text.find('d').expect("d");
            assert_eq!(index.line_col(text, d), (3, 0), "{text:?}");
            let c = text.find('c').expect("c");
            assert_eq!(index.line_col(text, c), (1, 1), "{text:?}");
            assert_eq!(&text[index.line_range(text, 1).expect("line 1")], "bc");
        }
    }

    #[test]
    fn columns_count_characters() {
        let text = "ab\nçé𝄞x\r";
        let index = LineIndex::new(text);
        let x = text.find('x').expect("x");
        assert_eq!(index.line_col(text, x), (1, 3));
        assert_eq!(index.line_col(text, x + 1), (1, 4));
        assert_eq!(index.line_col(text, text.len()), (2, 0));
        // Inside a character: its start.
        assert_eq!(index.line_col(text, 4), (1, 0));
    }

    #[test]
    fn a_byte_order_mark_takes_no_column() {
        let text = "\u{FEFF}ab\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), (0, 0));
        assert_eq!(index.line_col(text, 3), (0, 0));
        assert_eq!(index.line_col(text, 4), (0, 1));
        assert_eq!(index.line_col(text, text.len()), (1, 2));
        assert_eq!(index.line_range(text, 0), Some(3..5));
    }
}
