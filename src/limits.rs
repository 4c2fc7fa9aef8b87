//! Limits on the size of what is emitted, checked after the checker and
//! before the manifests are written: a bucket policy larger than RGW reads
//! (E0410), and an object larger than etcd stores (E0309). Reads the model
//! and the sizes [`crate::emit`] computes, so `rookc check` reports them
//! as `rookc build` does.

use crate::diag::{Code, Diagnostic};
use crate::emit;
use crate::model::{Bucket, Program};

/// etcd's default `--max-request-bytes`: the largest object the API server
/// can store.
pub const MAX_OBJECT_BYTES: usize = 1536 * 1024;

/// RGW's default `rgw_max_put_param_size`: the largest PutBucketPolicy
/// body it reads.
pub const MAX_POLICY_BYTES: usize = 1024 * 1024;

/// How much larger the stored claim can be than its policy, lifecycle,
/// labels and annotations: JSON escapes a character in six at most. Below
/// that bound the claim is not serialized a second time.
const ESCAPE_FACTOR: usize = 6;

/// E0410 and E0309 for every bucket of a program without errors.
pub fn check_emitted_sizes(program: &Program) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for bucket in &program.buckets {
        check_bucket(bucket, &mut diagnostics);
    }
    diagnostics
}

fn check_bucket(bucket: &Bucket, diagnostics: &mut Vec<Diagnostic>) {
    // A part that cannot be serialized fails in emit, which reports it.
    let policy = bucket
        .policy
        .as_ref()
        .map_or(0, |p| emit::policy_size(p).unwrap_or(0));
    if policy > MAX_POLICY_BYTES {
        diagnostics.push(
            Diagnostic::new(
                Code::PolicyTooLarge,
                format!("the bucket policy of `{}` is {} KiB, more than the {} KiB RGW reads", bucket.meta.name, policy.div_ceil(1024), MAX_POLICY_BYTES / 1024),
                bucket.origin,
                "its policy is too large",
            )
            .with_note("RGW reads a PutBucketPolicy body of up to `rgw_max_put_param_size` bytes (1 MiB by default) and refuses a larger one, so the claim never gets its policy")
            .with_help("merge statements: one statement can name several users, actions and key patterns"),
        );
    }
    let lifecycle = bucket
        .lifecycle
        .as_ref()
        .map_or(0, |l| emit::lifecycle_size(l).unwrap_or(0));
    let meta: usize = (bucket.meta.labels.iter())
        .chain(&bucket.meta.annotations)
        .map(|(k, v)| k.len() + v.len())
        .sum();
    if (policy + lifecycle + meta) * ESCAPE_FACTOR <= MAX_OBJECT_BYTES {
        return;
    }
    let size = emit::claim_size(bucket).unwrap_or(0);
    if size > MAX_OBJECT_BYTES {
        diagnostics.push(
            Diagnostic::new(
                Code::ObjectTooLarge,
                format!("the ObjectBucketClaim of `{}` is {} KiB, more than the {} KiB etcd stores", bucket.meta.name, size.div_ceil(1024), MAX_OBJECT_BYTES / 1024),
                bucket.origin,
                "this bucket's claim is too large",
            )
            .with_note(format!("its policy takes {} KiB, its lifecycle {} KiB, its labels and annotations {} KiB; the API server refuses an object over etcd's request limit (1.5 MiB by default)", policy.div_ceil(1024), lifecycle.div_ceil(1024), meta.div_ceil(1024)))
            .with_help("shorten the policy or the lifecycle, or move data out of annotations"),
        );
    }
}
