//! What "equal as data" means for the round trip. A manifest is compared
//! as parsed YAML (so key order and quoting do not matter), after these
//! normalisations, applied to both sides:
//!
//! - the label `app.kubernetes.io/managed-by` is left out (rookc sets its
//!   own), and empty `labels` or `annotations` maps are as absent;
//! - a PersistentVolumeClaim without `spec.volumeMode` has `Filesystem`,
//!   its `dataSource` of the core group may say `apiGroup: ""`, and a
//!   `dataSourceRef` that repeats its `dataSource` is as absent (the API
//!   server fills one from the other);
//!   and a StorageClass without `reclaimPolicy` has `Delete`, the API
//!   server's defaults;
//! - `spec.additionalConfig.bucketPolicy` and `bucketLifecycle` of an
//!   ObjectBucketClaim are compared in the forms of `policy_form` and
//!   `lifecycle_form`;
//! - on a claim without `bucketOwner`, an input's `bucketMaxObjects` or
//!   `bucketMaxSize` that comes back as `maxObjects` or `maxSize` (what
//!   rookc writes for such a bucket: the quota of the user Rook creates
//!   for the claim, which owns only this bucket) is compared under that
//!   name ([`align_bucket_quota`]).

use serde_json::Value;

use super::fields::{display_path, show};
use super::{lifecycle_form, policy_form};
use crate::check::MANAGED_BY_LABEL;

/// The manifest in the form it is compared in.
pub fn comparable(manifest: &Value) -> Value {
    let mut value = manifest.clone();
    if let Some(metadata) = value.get_mut("metadata").and_then(Value::as_object_mut) {
        if let Some(labels) = metadata.get_mut("labels").and_then(Value::as_object_mut) {
            labels.remove(MANAGED_BY_LABEL);
        }
        for key in ["labels", "annotations"] {
            if metadata
                .get(key)
                .and_then(Value::as_object)
                .is_some_and(|m| m.is_empty())
            {
                metadata.remove(key);
            }
        }
    }
    strip_protection_finalizers(&mut value);
    match value.get("kind").and_then(Value::as_str) {
        Some("PersistentVolumeClaim") => {
            if let Some(spec) = value.get_mut("spec").and_then(Value::as_object_mut) {
                spec.entry("volumeMode")
                    .or_insert_with(|| Value::String("Filesystem".into()));
                mirrored_data_source(spec);
            }
        }
        Some("StorageClass") => {
            if let Some(class) = value.as_object_mut() {
                class
                    .entry("reclaimPolicy")
                    .or_insert_with(|| Value::String("Delete".into()));
            }
        }
        Some("ObjectBucketClaim") => {
            let config = value
                .get_mut("spec")
                .and_then(|s| s.get_mut("additionalConfig"))
                .and_then(Value::as_object_mut);
            if let Some(config) = config {
                if let Some(Value::String(text)) = config.get("bucketPolicy") {
                    let form = policy_form::comparable(text);
                    config.insert("bucketPolicy".into(), form);
                }
                if let Some(Value::String(text)) = config.get("bucketLifecycle") {
                    let form = lifecycle_form::comparable(text);
                    config.insert("bucketLifecycle".into(), form);
                }
            }
        }
        _ => {}
    }
    value
}

/// A claim's `dataSource` with an empty `apiGroup` (the core group) is as
/// one without; a `dataSourceRef` equal to it is left out (the API server
/// fills each of the two from the other).
fn mirrored_data_source(spec: &mut serde_json::Map<String, Value>) {
    for key in ["dataSource", "dataSourceRef"] {
        if let Some(source) = spec.get_mut(key).and_then(Value::as_object_mut) {
            if source.get("apiGroup").and_then(Value::as_str) == Some("") {
                source.remove("apiGroup");
            }
        }
    }
    if spec.contains_key("dataSource") && spec.get("dataSourceRef") == spec.get("dataSource") {
        spec.remove("dataSourceRef");
    }
}

/// Renames, in an input claim without `bucketOwner`, each bucket-level
/// quota key that the output has as the user-level key instead (both
/// already [`comparable`]).
pub fn align_bucket_quota(input: &mut Value, output: &Value) {
    let config = |value: &Value| {
        value
            .get("spec")
            .and_then(|s| s.get("additionalConfig"))
            .and_then(Value::as_object)
            .cloned()
    };
    let is_claim = input.get("kind").and_then(Value::as_str) == Some("ObjectBucketClaim");
    let Some(built) = config(output).filter(|_| is_claim) else {
        return;
    };
    let Some(read) = input
        .get_mut("spec")
        .and_then(|s| s.get_mut("additionalConfig"))
        .and_then(Value::as_object_mut)
        .filter(|c| !c.contains_key("bucketOwner"))
    else {
        return;
    };
    for (user_key, bucket_key) in [
        ("maxObjects", "bucketMaxObjects"),
        ("maxSize", "bucketMaxSize"),
    ] {
        let renamed = !read.contains_key(user_key)
            && built.contains_key(user_key)
            && !built.contains_key(bucket_key);
        if !renamed {
            continue;
        }
        if let Some(value) = read.remove(bucket_key) {
            read.insert(user_key.to_string(), value);
        }
    }
}

/// The first difference between an input manifest and what rookc builds
/// for it (both already [`comparable`]), in words; `None` when equal.
pub fn difference(input: &Value, output: &Value) -> Option<String> {
    differ(input, output, &mut Vec::new())
}

fn differ(input: &Value, output: &Value, path: &mut Vec<String>) -> Option<String> {
    if input == output {
        return None;
    }
    match (input, output) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                path.push(key.clone());
                let found = match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => differ(x, y, path),
                    (Some(x), None) => Some(format!(
                        "{} is {} in the input and missing from the output",
                        display_path(path),
                        show(x)
                    )),
                    (None, Some(y)) => Some(format!(
                        "{} is missing from the input and {} in the output",
                        display_path(path),
                        show(y)
                    )),
                    (None, None) => None,
                };
                path.pop();
                if found.is_some() {
                    return found;
                }
            }
            None
        }
        (Value::Array(a), Value::Array(b)) if is_sorted_strings(a) && is_sorted_strings(b) => {
            // Grants and lifecycle entries: name one that only one side has.
            if let Some(only) = a.iter().find(|x| !b.contains(x)) {
                return Some(format!(
                    "{}: only the input has {}",
                    display_path(path),
                    show(only)
                ));
            }
            let only = b.iter().find(|y| !a.contains(y))?;
            Some(format!(
                "{}: only the output has {}",
                display_path(path),
                show(only)
            ))
        }
        _ => Some(format!(
            "{} is {} in the input and {} in the output",
            display_path(path),
            show(input),
            show(output)
        )),
    }
}

fn is_sorted_strings(items: &[Value]) -> bool {
    items.iter().all(Value::is_string) && items.windows(2).all(|w| w[0].as_str() < w[1].as_str())
}

/// The protection finalizer the API server adds to every claim and volume
/// (import leaves it out, saying so): not a difference.
fn strip_protection_finalizers(value: &mut Value) {
    let Some(metadata) = value.get_mut("metadata").and_then(Value::as_object_mut) else {
        return;
    };
    let only_protection = metadata
        .get("finalizers")
        .and_then(Value::as_array)
        .is_some_and(|list| {
            list.iter().all(|f| {
                matches!(
                    f.as_str(),
                    Some("kubernetes.io/pvc-protection" | "kubernetes.io/pv-protection")
                )
            })
        });
    if only_protection {
        metadata.remove("finalizers");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn normalisations() {
        let input = json!({"kind": "PersistentVolumeClaim", "metadata": {"name": "a", "labels": {}}, "spec": {"accessModes": ["ReadWriteOnce"]}});
        let output = json!({"kind": "PersistentVolumeClaim", "metadata": {"name": "a", "labels": {"app.kubernetes.io/managed-by": "rookc"}}, "spec": {"accessModes": ["ReadWriteOnce"], "volumeMode": "Filesystem"}});
        assert_eq!(difference(&comparable(&input), &comparable(&output)), None);
    }

    #[test]
    fn an_ownerless_bucket_quota_is_compared_as_the_user_quota_rookc_writes() {
        let claim = |config: Value| json!({"kind": "ObjectBucketClaim", "spec": {"additionalConfig": config}});
        let output = claim(json!({"maxSize": "1G"}));
        let mut input = claim(json!({"bucketMaxSize": "1G"}));
        align_bucket_quota(&mut input, &output);
        assert_eq!(difference(&input, &output), None);
        let owned = json!({"bucketOwner": "a", "bucketMaxSize": "1G"});
        let mut input = claim(owned.clone());
        align_bucket_quota(&mut input, &output);
        assert_eq!(input, claim(owned));
        let both = json!({"maxSize": "1G", "bucketMaxSize": "2G"});
        let mut input = claim(both.clone());
        align_bucket_quota(&mut input, &output);
        assert_eq!(input, claim(both));
    }

    #[test]
    fn differences_are_named_by_path() {
        let input = json!({"spec": {"additionalConfig": {"maxSize": "1000"}}});
        let output = json!({"spec": {"additionalConfig": {"maxSize": "1k"}}});
        assert_eq!(
            difference(&input, &output).unwrap(),
            "spec.additionalConfig.maxSize is \"1000\" in the input and \"1k\" in the output"
        );
        let labels = json!({"metadata": {"labels": {"a.b/c": "d"}}});
        assert!(difference(&labels, &json!({"metadata": {}}))
            .unwrap()
            .starts_with("metadata.labels is"));
    }
}
