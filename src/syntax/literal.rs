//! Decoding of string and number literals, shared by pest's lowering
//! (`lower.rs`) and the fast path (`fast/`): both parsers find where a
//! literal ends, and this module alone says what it means and what is
//! wrong with it. Lowering reports the mistakes; the fast path gives the
//! file to pest when there is one.

use crate::ast::ValueKind;
use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, Span};

/// A decoded literal and the mistakes found in it (usually none: an empty
/// `Vec` does not allocate).
pub struct Decoded<T> {
    pub value: T,
    pub mistakes: Vec<Mistake>,
}

/// What is wrong with a literal the grammar accepts. Offsets are in bytes
/// from the literal's first character (a string's opening quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mistake {
    /// `\q`: a backslash at `offset`, followed by a character that is not
    /// an escape the language knows.
    UnknownEscape { offset: usize, escaped: char },
    /// A `_` at `offset` that does not stand between two digits.
    MisplacedUnderscore { offset: usize },
}

impl Mistake {
    /// The diagnostic for this mistake in `literal` (the literal's text as
    /// written), which starts at byte `start` of `file`.
    pub fn diagnostic(self, file: FileId, start: usize, literal: &str) -> Diagnostic {
        match self {
            Mistake::UnknownEscape { offset, escaped } => {
                let at = start + offset;
                Diagnostic::new(
                    Code::InvalidEscape,
                    format!("unknown escape `\\{escaped}` in a string"),
                    Span::new(file, at, at + 1 + escaped.len_utf8()),
                    "not an escape the language knows",
                )
                .with_help("the escapes are `\\\"`, `\\\\`, `\\n`, `\\t` and `\\r`; write `\\\\` for a backslash")
            }
            Mistake::MisplacedUnderscore { offset } => {
                let at = start + offset;
                Diagnostic::new(
                    Code::InvalidNumber,
                    format!("`{literal}` has a `_` that does not stand between two digits"),
                    Span::new(file, at, at + 1),
                    "misplaced `_`",
                )
                .with_help(format!(
                    "write `{}`; a `_` may only separate digits, as in `1_000_000`",
                    without_misplaced_underscores(literal)
                ))
            }
        }
    }
}

/// Decodes a string literal written `"..."` (quotes included). An unknown
/// escape stands for the character after the backslash.
pub fn string(literal: &str) -> Decoded<String> {
    let inner = literal
        .get(1..literal.len().saturating_sub(1))
        .unwrap_or("");
    let mut mistakes = Vec::new();
    // Most strings hold no escape at all.
    if !inner.contains('\\') {
        return Decoded {
            value: inner.to_string(),
            mistakes,
        };
    }
    let mut value = String::with_capacity(inner.len());
    let mut chars = inner.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            value.push(c);
            continue;
        }
        match chars.next() {
            Some((_, 'n')) => value.push('\n'),
            Some((_, 't')) => value.push('\t'),
            Some((_, 'r')) => value.push('\r'),
            Some((_, '"')) => value.push('"'),
            Some((_, '\\')) => value.push('\\'),
            Some((_, escaped)) => {
                // `+ 1`: the opening quote.
                mistakes.push(Mistake::UnknownEscape {
                    offset: i + 1,
                    escaped,
                });
                value.push(escaped);
            }
            // The grammar lets no string end in a lone backslash.
            None => value.push('\\'),
        }
    }
    Decoded { value, mistakes }
}

/// Decodes a number as the grammar reads it (`10Gi`, `1_000`, `-1.5`):
/// its digits without `_` separators, and its unit suffix.
pub fn number(literal: &str) -> Decoded<ValueKind> {
    let unit_start = literal
        .bytes()
        .position(|b| b.is_ascii_alphabetic())
        .unwrap_or(literal.len());
    let mistakes = misplaced_underscore(literal)
        .map(|offset| Mistake::MisplacedUnderscore { offset })
        .into_iter()
        .collect();
    Decoded {
        value: ValueKind::Number {
            digits: literal[..unit_start].replace('_', ""),
            unit: literal[unit_start..].to_string(),
        },
        mistakes,
    }
}

/// Whether the `_` at byte `i` of `text` stands between two digits.
fn separates_digits(bytes: &[u8], i: usize) -> bool {
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    i > 0 && digit_at(i - 1) && digit_at(i + 1)
}

/// The offset of the first `_` that does not stand between two digits
/// (`1__0`, `1_000_Gi`).
fn misplaced_underscore(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b'_' && !separates_digits(bytes, i))
}

/// `text` with every `_` that does not stand between two digits left out.
fn without_misplaced_underscores(text: &str) -> String {
    let bytes = text.as_bytes();
    text.char_indices()
        .filter(|&(i, c)| c != '_' || separates_digits(bytes, i))
        .map(|(_, c)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_decode_known_escapes_and_note_unknown_ones() {
        let decoded = string(r#""a\"b\\c\n\qé""#);
        assert_eq!(decoded.value, "a\"b\\c\nqé");
        assert_eq!(
            decoded.mistakes,
            [Mistake::UnknownEscape {
                offset: 10,
                escaped: 'q'
            }]
        );
    }

    #[test]
    fn numbers_split_digits_from_units_and_note_misplaced_underscores() {
        let decoded = number("1_500Gi");
        assert!(decoded.mistakes.is_empty());
        assert!(
            matches!(&decoded.value, ValueKind::Number { digits, unit } if digits == "1500" && unit == "Gi")
        );
        assert_eq!(
            number("1_000_Gi").mistakes,
            [Mistake::MisplacedUnderscore { offset: 5 }]
        );
        assert_eq!(without_misplaced_underscores("1__0_Gi"), "10Gi");
    }
}
