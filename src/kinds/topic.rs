//! `topic`: a CephBucketTopic, the endpoint bucket notifications are sent
//! to (an HTTP server, an AMQP exchange or a Kafka broker).

use super::{
    common, AttributeDef, DeclKind, EntryDef, KindDef, ManifestKind, NameScope, ValueType,
};

/// The endpoint blocks; a topic has exactly one.
pub const ENDPOINTS: [&str; 3] = ["http", "amqp", "kafka"];

/// `ackLevel` of an AMQP endpoint. `routeable` is the spelling Rook took
/// before v1.20.4 (still accepted, sent to RGW as `routable`).
pub const AMQP_ACK_LEVELS: &[&str] = &["none", "broker", "routable", "routeable"];

/// `ackLevel` of a Kafka endpoint.
pub const KAFKA_ACK_LEVELS: &[&str] = &["none", "broker"];

/// `mechanism` of a Kafka endpoint.
pub const KAFKA_MECHANISMS: &[&str] = &[
    "PLAIN",
    "SCRAM-SHA-512",
    "SCRAM-SHA-256",
    "GSSAPI",
    "OAUTHBEARER",
];

const DISABLE_VERIFY_SSL: EntryDef = EntryDef::new(
    "disable_verify_ssl",
    ValueType::Bool,
    "`disableVerifySSL`: RGW does not check the server's certificate (default `false`).",
);

/// The entries of `http { }`.
pub const HTTP: &[EntryDef] = &[
    EntryDef::new(
        "uri",
        ValueType::String,
        "`uri` (required): `http[s]://HOST[:PORT][/PATH]`.",
    ),
    DISABLE_VERIFY_SSL,
    EntryDef::new(
        "send_cloud_events",
        ValueType::Bool,
        "`sendCloudEvents`: send the events with CloudEvents headers (default `false`).",
    ),
];

/// The entries of `amqp { }`.
pub const AMQP: &[EntryDef] = &[
    EntryDef::new(
        "uri",
        ValueType::String,
        "`uri` (required): `amqp[s]://[USER@]HOST[:PORT][/VHOST]`.",
    ),
    EntryDef::new(
        "exchange",
        ValueType::String,
        "`exchange` (required): the AMQP exchange that routes the events.",
    ),
    EntryDef::new(
        "ack_level",
        ValueType::Word(AMQP_ACK_LEVELS),
        "`ackLevel`: what RGW waits for, `none`, `broker` (Rook's default) or `routable`.",
    ),
    DISABLE_VERIFY_SSL,
];

/// The entries of `kafka { }`.
pub const KAFKA: &[EntryDef] = &[
    EntryDef::new(
        "uri",
        ValueType::String,
        "`uri` (required): `kafka://HOST[:PORT]`; credentials come from `user_secret` and `password_secret`.",
    ),
    EntryDef::new(
        "use_ssl",
        ValueType::Bool,
        "`useSSL`: connect to the broker with TLS (default `false`).",
    ),
    DISABLE_VERIFY_SSL,
    EntryDef::new(
        "ack_level",
        ValueType::Word(KAFKA_ACK_LEVELS),
        "`ackLevel`: what RGW waits for, `none` or `broker` (Rook's default).",
    ),
    EntryDef::new(
        "mechanism",
        ValueType::Word(KAFKA_MECHANISMS),
        "`mechanism`: the SASL mechanism, `PLAIN` (Rook's default), `SCRAM-SHA-512`, `SCRAM-SHA-256`, `GSSAPI` or `OAUTHBEARER`.",
    ),
    EntryDef::new(
        "user_secret",
        ValueType::String,
        "The Secret (in the topic's namespace) holding the Kafka user name: `userSecretRef.name`.",
    ),
    EntryDef::new(
        "user_key",
        ValueType::String,
        "The key of that Secret holding the user name: `userSecretRef.key`.",
    ),
    EntryDef::new(
        "password_secret",
        ValueType::String,
        "The Secret (in the topic's namespace) holding the Kafka password: `passwordSecretRef.name`.",
    ),
    EntryDef::new(
        "password_key",
        ValueType::String,
        "The key of that Secret holding the password: `passwordSecretRef.key`.",
    ),
];

pub const DEF: KindDef = KindDef {
    keyword: "topic",
    noun: "topic",
    article: "a",
    summary: "`topic NAME { ... }`: emits a CephBucketTopic, the HTTP, AMQP or Kafka endpoint that bucket notifications are sent to. NAME is the RGW topic (and the Kafka topic or AMQP routing key).",
    since: None,
    scope: NameScope::Program,
    attributes: &[
        AttributeDef::new(
            "store",
            ValueType::Reference(DeclKind::ObjectStore),
            "The object store whose RGW sends the events: `spec.objectStoreName` and `spec.objectStoreNamespace`.",
        )
        .required_unless("a `namespace` group gives it")
        .example("my-store")
        .from_group(),
        AttributeDef::new(
            "namespace",
            ValueType::String,
            "Where the CephBucketTopic lives: the namespace of its notifications and their buckets.",
        )
        .required_unless("the declaration is in a `namespace` group")
        .example("\"apps\""),
        AttributeDef::new(
            "http",
            ValueType::Entries(HTTP),
            "`http { uri = \"http://...\" }`: an HTTP endpoint, `spec.endpoint.http`.",
        )
        .required_unless("`amqp` or `kafka` is given")
        .example("{ uri = \"http://events.apps:8080\" }"),
        AttributeDef::new(
            "amqp",
            ValueType::Entries(AMQP),
            "`amqp { uri = \"amqp://...\"  exchange = \"...\" }`: an AMQP 0.9.1 endpoint, `spec.endpoint.amqp`.",
        )
        .required_unless("`http` or `kafka` is given")
        .example("{ uri = \"amqp://rabbitmq.apps:5672\"  exchange = \"events\" }"),
        AttributeDef::new(
            "kafka",
            ValueType::Entries(KAFKA),
            "`kafka { uri = \"kafka://...\" }`: a Kafka endpoint, `spec.endpoint.kafka`.",
        )
        .required_unless("`http` or `amqp` is given")
        .example("{ uri = \"kafka://kafka.apps:9092\" }"),
        AttributeDef::new(
            "persistent",
            ValueType::Bool,
            "`spec.persistent`: RGW stores each event and sends it asynchronously, retrying until the endpoint acknowledges it.",
        )
        .default("`false`: sent while the request waits")
        .example("true"),
        AttributeDef::new(
            "opaque_data",
            ValueType::String,
            "`spec.opaqueData`: text added to every event.",
        )
        .default("none")
        .example("\"team@example.com\""),
        common::LABELS,
        common::ANNOTATIONS,
    ],
    emits: &[ManifestKind {
        api_version: "ceph.rook.io/v1",
        kind: "CephBucketTopic",
    }],
    imports: &[ManifestKind {
        api_version: "ceph.rook.io/v1",
        kind: "CephBucketTopic",
    }],
    page: include_str!("../../docs/kinds/topic.md"),
    example: r#"objectstore s3 {
  namespace = "rook-ceph"
}

topic uploads {
  store = s3
  namespace = "apps"
  http { uri = "http://events.apps:8080" }
}
"#,
};
