//! Limits on the size of what is emitted, checked after the checker and
//! before the manifests are written: a bucket policy larger than RGW reads
//! (E0410), and an object larger than etcd stores (E0309). Reads the model
//! and the sizes [`crate::emit`] computes, so `rookc check` reports them
//! as `rookc build` does.

use crate::diag::{Code, Diagnostic};
use crate::emit;
use crate::model::{Bucket, Lifecycle, LifecycleAction, Policy, Program};

/// etcd's default `--max-request-bytes`: the largest object the API server
/// can store.
pub const MAX_OBJECT_BYTES: usize = 1536 * 1024;

/// RGW's default `rgw_max_put_param_size`: the largest PutBucketPolicy
/// body it reads.
pub const MAX_POLICY_BYTES: usize = 1024 * 1024;

/// JSON writes a character in six bytes at most (`\u0001`).
const ESCAPE_FACTOR: usize = 6;

/// Room for everything of a claim but its policy, lifecycle, labels and
/// annotations: names, the storage class, quotas, the owner, and keys.
const CLAIM_OVERHEAD: usize = 8 * 1024;

/// Room for the keys and punctuation of one policy statement or
/// lifecycle rule, and of each string in it.
const ITEM_OVERHEAD: usize = 256;
const STRING_OVERHEAD: usize = 3;

/// An upper bound of [`emit::policy_size`], from the model alone: most
/// policies are far below the limit, and are not serialized to know it.
fn policy_bound(policy: &Policy) -> usize {
    let strings = |list: &[String]| -> usize {
        list.iter()
            .map(|s| s.len() * ESCAPE_FACTOR + STRING_OVERHEAD)
            .sum()
    };
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
                    .map(|a| a.len() * ESCAPE_FACTOR + STRING_OVERHEAD)
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
            let class = match &rule.action {
                LifecycleAction::Transition { storage_class, .. } => storage_class.len(),
                LifecycleAction::Expire { .. }
                | LifecycleAction::ExpireNoncurrent { .. }
                | LifecycleAction::AbortUploads { .. } => 0,
            };
            ITEM_OVERHEAD + (rule.id.len() + rule.prefix.len() + class) * ESCAPE_FACTOR
        })
        .sum::<usize>()
        + ITEM_OVERHEAD
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
    let meta: usize = (bucket.meta.labels.iter())
        .chain(&bucket.meta.annotations)
        .map(|(k, v)| k.len() + v.len())
        .sum();
    // In the claim's JSON the policy and lifecycle are strings: escaped
    // again, each byte in two at most.
    let claim_bound = 2 * (policy_bound + lifecycle_bound) + meta * ESCAPE_FACTOR + CLAIM_OVERHEAD;
    if claim_bound <= MAX_OBJECT_BYTES {
        return;
    }
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

    use crate::model::{LifecycleRule, PolicyStatement};

    #[test]
    fn the_bounds_are_never_below_the_emitted_sizes() {
        let statement = PolicyStatement {
            sid: "s1".into(),
            allow: true,
            principals: Some(vec!["arn:aws:iam:::user/\"q\"\u{1}".into()]),
            actions: vec![Cow::Borrowed("s3:GetObject")],
            resources: vec!["arn:aws:s3:::b/\\x*".into()],
            list_prefixes: vec!["x\t*".into()],
            origin: None,
        };
        let policy = Policy {
            statements: vec![statement.clone(), statement],
        };
        let exact = emit::policy_size(&policy).expect("serializable");
        assert!(policy_bound(&policy) >= exact);
        let lifecycle = Lifecycle {
            rules: vec![LifecycleRule {
                id: "transition-COLD:\"x\"".into(),
                prefix: "\"x\"".into(),
                action: LifecycleAction::Transition {
                    days: 36_500,
                    storage_class: "COLD".into(),
                },
            }],
        };
        let exact = emit::lifecycle_size(&lifecycle).expect("serializable");
        assert!(lifecycle_bound(&lifecycle) >= exact);
    }
}
