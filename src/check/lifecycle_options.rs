//! The options of a lifecycle rule, in `{ ... }` after it: `id`,
//! `newer_versions`, `larger_than`, `smaller_than` and `tags { ... }`,
//! each read in its type; whether they fit the rule's action is
//! `lifecycle_rule`'s business.

use super::lifecycle_rule::MAX_ID_LEN;
use super::values::{self, one_of};
use crate::ast::{self, RuleOption};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{Span, Spanned};

/// The options a rule may have, in `{ ... }` after it.
pub const RULE_OPTIONS: [&str; 5] = [
    "id",
    "larger_than",
    "newer_versions",
    "smaller_than",
    "tags",
];

/// What the options said.
#[derive(Default)]
pub(super) struct Options {
    pub id: Option<Spanned<String>>,
    pub newer_versions: Option<Spanned<u32>>,
    pub larger_than: Option<Spanned<u64>>,
    pub smaller_than: Option<Spanned<u64>>,
    pub tags: Vec<(String, String)>,
    /// Where `tags` was written.
    pub tags_span: Option<Span>,
}

pub(super) fn options(options: &ast::RuleOptions, diags: &mut Diagnostics) -> Option<Options> {
    let mut out = Options::default();
    let mut ok = true;
    let mut seen: Vec<&Spanned<String>> = Vec::new();
    for item in &options.items {
        let key = item.key();
        if let Some(first) = seen.iter().find(|k| k.value == key.value) {
            diags.push(
                Diagnostic::new(
                    Code::DuplicateAttribute,
                    format!("`{}` is given twice", key.value),
                    key.span,
                    "given again here",
                )
                .with_secondary(first.span, "first given here"),
            );
            ok = false;
            continue;
        }
        seen.push(key);
        ok &= option(item, &mut out, diags).is_some();
    }
    ok.then_some(out)
}

fn option(item: &RuleOption, out: &mut Options, diags: &mut Diagnostics) -> Option<()> {
    match (item.key().value.as_str(), item) {
        ("id", RuleOption::Attribute(attribute)) => {
            let id = values::string(attribute, diags)?;
            if id.value.is_empty() || id.value.len() > MAX_ID_LEN {
                let (what, label) = if id.value.is_empty() {
                    (
                        "a lifecycle rule ID cannot be empty".to_string(),
                        "empty ID",
                    )
                } else {
                    (
                        format!(
                            "this rule ID is {} bytes long, more than RGW's {MAX_ID_LEN}",
                            id.value.len()
                        ),
                        "too long",
                    )
                };
                diags.push(
                    Diagnostic::new(Code::InvalidRuleId, what, id.span, label)
                        .with_note("RGW gives a rule without an ID a random one and refuses IDs longer than 255 characters")
                        .with_help("write an ID of 1 to 255 characters, or remove `id` to have rookc derive one"),
                );
                return None;
            }
            out.id = Some(id);
        }
        ("newer_versions", RuleOption::Attribute(attribute)) => {
            let count = values::count(attribute, diags)?;
            let Ok(value) = u32::try_from(count.value) else {
                diags.push(Diagnostic::new(
                    Code::OutOfRange,
                    "`newer_versions` is too large",
                    count.span,
                    "at most 4294967295",
                ));
                return None;
            };
            out.newer_versions = Some(Spanned::new(value, count.span));
        }
        (key @ ("larger_than" | "smaller_than"), RuleOption::Attribute(attribute)) => {
            let size = values::size(attribute, diags)?;
            let bytes = u64::try_from(size.value.bytes).unwrap_or(u64::MAX);
            let size = Some(Spanned::new(bytes, size.span));
            if key == "larger_than" {
                out.larger_than = size;
            } else {
                out.smaller_than = size;
            }
        }
        ("tags", RuleOption::Block(block)) => {
            out.tags_span = Some(block.name.span);
            out.tags = tags(block, diags)?;
        }
        (key, _) => {
            let known = RULE_OPTIONS.contains(&key);
            let message = match (known, item) {
                (true, RuleOption::Block(_)) => format!("`{key}` is written `{key} = ...`"),
                (true, RuleOption::Attribute(_)) => format!("`{key}` is written `{key} {{ ... }}`"),
                (false, _) => format!("`{key}` is not an option of a lifecycle rule"),
            };
            diags.push(
                Diagnostic::new(
                    Code::UnknownAttribute,
                    message,
                    item.key().span,
                    format!("expected {}", one_of(&RULE_OPTIONS)),
                )
                .with_optional_help(
                    (!known)
                        .then(|| super::suggest::did_you_mean(key, RULE_OPTIONS))
                        .flatten()
                        .map(|o| format!("did you mean `{o}`?")),
                ),
            );
            return None;
        }
    }
    Some(())
}

/// `tags { env = "dev" }`, sorted by key as RGW keeps them.
fn tags(block: &ast::Block, diags: &mut Diagnostics) -> Option<Vec<(String, String)>> {
    if block.entries.is_empty() {
        diags.push(
            Diagnostic::new(
                Code::MissingAttribute,
                "`tags` has no tags",
                block.span,
                "empty",
            )
            .with_help("add a tag such as `env = \"dev\"`, or remove `tags`"),
        );
        return None;
    }
    let mut tags: Vec<(String, String)> = Vec::new();
    let mut ok = true;
    for entry in &block.entries {
        let Some(value) = values::string(entry, diags) else {
            ok = false;
            continue;
        };
        if tags.iter().any(|(key, _)| *key == entry.key.value) {
            diags.push(Diagnostic::new(
                Code::DuplicateAttribute,
                format!("the tag `{}` is given twice", entry.key.value),
                entry.key.span,
                "given again here",
            ));
            ok = false;
            continue;
        }
        tags.push((entry.key.value.clone(), value.value));
    }
    tags.sort();
    ok.then_some(tags)
}
