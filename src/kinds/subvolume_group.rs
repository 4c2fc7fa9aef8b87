//! `subvolumegroup`: a CephFilesystemSubVolumeGroup and the StorageClass
//! that provisions volumes into it.

use super::{common, AttributeDef, DeclKind, KindDef, ManifestKind, NameScope, ValueType};

pub const DEF: KindDef = KindDef {
    keyword: "subvolumegroup",
    noun: "subvolume group",
    article: "a",
    summary: "`subvolumegroup NAME { ... }`: emits a CephFilesystemSubVolumeGroup and the StorageClass that provisions volumes into it.",
    since: None,
    scope: NameScope::Program,
    attributes: &[
        AttributeDef::new(
            "filesystem",
            ValueType::Reference(DeclKind::Filesystem),
            "The filesystem of the group: `spec.filesystemName`.",
        )
        .required_unless("a `namespace` group gives it")
        .example("myfs")
        .from_group(),
        AttributeDef::new(
            "name",
            ValueType::String,
            "The Ceph group name: `spec.name` (default: the declaration name).",
        )
        .default("the declaration name")
        .example("\"media\""),
        AttributeDef::new(
            "storage_class",
            ValueType::String,
            "The StorageClass rookc emits for volumes in this group.",
        )
        .required()
        .example("\"cephfs-media\""),
        AttributeDef::new(
            "quota",
            ValueType::Size,
            "A size quota for the group: `spec.quota`.",
        )
        .default("no quota")
        .example("100Gi"),
        AttributeDef::new(
            "pool",
            ValueType::String,
            "The data pool, without the filesystem prefix: `spec.dataPoolName` is `<filesystem>-<pool>`.",
        )
        .default("the filesystem's default data pool")
        .example("\"replicated\""),
        AttributeDef::new(
            "cluster_id",
            ValueType::String,
            "The CSI cluster ID (default `<filesystem>-<group>`), shared by the group and its StorageClass.",
        )
        .default("`<filesystem>-<group>`")
        .example("\"myfs-media\""),
        common::LABELS,
        common::ANNOTATIONS,
    ],
    emits: &[
        ManifestKind {
            api_version: "ceph.rook.io/v1",
            kind: "CephFilesystemSubVolumeGroup",
        },
        ManifestKind {
            api_version: "storage.k8s.io/v1",
            kind: "StorageClass",
        },
    ],
    imports: &[ManifestKind {
        api_version: "ceph.rook.io/v1",
        kind: "CephFilesystemSubVolumeGroup",
    }],
    page: include_str!("../../docs/kinds/subvolumegroup.md"),
    example: r#"filesystem myfs {
  namespace = "rook-ceph"
}

subvolumegroup media {
  filesystem = myfs
  storage_class = "cephfs-media"
}
"#,
};
