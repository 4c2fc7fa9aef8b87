//! Bucket policies: principals resolved to IAM ARNs, access groups expanded
//! to RGW actions, actions split by what they apply to (objects or the
//! bucket), and key patterns turned into resources and listing conditions.
//!
//! This module lowers a policy block statement by statement; the rules
//! are in its submodules: [`principals`] (who a statement names, and the
//! rules of explicit ARNs), [`action_words`] (access groups and literal
//! actions) and [`statements`] (one source statement to its JSON
//! statements).

mod account_principals;
mod action_words;
mod principals;
mod statements;

use std::borrow::Cow;
use std::collections::BTreeSet;

use super::buckets::BucketContext;
use super::Checker;
use crate::ast::{self, DeclKind, Effect, Principal};
use crate::diag::{Code, Diagnostic};
use crate::model::{self, PolicyStatement};
use crate::source::Spanned;

pub(super) use action_words::{group_actions, literal_action};
pub use principals::is_principal_arn;
pub(super) use principals::Principals;
pub(super) use statements::split_statement;

/// The actions of one source statement, split by level.
#[derive(Default)]
pub(super) struct Actions {
    /// Actions RGW knows are shared `'static` names; patterns are owned.
    pub object: BTreeSet<Cow<'static, str>>,
    pub bucket: BTreeSet<Cow<'static, str>>,
}

impl Checker<'_> {
    pub(super) fn lower_policy(
        &mut self,
        policy: &ast::Policy,
        bucket: &BucketContext,
    ) -> Option<model::Policy> {
        if policy.statements.is_empty() {
            self.diags.push(
                Diagnostic::new(
                    Code::MissingAttribute,
                    "the policy has no statements",
                    policy.keyword,
                    "empty policy",
                )
                .with_help("add a statement such as `allow grafana read`, or remove the policy"),
            );
            return None;
        }
        let mut statements = Vec::new();
        let mut ok = true;
        let mut deny_failed = false;
        for (index, statement) in policy.statements.iter().enumerate() {
            match self.lower_statement(index + 1, statement, bucket) {
                Some(lowered) => statements.extend(lowered),
                None => {
                    ok = false;
                    deny_failed |= statement.effect.value == Effect::Deny;
                }
            }
        }
        // A broken `allow` grants nothing, so the others can still be
        // judged; without a broken `deny` the judgement would be noise.
        if !deny_failed {
            self.lint_policy(policy, &statements, bucket);
        }
        ok.then_some(model::Policy { statements })
    }

    fn lower_statement(
        &mut self,
        number: usize,
        statement: &ast::Statement,
        bucket: &BucketContext,
    ) -> Option<Vec<PolicyStatement>> {
        let principals = self.principals(statement, bucket);
        let actions = self.actions(statement);
        let patterns_ok = self.check_patterns(statement);
        let (principals, actions) = (principals?, actions?);
        patterns_ok.then_some(())?;
        self.lint_statement(statement, bucket, &principals);
        let allow = statement.effect.value == Effect::Allow;
        let patterns: Vec<String> = statement
            .resources
            .iter()
            .map(|r| r.value.clone())
            .collect();
        Some(split_statement(
            number,
            Some(statement.span),
            allow,
            principals.json(),
            actions,
            &patterns,
            bucket.name,
        ))
    }

    /// `None` (the error case) when a principal does not resolve;
    /// `Some(None)` for every principal (`anyone`).
    /// The statement's principals, or `None` when one does not resolve.
    fn principals(
        &mut self,
        statement: &ast::Statement,
        bucket: &BucketContext,
    ) -> Option<Principals> {
        let mut principals = Principals::default();
        let mut ok = true;
        for principal in &statement.principals {
            match principal {
                Principal::Anyone(span) => principals.public = Some(*span),
                Principal::User(name) if self.names_account(name) => {
                    match self.principal_account(name, bucket) {
                        Some(arn) => {
                            principals.arns.insert(arn);
                        }
                        None => ok = false,
                    }
                }
                Principal::User(name) => match self.principal_user(name, bucket) {
                    Some(()) => {
                        principals.users.insert(name.value.clone());
                        principals.arns.insert(self.user_principal_arn(&name.value));
                    }
                    None => ok = false,
                },
                Principal::Arn(arn) => match principals::check_arn(arn) {
                    Ok(()) => {
                        // An ARN of a declared user still uses that user.
                        if let Some(user) = arn.value.strip_prefix("arn:aws:iam:::user/") {
                            let symbol = self.symbols.get(&DeclKind::User);
                            if let Some(&index) = symbol.and_then(|t| t.get(user)) {
                                self.referenced_users[index] = true;
                            }
                        }
                        principals.arns.insert(arn.value.clone());
                    }
                    Err(diagnostic) => {
                        self.diags.push(diagnostic);
                        ok = false;
                    }
                },
            }
        }
        ok.then_some(principals)
    }

    fn principal_user(&mut self, name: &Spanned<String>, bucket: &BucketContext) -> Option<()> {
        let index = self.resolve(DeclKind::User, name)?;
        self.referenced_users[index] = true;
        let user = self.users.get(&name.value)?;
        if let (Some(user_store), Some(store)) = (&user.store, bucket.store) {
            if user_store != store {
                let user_decl = self.decl(user.decl_index);
                self.diags.push(
                    Diagnostic::new(
                        Code::ForeignPrincipal,
                        format!("user `{}` belongs to object store `{user_store}`, not to the bucket's store `{store}`", name.value),
                        name.span,
                        "user of another store",
                    )
                    .with_secondary(user_decl.name.span, "user declared here")
                    .with_note("a bucket policy can only name users of the object store that holds the bucket")
                    .with_help(format!("name a user of object store `{store}` instead (declare one with `store = {store}` if needed)")),
                );
                return None;
            }
        }
        Some(())
    }

    /// An empty pattern would make listings require an `s3:prefix` that
    /// clients listing the whole bucket never send.
    fn check_patterns(&mut self, statement: &ast::Statement) -> bool {
        let mut ok = true;
        for pattern in &statement.resources {
            ok &= super::limits::check_key_pattern(pattern, self.diags);
        }
        for pattern in statement
            .resources
            .iter()
            .filter(|p| p.value.is_empty() || p.value == "*")
        {
            self.diags.push(
                Diagnostic::new(
                    Code::ActionResourceMismatch,
                    "this key pattern covers the whole bucket",
                    pattern.span,
                    "every key",
                )
                .with_help("leave out `on` to grant on the whole bucket"),
            );
            ok = false;
        }
        ok
    }

    fn actions(&mut self, statement: &ast::Statement) -> Option<Actions> {
        let limited = !statement.resources.is_empty();
        let mut actions = Actions::default();
        let mut ok = true;
        for action in &statement.actions {
            let result = match action {
                ast::Action::Group(name) => group_actions(name, &mut actions),
                ast::Action::Literal(text) => literal_action(text, limited, &mut actions),
            };
            if let Err(diagnostic) = result {
                self.diags.push(diagnostic);
                ok = false;
            }
        }
        ok.then_some(actions)
    }
}
