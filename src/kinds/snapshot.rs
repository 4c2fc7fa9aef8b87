//! `snapshot`: a VolumeSnapshot of a volume, which a restored volume may
//! start from.

use super::{common, AttributeDef, DeclKind, KindDef, ManifestKind, NameScope, ValueType};

/// The manifest a snapshot emits and imports.
const VOLUME_SNAPSHOT: ManifestKind = ManifestKind {
    api_version: "snapshot.storage.k8s.io/v1",
    kind: "VolumeSnapshot",
};

pub const DEF: KindDef = KindDef {
    keyword: "snapshot",
    noun: "snapshot",
    article: "a",
    summary: "`snapshot NAME { volume = VOLUME  class = CLASS }`: emits the VolumeSnapshot `NAME` of a volume of its namespace, taken once when it is applied.",
    scope: NameScope::Namespace,
    since: None,
    attributes: &[
        AttributeDef::new(
            "volume",
            ValueType::Reference(DeclKind::Volume),
            "The volume to snapshot, in the snapshot's namespace: `spec.source.persistentVolumeClaimName`.",
        )
        .required()
        .example("db"),
        AttributeDef::new(
            "class",
            ValueType::Reference(DeclKind::SnapshotClass),
            "The snapshot class of the volume's driver and cluster: `spec.volumeSnapshotClassName`.",
        )
        .required()
        .example("csi-rbdplugin-snapclass"),
        AttributeDef::new(
            "namespace",
            ValueType::String,
            "Where the snapshot lives: the namespace of its volume.",
        )
        .required_unless("the declaration is in a `namespace` group")
        .example("\"db\""),
        common::LABELS,
        common::ANNOTATIONS,
    ],
    emits: &[VOLUME_SNAPSHOT],
    imports: &[VOLUME_SNAPSHOT],
    page: include_str!("../../docs/kinds/snapshot.md"),
    example: r#"blockpool replicapool {
  namespace = "rook-ceph"
  storage_class = "rook-ceph-block"
}

snapshotclass csi-rbdplugin-snapclass {
  pool = replicapool
}

volume db {
  pool = replicapool
  namespace = "db"
  size = 10Gi
}

snapshot db-nightly {
  volume = db
  class = csi-rbdplugin-snapclass
  namespace = "db"
}
"#,
};
