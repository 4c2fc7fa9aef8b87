//! Security lints on policy statements: grants to `anyone`, wildcard
//! actions, deletion of backups, and grants the owner already has.
//!
//! Each is a warning with its own name, so a team can allow one where it is
//! meant (`@allow(public-read)` on a website bucket) and still hear about
//! the others.

use std::collections::BTreeSet;

use super::actions::{self, is_pattern};
use super::buckets::BucketContext;
use super::policy::{Actions, Principals};
use super::Checker;
use crate::ast::{self, Effect};
use crate::diag::{Code, Diagnostic};

impl Checker<'_> {
    pub(super) fn lint_statement(
        &mut self,
        statement: &ast::Statement,
        bucket: &BucketContext,
        principals: &Principals,
        actions: &Actions,
    ) {
        if statement.effect.value != Effect::Allow {
            return;
        }
        let allows = [bucket.allows, statement.allows.as_slice()];
        if let Some(anyone) = principals.public {
            let diagnostic = if actions.all().all(is_read) {
                Diagnostic::new(Code::PublicRead, "this statement lets anyone read the bucket", anyone, "every client, signed in or not")
                    .with_note("`anyone` is the principal `*`: anonymous requests match it too")
                    .with_help("name the users who need access; for a public website, add `@allow(public-read)` before the statement")
            } else {
                Diagnostic::new(Code::PublicWrite, "this statement lets anyone change the bucket", anyone, "every client, signed in or not")
                    .with_note("it grants actions beyond reading and listing to the principal `*`, which anonymous requests match")
                    .with_help("grant write or delete only to named users")
            };
            self.warn(diagnostic, &allows);
            return;
        }
        if principals.only_owner(bucket.owner) {
            self.warn(
                Diagnostic::new(
                    Code::RedundantGrant,
                    "this statement grants the bucket's owner what it already has",
                    statement.span,
                    "the owner already has full access",
                )
                .with_help("remove the statement, or grant another user"),
                &allows,
            );
            return;
        }
        if let Some(wildcard) = statement.actions.iter().find_map(full_wildcard) {
            self.warn(
                Diagnostic::new(Code::WildcardAction, format!("`{}` grants every action, including deleting the bucket and changing its policy", wildcard.value), wildcard.span, "every action")
                    .with_help("grant access groups (`read`, `write`, `delete`, `list`) or the actions that are needed"),
                &allows,
            );
        }
        let denied = &bucket.delete_denied;
        let covered = denied.anyone
            || (!principals.users.is_empty()
                && principals.arns.len() == principals.users.len()
                && principals.users.iter().all(|u| denied.users.contains(u)));
        if is_backup(bucket) && actions.all().any(deletes) && !covered {
            self.warn(
                Diagnostic::new(Code::BackupDelete, format!("bucket `{}` holds backups, and this statement lets someone other than its owner delete them", bucket.decl_name), statement.span, "grants deletion")
                    .with_note("whoever holds these credentials, or steals them, can erase the backups; lifecycle expiration does not need this grant")
                    .with_help("grant `write` without `delete`, and consider `deny anyone delete` to make the bucket append-only"),
                &allows,
            );
        }
    }
}

/// Who a policy's `deny` statements keep from deleting (whatever the keys).
#[derive(Debug, Default, Clone)]
pub(super) struct DeleteDenied {
    pub anyone: bool,
    pub users: BTreeSet<String>,
}

pub(super) fn delete_denied(policy: &ast::Policy) -> DeleteDenied {
    let mut denied = DeleteDenied::default();
    for statement in policy
        .statements
        .iter()
        .filter(|s| s.effect.value == Effect::Deny)
    {
        let denies_delete = statement.actions.iter().any(|action| match action {
            ast::Action::Group(group) => group.value == "delete",
            ast::Action::Literal(text) => deletes(&text.value),
        });
        if !denies_delete {
            continue;
        }
        for principal in &statement.principals {
            match principal {
                ast::Principal::Anyone(_) => denied.anyone = true,
                ast::Principal::User(user) => {
                    denied.users.insert(user.value.clone());
                }
                ast::Principal::Arn(_) => {}
            }
        }
    }
    denied
}

/// Reading or listing only: `s3:Get…` and `s3:List…` actions, including
/// patterns that stay within them (`s3:Get*`).
fn is_read(action: &str) -> bool {
    let name = action.strip_prefix("s3:").unwrap_or(action);
    name.starts_with("Get") || name.starts_with("List")
}

/// Whether an action (or pattern) grants some deletion.
fn deletes(action: &str) -> bool {
    if is_pattern(action) {
        return actions::matching(action)
            .iter()
            .any(|(name, _)| name.starts_with("Delete"));
    }
    action
        .strip_prefix("s3:")
        .unwrap_or(action)
        .starts_with("Delete")
}

/// `"*"` or `"s3:*"`, as written.
fn full_wildcard(action: &ast::Action) -> Option<&crate::source::Spanned<String>> {
    match action {
        ast::Action::Literal(text)
            if text.value == "*" || text.value.eq_ignore_ascii_case("s3:*") =>
        {
            Some(text)
        }
        ast::Action::Literal(_) | ast::Action::Group(_) => None,
    }
}

/// A bucket holds backups when its name says so: a convention that costs
/// nothing to follow and catches the common case.
fn is_backup(bucket: &BucketContext) -> bool {
    [bucket.decl_name, bucket.name]
        .iter()
        .any(|n| n.to_ascii_lowercase().contains("backup"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_is_get_and_list() {
        assert!(is_read("s3:GetObject"));
        assert!(is_read("s3:ListBucket"));
        assert!(is_read("s3:Get*"));
        assert!(!is_read("s3:PutObject"));
        assert!(!is_read("s3:*"));
        assert!(!is_read("*"));
    }

    #[test]
    fn deletion_includes_patterns() {
        assert!(deletes("s3:DeleteObject"));
        assert!(deletes("s3:*"));
        assert!(deletes("s3:Delete*"));
        assert!(!deletes("s3:Put*"));
        assert!(!deletes("s3:GetObject"));
    }
}
