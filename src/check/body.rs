//! Reading a declaration's body against the attributes its kind accepts:
//! unknown and repeated keys are reported here, once, and the typed value
//! readers below report values of the wrong type or unit.

use super::suggest::did_you_mean;
use super::units::{self, Size, UnitError};
use crate::ast::{Attribute, Block, BodyItem, Declaration, Lifecycle, Policy, Value, ValueKind};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{Span, Spanned};

/// The shape a key takes in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `key = value`
    Attribute,
    /// `key { entries }`
    Block,
    /// `policy { statements }`
    Policy,
    /// `lifecycle { rules }`
    Lifecycle,
}

/// A declaration's body, with unknown and repeated keys already reported.
pub struct Body<'a> {
    items: Vec<&'a BodyItem>,
    defaults: &'a [Attribute],
}

impl<'a> Body<'a> {
    /// Reads `decl`'s body against `schema` (key and shape).
    pub fn read(
        decl: &'a Declaration,
        schema: &[(&str, Shape)],
        diags: &mut Diagnostics,
    ) -> Body<'a> {
        let mut items: Vec<&'a BodyItem> = Vec::new();
        for item in &decl.body {
            let (key, span) = item.key();
            let Some(&(_, shape)) = schema.iter().find(|(known, _)| *known == key) else {
                diags.push(unknown_key(key, span, decl, schema));
                continue;
            };
            if shape_of(item) != shape {
                diags.push(wrong_shape(key, span, shape));
                continue;
            }
            if let Some(first) = items.iter().find(|seen| seen.key().0 == key) {
                diags.push(
                    Diagnostic::new(
                        Code::DuplicateAttribute,
                        format!(
                            "`{key}` is given twice in {} `{}`",
                            decl.kind.value.noun(),
                            decl.name.value
                        ),
                        span,
                        "given again here",
                    )
                    .with_secondary(first.key().1, "first given here")
                    .with_help(format!("remove one of the two `{key}`")),
                );
                continue;
            }
            items.push(item);
        }
        Body {
            items,
            defaults: &decl.group_defaults,
        }
    }

    fn item(&self, key: &str) -> Option<&'a BodyItem> {
        self.items.iter().copied().find(|item| item.key().0 == key)
    }

    /// `key = value` written in the declaration itself.
    pub fn own_attribute(&self, key: &str) -> Option<&'a Attribute> {
        match self.item(key) {
            Some(BodyItem::Attribute(attribute)) => Some(attribute),
            _ => None,
        }
    }

    /// `key = value` from the declaration, else from its namespace group.
    pub fn attribute(&self, key: &str) -> Option<&'a Attribute> {
        self.own_attribute(key)
            .or_else(|| self.defaults.iter().find(|a| a.key.value == key))
    }

    pub fn block(&self, key: &str) -> Option<&'a Block> {
        match self.item(key) {
            Some(BodyItem::Block(block)) => Some(block),
            _ => None,
        }
    }

    pub fn policy(&self) -> Option<&'a Policy> {
        match self.item("policy") {
            Some(BodyItem::Policy(policy)) => Some(policy),
            _ => None,
        }
    }

    pub fn lifecycle(&self) -> Option<&'a Lifecycle> {
        match self.item("lifecycle") {
            Some(BodyItem::Lifecycle(lifecycle)) => Some(lifecycle),
            _ => None,
        }
    }
}

fn shape_of(item: &BodyItem) -> Shape {
    match item {
        BodyItem::Attribute(_) => Shape::Attribute,
        BodyItem::Block(_) => Shape::Block,
        BodyItem::Policy(_) => Shape::Policy,
        BodyItem::Lifecycle(_) => Shape::Lifecycle,
    }
}

fn unknown_key(key: &str, span: Span, decl: &Declaration, schema: &[(&str, Shape)]) -> Diagnostic {
    let noun = decl.kind.value.noun();
    let known: Vec<String> = schema.iter().map(|(k, _)| format!("`{k}`")).collect();
    Diagnostic::new(
        Code::UnknownAttribute,
        format!("{noun} `{}` has no attribute `{key}`", decl.name.value),
        span,
        "unknown attribute",
    )
    .with_optional_help(
        did_you_mean(key, schema.iter().map(|(k, _)| *k)).map(|k| format!("did you mean `{k}`?")),
    )
    .with_note(format!(
        "{} {noun} takes {}",
        decl.kind.value.article(),
        known.join(", ")
    ))
}

fn wrong_shape(key: &str, span: Span, shape: Shape) -> Diagnostic {
    let written = match shape {
        Shape::Attribute => format!("`{key} = value`"),
        Shape::Block | Shape::Policy | Shape::Lifecycle => format!("`{key} {{ ... }}`"),
    };
    Diagnostic::new(
        Code::TypeMismatch,
        format!("`{key}` is written as {written}"),
        span,
        "written in the wrong form",
    )
    .with_help(format!("write {written}"))
}

/// Reports the unknown and repeated keys of a block's entries, and returns
/// each known entry once.
pub fn block_entries<'a>(
    block: &'a Block,
    known: &[&str],
    what: &str,
    diags: &mut Diagnostics,
) -> Vec<&'a Attribute> {
    let mut entries: Vec<&'a Attribute> = Vec::new();
    for entry in &block.entries {
        let key = entry.key.value.as_str();
        if !known.is_empty() && !known.contains(&key) {
            diags.push(
                Diagnostic::new(
                    Code::UnknownAttribute,
                    format!("{what} has no entry `{key}`"),
                    entry.key.span,
                    "unknown entry",
                )
                .with_optional_help(
                    did_you_mean(key, known.iter().copied())
                        .map(|k| format!("did you mean `{k}`?")),
                )
                .with_note(format!(
                    "{what} takes {}",
                    known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
            continue;
        }
        if let Some(first) = entries.iter().find(|seen| seen.key.value == key) {
            diags.push(
                Diagnostic::new(
                    Code::DuplicateAttribute,
                    format!("`{key}` is given twice in {what}"),
                    entry.key.span,
                    "given again here",
                )
                .with_secondary(first.key.span, "first given here")
                .with_help(format!("remove one of the two `{key}`")),
            );
            continue;
        }
        entries.push(entry);
    }
    entries
}

/// E0302 for a required attribute that is missing.
pub fn missing(decl: &Declaration, key: &str, example: &str) -> Diagnostic {
    Diagnostic::new(
        Code::MissingAttribute,
        format!(
            "{} `{}` has no `{key}`",
            decl.kind.value.noun(),
            decl.name.value
        ),
        decl.name.span,
        format!("`{key}` is required here"),
    )
    .with_help(format!("add `{key} = {example}`"))
}

fn type_mismatch(value: &Value, key: &str, expected: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TypeMismatch,
        format!("`{key}` takes {expected}, not {}", value.kind.describe()),
        value.span,
        format!("expected {expected}"),
    )
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
