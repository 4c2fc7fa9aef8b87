//! `user`: a CephObjectStoreUser.

use super::{
    common, AttributeDef, DeclKind, EntryDef, KindDef, ManifestKind, NameScope, ValueType,
    ROOK_MAIN,
};

/// The entries of a user's `quota`.
const QUOTA: &[EntryDef] = &[
    EntryDef::new(
        "buckets",
        ValueType::Count,
        "How many buckets the user may own: `spec.quotas.maxBuckets`.",
    ),
    EntryDef::new(
        "size",
        ValueType::Size,
        "The most data the user's buckets may hold together: `spec.quotas.maxSize`.",
    ),
    EntryDef::new(
        "objects",
        ValueType::Count,
        "The most objects the user's buckets may hold together: `spec.quotas.maxObjects`.",
    ),
];

/// An entry of `caps`, one per capability a CephObjectStoreUser may hold.
const fn cap(key: &'static str, doc: &'static str) -> EntryDef {
    EntryDef::new(key, ValueType::Grant, doc)
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
    cap(
        "user-info-without-keys",
        "RGW's `user-info-without-keys` capability: users' information without their keys (Ceph 19.2.0 or newer).",
    )
    .since(ROOK_MAIN),
    cap(
        "accounts",
        "RGW's `accounts` capability: accounts through the admin API (Ceph 19.2.3 or newer).",
    )
    .since(ROOK_MAIN),
];

/// The entries of a user's `keys`.
pub const KEYS: &[EntryDef] = &[
    EntryDef::new(
        "secret",
        ValueType::StringList,
        "The Secret (`\"app-keys\"`) or Secrets (`[\"a\", \"b\"]`) in the user's namespace, each holding one key pair.",
    ),
    EntryDef::new(
        "access_key",
        ValueType::String,
        "The key of each Secret that holds the access key id (default `AccessKey`).",
    ),
    EntryDef::new(
        "secret_key",
        ValueType::String,
        "The key of each Secret that holds the secret access key (default `SecretKey`).",
    ),
];

/// The words of `op_mask`, in the order Rook lists them.
pub const OPERATIONS: &[&str] = &["read", "write", "delete"];

pub const DEF: KindDef = KindDef {
    keyword: "user",
    noun: "user",
    article: "a",
    summary: "`user NAME { ... }`: emits a CephObjectStoreUser. NAME is the RGW user id that bucket owners and policies refer to.",
    since: None,
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
        AttributeDef::new(
            "keys",
            ValueType::Entries(KEYS),
            "`keys { secret = \"app-keys\"  access_key = \"AccessKey\"  secret_key = \"SecretKey\" }`: the user's S3 key pairs, read from Secrets you provide: `spec.keys`.",
        )
        .default("one key pair Rook generates, in its Secret `rook-ceph-object-user-<store>-<name>`")
        .since("1.17"),
        AttributeDef::new(
            "op_mask",
            ValueType::WordList(OPERATIONS),
            "The S3 operations the user may do at all: `spec.opMask` (`[]`: none).",
        )
        .default("`[read, write, delete]`")
        .example("[read]")
        .since("1.20"),
        AttributeDef::new(
            "account",
            ValueType::Reference(DeclKind::Account),
            "The account the user belongs to (same store and namespace): `spec.accountRef.name`. Membership is permanent in RGW.",
        )
        .default("no account")
        .example("team")
        .since("1.20"),
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
