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
mod lower;

pub use hidden::bom_len;

use pest::error::{ErrorVariant, InputLocation};
use pest::Parser;
use pest_derive::Parser;

use crate::ast::{self, DeclKind};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{FileId, Span};

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

/// Byte offsets (from `from` on) of lines that start, in column 0, with a
/// keyword that begins a top-level item: the places to resume after an error.
fn chunk_starts(text: &str, from: usize) -> impl Iterator<Item = usize> + '_ {
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
fn note_skipped(file: &mut ast::File, skipped: &str) {
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
fn unclosed_brace(text: &str, from: usize, to: usize) -> Option<usize> {
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

fn unclosed(file: FileId, text: &str, open: usize, next: Option<usize>) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::Syntax,
        "unclosed `{`",
        Span::new(file, open, open + 1),
        "this `{` is never closed",
    )
    .with_help("add the missing `}`");
    match next {
        Some(next) => diagnostic.with_secondary(
            Span::new(file, next, next + found_at(text, next).len()),
            "the next declaration starts here, inside the open block",
        ),
        None => diagnostic,
    }
}

fn syntax_error(
    file: FileId,
    text: &str,
    from: usize,
    at: usize,
    variant: &ErrorVariant<Rule>,
) -> Diagnostic {
    let found = found_at(text, at);
    let span = Span::new(file, at, at + found.len());
    if let Some(quote) = unterminated_string(text, at) {
        return Diagnostic::new(
            Code::Syntax,
            "unterminated string",
            Span::new(file, quote, quote + 1),
            "this string has no closing `\"`",
        )
        .with_help("close the string with `\"` on the same line");
    }
    let positives: &[Rule] = match variant {
        ErrorVariant::ParsingError { positives, .. } => positives,
        ErrorVariant::CustomError { .. } => &[],
    };
    if let Some(hint) = hints::recognise(text, from, at, positives) {
        return Diagnostic::new(
            Code::Syntax,
            hint.message,
            Span::new(file, hint.start, hint.end),
            hint.label,
        )
        .with_optional_help(hint.help);
    }
    let expected = match variant {
        ErrorVariant::ParsingError { positives, .. } => expected::join(
            positives
                .iter()
                // A comment may start anywhere; it is never what was missing.
                .filter(|rule| !matches!(rule, Rule::COMMENT | Rule::WHITESPACE))
                .map(|rule| expected::describe(*rule))
                .collect(),
        ),
        ErrorVariant::CustomError { message } => message.clone(),
    };
    let found_words = if found.is_empty() {
        "the end of the file".to_string()
    } else {
        format!("`{found}`")
    };
    Diagnostic::new(
        Code::Syntax,
        format!("expected {expected}, found {found_words}"),
        span,
        format!("expected {expected}"),
    )
}

/// The token at `at`: a word, or one character.
fn found_at(text: &str, at: usize) -> &str {
    let rest = text.get(at..).unwrap_or("");
    let word_len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
        .map_or(rest.len(), |(i, _)| i);
    if word_len > 0 {
        return &rest[..word_len];
    }
    match rest.chars().next() {
        Some(c) if c.is_whitespace() => "",
        Some(c) => &rest[..c.len_utf8()],
        None => "",
    }
}

/// The offset of an opening quote on the line of `at` that is never closed,
/// when the error sits at that line's end.
fn unterminated_string(text: &str, at: usize) -> Option<usize> {
    let line_start = text[..at.min(text.len())]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    let line_end = text[line_start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| line_start + i);
    let mut open = None;
    let mut chars = text[line_start..line_end].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '#' if open.is_none() => break,
            '"' => {
                open = if open.is_some() {
                    None
                } else {
                    Some(line_start + i)
                }
            }
            '\\' if open.is_some() => {
                chars.next();
            }
            _ => {}
        }
    }
    open
}

#[cfg(test)]
mod tests;
