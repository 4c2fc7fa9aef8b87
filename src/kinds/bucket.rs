//! `bucket`: an ObjectBucketClaim, with its owner, quota, policy and
//! lifecycle.

use super::{
    common, AttributeDef, DeclKind, EntryDef, KindDef, ManifestKind, NameScope, ValueType,
};

/// The entries of a bucket's `quota`.
const QUOTA: &[EntryDef] = &[
    EntryDef::new("objects", ValueType::Count, "The most objects the bucket may hold: `bucketMaxObjects` with an owner or a `user_quota`, `maxObjects` without."),
    EntryDef::new("size", ValueType::Size, "The most data the bucket may hold: `bucketMaxSize` with an owner or a `user_quota`, `maxSize` without."),
];

const USER_QUOTA: &[EntryDef] = &[
    EntryDef::new(
        "objects",
        ValueType::Count,
        "The most objects the claim's generated user may own: `maxObjects`.",
    ),
    EntryDef::new(
        "size",
        ValueType::Size,
        "The most data the claim's generated user may own: `maxSize`.",
    ),
];

pub const DEF: KindDef = KindDef {
    keyword: "bucket",
    noun: "bucket",
    article: "a",
    summary: "`bucket NAME { ... }`: emits an ObjectBucketClaim, with its policy, lifecycle, quota and owner in `additionalConfig`.",
    since: None,
    scope: NameScope::Namespace,
    attributes: &[
        AttributeDef::new(
            "store",
            ValueType::Reference(DeclKind::ObjectStore),
            "The object store of the bucket; its `storage_class` is the claim's unless the bucket names a `class`.",
        )
        .required_unless("a `namespace` group gives it")
        .example("my-store")
        .from_group(),
        AttributeDef::new(
            "class",
            ValueType::Reference(DeclKind::BucketClass),
            "The bucket class of the claim, a `bucketclass` of the bucket's store: `spec.storageClassName`.",
        )
        .default("the store's `storage_class`")
        .example("my-store-retain"),
        AttributeDef::new(
            "namespace",
            ValueType::String,
            "Where the claim, its Secret and its ConfigMap land: the app's namespace.",
        )
        .required_unless("the declaration is in a `namespace` group")
        .example("\"apps\""),
        AttributeDef::new(
            "name",
            ValueType::String,
            "The fixed S3 bucket name: `spec.bucketName` (default: the declaration name).",
        )
        .default("the declaration name, unless `generate` is given")
        .example("\"loki-chunks\""),
        AttributeDef::new(
            "generate",
            ValueType::String,
            "A prefix for a generated S3 name: `spec.generateBucketName`.",
        )
        .default("a fixed name")
        .example("\"scratch-\""),
        AttributeDef::new(
            "owner",
            ValueType::Reference(DeclKind::User),
            "The user that owns the bucket: `additionalConfig.bucketOwner`.",
        )
        .default("a user the claim generates")
        .example("loki")
        .since("1.17"),
        AttributeDef::new(
            "backups",
            ValueType::Bool,
            "Whether the bucket holds backups, which the deletion lints protect.",
        )
        .default("decided by the bucket's name")
        .example("true"),
        AttributeDef::new(
            "quota",
            ValueType::Entries(QUOTA),
            "`quota { objects = N  size = SIZE }`: bucket quotas (`bucketMax*` with an owner or a `user_quota`, `max*` without).",
        )
        .default("no quota"),
        AttributeDef::new(
            "user_quota",
            ValueType::Entries(USER_QUOTA),
            "`user_quota { objects = N  size = SIZE }`, for a bucket without owner: the quota of the user Rook creates for the claim (`maxObjects`, `maxSize`); the bucket's `quota` then goes to `bucketMax*`.",
        )
        .default("none: `quota` limits the generated user"),
        AttributeDef::new(
            "policy",
            ValueType::Policy,
            "The bucket policy: `additionalConfig.bucketPolicy`.",
        )
        .default("no policy: only the owner has access"),
        AttributeDef::new(
            "lifecycle",
            ValueType::Lifecycle,
            "The lifecycle rules: `additionalConfig.bucketLifecycle`.",
        )
        .default("no lifecycle"),
        AttributeDef::new(
            "notifications",
            ValueType::ReferenceList(DeclKind::Notification),
            "The notifications of the bucket: rookc labels the claim `bucket-notification-NAME: NAME` for each.",
        )
        .default("no notifications")
        .example("[new-objects]"),
        common::LABELS,
        common::ANNOTATIONS,
    ],
    emits: &[ManifestKind {
        api_version: "objectbucket.io/v1alpha1",
        kind: "ObjectBucketClaim",
    }],
    imports: &[ManifestKind {
        api_version: "objectbucket.io/v1alpha1",
        kind: "ObjectBucketClaim",
    }],
    page: include_str!("../../docs/kinds/bucket.md"),
    example: r#"objectstore s3 {
  namespace = "rook-ceph"
  storage_class = "rook-ceph-bucket"
}

bucket logs {
  store = s3
  namespace = "apps"
}
"#,
};
