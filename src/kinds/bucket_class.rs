//! `bucketclass`: a bucket StorageClass, whose provisioner is Rook's
//! bucket provisioner for one object store.

use super::{common, AttributeDef, DeclKind, KindDef, NameScope, ValueType};

/// The words `reclaim` takes, and the `reclaimPolicy` each becomes.
pub const RECLAIM_WORDS: &[&str] = &["delete", "retain"];

/// Keys a bucket StorageClass may carry that rookc does not offer, with
/// why: the note of the E0301 a user gets for one.
pub const NOT_OFFERED: &[(&str, &str)] = &[(
    "region",
    "Rook v1.20 does not read a bucket StorageClass's `region` parameter, so rookc does not write one",
)];

pub const DEF: KindDef = KindDef {
    keyword: "bucketclass",
    noun: "bucket class",
    article: "a",
    summary: "`bucketclass NAME { ... }`: emits a bucket StorageClass named NAME for one object store, with its reclaim policy; buckets pick it with `class = NAME`.",
    since: None,
    scope: NameScope::Program,
    attributes: &[
        AttributeDef::new(
            "store",
            ValueType::Reference(DeclKind::ObjectStore),
            "The object store the class provisions buckets in: `parameters.objectStoreName` and `objectStoreNamespace`.",
        )
        .required_unless("a `namespace` group gives it")
        .example("my-store")
        .from_group(),
        AttributeDef::new(
            "reclaim",
            ValueType::Word(RECLAIM_WORDS),
            "What deleting a claim does to its bucket: `delete` removes the bucket with all its objects, `retain` keeps it (`reclaimPolicy`).",
        )
        .required()
        .example("retain"),
        AttributeDef::new(
            "bucket",
            ValueType::String,
            "An existing S3 bucket that every claim of this class is granted access to: `parameters.bucketName`. Such a class never deletes the bucket.",
        )
        .default("each claim gets a new bucket")
        .example("\"legacy-data\""),
        common::LABELS,
        common::ANNOTATIONS,
    ],
    emits: &[common::STORAGE_CLASS],
    imports: &[common::STORAGE_CLASS],
    page: include_str!("../../docs/kinds/bucketclass.md"),
    example: r#"objectstore s3 {
  namespace = "rook-ceph"
}

bucketclass s3-retain {
  store = s3
  reclaim = retain
}
"#,
};
