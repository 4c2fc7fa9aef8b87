//! The lowered model: a resolved, typed program with every name, unit and
//! default settled. `check` builds it; `emit` reads only this.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::source::Span;

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
    }
}

/// -> CephObjectStoreUser.
#[derive(Debug, Clone)]
pub struct User {
    pub meta: Meta,
    /// Where it was declared.
    pub origin: Span,
    pub store: String,
    /// The store's namespace, when the user lives elsewhere.
    pub cluster_namespace: Option<String>,
    pub display_name: Option<String>,
    pub max_buckets: Option<i64>,
    /// A Kubernetes quantity such as `500Gi`.
    pub max_size: Option<String>,
    pub max_objects: Option<i64>,
    /// RGW capability -> `read`, `write`, `read, write` or `*`.
    pub capabilities: BTreeMap<String, String>,
    /// `spec.keys`, in source order; empty: Rook generates one pair.
    pub keys: Vec<KeyPair>,
    /// `spec.opMask`, in Rook's order (`read`, `write`, `delete`); `Some`
    /// of an empty list means no operations.
    pub op_mask: Option<Vec<String>>,
    /// `spec.accountRef.name`.
    pub account: Option<String>,
}

/// One S3 key pair of a user, read from a Secret of its namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPair {
    pub secret: String,
    pub access_key: String,
    pub secret_key: String,
}

/// -> CephObjectStoreAccount.
#[derive(Debug, Clone)]
pub struct Account {
    pub meta: Meta,
    /// Where it was declared.
    pub origin: Span,
    pub store: String,
    /// `spec.name`.
    pub account_name: Option<String>,
    /// `spec.accountID`.
    pub account_id: Option<String>,
    /// `spec.rootUser.skipCreate: true`.
    pub skip_root_user: bool,
    /// `spec.rootUser.displayName`.
    pub root_display_name: Option<String>,
}

/// -> ObjectBucketClaim.
#[derive(Debug, Clone)]
pub struct Bucket {
    pub meta: Meta,
    /// Where it was declared (for notes about the build).
    pub origin: Span,
    pub storage_class: String,
    pub naming: BucketNaming,
    /// RGW user id of the owner.
    pub owner: Option<String>,
    /// Object-count quota.
    pub max_objects: Option<u64>,
    /// Byte quota, a Kubernetes quantity.
    pub max_size: Option<String>,
    pub policy: Option<Policy>,
    pub lifecycle: Option<Lifecycle>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BucketNaming {
    Fixed(String),
    Generated(String),
}

/// A bucket policy with principals and resources resolved to ARNs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub statements: Vec<PolicyStatement>,
}

/// One statement of the emitted JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyStatement {
    pub sid: String,
    pub allow: bool,
    /// `None` is every principal (`"*"`); otherwise sorted IAM ARNs.
    pub principals: Option<Vec<String>>,
    /// Sorted, deduplicated actions (those RGW knows are shared strings).
    pub actions: Vec<Cow<'static, str>>,
    /// Sorted resource ARNs.
    pub resources: Vec<String>,
    /// Key prefixes a listing is limited to (`s3:prefix` condition).
    pub list_prefixes: Vec<String>,
    /// The source statement it was lowered from; `None` for a statement
    /// read from a policy document (a live cluster's manifest).
    pub origin: Option<Span>,
}

/// Lifecycle rules, sorted by id (RGW returns them so; Rook compares in order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lifecycle {
    pub rules: Vec<LifecycleRule>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifecycleRule {
    pub id: String,
    /// Empty for the whole bucket.
    pub prefix: String,
    pub action: LifecycleAction,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LifecycleAction {
    Expire { days: u32 },
    ExpireNoncurrent { days: u32 },
    AbortUploads { days: u32 },
    Transition { days: u32, storage_class: String },
}

/// -> PersistentVolumeClaim.
#[derive(Debug, Clone)]
pub struct Volume {
    pub meta: Meta,
    /// Where it was declared.
    pub origin: Span,
    pub storage_class: String,
    pub access_mode: AccessMode,
    /// A Kubernetes quantity.
    pub size: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessMode {
    ReadWriteMany,
    ReadWriteOnce,
    ReadOnlyMany,
}

impl AccessMode {
    pub fn as_str(self) -> &'static str {
        match self {
            AccessMode::ReadWriteMany => "ReadWriteMany",
            AccessMode::ReadWriteOnce => "ReadWriteOnce",
            AccessMode::ReadOnlyMany => "ReadOnlyMany",
        }
    }
}

/// -> CephFilesystemSubVolumeGroup.
#[derive(Debug, Clone)]
pub struct SubvolumeGroup {
    pub meta: Meta,
    /// Where it was declared.
    pub origin: Span,
    pub filesystem: String,
    /// The Ceph group name, when it differs from `metadata.name`.
    pub group_name: Option<String>,
    pub cluster_id: String,
    /// A Kubernetes quantity.
    pub quota: Option<String>,
    /// Full data pool name (`<fs>-<pool>`).
    pub data_pool: Option<String>,
}

/// -> StorageClass for the CephFS CSI driver, provisioning into a group.
#[derive(Debug, Clone)]
pub struct CephfsStorageClass {
    pub meta: Meta,
    /// `<operator namespace>.cephfs.csi.ceph.com`.
    pub provisioner: String,
    pub cluster_id: String,
    pub fs_name: String,
    pub pool: Option<String>,
    /// The Rook cluster namespace, where the CSI secrets live.
    pub secrets_namespace: String,
}
