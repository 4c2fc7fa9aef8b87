//! Common mistakes behind a syntax error, told in the user's words.
//!
//! pest says which tokens it expected where it stopped; that place is often
//! a line or two after the mistake (`owner =` with its value forgotten is
//! noticed at the `{` of the next block). The recognisers here look at the
//! tokens just before the failure and, when they match a known mistake,
//! replace the generic "expected X, found Y" with a message at the place of
//! the mistake and a fix.

use super::Rule;
use crate::check::units::suggest_unit;

/// A syntax error as the user should read it: byte range (in the whole
/// file), message, label and an optional help line.
pub(super) struct Hint {
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Number,
    String,
    Punct(u8),
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// The tokens of `text[from..to]`, comments and whitespace left out. A
/// string left open at the end of a line ends there, as the grammar says.
fn tokens(text: &str, from: usize, to: usize) -> Vec<Token> {
    let bytes = text.as_bytes();
    let to = to.min(bytes.len());
    let mut out = Vec::new();
    let mut i = from;
    let is_word = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
    while i < to {
        let c = bytes[i];
        let start = i;
        let kind = match c {
            b' ' | b'\t' | b'\r' | b'\n' => {
                i += 1;
                continue;
            }
            b'#' => {
                while i < to && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            b'"' => {
                i += 1;
                while i < to && !matches!(bytes[i], b'"' | b'\n' | b'\r') {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(to);
                Kind::String
            }
            b'0'..=b'9' => {
                while i < to && (is_word(bytes[i]) || bytes[i] == b'.') {
                    i += 1;
                }
                Kind::Number
            }
            _ if is_word(c) || c == b'@' => {
                i += 1;
                while i < to && is_word(bytes[i]) {
                    i += 1;
                }
                Kind::Word
            }
            _ => {
                // One character, whole (the text is UTF-8).
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                Kind::Punct(if c.is_ascii() { c } else { 0 })
            }
        };
        out.push(Token {
            kind,
            start,
            end: i.min(to),
        });
    }
    out
}

/// Line number (0-based, counted from `from`) of `at`; `\r\n`, `\r` and
/// `\n` each end a line.
fn same_line(text: &str, a: usize, b: usize) -> bool {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    !text.as_bytes()[lo..hi]
        .iter()
        .any(|&c| c == b'\n' || c == b'\r')
}

/// The hint for a syntax error at `at`, when the tokens of `text[from..]`
/// before it show a mistake this module knows.
pub(super) fn recognise(text: &str, from: usize, at: usize, expected: &[Rule]) -> Option<Hint> {
    // The token that failed, and those before it.
    let all = tokens(text, from, at.saturating_add(256));
    let split = all.iter().position(|t| t.start >= at).unwrap_or(all.len());
    let (before, after) = all.split_at(split);
    let found = after.first().copied();
    let word = |t: &Token| &text[t.start..t.end];

    if let Some(hint) = missing_value(text, before, found) {
        return Some(hint);
    }
    if let Some(hint) = spaced_unit(text, before) {
        return Some(hint);
    }
    // `after 30 days`: a lifecycle rule cannot start with a unit word, so
    // the error is at the unit itself.
    if let Some(unit) = found.filter(|t| t.kind == Kind::Word) {
        let mut with_unit = before.to_vec();
        with_unit.push(unit);
        if let Some(hint) = spaced_unit(text, &with_unit) {
            return Some(hint);
        }
    }
    let found = found?;
    let wants = |rule: Rule| expected.contains(&rule);
    match found.kind {
        Kind::Punct(b':') if wants(Rule::eq) => {
            let name = before.last().map_or("name", |t| word(t));
            let value = after
                .get(1)
                .filter(|t| same_line(text, found.end, t.start))
                .map_or("...", |t| word(t));
            Some(Hint {
                start: found.start,
                end: found.end,
                message: "expected `=`, found `:`".into(),
                label: "write `=` here".into(),
                help: Some(format!(
                    "attributes are written with `=`: `{name} = {value}`"
                )),
            })
        }
        Kind::Punct(b',') if !wants(Rule::comma) => {
            let help = if wants(Rule::action) {
                "list access groups and actions with spaces between them: `read write`"
            } else {
                "remove the `,`: attributes, entries and statements are separated by spaces or line breaks"
            };
            Some(Hint {
                start: found.start,
                end: found.end,
                message: "unexpected `,`".into(),
                label: "no comma here".into(),
                help: Some(help.into()),
            })
        }
        Kind::Word if wants(Rule::string) && !wants(Rule::ident) && !wants(Rule::ref_ident) => {
            let text = word(&found);
            Some(Hint {
                start: found.start,
                end: found.end,
                message: format!("expected a string, found `{text}`"),
                label: "a string is expected here".into(),
                help: Some(format!("quote it: `\"{text}\"`")),
            })
        }
        _ => None,
    }
}

/// `owner =` at the end of a line, its value forgotten: pest takes the
/// first word of the next line as the value and fails after it.
fn missing_value(text: &str, before: &[Token], found: Option<Token>) -> Option<Hint> {
    let eq_index = before.iter().rposition(|t| t.kind == Kind::Punct(b'='))?;
    let eq = before[eq_index];
    let name = before.get(eq_index.checked_sub(1)?)?;
    if name.kind != Kind::Word {
        return None;
    }
    let rest = &before[eq_index + 1..];
    let label = match rest {
        // `owner =` then `policy {` on the next line.
        [value] if !same_line(text, eq.end, value.start) => "no value on this line",
        // `owner = }`: nothing that can be a value follows.
        [] if found.is_none_or(|t| matches!(t.kind, Kind::Punct(b'}' | b'{' | b'='))) => {
            "no value after `=`"
        }
        _ => return None,
    };
    let name = &text[name.start..name.end];
    Some(Hint {
        start: eq.start,
        end: eq.end,
        message: format!("expected a value after `{name} =`"),
        label: label.into(),
        help: Some(format!(
            "write `{name}`'s value after the `=`, on the same line"
        )),
    })
}

/// `30 days`, `10 Gi`: a unit written apart from its number.
fn spaced_unit(text: &str, before: &[Token]) -> Option<Hint> {
    let [.., number, unit] = before else {
        return None;
    };
    if number.kind != Kind::Number || unit.kind != Kind::Word {
        return None;
    }
    let digits = &text[number.start..number.end];
    if !digits
        .bytes()
        .all(|c| c.is_ascii_digit() || c == b'_' || c == b'.')
    {
        return None;
    }
    let written = &text[unit.start..unit.end];
    let suffix = suggest_unit(written).or(match written {
        "d" => Some("d"),
        _ => None,
    })?;
    let fixed = format!("{digits}{suffix}");
    Some(Hint {
        start: number.start,
        end: unit.end,
        message: format!("`{digits} {written}` is not a number with a unit"),
        label: "a number and its unit are written together".into(),
        help: Some(format!("write `{fixed}`")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_skip_comments_and_keep_strings_whole() {
        let text = "a = \"x # y\" # c\r b";
        let kinds: Vec<Kind> = tokens(text, 0, text.len()).iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [Kind::Word, Kind::Punct(b'='), Kind::String, Kind::Word]
        );
    }

    #[test]
    fn same_line_sees_every_line_end() {
        assert!(same_line("a b", 0, 2));
        assert!(!same_line("a\rb", 0, 2));
        assert!(!same_line("a\nb", 0, 2));
    }
}
