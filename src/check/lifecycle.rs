//! Bucket lifecycle rules: one RGW rule per line, with a stable ID derived
//! from what the rule does, or the `id` the user gives it; lines that share
//! an `id` (and their keys) are one RGW rule. Rules are sorted by ID (RGW
//! returns rules sorted by ID and Rook compares in order, so any other
//! order re-applies on every reconcile).

use std::collections::BTreeMap;

use super::lifecycle_rule::{lower_rule, Lowered};
use crate::ast;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{self, LifecycleAction};

pub use super::lifecycle_options::RULE_OPTIONS;
pub use super::lifecycle_rule::LIFECYCLE_ACTIONS;

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
    let mut ok = super::limits::check_rule_count(lifecycle, diags);
    // The rules of each ID, in source order; a map keeps IDs sorted.
    let mut by_id: BTreeMap<String, Vec<Lowered>> = BTreeMap::new();
    for rule in &lifecycle.rules {
        let Some(lowered) = lower_rule(rule, diags) else {
            ok = false;
            continue;
        };
        let group = by_id.entry(lowered.id().to_string()).or_default();
        if let Some(first) = group.first() {
            if !joins(first, &lowered, &rule.action.value, diags) {
                ok = false;
                continue;
            }
            if let Some(clash) = group.iter().find(|r| same_slot(&r.action, &lowered.action)) {
                slot_conflict(clash, &lowered, diags);
                ok = false;
                continue;
            }
        }
        group.push(lowered);
    }
    ok.then(|| model::Lifecycle {
        rules: by_id
            .into_iter()
            .map(|(id, rules)| merge(id, rules))
            .collect(),
    })
}

/// Whether `rule` may be one RGW rule with `first`, which has its ID;
/// reports why not.
fn joins(first: &Lowered, rule: &Lowered, verb: &str, diags: &mut Diagnostics) -> bool {
    match (&first.user_id, &rule.user_id) {
        (None, None) => {
            let help = if first.filter.is_prefix_only() && rule.filter.is_prefix_only() {
                "keep one rule per action and prefix"
            } else {
                "keep one rule per action and prefix, or give one of them an `id`: tags and sizes are not part of the ID rookc derives"
            };
            diags.push(
                Diagnostic::new(
                    Code::LifecycleConflict,
                    format!("two `{verb}` rules for the same keys"),
                    rule.span,
                    "this rule",
                )
                .with_secondary(first.span, "conflicts with this one")
                .with_help(help),
            );
            false
        }
        (Some(id), None) | (None, Some(id)) => {
            let (generated, user) = if first.user_id.is_none() {
                (first, rule)
            } else {
                (rule, first)
            };
            diags.push(
                Diagnostic::new(
                    Code::LifecycleIdClash,
                    format!("the rule ID `{}` is the ID rookc derives for another rule", id.value),
                    id.span,
                    "clashes with a derived ID",
                )
                .with_secondary(generated.span, "this rule is given that ID")
                .with_note("a rule without `id` gets the ID `ACTION[-CLASS][:PREFIX]`; two rules with one ID are one RGW rule")
                .with_help(if user.span == rule.span {
                    "choose another `id`"
                } else {
                    "give the other rule an `id` too"
                }),
            );
            false
        }
        (Some(_), Some(id)) if first.filter != rule.filter => {
            diags.push(
                Diagnostic::new(
                    Code::LifecycleIdClash,
                    format!(
                        "two rules with the ID `{}` apply to different keys",
                        id.value
                    ),
                    id.span,
                    "this rule's prefix, tags or sizes differ",
                )
                .with_secondary(first.span, "the first rule with this ID")
                .with_note("rules that share an `id` are one RGW rule, with one filter")
                .with_help("give them the same prefix, tags and sizes, or different IDs"),
            );
            false
        }
        (Some(_), Some(_)) => true,
    }
}

/// The part of an RGW rule an action fills: one expiration, one noncurrent
/// expiration, one abort, one transition per storage class.
fn slot(action: &LifecycleAction) -> (u8, Option<&str>) {
    match action {
        LifecycleAction::Expire { .. } | LifecycleAction::ExpireDeleteMarkers => (0, None),
        LifecycleAction::ExpireNoncurrent { .. } => (1, None),
        LifecycleAction::AbortUploads { .. } => (2, None),
        LifecycleAction::Transition { storage_class, .. } => (3, Some(storage_class)),
        LifecycleAction::TransitionNoncurrent { storage_class, .. } => (4, Some(storage_class)),
    }
}

fn same_slot(a: &LifecycleAction, b: &LifecycleAction) -> bool {
    slot(a) == slot(b)
}

fn slot_conflict(first: &Lowered, rule: &Lowered, diags: &mut Diagnostics) {
    let id = rule.id();
    let markers = |a: &LifecycleAction| matches!(a, LifecycleAction::ExpireDeleteMarkers);
    if markers(&first.action) != markers(&rule.action) {
        diags.push(
            Diagnostic::new(
                Code::DeleteMarkersWithDays,
                format!("the rule `{id}` both expires objects and removes delete markers"),
                rule.span,
                "this rule",
            )
            .with_secondary(first.span, "shares its ID with this one")
            .with_note("one RGW expiration holds either days or `ExpiredObjectDeleteMarker`, and RGW refuses both")
            .with_help("give `expire-delete-markers` an `id` of its own"),
        );
        return;
    }
    diags.push(
        Diagnostic::new(
            Code::LifecycleIdClash,
            format!(
                "two `{}` rules with the ID `{id}`",
                rule.action.verb()
            ),
            rule.span,
            "this rule",
        )
        .with_secondary(first.span, "the first with this ID")
        .with_note("rules that share an `id` are one RGW rule, which holds each action once (a transition once per storage class)")
        .with_help("give one of them another `id`"),
    );
}

/// One RGW rule of the rules that share `id`, its actions in RGW's order.
fn merge(id: String, rules: Vec<Lowered>) -> model::LifecycleRule {
    let filter = rules.first().map(|r| r.filter.clone()).unwrap_or_default();
    let mut actions: Vec<LifecycleAction> = rules.into_iter().map(|r| r.action).collect();
    actions.sort_by(|a, b| slot(a).cmp(&slot(b)));
    model::LifecycleRule {
        id,
        filter,
        actions,
    }
}
