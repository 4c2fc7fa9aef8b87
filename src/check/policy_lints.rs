//! Security lints on policy statements: grants to `anyone`, wildcard
//! actions, erasure of backups, and grants the owner already has.
//!
//! Each is a warning with its own name, so a team can allow one where it is
//! meant (`@allow(public-read)` on a website bucket) and still hear about
//! the others. What a statement really grants is asked of the evaluator
//! ([`crate::access`]) with the statements just lowered, so a `deny` that
//! takes the grant back silences a lint only when it takes all of it back.

use super::actions::{self, S3_ACTIONS};
use super::buckets::BucketContext;
use super::policy::Principals;
use super::Checker;
use crate::access::{BucketPolicy, Subject, DEFAULT_TENANT_ROOT};
use crate::ast::{self, Effect};
use crate::diag::{Code, Diagnostic};
use crate::model::PolicyStatement;

/// What can erase a bucket's backups: deleting objects or their versions,
/// or rewriting the lifecycle (expire everything) or the policy (grant
/// oneself the rest).
const ERASING: [&str; 4] = [
    "s3:DeleteObject",
    "s3:DeleteObjectVersion",
    "s3:PutLifecycleConfiguration",
    "s3:PutBucketPolicy",
];

impl Checker<'_> {
    /// The lints of one source statement that need only the statement:
    /// redundant grants to the owner and wildcard actions.
    pub(super) fn lint_statement(
        &mut self,
        statement: &ast::Statement,
        bucket: &BucketContext,
        principals: &Principals,
    ) {
        if statement.effect.value != Effect::Allow || principals.public.is_some() {
            return;
        }
        let allows = [bucket.allows, statement.allows.as_slice()];
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
    }

    /// The lints that ask the evaluator, once the whole policy is lowered:
    /// grants to `anyone`, and erasure of backups.
    pub(super) fn lint_policy(
        &mut self,
        policy: &ast::Policy,
        statements: &[PolicyStatement],
        bucket: &BucketContext,
    ) {
        let backups = is_backup(bucket);
        for statement in &policy.statements {
            if statement.effect.value != Effect::Allow {
                self.lint_prefix_list_deny(statement, statements, bucket);
                continue;
            }
            // `anyone`, or the default tenant's root, which names the
            // anonymous user too.
            let public = statement.principals.iter().find_map(|p| match p {
                ast::Principal::Anyone(span) => Some((*span, "`anyone` is the principal `*`: anonymous requests match it too")),
                ast::Principal::Arn(arn) if arn.value == DEFAULT_TENANT_ROOT => Some((arn.span, "`arn:aws:iam:::root` names every user of RGW's default tenant, and anonymous requests are made as one of them")),
                ast::Principal::User(_) | ast::Principal::Arn(_) => None,
            });
            if public.is_none() && !backups {
                continue;
            }
            // The statement's own grants, with every deny of the policy.
            let effective: Vec<PolicyStatement> = statements
                .iter()
                .filter(|s| !s.allow || s.origin == Some(statement.span))
                .cloned()
                .collect();
            let evaluator = BucketPolicy::new(bucket.name, &effective);
            let allows = [bucket.allows, statement.allows.as_slice()];
            match public {
                Some((anyone, why)) => {
                    self.lint_public(&evaluator, &effective, (anyone, why), &allows)
                }
                None => self.lint_backup(&evaluator, &effective, statement, bucket, &allows),
            }
        }
    }

    /// W0509: a deny of listing on key prefixes refuses only the listings
    /// that ask for those prefixes; a listing without a prefix still shows
    /// every key under them (seen on a real RGW; S3 does the same).
    fn lint_prefix_list_deny(
        &mut self,
        statement: &ast::Statement,
        lowered: &[PolicyStatement],
        bucket: &BucketContext,
    ) {
        let Some(first_prefix) = statement.resources.first() else {
            return;
        };
        let lists = |s: &PolicyStatement| {
            s.actions.iter().any(|a| {
                actions::PREFIX_LISTINGS
                    .iter()
                    .any(|listing| a.strip_prefix("s3:") == Some(*listing))
            })
        };
        let Some(prefix_deny) = lowered.iter().find(|s| {
            !s.allow && s.origin == Some(statement.span) && !s.list_prefixes.is_empty() && lists(s)
        }) else {
            return;
        };
        // Quiet when another deny already refuses these principals every
        // listing of the bucket.
        let covers = |wider: &Option<Vec<String>>| match (wider, &prefix_deny.principals) {
            (None, _) => true,
            (Some(wider), Some(these)) => these.iter().all(|p| wider.contains(p)),
            (Some(_), None) => false,
        };
        if lowered
            .iter()
            .any(|s| !s.allow && s.list_prefixes.is_empty() && lists(s) && covers(&s.principals))
        {
            return;
        }
        let allows = [bucket.allows, statement.allows.as_slice()];
        self.warn(
            Diagnostic::new(
                Code::PrefixListDeny,
                format!(
                    "this deny does not hide the key names under {}: a listing without a prefix still shows them",
                    statement
                        .resources
                        .iter()
                        .map(|p| format!("`{}`", p.value))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                first_prefix.span,
                "refuses only listings that ask for this prefix",
            )
            .with_help("to hide key names, deny `list` on the whole bucket (without `on`); keep this deny for the objects themselves")
            .with_note("RGW matches `s3:prefix` against the prefix a listing asks for: a listing with no prefix, or a shorter one, still shows these keys"),
            &allows,
        );
    }

    /// W0501 and W0505: what anonymous requests may do through the
    /// statement, after the denies.
    fn lint_public(
        &mut self,
        evaluator: &BucketPolicy,
        effective: &[PolicyStatement],
        (anyone, why): (crate::source::Span, &str),
        allows: &[&[crate::source::Spanned<String>]],
    ) {
        let anonymous = Subject {
            arn: None,
            owner: false,
        };
        let granted: Vec<&str> = granted_actions(effective)
            .into_iter()
            .filter(|action| evaluator.allowed_anywhere(anonymous, action).is_some())
            .collect();
        if granted.is_empty() {
            return;
        }
        let diagnostic = if granted.iter().all(|a| is_read(a)) {
            Diagnostic::new(Code::PublicRead, "this statement lets anyone read the bucket", anyone, "every client, signed in or not")
                .with_note(why)
                .with_help("name the users who need access; for a public website, add `@allow(public-read)` before the statement")
        } else {
            Diagnostic::new(
                Code::PublicWrite,
                "this statement lets anyone change the bucket",
                anyone,
                "every client, signed in or not",
            )
            .with_note(format!(
                "it grants actions beyond reading and listing; {why}"
            ))
            .with_help("grant write or delete only to named users")
        };
        self.warn(diagnostic, allows);
    }

    /// W0507: someone other than the owner may still erase the backups
    /// somewhere in the bucket through this statement.
    fn lint_backup(
        &mut self,
        evaluator: &BucketPolicy,
        effective: &[PolicyStatement],
        statement: &ast::Statement,
        bucket: &BucketContext,
        allows: &[&[crate::source::Spanned<String>]],
    ) {
        let owner_arn = bucket.owner.map(crate::access::user_arn);
        let principals: Vec<&String> = effective
            .iter()
            .filter(|s| s.allow)
            .flat_map(|s| s.principals.iter().flatten())
            .filter(|arn| Some(arn.as_str()) != owner_arn.as_deref())
            .collect();
        let finding = principals.iter().find_map(|arn| {
            let subject = Subject {
                arn: Some(arn),
                owner: false,
            };
            ERASING.iter().find_map(|action| {
                evaluator
                    .scopes()
                    .iter()
                    .find(|scope| evaluator.decide_at(subject, action, scope).allowed)
                    .map(|scope| (arn.as_str(), *action, scope.prefix.clone()))
            })
        });
        let Some((arn, action, prefix)) = finding else {
            return;
        };
        let who = arn.strip_prefix("arn:aws:iam:::user/").unwrap_or(arn);
        let place = match prefix {
            Some(prefix) => format!("under `{prefix}`"),
            None => {
                let named: Vec<String> = evaluator
                    .scopes()
                    .iter()
                    .filter_map(|s| s.prefix.as_ref().map(|p| format!("`{p}`")))
                    .collect();
                if named.is_empty() {
                    "anywhere in the bucket".to_string()
                } else {
                    format!("outside {}", named.join(", "))
                }
            }
        };
        let still = format!("`{who}` can `{action}` {place}, whatever the policy denies");
        let diagnostic = if action.starts_with("s3:Delete") {
            Diagnostic::new(Code::BackupDelete, format!("bucket `{}` holds backups, and this statement lets someone other than its owner delete them", bucket.decl_name), statement.span, "grants deletion")
                .with_note("whoever holds these credentials, or steals them, can erase the backups; lifecycle expiration does not need this grant")
                .with_note(still)
                .with_help("grant `write` without `delete`, and consider `deny anyone delete` to make the bucket append-only")
        } else {
            let what = if action == "s3:PutBucketPolicy" {
                "policy"
            } else {
                "lifecycle"
            };
            Diagnostic::new(Code::BackupDelete, format!("bucket `{}` holds backups, and this statement lets someone other than its owner change its {what}", bucket.decl_name), statement.span, "can erase the bucket")
                .with_note("a new lifecycle can expire every object, and a new policy can grant deletion: either erases the backups")
                .with_note(still)
                .with_help(format!("leave changing the {what} to the owner: remove `{action}` from the statement"))
        };
        self.warn(diagnostic, allows);
    }
}

/// The known actions the statements name, with patterns expanded.
fn granted_actions(statements: &[PolicyStatement]) -> Vec<&'static str> {
    let mut granted: Vec<&'static str> = statements
        .iter()
        .filter(|s| s.allow)
        .flat_map(|s| &s.actions)
        .flat_map(|pattern| actions::matching(pattern))
        .filter_map(|(name, _)| actions::full_name(name))
        .collect();
    granted.sort_unstable();
    granted.dedup();
    granted
}

/// Reading or listing only: `s3:Get…` and `s3:List…` actions.
fn is_read(action: &str) -> bool {
    let name = action.strip_prefix("s3:").unwrap_or(action);
    name.starts_with("Get") || name.starts_with("List")
}

/// A literal action that matches every S3 action RGW knows, whatever its
/// spelling: `"*"`, `"s3:*"`, `"s3:**"`, `"s3:?*"`, `"*:*"`.
fn full_wildcard(action: &ast::Action) -> Option<&crate::source::Spanned<String>> {
    match action {
        ast::Action::Literal(text)
            if actions::is_pattern(&text.value)
                && actions::matching(&text.value).len() == S3_ACTIONS.len() =>
        {
            Some(text)
        }
        ast::Action::Literal(_) | ast::Action::Group(_) => None,
    }
}

/// A bucket holds backups when its `backups` attribute says so, or,
/// without one, when its name says so: a convention that costs nothing to
/// follow and catches the common case.
pub(super) fn is_backup(bucket: &BucketContext) -> bool {
    bucket.backups.unwrap_or_else(|| {
        [bucket.decl_name, bucket.name]
            .iter()
            .any(|n| n.to_ascii_lowercase().contains("backup"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Span, Spanned};

    #[test]
    fn reading_is_get_and_list() {
        assert!(is_read("s3:GetObject"));
        assert!(is_read("s3:ListBucket"));
        assert!(!is_read("s3:PutObject"));
    }

    #[test]
    fn every_spelling_of_every_action_is_a_wildcard() {
        let literal = |text: &str| {
            ast::Action::Literal(Spanned::new(text.to_string(), Span::new(FileId(0), 0, 0)))
        };
        for text in ["*", "s3:*", "S3:*", "s3:**", "s3:?*", "*:*", "s?:*"] {
            assert!(full_wildcard(&literal(text)).is_some(), "{text}");
        }
        for text in ["s3:Get*", "s3:D*", "s3:GetObject"] {
            assert!(full_wildcard(&literal(text)).is_none(), "{text}");
        }
    }
}
