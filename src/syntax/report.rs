//! The words of a syntax error: pest's failure turned into a diagnostic
//! that names what was expected and what was found.

use pest::error::ErrorVariant;

use super::{expected, hints, Rule};
use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, Span};

pub(super) fn unclosed(file: FileId, text: &str, open: usize, next: Option<usize>) -> Diagnostic {
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

pub(super) fn syntax_error(
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
