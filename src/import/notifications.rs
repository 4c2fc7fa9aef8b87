//! CephBucketTopics to `topic` declarations, CephBucketNotifications to
//! `notification` declarations, and a claim's `bucket-notification-NAME:
//! NAME` labels to its `notifications = [...]`.

use std::fmt;

use serde_json::Value;

use super::plan::{Kind, Planner, Start};
use super::report::Role;
use super::write::{self, Decl, Item};
use crate::ast::DeclKind;
use crate::check::{names, uri_accepted, NOTIFICATION_LABEL_PREFIX};
use crate::kinds::{ValueType, ENDPOINTS, EVENTS};

impl<'d> Planner<'d> {
    /// Topics, and the object stores (and their namespaces) they name.
    pub fn import_topics(&mut self) {
        for index in self.of_kind(Kind::Topic) {
            let Some(mut start) = self.start(index, true) else {
                continue;
            };
            let Some(store) = self.store_name(index, &mut start, "objectStoreName") else {
                continue;
            };
            let store_namespace = match start.fields.string(&["spec", "objectStoreNamespace"]) {
                Some(Ok(ns)) if names::dns_label(ns).is_ok() => ns.to_string(),
                _ => {
                    self.skip(index, "it has no valid `spec.objectStoreNamespace`");
                    continue;
                }
            };
            let endpoint = match endpoint_item(&mut start) {
                Ok(item) => item,
                Err(why) => {
                    self.skip(index, why);
                    continue;
                }
            };
            let entry = self.stores.entry(store.clone()).or_default();
            let known = entry
                .namespace
                .get_or_insert_with(|| store_namespace.clone());
            if *known != store_namespace {
                let known = known.clone();
                self.reports[index].warn(format!(
                    "`spec.objectStoreNamespace` is `{store_namespace}`, but object store `{store}` is in `{known}` (from another input); rookc writes `{known}`"
                ));
            }
            let mut decl = Decl::new(DeclKind::Topic, &start.name);
            if let Some(Ok(data)) = start.fields.string(&["spec", "opaqueData"]) {
                decl.attribute("opaque_data", write::quote(data));
            }
            if let Some(persistent) = start
                .fields
                .peek(&["spec", "persistent"])
                .and_then(Value::as_bool)
            {
                start.fields.take(&["spec", "persistent"]);
                decl.attribute("persistent", persistent.to_string());
            }
            decl.items.push(endpoint);
            Self::metadata_blocks(&start, &mut decl);
            self.place(index, &start, decl, "CephBucketTopic", Some(store), None);
        }
    }

    /// Notifications, after topics (a notification names one).
    pub fn import_notifications(&mut self) {
        for index in self.of_kind(Kind::Notification) {
            let Some(mut start) = self.start(index, true) else {
                continue;
            };
            let topic = match start.fields.string(&["spec", "topic"]) {
                Some(Ok(topic)) if write::is_decl_name(topic) => topic.to_string(),
                Some(Ok(topic)) => {
                    self.skip(
                        index,
                        format!("its topic `{topic}` cannot be a declaration name"),
                    );
                    continue;
                }
                _ => {
                    self.skip(index, "it has no `spec.topic`");
                    continue;
                }
            };
            if !self.imported("CephBucketTopic", start.namespace.as_deref(), &topic) {
                self.skip(index, format!("its topic `{topic}` is not among the inputs of its namespace: import the CephBucketTopic with it"));
                continue;
            }
            let mut decl = Decl::new(DeclKind::Notification, &start.name);
            decl.attribute("topic", topic);
            if let Some(events) = string_list(&start, &["spec", "events"])
                .filter(|events| events.iter().all(|e| EVENTS.contains(&e.as_str())))
            {
                start.fields.take(&["spec", "events"]);
                if !events.is_empty() {
                    decl.attribute("events", write::string_list(&events));
                }
            }
            let key_filters = filter_rules(&start, "keyFilters").filter(|rules| {
                let mut names: Vec<&str> = rules.iter().map(|(n, _)| n.as_str()).collect();
                names.sort_unstable();
                names.dedup();
                names.len() == rules.len()
                    && names
                        .iter()
                        .all(|n| ["prefix", "suffix", "regex"].contains(n))
            });
            if let Some(rules) = key_filters {
                start.fields.take(&["spec", "filter", "keyFilters"]);
                push_block(&mut decl, "key", &rules);
            }
            for (field, block) in [("metadataFilters", "metadata"), ("tagFilters", "tags")] {
                let rules = filter_rules(&start, field).filter(|rules| {
                    let mut names: Vec<&str> = rules.iter().map(|(n, _)| n.as_str()).collect();
                    names.sort_unstable();
                    names.dedup();
                    names.len() == rules.len() && !names.contains(&"")
                });
                if let Some(rules) = rules {
                    start.fields.take(&["spec", "filter", field]);
                    push_block(&mut decl, block, &rules);
                }
            }
            if start
                .fields
                .peek(&["spec", "filter"])
                .and_then(Value::as_object)
                .is_some_and(|f| f.is_empty())
            {
                start.fields.take(&["spec", "filter"]);
            }
            Self::metadata_blocks(&start, &mut decl);
            self.place(index, &start, decl, "CephBucketNotification", None, None);
        }
    }

    /// Moves a claim's `bucket-notification-NAME: NAME` labels naming an
    /// imported notification of its namespace into `notifications`; a
    /// label naming none is left out, with a warning (rookc writes these
    /// labels only for declared notifications).
    pub fn claim_notifications(&mut self, index: usize, start: &mut Start<'d>, decl: &mut Decl) {
        let mut names = Vec::new();
        let labels = std::mem::take(&mut start.labels);
        for (key, value) in labels {
            let Some(suffix) = key.strip_prefix(NOTIFICATION_LABEL_PREFIX) else {
                start.labels.push((key, value));
                continue;
            };
            let namespace = start.namespace.as_deref();
            if suffix == value && self.imported("CephBucketNotification", namespace, &value) {
                names.push(value);
            } else {
                self.reports[index].warn(format!(
                    "the label `{key}: {value}` is left out: it names no CephBucketNotification of namespace `{}` among the inputs, and rookc writes these labels only from `notifications`",
                    start.namespace.as_deref().unwrap_or_default()
                ));
            }
        }
        if !names.is_empty() {
            decl.attribute("notifications", format!("[{}]", names.join(", ")));
        }
    }
}

impl Planner<'_> {
    /// Whether an object of `kind` named `name` in `namespace` has been
    /// imported.
    fn imported(&self, kind: &str, namespace: Option<&str>, name: &str) -> bool {
        self.reports.iter().any(|r| match &r.role {
            Role::Imported(key) => {
                key.kind == kind && key.namespace.as_deref() == namespace && key.name == name
            }
            Role::Context | Role::Skipped => false,
        })
    }
}

/// Why a topic's endpoint cannot be written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum EndpointError {
    None,
    Several,
    NoUri { kind: &'static str },
    RefusedUri { kind: &'static str, uri: String },
    NoExchange,
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EndpointError::None => {
                f.write_str("it has no endpoint (`spec.endpoint.http`, `amqp` or `kafka`)")
            }
            EndpointError::Several => f.write_str("it has more than one endpoint, which Rook refuses"),
            EndpointError::NoUri { kind } => write!(f, "its `{kind}` endpoint has no `uri`"),
            EndpointError::RefusedUri { kind, uri } => write!(
                f,
                "its `{kind}` endpoint URI `{uri}` is one rookc refuses (a scheme of another endpoint, no host, or a password: `rookc explain E0326`, `E0327`)"
            ),
            EndpointError::NoExchange => f.write_str("its `amqp` endpoint has no `exchange`"),
        }
    }
}

/// The one endpoint of a topic as a block, its fields taken; `Err` says
/// why the topic cannot be written.
fn endpoint_item(start: &mut Start) -> Result<Item, EndpointError> {
    let given: Vec<&str> = ENDPOINTS
        .iter()
        .copied()
        .filter(|kind| start.fields.peek(&["spec", "endpoint", kind]).is_some())
        .collect();
    let kind = match given.as_slice() {
        [kind] => *kind,
        [] => return Err(EndpointError::None),
        _ => return Err(EndpointError::Several),
    };
    let uri = start
        .fields
        .peek(&["spec", "endpoint", kind, "uri"])
        .and_then(Value::as_str)
        .ok_or(EndpointError::NoUri { kind })?;
    if !uri_accepted(kind, uri) {
        return Err(EndpointError::RefusedUri {
            kind,
            uri: uri.to_string(),
        });
    }
    let entries = DeclKind::Topic
        .attribute(kind)
        .map(|a| a.entries())
        .unwrap_or_default();
    let mut out = Vec::new();
    for entry in entries {
        let (field, secret_part) = crd_field(entry.key);
        let path = ["spec", "endpoint", kind, field];
        let value = match secret_part {
            Some(part) => start
                .fields
                .peek(&path)
                .and_then(|s| s.get(part))
                .and_then(Value::as_str)
                .map(write::quote),
            None => start
                .fields
                .peek(&path)
                .and_then(|v| written(entry.value, v)),
        };
        let Some(value) = value else { continue };
        match secret_part {
            Some(part) => {
                start.fields.take(&["spec", "endpoint", kind, field, part]);
            }
            None => {
                start.fields.take(&path);
            }
        }
        out.push((entry.key.to_string(), value));
    }
    if out.iter().any(|(k, _)| k == "exchange") || kind != "amqp" {
        Ok(Item::Block(kind.to_string(), out))
    } else {
        Err(EndpointError::NoExchange)
    }
}

/// The CRD field of an endpoint entry, and for a Secret reference the
/// field of the SecretKeySelector.
fn crd_field(entry: &str) -> (&'static str, Option<&'static str>) {
    match entry {
        "uri" => ("uri", None),
        "disable_verify_ssl" => ("disableVerifySSL", None),
        "send_cloud_events" => ("sendCloudEvents", None),
        "exchange" => ("exchange", None),
        "ack_level" => ("ackLevel", None),
        "use_ssl" => ("useSSL", None),
        "mechanism" => ("mechanism", None),
        "user_secret" => ("userSecretRef", Some("name")),
        "user_key" => ("userSecretRef", Some("key")),
        "password_secret" => ("passwordSecretRef", Some("name")),
        _ => ("passwordSecretRef", Some("key")),
    }
}

/// A manifest value as source text, if the entry's type takes it.
fn written(value_type: ValueType, value: &Value) -> Option<String> {
    match (value_type, value) {
        (ValueType::String, Value::String(text)) if !text.is_empty() => Some(write::quote(text)),
        (ValueType::Bool, Value::Bool(b)) => Some(b.to_string()),
        (ValueType::Word(words), Value::String(text)) if words.contains(&text.as_str()) => {
            Some(text.clone())
        }
        _ => None,
    }
}

fn string_list(start: &Start, path: &[&str]) -> Option<Vec<String>> {
    start
        .fields
        .peek(path)?
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// `spec.filter.FIELD` as (name, value) pairs; `None` if absent or not
/// that shape.
fn filter_rules(start: &Start, field: &str) -> Option<Vec<(String, String)>> {
    start
        .fields
        .peek(&["spec", "filter", field])?
        .as_array()?
        .iter()
        .map(|rule| {
            let object = rule.as_object().filter(|o| o.len() == 2)?;
            let name = object.get("name")?.as_str()?;
            let value = object.get("value")?.as_str()?;
            Some((name.to_string(), value.to_string()))
        })
        .collect()
}

fn push_block(decl: &mut Decl, key: &str, rules: &[(String, String)]) {
    if rules.is_empty() {
        return;
    }
    let entries = rules
        .iter()
        .map(|(name, value)| (write::entry_key(name), write::quote(value)))
        .collect();
    decl.items.push(Item::Block(key.to_string(), entries));
}
