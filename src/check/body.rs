//! Reading a declaration's body against the attributes its kind accepts:
//! unknown and repeated keys are reported here, once; `values` reads what
//! the keys hold.

use super::suggest::did_you_mean;
use crate::ast::{Attribute, Block, BodyItem, Declaration, Lifecycle, Policy};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::kinds::AttributeDef;
pub use crate::kinds::Shape;
use crate::source::Span;

/// A declaration's body, with unknown and repeated keys already reported.
pub struct Body<'a> {
    items: Vec<&'a BodyItem>,
    defaults: &'a [Attribute],
}

impl<'a> Body<'a> {
    /// Reads `decl`'s body against its kind's attributes (key and shape).
    pub fn read(decl: &'a Declaration, diags: &mut Diagnostics) -> Body<'a> {
        let schema = decl.kind.value.def().attributes;
        let mut items: Vec<&'a BodyItem> = Vec::new();
        for item in &decl.body {
            let (key, span) = item.key();
            let Some(shape) = schema
                .iter()
                .find(|a| a.key == key)
                .map(AttributeDef::shape)
            else {
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

fn unknown_key(key: &str, span: Span, decl: &Declaration, schema: &[AttributeDef]) -> Diagnostic {
    let noun = decl.kind.value.noun();
    if let Some(why) = crate::kinds::not_offered(decl.kind.value, key) {
        return Diagnostic::new(
            Code::UnknownAttribute,
            format!("{noun} `{}` has no attribute `{key}`", decl.name.value),
            span,
            "not read by Rook",
        )
        .with_note(why)
        .with_help(format!("remove `{key}`"));
    }
    let known: Vec<String> = schema.iter().map(|a| format!("`{}`", a.key)).collect();
    Diagnostic::new(
        Code::UnknownAttribute,
        format!("{noun} `{}` has no attribute `{key}`", decl.name.value),
        span,
        "unknown attribute",
    )
    .with_optional_help(
        did_you_mean(key, schema.iter().map(|a| a.key)).map(|k| format!("did you mean `{k}`?")),
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

/// E0302 for a required attribute that is missing; the help line shows
/// the example value of the kind's definition.
pub fn missing(decl: &Declaration, key: &str) -> Diagnostic {
    let example = decl.kind.value.attribute(key).map_or("...", |a| a.example);
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
