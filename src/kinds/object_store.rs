//! `objectstore`: an existing CephObjectStore that users and buckets name.

use super::{AttributeDef, KindDef, ManifestKind, NameScope, ValueType};

pub const DEF: KindDef = KindDef {
    keyword: "objectstore",
    noun: "object store",
    article: "an",
    summary: "`objectstore NAME { ... }`: an existing CephObjectStore. Emits nothing; users and buckets refer to it with `store = NAME`.",
    since: None,
    scope: NameScope::Program,
    attributes: &[
        AttributeDef::new(
            "namespace",
            ValueType::String,
            "The namespace of the CephObjectStore; users live there unless `allow_users_in` lists theirs.",
        )
        .required_unless("the declaration is in a `namespace` group")
        .example("\"rook-ceph\""),
        AttributeDef::new(
            "storage_class",
            ValueType::String,
            "The bucket StorageClass whose provisioner serves this store: `spec.storageClassName` of its claims.",
        )
        .required_unless("the store has no buckets")
        .example("\"rook-ceph-bucket\""),
        AttributeDef::new(
            "allow_users_in",
            ValueType::StringList,
            "Other namespaces where users of this store may live (mirrors `spec.allowUsersInNamespaces`; `\"*\"` for all).",
        )
        .default("users live in the store's namespace")
        .example("[\"apps\"]"),
    ],
    emits: &[],
    imports: &[ManifestKind {
        api_version: "storage.k8s.io/v1",
        kind: "StorageClass",
    }],
    page: include_str!("../../docs/kinds/objectstore.md"),
    example: r#"objectstore s3 {
  namespace = "rook-ceph"
  storage_class = "rook-ceph-bucket"
}
"#,
};
