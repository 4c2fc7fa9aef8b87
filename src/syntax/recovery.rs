//! Error recovery: where parsing resumes after a syntax error, and what
//! the skipped text declared and mentioned (so that it does not cascade
//! into "unknown name" or "unused" diagnostics).

use crate::ast::{self, DeclKind};

/// Byte offsets (from `from` on) of lines that start, in column 0, with a
/// keyword that begins a top-level item: the places to resume after an error.
pub(super) fn chunk_starts(text: &str, from: usize) -> impl Iterator<Item = usize> + '_ {
    let mut line_start = from;
    text[from..]
        .split_inclusive(['\n', '\r'])
        .filter_map(move |line| {
            let start = line_start;
            line_start += line.len();
            let word = line
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '@'))
                .next()
                .unwrap_or("");
            let starts_item = word == "namespace"
                || word == "rook"
                || word == "@allow"
                || DeclKind::from_keyword(word).is_some();
            (start > from && starts_item).then_some(start)
        })
}

/// `(kind, name)` of every `kind name {` header in skipped text.
fn declared_names(text: &str) -> Vec<(DeclKind, String)> {
    let mut names = Vec::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        if let (Some(kind), Some(name)) = (DeclKind::from_keyword(word), words.peek()) {
            let name: String = name
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if !name.is_empty() {
                names.push((kind, name));
            }
        }
    }
    names
}

/// Records what a skipped stretch of text declared and mentioned, so that
/// neither cascades into "unknown" or "unused" diagnostics.
pub(super) fn note_skipped(file: &mut ast::File, skipped: &str) {
    file.broken.extend(declared_names(skipped));
    file.mentioned_in_skipped.extend(
        skipped
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .filter(|word| word.starts_with(|c: char| c.is_ascii_alphabetic()))
            .map(str::to_string),
    );
}

/// The outermost `{` of `text[from..to]` that is not closed before `to`,
/// outside strings and comments.
pub(super) fn unclosed_brace(text: &str, from: usize, to: usize) -> Option<usize> {
    let bytes = &text.as_bytes()[..to];
    let mut open = Vec::new();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && !matches!(bytes[i], b'\n' | b'\r') {
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && !matches!(bytes[i], b'"' | b'\n' | b'\r') {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' => open.push(i),
            b'}' => {
                open.pop();
            }
            _ => {}
        }
        i += 1;
    }
    open.first().copied()
}
