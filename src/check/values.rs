//! Typed readers of attribute values: each returns the value in the type
//! the attribute takes, or reports why it does not fit (type, unit, range).

use super::suggest::did_you_mean;
use super::units::{self, Size, UnitError};
use crate::ast::{Attribute, Value, ValueKind};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{Span, Spanned};

pub(super) fn type_mismatch(value: &Value, key: &str, expected: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TypeMismatch,
        format!("`{key}` takes {expected}, not {}", value.kind.describe()),
        value.span,
        format!("expected {expected}"),
    )
}

/// `true` or `false`.
pub fn boolean(attribute: &Attribute, diags: &mut Diagnostics) -> Option<Spanned<bool>> {
    match &attribute.value.kind {
        ValueKind::Bool(value) => Some(Spanned::new(*value, attribute.value.span)),
        _ => {
            diags.push(type_mismatch(
                &attribute.value,
                &attribute.key.value,
                "`true` or `false`",
            ));
            None
        }
    }
}

/// A string value.
pub fn string(attribute: &Attribute, diags: &mut Diagnostics) -> Option<Spanned<String>> {
    match &attribute.value.kind {
        ValueKind::Str(text) => Some(Spanned::new(text.clone(), attribute.value.span)),
        ValueKind::Ident(word) => {
            diags.push(
                type_mismatch(&attribute.value, &attribute.key.value, "a string")
                    .with_help(format!("quote it: `\"{word}\"`")),
            );
            None
        }
        _ => {
            diags.push(type_mismatch(
                &attribute.value,
                &attribute.key.value,
                "a string",
            ));
            None
        }
    }
}

/// A reference to a declaration: a bare name.
pub fn reference(attribute: &Attribute, diags: &mut Diagnostics) -> Option<Spanned<String>> {
    match &attribute.value.kind {
        ValueKind::Ident(word) => Some(Spanned::new(word.clone(), attribute.value.span)),
        ValueKind::Str(text) => {
            diags.push(
                type_mismatch(
                    &attribute.value,
                    &attribute.key.value,
                    "the name of a declaration",
                )
                .with_help(format!(
                    "references are written without quotes: `{} = {text}`",
                    attribute.key.value
                )),
            );
            None
        }
        _ => {
            diags.push(type_mismatch(
                &attribute.value,
                &attribute.key.value,
                "the name of a declaration",
            ));
            None
        }
    }
}

/// A list of strings (a single string is taken as a list of one).
pub fn string_list(attribute: &Attribute, diags: &mut Diagnostics) -> Option<Vec<Spanned<String>>> {
    let items: Vec<&Value> = match &attribute.value.kind {
        ValueKind::List(items) => items.iter().collect(),
        ValueKind::Str(_) => vec![&attribute.value],
        _ => {
            diags.push(type_mismatch(
                &attribute.value,
                &attribute.key.value,
                "a list of strings",
            ));
            return None;
        }
    };
    let mut out = Vec::new();
    for item in items {
        match &item.kind {
            ValueKind::Str(text) => out.push(Spanned::new(text.clone(), item.span)),
            _ => {
                diags.push(type_mismatch(
                    item,
                    &attribute.key.value,
                    "a list of strings",
                ));
                return None;
            }
        }
    }
    Some(out)
}

/// A list of references: `[a, b]`, or one bare name.
pub fn reference_list(
    attribute: &Attribute,
    diags: &mut Diagnostics,
) -> Option<Vec<Spanned<String>>> {
    let items: Vec<&Value> = match &attribute.value.kind {
        ValueKind::List(items) => items.iter().collect(),
        ValueKind::Ident(_) => vec![&attribute.value],
        _ => {
            diags.push(type_mismatch(
                &attribute.value,
                &attribute.key.value,
                "a list of names",
            ));
            return None;
        }
    };
    let mut out = Vec::new();
    for item in items {
        match &item.kind {
            ValueKind::Ident(word) => out.push(Spanned::new(word.clone(), item.span)),
            _ => {
                diags.push(
                    type_mismatch(item, &attribute.key.value, "a list of names")
                        .with_help("references are written without quotes"),
                );
                return None;
            }
        }
    }
    Some(out)
}

/// One of a fixed set of words.
pub fn word(
    attribute: &Attribute,
    choices: &[&'static str],
    diags: &mut Diagnostics,
) -> Option<Spanned<&'static str>> {
    let value = &attribute.value;
    let written = match &value.kind {
        ValueKind::Ident(word) | ValueKind::Str(word) => word.as_str(),
        _ => {
            diags.push(type_mismatch(value, &attribute.key.value, &one_of(choices)));
            return None;
        }
    };
    if let Some(choice) = choices.iter().find(|c| **c == written) {
        return Some(Spanned::new(*choice, value.span));
    }
    diags.push(unknown_value(
        value.span,
        &attribute.key.value,
        written,
        choices,
    ));
    None
}

/// E0306 for a word that is not one of `choices`.
pub fn unknown_value(span: Span, key: &str, written: &str, choices: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownValue,
        format!("`{written}` is not a value of `{key}`"),
        span,
        format!("expected {}", one_of(choices)),
    )
    .with_optional_help(
        did_you_mean(written, choices.iter().copied()).map(|c| format!("did you mean `{c}`?")),
    )
}

/// "`a`, `b` or `c`".
pub fn one_of(choices: &[&str]) -> String {
    let quoted: Vec<String> = choices.iter().map(|c| format!("`{c}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn number_parts<'v>(
    attribute: &'v Attribute,
    expected: &str,
    diags: &mut Diagnostics,
) -> Option<(&'v str, &'v str)> {
    match &attribute.value.kind {
        ValueKind::Number { digits, unit } => Some((digits, unit)),
        _ => {
            diags.push(type_mismatch(
                &attribute.value,
                &attribute.key.value,
                expected,
            ));
            None
        }
    }
}

/// A byte size (`500Gi`).
pub fn size(attribute: &Attribute, diags: &mut Diagnostics) -> Option<Spanned<Size>> {
    let (digits, unit) = number_parts(attribute, "a size such as `10Gi`", diags)?;
    match units::size(digits, unit) {
        Ok(size) => Some(Spanned::new(size, attribute.value.span)),
        Err(error) => {
            diags.push(unit_error(
                error,
                &attribute.value,
                &attribute.key.value,
                Measure::Size,
            ));
            None
        }
    }
}

/// A count of objects or buckets (`5`, `10M`).
pub fn count(attribute: &Attribute, diags: &mut Diagnostics) -> Option<Spanned<u64>> {
    let (digits, unit) = number_parts(attribute, "a count such as `1000` or `10M`", diags)?;
    match units::count(digits, unit) {
        Ok(count) => Some(Spanned::new(count, attribute.value.span)),
        Err(error) => {
            diags.push(unit_error(
                error,
                &attribute.value,
                &attribute.key.value,
                Measure::Count,
            ));
            None
        }
    }
}

/// A duration in days (`30d`), from a bare value (lifecycle rules).
pub fn days(value: &Value, key: &str, diags: &mut Diagnostics) -> Option<u32> {
    let ValueKind::Number { digits, unit } = &value.kind else {
        diags.push(type_mismatch(value, key, "a number of days such as `30d`"));
        return None;
    };
    match units::days(digits, unit) {
        Ok(days) => Some(days),
        Err(error) => {
            diags.push(unit_error(error, value, key, Measure::Days));
            None
        }
    }
}

/// What a number measures, for unit messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Size,
    Count,
    Days,
}

fn unit_error(error: UnitError, value: &Value, key: &str, measure: Measure) -> Diagnostic {
    let written = match &value.kind {
        ValueKind::Number { digits, unit } => format!("{digits}{unit}"),
        _ => String::new(),
    };
    let digits = written.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let what = match measure {
        Measure::Size => "a size in bytes",
        Measure::Count => "a plain count",
        Measure::Days => "a number of days",
    };
    match error {
        UnitError::UnknownUnit { unit, suggestion } => Diagnostic::new(
            Code::WrongUnit,
            format!("`{unit}` is not a unit"),
            value.span,
            "unknown unit",
        )
        .with_help(match suggestion {
            Some(s) => format!("did you mean `{digits}{s}`?"),
            None => match measure {
                Measure::Days => "durations are written in days, such as `30d`".to_string(),
                Measure::Size | Measure::Count => {
                    "the units are k, M, G, T, P, E (powers of 1000) and Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024)".to_string()
                }
            },
        }),
        UnitError::WrongUnit { unit } => {
            let help = match measure {
                Measure::Size => format!("sizes take a byte unit such as `{digits}Gi` or `{digits}G`"),
                Measure::Count => format!("counts take no unit or k, M, G, T, P, E, such as `{digits}` or `{digits}M`"),
                Measure::Days => format!("write the duration in days: `{digits}d`"),
            };
            Diagnostic::new(
                Code::WrongUnit,
                format!("`{key}` takes {what}, but `{written}` is in `{unit}`"),
                value.span,
                format!("`{unit}` does not fit {what}"),
            )
            .with_help(help)
        }
        UnitError::MissingUnit => {
            let help = match measure {
                Measure::Days => format!("durations are in days: write `{digits}d`"),
                Measure::Size | Measure::Count => format!("add a byte unit, such as `{digits}Gi` or `{digits}M`"),
            };
            Diagnostic::new(
                Code::WrongUnit,
                format!("`{written}` has no unit, but `{key}` takes {what}"),
                value.span,
                "unit missing",
            )
            .with_help(help)
        }
        UnitError::Fraction => Diagnostic::new(
            Code::OutOfRange,
            format!("`{key}` takes a whole number, not `{written}`"),
            value.span,
            "not a whole number",
        ),
        UnitError::NotPositive => Diagnostic::new(
            Code::OutOfRange,
            format!("`{key}` must be greater than zero"),
            value.span,
            "zero or negative",
        ),
        UnitError::BelowOneByte => Diagnostic::new(
            Code::OutOfRange,
            format!("`{written}` is less than one byte"),
            value.span,
            "below one byte",
        )
        .with_help("sizes count whole bytes, and `0.001k` is one byte; did you mean a larger unit?"),
        UnitError::TooLarge => Diagnostic::new(
            Code::OutOfRange,
            format!("`{written}` is too large for `{key}`"),
            value.span,
            "too large",
        )
        .with_note(match measure {
            Measure::Days => format!("durations are at most {} days", units::MAX_DAYS),
            Measure::Size | Measure::Count => "Rook reads quantities as 64-bit integers".to_string(),
        }),
    }
}
