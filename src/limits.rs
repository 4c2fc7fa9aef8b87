//! Limits on the size of what is emitted, checked after the checker and
//! before the manifests are written: a bucket policy larger than RGW reads
//! (E0410), and an object larger than etcd stores (E0309). Reads the model
//! and the sizes [`crate::emit`] computes, so `rookc check` reports them
//! as `rookc build` does.

use crate::diag::{Code, Diagnostic};
use crate::emit;
use crate::model::{Bucket, BucketNaming, Lifecycle, Policy, Program};

/// etcd's default `--max-request-bytes`: the largest object the API server
/// can store.
pub const MAX_OBJECT_BYTES: usize = 1536 * 1024;

/// RGW's default `rgw_max_put_param_size`: the largest PutBucketPolicy
/// body it reads.
pub const MAX_POLICY_BYTES: usize = 1024 * 1024;

/// JSON writes a character in six bytes at most (`\u0001`).
const ESCAPE_FACTOR: usize = 6;

/// Room for what of a claim is not the program's text: its keys,
/// punctuation and constant values (about 450 bytes), and the object
/// quotas' digits.
const CLAIM_OVERHEAD: usize = 1024;

/// Room for the keys and punctuation of one policy statement or
/// lifecycle rule, and of each string in it (its quotes and a comma or
/// colon).
const ITEM_OVERHEAD: usize = 256;
const STRING_OVERHEAD: usize = 3;

/// The most a string takes in JSON.
fn string_bound(text: &str) -> usize {
    text.len() * ESCAPE_FACTOR + STRING_OVERHEAD
}

/// An upper bound of [`emit::policy_size`], from the model alone: most
/// policies are far below the limit, and are not serialized to know it.
fn policy_bound(policy: &Policy) -> usize {
    let strings = |list: &[String]| -> usize { list.iter().map(|s| string_bound(s)).sum() };
    policy
        .statements
        .iter()
        .map(|statement| {
            ITEM_OVERHEAD
                + statement.sid.len() * ESCAPE_FACTOR
                + statement.principals.as_deref().map_or(0, strings)
                + statement
                    .actions
                    .iter()
                    .map(|a| string_bound(a))
                    .sum::<usize>()
                + strings(&statement.resources)
                + strings(&statement.list_prefixes)
        })
        .sum::<usize>()
        + ITEM_OVERHEAD
}

/// An upper bound of [`emit::lifecycle_size`].
fn lifecycle_bound(lifecycle: &Lifecycle) -> usize {
    lifecycle
        .rules
        .iter()
        .map(|rule| {
            let actions: usize = rule
                .actions
                .iter()
                .map(|a| ITEM_OVERHEAD + a.storage_class().map_or(0, str::len) * ESCAPE_FACTOR)
                .sum();
            let tags: usize = rule
                .filter
                .tags
                .iter()
                .map(|(k, v)| ITEM_OVERHEAD + (k.len() + v.len()) * ESCAPE_FACTOR)
                .sum();
            ITEM_OVERHEAD
                + (rule.id.len() + rule.filter.prefix.len()) * ESCAPE_FACTOR
                + actions
                + tags
        })
        .sum::<usize>()
        + ITEM_OVERHEAD
}

/// An upper bound of [`emit::claim_size`]: every string of the program
/// the claim carries, escaped at worst, and the policy and lifecycle
/// bounds twice, as in the claim's JSON they are strings, escaped again
/// (each byte of their JSON in two at most: `"` and `\\`).
fn claim_bound(bucket: &Bucket, policy_bound: usize, lifecycle_bound: usize) -> usize {
    let meta = &bucket.meta;
    let pairs: usize = (meta.labels.iter())
        .chain(&meta.annotations)
        .map(|(key, value)| string_bound(key) + string_bound(value))
        .sum();
    let naming = match &bucket.naming {
        BucketNaming::Fixed(name) | BucketNaming::Generated(name) => name,
    };
    let user_size = bucket.user_quota.as_ref().and_then(|q| q.max_size.as_ref());
    let optional = [
        meta.namespace.as_ref(),
        bucket.owner.as_ref(),
        bucket.max_size.as_ref(),
        user_size,
    ];
    let strings = string_bound(&meta.name)
        + string_bound(&bucket.storage_class)
        + string_bound(naming)
        + optional
            .into_iter()
            .flatten()
            .map(|s| string_bound(s))
            .sum::<usize>();
    CLAIM_OVERHEAD + strings + pairs + 2 * (policy_bound + lifecycle_bound)
}

/// E0410 and E0309 for every bucket of a program without errors.
pub fn check_emitted_sizes(program: &Program) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for bucket in &program.buckets {
        check_bucket(bucket, &mut diagnostics);
    }
    diagnostics
}

fn check_bucket(bucket: &Bucket, diagnostics: &mut Vec<Diagnostic>) {
    let policy_bound = bucket.policy.as_ref().map_or(0, policy_bound);
    // A part that cannot be serialized fails in emit, which reports it.
    let policy_size = || {
        bucket
            .policy
            .as_ref()
            .map_or(0, |p| emit::policy_size(p).unwrap_or(0))
    };
    if policy_bound > MAX_POLICY_BYTES {
        let policy = policy_size();
        if policy > MAX_POLICY_BYTES {
            diagnostics.push(policy_too_large(bucket, policy));
        }
    }
    let lifecycle_bound = bucket.lifecycle.as_ref().map_or(0, lifecycle_bound);
    if claim_bound(bucket, policy_bound, lifecycle_bound) <= MAX_OBJECT_BYTES {
        return;
    }
    let meta: usize = (bucket.meta.labels.iter())
        .chain(&bucket.meta.annotations)
        .map(|(k, v)| k.len() + v.len())
        .sum();
    let size = emit::claim_size(bucket).unwrap_or(0);
    if size > MAX_OBJECT_BYTES {
        let lifecycle = bucket
            .lifecycle
            .as_ref()
            .map_or(0, |l| emit::lifecycle_size(l).unwrap_or(0));
        diagnostics.push(object_too_large(
            bucket,
            size,
            policy_size(),
            lifecycle,
            meta,
        ));
    }
}

fn policy_too_large(bucket: &Bucket, policy: usize) -> Diagnostic {
    Diagnostic::new(
        Code::PolicyTooLarge,
        format!("the bucket policy of `{}` is {} KiB, more than the {} KiB RGW reads", bucket.meta.name, policy.div_ceil(1024), MAX_POLICY_BYTES / 1024),
        bucket.origin,
        "its policy is too large",
    )
    .with_note("RGW reads a PutBucketPolicy body of up to `rgw_max_put_param_size` bytes (1 MiB by default) and refuses a larger one, so the claim never gets its policy")
    .with_help("merge statements: one statement can name several users, actions and key patterns")
}

fn object_too_large(
    bucket: &Bucket,
    size: usize,
    policy: usize,
    lifecycle: usize,
    meta: usize,
) -> Diagnostic {
    Diagnostic::new(
        Code::ObjectTooLarge,
        format!("the ObjectBucketClaim of `{}` is {} KiB, more than the {} KiB etcd stores", bucket.meta.name, size.div_ceil(1024), MAX_OBJECT_BYTES / 1024),
        bucket.origin,
        "this bucket's claim is too large",
    )
    .with_note(format!("its policy takes {} KiB, its lifecycle {} KiB, its labels and annotations {} KiB; the API server refuses an object over etcd's request limit (1.5 MiB by default)", policy.div_ceil(1024), lifecycle.div_ceil(1024), meta.div_ceil(1024)))
    .with_help("shorten the policy or the lifecycle, or move data out of annotations")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    use proptest::prelude::*;

    use crate::model::{
        ClaimUserQuota, LifecycleAction, LifecycleFilter, LifecycleRule, Meta, PolicyStatement,
    };
    use crate::source::{FileId, Span};

    /// Text JSON escapes at its worst: control characters, quotes,
    /// backslashes, and characters of several UTF-8 bytes; mixed, or one
    /// character repeated (long enough to exceed the bounds' slack).
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z\"\\\\\u{1}\t\u{7f}é€😀/*]{0,12}",
            ("[x\"\\\\\u{1}\t€]", 0..2000usize).prop_map(|(c, n)| c.repeat(n)),
        ]
    }

    fn statement() -> impl Strategy<Value = PolicyStatement> {
        let list = || proptest::collection::vec(text(), 0..4);
        (
            text(),
            any::<bool>(),
            proptest::option::of(list()),
            list(),
            list(),
            list(),
        )
            .prop_map(
                |(sid, allow, principals, actions, resources, list_prefixes)| PolicyStatement {
                    sid,
                    allow,
                    principals,
                    actions: actions.into_iter().map(Cow::Owned).collect(),
                    resources,
                    list_prefixes,
                    origin: None,
                },
            )
    }

    fn rule() -> impl Strategy<Value = LifecycleRule> {
        let days = || any::<u32>();
        let action = prop_oneof![
            days().prop_map(|days| LifecycleAction::Expire { days }),
            Just(LifecycleAction::ExpireDeleteMarkers),
            (days(), proptest::option::of(any::<u32>())).prop_map(|(days, newer_versions)| {
                LifecycleAction::ExpireNoncurrent {
                    days,
                    newer_versions,
                }
            }),
            days().prop_map(|days| LifecycleAction::AbortUploads { days }),
            (days(), text()).prop_map(|(days, storage_class)| {
                LifecycleAction::Transition {
                    days,
                    storage_class,
                }
            }),
            (days(), text()).prop_map(|(days, storage_class)| {
                LifecycleAction::TransitionNoncurrent {
                    days,
                    storage_class,
                }
            }),
        ];
        let size = || proptest::option::of(any::<u64>());
        let filter = (
            text(),
            proptest::collection::vec((text(), text()), 0..3),
            size(),
            size(),
        )
            .prop_map(
                |(prefix, tags, larger_than, smaller_than)| LifecycleFilter {
                    prefix,
                    tags,
                    larger_than,
                    smaller_than,
                },
            );
        (text(), filter, proptest::collection::vec(action, 1..4)).prop_map(
            |(id, filter, actions)| LifecycleRule {
                id,
                filter,
                actions,
            },
        )
    }

    fn bucket() -> impl Strategy<Value = Bucket> {
        let pairs = || proptest::collection::vec((text(), text()), 0..4);
        let optional = || proptest::option::of(text());
        let policy = proptest::collection::vec(statement(), 0..4)
            .prop_map(|statements| Policy { statements });
        let lifecycle =
            proptest::collection::vec(rule(), 0..4).prop_map(|rules| Lifecycle { rules });
        (
            (text(), optional(), pairs(), pairs()),
            (text(), text(), any::<bool>(), optional()),
            (
                proptest::option::of(any::<u64>()),
                optional(),
                proptest::option::of((proptest::option::of(any::<u64>()), optional())),
            ),
            (
                proptest::option::of(policy),
                proptest::option::of(lifecycle),
            ),
        )
            .prop_map(
                |(
                    (name, namespace, labels, annotations),
                    (storage_class, bucket_name, fixed, owner),
                    (max_objects, max_size, user_quota),
                    (policy, lifecycle),
                )| Bucket {
                    meta: Meta {
                        name,
                        namespace,
                        labels,
                        annotations,
                    },
                    origin: Span {
                        file: FileId(0),
                        start: 0,
                        end: 0,
                    },
                    storage_class,
                    naming: if fixed {
                        BucketNaming::Fixed(bucket_name)
                    } else {
                        BucketNaming::Generated(bucket_name)
                    },
                    owner,
                    max_objects,
                    max_size,
                    user_quota: user_quota.map(|(max_objects, max_size)| ClaimUserQuota {
                        max_objects,
                        max_size,
                    }),
                    policy,
                    lifecycle,
                },
            )
    }

    proptest! {
        /// The bounds decide which objects are serialized to be measured:
        /// one below its exact size would let an object over a limit pass.
        #[test]
        fn the_bounds_are_never_below_the_emitted_sizes(bucket in bucket()) {
            let policy = bucket.policy.as_ref().map_or(0, policy_bound);
            if let Some(p) = &bucket.policy {
                prop_assert!(policy >= emit::policy_size(p).expect("serializable"));
            }
            let lifecycle = bucket.lifecycle.as_ref().map_or(0, lifecycle_bound);
            if let Some(l) = &bucket.lifecycle {
                prop_assert!(lifecycle >= emit::lifecycle_size(l).expect("serializable"));
            }
            let exact = emit::claim_size(&bucket).expect("serializable");
            prop_assert!(claim_bound(&bucket, policy, lifecycle) >= exact);
        }
    }
}
