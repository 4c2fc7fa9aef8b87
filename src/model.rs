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
    /// The generated user's quota of a claim without owner.
    pub user_quota: Option<ClaimUserQuota>,
    pub policy: Option<Policy>,
    pub lifecycle: Option<Lifecycle>,
}

/// `user_quota`: the quota of the RGW user Rook generates for a claim
/// without owner (`maxObjects`, `maxSize`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimUserQuota {
    pub max_objects: Option<u64>,
    pub max_size: Option<String>,
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

/// One RGW rule: the actions of the source rules that share its ID (one,
/// unless the user gave several rules one `id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifecycleRule {
    pub id: String,
    pub filter: LifecycleFilter,
    /// In the order RGW keeps them: expiration, noncurrent expiration,
    /// upload abort, transitions by class, noncurrent transitions by class.
    pub actions: Vec<LifecycleAction>,
}

/// The keys a rule applies to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LifecycleFilter {
    /// Empty for the whole bucket.
    pub prefix: String,
    /// Object tags, sorted by key.
    pub tags: Vec<(String, String)>,
    /// Only objects larger than this many bytes.
    pub larger_than: Option<u64>,
    /// Only objects smaller than this many bytes.
    pub smaller_than: Option<u64>,
}

impl LifecycleFilter {
    /// Whether the rule applies to keys by prefix alone.
    pub fn is_prefix_only(&self) -> bool {
        self.tags.is_empty() && self.larger_than.is_none() && self.smaller_than.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LifecycleAction {
    Expire {
        days: u32,
    },
    /// `Expiration.ExpiredObjectDeleteMarker`: remove delete markers that
    /// no noncurrent version is left behind.
    ExpireDeleteMarkers,
    ExpireNoncurrent {
        days: u32,
        /// `NewerNoncurrentVersions`: this many newest noncurrent versions
        /// are kept.
        newer_versions: Option<u32>,
    },
    AbortUploads {
        days: u32,
    },
    Transition {
        days: u32,
        storage_class: String,
    },
    TransitionNoncurrent {
        days: u32,
        storage_class: String,
    },
}

impl LifecycleAction {
    /// The word of the language that writes it.
    pub fn verb(&self) -> &'static str {
        match self {
            LifecycleAction::Expire { .. } => "expire",
            LifecycleAction::ExpireDeleteMarkers => "expire-delete-markers",
            LifecycleAction::ExpireNoncurrent { .. } => "expire-noncurrent",
            LifecycleAction::AbortUploads { .. } => "abort-uploads",
            LifecycleAction::Transition { .. } => "transition",
            LifecycleAction::TransitionNoncurrent { .. } => "transition-noncurrent",
        }
    }

    /// The storage class it moves objects to.
    pub fn storage_class(&self) -> Option<&str> {
        match self {
            LifecycleAction::Transition { storage_class, .. }
            | LifecycleAction::TransitionNoncurrent { storage_class, .. } => Some(storage_class),
            LifecycleAction::Expire { .. }
            | LifecycleAction::ExpireDeleteMarkers
            | LifecycleAction::ExpireNoncurrent { .. }
            | LifecycleAction::AbortUploads { .. } => None,
        }
    }
}

/// The ID rookc gives a rule without an `id`: the action; then `-CLASS`
/// for a transition; then `:PREFIX` when there is a prefix
/// (`transition-COLD:archive/`). Import derives it too, to leave out an
/// `id` that says the same.
pub fn generated_rule_id(verb: &str, storage_class: Option<&str>, prefix: &str) -> String {
    let mut id = verb.to_string();
    if let Some(class) = storage_class {
        id.push('-');
        id.push_str(class);
    }
    if !prefix.is_empty() {
        id.push(':');
        id.push_str(prefix);
    }
    id
}

/// -> PersistentVolumeClaim.
#[derive(Debug, Clone)]
pub struct Volume {
    pub meta: Meta,
    /// Where it was declared.
    pub origin: Span,
    pub storage_class: String,
    pub access_mode: AccessMode,
    pub volume_mode: VolumeMode,
    /// A Kubernetes quantity.
    pub size: String,
    /// What the claim starts as a copy of: `spec.dataSource`.
    pub data_source: Option<DataSource>,
    /// A static volume: the PersistentVolume of an existing subvolume the
    /// claim is bound to (`storage_class` is then the name both carry,
    /// `""` for none).
    pub binding: Option<StaticBinding>,
}

/// `spec.dataSource` of a claim, in the claim's namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    /// A VolumeSnapshot, by name (a restore).
    Snapshot(String),
    /// A PersistentVolumeClaim, by name (a clone).
    Volume(String),
}

/// -> VolumeSnapshotClass.
#[derive(Debug, Clone)]
pub struct SnapshotClass {
    pub meta: Meta,
    /// `<operator namespace>.cephfs.csi.ceph.com` or `.rbd.csi.ceph.com`.
    pub driver: String,
    pub cluster_id: String,
    /// The Secret the snapshotter uses, and its namespace (the cluster's).
    pub secret: &'static str,
    pub secret_namespace: String,
    pub deletion: Reclaim,
}

/// -> VolumeSnapshot.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub meta: Meta,
    /// Where it was declared.
    pub origin: Span,
    /// The claim it snapshots, in its namespace.
    pub volume: String,
    /// The VolumeSnapshotClass.
    pub class: String,
}

/// -> PersistentVolume of an existing CephFS subvolume, which one claim
/// binds by name (`volumeName`).
#[derive(Debug, Clone)]
pub struct StaticBinding {
    /// The PersistentVolume's name (cluster-wide).
    pub name: String,
    /// `csi.volumeHandle`, unique per PersistentVolume.
    pub handle: String,
    /// `<operator namespace>.cephfs.csi.ceph.com`.
    pub driver: String,
    /// The Rook cluster namespace: `clusterID` and the secret's namespace.
    pub cluster_namespace: String,
    pub fs_name: String,
    /// The subvolume's path in the filesystem: `rootPath`.
    pub root_path: String,
    /// `nodeStageSecretRef.name`.
    pub node_secret: String,
}

/// `spec.volumeMode` of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VolumeMode {
    Filesystem,
    /// A raw device (RBD only).
    Block,
}

impl VolumeMode {
    pub fn as_str(self) -> &'static str {
        match self {
            VolumeMode::Filesystem => "Filesystem",
            VolumeMode::Block => "Block",
        }
    }
}

/// -> CephClient.
#[derive(Debug, Clone)]
pub struct Client {
    pub meta: Meta,
    /// Where it was declared.
    pub origin: Span,
    /// `spec.name`, when it differs from the object's name.
    pub cephx_name: Option<String>,
    /// Daemon type -> cap string (the written caps, then the profiles').
    pub caps: BTreeMap<String, String>,
    /// `spec.secretName`, when given.
    pub secret_name: Option<String>,
    pub remove_secret: Option<bool>,
    pub key_type: Option<String>,
}

impl Client {
    /// The Secret Rook writes the key to, unless `remove_secret`.
    pub fn secret(&self) -> String {
        self.secret_name
            .clone()
            .unwrap_or_else(|| format!("rook-ceph-client-{}", self.meta.name))
    }

    /// The cephx user id, after `client.`: the Secret's key holding the key.
    pub fn user_id(&self) -> &str {
        self.cephx_name.as_deref().unwrap_or(&self.meta.name)
    }
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
    /// The CSI cluster ID its StorageClass names: the declared one, else
    /// the one Rook computes.
    pub cluster_id: String,
    /// Whether `cluster_id` was declared: only then is it `spec.clusterID`.
    pub cluster_id_declared: bool,
    /// A Kubernetes quantity.
    pub quota: Option<String>,
    /// Full Ceph data pool name (`<fs>-<pool>`, or as declared).
    pub data_pool: Option<String>,
    pub pinning: Option<Pinning>,
    /// `spec.csiMetadataRadosNamespace`.
    pub csi_metadata_rados_namespace: Option<String>,
}

/// How a subvolume group is pinned to MDS ranks (`spec.pinning`): one of
/// the three, within the CRD's ranges.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pinning {
    /// An MDS rank, −1 to 256 (−1 unpins).
    Export(i32),
    /// 0 or 1.
    Distributed(u8),
    /// A probability, 0.0 to 1.0.
    Random(f64),
}

/// -> StorageClass for the CephFS CSI driver: a `fileclass`, or the class
/// of a subvolume group.
#[derive(Debug, Clone)]
pub struct CephfsStorageClass {
    pub meta: Meta,
    /// The file class or subvolume group it is written for.
    pub origin: Span,
    /// `<operator namespace>.cephfs.csi.ceph.com`.
    pub provisioner: String,
    pub cluster_id: String,
    pub fs_name: String,
    pub pool: Option<String>,
    /// The Rook cluster namespace, where the CSI secrets live.
    pub secrets_namespace: String,
    pub reclaim: Reclaim,
    pub allow_expansion: bool,
    /// `kernel` or `fuse`; `None` lets ceph-csi choose.
    pub mounter: Option<String>,
    pub mount_options: Vec<String>,
}

/// -> StorageClass for Rook's bucket provisioner, serving one object store.
#[derive(Debug, Clone)]
pub struct BucketStorageClass {
    pub meta: Meta,
    /// Where it was declared.
    pub origin: Span,
    /// `<operator namespace>.ceph.rook.io/bucket`.
    pub provisioner: String,
    pub reclaim: Reclaim,
    /// The CephObjectStore's name and namespace.
    pub store: String,
    pub store_namespace: String,
    /// An existing bucket every claim is granted (brownfield).
    pub existing_bucket: Option<String>,
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

/// -> StorageClass for the RBD CSI driver (a `blockclass`).
#[derive(Debug, Clone)]
pub struct RbdStorageClass {
    pub meta: Meta,
    /// `<operator namespace>.rbd.csi.ceph.com`.
    pub provisioner: String,
    /// The cluster namespace: the CSI cluster ID and where the CSI secrets
    /// live.
    pub cluster_namespace: String,
    /// The Ceph pool name.
    pub pool: String,
    /// An erasure-coded data pool.
    pub data_pool: Option<String>,
    /// Comma-separated, in the order written.
    pub image_features: String,
    /// `ext4` or `xfs`.
    pub fstype: String,
    pub reclaim_policy: Reclaim,
    pub allow_expansion: bool,
}

/// -> CephBucketTopic.
#[derive(Debug, Clone)]
pub struct Topic {
    pub meta: Meta,
    /// Where it was declared.
    pub origin: Span,
    /// The CephObjectStore and its namespace.
    pub store: String,
    pub store_namespace: String,
    pub opaque_data: Option<String>,
    /// As written; absent means Rook's default (`false`).
    pub persistent: Option<bool>,
    pub endpoint: Endpoint,
}

/// Where a topic sends its events: `spec.endpoint`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    Http {
        uri: String,
        disable_verify_ssl: Option<bool>,
        send_cloud_events: Option<bool>,
    },
    Amqp {
        uri: String,
        exchange: String,
        ack_level: Option<String>,
        disable_verify_ssl: Option<bool>,
    },
    Kafka(KafkaEndpoint),
}

/// `spec.endpoint.kafka`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KafkaEndpoint {
    pub uri: String,
    pub use_ssl: Option<bool>,
    pub disable_verify_ssl: Option<bool>,
    pub ack_level: Option<String>,
    pub mechanism: Option<String>,
    pub user_secret: Option<SecretKey>,
    pub password_secret: Option<SecretKey>,
}

/// A key of a Secret in the object's namespace (a SecretKeySelector).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretKey {
    pub name: String,
    pub key: String,
}

/// -> CephBucketNotification.
#[derive(Debug, Clone)]
pub struct Notification {
    pub meta: Meta,
    /// Where it was declared.
    pub origin: Span,
    /// The CephBucketTopic's name (in the same namespace).
    pub topic: String,
    /// As written; empty means Rook's default.
    pub events: Vec<String>,
    /// (`prefix` | `suffix` | `regex`, value), in source order.
    pub key_filters: Vec<(String, String)>,
    /// (name, value), in source order.
    pub metadata_filters: Vec<(String, String)>,
    pub tag_filters: Vec<(String, String)>,
}
