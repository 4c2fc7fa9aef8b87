//! CephObjectStoreUsers to `user` declarations.

use serde_json::Value;

use super::plan::{Kind, Planner, Start};
use super::quantity::{self, Quantity};
use super::write::{self, Decl, Item};
use crate::ast::DeclKind;
use crate::check::{names, CAPABILITIES};

impl<'d> Planner<'d> {
    /// Users, and the object stores (and their namespaces) they name.
    pub fn import_users(&mut self) {
        for index in self.of_kind(Kind::User) {
            let Some(mut start) = self.start(index, true) else {
                continue;
            };
            if let Err(why) = names::label_value(&start.name)
                .map_err(|e| e.to_string())
                .and_then(|()| {
                    (start.name.len() <= 63)
                        .then_some(())
                        .ok_or_else(|| "is longer than 63 characters".to_string())
                })
            {
                self.skip(
                    index,
                    format!(
                        "the user name `{}` {why}; Rook puts it in a label value",
                        start.name
                    ),
                );
                continue;
            }
            if let Some(store) = self.users.get(&start.name) {
                self.skip(index, format!("another user named `{}` (of object store `{store}`) is imported already, and user names are unique across the program", start.name));
                continue;
            }
            let Some(store) = self.store_name(index, &mut start, "store") else {
                continue;
            };
            let namespace = start.namespace.clone().unwrap_or_default();
            if let Some(Ok(cluster)) = start
                .fields
                .peek(&["spec", "clusterNamespace"])
                .map(|v| v.as_str().ok_or(v))
            {
                if let Err(why) = names::dns_label(cluster) {
                    self.skip(
                        index,
                        format!("its `spec.clusterNamespace` `{cluster}` {why}"),
                    );
                    continue;
                }
            }
            self.place_user_in_store(index, &mut start, &store, &namespace);
            let mut decl = Decl::new(DeclKind::User, &start.name);
            if let Some(Ok(name)) = start.fields.string(&["spec", "displayName"]) {
                decl.attribute("display_name", write::quote(name));
            }
            self.user_quota(index, &mut start, &mut decl);
            user_caps(&mut start, &mut decl);
            super::user_fields::user_keys(&mut start, &mut decl);
            super::user_fields::user_op_mask(&mut start, &mut decl);
            self.user_account(&mut start, &mut decl, &store);
            Self::metadata_blocks(&start, &mut decl);
            self.users.insert(start.name.clone(), store.clone());
            self.place(
                index,
                &start,
                decl,
                "CephObjectStoreUser",
                Some(store),
                None,
            );
        }
    }

    /// The object store that `spec.FIELD` names, when it can be a
    /// declaration name; else the document is skipped, saying why.
    pub(super) fn store_name(
        &mut self,
        index: usize,
        start: &mut Start<'d>,
        field: &str,
    ) -> Option<String> {
        match start.fields.string(&["spec", field]) {
            Some(Ok(store)) if write::is_decl_name(store) && store.len() <= 63 => {
                Some(store.to_string())
            }
            Some(Ok(store)) => {
                self.skip(
                    index,
                    format!("its object store `{store}` cannot be a declaration name"),
                );
                None
            }
            _ => {
                self.skip(index, format!("it has no `spec.{field}`"));
                None
            }
        }
    }

    /// The user's store lives in `spec.clusterNamespace`, else in the
    /// user's namespace; a user elsewhere must be allowed there.
    fn place_user_in_store(
        &mut self,
        index: usize,
        start: &mut Start<'d>,
        store: &str,
        namespace: &str,
    ) {
        let cluster_namespace = match start.fields.string(&["spec", "clusterNamespace"]) {
            Some(Ok(ns)) => Some(ns.to_string()),
            _ => None,
        };
        let entry = self.stores.entry(store.to_string()).or_default();
        let home = cluster_namespace
            .clone()
            .unwrap_or_else(|| namespace.to_string());
        let store_namespace = entry.namespace.get_or_insert_with(|| home.clone()).clone();
        if store_namespace != namespace {
            entry.allow_users_in.insert(namespace.to_string());
        }
        let report = &mut self.reports[index];
        match cluster_namespace {
            Some(cluster) if cluster != store_namespace => report.warn(format!(
                "`spec.clusterNamespace` is `{cluster}`, but object store `{store}` is in `{store_namespace}` (from another input); rookc writes `{store_namespace}`"
            )),
            Some(cluster) if cluster == namespace => report.warn(format!(
                "`spec.clusterNamespace` is the user's own namespace `{cluster}`; rookc leaves it out, which means the same"
            )),
            None if store_namespace != namespace => report.warn(format!(
                "the user has no `spec.clusterNamespace`, but object store `{store}` is in `{store_namespace}` (from another input); rookc writes `clusterNamespace: {store_namespace}`"
            )),
            _ => {}
        }
    }

    /// `spec.accountRef.name`: `account = NAME` when the inputs hold that
    /// account, of the user's store; else it stays unread and is reported.
    fn user_account(&self, start: &mut Start<'d>, decl: &mut Decl, store: &str) {
        let Some(Ok(account)) = start
            .fields
            .peek(&["spec", "accountRef", "name"])
            .map(|v| v.as_str().ok_or(v))
        else {
            return;
        };
        if self.accounts.get(account).is_some_and(|s| s == store) {
            decl.attribute("account", account.to_string());
            start.fields.take(&["spec", "accountRef", "name"]);
        }
    }

    fn user_quota(&mut self, index: usize, start: &mut Start<'d>, decl: &mut Decl) {
        let mut entries = Vec::new();
        for (key, entry) in [
            ("maxBuckets", "buckets"),
            ("maxSize", "size"),
            ("maxObjects", "objects"),
        ] {
            let Some(value) = start.fields.peek(&["spec", "quotas", key]) else {
                continue;
            };
            let quantity = if key == "maxSize" {
                quantity::size(value)
            } else {
                quantity::count(value, false)
            };
            match quantity {
                Quantity::Exact(text) => entries.push((entry.to_string(), text)),
                Quantity::Rewritten(text) => {
                    self.reports[index].warn(format!(
                        "`spec.quotas.{key}` is {value}; rookc writes it as {}",
                        written(key, &text)
                    ));
                    entries.push((entry.to_string(), text));
                }
                Quantity::Invalid(_) => continue,
            }
            start.fields.take(&["spec", "quotas", key]);
        }
        if !entries.is_empty() {
            decl.items.push(Item::Block("quota".into(), entries));
        }
    }
}

/// How rookc emits a quota: sizes as strings, counts as numbers.
fn written(key: &str, text: &str) -> String {
    if key == "maxSize" {
        format!("\"{text}\"")
    } else {
        text.to_string()
    }
}

/// `caps { ... }`: each capability with a value the CRD allows; both of a
/// pair that Rook merges (`user` and `users`) cannot be written.
fn user_caps(start: &mut Start, decl: &mut Decl) {
    let Some(Value::Object(caps)) = start.fields.peek(&["spec", "capabilities"]) else {
        return;
    };
    let mut entries = Vec::new();
    let mut rgw_caps = Vec::new();
    for (key, value) in caps {
        let Some((_, rgw)) = CAPABILITIES.iter().find(|(name, _)| name == key) else {
            continue;
        };
        let text = match value.as_str() {
            Some("read") => "read",
            Some("write") => "write",
            Some("read, write") => "[read, write]",
            Some("*") => "\"*\"",
            _ => continue,
        };
        if rgw_caps.contains(rgw) {
            continue;
        }
        rgw_caps.push(*rgw);
        start.fields.take(&["spec", "capabilities", key]);
        entries.push((key.clone(), text.to_string()));
    }
    if !entries.is_empty() {
        decl.items.push(Item::Block("caps".into(), entries));
    }
}
