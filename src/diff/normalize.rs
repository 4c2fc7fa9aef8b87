//! Manifests to comparable objects: `kind: List` unwrapped, the fields the
//! API server and the controllers write removed, and the JSON strings of
//! `additionalConfig` parsed, so that a live export and rookc's output
//! compare equal when nobody changed anything.

use serde_json::{Map, Value};

use super::key::{ObjectKey, CLAIM, STORAGE_CLASS, VOLUME};

/// One object of a side, ready to compare.
#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    pub key: ObjectKey,
    /// The manifest without server fields, JSON strings parsed.
    pub value: Value,
    /// The document had fields only the API server writes (`status`,
    /// `uid`, `resourceVersion`, `managedFields`...): it came from a cluster.
    pub live: bool,
    /// `status.phase` said `Bound` (claims of a live export).
    pub bound: bool,
    /// Labelled `app.kubernetes.io/managed-by: rookc`.
    pub managed: bool,
}

/// The label every object rookc writes carries.
pub const MANAGED_BY: (&str, &str) = ("app.kubernetes.io/managed-by", "rookc");

/// `metadata` fields the API server writes.
const SERVER_METADATA: &[&str] = &[
    "managedFields",
    "resourceVersion",
    "uid",
    "creationTimestamp",
    "generation",
    "selfLink",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "finalizers",
    "ownerReferences",
];

/// Annotations that tools and controllers write on their own.
const SERVER_ANNOTATIONS: &[&str] = &[
    "kubectl.kubernetes.io/last-applied-configuration",
    "pv.kubernetes.io/bind-completed",
    "pv.kubernetes.io/bound-by-controller",
    "volume.beta.kubernetes.io/storage-provisioner",
    "volume.kubernetes.io/storage-provisioner",
    "volume.kubernetes.io/selected-node",
];

/// The `additionalConfig` values that hold JSON documents.
const JSON_CONFIG: &[&str] = &["bucketPolicy", "bucketLifecycle"];

/// Every object of the documents: items of `List`s taken out, documents
/// without kind or name left out. `None` is returned for those left out so
/// the caller can say how many.
pub fn objects(documents: Vec<Value>) -> (Vec<Object>, usize) {
    let mut out = Vec::new();
    let mut skipped = 0;
    let mut pending = documents;
    pending.reverse();
    while let Some(document) = pending.pop() {
        if let Some(items) = list_items(&document) {
            pending.extend(items.iter().rev().cloned());
            continue;
        }
        match normalize(document) {
            Some(object) => out.push(object),
            None => skipped += 1,
        }
    }
    (out, skipped)
}

/// The items of a `kind: List` (or `...List`) document.
fn list_items(document: &Value) -> Option<&Vec<Value>> {
    let kind = document.get("kind")?.as_str()?;
    if !kind.ends_with("List") {
        return None;
    }
    document.get("items")?.as_array()
}

/// One manifest as a comparable object.
pub fn normalize(mut value: Value) -> Option<Object> {
    let key = ObjectKey::of(&value)?;
    let map = value.as_object_mut()?;
    let status = map.remove("status");
    let bound = status
        .as_ref()
        .and_then(|s| s.get("phase"))
        .and_then(Value::as_str)
        == Some("Bound");
    let mut live = status.is_some();
    if let Some(Value::Object(metadata)) = map.get_mut("metadata") {
        for field in SERVER_METADATA {
            live |= metadata.remove(*field).is_some();
        }
        remove_keys(metadata, "annotations", SERVER_ANNOTATIONS);
    }
    if let Some(Value::Object(spec)) = map.get_mut("spec") {
        normalize_spec(&key, spec);
    }
    if key.kind == STORAGE_CLASS {
        remove_default(map, "volumeBindingMode", "Immediate");
        remove_default(map, "reclaimPolicy", "Delete");
    }
    let managed = value
        .pointer("/metadata/labels")
        .and_then(|labels| labels.get(MANAGED_BY.0))
        .and_then(Value::as_str)
        == Some(MANAGED_BY.1);
    Some(Object {
        key,
        value,
        live,
        bound,
        managed,
    })
}

/// Fields controllers write into `spec`, and JSON strings parsed.
fn normalize_spec(key: &ObjectKey, spec: &mut Map<String, Value>) {
    match key.kind.as_str() {
        CLAIM => {
            // Set by the claim controller when it binds the claim.
            spec.remove("objectBucketName");
            // The controller writes the generated name back into
            // `bucketName`; rookc never writes both.
            if spec.contains_key("generateBucketName") {
                spec.remove("bucketName");
            }
            if let Some(Value::Object(config)) = spec.get_mut("additionalConfig") {
                for field in JSON_CONFIG {
                    parse_json_string(config, field);
                }
            }
        }
        VOLUME => {
            // The bound PersistentVolume, chosen by the cluster.
            spec.remove("volumeName");
            remove_default(spec, "volumeMode", "Filesystem");
        }
        _ => {}
    }
}

/// Replaces `map[field]`, a string holding a JSON object or list, by the
/// parsed value; a string that is not JSON stays a string.
fn parse_json_string(map: &mut Map<String, Value>, field: &str) {
    let Some(Value::String(text)) = map.get(field) else {
        return;
    };
    if let Ok(parsed @ (Value::Object(_) | Value::Array(_))) = serde_json::from_str::<Value>(text) {
        map.insert(field.to_string(), parsed);
    }
}

/// Removes `map[field]` when it holds the API server's default: written or
/// left out, it means the same.
fn remove_default(map: &mut Map<String, Value>, field: &str, default: &str) {
    if map.get(field).and_then(Value::as_str) == Some(default) {
        map.remove(field);
    }
}

/// Removes `keys` from the map at `map[field]`, and the map if it is then
/// empty.
fn remove_keys(map: &mut Map<String, Value>, field: &str, keys: &[&str]) {
    let Some(Value::Object(inner)) = map.get_mut(field) else {
        return;
    };
    for key in keys {
        inner.remove(*key);
    }
    if inner.is_empty() {
        map.remove(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn server_fields_are_dropped_and_policies_parsed() {
        let live = json!({
            "apiVersion": "objectbucket.io/v1alpha1",
            "kind": "ObjectBucketClaim",
            "metadata": {"name": "a", "namespace": "n", "uid": "x", "resourceVersion": "7",
                "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"}},
            "spec": {"generateBucketName": "a", "bucketName": "a-123", "objectBucketName": "obc-n-a",
                "additionalConfig": {"bucketPolicy": "{\"Statement\":[]}"}},
            "status": {"phase": "Bound"}
        });
        let object = normalize(live).expect("an object");
        assert!(object.live && object.bound && !object.managed);
        assert_eq!(
            object.value,
            json!({
                "apiVersion": "objectbucket.io/v1alpha1",
                "kind": "ObjectBucketClaim",
                "metadata": {"name": "a", "namespace": "n"},
                "spec": {"generateBucketName": "a",
                    "additionalConfig": {"bucketPolicy": {"Statement": []}}}
            })
        );
    }

    #[test]
    fn lists_are_unwrapped() {
        let list = json!({"kind": "List", "items": [
            {"kind": "A", "metadata": {"name": "x"}},
            {"kind": "B", "metadata": {"name": "y"}},
            {"kind": "C"}
        ]});
        let (objects, skipped) = objects(vec![list]);
        assert_eq!(objects.len(), 2);
        assert_eq!(objects[1].key.kind, "B");
        assert_eq!(skipped, 1);
    }
}
