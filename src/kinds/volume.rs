//! `volume`: a PersistentVolumeClaim on a CephFS StorageClass.

use super::{common, AttributeDef, DeclKind, KindDef, ManifestKind, NameScope, ValueType};

/// The words of `access`.
pub const ACCESS_WORDS: &[&str] = &["many", "once", "read-only"];

pub const DEF: KindDef = KindDef {
    keyword: "volume",
    noun: "volume",
    article: "a",
    summary: "`volume NAME { ... }`: emits a PersistentVolumeClaim on a CephFS StorageClass.",
    since: None,
    scope: NameScope::Namespace,
    attributes: &[
        AttributeDef::new(
            "filesystem",
            ValueType::Reference(DeclKind::Filesystem),
            "The filesystem whose StorageClass the claim uses.",
        )
        .required_unless("`group` or a `namespace` group gives it")
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
            "`many` (ReadWriteMany, the default), `once` (ReadWriteOnce) or `read-only` (ReadOnlyMany).",
        )
        .default("`many`")
        .example("once"),
        common::LABELS,
        common::ANNOTATIONS,
    ],
    emits: &[ManifestKind {
        api_version: "v1",
        kind: "PersistentVolumeClaim",
    }],
    imports: &[ManifestKind {
        api_version: "v1",
        kind: "PersistentVolumeClaim",
    }],
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
"#,
};
