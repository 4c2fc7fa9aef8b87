//! Check: `account` declarations to [`model::Account`]s, and the naming
//! rules RGW holds accounts and their users to.

use super::body::{self, Body};
use super::{entry_keys, values, Account, Checker};
use crate::ast::DeclKind;
use crate::diag::{Code, Diagnostic};
use crate::model;
use crate::source::{Span, Spanned};

const EXPERIMENTAL_NOTE: &str = "Rook's documentation says accounts work only with a Ceph main-branch image (`quay.ceph.io/ceph-ci/ceph:main`); RGW accounts are a Ceph Squid (19.x) feature, and membership of a user is permanent";

impl Checker<'_> {
    pub(super) fn lower_account(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        self.check_object_name(decl);
        let store = self.required_reference(decl, &body, "store");
        let store_info = store.as_ref().and_then(|s| self.stores.get(&s.value));
        let store_namespace = store_info.and_then(|s| s.namespace.clone());
        let store_span = store_info.map(|s| self.decl(s.decl_index).name.span);
        let namespace = self.namespace(decl, &body, store_namespace.as_deref());
        if let (Some(ns), Some(store_ns), Some(store_span)) =
            (&namespace, &store_namespace, store_span)
        {
            if &ns.value != store_ns {
                self.diags.push(
                    Diagnostic::new(
                        Code::AccountNamespaceMismatch,
                        format!(
                            "account `{}` lives in namespace `{}`, but its object store in `{store_ns}`",
                            decl.name.value, ns.value
                        ),
                        ns.span,
                        "namespace of the account",
                    )
                    .with_secondary(store_span, format!("the object store's namespace is `{store_ns}`"))
                    .with_note("Rook looks the account's store up in the account's own namespace")
                    .with_help(format!("put the account in `{store_ns}`")),
                );
            }
        }
        let account_name = body
            .attribute("account_name")
            .and_then(|a| values::string(a, self.diags));
        if let Some(name) = &account_name {
            self.check_account_text(name, "account name", &ACCOUNT_NAME);
        }
        let account_id = body
            .attribute("account_id")
            .and_then(|a| values::string(a, self.diags));
        if let Some(id) = &account_id {
            if !is_account_id(&id.value) {
                self.diags.push(
                    Diagnostic::new(
                        Code::InvalidAccountName,
                        format!("`{}` is not an RGW account ID", id.value),
                        id.span,
                        "expected `RGW` and 17 digits",
                    )
                    .with_help("write it as `RGW` followed by 17 digits, e.g. `\"RGW00889737169837717\"`, or leave it out and let Rook derive one"),
                );
            }
        }
        let mut account = model::Account {
            origin: decl.name.span,
            meta: self.meta(decl, &body, namespace.as_ref().map(|n| n.value.clone())),
            store: store.as_ref().map(|s| s.value.clone()).unwrap_or_default(),
            account_name: account_name.map(|n| n.value),
            account_id: None,
            skip_root_user: false,
            root_display_name: None,
        };
        if let Some(block) = body.block("root_user") {
            let keys = entry_keys(DeclKind::Account, "root_user");
            for entry in body::block_entries(block, &keys, "`root_user`", self.diags) {
                if entry.key.value == "create" {
                    if let Some(create) = values::boolean(entry, self.diags) {
                        account.skip_root_user = !create.value;
                    }
                } else if let Some(name) = values::string(entry, self.diags) {
                    self.check_account_text(&name, "root user's display name", &ROOT_DISPLAY_NAME);
                    account.root_display_name = Some(name.value);
                }
            }
        }
        self.warn(
            Diagnostic::new(
                Code::ExperimentalAccount,
                format!("account `{}` uses an experimental Rook feature", decl.name.value),
                decl.name.span,
                "experimental in Rook v1.20",
            )
            .with_note(EXPERIMENTAL_NOTE)
            .with_help("check that the cluster's Ceph image supports accounts; then add `@allow(experimental-account)`"),
            &[&decl.allows],
        );
        account.account_id = account_id.as_ref().map(|id| id.value.clone());
        self.accounts.insert(
            decl.name.value.clone(),
            Account {
                decl_index: index,
                store: store.map(|s| s.value),
                namespace: namespace.map(|n| n.value),
                account_id: account_id.map(|id| id.value),
            },
        );
        self.program.accounts.push(account);
    }

    /// E0236 unless `text` is 1 to `max` characters that `allowed` accepts.
    pub(super) fn check_account_text(
        &mut self,
        text: &Spanned<String>,
        what: &str,
        rule: &TextRule,
    ) {
        let max = rule.max;
        let bad = text.value.chars().find(|c| !(rule.allowed)(*c));
        let why = if text.value.is_empty() {
            "it is empty".to_string()
        } else if let Some(c) = bad {
            format!("`{c}` is not allowed in it")
        } else if text.value.chars().count() > max {
            format!("it is longer than {max} characters")
        } else {
            return;
        };
        let allowed_text = rule.describe;
        self.diags.push(
            Diagnostic::new(
                Code::InvalidAccountName,
                format!("`{}` is not a valid {what}: {why}", text.value),
                text.span,
                format!("RGW rejects this {what}"),
            )
            .with_note(if max == usize::MAX {
                format!("a {what} is one or more characters: {allowed_text}")
            } else {
                format!("a {what} is 1 to {max} characters: {allowed_text}")
            }),
        );
    }
}

/// What RGW accepts in one kind of name.
pub(super) struct TextRule {
    allowed: fn(char) -> bool,
    describe: &'static str,
    max: usize,
}

/// An account's `spec.name`.
const ACCOUNT_NAME: TextRule = TextRule {
    allowed: is_account_name_char,
    describe: "letters, digits, spaces and `._-`",
    max: 2048,
};

/// A root user's display name.
const ROOT_DISPLAY_NAME: TextRule = TextRule {
    allowed: is_iam_name_char,
    describe: "letters, digits and `_+=,.@-`",
    max: 64,
};

/// The display name of a user in an account (Rook's check: no length).
pub(super) const MEMBER_DISPLAY_NAME: TextRule = TextRule {
    allowed: is_iam_name_char,
    describe: "letters, digits and `_+=,.@-`",
    max: usize::MAX,
};

/// `[a-zA-Z0-9 ._-]`: what an account's `spec.name` may hold.
fn is_account_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '_' | '-')
}

/// `[\w+=,.@-]`: IAM user names (root users, account users' display names).
fn is_iam_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '=' | ',' | '.' | '@' | '-')
}

/// `^RGW\d{17}$`.
fn is_account_id(text: &str) -> bool {
    text.len() == 20 && text.starts_with("RGW") && text[3..].bytes().all(|b| b.is_ascii_digit())
}

/// Where a user's account is, for the messages about it.
pub(super) fn account_span(checker: &Checker, account: &Account) -> Span {
    checker.decl(account.decl_index).name.span
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_ids_are_rgw_and_seventeen_digits() {
        assert!(is_account_id("RGW00889737169837717"));
        assert!(!is_account_id("RGW0088973716983771"));
        assert!(!is_account_id("rgw00889737169837717"));
        assert!(!is_account_id("RGW0088973716983771x"));
    }
}
