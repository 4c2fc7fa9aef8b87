//! `subvolumegroup`: a CephFilesystemSubVolumeGroup and the StorageClass
//! that provisions volumes into it.

use super::{
    common, AttributeDef, DeclKind, EntryDef, KindDef, ManifestKind, NameScope, ValueType,
};

/// The entries of `pinning`, one of which is given.
const PINNING: &[EntryDef] = &[
    EntryDef::new(
        "export",
        ValueType::Number,
        "Pins the group to one MDS rank, -1 to 256 (-1 unpins): `spec.pinning.export`.",
    ),
    EntryDef::new(
        "distributed",
        ValueType::Number,
        "0 or 1: spreads the group's subvolumes over the MDS ranks: `spec.pinning.distributed`.",
    ),
    EntryDef::new(
        "random",
        ValueType::Number,
        "A fraction from 0.0 to 1.0 of subvolumes pinned to random ranks: `spec.pinning.random`.",
    ),
];

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
            "A data pool of the filesystem, without the filesystem prefix: `spec.dataPoolName` is `<filesystem>-<pool>`.",
        )
        .default("the filesystem's default data pool")
        .example("\"replicated\""),
        AttributeDef::new(
            "data_pool",
            ValueType::String,
            "The full Ceph name of the data pool, any pool: `spec.dataPoolName` and the StorageClass `pool`, verbatim.",
        )
        .default("the filesystem's default data pool")
        .example("\"myfs-replicated\""),
        AttributeDef::new(
            "pinning",
            ValueType::Entries(PINNING),
            "`pinning { export = RANK }` (-1 to 256), `{ distributed = 0|1 }` or `{ random = 0.0..1.0 }`: `spec.pinning`, one of the three (Rook's default: `distributed = 1`).",
        )
        .default("Rook's `distributed = 1`"),
        AttributeDef::new(
            "csi_metadata_rados_namespace",
            ValueType::String,
            "The RADOS namespace where ceph-csi keeps its metadata in the metadata pool: `spec.csiMetadataRadosNamespace` (immutable).",
        )
        .default("ceph-csi's default")
        .example("\"csi\"")
        .since("1.20"),
        AttributeDef::new(
            "cluster_id",
            ValueType::String,
            "The CSI cluster ID, `spec.clusterID` and the StorageClass `clusterID`. Without it, rookc writes no `spec.clusterID` and the class names the ID Rook computes.",
        )
        .default("the ID Rook computes")
        .example("\"myfs-media\""),
        common::LABELS,
        common::ANNOTATIONS,
    ],
    emits: &[
        ManifestKind {
            api_version: "ceph.rook.io/v1",
            kind: "CephFilesystemSubVolumeGroup",
        },
        common::STORAGE_CLASS,
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
