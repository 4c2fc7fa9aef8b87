//! One lifecycle rule as written: its action and days, its storage class,
//! and its options (`id`, `newer_versions`, tag and size conditions).
//! Which rules become one RGW rule is `lifecycle`'s business.

use super::lifecycle_options::{options, Options};
use super::values::{self, one_of};
use crate::ast;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{self, LifecycleAction, LifecycleFilter};
use crate::source::{Span, Spanned};

/// The verbs of lifecycle rules.
pub const LIFECYCLE_ACTIONS: [&str; 6] = [
    "abort-uploads",
    "expire",
    "expire-delete-markers",
    "expire-noncurrent",
    "transition",
    "transition-noncurrent",
];

/// RGW's limit on rule IDs.
pub(super) const MAX_ID_LEN: usize = 255;

/// A source rule, checked.
pub(super) struct Lowered {
    /// The user's `id`.
    pub user_id: Option<Spanned<String>>,
    /// The ID rookc gives it without one.
    pub generated_id: String,
    pub filter: LifecycleFilter,
    pub action: LifecycleAction,
    pub span: Span,
}

impl Lowered {
    pub fn id(&self) -> &str {
        self.user_id
            .as_ref()
            .map_or(self.generated_id.as_str(), |id| id.value.as_str())
    }
}

pub(super) fn lower_rule(rule: &ast::LifecycleRule, diags: &mut Diagnostics) -> Option<Lowered> {
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
    let options = rule.options.as_ref().map(|o| options(o, diags));
    let days = days(rule, verb, diags);
    let target = target(rule, verb, diags);
    let options = match options {
        Some(options) => options?,
        None => Options::default(),
    };
    let days = days?;
    let target = target?;
    let newer_versions = newer_versions(&options, verb, diags)?;
    let action = match verb {
        "expire" => LifecycleAction::Expire { days },
        "expire-delete-markers" => LifecycleAction::ExpireDeleteMarkers,
        "expire-noncurrent" => LifecycleAction::ExpireNoncurrent {
            days,
            newer_versions,
        },
        "abort-uploads" => LifecycleAction::AbortUploads { days },
        "transition-noncurrent" => LifecycleAction::TransitionNoncurrent {
            days,
            storage_class: target.unwrap_or_default(),
        },
        _ => LifecycleAction::Transition {
            days,
            storage_class: target.unwrap_or_default(),
        },
    };
    let prefix = rule
        .prefix
        .as_ref()
        .map(|p| p.value.clone())
        .unwrap_or_default();
    let filter = LifecycleFilter {
        prefix,
        tags: options.tags.clone(),
        larger_than: options.larger_than.as_ref().map(|s| s.value),
        smaller_than: options.smaller_than.as_ref().map(|s| s.value),
    };
    if let (Some(larger), Some(smaller)) = (&options.larger_than, &options.smaller_than) {
        if smaller.value <= larger.value {
            diags.push(
                Diagnostic::new(
                    Code::RefusedFilter,
                    "no object is both larger and smaller than these sizes",
                    smaller.span,
                    "not above `larger_than`",
                )
                .with_secondary(larger.span, "`larger_than` is this")
                .with_note("RGW refuses the whole lifecycle: the maximum object size must be larger than the minimum")
                .with_help("make `smaller_than` larger than `larger_than`"),
            );
            return None;
        }
    }
    let untaggable = matches!(
        action,
        LifecycleAction::ExpireDeleteMarkers | LifecycleAction::AbortUploads { .. }
    );
    if let (true, Some(tags)) = (untaggable, options.tags_span) {
        diags.push(
            Diagnostic::new(
                Code::RefusedFilter,
                format!("RGW refuses `{verb}` for tagged objects only"),
                tags,
                "no tags here",
            )
            .with_note("delete markers and multipart uploads carry no tags: RGW refuses the whole lifecycle with such a rule (InvalidRequest), as S3 does")
            .with_help("remove `tags`: a prefix or object sizes can narrow the rule"),
        );
        return None;
    }
    let generated_id = model::generated_rule_id(verb, action.storage_class(), &filter.prefix);
    if options.id.is_none() && generated_id.len() > MAX_ID_LEN {
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
    Some(Lowered {
        user_id: options.id,
        generated_id,
        filter,
        action,
        span: rule.span,
    })
}

/// The days after `after`: required by every action but
/// `expire-delete-markers`, which takes none (E0442).
fn days(rule: &ast::LifecycleRule, verb: &str, diags: &mut Diagnostics) -> Option<u32> {
    match (verb, &rule.after) {
        ("expire-delete-markers", None) => Some(0),
        ("expire-delete-markers", Some(after)) => {
            diags.push(
                Diagnostic::new(
                    Code::DeleteMarkersWithDays,
                    "`expire-delete-markers` takes no days",
                    after.span,
                    "no `after` for delete markers",
                )
                .with_note("a delete marker is removed once no noncurrent version is left behind it; RGW refuses an expiration with both days and `ExpiredObjectDeleteMarker`")
                .with_help("remove `after ...`; write `expire after ...` as a rule of its own to expire objects"),
            );
            None
        }
        (_, Some(after)) => values::days(after, "after", diags),
        (_, None) => {
            diags.push(
                Diagnostic::new(
                    Code::MissingAttribute,
                    format!("`{verb}` needs a number of days"),
                    rule.span,
                    "no `after DAYS`",
                )
                .with_help(format!(
                    "write `{verb} after 30d`, or the days it should wait"
                )),
            );
            None
        }
    }
}

/// The storage class after `to`: `Some(None)` for an action without one.
fn target(
    rule: &ast::LifecycleRule,
    verb: &str,
    diags: &mut Diagnostics,
) -> Option<Option<String>> {
    let transition = verb == "transition" || verb == "transition-noncurrent";
    match (transition, &rule.target) {
        (true, None) => {
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
            None
        }
        (true, Some(target)) if target.value.is_empty() => {
            diags.push(Diagnostic::new(
                Code::OutOfRange,
                "the storage class is empty",
                target.span,
                "empty storage class",
            ));
            None
        }
        (true, Some(target)) => Some(Some(target.value.clone())),
        (false, Some(target)) => {
            diags.push(
                Diagnostic::new(
                    Code::ConflictingAttributes,
                    format!("`to` only applies to `transition`, not `{verb}`"),
                    target.span,
                    "unexpected storage class",
                )
                .with_help("remove `to \"...\"`"),
            );
            None
        }
        (false, None) => Some(None),
    }
}

/// `newer_versions` fits noncurrent expirations only: RGW reads no
/// `NewerNoncurrentVersions` in a noncurrent transition (E0444).
fn newer_versions(options: &Options, verb: &str, diags: &mut Diagnostics) -> Option<Option<u32>> {
    let Some(newer) = &options.newer_versions else {
        return Some(None);
    };
    match verb {
        "expire-noncurrent" => Some(Some(newer.value)),
        "transition-noncurrent" => {
            diags.push(
                Diagnostic::new(
                    Code::NewerVersionsOnTransition,
                    "RGW ignores `newer_versions` on a noncurrent transition",
                    newer.span,
                    "never applied",
                )
                .with_note("RGW reads `NewerNoncurrentVersions` in a noncurrent expiration only: a transition with it would move every noncurrent version")
                .with_help("remove `newer_versions`, or keep the newest versions with `expire-noncurrent ... { newer_versions = N }`"),
            );
            None
        }
        _ => {
            diags.push(
                Diagnostic::new(
                    Code::ConflictingAttributes,
                    format!("`newer_versions` only applies to `expire-noncurrent`, not `{verb}`"),
                    newer.span,
                    "unexpected option",
                )
                .with_help("remove `newer_versions`"),
            );
            None
        }
    }
}
