//! Bucket lifecycle rules: one RGW rule per line, with a stable ID derived
//! from what the rule does, sorted by ID (RGW returns rules sorted by ID and
//! Rook compares in order, so any other order re-applies on every
//! reconcile).

use super::hash::FastMap;
use super::values::{self, one_of};
use crate::ast;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{self, LifecycleAction};
use crate::source::Span;

/// The verbs of lifecycle rules.
pub const LIFECYCLE_ACTIONS: [&str; 4] =
    ["abort-uploads", "expire", "expire-noncurrent", "transition"];

/// Beyond this many rules, duplicates are found through a map.
const MANY_RULES: usize = 16;

/// RGW's limit on rule IDs.
const MAX_ID_LEN: usize = 255;

pub fn lower_lifecycle(
    lifecycle: &ast::Lifecycle,
    diags: &mut Diagnostics,
) -> Option<model::Lifecycle> {
    if lifecycle.rules.is_empty() {
        diags.push(
            Diagnostic::new(
                Code::MissingAttribute,
                "the lifecycle has no rules",
                lifecycle.keyword,
                "empty lifecycle",
            )
            .with_help("add a rule such as `expire after 30d`, or remove the lifecycle"),
        );
        return None;
    }
    // A list, not a map: most lifecycles have one to three rules.
    let mut rules: Vec<(model::LifecycleRule, Span)> = Vec::new();
    let mut ids: FastMap<String, Span> = FastMap::default();
    let mut ok = super::limits::check_rule_count(lifecycle, diags);
    for rule in &lifecycle.rules {
        let Some(lowered) = lower_rule(rule, diags) else {
            ok = false;
            continue;
        };
        let first = if lifecycle.rules.len() <= MANY_RULES {
            rules
                .iter()
                .find(|(r, _)| r.id == lowered.id)
                .map(|(_, span)| *span)
        } else {
            ids.get(&lowered.id).copied()
        };
        if let Some(first) = first {
            diags.push(
                Diagnostic::new(
                    Code::LifecycleConflict,
                    format!("two `{}` rules for the same keys", rule.action.value),
                    rule.span,
                    "this rule",
                )
                .with_secondary(first, "conflicts with this one")
                .with_help("keep one rule per action and prefix"),
            );
            ok = false;
            continue;
        }
        if lifecycle.rules.len() > MANY_RULES {
            ids.insert(lowered.id.clone(), rule.span);
        }
        rules.push((lowered, rule.span));
    }
    // The ids are unique, so the order is the same as a map's.
    rules.sort_unstable_by(|(a, _), (b, _)| a.id.cmp(&b.id));
    ok.then(|| model::Lifecycle {
        rules: rules.into_iter().map(|(rule, _)| rule).collect(),
    })
}

fn lower_rule(rule: &ast::LifecycleRule, diags: &mut Diagnostics) -> Option<model::LifecycleRule> {
    let verb = rule.action.value.as_str();
    if !LIFECYCLE_ACTIONS.contains(&verb) {
        diags.push(
            Diagnostic::new(
                Code::UnknownValue,
                format!("`{verb}` is not a lifecycle action"),
                rule.action.span,
                format!("expected {}", one_of(&LIFECYCLE_ACTIONS)),
            )
            .with_optional_help(
                super::suggest::did_you_mean(verb, LIFECYCLE_ACTIONS)
                    .map(|a| format!("did you mean `{a}`?")),
            ),
        );
        return None;
    }
    let days = values::days(&rule.after, "after", diags);
    let target = match (verb, &rule.target) {
        ("transition", None) => {
            diags.push(
                Diagnostic::new(
                    Code::MissingAttribute,
                    "a transition needs a storage class",
                    rule.span,
                    "no `to \"CLASS\"`",
                )
                .with_help(
                    "add `to \"CLASS\"`, naming a storage class of the object store's placement",
                ),
            );
            return None;
        }
        ("transition", Some(target)) if target.value.is_empty() => {
            diags.push(Diagnostic::new(
                Code::OutOfRange,
                "the storage class is empty",
                target.span,
                "empty storage class",
            ));
            return None;
        }
        ("transition", Some(target)) => Some(target.value.clone()),
        (_, Some(target)) => {
            diags.push(
                Diagnostic::new(
                    Code::ConflictingAttributes,
                    format!("`to` only applies to `transition`, not `{verb}`"),
                    target.span,
                    "unexpected storage class",
                )
                .with_help("remove `to \"...\"`"),
            );
            return None;
        }
        (_, None) => None,
    };
    let days = days?;
    let prefix = rule
        .prefix
        .as_ref()
        .map(|p| p.value.clone())
        .unwrap_or_default();
    let action = match verb {
        "expire" => LifecycleAction::Expire { days },
        "expire-noncurrent" => LifecycleAction::ExpireNoncurrent { days },
        "abort-uploads" => LifecycleAction::AbortUploads { days },
        _ => LifecycleAction::Transition {
            days,
            storage_class: target.clone().unwrap_or_default(),
        },
    };
    let mut id = verb.to_string();
    if let Some(class) = &target {
        id.push('-');
        id.push_str(class);
    }
    if !prefix.is_empty() {
        id.push(':');
        id.push_str(&prefix);
    }
    if id.len() > MAX_ID_LEN {
        let span = rule.prefix.as_ref().map_or(rule.span, |p| p.span);
        diags.push(
            Diagnostic::new(
                Code::OutOfRange,
                "this rule's prefix is too long",
                span,
                "too long",
            )
            .with_note(format!(
                "the rule ID `{verb}:<prefix>` must stay within RGW's {MAX_ID_LEN} characters"
            )),
        );
        return None;
    }
    Some(model::LifecycleRule { id, prefix, action })
}
