//! `snapshotclass`: a VolumeSnapshotClass of the CephFS or RBD CSI driver,
//! for the snapshots of one Ceph cluster's volumes.

use super::{
    common, AttributeDef, DeclKind, KindDef, ManifestKind, NameScope, ValueType, RECLAIM_WORDS,
};

/// The manifest a snapshot class emits and imports.
const VOLUME_SNAPSHOT_CLASS: ManifestKind = ManifestKind {
    api_version: "snapshot.storage.k8s.io/v1",
    kind: "VolumeSnapshotClass",
};

pub const DEF: KindDef = KindDef {
    keyword: "snapshotclass",
    noun: "snapshot class",
    article: "a",
    summary: "`snapshotclass NAME { filesystem = FS }` (or `group = GROUP`, `pool = POOL`): emits the VolumeSnapshotClass `NAME` of the CephFS or RBD CSI driver, which snapshots volumes of that Ceph cluster.",
    scope: NameScope::Program,
    since: None,
    attributes: &[
        AttributeDef::new(
            "filesystem",
            ValueType::Reference(DeclKind::Filesystem),
            "CephFS snapshots in the filesystem's Rook cluster: the driver `<operator_namespace>.cephfs.csi.ceph.com` and `clusterID` the cluster namespace (the volumes of the default `csi` group). One of `filesystem`, `group` and `pool`.",
        )
        .required_unless("`group` or `pool` gives the cluster")
        .example("myfs"),
        AttributeDef::new(
            "group",
            ValueType::Reference(DeclKind::SubvolumeGroup),
            "CephFS snapshots of the volumes of a subvolume group: `clusterID` is the group's cluster ID.",
        )
        .default("not a group's")
        .example("media"),
        AttributeDef::new(
            "pool",
            ValueType::Reference(DeclKind::BlockPool),
            "RBD snapshots in the block pool's Rook cluster: the driver `<operator_namespace>.rbd.csi.ceph.com` and `clusterID` the cluster namespace. The class serves every pool of that cluster.",
        )
        .default("a CephFS class")
        .example("replicapool"),
        AttributeDef::new(
            "deletion",
            ValueType::Word(RECLAIM_WORDS),
            "What deleting a snapshot does to its Ceph snapshot: `deletionPolicy` `Delete` (removed with it) or `Retain` (kept, to be removed by hand).",
        )
        .default("`delete`")
        .example("retain"),
        common::LABELS,
        common::ANNOTATIONS,
    ],
    emits: &[VOLUME_SNAPSHOT_CLASS],
    imports: &[VOLUME_SNAPSHOT_CLASS],
    page: include_str!("../../docs/kinds/snapshotclass.md"),
    example: r#"filesystem myfs {
  namespace = "rook-ceph"
  storage_class = "rook-cephfs"
}

snapshotclass csi-cephfsplugin-snapclass {
  filesystem = myfs
}
"#,
};
