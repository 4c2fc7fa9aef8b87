//! Syntax: source text to [`ast::File`]. The only module that knows pest.
//!
//! A syntax error does not end the file: the parser reports it, skips the
//! top-level declaration it happened in (up to the next line that starts a
//! declaration in column 0) and goes on, so one run shows every broken
//! declaration. Names declared in skipped text are remembered in
//! [`ast::File::broken`] so that references to them do not cascade into
//! "unknown name" errors.

mod expected;
mod fast;
mod hidden;
mod hints;
mod literal;
mod lower;
mod recovery;
mod report;

pub use hidden::bom_len;

use pest::error::InputLocation;
use pest::Parser;
use pest_derive::Parser;

use crate::ast;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{FileId, Span};
use recovery::{chunk_starts, note_skipped, unclosed_brace};
use report::{syntax_error, unclosed};

#[derive(Parser)]
#[grammar = "../grammar/rook.pest"]
struct RookParser;

/// Parses one file, reporting syntax errors into `diags`.
///
/// A file without errors is parsed by the hand-written fast path
/// (`fast.rs`); any other file, by pest, which reports its errors. Both
/// give the same AST for a file the fast path accepts.
///
/// Hidden characters (Trojan Source) are reported here, wherever they
/// stand (E0103); where one also breaks the grammar, the syntax error at
/// it is left out, as it says less.
pub fn parse_file(id: FileId, text: &str, diags: &mut Diagnostics) -> ast::File {
    hidden::check_hidden_characters(id, text, diags);
    if too_deep(text).is_none() {
        if let Some(file) = fast::parse(id, text) {
            return file;
        }
    }
    let mut own = Diagnostics::new();
    let file = parse_file_with_pest(id, text, &mut own);
    for diagnostic in own.into_sorted() {
        let at_hidden = diagnostic.code == Code::Syntax
            && hidden::is_hidden_at(text, diagnostic.primary.span.start);
        if !at_hidden {
            diags.push(diagnostic);
        }
    }
    file
}

/// Parses one file with the fast path only: `None` when it does not
/// accept the file. For tests that compare it with pest.
pub fn parse_file_fast(id: FileId, text: &str) -> Option<ast::File> {
    too_deep(text).is_none().then(|| fast::parse(id, text))?
}

/// Parses one file with pest only, the reference for every diagnostic.
pub fn parse_file_with_pest(id: FileId, text: &str, diags: &mut Diagnostics) -> ast::File {
    let mut file = ast::File {
        id,
        items: Vec::new(),
        comments: Vec::new(),
        broken: Vec::new(),
        mentioned_in_skipped: Vec::new(),
    };
    if let Some(at) = too_deep(text) {
        diags.push(
            Diagnostic::new(
                Code::Syntax,
                format!("blocks and lists nest deeper than {MAX_NESTING} levels"),
                Span::new(id, at, at + 1),
                "too deeply nested",
            )
            .with_note(
                "rook files nest a few levels at most; this looks like generated or damaged text",
            ),
        );
        return file;
    }
    // A byte-order mark is not part of the program.
    let mut offset = bom_len(text);
    while offset < text.len() {
        match parse_rest(text, offset) {
            Ok(pairs) => {
                lower::lower_file(pairs, id, offset, &mut file, diags);
                break;
            }
            Err(error) => {
                let error_at = offset + error_position(&error.location);
                // One pass, stopping at the chunk after the error: scanning
                // the rest of the file per error made floods quadratic.
                let mut chunk_start = offset;
                let mut next_chunk = None;
                for start in chunk_starts(text, offset) {
                    if start > error_at {
                        next_chunk = Some(start);
                        break;
                    }
                    chunk_start = start;
                }
                // A `{` left open swallows the declarations after it: the
                // error pest finds there belongs to the opener.
                if let Some(open) = unclosed_brace(text, offset, chunk_start) {
                    let open_chunk = chunk_starts(text, offset)
                        .take_while(|&start| start <= open)
                        .last()
                        .unwrap_or(offset);
                    diags.push(unclosed(id, text, open, Some(chunk_start)));
                    if open_chunk > offset {
                        if let Ok(pairs) = RookParser::parse(Rule::file, &text[offset..open_chunk])
                        {
                            lower::lower_file(pairs, id, offset, &mut file, diags);
                        }
                    }
                    note_skipped(&mut file, &text[open_chunk..chunk_start]);
                    offset = chunk_start;
                    continue;
                }
                let at_end = error_at >= text.trim_end().len();
                let unclosed_at_end = if at_end {
                    unclosed_brace(text, chunk_start, text.len())
                } else {
                    None
                };
                match unclosed_at_end {
                    Some(open) => diags.push(unclosed(id, text, open, None)),
                    None => diags.push(syntax_error(
                        id,
                        text,
                        chunk_start,
                        error_at,
                        &error.variant,
                    )),
                }
                let chunk_end = next_chunk.unwrap_or(text.len());
                // The complete declarations before the broken one still count.
                if chunk_start > offset {
                    match RookParser::parse(Rule::file, &text[offset..chunk_start]) {
                        Ok(pairs) => lower::lower_file(pairs, id, offset, &mut file, diags),
                        Err(_) => note_skipped(&mut file, &text[offset..chunk_start]),
                    }
                }
                note_skipped(&mut file, &text[chunk_start..chunk_end]);
                match next_chunk {
                    Some(next) => offset = next,
                    None => break,
                }
            }
        }
    }
    file
}

/// pest's parse of `text[offset..]`. On an error pest spends time in
/// proportion to the input after it (finding the error's line scans back
/// from the end of the input), which made a flood of errors quadratic. So
/// the text is first parsed in growing windows that end where a line starts
/// a declaration: no token crosses such a cut, so an error before the cut
/// is the error the whole text has (pest never looked past the cut, or its
/// furthest attempt would be there).
fn parse_rest(
    text: &str,
    offset: usize,
) -> Result<pest::iterators::Pairs<'_, Rule>, pest::error::Error<Rule>> {
    let mut window = 1024;
    loop {
        let mut from = (offset + window).min(text.len());
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let Some(cut) = chunk_starts(text, from).next() else {
            return RookParser::parse(Rule::file, &text[offset..]);
        };
        if let Err(error) = RookParser::parse(Rule::file, &text[offset..cut]) {
            if offset + error_position(&error.location) < cut {
                return Err(error);
            }
        }
        window = (cut - offset) * 4;
    }
}

/// How deep `{ }` and `[ ]` may nest: far beyond any real program, and far
/// below what would exhaust the parser's stack.
pub const MAX_NESTING: usize = 64;

/// The offset of the first bracket that opens level [`MAX_NESTING`] + 1,
/// outside strings and comments.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut in_comment = false;
    let mut escaped = false;
    // Bytes, not characters: every byte that matters is ASCII, and the
    // bytes of other characters are never ASCII.
    for (i, &c) in text.as_bytes().iter().enumerate() {
        match c {
            b'\n' | b'\r' => {
                in_comment = false;
                in_string = false;
            }
            _ if in_comment => {}
            _ if in_string => {
                if escaped {
                    escaped = false;
                } else if c == b'\\' {
                    escaped = true;
                } else if c == b'"' {
                    in_string = false;
                }
            }
            b'#' => in_comment = true,
            b'"' => in_string = true,
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn error_position(location: &InputLocation) -> usize {
    match location {
        InputLocation::Pos(pos) => *pos,
        InputLocation::Span((start, _)) => *start,
    }
}

#[cfg(test)]
mod tests;
