//! PersistentVolumeClaims, subvolume groups and StorageClasses: a volume
//! removed deletes its files when its class reclaims with `Delete`; a
//! volume cannot shrink, move class or change access mode; a subvolume
//! group's `clusterID`, filesystem and group name are immutable (as is a
//! claim's `dataSource`: a restore or clone source), and so
//! are a StorageClass's provisioner, parameters and reclaim policy.

use serde_json::Value;

use super::classes::Reclaim;
use super::key::{ObjectKey, GROUP, STORAGE_CLASS, VOLUME};
use super::{Category, FieldChange, Finding, ObjectDiff, Pair, Status};

const SIZE: &str = "spec.resources.requests.storage";
const CLUSTER_ID: &str = "spec.clusterID";

pub fn findings(pair: &Pair) -> Vec<Finding> {
    let mut out = Vec::new();
    for object in pair.objects {
        let key = &object.key;
        match &object.status {
            Status::Removed if key.kind == VOLUME => {
                if let Some(old) = pair.old.get(key) {
                    out.extend(removed_volume(pair, object, &old.value));
                }
            }
            Status::Changed(changes) => {
                let class = pair
                    .old
                    .get(key)
                    .and_then(|o| o.value.pointer("/spec/storageClassName"))
                    .and_then(Value::as_str);
                for change in changes {
                    out.extend(match key.kind.as_str() {
                        VOLUME => changed_volume(pair, key, change, class),
                        GROUP => changed_group(key, change),
                        STORAGE_CLASS => changed_class(key, change),
                        _ => None,
                    });
                }
            }
            Status::Removed | Status::Added => {}
        }
    }
    out
}

fn removed_volume(pair: &Pair, object: &ObjectDiff, old: &Value) -> Option<Finding> {
    let key = &object.key;
    let class = old
        .pointer("/spec/storageClassName")
        .and_then(Value::as_str);
    let size = old
        .pointer("/spec/resources/requests/storage")
        .and_then(Value::as_str)
        .map(|s| format!(" of {s}"))
        .unwrap_or_default();
    let what = match &object.renamed {
        Some(new) => format!(
            "volume `{}` is renamed to `{}`: deleting the old claim deletes its volume{size} and every file in it, and the new claim starts empty",
            key.qualified_name(),
            new.qualified_name()
        ),
        None => format!(
            "volume `{}` is removed: deleting the claim deletes its volume{size} and every file in it",
            key.qualified_name()
        ),
    };
    // Without a class the cluster's default class provisioned it.
    let class_name = class.unwrap_or("(the cluster's default)");
    match pair.classes.reclaim(class) {
        Reclaim::Deletes => Some(
            Finding::new(Category::Destructive, key, what)
                .note(format!("StorageClass `{class_name}` has reclaim policy `Delete`")),
        ),
        Reclaim::Unknown => Some(
            Finding::new(Category::PossiblyDestructive, key, what)
                .note(format!("reclaim policy unknown: StorageClass `{class_name}` is not among the inputs; Kubernetes defaults to `Delete`")),
        ),
        Reclaim::Keeps(_) => None,
    }
}

fn changed_volume(
    pair: &Pair,
    key: &ObjectKey,
    change: &FieldChange,
    class: Option<&str>,
) -> Option<Finding> {
    let name = key.qualified_name();
    if change.path == SIZE {
        let text = |v: &Option<Value>| v.as_ref().and_then(Value::as_str).map(str::to_string);
        let (old, new) = (text(&change.old)?, text(&change.new)?);
        let (old_bytes, new_bytes) = (bytes(&old)?, bytes(&new)?);
        if new_bytes < old_bytes {
            return Some(
                Finding::new(Category::Destructive, key, format!("volume `{name}` shrinks from {old} to {new}"))
                    .at(SIZE)
                    .note("Kubernetes refuses to shrink a claim: a smaller volume means deleting this one and every file in it"),
            );
        }
        let expandable = class
            .and_then(|c| pair.classes.get(c))
            .map(|f| f.allow_expansion);
        if new_bytes > old_bytes && expandable == Some(false) {
            return Some(
                Finding::new(
                    Category::Refused,
                    key,
                    format!("volume `{name}` cannot grow from {old} to {new}"),
                )
                .at(SIZE)
                .note(format!(
                    "StorageClass `{}` does not set `allowVolumeExpansion: true`",
                    class.unwrap_or_default()
                )),
            );
        }
        return None;
    }
    let field = [
        "spec.storageClassName",
        "spec.accessModes",
        "spec.volumeMode",
        "spec.dataSourceRef",
        "spec.dataSource",
    ]
    .into_iter()
    .find(|f| change.path.starts_with(f))?;
    Some(
        Finding::new(
            Category::Refused,
            key,
            format!("`{field}` of volume `{name}` cannot change: Kubernetes refuses updates to it"),
        )
        .at(field)
        .note("a claim with other values is a new volume: the old one, and its files, would have to be deleted"),
    )
}

fn changed_group(key: &ObjectKey, change: &FieldChange) -> Option<Finding> {
    if change.path == CLUSTER_ID {
        let text = |v: &Option<Value>| v.as_ref().and_then(Value::as_str).map(str::to_string);
        match (text(&change.old), text(&change.new)) {
            (Some(old), None) => return Some(removed_cluster_id(key, &old)),
            (None, Some(new)) => return Some(added_cluster_id(key, &new)),
            (Some(_), Some(_)) | (None, None) => {}
        }
    }
    let field = [
        CLUSTER_ID,
        "spec.filesystemName",
        "spec.name",
        "spec.csiMetadataRadosNamespace",
    ]
    .into_iter()
    .find(|f| change.path == *f)?;
    Some(
        Finding::new(
            Category::Refused,
            key,
            format!(
                "`{field}` of subvolume group `{}` is immutable: the API server refuses the change",
                key.qualified_name()
            ),
        )
        .at(field)
        .note("the StorageClasses and volumes provisioned into the group keep using the old value"),
    )
}

/// `spec.clusterID` left out, as rookc does since it names Rook's computed
/// ID: the CRD's rule (`self == oldSelf`) only compares two values, so a
/// removal passes, but the group's CSI cluster ID changes under the
/// StorageClass that names it.
fn removed_cluster_id(key: &ObjectKey, old: &str) -> Finding {
    Finding::new(
        Category::Refused,
        key,
        format!(
            "`{CLUSTER_ID}` of subvolume group `{}` is immutable, and would be removed",
            key.qualified_name()
        ),
    )
    .at(CLUSTER_ID)
    .note(format!(
        "without it, Rook gives the group the cluster ID it computes; the group's StorageClass (Kubernetes keeps its parameters) and its volumes still name `{old}`"
    ))
    .note(format!(
        "to keep the group as it is, declare `cluster_id = \"{old}\"`"
    ))
}

/// `spec.clusterID` given to a group that had none: the same rule lets it
/// through, and the group leaves the ID Rook computed for it.
fn added_cluster_id(key: &ObjectKey, new: &str) -> Finding {
    Finding::new(
        Category::Refused,
        key,
        format!(
            "`{CLUSTER_ID}` of subvolume group `{}` is immutable, and would be set to `{new}`",
            key.qualified_name()
        ),
    )
    .at(CLUSTER_ID)
    .note("the group has the cluster ID Rook computed for it; the group's StorageClass (Kubernetes keeps its parameters) and its volumes still name that one")
    .note("to keep the group as it is, leave `cluster_id` out")
}

fn changed_class(key: &ObjectKey, change: &FieldChange) -> Option<Finding> {
    let field = [
        "provisioner",
        "parameters",
        "reclaimPolicy",
        "volumeBindingMode",
    ]
    .into_iter()
    .find(|f| change.path.starts_with(f))?;
    Some(
        Finding::new(
            Category::Refused,
            key,
            format!(
                "`{field}` of StorageClass `{}` cannot be updated: Kubernetes refuses the change",
                key.name
            ),
        )
        .at(&change.path)
        .note("delete and re-create the StorageClass; its existing volumes keep what they were provisioned with"),
    )
}

/// A Kubernetes quantity in bytes (`500Gi`, `10G`, `1024`); `None` when it
/// is not one.
fn bytes(quantity: &str) -> Option<f64> {
    let split = quantity
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(quantity.len());
    let (number, suffix) = quantity.split_at(split);
    let number: f64 = number.parse().ok()?;
    let factor = match suffix {
        "" => 1.0,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024f64,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        _ => return None,
    };
    Some(number * factor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn group_change(old: Option<Value>, new: Option<Value>) -> Option<Finding> {
        let key = ObjectKey {
            kind: GROUP.to_string(),
            namespace: Some("rook-ceph".to_string()),
            name: "builds".to_string(),
        };
        let change = FieldChange {
            path: "spec.clusterID".to_string(),
            old,
            new,
        };
        changed_group(&key, &change)
    }

    #[test]
    fn a_changed_cluster_id_is_refused() {
        let finding = group_change(Some(json!("builds")), Some(json!("builds-v2")));
        let finding = finding.expect("a finding");
        assert_eq!(finding.category, Category::Refused);
        assert!(
            finding.message.contains("the API server refuses"),
            "{}",
            finding.message
        );
    }

    #[test]
    fn a_removed_cluster_id_is_an_immutable_field_change() {
        let finding = group_change(Some(json!("shared-builds")), None).expect("a finding");
        assert_eq!(finding.category, Category::Refused);
        assert_eq!(finding.field.as_deref(), Some("spec.clusterID"));
        assert!(
            finding
                .message
                .contains("is immutable, and would be removed"),
            "{}",
            finding.message
        );
        assert!(
            finding
                .notes
                .iter()
                .any(|n| n.contains("cluster_id = \"shared-builds\"")),
            "{:?}",
            finding.notes
        );
    }

    #[test]
    fn a_cluster_id_given_to_a_group_without_one_is_an_immutable_field_change() {
        let finding = group_change(None, Some(json!("builds"))).expect("a finding");
        assert_eq!(finding.category, Category::Refused);
        assert!(
            finding.message.contains("would be set to `builds`"),
            "{}",
            finding.message
        );
    }

    #[test]
    fn quantities_compare_by_bytes() {
        assert!(bytes("1Ti") > bytes("900Gi"));
        assert_eq!(bytes("1k"), Some(1000.0));
        assert_eq!(bytes("ten"), None);
    }
}
