//! Topics: a CephBucketTopic's store, namespace and its one endpoint
//! (`http`, `amqp` or `kafka`), whose fields are those of Rook v1.20's
//! `BucketTopicSpec`.

use super::body::{self, Body};
use super::endpoints::{self, Entries};
use super::{values, Checker, Topic};
use crate::ast::{Block, DeclKind, Declaration};
use crate::diag::{Code, Diagnostic};
use crate::kinds::ENDPOINTS;
use crate::model;

impl Checker<'_> {
    pub(super) fn lower_topic(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        self.check_object_name(decl);
        let store = self.required_reference(decl, &body, "store");
        let namespace = self.namespace(decl, &body, None);
        if namespace.is_none() && body.own_attribute("namespace").is_none() {
            self.diags.push(body::missing(decl, "namespace").with_note(
                "a topic lives in the namespace of its notifications and of the buckets that use them",
            ));
        }
        let opaque_data = body
            .attribute("opaque_data")
            .and_then(|a| values::string(a, self.diags));
        let persistent = body
            .attribute("persistent")
            .and_then(|a| values::boolean(a, self.diags));
        let endpoint = self.topic_endpoint(decl, &body);
        self.topics.insert(
            decl.name.value.clone(),
            Topic {
                decl_index: index,
                store: store.as_ref().map(|s| s.value.clone()),
                namespace: namespace.as_ref().map(|n| n.value.clone()),
            },
        );
        let store_namespace = store
            .as_ref()
            .and_then(|s| self.stores.get(&s.value))
            .and_then(|s| s.namespace.clone());
        let meta = self.meta(decl, &body, namespace.map(|n| n.value));
        let (Some(store), Some(store_namespace), Some(endpoint)) =
            (store, store_namespace, endpoint)
        else {
            return;
        };
        self.program.topics.push(model::Topic {
            meta,
            origin: decl.name.span,
            store: store.value,
            store_namespace,
            opaque_data: opaque_data.map(|o| o.value),
            persistent: persistent.map(|p| p.value),
            endpoint,
        });
    }

    /// The one endpoint block of a topic.
    fn topic_endpoint(&mut self, decl: &Declaration, body: &Body) -> Option<model::Endpoint> {
        let given: Vec<&Block> = ENDPOINTS.iter().filter_map(|k| body.block(k)).collect();
        match given.as_slice() {
            [] => {
                self.diags.push(
                    Diagnostic::new(
                        Code::MissingAttribute,
                        format!("topic `{}` has no endpoint", decl.name.value),
                        decl.name.span,
                        "an endpoint is required here",
                    )
                    .with_help("add `http { uri = \"http://HOST:PORT\" }`, or an `amqp { }` or `kafka { }` block"),
                );
                None
            }
            [block] => self.endpoint(block),
            [first, second, ..] => {
                self.diags.push(
                    Diagnostic::new(
                        Code::ConflictingAttributes,
                        format!(
                            "topic `{}` has two endpoints, `{}` and `{}`",
                            decl.name.value, first.name.value, second.name.value
                        ),
                        second.name.span,
                        "a second endpoint",
                    )
                    .with_secondary(first.name.span, "the first endpoint")
                    .with_help("a topic sends to one endpoint: keep one block, and declare another topic for the other"),
                );
                None
            }
        }
    }

    fn endpoint(&mut self, block: &Block) -> Option<model::Endpoint> {
        let kind = block.name.value.as_str();
        let keys = super::entry_keys(DeclKind::Topic, kind);
        let what = format!("`{kind}`");
        let entries = Entries {
            block,
            list: body::block_entries(block, &keys, &what, self.diags),
        };
        let uri = entries.required("uri", self.diags);
        let uri = uri.filter(|uri| endpoints::check_uri(kind, uri, self.diags));
        let disable_verify_ssl = entries.boolean("disable_verify_ssl", self.diags);
        match kind {
            "http" => {
                let send_cloud_events = entries.boolean("send_cloud_events", self.diags);
                Some(model::Endpoint::Http {
                    uri: uri?.value,
                    disable_verify_ssl,
                    send_cloud_events,
                })
            }
            "amqp" => {
                let exchange = entries.required("exchange", self.diags);
                let ack_level = entries.word("ack_level", self.diags);
                Some(model::Endpoint::Amqp {
                    uri: uri?.value,
                    exchange: exchange?.value,
                    ack_level,
                    disable_verify_ssl,
                })
            }
            _ => {
                let use_ssl = entries.boolean("use_ssl", self.diags);
                let ack_level = entries.word("ack_level", self.diags);
                let mechanism = entries.word("mechanism", self.diags);
                let user_secret = entries.secret("user_secret", "user_key", self.diags);
                let password_secret = entries.secret("password_secret", "password_key", self.diags);
                Some(model::Endpoint::Kafka(model::KafkaEndpoint {
                    uri: uri?.value,
                    use_ssl,
                    disable_verify_ssl,
                    ack_level,
                    mechanism,
                    user_secret: user_secret?,
                    password_secret: password_secret?,
                }))
            }
        }
    }
}
