//! Check: what a user gained with Rook v1.17 to v1.20: key pairs from
//! Secrets (`keys`), the operation mask (`op_mask`) and account membership
//! (`account`).

use super::accounts::{account_span, MEMBER_DISPLAY_NAME};
use super::body::{self, Body};
use super::namespaces::invalid_name;
use super::{entry_keys, names, values, Checker};
use crate::ast::{DeclKind, Declaration, ValueKind};
use crate::diag::{Code, Diagnostic};
use crate::kinds::user::OPERATIONS;
use crate::model::KeyPair;
use crate::source::Spanned;

/// The Secret keys a user's `keys` reads when it names none: the ones Rook
/// writes into the Secret of a user without `keys`.
pub const DEFAULT_ACCESS_KEY: &str = "AccessKey";
pub const DEFAULT_SECRET_KEY: &str = "SecretKey";

impl Checker<'_> {
    /// `keys { secret = ...  access_key = ..  secret_key = .. }`.
    pub(super) fn user_keys(
        &mut self,
        decl: &Declaration,
        body: &Body,
        namespace: Option<&str>,
    ) -> Vec<KeyPair> {
        let Some(block) = body.block("keys") else {
            return Vec::new();
        };
        let known = entry_keys(DeclKind::User, "keys");
        let mut secrets = None;
        let mut access_key = DEFAULT_ACCESS_KEY.to_string();
        let mut secret_key = DEFAULT_SECRET_KEY.to_string();
        for entry in body::block_entries(block, &known, "a user's `keys`", self.diags) {
            match entry.key.value.as_str() {
                "secret" => secrets = values::string_list(entry, self.diags),
                "access_key" => {
                    if let Some(key) = values::string(entry, self.diags) {
                        access_key = key.value;
                    }
                }
                _ => {
                    if let Some(key) = values::string(entry, self.diags) {
                        secret_key = key.value;
                    }
                }
            }
        }
        let written_secret = block.entries.iter().any(|e| e.key.value == "secret");
        let Some(secrets) = secrets else {
            if !written_secret {
                self.diags.push(
                    Diagnostic::new(
                        Code::MissingAttribute,
                        format!("the `keys` of user `{}` name no Secret", decl.name.value),
                        block.name.span,
                        "`secret` is required here",
                    )
                    .with_help("add `secret = \"app-keys\"`: a Secret of the user's namespace holding the key pair"),
                );
            }
            return Vec::new();
        };
        if secrets.is_empty() {
            self.diags.push(
                Diagnostic::new(
                    Code::MissingAttribute,
                    format!("the `keys` of user `{}` name no Secret", decl.name.value),
                    block.name.span,
                    "an empty list of Secrets",
                )
                .with_note("Rook wants at least one key pair in `spec.keys`")
                .with_help(
                    "name a Secret, or remove `keys` to let Rook generate the user's key pair",
                ),
            );
        }
        let mut pairs = Vec::with_capacity(secrets.len());
        for secret in secrets {
            if let Err(why) = names::dns_subdomain(&secret.value) {
                self.diags
                    .push(invalid_name(secret.span, "Secret", &secret.value, &why));
                continue;
            }
            self.check_shared_key(namespace, &secret, &access_key);
            pairs.push(KeyPair {
                secret: secret.value,
                access_key: access_key.clone(),
                secret_key: secret_key.clone(),
            });
        }
        pairs
    }

    /// E0337 when an access key was read from the same Secret key before.
    fn check_shared_key(&mut self, namespace: Option<&str>, secret: &Spanned<String>, key: &str) {
        let source = (
            namespace.map(str::to_string),
            secret.value.clone(),
            key.to_string(),
        );
        if let Some(first) = self.key_sources.get(&source) {
            self.diags.push(
                Diagnostic::new(
                    Code::SharedAccessKey,
                    format!(
                        "the access key in `{key}` of Secret `{}` is given to two key pairs",
                        secret.value
                    ),
                    secret.span,
                    "read again here",
                )
                .with_secondary(*first, "first read here")
                .with_note("an S3 access key belongs to one RGW user: RGW refuses to add it a second time, and the user's reconcile fails")
                .with_help("give each user a Secret of its own"),
            );
            return;
        }
        self.key_sources.insert(source, secret.span);
    }

    /// `op_mask = [read, write, delete]`, each word once; `[]` is no
    /// operation at all.
    pub(super) fn user_op_mask(&mut self, body: &Body) -> Option<Vec<String>> {
        let attribute = body.attribute("op_mask")?;
        let items: Vec<&crate::ast::Value> = match &attribute.value.kind {
            ValueKind::List(items) => items.iter().collect(),
            ValueKind::Ident(_) => vec![&attribute.value],
            _ => {
                self.diags.push(values::type_mismatch(
                    &attribute.value,
                    "op_mask",
                    "a list of `read`, `write`, `delete`",
                ));
                return None;
            }
        };
        let mut mask: Vec<Spanned<String>> = Vec::new();
        let mut valid = true;
        for item in items {
            let ValueKind::Ident(word) = &item.kind else {
                self.diags.push(values::type_mismatch(
                    item,
                    "op_mask",
                    "`read`, `write` or `delete`",
                ));
                valid = false;
                continue;
            };
            if !OPERATIONS.contains(&word.as_str()) {
                self.diags.push(values::unknown_value(
                    item.span, "op_mask", word, OPERATIONS,
                ));
                valid = false;
                continue;
            }
            if let Some(first) = mask.iter().find(|m| &m.value == word) {
                self.diags.push(
                    Diagnostic::new(
                        Code::DuplicateAttribute,
                        format!("`{word}` is given twice in `op_mask`"),
                        item.span,
                        "given again here",
                    )
                    .with_secondary(first.span, "first given here")
                    .with_help(format!("remove one of the two `{word}`")),
                );
                valid = false;
                continue;
            }
            mask.push(Spanned::new(word.clone(), item.span));
        }
        valid.then(|| mask.into_iter().map(|m| m.value).collect())
    }

    /// `account = x`: an account of the user's store and namespace; the
    /// user's display name must then be an IAM user name. Returns the
    /// account's name.
    pub(super) fn user_account(
        &mut self,
        decl: &Declaration,
        body: &Body,
        store: Option<&str>,
        namespace: Option<&Spanned<String>>,
        display_name: Option<&Spanned<String>>,
    ) -> Option<String> {
        let attribute = body.attribute("account")?;
        let name = values::reference(attribute, self.diags)?;
        self.resolve(DeclKind::Account, &name)?;
        let account = self.accounts.get(&name.value)?;
        let account_store = account.store.clone();
        let account_namespace = account.namespace.clone();
        let account_at = account_span(self, account);
        if let (Some(theirs), Some(ours)) = (&account_store, store) {
            if theirs != ours {
                self.diags.push(
                    Diagnostic::new(
                        Code::AccountStoreMismatch,
                        format!(
                            "user `{}` of object store `{ours}` joins account `{}` of object store `{theirs}`",
                            decl.name.value, name.value
                        ),
                        name.span,
                        "an account of another store",
                    )
                    .with_secondary(account_at, format!("account `{}` is in `{theirs}`", name.value))
                    .with_note("Rook refuses a user whose `store` differs from its account's")
                    .with_help(format!("set the user's `store = {theirs}`, or join an account of `{ours}`")),
                );
                return None;
            }
        }
        if let (Some(theirs), Some(ours)) = (&account_namespace, namespace) {
            if theirs != &ours.value {
                self.diags.push(
                    Diagnostic::new(
                        Code::AccountNamespaceMismatch,
                        format!(
                            "user `{}` lives in namespace `{}`, but account `{}` in `{theirs}`",
                            decl.name.value, ours.value, name.value
                        ),
                        name.span,
                        "an account of another namespace",
                    )
                    .with_secondary(
                        account_at,
                        format!("account `{}` lives in `{theirs}`", name.value),
                    )
                    .with_note("Rook looks `accountRef.name` up in the user's own namespace")
                    .with_help(format!("put the user in `{theirs}`")),
                );
                return None;
            }
        }
        let shown = display_name.cloned().unwrap_or_else(|| decl.name.clone());
        self.check_account_text(
            &shown,
            "display name of an account user",
            &MEMBER_DISPLAY_NAME,
        );
        Some(name.value)
    }
}
