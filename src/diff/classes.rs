//! What the StorageClasses among the inputs say: whether deleting a claim
//! deletes its data (`reclaimPolicy`), whether a bucket class serves an
//! existing bucket (`parameters.bucketName`, never deleted), and whether
//! volumes may grow (`allowVolumeExpansion`).

use std::collections::BTreeMap;

use serde_json::Value;

use super::key::STORAGE_CLASS;
use super::Side;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassFacts {
    /// `Delete` when the class does not say (the Kubernetes default).
    pub reclaim_policy: String,
    /// A brownfield bucket class: its claims are revoked, never deleted.
    pub existing_bucket: bool,
    pub allow_expansion: bool,
}

/// StorageClasses by name, from the sides in order (the old side's facts
/// win: they are what the cluster applies when an object goes).
#[derive(Debug, Clone, Default)]
pub struct Classes(BTreeMap<String, ClassFacts>);

impl Classes {
    pub fn from_sides<'a>(sides: impl Iterator<Item = &'a Side>) -> Classes {
        let mut classes = BTreeMap::new();
        for side in sides {
            for (key, object) in &side.objects {
                if key.kind == STORAGE_CLASS {
                    classes
                        .entry(key.name.clone())
                        .or_insert_with(|| facts(&object.value));
                }
            }
        }
        Classes(classes)
    }

    pub fn get(&self, name: &str) -> Option<&ClassFacts> {
        self.0.get(name)
    }
}

fn facts(class: &Value) -> ClassFacts {
    ClassFacts {
        reclaim_policy: class
            .get("reclaimPolicy")
            .and_then(Value::as_str)
            .unwrap_or("Delete")
            .to_string(),
        existing_bucket: class
            .pointer("/parameters/bucketName")
            .is_some_and(|name| !name.is_null()),
        allow_expansion: class
            .get("allowVolumeExpansion")
            .and_then(Value::as_bool)
            .unwrap_or(false),
    }
}

/// What deleting a claim of a class does to its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reclaim {
    /// The class is among the inputs and deletes.
    Deletes,
    /// The class keeps the data (`Retain`, or an existing bucket).
    Keeps(String),
    /// The class is not among the inputs.
    Unknown,
}

impl Classes {
    pub fn reclaim(&self, class: Option<&str>) -> Reclaim {
        match class.and_then(|name| self.get(name)) {
            None => Reclaim::Unknown,
            Some(facts) if facts.existing_bucket => {
                Reclaim::Keeps("the class serves an existing bucket, which is only revoked".into())
            }
            Some(facts) if facts.reclaim_policy == "Delete" => Reclaim::Deletes,
            Some(facts) => Reclaim::Keeps(format!(
                "the class's reclaim policy is `{}`",
                facts.reclaim_policy
            )),
        }
    }
}
