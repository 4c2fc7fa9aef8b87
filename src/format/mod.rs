//! The formatter: an [`ast::File`] and its text to the canonical layout.
//!
//! Canonical means: two-space indentation; one declaration per block, with
//! one blank line between top-level items; `=` aligned within a run of
//! attributes; small blocks of entries (`quota { ... }`) on one line when
//! they fit; one policy statement or lifecycle rule per line. Values are
//! copied from the source as written (`1_000Gi`, escapes in strings), so
//! formatting never changes meaning. Blank lines inside a block are kept,
//! at most one in a row. Comments stay where they were: a comment on a line
//! of its own stays on a line of its own before the same item; a comment
//! after code stays after that code. A byte-order mark at the start of
//! the file is kept. The output's lines end in `\n`, whichever line breaks
//! (`\r\n`, a lone `\r`) the source had.

mod blocks;

use crate::ast::{self, BodyItem, Item};

/// Widest line an entry block is joined onto.
const MAX_WIDTH: usize = 80;

/// Why a file was left as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    /// A comment inside a value, a list or `@allow(...)`: the formatter
    /// has no line of its own to keep it on.
    CommentOutOfPlace,
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::CommentOutOfPlace => f.write_str(
                "a comment is in a place the formatter cannot keep it (inside a value, a list or `@allow(...)`)",
            ),
        }
    }
}

impl std::error::Error for FormatError {}

/// Formats a file that parsed without errors.
pub fn format_file(file: &ast::File, text: &str) -> Result<String, FormatError> {
    let mut printer = Printer {
        text,
        comments: &file.comments,
        next_comment: 0,
        out: String::new(),
        indent: 0,
    };
    for (index, item) in file.items.iter().enumerate() {
        // Top-level items are parted by one blank line, above their comments.
        if index > 0 && !printer.out.ends_with("\n\n") {
            printer.out.push('\n');
        }
        printer.leading(item_start(item), index > 0);
        match item {
            Item::Declaration(decl) => printer.declaration(decl),
            Item::Group(group) => printer.group(group),
            Item::Settings(settings) => printer.settings(settings),
        }
    }
    printer.leading(text.len(), !file.items.is_empty());
    if printer.next_comment != file.comments.len() {
        return Err(FormatError::CommentOutOfPlace);
    }
    let mut out = printer.out.trim_end().to_string();
    if !out.is_empty() {
        out.push('\n');
    }
    // A byte-order mark stays: the editor that wrote it would add it back.
    if text.starts_with('\u{FEFF}') {
        out.insert(0, '\u{FEFF}');
    }
    Ok(out)
}

fn item_start(item: &Item) -> usize {
    match item {
        Item::Declaration(decl) => decl.span.start,
        Item::Group(group) => group.span.start,
        Item::Settings(settings) => settings.span.start,
    }
}

struct Printer<'a> {
    text: &'a str,
    comments: &'a [ast::Comment],
    next_comment: usize,
    out: String,
    indent: usize,
}

impl Printer<'_> {
    fn slice(&self, span: crate::source::Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    fn line(&mut self, content: &str) {
        self.out.push_str(&"  ".repeat(self.indent));
        self.out.push_str(content);
    }

    /// Whether the source has a blank line between `from` and `to`.
    fn blank_between(&self, from: usize, to: usize) -> bool {
        let gap = self.text.get(from..to).unwrap_or("");
        // `\r\n` is one line break, as are a lone `\r` and `\n`.
        let gap = if gap.contains('\r') {
            std::borrow::Cow::Owned(gap.replace("\r\n", "\n"))
        } else {
            std::borrow::Cow::Borrowed(gap)
        };
        let lines: Vec<&str> = gap.split(['\n', '\r']).collect();
        lines.len() > 2
            && lines[1..lines.len() - 1]
                .iter()
                .any(|line| line.trim().is_empty())
    }

    /// Whether a comment on a line of its own lies between `from` and `to`.
    fn comment_line_between(&self, from: usize, to: usize) -> bool {
        self.comments.iter().any(|c| {
            c.span.start > from
                && c.span.start < to
                && self
                    .text
                    .get(from..c.span.start)
                    .is_some_and(|g| g.contains(['\n', '\r']))
        })
    }

    /// Prints the comments that start before `position` on lines of their
    /// own. `keep_blank` keeps a blank line the source had before one, and
    /// after the last one when an item follows at `position`.
    fn leading(&mut self, position: usize, keep_blank: bool) {
        let mut last_end = None;
        while let Some(comment) = self.comments.get(self.next_comment) {
            if comment.span.start >= position {
                break;
            }
            let previous_end = self.previous_code_end(comment.span.start);
            let blank = self.blank_between(previous_end, comment.span.start);
            if (keep_blank || last_end.is_some())
                && blank
                && !self.out.ends_with("\n\n")
                && !self.out.is_empty()
            {
                self.out.push('\n');
            }
            let text = self.slice(comment.span).to_string();
            self.line(&text);
            self.out.push('\n');
            last_end = Some(comment.span.end);
            self.next_comment += 1;
        }
        let item_follows =
            position < self.text.len() && self.text.as_bytes().get(position) != Some(&b'}');
        if let (Some(end), true) = (last_end, item_follows) {
            if self.blank_between(end, position) && !self.out.ends_with("\n\n") {
                self.out.push('\n');
            }
        }
    }

    /// Where the code or comment before `offset` ends (for blank lines).
    fn previous_code_end(&self, offset: usize) -> usize {
        let before = &self.text[..offset.min(self.text.len())];
        before.trim_end().len()
    }

    /// Takes the comment that follows code on the same line as `end`.
    fn trailing_comment(&mut self, end: usize) -> Option<String> {
        let comment = self.comments.get(self.next_comment)?;
        let gap = self.text.get(end..comment.span.start)?;
        // Only blanks (or the `{` that opens a block) may stand between.
        if gap.contains(['\n', '\r'])
            || !gap.chars().all(|c| c == ' ' || c == '\t' || c == '{')
            || gap.matches('{').count() > 1
        {
            return None;
        }
        self.next_comment += 1;
        Some(self.slice(comment.span).to_string())
    }

    /// Like [`Printer::trailing`], for a comment after an opening `{` that
    /// comes before `limit` (the first item inside).
    fn trailing_before(&mut self, end: usize, limit: usize) {
        if self
            .comments
            .get(self.next_comment)
            .is_some_and(|c| c.span.start < limit)
        {
            self.trailing(end);
        }
    }

    /// Appends a comment that follows code on the same line as `end`.
    fn trailing(&mut self, end: usize) {
        if let Some(comment) = self.trailing_comment(end) {
            self.out.push_str("  ");
            self.out.push_str(&comment);
        }
    }

    fn allows(&mut self, allows: &[crate::source::Spanned<String>]) {
        let Some(last) = allows.last() else { return };
        let names: Vec<&str> = allows.iter().map(|a| a.value.as_str()).collect();
        self.line(&format!("@allow({})", names.join(", ")));
        // A comment after `@allow(...)` on its line stays there.
        let close = self.text[last.span.end..]
            .find(')')
            .map_or(last.span.end, |i| last.span.end + i + 1);
        self.trailing(close);
        self.out.push('\n');
    }
}

pub(crate) fn body_item_span(item: &BodyItem) -> crate::source::Span {
    match item {
        BodyItem::Attribute(a) => a.span,
        BodyItem::Block(b) => b.span,
        BodyItem::Policy(p) => p.span,
        BodyItem::Lifecycle(l) => l.span,
    }
}
