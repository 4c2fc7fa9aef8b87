//! `notification`: a CephBucketNotification, which events of the buckets
//! that list it are sent to which topic.

use super::{
    common, AttributeDef, DeclKind, EntryDef, KindDef, ManifestKind, NameScope, ValueType,
};

/// The event names a CephBucketNotification takes: the enum of Rook
/// v1.20.6's CRD (`BucketNotificationEvent`, `deploy/examples/crds.yaml`),
/// which are RGW's event types (Ceph's
/// `doc/radosgw/s3-notification-compatibility.rst`, "Event Types").
pub const EVENTS: &[&str] = &[
    "s3:ObjectCreated:*",
    "s3:ObjectCreated:Put",
    "s3:ObjectCreated:Post",
    "s3:ObjectCreated:Copy",
    "s3:ObjectCreated:CompleteMultipartUpload",
    "s3:ObjectRemoved:*",
    "s3:ObjectRemoved:Delete",
    "s3:ObjectRemoved:DeleteMarkerCreated",
    "s3:ObjectLifecycle:Expiration:Current",
    "s3:ObjectLifecycle:Expiration:NonCurrent",
    "s3:ObjectLifecycle:Expiration:DeleteMarker",
    "s3:ObjectLifecycle:Expiration:AbortMultipartUpload",
    "s3:ObjectLifecycle:Transition:Current",
    "s3:ObjectLifecycle:Transition:NonCurrent",
    "s3:LifecycleExpiration:*",
    "s3:LifecycleExpiration:Delete",
    "s3:LifecycleExpiration:DeleteMarkerCreated",
    "s3:LifecycleTransition",
    "s3:ObjectSynced:*",
    "s3:ObjectSynced:Create",
    "s3:ObjectSynced:Delete",
    "s3:ObjectSynced:DeletionMarkerCreated",
    "s3:Replication:*",
    "s3:Replication:Create",
    "s3:Replication:Delete",
    "s3:Replication:DeletionMarkerCreated",
    "s3:ObjectRestore:*",
    "s3:ObjectRestore:Post",
    "s3:ObjectRestore:Completed",
    "s3:ObjectRestore:Delete",
];

/// The entries of `key { }`: the key filters, each at most once.
pub const KEY_FILTERS: &[EntryDef] = &[
    EntryDef::new(
        "prefix",
        ValueType::String,
        "Only objects whose key starts with it: a `prefix` key filter.",
    ),
    EntryDef::new(
        "suffix",
        ValueType::String,
        "Only objects whose key ends with it: a `suffix` key filter.",
    ),
    EntryDef::new(
        "regex",
        ValueType::String,
        "Only objects whose key matches this regular expression: a `regex` key filter.",
    ),
];

pub const DEF: KindDef = KindDef {
    keyword: "notification",
    noun: "notification",
    article: "a",
    summary: "`notification NAME { ... }`: emits a CephBucketNotification: which events of the buckets that list it (`notifications = [NAME]`) go to which topic.",
    since: None,
    scope: NameScope::Program,
    attributes: &[
        AttributeDef::new(
            "topic",
            ValueType::Reference(DeclKind::Topic),
            "The topic the events go to: `spec.topic`. It must be in the notification's namespace.",
        )
        .required()
        .example("my-topic"),
        AttributeDef::new(
            "namespace",
            ValueType::String,
            "Where the CephBucketNotification lives: the namespace of its topic and of the buckets that use it.",
        )
        .required_unless("the declaration is in a `namespace` group")
        .example("\"apps\""),
        AttributeDef::new(
            "events",
            ValueType::StringList,
            "`spec.events`: the S3 event types that trigger it (`\"s3:ObjectCreated:*\"`, ...).",
        )
        .default("Rook sends `s3:ObjectCreated:*` and `s3:ObjectRemoved:*`")
        .example("[\"s3:ObjectCreated:*\"]"),
        AttributeDef::new(
            "key",
            ValueType::Entries(KEY_FILTERS),
            "`key { prefix = \"..\"  suffix = \"..\"  regex = \"..\" }`: `spec.filter.keyFilters`, in the order written.",
        )
        .default("every key"),
        AttributeDef::new(
            "metadata",
            ValueType::StringMap,
            "`metadata { \"x-amz-meta-NAME\" = \"value\" }`: `spec.filter.metadataFilters` (Rook v1.20 does not apply them, W0525).",
        )
        .default("no metadata filter"),
        AttributeDef::new(
            "tags",
            ValueType::StringMap,
            "`tags { NAME = \"value\" }`: `spec.filter.tagFilters` (Rook v1.20 does not apply them, W0525).",
        )
        .default("no tag filter"),
        common::LABELS,
        common::ANNOTATIONS,
    ],
    emits: &[ManifestKind {
        api_version: "ceph.rook.io/v1",
        kind: "CephBucketNotification",
    }],
    imports: &[ManifestKind {
        api_version: "ceph.rook.io/v1",
        kind: "CephBucketNotification",
    }],
    page: include_str!("../../docs/kinds/notification.md"),
    example: r#"objectstore s3 {
  namespace = "rook-ceph"
}

topic uploads {
  store = s3
  namespace = "apps"
  http { uri = "http://events.apps:8080" }
}

notification new-objects {
  topic = uploads
  namespace = "apps"
  events = ["s3:ObjectCreated:*"]
}
"#,
};
