//! The model of object storage: users, accounts, buckets with their
//! policies, bucket classes, topics and notifications.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::{Lifecycle, Meta, Reclaim, SecretKey};
use crate::source::Span;

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
