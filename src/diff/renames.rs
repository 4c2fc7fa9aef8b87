//! Renames: a removed and an added object that are the same thing under
//! another name (a claim of the same bucket, an object with the same spec,
//! the only claim or volume of a class in a namespace that changed name).

use std::collections::BTreeMap;

use super::key::{self, ObjectKey};
use super::normalize::Object;
use super::{ObjectDiff, Status};

/// What makes two objects of one kind the same thing under two names: a
/// claim's bucket, anything else's `spec`.
fn identity(object: &Object) -> Option<String> {
    let spec = object.value.get("spec")?;
    let identity = if object.key.kind == key::CLAIM {
        spec.get("bucketName")
            .or_else(|| spec.get("generateBucketName"))?
            .clone()
    } else {
        spec.clone()
    };
    Some(format!("{}\0{identity}", object.key.kind))
}

/// Pairs each removed object with the one added object of the same
/// identity, when there is exactly one of each; then, among the rest, the
/// one removed and the one added object of a kind, namespace and class.
pub fn pair_renames(
    objects: &mut [ObjectDiff],
    old: &BTreeMap<&ObjectKey, &Object>,
    new: &BTreeMap<&ObjectKey, &Object>,
) {
    let by_identity = |object: &ObjectDiff, side: &BTreeMap<&ObjectKey, &Object>| {
        side.get(&object.key).and_then(|o| identity(o))
    };
    pair_by(objects, |o| by_identity(o, old), |o| by_identity(o, new));
    // Claims and volumes of one class in one namespace, when a name
    // changes along with the bucket name or the spec.
    let by_place = |object: &ObjectDiff, side: &BTreeMap<&ObjectKey, &Object>| {
        let class = side
            .get(&object.key)?
            .value
            .pointer("/spec/storageClassName")?
            .as_str()?;
        Some(format!(
            "{}\0{}\0{class}",
            object.key.kind,
            object.key.namespace.as_deref().unwrap_or_default()
        ))
    };
    pair_by(objects, |o| by_place(o, old), |o| by_place(o, new));
}

/// Pairs the unpaired removed and added objects whose groups (by
/// `removed_group` and `added_group`) hold exactly one of each.
fn pair_by(
    objects: &mut [ObjectDiff],
    removed_group: impl Fn(&ObjectDiff) -> Option<String>,
    added_group: impl Fn(&ObjectDiff) -> Option<String>,
) {
    let mut removed: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut added: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, object) in objects.iter().enumerate() {
        if object.renamed.is_some() {
            continue;
        }
        let (group, into) = match object.status {
            Status::Removed => (removed_group(object), &mut removed),
            Status::Added => (added_group(object), &mut added),
            Status::Changed(_) => continue,
        };
        if let Some(group) = group {
            into.entry(group).or_default().push(index);
        }
    }
    for (group, gone) in removed {
        let Some(came) = added.get(&group) else {
            continue;
        };
        if let ([gone], [came]) = (gone.as_slice(), came.as_slice()) {
            let (gone_key, came_key) = (objects[*gone].key.clone(), objects[*came].key.clone());
            objects[*gone].renamed = Some(came_key);
            objects[*came].renamed = Some(gone_key);
        }
    }
}
