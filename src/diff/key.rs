//! Which object a manifest is: kind, namespace and name, the key both
//! sides are matched by.

use serde_json::Value;

/// An object's identity. Sorted by kind, then namespace (cluster-scoped
/// first), then name, the order every report lists objects in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjectKey {
    pub kind: String,
    pub namespace: Option<String>,
    pub name: String,
}

impl ObjectKey {
    /// The key of a manifest; `None` when it has no `kind` or no
    /// `metadata.name`.
    pub fn of(value: &Value) -> Option<ObjectKey> {
        let kind = value.get("kind")?.as_str()?;
        let metadata = value.get("metadata")?;
        let name = metadata.get("name")?.as_str()?;
        let namespace = metadata
            .get("namespace")
            .and_then(Value::as_str)
            .filter(|ns| !ns.is_empty());
        Some(ObjectKey {
            kind: kind.to_string(),
            namespace: namespace.map(str::to_string),
            name: name.to_string(),
        })
    }

    /// `namespace/name`, or `name` for a cluster-scoped object.
    pub fn qualified_name(&self) -> String {
        match &self.namespace {
            Some(namespace) => format!("{namespace}/{}", self.name),
            None => self.name.clone(),
        }
    }
}

impl std::fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} `{}`", self.kind, self.qualified_name())
    }
}

/// The kinds rookc writes, and the bucket StorageClasses it reads for
/// reclaim policies.
pub const CLAIM: &str = "ObjectBucketClaim";
pub const USER: &str = "CephObjectStoreUser";
pub const VOLUME: &str = "PersistentVolumeClaim";
pub const GROUP: &str = "CephFilesystemSubVolumeGroup";
pub const STORAGE_CLASS: &str = "StorageClass";
