//! Budgets, ceilings checked at compile time that RGW would otherwise
//! enforce at reconcile (or not at all): the buckets a user owns against its
//! `quota.buckets` (E0345), and a namespace's `budget { size  buckets }`
//! against the buckets in it (E0346, E0347, E0348). Both count with one
//! [`Allowance`], and report once, at the first bucket over.

use super::hash::FastMap;
use super::units::Size;
use super::{body, suggest, values, Checker};
use crate::ast::{self, Declaration};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::kinds::GROUP_BLOCKS;
use crate::source::{Span, Spanned};

/// A bucket's size quota, as the budget sees it.
#[derive(Clone, Copy)]
pub(super) enum SizeQuota<'a> {
    Absent,
    /// Written but invalid: reported already.
    Invalid,
    Given(&'a Spanned<Size>),
}

/// The `maxBuckets` Rook gives a CephObjectStoreUser whose quota does not
/// set one (Rook v1.20, `generateUserConfig`).
pub(super) const ROOK_DEFAULT_MAX_BUCKETS: u64 = 1000;

/// A ceiling and what has been counted against it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Allowance {
    pub limit: u128,
    pub used: u128,
}

impl Allowance {
    pub fn new(limit: u128) -> Self {
        Allowance { limit, used: 0 }
    }

    /// Counts `amount`; true once, for the amount that first goes over.
    pub fn take(&mut self, amount: u128) -> bool {
        let within = self.used <= self.limit;
        self.used = self.used.saturating_add(amount);
        within && self.used > self.limit
    }
}

/// A namespace's `budget`, with what its buckets have used of it.
pub(super) struct NamespaceBudget {
    /// The `budget` keyword of the block.
    pub span: Span,
    /// `size`: the allowance in bytes, and the entry as written.
    pub size: Option<(Allowance, Spanned<Size>)>,
    /// `buckets`: the allowance, and where the entry is.
    pub buckets: Option<(Allowance, Span)>,
}

/// Reads the blocks of a group: its `budget` goes into `budgets`, by
/// namespace, at most one each (E0348 at a second one, in the same group
/// or another).
pub(super) fn group_budget(
    group: &ast::Group,
    budgets: &mut FastMap<String, NamespaceBudget>,
    diags: &mut Diagnostics,
) {
    for block in &group.blocks {
        if block.name.value != "budget" {
            diags.push(unknown_group_block(block));
            continue;
        }
        let namespace = &group.namespace.value;
        if let Some(first) = budgets.get(namespace) {
            diags.push(
                Diagnostic::new(
                    Code::BudgetGivenTwice,
                    format!("namespace `{namespace}` is given a second budget"),
                    block.name.span,
                    "a second budget",
                )
                .with_secondary(first.span, "the namespace's budget")
                .with_note("a namespace has one budget, whichever `namespace` group gives it")
                .with_help("keep one `budget` for the namespace, with both limits in it"),
            );
            continue;
        }
        budgets.insert(namespace.clone(), read_budget(block, diags));
    }
}

fn unknown_group_block(block: &ast::Block) -> Diagnostic {
    let known = GROUP_BLOCKS.iter().map(|b| b.key);
    Diagnostic::new(
        Code::UnknownAttribute,
        format!("a `namespace` group has no block `{}`", block.name.value),
        block.name.span,
        "unknown block",
    )
    .with_optional_help(
        suggest::did_you_mean(&block.name.value, known.clone())
            .map(|k| format!("did you mean `{k}`?")),
    )
    .with_note(format!(
        "a group holds defaults (`store = ...`), declarations, and {}",
        known
            .map(|k| format!("`{k} {{ }}`"))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

fn read_budget(block: &ast::Block, diags: &mut Diagnostics) -> NamespaceBudget {
    let mut budget = NamespaceBudget {
        span: block.name.span,
        size: None,
        buckets: None,
    };
    if block.entries.is_empty() {
        diags.push(
            Diagnostic::new(
                Code::MissingAttribute,
                "`budget` is empty",
                block.name.span,
                "no limit given",
            )
            .with_help("write `size = 2Ti`, `buckets = 10` or both, or remove the block"),
        );
        return budget;
    }
    let keys: Vec<&str> = GROUP_BLOCKS
        .iter()
        .find(|b| b.key == "budget")
        .map(|b| b.entries().iter().map(|e| e.key).collect())
        .unwrap_or_default();
    for entry in body::block_entries(block, &keys, "`budget`", diags) {
        if entry.key.value == "size" {
            budget.size =
                values::size(entry, diags).map(|size| (Allowance::new(size.value.bytes), size));
        } else {
            budget.buckets = values::count(entry, diags)
                .map(|count| (Allowance::new(u128::from(count.value)), entry.span));
        }
    }
    budget
}

impl Checker<'_> {
    /// E0345: a user owning more buckets than its `quota.buckets` (Rook's
    /// default 1000 when unset); RGW refuses to create the extra ones.
    pub(super) fn count_owned_bucket(&mut self, owner: &Spanned<String>) {
        let Some(user) = self.users.get_mut(&owner.value) else {
            return;
        };
        if !user.owned_buckets.take(1) {
            return;
        }
        let limit = user.owned_buckets.limit;
        let quota = user.max_buckets.map(|(_, span)| span);
        let diagnostic = Diagnostic::new(
            Code::TooManyBuckets,
            format!(
                "user `{}` may own {limit} bucket{}, and this is one more",
                owner.value,
                plural(limit)
            ),
            owner.span,
            "one bucket over the owner's quota",
        )
        .with_note("RGW refuses to create a bucket over its owner's `max_buckets`: the claim stays pending");
        let diagnostic = match quota {
            Some(span) => diagnostic
                .with_secondary(span, "the user's bucket quota")
                .with_help(format!("raise `buckets` in the quota of `{}`, or give this bucket another owner", owner.value)),
            None => diagnostic.with_help(format!(
                "Rook lets a user own {ROOK_DEFAULT_MAX_BUCKETS} buckets when its quota does not say: give `{}` `quota {{ buckets = N }}`, or give this bucket another owner",
                owner.value
            )),
        };
        self.diags.push(diagnostic);
    }

    /// Counts a bucket against its namespace's budget: E0346 at the first
    /// bucket over a limit, E0347 for a bucket without a size quota when
    /// the budget has a `size`.
    pub(super) fn count_budget_bucket(
        &mut self,
        decl: &Declaration,
        namespace: &str,
        size: SizeQuota,
    ) {
        let Some(budget) = self.budgets.get_mut(namespace) else {
            return;
        };
        let mut reports = Vec::new();
        if let Some((allowance, limit)) = &mut budget.buckets {
            if allowance.take(1) {
                reports.push(
                    Diagnostic::new(
                        Code::NamespaceOverBudget,
                        format!(
                            "namespace `{namespace}` may claim {} bucket{}, and this is one more",
                            allowance.limit,
                            plural(allowance.limit)
                        ),
                        decl.name.span,
                        "one bucket over the namespace's budget",
                    )
                    .with_secondary(*limit, "the namespace's budget")
                    .with_help(format!("raise `buckets` in the budget of `{namespace}`, or claim this bucket in another namespace")),
                );
            }
        }
        match (&mut budget.size, size) {
            (Some((allowance, limit)), SizeQuota::Given(quota)) => {
                if allowance.take(quota.value.bytes) {
                    reports.push(
                        Diagnostic::new(
                            Code::NamespaceOverBudget,
                            format!(
                                "the size quotas of namespace `{namespace}`'s buckets add up to {}, over its budget of `{}`",
                                bytes_text(allowance.used),
                                limit.value.quantity
                            ),
                            quota.span,
                            "this quota goes over the namespace's budget",
                        )
                        .with_secondary(limit.span, "the namespace's budget")
                        .with_note("every bucket of the namespace counts, in the order declared, with its whole size quota")
                        .with_help(format!("lower the buckets' size quotas, or raise `size` in the budget of `{namespace}`")),
                    );
                }
            }
            (Some((_, limit)), SizeQuota::Absent) => reports.push(
                Diagnostic::new(
                    Code::BucketWithoutBudgetQuota,
                    format!(
                        "bucket `{}` has no size quota, but namespace `{namespace}` has a size budget",
                        decl.name.value
                    ),
                    decl.name.span,
                    "no `quota { size = ... }`",
                )
                .with_secondary(limit.span, "the namespace's budget")
                .with_note("without a size quota the bucket may grow without bound, whatever the budget says")
                .with_help(format!(
                    "give the bucket `quota {{ size = ... }}`: the budget of `{namespace}` (`size = {}`) is shared by the size quotas of its buckets",
                    limit.value.quantity
                )),
            ),
            (None, _) | (Some(_), SizeQuota::Invalid) => {}
        }
        for report in reports {
            self.diags.push(report);
        }
    }
}

fn plural(n: u128) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Bytes in the largest unit that writes them exactly, to two decimals and
/// in fewer than five digits before the point (`2.5Ti`, `1300Gi`, `1.3T`);
/// else, to two decimals rounded down, in the largest unit they fill
/// (`more than 2.45Ti`).
fn bytes_text(bytes: u128) -> String {
    const UNITS: [(&str, u128); 10] = [
        ("Pi", 1 << 50),
        ("P", 1_000_000_000_000_000),
        ("Ti", 1 << 40),
        ("T", 1_000_000_000_000),
        ("Gi", 1 << 30),
        ("G", 1_000_000_000),
        ("Mi", 1 << 20),
        ("M", 1_000_000),
        ("Ki", 1 << 10),
        ("k", 1_000),
    ];
    let hundredfold = bytes.saturating_mul(100);
    let in_unit = |one: u128, unit: &str| {
        let hundredths = hundredfold / one;
        let text = format!("{}.{:02}", hundredths / 100, hundredths % 100);
        format!("{}{unit}", text.trim_end_matches('0').trim_end_matches('.'))
    };
    let filled = UNITS.iter().filter(|(_, one)| bytes >= *one);
    if let Some((unit, one)) = filled
        .clone()
        .find(|(_, one)| hundredfold.is_multiple_of(*one) && bytes / one < 10_000)
    {
        return in_unit(*one, unit);
    }
    match filled.clone().next() {
        Some((unit, one)) => format!("more than {}", in_unit(*one, unit)),
        None => format!("{bytes} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_allowance_reports_the_first_amount_over_only() {
        let mut allowance = Allowance::new(2);
        assert!(!allowance.take(1));
        assert!(!allowance.take(1));
        assert!(allowance.take(1));
        assert!(!allowance.take(1));
    }

    #[test]
    fn bytes_are_written_in_the_largest_unit_they_fill() {
        assert_eq!(bytes_text(5 << 39), "2.5Ti");
        assert_eq!(bytes_text(3 << 30), "3Gi");
        assert_eq!(bytes_text(1300 << 30), "1300Gi");
        assert_eq!(bytes_text(1_300_000_000_000), "1.3T");
        assert_eq!(bytes_text(512), "512 bytes");
        assert_eq!(bytes_text((2 << 40) + 500_000_000_000), "more than 2.45Ti");
    }
}
