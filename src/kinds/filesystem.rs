//! `filesystem`: an existing CephFilesystem that volumes and subvolume
//! groups name.

use super::{common, AttributeDef, KindDef, NameScope, ValueType};

pub const DEF: KindDef = KindDef {
    keyword: "filesystem",
    noun: "filesystem",
    article: "a",
    summary: "`filesystem NAME { ... }`: an existing CephFilesystem. Emits nothing; volumes and subvolume groups refer to it with `filesystem = NAME`.",
    since: None,
    scope: NameScope::Program,
    attributes: &[
        AttributeDef::new(
            "namespace",
            ValueType::String,
            "The namespace of the CephFilesystem (the Rook cluster namespace).",
        )
        .required_unless("the declaration is in a `namespace` group")
        .example("\"rook-ceph\""),
        AttributeDef::new(
            "storage_class",
            ValueType::String,
            "The CephFS CSI StorageClass that volumes without a group use.",
        )
        .required_unless("every volume of the filesystem is in a subvolume group")
        .example("\"rook-cephfs\""),
        AttributeDef::new(
            "operator_namespace",
            ValueType::String,
            "The Rook operator's namespace, which prefixes the CSI provisioner name (default: `namespace`).",
        )
        .default("the filesystem's `namespace`")
        .example("\"rook-ceph\""),
    ],
    emits: &[],
    imports: &[common::STORAGE_CLASS],
    page: include_str!("../../docs/kinds/filesystem.md"),
    example: r#"filesystem myfs {
  namespace = "rook-ceph"
  storage_class = "rook-cephfs"
}
"#,
};
