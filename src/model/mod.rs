//! The lowered model: a resolved, typed program with every name, unit and
//! default settled. `check` builds it; `emit` reads only this.

use crate::source::Span;

mod lifecycle;
mod object;
mod storage;

pub use lifecycle::*;
pub use object::*;
pub use storage::*;

/// What every emitted object carries in `metadata`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub name: String,
    /// `None` for cluster-scoped objects.
    pub namespace: Option<String>,
    /// Sorted by key, each key once. (A list, not a map: a program has an
    /// object per declaration, and a one-entry map costs a whole node.)
    pub labels: Vec<(String, String)>,
    /// Sorted by key, each key once.
    pub annotations: Vec<(String, String)>,
}

/// A resolved program, ready to emit.
#[derive(Debug, Clone, Default)]
pub struct Program {
    pub accounts: Vec<Account>,
    pub users: Vec<User>,
    pub buckets: Vec<Bucket>,
    pub volumes: Vec<Volume>,
    pub subvolume_groups: Vec<SubvolumeGroup>,
    pub storage_classes: Vec<CephfsStorageClass>,
    pub bucket_classes: Vec<BucketStorageClass>,
    pub block_classes: Vec<RbdStorageClass>,
    pub topics: Vec<Topic>,
    pub notifications: Vec<Notification>,
    pub clients: Vec<Client>,
    pub snapshot_classes: Vec<SnapshotClass>,
    pub snapshots: Vec<Snapshot>,
    /// What the program's `rook { }` block declares.
    pub settings: Settings,
}

/// Program settings (`rook { }`): what the Rook operator the program
/// targets is configured with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// `version`: the Rook release the program targets (default: the
    /// newest supported).
    pub rook_version: Option<RookVersion>,
    /// `obc_fields`: the operator's `ROOK_OBC_ALLOW_ADDITIONAL_CONFIG_FIELDS`,
    /// when the program declares it.
    pub obc_fields: Option<ObcFields>,
}

/// A Rook release the program targets: `1.MINOR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RookVersion {
    pub minor: u32,
    /// The `version` attribute.
    pub span: Span,
}

/// The ObjectBucketClaim `additionalConfig` keys the operator allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObcFields {
    /// Rook's spelling of each key, as listed.
    pub fields: Vec<String>,
    /// The `obc_fields` attribute.
    pub span: Span,
}

impl Program {
    /// Puts every list in (namespace, name) order, so output order never
    /// depends on file or declaration order.
    pub fn sort(&mut self) {
        fn key(meta: &Meta) -> (Option<&str>, &str) {
            (meta.namespace.as_deref(), meta.name.as_str())
        }
        // Unstable sorts give the same order: users have unique names, and
        // buckets and volumes are told apart by where they were declared.
        self.users
            .sort_unstable_by(|a, b| key(&a.meta).cmp(&key(&b.meta)));
        self.accounts
            .sort_by(|a, b| key(&a.meta).cmp(&key(&b.meta)));
        self.buckets.sort_unstable_by(|a, b| {
            key(&a.meta)
                .cmp(&key(&b.meta))
                .then(a.origin.cmp(&b.origin))
        });
        self.volumes.sort_unstable_by(|a, b| {
            key(&a.meta)
                .cmp(&key(&b.meta))
                .then(a.origin.cmp(&b.origin))
        });
        self.subvolume_groups
            .sort_by(|a, b| key(&a.meta).cmp(&key(&b.meta)));
        self.storage_classes
            .sort_by(|a, b| key(&a.meta).cmp(&key(&b.meta)));
        self.bucket_classes
            .sort_by(|a, b| key(&a.meta).cmp(&key(&b.meta)));
        self.block_classes
            .sort_by(|a, b| key(&a.meta).cmp(&key(&b.meta)));
        self.topics.sort_by(|a, b| key(&a.meta).cmp(&key(&b.meta)));
        self.notifications
            .sort_by(|a, b| key(&a.meta).cmp(&key(&b.meta)));
        self.clients.sort_by(|a, b| key(&a.meta).cmp(&key(&b.meta)));
        self.snapshot_classes
            .sort_by(|a, b| key(&a.meta).cmp(&key(&b.meta)));
        self.snapshots.sort_by(|a, b| {
            key(&a.meta)
                .cmp(&key(&b.meta))
                .then(a.origin.cmp(&b.origin))
        });
    }
}

/// What deleting a claim does to what it claimed, its bucket or its volume:
/// a StorageClass's `reclaimPolicy` (and a static PersistentVolume's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reclaim {
    Delete,
    Retain,
}

impl Reclaim {
    /// The StorageClass's `reclaimPolicy`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reclaim::Delete => "Delete",
            Reclaim::Retain => "Retain",
        }
    }
}

/// A key of a Secret in the object's namespace (a SecretKeySelector).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretKey {
    pub name: String,
    pub key: String,
}
