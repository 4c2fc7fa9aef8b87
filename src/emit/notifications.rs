//! CephBucketTopic and CephBucketNotification (`ceph.rook.io/v1`), with
//! the field names of Rook v1.20's `BucketTopicSpec` and
//! `BucketNotificationSpec`.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;

use super::meta;
use crate::model::{Endpoint, KafkaEndpoint, Notification, SecretKey, Topic};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BucketTopic {
    api_version: &'static str,
    kind: &'static str,
    metadata: ObjectMeta,
    spec: TopicSpec,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TopicSpec {
    object_store_name: String,
    object_store_namespace: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    opaque_data: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    persistent: Option<bool>,
    endpoint: EndpointSpec,
}

/// Exactly one of the three is set (a struct, not an enum: the YAML
/// writer takes no enum variants with data).
#[derive(Serialize, Default)]
struct EndpointSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    http: Option<HttpSpec>,
    #[serde(skip_serializing_if = "Option::is_none")]
    amqp: Option<AmqpSpec>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kafka: Option<KafkaSpec>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HttpSpec {
    uri: String,
    #[serde(rename = "disableVerifySSL", skip_serializing_if = "Option::is_none")]
    disable_verify_ssl: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    send_cloud_events: Option<bool>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AmqpSpec {
    uri: String,
    exchange: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    ack_level: Option<String>,
    #[serde(rename = "disableVerifySSL", skip_serializing_if = "Option::is_none")]
    disable_verify_ssl: Option<bool>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KafkaSpec {
    uri: String,
    #[serde(rename = "useSSL", skip_serializing_if = "Option::is_none")]
    use_ssl: Option<bool>,
    #[serde(rename = "disableVerifySSL", skip_serializing_if = "Option::is_none")]
    disable_verify_ssl: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ack_level: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mechanism: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_secret_ref: Option<SecretKeySelector>,
    #[serde(skip_serializing_if = "Option::is_none")]
    password_secret_ref: Option<SecretKeySelector>,
}

#[derive(Serialize)]
struct SecretKeySelector {
    name: String,
    key: String,
}

pub fn topic(topic: &Topic) -> BucketTopic {
    BucketTopic {
        api_version: "ceph.rook.io/v1",
        kind: "CephBucketTopic",
        metadata: meta::object_meta(&topic.meta),
        spec: TopicSpec {
            object_store_name: topic.store.clone(),
            object_store_namespace: topic.store_namespace.clone(),
            opaque_data: topic.opaque_data.clone(),
            persistent: topic.persistent,
            endpoint: endpoint(&topic.endpoint),
        },
    }
}

fn endpoint(endpoint: &Endpoint) -> EndpointSpec {
    match endpoint {
        Endpoint::Http {
            uri,
            disable_verify_ssl,
            send_cloud_events,
        } => EndpointSpec {
            http: Some(HttpSpec {
                uri: uri.clone(),
                disable_verify_ssl: *disable_verify_ssl,
                send_cloud_events: *send_cloud_events,
            }),
            ..EndpointSpec::default()
        },
        Endpoint::Amqp {
            uri,
            exchange,
            ack_level,
            disable_verify_ssl,
        } => EndpointSpec {
            amqp: Some(AmqpSpec {
                uri: uri.clone(),
                exchange: exchange.clone(),
                ack_level: ack_level.clone(),
                disable_verify_ssl: *disable_verify_ssl,
            }),
            ..EndpointSpec::default()
        },
        Endpoint::Kafka(kafka) => EndpointSpec {
            kafka: Some(kafka_spec(kafka)),
            ..EndpointSpec::default()
        },
    }
}

fn kafka_spec(kafka: &KafkaEndpoint) -> KafkaSpec {
    let selector = |secret: &Option<SecretKey>| {
        secret.as_ref().map(|s| SecretKeySelector {
            name: s.name.clone(),
            key: s.key.clone(),
        })
    };
    KafkaSpec {
        uri: kafka.uri.clone(),
        use_ssl: kafka.use_ssl,
        disable_verify_ssl: kafka.disable_verify_ssl,
        ack_level: kafka.ack_level.clone(),
        mechanism: kafka.mechanism.clone(),
        user_secret_ref: selector(&kafka.user_secret),
        password_secret_ref: selector(&kafka.password_secret),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BucketNotification {
    api_version: &'static str,
    kind: &'static str,
    metadata: ObjectMeta,
    spec: NotificationSpec,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationSpec {
    topic: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    events: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filter: Option<Filter>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Filter {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    key_filters: Vec<FilterRule>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    metadata_filters: Vec<FilterRule>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tag_filters: Vec<FilterRule>,
}

#[derive(Serialize)]
struct FilterRule {
    name: String,
    value: String,
}

pub fn notification(notification: &Notification) -> BucketNotification {
    let rules = |pairs: &[(String, String)]| {
        pairs
            .iter()
            .map(|(name, value)| FilterRule {
                name: name.clone(),
                value: value.clone(),
            })
            .collect::<Vec<_>>()
    };
    let filter = Filter {
        key_filters: rules(&notification.key_filters),
        metadata_filters: rules(&notification.metadata_filters),
        tag_filters: rules(&notification.tag_filters),
    };
    let has_filter = !(filter.key_filters.is_empty()
        && filter.metadata_filters.is_empty()
        && filter.tag_filters.is_empty());
    BucketNotification {
        api_version: "ceph.rook.io/v1",
        kind: "CephBucketNotification",
        metadata: meta::object_meta(&notification.meta),
        spec: NotificationSpec {
            topic: notification.topic.clone(),
            events: notification.events.clone(),
            filter: has_filter.then_some(filter),
        },
    }
}
