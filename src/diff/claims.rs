//! ObjectBucketClaims: a claim removed or renamed deletes its bucket with
//! every object when its class reclaims with `Delete`; the claim
//! controller drops every spec change but `additionalConfig`; label
//! changes never reach the bucket provisioner.

use serde_json::Value;

use super::classes::Reclaim;
use super::key::{ObjectKey, CLAIM};
use super::normalize::Object;
use super::{Category, FieldChange, Finding, ObjectDiff, Pair, Status};

pub fn findings(pair: &Pair) -> Vec<Finding> {
    let mut out = Vec::new();
    for object in pair.objects.iter().filter(|o| o.key.kind == CLAIM) {
        match &object.status {
            Status::Removed => {
                if let Some(old) = pair.old.get(&object.key) {
                    out.extend(removed(pair, object, old));
                }
            }
            Status::Changed(changes) => {
                let bound = pair.old.get(&object.key).is_some_and(|o| o.bound);
                for change in changes {
                    out.extend(changed_field(&object.key, change, bound));
                }
            }
            Status::Added => {}
        }
    }
    out
}

/// The bucket a claim names, as people should read it (`bucket `logs``).
pub fn bucket_of(claim: &Value) -> String {
    let spec = claim.get("spec");
    let field = |name: &str| spec.and_then(|s| s.get(name)).and_then(Value::as_str);
    match (field("bucketName"), field("generateBucketName")) {
        (Some(name), _) => format!("bucket `{name}`"),
        (None, Some(prefix)) => format!("bucket `{prefix}-…` (generated)"),
        (None, None) => "its bucket".to_string(),
    }
}

fn removed(pair: &Pair, object: &ObjectDiff, old: &Object) -> Option<Finding> {
    let class = old
        .value
        .pointer("/spec/storageClassName")
        .and_then(Value::as_str);
    let bucket = bucket_of(&old.value);
    let what = match &object.renamed {
        Some(new) => format!(
            "claim `{}` is renamed to `{}`: deleting the old claim deletes {bucket} and every object in it, and the new claim starts empty",
            object.key.qualified_name(),
            new.qualified_name()
        ),
        None => format!(
            "claim `{}` is removed: deleting it deletes {bucket} and every object in it",
            object.key.qualified_name()
        ),
    };
    // Without a class the claim was never provisioned: there is no bucket.
    let class_name = class?;
    match pair.classes.reclaim(class) {
        Reclaim::Deletes => {
            let owned = old.value.pointer("/spec/additionalConfig/bucketOwner").is_some();
            let also = if owned {
                "the claim's Secret and ConfigMap are deleted too; its owner stays"
            } else {
                "the claim's Secret and ConfigMap, and the user Rook generated for it, are deleted too"
            };
            Some(
                Finding::new(Category::Destructive, &object.key, what)
                    .note(format!("StorageClass `{class_name}` has reclaim policy `Delete`"))
                    .note(also),
            )
        }
        Reclaim::Unknown => Some(
            Finding::new(Category::PossiblyDestructive, &object.key, what)
                .note(format!("reclaim policy unknown: StorageClass `{class_name}` is not among the inputs; Kubernetes defaults to `Delete`"))
                .note(format!("to know, add it with `--context`: `kubectl get storageclass {class_name} -o yaml`")),
        ),
        Reclaim::Keeps(_) => None,
    }
}

/// What the controller does with one changed field of a claim.
fn changed_field(key: &ObjectKey, change: &FieldChange, bound: bool) -> Option<Finding> {
    let path = change.path.as_str();
    if let Some(label) = path.strip_prefix("metadata.labels") {
        let label = label.trim_start_matches('.');
        // Rook's notification controller watches these labels itself.
        if label.starts_with("bucket-notification-") {
            return None;
        }
        return Some(
            Finding::new(
                Category::Ignored,
                key,
                format!(
                    "the label change on claim `{}` does not reach the bucket provisioner",
                    key.qualified_name()
                ),
            )
            .at(path)
            .note("labels of a claim are not copied to its bucket, Secret or ConfigMap after provisioning"),
        );
    }
    let field = path.strip_prefix("spec.")?;
    if field.starts_with("additionalConfig") {
        return None;
    }
    let top = field.split(['.', '[']).next().unwrap_or(field);
    let state = if bound {
        "the claim is bound"
    } else {
        "once a claim is provisioned"
    };
    let mut finding = Finding::new(
        Category::Refused,
        key,
        format!(
            "`spec.{top}` of claim `{}` cannot change: {state}, the claim controller drops every update but `additionalConfig`",
            key.qualified_name()
        ),
    )
    .at(&format!("spec.{top}"));
    if matches!(top, "bucketName" | "storageClassName") {
        finding = finding.note(format!(
            "a changed `{top}` is an error on every later reconcile of the claim"
        ));
    }
    if let (Some(Value::String(old)), Some(Value::String(new)), "bucketName") =
        (&change.old, &change.new, top)
    {
        finding = finding.note(format!(
            "the bucket stays `{old}`: a policy that names `{new}` does not match it"
        ));
    }
    if matches!(
        top,
        "bucketName" | "generateBucketName" | "storageClassName"
    ) {
        finding = finding.note(
            "to move the bucket, delete and re-create the claim; with a `Delete` class that deletes the bucket and its objects",
        );
    }
    Some(finding)
}
