//! `blockpool`: an existing CephBlockPool that block StorageClasses and
//! volumes name.

use super::{common, AttributeDef, KindDef, ManifestKind, NameScope, ValueType};

pub const DEF: KindDef = KindDef {
    keyword: "blockpool",
    noun: "block pool",
    article: "a",
    summary: "`blockpool NAME { ... }`: an existing CephBlockPool. Emits nothing; block StorageClasses refer to it with `pool = NAME`, and so do volumes on its default class.",
    since: None,
    scope: NameScope::Program,
    attributes: &[
        AttributeDef::new(
            "namespace",
            ValueType::String,
            "The namespace of the CephBlockPool (the Rook cluster namespace): the `clusterID` of its StorageClasses.",
        )
        .required_unless("the declaration is in a `namespace` group")
        .example("\"rook-ceph\""),
        AttributeDef::new(
            "storage_class",
            ValueType::String,
            "The RBD StorageClass that volumes with `pool = NAME` use: a `blockclass` of this pool, or an existing class.",
        )
        .required_unless("every volume of the pool names its `class`")
        .example("\"rook-ceph-block\""),
        AttributeDef::new(
            "operator_namespace",
            ValueType::String,
            "The Rook operator's namespace, which prefixes the RBD CSI provisioner name (default: `namespace`).",
        )
        .default("the pool's `namespace`")
        .example("\"rook-ceph\""),
    ],
    emits: &[],
    imports: &[
        common::STORAGE_CLASS,
        ManifestKind {
            api_version: "ceph.rook.io/v1",
            kind: "CephBlockPool",
        },
    ],
    page: include_str!("../../docs/kinds/blockpool.md"),
    example: r#"blockpool replicapool {
  namespace = "rook-ceph"
  storage_class = "rook-ceph-block"
}
"#,
};
