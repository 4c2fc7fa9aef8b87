//! `volume`: a PersistentVolumeClaim on a CephFS or an RBD StorageClass.

use super::{common, AttributeDef, DeclKind, KindDef, ManifestKind, NameScope, ValueType};

/// The words of `access`.
pub const ACCESS_WORDS: &[&str] = &["many", "once", "read-only"];

/// The words of `mode`.
pub const MODE_WORDS: &[&str] = &["filesystem", "block"];

/// `restore`: the snapshot a new volume starts as a copy of.
const RESTORE: AttributeDef = AttributeDef::new(
    "restore",
    ValueType::Reference(DeclKind::Snapshot),
    "A snapshot of the volume's namespace that the volume starts as a copy of: `spec.dataSource` (a VolumeSnapshot). Not with `clone`.",
)
.default("an empty volume")
.example("db-nightly");

/// `clone`: the volume a new volume starts as a copy of.
const CLONE: AttributeDef = AttributeDef::new(
    "clone",
    ValueType::Reference(DeclKind::Volume),
    "Another volume of the namespace that the volume starts as a copy of: `spec.dataSource` (a PersistentVolumeClaim). Not with `restore`.",
)
.default("an empty volume")
.example("db");

/// The volume's attributes that name declarations lowered after volumes
/// (or volumes themselves): the checker resolves them once every
/// declaration is lowered.
pub const LATE_REFERENCES: [&str; 2] = ["restore", "clone"];

pub const DEF: KindDef = KindDef {
    keyword: "volume",
    noun: "volume",
    article: "a",
    summary: "`volume NAME { ... }`: emits a PersistentVolumeClaim on a CephFS StorageClass (`filesystem`, `group`) or an RBD one (`pool`, `class`).",
    since: None,
    scope: NameScope::Namespace,
    attributes: &[
        AttributeDef::new(
            "filesystem",
            ValueType::Reference(DeclKind::Filesystem),
            "The filesystem whose StorageClass the claim uses.",
        )
        .required_unless("`group`, `pool`, `class` or a `namespace` group gives it")
        .example("myfs")
        .from_group(),
        AttributeDef::new(
            "group",
            ValueType::Reference(DeclKind::SubvolumeGroup),
            "A subvolume group: the claim uses the group's StorageClass.",
        )
        .default("the filesystem's StorageClass")
        .example("media"),
        AttributeDef::new(
            "pool",
            ValueType::Reference(DeclKind::BlockPool),
            "A block pool: the claim uses the pool's `storage_class` (RBD). Not with `filesystem` or `group`.",
        )
        .default("a CephFS volume")
        .example("replicapool"),
        AttributeDef::new(
            "class",
            ValueType::Reference(DeclKind::BlockClass),
            "A block class (RBD: not with `filesystem` or `group`) or a file class (CephFS: not with `group`): the claim uses that StorageClass.",
        )
        .default("the pool's or filesystem's `storage_class`")
        .example("rook-ceph-block"),
        AttributeDef::new(
            "namespace",
            ValueType::String,
            "Where the claim lives: the app's namespace.",
        )
        .required_unless("the declaration is in a `namespace` group")
        .example("\"media\""),
        AttributeDef::new(
            "size",
            ValueType::Size,
            "The requested size: `spec.resources.requests.storage`.",
        )
        .required()
        .example("10Gi"),
        AttributeDef::new(
            "access",
            ValueType::Word(ACCESS_WORDS),
            "`many` (ReadWriteMany), `once` (ReadWriteOnce) or `read-only` (ReadOnlyMany). An RBD volume is `many` only with `mode = block`.",
        )
        .default("`many` on CephFS, `once` on RBD")
        .example("once"),
        AttributeDef::new(
            "mode",
            ValueType::Word(MODE_WORDS),
            "`filesystem` (a mounted filesystem) or `block` (a raw device, RBD only): `spec.volumeMode`.",
        )
        .default("`filesystem`")
        .example("block"),
        RESTORE,
        CLONE,
        super::static_volume::ROOT_PATH,
        super::static_volume::PERSISTENT_VOLUME,
        super::static_volume::VOLUME_HANDLE,
        super::static_volume::NODE_SECRET,
        super::static_volume::STORAGE_CLASS,
        common::LABELS,
        common::ANNOTATIONS,
    ],
    emits: &[
        ManifestKind {
            api_version: "v1",
            kind: "PersistentVolumeClaim",
        },
        ManifestKind {
            api_version: "v1",
            kind: "PersistentVolume",
        },
    ],
    imports: &[
        ManifestKind {
            api_version: "v1",
            kind: "PersistentVolumeClaim",
        },
        ManifestKind {
            api_version: "v1",
            kind: "PersistentVolume",
        },
    ],
    page: include_str!("../../docs/kinds/volume.md"),
    example: r#"filesystem myfs {
  namespace = "rook-ceph"
  storage_class = "rook-cephfs"
}

volume media {
  filesystem = myfs
  namespace = "media"
  size = 10Gi
}

volume library {
  filesystem = myfs
  namespace = "media"
  size = 100Gi
  root_path = "/volumes/csi/library/data"
}
"#,
};
