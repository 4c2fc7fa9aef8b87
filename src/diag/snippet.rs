//! The source lines one diagnostic shows, as codespan reads them.
//!
//! codespan would copy and measure every line a label touches, whole: one
//! 200 KB line with thousands of warnings on it took minutes and gigabytes.
//! So each diagnostic gets a [`Snippets`] view holding only the lines
//! codespan will print, each cut to a window around its labels (`...`
//! marks the cut), with control characters escaped for the terminal and
//! every line break (`\n`, `\r\n`, lone `\r`) written as `\n`. Line numbers
//! and columns are those of the real file, from its line index.

use std::collections::BTreeSet;
use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use super::escape::{escape, escaped_len};
use super::{Diagnostic, Label};
use crate::source::{floor_char_boundary, FileId, SourceMap};

/// The widest window of a line shown, in characters.
pub const MAX_SNIPPET_WIDTH: usize = 200;
/// How many characters a window shows before its first label.
const LEFT_CONTEXT: usize = 60;
const CUT: &str = "...";

/// The shown lines of the files one diagnostic points into (one view per
/// file, which codespan knows by its index).
pub struct Snippets {
    views: Vec<View>,
}

struct View {
    file: FileId,
    name: String,
    /// The shown lines, each followed by `\n`.
    text: String,
    /// In order of line (and so of place in `text`).
    lines: Vec<Shown>,
}

/// One shown line.
struct Shown {
    /// 0-based line in the real file.
    line: usize,
    /// Where the line starts in the real file.
    line_start: usize,
    /// The real bytes shown, and a copy of them.
    window: Range<usize>,
    real: String,
    /// The 0-based column (in characters) where the window starts.
    window_column: usize,
    /// Where the line (with `...`, without `\n`) is in the view's text.
    shown: Range<usize>,
    /// Whether `...` stands before the window.
    cut_left: bool,
}

impl Snippets {
    /// The view for `diagnostic`'s labels.
    pub fn new(sources: &SourceMap, diagnostic: &Diagnostic) -> Snippets {
        let labels = std::iter::once(&diagnostic.primary).chain(&diagnostic.secondary);
        let mut by_file: Vec<(FileId, Vec<&Label>)> = Vec::new();
        for label in labels {
            match by_file
                .iter_mut()
                .find(|(file, _)| *file == label.span.file)
            {
                Some((_, list)) => list.push(label),
                None => by_file.push((label.span.file, vec![label])),
            }
        }
        let views = by_file
            .into_iter()
            .map(|(file, labels)| View::new(sources, file, &labels, &diagnostic.primary))
            .collect();
        Snippets { views }
    }

    /// codespan's file id of `file`.
    pub fn id(&self, file: FileId) -> usize {
        self.views.iter().position(|v| v.file == file).unwrap_or(0)
    }

    /// Where a real offset of `file` is in the view.
    pub fn offset(&self, file: FileId, offset: usize) -> usize {
        self.views
            .get(self.id(file))
            .and_then(|view| view.line_of_real(offset))
            .map_or(0, |shown| shown.to_view(offset))
    }

    fn view(&self, id: usize) -> Result<&View, Error> {
        self.views.get(id).ok_or(Error::FileMissing)
    }
}

impl Shown {
    fn prefix(&self) -> usize {
        if self.cut_left {
            CUT.len()
        } else {
            0
        }
    }

    /// The view offset of a real offset on this line (clamped to the
    /// window).
    fn to_view(&self, offset: usize) -> usize {
        if offset < self.window.start {
            return self.shown.start;
        }
        if offset > self.window.end {
            return self.shown.end;
        }
        let upto = floor_char_boundary(&self.real, offset - self.window.start);
        self.shown.start + self.prefix() + escaped_len(&self.real[..upto])
    }

    /// The real offset of a view offset on this line.
    fn to_real(&self, view_offset: usize) -> usize {
        let Some(mut left) = view_offset.checked_sub(self.shown.start + self.prefix()) else {
            return self.window.start;
        };
        for (i, c) in self.real.char_indices() {
            let width = escaped_len(c.encode_utf8(&mut [0; 4]));
            if left < width {
                return self.window.start + i;
            }
            left -= width;
        }
        self.window.end
    }
}

impl View {
    fn new(sources: &SourceMap, file: FileId, labels: &[&Label], primary: &Label) -> View {
        let source = sources.get(file);
        let index = source.lines();
        // The lines codespan prints: those where a label starts or ends,
        // the first three and the last inside a multi-line label, and a
        // single line between two printed ones.
        let mut needed = BTreeSet::new();
        for label in labels {
            let start = index.line_of(label.span.start.min(source.text.len()));
            let end = index.line_of(label.span.end.min(source.text.len()));
            needed.insert(start);
            needed.insert(end);
            for line in start + 1..end {
                if line - start <= 3 || end - line <= 1 {
                    needed.insert(line);
                }
            }
        }
        let listed: Vec<usize> = needed.iter().copied().collect();
        for pair in listed.windows(2) {
            if pair[1] - pair[0] == 2 {
                needed.insert(pair[0] + 1);
            }
        }
        let mut view = View {
            file,
            name: escape(&source.path.display().to_string()).into_owned(),
            text: String::new(),
            lines: Vec::new(),
        };
        for line in needed {
            let Some(range) = index.line_range(&source.text, line) else {
                continue;
            };
            let on_line = |o: &usize| range.start <= *o && *o <= range.end;
            let anchor = if primary.span.file == file && on_line(&primary.span.start) {
                primary.span.start
            } else {
                let marks = labels.iter().flat_map(|l| [l.span.start, l.span.end]);
                marks.filter(on_line).min().unwrap_or(range.start)
            };
            let short = source.text[range.clone()]
                .chars()
                .nth(MAX_SNIPPET_WIDTH)
                .is_none();
            let window = if short {
                range.clone()
            } else {
                window(&source.text, range.clone(), anchor)
            };
            let window_column = index.line_col(&source.text, window.start).1;
            view.push_line(&source.text, line, range, window, window_column);
        }
        view
    }

    /// Appends the `window` of `line` (real bytes `range`).
    fn push_line(
        &mut self,
        text: &str,
        line: usize,
        range: Range<usize>,
        window: Range<usize>,
        window_column: usize,
    ) {
        let cut_left = window.start > range.start;
        let cut_right = window.end < range.end;
        let start = self.text.len();
        if cut_left {
            self.text.push_str(CUT);
        }
        let real = &text[window.clone()];
        self.text.push_str(&escape(real));
        if cut_right {
            self.text.push_str(CUT);
        }
        self.lines.push(Shown {
            line,
            line_start: range.start,
            real: real.to_string(),
            window,
            window_column,
            shown: start..self.text.len(),
            cut_left,
        });
        self.text.push('\n');
    }

    /// The shown line a real offset is on.
    fn line_of_real(&self, offset: usize) -> Option<&Shown> {
        let at = self
            .lines
            .partition_point(|shown| shown.line_start <= offset)
            .checked_sub(1)?;
        self.lines.get(at)
    }

    fn shown_line(&self, line: usize) -> Option<&Shown> {
        let at = self.lines.binary_search_by_key(&line, |s| s.line).ok()?;
        self.lines.get(at)
    }

    fn line_of_view(&self, offset: usize) -> Option<&Shown> {
        let at = self
            .lines
            .partition_point(|shown| shown.shown.start <= offset)
            .checked_sub(1)?;
        self.lines.get(at)
    }
}

/// A window of at most [`MAX_SNIPPET_WIDTH`] characters of `range` that
/// shows [`LEFT_CONTEXT`] characters before `anchor`.
fn window(text: &str, range: Range<usize>, anchor: usize) -> Range<usize> {
    let before: Vec<usize> = text[range.start..anchor.clamp(range.start, range.end)]
        .char_indices()
        .rev()
        .take(LEFT_CONTEXT)
        .map(|(i, _)| range.start + i)
        .collect();
    let mut start = before.last().copied().unwrap_or(anchor);
    let mut end = text[start..range.end]
        .char_indices()
        .nth(MAX_SNIPPET_WIDTH)
        .map_or(range.end, |(i, _)| start + i);
    if end == range.end {
        // Near the end of the line: show the full width up to it.
        start = text[range.start..range.end]
            .char_indices()
            .rev()
            .nth(MAX_SNIPPET_WIDTH - 1)
            .map_or(range.start, |(i, _)| range.start + i);
        end = range.end;
    }
    start..end
}

impl<'a> Files<'a> for Snippets {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(&self.view(id)?.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(&self.view(id)?.text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        let view = self.view(id)?;
        Ok(view.line_of_view(byte_index).map_or(0, |s| s.line))
    }

    fn column_number(&'a self, id: usize, line: usize, byte_index: usize) -> Result<usize, Error> {
        let shown = self.view(id)?.shown_line(line).ok_or(Error::LineTooLarge {
            given: line,
            max: 0,
        })?;
        let real = shown.to_real(byte_index) - shown.window.start;
        let upto = floor_char_boundary(&shown.real, real);
        Ok(shown.window_column + shown.real[..upto].chars().count() + 1)
    }

    fn line_range(&'a self, id: usize, line: usize) -> Result<Range<usize>, Error> {
        let view = self.view(id)?;
        // Lines inside a long label that codespan does not print still get
        // asked for: an empty range stands for them.
        Ok(view
            .shown_line(line)
            .map_or(0..0, |s| s.shown.start..s.shown.end + 1))
    }
}
