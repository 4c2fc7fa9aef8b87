//! The storage classes of an object store's placement, and the lifecycle
//! transitions that name them: RGW accepts a transition to a class its
//! placement lacks and never applies it.

use super::hash::FastSet;
use super::Checker;
use crate::ast;
use crate::diag::{Code, Diagnostic};
use crate::source::Spanned;

/// The storage class every placement has.
pub const STANDARD: &str = "STANDARD";

impl Checker<'_> {
    /// `placement_classes`, `STANDARD` added; empty and repeated entries
    /// reported.
    pub(super) fn placement_classes(&mut self, list: Vec<Spanned<String>>) -> Vec<String> {
        let mut classes = vec![STANDARD.to_string()];
        let mut seen: FastSet<String> = FastSet::default();
        for class in list {
            if class.value.is_empty() {
                self.diags.push(Diagnostic::new(
                    Code::OutOfRange,
                    "the storage class is empty",
                    class.span,
                    "empty storage class",
                ));
                continue;
            }
            if !seen.insert(class.value.clone()) {
                self.diags.push(
                    Diagnostic::new(
                        Code::DuplicateAttribute,
                        format!("`{}` is listed twice in `placement_classes`", class.value),
                        class.span,
                        "listed again here",
                    )
                    .with_help("remove one of the two"),
                );
                continue;
            }
            if class.value != STANDARD {
                classes.push(class.value);
            }
        }
        classes
    }

    /// E0420: a transition to a storage class the bucket's store does not
    /// declare. Stores without `placement_classes` are not checked.
    pub(super) fn check_transitions(&mut self, lifecycle: &ast::Lifecycle, store: &str) {
        let Some(info) = self.stores.get(store) else {
            return;
        };
        let Some(classes) = info.placement_classes.clone() else {
            return;
        };
        let store_decl = self.decl(info.decl_index);
        for rule in &lifecycle.rules {
            let Some(target) = &rule.target else {
                continue;
            };
            let transition = matches!(
                rule.action.value.as_str(),
                "transition" | "transition-noncurrent"
            );
            if !transition || target.value.is_empty() || classes.contains(&target.value) {
                continue;
            }
            let known = classes
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ");
            self.diags.push(
                Diagnostic::new(
                    Code::UndeclaredPlacementClass,
                    format!(
                        "object store `{store}` has no storage class `{}`",
                        target.value
                    ),
                    target.span,
                    "not a storage class of the store's placement",
                )
                .with_secondary(store_decl.name.span, "object store declared here")
                .with_note(format!("RGW accepts a transition to an unknown storage class and never applies it; the store declares {known}"))
                .with_optional_help(
                    super::suggest::did_you_mean(&target.value, classes.iter().map(String::as_str))
                        .map(|c| format!("did you mean `{c}`?"))
                        .or_else(|| Some(format!("add `\"{}\"` to the store's `placement_classes` once its placement has it", target.value))),
                ),
            );
        }
    }

    /// W0560: rule options Ceph Reef's RGW accepts and drops, so that the
    /// rule applies to more objects than it says (observed on 18.2.7).
    pub(super) fn lint_reef_fields(
        &mut self,
        lifecycle: &ast::Lifecycle,
        allows: &[Spanned<String>],
    ) {
        for rule in &lifecycle.rules {
            let dropped: Vec<&ast::RuleOption> = rule
                .options
                .iter()
                .flat_map(|o| &o.items)
                .filter(|o| match o.key().value.as_str() {
                    "larger_than" | "smaller_than" => true,
                    // Elsewhere it is an error of its own (E0307, E0444).
                    "newer_versions" => rule.action.value == "expire-noncurrent",
                    _ => false,
                })
                .collect();
            let Some(first) = dropped.first() else {
                continue;
            };
            let names: Vec<String> = dropped
                .iter()
                .map(|o| format!("`{}`", o.key().value))
                .collect();
            let consequence = if first.key().value == "newer_versions" {
                "every noncurrent version is expired, the newest too"
            } else {
                "the rule applies to objects of every size"
            };
            self.warn(
                Diagnostic::new(
                    Code::ReefDropsField,
                    format!("Ceph Reef's RGW drops {}: there {consequence}", names.join(" and ")),
                    first.key().span,
                    "dropped by RGW 18",
                )
                .with_note("RGW 18.2 (and 16.2) accepts `NewerNoncurrentVersions` and object sizes and reads the rule back without them (observed on 18.2.7); later releases read them")
                .with_help("on Ceph Squid or newer, silence this with `@allow(reef-drops-field)` on the bucket; on Reef, narrow the rule by prefix or tags instead"),
                &[allows],
            );
        }
    }
}
