//! Object store users.

use std::collections::BTreeMap;

use super::body::{self, Body};
use super::budgets::{Allowance, ROOK_DEFAULT_MAX_BUCKETS};
use super::objects::label_name;
use super::values;
use super::{entry_keys, names, Checker, User};
use crate::ast::{DeclKind, ValueKind};
use crate::diag::{Code, Diagnostic};
use crate::model;

/// RGW capabilities a CephObjectStoreUser may hold (CRD), with the RGW cap
/// each becomes: Rook maps `user`/`users` and `bucket`/`buckets` to one.
pub const CAPABILITIES: [(&str, &str); 18] = [
    ("amz-cache", "amz-cache"),
    ("bilog", "bilog"),
    ("bucket", "buckets"),
    ("buckets", "buckets"),
    ("datalog", "datalog"),
    ("info", "info"),
    ("mdlog", "mdlog"),
    ("metadata", "metadata"),
    ("oidc-provider", "oidc-provider"),
    ("ratelimit", "ratelimit"),
    ("roles", "roles"),
    ("usage", "usage"),
    ("user", "users"),
    ("user-policy", "user-policy"),
    ("users", "users"),
    ("zone", "zone"),
    ("user-info-without-keys", "user-info-without-keys"),
    ("accounts", "accounts"),
];

const CAP_WORDS: [&str; 3] = ["read", "write", "*"];

/// RGW capabilities whose write access makes a user an administrator of
/// the store (`*` is read and write in RGW): users, buckets and metadata
/// through the admin API, and IAM user policies, roles and OIDC providers,
/// which grant any S3 right to whoever they name.
const ADMIN_CAPS: [&str; 6] = [
    "users",
    "buckets",
    "metadata",
    "user-policy",
    "roles",
    "oidc-provider",
];

const ADMIN_NOTE: &str = "with write access (`write`, `[read, write]` or `\"*\"`) to users, buckets or metadata, the user's keys can create and delete users, read other users' keys, or remove any bucket through the admin API; to user-policy, roles or oidc-provider, they can attach policies or create roles and identity providers that grant any right";

impl Checker<'_> {
    pub(super) fn lower_user(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        self.check_object_name(decl);
        if let Err(why) = names::label_value(&decl.name.value) {
            self.diags
                .push(label_name(decl.name.span, "user", &decl.name.value, &why));
        }
        let store = self.required_reference(decl, &body, "store");
        let store_info = store.as_ref().and_then(|s| self.stores.get(&s.value));
        let store_namespace = store_info.and_then(|s| s.namespace.clone());
        let allowed = store_info
            .map(|s| s.allow_users_in.clone())
            .unwrap_or_default();
        let store_decl = store_info.map(|s| self.decl(s.decl_index));
        let namespace = self.namespace(decl, &body, store_namespace.as_deref());
        let mut cluster_namespace = None;
        if let (Some(ns), Some(store_ns), Some(store_decl)) =
            (&namespace, &store_namespace, store_decl)
        {
            if &ns.value != store_ns {
                if allowed.iter().any(|a| a == &ns.value || a == "*") {
                    cluster_namespace = Some(store_ns.clone());
                } else {
                    let listed = if allowed.is_empty() {
                        format!("serves users in `{store_ns}` only")
                    } else {
                        format!(
                            "allows users in `{store_ns}` and {}",
                            allowed
                                .iter()
                                .map(|a| format!("`{a}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    };
                    let message = format!(
                        "user `{}` lives in namespace `{}`, where object store `{}` does not reconcile users",
                        decl.name.value, ns.value, store_decl.name.value
                    );
                    let diagnostic = if body.own_attribute("namespace").is_some() {
                        Diagnostic::new(
                            Code::UserNamespaceNotAllowed,
                            message,
                            ns.span,
                            "namespace of the user",
                        )
                    } else {
                        Diagnostic::new(
                            Code::UserNamespaceNotAllowed,
                            message,
                            decl.name.span,
                            "a user in another namespace than its store",
                        )
                        .with_secondary(ns.span, "namespace set by this group")
                    };
                    self.diags.push(
                        diagnostic
                        .with_secondary(store_decl.name.span, format!("object store `{}` {listed}", store_decl.name.value))
                        .with_help(format!(
                            "add `allow_users_in = [\"{}\"]` to the object store (and the same to the CephObjectStore's `spec.allowUsersInNamespaces`)",
                            ns.value
                        )),
                    );
                }
            }
        }
        let display_name = body
            .attribute("display_name")
            .and_then(|a| values::string(a, self.diags));
        let keys = self.user_keys(decl, &body, namespace.as_ref().map(|n| n.value.as_str()));
        let op_mask = self.user_op_mask(&body);
        let account = self.user_account(
            decl,
            &body,
            store.as_ref().map(|s| s.value.as_str()),
            namespace.as_ref(),
            display_name.as_ref(),
        );
        let account_member = account.as_ref().map(|a| {
            let shown = display_name.as_ref().unwrap_or(&decl.name);
            (a.clone(), shown.value.clone())
        });
        let mut user = model::User {
            origin: decl.name.span,
            meta: self.meta(decl, &body, namespace.map(|n| n.value)),
            store: store.as_ref().map(|s| s.value.clone()).unwrap_or_default(),
            cluster_namespace,
            display_name: display_name.map(|d| d.value),
            max_buckets: None,
            max_size: None,
            max_objects: None,
            capabilities: BTreeMap::new(),
            keys,
            op_mask,
            account,
        };
        let mut max_size_bytes = None;
        let mut max_buckets = None;
        if let Some(block) = body.block("quota") {
            for entry in body::block_entries(
                block,
                &entry_keys(DeclKind::User, "quota"),
                "a user's `quota`",
                self.diags,
            ) {
                match entry.key.value.as_str() {
                    "size" => {
                        if let Some(size) = values::size(entry, self.diags) {
                            max_size_bytes = Some((size.value.bytes, size.value.quantity.clone()));
                            user.max_size = Some(size.value.quantity);
                        }
                    }
                    "objects" => {
                        user.max_objects = values::count(entry, self.diags)
                            .and_then(|c| i64::try_from(c.value).ok())
                    }
                    _ => {
                        let count = values::count(entry, self.diags);
                        max_buckets = count.as_ref().map(|c| (c.value, entry.span));
                        user.max_buckets = count.and_then(|c| i64::try_from(c.value).ok())
                    }
                }
            }
        }
        if let Some(block) = body.block("caps") {
            let names = entry_keys(DeclKind::User, "caps");
            let mut by_rgw_cap: BTreeMap<&str, &crate::ast::Attribute> = BTreeMap::new();
            for entry in body::block_entries(block, &names, "`caps`", self.diags) {
                let rgw_cap = CAPABILITIES
                    .iter()
                    .find(|(n, _)| *n == entry.key.value)
                    .map_or("", |(_, c)| *c);
                if let Some(first) = by_rgw_cap.get(rgw_cap) {
                    self.diags.push(
                        Diagnostic::new(
                            Code::DuplicateAttribute,
                            format!(
                                "`{}` and `{}` are the same RGW capability `{rgw_cap}`",
                                first.key.value, entry.key.value
                            ),
                            entry.key.span,
                            "given again here",
                        )
                        .with_secondary(first.key.span, "first given here")
                        .with_help("keep one of them"),
                    );
                    continue;
                }
                by_rgw_cap.insert(rgw_cap, entry);
                if let Some(value) = self.capability_value(entry) {
                    if value != "read" && ADMIN_CAPS.contains(&rgw_cap) {
                        self.warn(
                            Diagnostic::new(
                                Code::AdminCapabilities,
                                format!("user `{}` may change `{rgw_cap}` through the admin API", decl.name.value),
                                entry.span,
                                "administrator rights",
                            )
                            .with_note(ADMIN_NOTE)
                            .with_help("grant `read` where that is enough; if this user administers the store, add `@allow(admin-capabilities)`"),
                            &[&decl.allows],
                        );
                    }
                    user.capabilities.insert(entry.key.value.clone(), value);
                }
            }
        }
        self.users.insert(
            decl.name.value.clone(),
            User {
                decl_index: index,
                store: store.map(|s| s.value),
                account: account_member,
                max_size: max_size_bytes,
                max_objects: user.max_objects.and_then(|m| u64::try_from(m).ok()),
                owned_buckets: Allowance::new(u128::from(
                    max_buckets.map_or(ROOK_DEFAULT_MAX_BUCKETS, |(n, _)| n),
                )),
                max_buckets,
            },
        );
        self.program.users.push(user);
    }

    /// `read`, `write`, `"*"` or `[read, write]` as the CRD spells it.
    fn capability_value(&mut self, entry: &crate::ast::Attribute) -> Option<String> {
        let words: Vec<(String, crate::source::Span)> = match &entry.value.kind {
            ValueKind::Ident(w) | ValueKind::Str(w) => vec![(w.clone(), entry.value.span)],
            ValueKind::List(items) => {
                let mut words = Vec::new();
                for item in items {
                    match &item.kind {
                        ValueKind::Ident(w) | ValueKind::Str(w) => {
                            words.push((w.clone(), item.span))
                        }
                        other => {
                            self.diags.push(Diagnostic::new(
                                Code::TypeMismatch,
                                format!(
                                    "capabilities are `read`, `write` or `\"*\"`, not {}",
                                    other.describe()
                                ),
                                item.span,
                                "expected `read`, `write` or `\"*\"`",
                            ));
                            return None;
                        }
                    }
                }
                words
            }
            other => {
                self.diags.push(Diagnostic::new(
                    Code::TypeMismatch,
                    format!(
                        "capabilities are `read`, `write` or `\"*\"`, not {}",
                        other.describe()
                    ),
                    entry.value.span,
                    "expected `read`, `write` or `\"*\"`",
                ));
                return None;
            }
        };
        if words.is_empty() {
            self.diags.push(
                Diagnostic::new(
                    Code::TypeMismatch,
                    "an empty list grants no capability",
                    entry.value.span,
                    "expected `read`, `write` or both",
                )
                .with_help(format!(
                    "remove `{}`, or write `[read, write]`",
                    entry.key.value
                )),
            );
            return None;
        }
        let mut read = false;
        let mut write = false;
        for (word, span) in &words {
            match word.as_str() {
                "read" => read = true,
                "write" => write = true,
                "*" => return Some("*".to_string()),
                "read, write" => (read, write) = (true, true),
                other => {
                    self.diags.push(values::unknown_value(
                        *span,
                        &entry.key.value,
                        other,
                        &CAP_WORDS,
                    ));
                    return None;
                }
            }
        }
        Some(
            match (read, write) {
                (true, true) => "read, write",
                (false, true) => "write",
                _ => "read",
            }
            .to_string(),
        )
    }
}
