//! `account`: a CephObjectStoreAccount, an RGW account that users join.

use super::{
    common, AttributeDef, DeclKind, EntryDef, KindDef, ManifestKind, NameScope, ValueType,
};

/// The entries of an account's `root_user`.
pub const ROOT_USER: &[EntryDef] = &[
    EntryDef::new(
        "create",
        ValueType::Bool,
        "Whether Rook creates the account's root user (`false`: `spec.rootUser.skipCreate: true`).",
    ),
    EntryDef::new(
        "display_name",
        ValueType::String,
        "The root user's display name: `spec.rootUser.displayName` (Rook's default: `root-<name>`).",
    ),
];

pub const DEF: KindDef = KindDef {
    keyword: "account",
    noun: "account",
    article: "an",
    summary: "`account NAME { ... }`: emits a CephObjectStoreAccount (experimental in Rook v1.20). Users join it with `account = NAME`.",
    scope: NameScope::Program,
    since: Some("1.20"),
    attributes: &[
        AttributeDef::new(
            "store",
            ValueType::Reference(DeclKind::ObjectStore),
            "The object store of the account: `spec.store` (immutable).",
        )
        .required_unless("a `namespace` group gives it")
        .example("my-store")
        .from_group(),
        AttributeDef::new(
            "namespace",
            ValueType::String,
            "Where the CephObjectStoreAccount lives: the store's namespace.",
        )
        .default("the namespace group's, else the store's namespace")
        .example("\"rook-ceph\""),
        AttributeDef::new(
            "account_name",
            ValueType::String,
            "The RGW account name: `spec.name` (`[a-zA-Z0-9 ._-]`, at most 2048 characters).",
        )
        .default("the declaration's name")
        .example("\"team a\""),
        AttributeDef::new(
            "account_id",
            ValueType::String,
            "The RGW account ID, `RGW` and 17 digits: `spec.accountID` (immutable). Policies that name the account or its users need it.",
        )
        .default("an ID Rook derives from the object's UID")
        .example("\"RGW00889737169837717\""),
        AttributeDef::new(
            "root_user",
            ValueType::Entries(ROOT_USER),
            "`root_user { create = false  display_name = \"..\" }`: `spec.rootUser`.",
        )
        .default("Rook creates a root user `root-<name>`"),
        common::LABELS,
        common::ANNOTATIONS,
    ],
    emits: &[ManifestKind {
        api_version: "ceph.rook.io/v1",
        kind: "CephObjectStoreAccount",
    }],
    imports: &[ManifestKind {
        api_version: "ceph.rook.io/v1",
        kind: "CephObjectStoreAccount",
    }],
    page: include_str!("../../docs/kinds/account.md"),
    example: r#"objectstore s3 {
  namespace = "rook-ceph"
}

@allow(experimental-account)
account team {
  store = s3
}
"#,
};
