//! Principals that are accounts or users of accounts: their IAM ARNs
//! carry the account ID (Ceph's `doc/radosgw/account.rst`, "Principals").

use super::super::buckets::BucketContext;
use super::super::Checker;
use crate::ast::DeclKind;
use crate::diag::{Code, Diagnostic};
use crate::source::Spanned;

impl Checker<'_> {
    /// Whether a principal word names a declared account (and no user).
    pub(in crate::check) fn names_account(&self, name: &Spanned<String>) -> bool {
        let declared = |kind| {
            self.symbols
                .get(&kind)
                .is_some_and(|t| t.contains_key(name.value.as_str()))
        };
        declared(DeclKind::Account) && !declared(DeclKind::User)
    }

    /// The ARN a policy names user `name` by: an account user with a fixed
    /// account ID as `arn:aws:iam::<ID>:user/<display name>`, every other
    /// user as `arn:aws:iam:::user/<uid>` (which RGW also matches for
    /// account users).
    pub(in crate::check) fn user_principal_arn(&self, name: &str) -> String {
        let member = self.users.get(name).and_then(|u| u.account.as_ref());
        let id = member.and_then(|(account, display)| {
            let id = self.accounts.get(account)?.account_id.as_ref()?;
            Some((id, display))
        });
        match id {
            Some((id, display)) => format!("arn:aws:iam::{id}:user/{display}"),
            None => format!("arn:aws:iam:::user/{name}"),
        }
    }

    /// `allow team ...` for account `team`: `arn:aws:iam::<ID>:root`, the
    /// whole account; the ID must be fixed in the source (E0435).
    pub(in crate::check) fn principal_account(
        &mut self,
        name: &Spanned<String>,
        bucket: &BucketContext,
    ) -> Option<String> {
        let account = self.accounts.get(&name.value)?;
        let declared = self.decl(account.decl_index).name.span;
        if let (Some(theirs), Some(store)) = (&account.store, bucket.store) {
            if theirs != store {
                self.diags.push(
                    Diagnostic::new(
                        Code::ForeignPrincipal,
                        format!("account `{}` belongs to object store `{theirs}`, not to the bucket's store `{store}`", name.value),
                        name.span,
                        "account of another store",
                    )
                    .with_secondary(declared, "account declared here")
                    .with_note("a bucket policy can only name accounts of the object store that holds the bucket"),
                );
                return None;
            }
        }
        let Some(id) = account.account_id.clone() else {
            self.diags.push(
                Diagnostic::new(
                    Code::AccountPrincipalWithoutId,
                    format!("account `{}` has no fixed `account_id`, so its ARN is not known", name.value),
                    name.span,
                    "principal with an unknown ARN",
                )
                .with_secondary(declared, "account declared here")
                .with_note("a policy names an account as `arn:aws:iam::<account ID>:root`; without `account_id`, Rook derives the ID from the object's UID when it is created")
                .with_help("set `account_id = \"RGW\" + 17 digits` on the account (it cannot change later)"),
            );
            return None;
        };
        Some(format!("arn:aws:iam::{id}:root"))
    }
}
