//! Notifications: a CephBucketNotification's topic, events and filters,
//! and the buckets that list them. Rook binds a notification to a claim by
//! the label `bucket-notification-NAME: NAME`, looks the notification up
//! in the claim's namespace and its topic in the notification's, and
//! refuses a topic of another object store than the bucket's
//! (`obc_label_controller.go`, `notification/controller.go`); rookc writes
//! the labels itself and checks those rules at compile time.

use super::body::{self, Body};
use super::suggest::did_you_mean;
use super::{values, Checker, Notification};
use crate::ast::{DeclKind, Declaration, ValueKind};
use crate::diag::{Code, Diagnostic};
use crate::kinds::EVENTS;
use crate::model;
use crate::source::Spanned;

/// The prefix of the label that subscribes a claim to a notification.
pub const LABEL_PREFIX: &str = "bucket-notification-";

/// The longest notification name: the label key's name part is at most
/// 63 characters, and the prefix takes 20.
const MAX_NAME: usize = 63 - LABEL_PREFIX.len();

impl Checker<'_> {
    pub(super) fn lower_notification(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        self.check_object_name(decl);
        self.check_notification_name(decl);
        let namespace = self.namespace(decl, &body, None);
        if namespace.is_none() && body.own_attribute("namespace").is_none() {
            self.diags.push(body::missing(decl, "namespace").with_note(
                "a notification lives in the namespace of its topic and of the buckets that use it",
            ));
        }
        let topic = self.required_reference(decl, &body, "topic");
        if let (Some(topic), Some(namespace)) = (&topic, &namespace) {
            self.check_topic_namespace(decl, topic, namespace);
        }
        let events = body
            .attribute("events")
            .and_then(|a| values::string_list(a, self.diags))
            .map(|events| self.check_events(&events));
        let key_filters = body.block("key").map(|block| {
            let keys = super::entry_keys(DeclKind::Notification, "key");
            body::block_entries(block, &keys, "`key`", self.diags)
                .into_iter()
                .filter_map(|e| {
                    values::string(e, self.diags).map(|v| (e.key.value.clone(), v.value))
                })
                .collect::<Vec<_>>()
        });
        let metadata_filters = self.filter_block(decl, &body, "metadata");
        let tag_filters = self.filter_block(decl, &body, "tags");
        self.notifications.insert(
            decl.name.value.clone(),
            Notification {
                decl_index: index,
                namespace: namespace.as_ref().map(|n| n.value.clone()),
                topic: topic.as_ref().map(|t| t.value.clone()),
            },
        );
        let meta = self.meta(decl, &body, namespace.map(|n| n.value));
        let (Some(topic), Some(events)) = (topic, events.unwrap_or(Some(Vec::new()))) else {
            return;
        };
        self.program.notifications.push(model::Notification {
            meta,
            origin: decl.name.span,
            topic: topic.value,
            events,
            key_filters: key_filters.unwrap_or_default(),
            metadata_filters,
            tag_filters,
        });
    }

    /// A notification's name is part of a label key: at most 43 characters.
    fn check_notification_name(&mut self, decl: &Declaration) {
        let name = &decl.name.value;
        if name.len() > MAX_NAME && names_ok(name) {
            self.diags.push(
                Diagnostic::new(
                    Code::InvalidKubernetesName,
                    format!(
                        "notification name `{name}` is {} characters long; at most {MAX_NAME} are allowed",
                        name.len()
                    ),
                    decl.name.span,
                    "too long for the label that binds it",
                )
                .with_note(format!(
                    "a bucket subscribes with the label `{LABEL_PREFIX}NAME: NAME`, whose key may have at most 63 characters"
                )),
            );
        }
    }

    /// Rook looks the topic up in the notification's namespace.
    fn check_topic_namespace(
        &mut self,
        decl: &Declaration,
        topic: &Spanned<String>,
        namespace: &Spanned<String>,
    ) {
        let Some(info) = self.topics.get(&topic.value) else {
            return;
        };
        let Some(topic_namespace) = info.namespace.clone() else {
            return;
        };
        if topic_namespace == namespace.value {
            return;
        }
        let topic_decl = self.decl(info.decl_index);
        self.diags.push(
            Diagnostic::new(
                Code::NotificationNamespace,
                format!(
                    "notification `{}` is in namespace `{}`, but its topic `{}` is in `{topic_namespace}`",
                    decl.name.value, namespace.value, topic.value
                ),
                topic.span,
                format!("a topic of namespace `{topic_namespace}`"),
            )
            .with_secondary(topic_decl.name.span, "the topic is declared here")
            .with_note("Rook looks a notification's topic up in the notification's own namespace")
            .with_help("declare the topic and the notification in one namespace"),
        );
    }

    /// The events that are RGW event types (E0325 for the others), each
    /// once; `None` when one is wrong.
    fn check_events(&mut self, events: &[Spanned<String>]) -> Option<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        let mut ok = true;
        for (position, event) in events.iter().enumerate() {
            if !EVENTS.contains(&event.value.as_str()) {
                ok = false;
                let help = did_you_mean(&event.value, EVENTS.iter().copied())
                    .map(|e| format!("did you mean `{e}`?"))
                    .unwrap_or_else(|| "`rookc explain E0325` lists the event types".into());
                self.diags.push(
                    Diagnostic::new(
                        Code::UnknownEvent,
                        format!("`{}` is not an S3 event type RGW knows", event.value),
                        event.span,
                        "unknown event",
                    )
                    .with_help(help),
                );
            } else if let Some(first) = events[..position].iter().find(|e| e.value == event.value) {
                ok = false;
                self.diags.push(
                    Diagnostic::new(
                        Code::DuplicateAttribute,
                        format!("event `{}` is listed twice", event.value),
                        event.span,
                        "listed again here",
                    )
                    .with_secondary(first.span, "first listed here")
                    .with_help("remove one of the two"),
                );
            } else {
                out.push(event.value.clone());
            }
        }
        ok.then_some(out)
    }

    /// `metadata { }` or `tags { }`: name = value pairs in source order,
    /// and W0525, since Rook v1.20 never passes them to RGW.
    fn filter_block(
        &mut self,
        decl: &Declaration,
        body: &Body,
        key: &str,
    ) -> Vec<(String, String)> {
        let Some(block) = body.block(key) else {
            return Vec::new();
        };
        let what = format!("`{key}`");
        let mut out = Vec::new();
        for entry in body::block_entries(block, &[], &what, self.diags) {
            let name = &entry.key.value;
            if name.is_empty() {
                self.diags.push(Diagnostic::new(
                    Code::MissingAttribute,
                    format!("a {what} filter has an empty name"),
                    entry.key.span,
                    "empty name",
                ));
                continue;
            }
            if let Some(value) = values::string(entry, self.diags) {
                out.push((name.clone(), value.value));
            }
        }
        let filter = if key == "tags" { "tag" } else { "metadata" };
        self.warn(
            Diagnostic::new(
                Code::UnappliedFilter,
                format!(
                    "Rook does not apply {filter} filters: notification `{}` fires whatever the objects' {}",
                    decl.name.value,
                    if key == "tags" { "tags" } else { "metadata" }
                ),
                block.name.span,
                "never passed to RGW",
            )
            .with_note("Rook v1.20 sends only the key filters to RGW; its CRD accepts metadata and tag filters and keeps them unused")
            .with_help("filter by `key { prefix = \"..\" }` where you can, or filter in the consumer"),
            &[&decl.allows],
        );
        out
    }

    /// A bucket's `notifications`: each a declared notification of the
    /// bucket's namespace whose topic is on the bucket's store. Returns the
    /// names to label the claim with.
    pub(super) fn bucket_notifications(
        &mut self,
        decl: &Declaration,
        body: &Body,
        store: Option<&Spanned<String>>,
        namespace: Option<&Spanned<String>>,
    ) -> Vec<String> {
        let Some(attribute) = body.attribute("notifications") else {
            return Vec::new();
        };
        let items = match &attribute.value.kind {
            ValueKind::List(items) => items.iter().collect(),
            _ => vec![&attribute.value],
        };
        let mut names: Vec<Spanned<String>> = Vec::new();
        for item in items {
            let ValueKind::Ident(name) = &item.kind else {
                let mut diagnostic =
                    values::type_mismatch(item, "notifications", "a list of notification names");
                if let ValueKind::Str(text) = &item.kind {
                    diagnostic = diagnostic
                        .with_help(format!("references are written without quotes: `{text}`"));
                }
                self.diags.push(diagnostic);
                continue;
            };
            let name = Spanned::new(name.clone(), item.span);
            if let Some(first) = names.iter().find(|n| n.value == name.value) {
                self.diags.push(
                    Diagnostic::new(
                        Code::DuplicateAttribute,
                        format!("notification `{}` is listed twice", name.value),
                        name.span,
                        "listed again here",
                    )
                    .with_secondary(first.span, "first listed here")
                    .with_help("remove one of the two"),
                );
                continue;
            }
            if self.resolve(DeclKind::Notification, &name).is_some() {
                self.check_bucket_notification(decl, &name, store, namespace);
            }
            names.push(name);
        }
        names.into_iter().map(|n| n.value).collect()
    }

    fn check_bucket_notification(
        &mut self,
        decl: &Declaration,
        name: &Spanned<String>,
        store: Option<&Spanned<String>>,
        namespace: Option<&Spanned<String>>,
    ) {
        let Some(info) = self.notifications.get(&name.value) else {
            return;
        };
        let (notification_index, notification_ns, topic) =
            (info.decl_index, info.namespace.clone(), info.topic.clone());
        if let (Some(ns), Some(bucket_ns)) = (&notification_ns, namespace) {
            if *ns != bucket_ns.value {
                let notification = self.decl(notification_index);
                self.diags.push(
                    Diagnostic::new(
                        Code::NotificationNamespace,
                        format!(
                            "bucket `{}` is in namespace `{}`, but its notification `{}` is in `{ns}`",
                            decl.name.value, bucket_ns.value, name.value
                        ),
                        name.span,
                        format!("a notification of namespace `{ns}`"),
                    )
                    .with_secondary(notification.name.span, "the notification is declared here")
                    .with_note("Rook looks a claim's notifications up in the claim's own namespace")
                    .with_help("declare the notification (and its topic) in the bucket's namespace"),
                );
                return;
            }
        }
        let Some(topic) = topic.and_then(|t| self.topics.get(&t).map(|info| (t, info))) else {
            return;
        };
        let (topic_name, topic_index, topic_store) =
            (topic.0, topic.1.decl_index, topic.1.store.clone());
        let (Some(topic_store), Some(store)) = (topic_store, store) else {
            return;
        };
        if topic_store != store.value {
            let topic_decl = self.decl(topic_index);
            self.diags.push(
                Diagnostic::new(
                    Code::TopicStoreMismatch,
                    format!(
                        "bucket `{}` is on object store `{}`, but notification `{}` sends to topic `{topic_name}` of object store `{topic_store}`",
                        decl.name.value, store.value, name.value
                    ),
                    name.span,
                    format!("its topic is on `{topic_store}`"),
                )
                .with_secondary(topic_decl.name.span, "the topic is declared here")
                .with_note("Rook refuses it: \"object store name mismatch between topic and bucket\"")
                .with_help(format!("use a topic of object store `{}`", store.value)),
            );
        }
    }

    /// E0226: a `bucket-notification-*` label written by hand in a
    /// bucket's `labels`: rookc writes those from `notifications`.
    pub(super) fn check_notification_labels(&mut self, body: &Body) {
        let Some(block) = body.block("labels") else {
            return;
        };
        for entry in &block.entries {
            let Some(suffix) = entry.key.value.strip_prefix(LABEL_PREFIX) else {
                continue;
            };
            let declared = self.notifications.contains_key(suffix);
            let diagnostic = if declared {
                Diagnostic::new(
                    Code::NotificationLabel,
                    format!("the label `{}` is written by rookc", entry.key.value),
                    entry.key.span,
                    "a hand-written notification label",
                )
                .with_help(format!(
                    "list the notification instead: `notifications = [{suffix}]`"
                ))
            } else {
                let near = did_you_mean(suffix, self.notifications.keys().map(String::as_str))
                    .map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default();
                Diagnostic::new(
                    Code::NotificationLabel,
                    format!(
                        "the label `{}` names no declared notification",
                        entry.key.value
                    ),
                    entry.key.span,
                    "a hand-written notification label",
                )
                .with_help(format!(
                    "declare `notification {suffix} {{ ... }}` and list it in `notifications`{near}"
                ))
            };
            self.diags.push(diagnostic.with_note(format!(
                "Rook subscribes a claim to the notification each `{LABEL_PREFIX}NAME: NAME` label names; rookc writes one for each of `notifications`"
            )));
        }
    }
}

/// Whether `name` passes the other name checks (so that a bad name gets
/// one diagnostic).
fn names_ok(name: &str) -> bool {
    super::names::dns_subdomain(name).is_ok()
}
