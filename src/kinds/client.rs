//! `client`: a CephClient, a cephx user for a program outside the CSI
//! drivers (librbd, librados, a kernel CephFS mount).

use super::{
    common, AttributeDef, DeclKind, EntryDef, KindDef, ManifestKind, NameScope, ValueType,
};

/// The daemon types of `caps`, as CephClient's `spec.caps` keys them.
pub const DAEMONS: &[&str] = &["mon", "osd", "mds", "mgr"];

/// The entries of `caps`: one cap string per daemon type.
const CAPS: &[EntryDef] = &[
    EntryDef::new(
        "mon",
        ValueType::String,
        "What the client may ask the monitors: `\"profile rbd\"`, `\"allow r\"`.",
    ),
    EntryDef::new(
        "osd",
        ValueType::String,
        "What the client may do with objects: `\"profile rbd pool=images\"`.",
    ),
    EntryDef::new(
        "mds",
        ValueType::String,
        "What the client may do in CephFS: `\"allow rw fsname=myfs path=/shared\"`.",
    ),
    EntryDef::new(
        "mgr",
        ValueType::String,
        "What the client may ask the managers: `\"profile rbd pool=images\"`.",
    ),
];

/// The words of `key_type`: `spec.security.cephx.keyType`.
pub const KEY_TYPES: &[&str] = &["aes", "aes256k"];

pub const DEF: KindDef = KindDef {
    keyword: "client",
    noun: "client",
    article: "a",
    summary: "`client NAME { ... }`: emits a CephClient, the cephx user `client.NAME`; Rook writes its key to the Secret `rook-ceph-client-NAME`.",
    since: None,
    scope: NameScope::Namespace,
    attributes: &[
        AttributeDef::new(
            "namespace",
            ValueType::String,
            "The CephCluster's namespace, where Rook reconciles CephClients.",
        )
        .required_unless("a `namespace` group gives it, or `cephfs` names a filesystem")
        .default("the namespace of the first filesystem `cephfs` names")
        .example("\"rook-ceph\""),
        AttributeDef::new(
            "name",
            ValueType::String,
            "The cephx name after `client.`: `spec.name`.",
        )
        .default("the declaration name")
        .example("\"glance\""),
        AttributeDef::new(
            "caps",
            ValueType::Entries(CAPS),
            "`caps { mon = \"...\"  osd = \"...\"  mds = \"...\"  mgr = \"...\" }`: cephx capabilities by daemon, beside those of the profiles.",
        )
        .default("only what the profiles grant"),
        AttributeDef::new(
            "rbd",
            ValueType::StringList,
            "Pools whose RBD images the client reads and writes: `profile rbd pool=POOL` on the OSDs, `profile rbd` on the monitors.",
        )
        .default("none")
        .example("[\"images\"]"),
        AttributeDef::new(
            "rbd_read_only",
            ValueType::StringList,
            "Pools whose RBD images the client only reads: `profile rbd-read-only pool=POOL`.",
        )
        .default("none")
        .example("[\"images\"]"),
        AttributeDef::new(
            "cephfs",
            ValueType::ReferenceList(DeclKind::Filesystem),
            "Filesystems the client mounts read-write, as `ceph fs authorize FS client.NAME / rw` grants.",
        )
        .default("none")
        .example("[myfs]"),
        AttributeDef::new(
            "secret_name",
            ValueType::String,
            "The Secret Rook writes the key to: `spec.secretName` (immutable once applied).",
        )
        .default("`rook-ceph-client-<declaration name>`")
        .example("\"glance-keyring\""),
        AttributeDef::new(
            "remove_secret",
            ValueType::Bool,
            "`true`: Rook deletes the Secret (the cephx key stays until the client is deleted).",
        )
        .default("`false`")
        .example("true"),
        AttributeDef::new(
            "key_type",
            ValueType::Word(KEY_TYPES),
            "The cephx key type: `spec.security.cephx.keyType` (since Rook v1.20.5; `aes256k` needs a client that supports it).",
        )
        .default("Rook's default")
        .example("aes256k")
        .since("1.20"),
        common::LABELS,
        common::ANNOTATIONS,
    ],
    emits: &[ManifestKind {
        api_version: "ceph.rook.io/v1",
        kind: "CephClient",
    }],
    imports: &[ManifestKind {
        api_version: "ceph.rook.io/v1",
        kind: "CephClient",
    }],
    page: include_str!("../../docs/kinds/client.md"),
    example: r#"client glance {
  namespace = "rook-ceph"
  rbd = ["images"]
}
"#,
};

/// The cap grants of the typed profiles, by daemon, in the order rookc
/// writes them: the strings of Rook's examples (`profile rbd`,
/// `profile rbd pool=images`, `profile rbd-read-only pool=images`) and of
/// Ceph's `ceph fs authorize FS client.NAME / rw` (`allow r fsname=FS` on
/// the monitors, `allow rw fsname=FS` on the MDS, `allow rw tag cephfs
/// data=FS` on the OSDs).
pub fn profile_grants(
    rbd: &[String],
    rbd_read_only: &[String],
    cephfs: &[String],
) -> Vec<(&'static str, Vec<String>)> {
    let mut mon = Vec::new();
    if !rbd.is_empty() || !rbd_read_only.is_empty() {
        mon.push("profile rbd".to_string());
    }
    mon.extend(cephfs.iter().map(|fs| format!("allow r fsname={fs}")));
    let osd = (rbd.iter().map(|p| format!("profile rbd pool={p}")))
        .chain(
            rbd_read_only
                .iter()
                .map(|p| format!("profile rbd-read-only pool={p}")),
        )
        .chain(
            cephfs
                .iter()
                .map(|fs| format!("allow rw tag cephfs data={fs}")),
        )
        .collect();
    let mds = cephfs
        .iter()
        .map(|fs| format!("allow rw fsname={fs}"))
        .collect();
    vec![("mon", mon), ("osd", osd), ("mds", mds)]
        .into_iter()
        .filter(|(_, grants)| !grants.is_empty())
        .collect()
}
