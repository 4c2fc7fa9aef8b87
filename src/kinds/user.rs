//! `user`: a CephObjectStoreUser.

use super::{
    common, AttributeDef, DeclKind, EntryDef, KindDef, ManifestKind, NameScope, ValueType,
};

/// The entries of a user's `quota`.
const QUOTA: &[EntryDef] = &[
    EntryDef {
        key: "buckets",
        value: ValueType::Count,
        doc: "How many buckets the user may own: `spec.quotas.maxBuckets`.",
    },
    EntryDef {
        key: "size",
        value: ValueType::Size,
        doc: "The most data the user's buckets may hold together: `spec.quotas.maxSize`.",
    },
    EntryDef {
        key: "objects",
        value: ValueType::Count,
        doc: "The most objects the user's buckets may hold together: `spec.quotas.maxObjects`.",
    },
];

/// An entry of `caps`, one per capability a CephObjectStoreUser may hold.
const fn cap(key: &'static str, doc: &'static str) -> EntryDef {
    EntryDef {
        key,
        value: ValueType::Grant,
        doc,
    }
}

/// The entries of a user's `caps`: every capability key of the
/// CephObjectStoreUser CRD (Rook maps `user`/`users` and
/// `bucket`/`buckets` to one RGW capability).
pub const CAPS: &[EntryDef] = &[
    cap(
        "amz-cache",
        "RGW's `amz-cache` capability: the AMZ cache of the admin API.",
    ),
    cap(
        "bilog",
        "RGW's `bilog` capability: bucket index logs, for multisite sync.",
    ),
    cap(
        "bucket",
        "RGW's `buckets` capability: buckets through the admin API.",
    ),
    cap(
        "buckets",
        "RGW's `buckets` capability: buckets through the admin API.",
    ),
    cap(
        "datalog",
        "RGW's `datalog` capability: data logs, for multisite sync.",
    ),
    cap(
        "info",
        "RGW's `info` capability: the cluster's information.",
    ),
    cap(
        "mdlog",
        "RGW's `mdlog` capability: metadata logs, for multisite sync.",
    ),
    cap(
        "metadata",
        "RGW's `metadata` capability: all metadata of the store.",
    ),
    cap(
        "oidc-provider",
        "RGW's `oidc-provider` capability: OpenID Connect identity providers.",
    ),
    cap(
        "ratelimit",
        "RGW's `ratelimit` capability: rate limits of users and buckets.",
    ),
    cap("roles", "RGW's `roles` capability: IAM roles."),
    cap("usage", "RGW's `usage` capability: usage statistics."),
    cap(
        "user",
        "RGW's `users` capability: users and their keys through the admin API.",
    ),
    cap(
        "user-policy",
        "RGW's `user-policy` capability: IAM policies attached to users.",
    ),
    cap(
        "users",
        "RGW's `users` capability: users and their keys through the admin API.",
    ),
    cap("zone", "RGW's `zone` capability: the zone's configuration."),
];

pub const DEF: KindDef = KindDef {
    keyword: "user",
    noun: "user",
    article: "a",
    summary: "`user NAME { ... }`: emits a CephObjectStoreUser. NAME is the RGW user id that bucket owners and policies refer to.",
    scope: NameScope::Program,
    attributes: &[
        AttributeDef::new(
            "store",
            ValueType::Reference(DeclKind::ObjectStore),
            "The object store of the user: `spec.store`.",
        )
        .required_unless("a `namespace` group gives it")
        .example("my-store")
        .from_group(),
        AttributeDef::new(
            "namespace",
            ValueType::String,
            "Where the CephObjectStoreUser lives (default: the store's namespace).",
        )
        .default("the namespace group's, else the store's namespace")
        .example("\"rook-ceph\""),
        AttributeDef::new("display_name", ValueType::String, "`spec.displayName`.")
            .default("the user id")
            .example("\"Loki\""),
        AttributeDef::new(
            "quota",
            ValueType::Entries(QUOTA),
            "`quota { buckets = N  size = SIZE  objects = N }`: `spec.quotas`.",
        )
        .default("no quota (Rook's default of 1000 buckets)"),
        AttributeDef::new(
            "caps",
            ValueType::Entries(CAPS),
            "`caps { CAP = read|write|[read, write]|\"*\" }`: `spec.capabilities` for RGW's admin API.",
        )
        .default("no capabilities"),
        common::LABELS,
        common::ANNOTATIONS,
    ],
    emits: &[ManifestKind {
        api_version: "ceph.rook.io/v1",
        kind: "CephObjectStoreUser",
    }],
    imports: &[ManifestKind {
        api_version: "ceph.rook.io/v1",
        kind: "CephObjectStoreUser",
    }],
    page: include_str!("../../docs/kinds/user.md"),
    example: r#"objectstore s3 {
  namespace = "rook-ceph"
}

@allow(unused-user)
user loki {
  store = s3
}
"#,
};
