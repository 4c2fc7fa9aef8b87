//! `objectstore`: an existing CephObjectStore that users and buckets name.

use super::{common, AttributeDef, KindDef, NameScope, ValueType};

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
            "The store's default bucket StorageClass, `spec.storageClassName` of the claims that name no `class`: a declared `bucketclass` (emitted) or an existing class.",
        )
        .required_unless("every bucket of the store names its `class`")
        .example("\"rook-ceph-bucket\""),
        AttributeDef::new(
            "operator_namespace",
            ValueType::String,
            "The prefix of the bucket provisioner name, `<operator_namespace>.ceph.rook.io/bucket`, in the bucket classes rookc emits (default: `namespace`).",
        )
        .default("the store's `namespace`")
        .example("\"rook-ceph\""),
        AttributeDef::new(
            "placement_classes",
            ValueType::StringList,
            "The RGW storage classes of the store's placement, which lifecycle transitions may name (`STANDARD` always exists).",
        )
        .default("not declared: transitions are not checked")
        .example("[\"COLD\"]"),
        AttributeDef::new(
            "allow_users_in",
            ValueType::StringList,
            "Other namespaces where users of this store may live (mirrors `spec.allowUsersInNamespaces`; `\"*\"` for all).",
        )
        .default("users live in the store's namespace")
        .example("[\"apps\"]"),
    ],
    emits: &[],
    imports: &[common::STORAGE_CLASS],
    page: include_str!("../../docs/kinds/objectstore.md"),
    example: r#"objectstore s3 {
  namespace = "rook-ceph"
  storage_class = "rook-ceph-bucket"
}
"#,
};
