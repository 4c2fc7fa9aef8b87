//! `blockclass`: a StorageClass of the RBD CSI driver that provisions
//! images in a block pool.

use super::{common, AttributeDef, DeclKind, KindDef, NameScope, ValueType, RECLAIM_WORDS};

/// The image features ceph-csi accepts without the `rbd-nbd` mounter.
pub const IMAGE_FEATURES: &[&str] = &[
    "layering",
    "exclusive-lock",
    "object-map",
    "fast-diff",
    "deep-flatten",
];

/// The words of `fstype`.
pub const FSTYPES: &[&str] = &["ext4", "xfs"];

pub const DEF: KindDef = KindDef {
    keyword: "blockclass",
    noun: "block class",
    article: "a",
    summary: "`blockclass NAME { pool = POOL ... }`: emits the StorageClass `NAME` of the RBD CSI driver, which provisions images in the block pool.",
    since: None,
    scope: NameScope::Program,
    attributes: &[
        AttributeDef::new(
            "pool",
            ValueType::Reference(DeclKind::BlockPool),
            "The block pool the images are made in: `parameters.pool` and `clusterID`.",
        )
        .required()
        .example("replicapool"),
        AttributeDef::new(
            "image_features",
            ValueType::StringList,
            "RBD image features: `parameters.imageFeatures`. Kernels from 5.4 on map `layering`, `exclusive-lock`, `object-map`, `fast-diff` and `deep-flatten`.",
        )
        .default("`[\"layering\"]`")
        .example("[\"layering\", \"exclusive-lock\"]"),
        AttributeDef::new(
            "fstype",
            ValueType::Word(FSTYPES),
            "The filesystem of filesystem-mode volumes: `csi.storage.k8s.io/fstype`.",
        )
        .default("`ext4`")
        .example("ext4"),
        AttributeDef::new(
            "data_pool",
            ValueType::String,
            "An erasure-coded pool for the image data: `parameters.dataPool` (the `pool` then holds only metadata).",
        )
        .default("the data is in `pool`")
        .example("\"ec-data-pool\""),
        AttributeDef::new(
            "reclaim",
            ValueType::Word(RECLAIM_WORDS),
            "What happens to an image when its claim is deleted: `reclaimPolicy` `Delete` or `Retain`.",
        )
        .default("`delete`")
        .example("retain"),
        common::EXPANSION,
        common::LABELS,
        common::ANNOTATIONS,
    ],
    emits: &[common::STORAGE_CLASS],
    imports: &[common::STORAGE_CLASS],
    page: include_str!("../../docs/kinds/blockclass.md"),
    example: r#"blockpool replicapool {
  namespace = "rook-ceph"
}

blockclass rook-ceph-block {
  pool = replicapool
}
"#,
};
