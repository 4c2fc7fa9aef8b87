//! `fileclass`: a StorageClass of the CephFS CSI driver that provisions
//! subvolumes in a filesystem (its default `csi` subvolume group).

use super::{common, AttributeDef, DeclKind, KindDef, NameScope, ValueType, RECLAIM_WORDS};

/// The words of `mounter`: the CephFS kernel client or ceph-fuse.
pub const MOUNTERS: &[&str] = &["kernel", "fuse"];

pub const DEF: KindDef = KindDef {
    keyword: "fileclass",
    noun: "file class",
    article: "a",
    summary: "`fileclass NAME { filesystem = FS ... }`: emits the StorageClass `NAME` of the CephFS CSI driver, which provisions subvolumes in the filesystem.",
    scope: NameScope::Program,
    since: None,
    attributes: &[
        AttributeDef::new(
            "filesystem",
            ValueType::Reference(DeclKind::Filesystem),
            "The filesystem the subvolumes are made in: `parameters.fsName`; its namespace is `clusterID`.",
        )
        .required()
        .example("myfs"),
        AttributeDef::new(
            "pool",
            ValueType::String,
            "The data pool of the filesystem the subvolumes' data goes to: `parameters.pool`, the full Ceph pool name (`<filesystem>-<data pool name>` for Rook's pools).",
        )
        .default("the filesystem's default data pool")
        .example("\"myfs-replicated\""),
        AttributeDef::new(
            "mounter",
            ValueType::Word(MOUNTERS),
            "How nodes mount the volumes: `parameters.mounter`, the kernel client or ceph-fuse.",
        )
        .default("ceph-csi probes the node")
        .example("kernel"),
        AttributeDef::new(
            "mount_options",
            ValueType::StringList,
            "Options of every mount: `mountOptions`.",
        )
        .default("none")
        .example("[\"noatime\"]"),
        AttributeDef::new(
            "reclaim",
            ValueType::Word(RECLAIM_WORDS),
            "What happens to a subvolume when its claim is deleted: `reclaimPolicy` `Delete` or `Retain`.",
        )
        .default("`delete`")
        .example("retain"),
        common::EXPANSION,
        common::LABELS,
        common::ANNOTATIONS,
    ],
    emits: &[common::STORAGE_CLASS],
    imports: &[common::STORAGE_CLASS],
    page: include_str!("../../docs/kinds/fileclass.md"),
    example: r#"filesystem myfs {
  namespace = "rook-ceph"
  storage_class = "rook-cephfs"
}

fileclass rook-cephfs {
  filesystem = myfs
  pool = "myfs-replicated"
}
"#,
};
