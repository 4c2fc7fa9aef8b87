//! VolumeSnapshots: a snapshot removed deletes its Ceph snapshot when its
//! class's `deletionPolicy` is `Delete`; a snapshot's source cannot
//! change. (A claim's `dataSource` is immutable like its other fields:
//! see `volumes`.)

use serde_json::Value;

use super::key::ObjectKey;
use super::{Category, Finding, Pair, Status};

const SNAPSHOT: &str = "VolumeSnapshot";
const SNAPSHOT_CLASS: &str = "VolumeSnapshotClass";

pub fn findings(pair: &Pair) -> Vec<Finding> {
    let mut out = Vec::new();
    for object in pair.objects.iter().filter(|o| o.key.kind == SNAPSHOT) {
        let key = &object.key;
        match &object.status {
            Status::Removed => {
                if let Some(old) = pair.old.get(key) {
                    out.extend(removed_snapshot(pair, key, &old.value));
                }
            }
            Status::Changed(changes) => {
                for change in changes.iter().filter(|c| c.path.starts_with("spec.source")) {
                    out.push(
                        Finding::new(
                            Category::Refused,
                            key,
                            format!(
                                "`spec.source` of snapshot `{}` cannot change: the snapshot CRD refuses updates to it",
                                key.qualified_name()
                            ),
                        )
                        .at(&change.path)
                        .note("a snapshot of another volume is a new snapshot: declare it under another name"),
                    );
                }
            }
            Status::Added => {}
        }
    }
    out
}

/// What deleting the VolumeSnapshot does, by its class's `deletionPolicy`
/// (read from either side).
fn removed_snapshot(pair: &Pair, key: &ObjectKey, old: &Value) -> Option<Finding> {
    let class = old
        .pointer("/spec/volumeSnapshotClassName")
        .and_then(Value::as_str);
    let class_key = ObjectKey {
        kind: SNAPSHOT_CLASS.to_string(),
        namespace: None,
        name: class.unwrap_or_default().to_string(),
    };
    let policy = [pair.old, pair.new]
        .iter()
        .find_map(|side| side.get(&class_key))
        .and_then(|c| c.value.get("deletionPolicy"))
        .and_then(Value::as_str);
    let what = format!(
        "snapshot `{}` is removed: deleting the VolumeSnapshot deletes its Ceph snapshot, and what it holds can no longer be restored",
        key.qualified_name()
    );
    let class_name = class.unwrap_or("(the driver's default)");
    match policy {
        Some("Retain") => None,
        Some(_) => Some(
            Finding::new(Category::Destructive, key, what).note(format!(
                "VolumeSnapshotClass `{class_name}` has deletion policy `Delete`"
            )),
        ),
        None => Some(
            Finding::new(Category::PossiblyDestructive, key, what).note(format!(
                "deletion policy unknown: VolumeSnapshotClass `{class_name}` is not among the inputs; Rook's classes use `Delete`"
            )),
        ),
    }
}
