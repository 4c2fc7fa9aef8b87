//! Bucket policies: principals resolved to IAM ARNs, access groups expanded
//! to RGW actions, actions split by what they apply to (objects or the
//! bucket), and key patterns turned into resources and listing conditions.

// The rule functions return their diagnostic as the error value; it is the
// cold path, so its size does not matter.
#![allow(clippy::result_large_err)]

use std::borrow::Cow;
use std::collections::BTreeSet;

use super::actions::{self, Level, ACCESS_GROUPS, PREFIX_LISTINGS, S3_ACTIONS};
use super::buckets::BucketContext;
use super::suggest::did_you_mean;
use super::Checker;
use crate::ast::{self, DeclKind, Effect, Principal};
use crate::diag::{Code, Diagnostic};
use crate::model::{self, PolicyStatement};
use crate::source::{Span, Spanned};

/// The actions of one source statement, split by level.
#[derive(Default)]
pub(super) struct Actions {
    /// Actions RGW knows are shared `'static` names; patterns are owned.
    pub object: BTreeSet<Cow<'static, str>>,
    pub bucket: BTreeSet<Cow<'static, str>>,
}

/// The principals of one source statement.
#[derive(Default)]
pub(super) struct Principals {
    /// Where `anyone` was written, if it was.
    pub public: Option<Span>,
    /// Declared users named.
    pub users: BTreeSet<String>,
    /// IAM ARNs of the users and explicit ARNs.
    pub arns: BTreeSet<String>,
}

impl Principals {
    /// `None` for every principal (`"*"`), else the sorted ARNs.
    fn json(self) -> Option<Vec<String>> {
        if self.public.is_some() {
            None
        } else {
            Some(self.arns.into_iter().collect())
        }
    }

    /// Whether the statement names the bucket's owner and nobody else.
    pub fn only_owner(&self, owner: Option<&str>) -> bool {
        self.public.is_none()
            && !self.users.is_empty()
            && self.arns.len() == self.users.len()
            && self.users.iter().all(|u| Some(u.as_str()) == owner)
    }
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
                Principal::User(name) => match self.principal_user(name, bucket) {
                    Some(()) => {
                        principals.users.insert(name.value.clone());
                        principals
                            .arns
                            .insert(format!("arn:aws:iam:::user/{}", name.value));
                    }
                    None => ok = false,
                },
                Principal::Arn(arn) => match check_arn(arn) {
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
                    .with_note("a bucket policy can only name users of the object store that holds the bucket"),
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

/// `s3:Name` for a known action: a shared string, not one per statement.
fn shared_name(name: &str) -> Cow<'static, str> {
    actions::full_name(name).map_or_else(|| Cow::Owned(format!("s3:{name}")), Cow::Borrowed)
}

/// `index/` and `index/*` both mean every key under `index/`.
fn key_pattern(pattern: &str) -> String {
    if pattern.ends_with('*') {
        pattern.to_string()
    } else {
        format!("{pattern}*")
    }
}

/// The JSON statements of source statement `number`: object-level actions
/// on the key patterns (or every key), bucket-level ones on the bucket,
/// with listings narrowed to the patterns by `s3:prefix`. `principals` is
/// `None` for every principal, else the ARNs.
pub(super) fn split_statement(
    number: usize,
    origin: Option<Span>,
    allow: bool,
    principals: Option<Vec<String>>,
    actions: Actions,
    patterns: &[String],
    bucket: &str,
) -> Vec<PolicyStatement> {
    let bucket_arn = format!("arn:aws:s3:::{bucket}");
    let patterns: Vec<String> = patterns.iter().map(|p| key_pattern(p)).collect();
    let mut lowered = Vec::new();
    if !actions.object.is_empty() {
        let resources: BTreeSet<String> = if patterns.is_empty() {
            [format!("{bucket_arn}/*")].into()
        } else {
            patterns
                .iter()
                .map(|p| format!("{bucket_arn}/{p}"))
                .collect()
        };
        lowered.push(PolicyStatement {
            sid: format!("s{number}-objects"),
            allow,
            principals: principals.clone(),
            actions: actions.object.into_iter().collect(),
            resources: resources.into_iter().collect(),
            list_prefixes: Vec::new(),
            origin,
        });
    }
    if !actions.bucket.is_empty() {
        let prefixes: BTreeSet<String> = patterns.into_iter().collect();
        lowered.push(PolicyStatement {
            sid: format!("s{number}-bucket"),
            allow,
            principals,
            actions: actions.bucket.into_iter().collect(),
            resources: vec![bucket_arn],
            list_prefixes: prefixes.into_iter().collect(),
            origin,
        });
    }
    lowered
}

pub(super) fn group_actions(
    name: &Spanned<String>,
    actions: &mut Actions,
) -> Result<(), Diagnostic> {
    let Some(group) = actions::access_group(&name.value) else {
        let groups: Vec<&str> = ACCESS_GROUPS.iter().map(|(g, _, _)| *g).collect();
        let exact = actions::lookup(&name.value)
            .map(|(canonical, _)| format!("did you mean the action `\"s3:{canonical}\"`?"));
        return Err(Diagnostic::new(
            Code::UnknownAction,
            format!("`{}` is not an access group", name.value),
            name.span,
            "unknown access group",
        )
        .with_optional_help(exact.or_else(|| did_you_mean(&name.value, groups.iter().copied()).map(|g| format!("did you mean `{g}`?"))))
        .with_note(format!(
            "the access groups are {}; other actions are written as strings, such as `\"s3:GetBucketLocation\"`",
            groups.iter().map(|g| format!("`{g}`")).collect::<Vec<_>>().join(", ")
        )));
    };
    for action in group {
        let full = shared_name(action);
        if PREFIX_LISTINGS.contains(action) {
            actions.bucket.insert(full);
        } else {
            actions.object.insert(full);
        }
    }
    Ok(())
}

pub(super) fn literal_action(
    text: &Spanned<String>,
    limited: bool,
    actions: &mut Actions,
) -> Result<(), Diagnostic> {
    let written = text.value.as_str();
    let (service, name) = written.split_once(':').unwrap_or(("", written));
    if written != "*" && !actions::wildcard_match(service, "s3") {
        return Err(if service == "iam" || service == "sts" {
            Diagnostic::new(Code::ActionResourceMismatch, format!("`{written}` is not an action on buckets"), text.span, "an IAM or STS action")
                .with_note("RGW parses iam: and sts: actions in bucket policies, but they never apply to a bucket or its objects")
        } else {
            let guess = actions::lookup(name).map(|(c, _)| format!("did you mean `\"s3:{c}\"`?"));
            Diagnostic::new(
                Code::UnknownAction,
                format!("`{written}` is not an S3 action"),
                text.span,
                "unknown action",
            )
            .with_optional_help(guess.or_else(|| {
                Some("S3 actions are written `\"s3:Name\"`, such as `\"s3:GetObject\"`".into())
            }))
        });
    }
    if actions::is_pattern(written) {
        let matches = actions::matching(written);
        if matches.is_empty() {
            return Err(Diagnostic::new(
                Code::UnknownAction,
                format!("`{written}` matches no action RGW supports"),
                text.span,
                "matches nothing",
            ));
        }
        let object = matches.iter().any(|(_, level)| *level == Level::Object);
        let bucket = matches.iter().any(|(name, level)| {
            *level == Level::Bucket && (!limited || PREFIX_LISTINGS.contains(name))
        });
        if !object && !bucket {
            let message = if limited {
                format!("`{written}` matches no action that can be limited to keys")
            } else {
                format!("`{written}` matches only actions that are not about one bucket")
            };
            return Err(Diagnostic::new(
                Code::ActionResourceMismatch,
                message,
                text.span,
                "grants nothing here",
            )
            .with_help(if limited {
                "move it to a statement without `on`"
            } else {
                "remove it: a bucket policy cannot grant these"
            }));
        }
        if object {
            actions.object.insert(Cow::Owned(written.to_string()));
        }
        if bucket {
            actions.bucket.insert(Cow::Owned(written.to_string()));
        }
        return Ok(());
    }
    let Some((canonical, level)) = actions::lookup(name) else {
        let known: Vec<&str> = S3_ACTIONS.iter().map(|(n, _)| *n).collect();
        return Err(Diagnostic::new(
            Code::UnknownAction,
            format!("`{written}` is not an action RGW supports in bucket policies"),
            text.span,
            "unknown action",
        )
        .with_optional_help(
            did_you_mean(name, known.iter().copied())
                .map(|n| format!("did you mean `\"s3:{n}\"`?")),
        ));
    };
    let full = shared_name(canonical);
    match level {
        Level::Object => {
            actions.object.insert(full);
        }
        Level::Bucket if !limited || PREFIX_LISTINGS.contains(&canonical) => {
            actions.bucket.insert(full);
        }
        Level::Bucket => {
            return Err(Diagnostic::new(
                Code::ActionResourceMismatch,
                format!("`{full}` is a bucket-level action and cannot be limited to keys"),
                text.span,
                "applies to the whole bucket",
            )
            .with_help("move it to a statement without `on`"));
        }
        Level::Account => {
            return Err(Diagnostic::new(
                Code::ActionResourceMismatch,
                format!("`{full}` is not about one bucket, so a bucket policy cannot grant it"),
                text.span,
                "not a bucket action",
            )
            .with_note("account-level actions and bucket creation are governed by user capabilities and quotas, not bucket policies"));
        }
    }
    Ok(())
}

/// An explicit principal: an IAM ARN of a user, role or tenant, as RGW
/// parses it.
fn check_arn(arn: &Spanned<String>) -> Result<(), Diagnostic> {
    let text = arn.value.as_str();
    if text == "*" {
        return Err(Diagnostic::new(
            Code::InvalidPrincipal,
            "`\"*\"` is written `anyone`",
            arn.span,
            "write `anyone`",
        )
        .with_help("replace `\"*\"` with `anyone`"));
    }
    if is_principal_arn(text) {
        return Ok(());
    }
    Err(Diagnostic::new(Code::InvalidPrincipal, format!("`{text}` is not an IAM principal RGW accepts"), arn.span, "invalid principal")
        .with_help("write a declared user's name, or an ARN such as `\"arn:aws:iam:::user/NAME\"` or `\"arn:aws:iam::TENANT:root\"`"))
}

/// Whether `text` is an IAM ARN of a user, role, tenant or OIDC provider,
/// as RGW parses principals.
pub fn is_principal_arn(text: &str) -> bool {
    let parts: Vec<&str> = text.splitn(6, ':').collect();
    match parts.as_slice() {
        ["arn", partition, "iam", "", _tenant, resource] => {
            ["aws", "aws-cn", "aws-us-gov"].contains(partition)
                && (*resource == "root"
                    || ["user/", "role/", "assumed-role/", "oidc-provider/"]
                        .iter()
                        .any(|p| {
                            resource
                                .strip_prefix(p)
                                .is_some_and(|rest| !rest.is_empty())
                        }))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Span};

    fn spanned(text: &str) -> Spanned<String> {
        Spanned::new(text.to_string(), Span::new(FileId(0), 0, text.len()))
    }

    #[test]
    fn groups_split_by_level() {
        let mut actions = Actions::default();
        group_actions(&spanned("read"), &mut actions).unwrap();
        assert!(actions.object.contains("s3:GetObject"));
        assert!(actions.bucket.contains("s3:ListBucket"));
        assert!(!actions.object.contains("s3:ListBucket"));
        assert!(group_actions(&spanned("reed"), &mut actions)
            .unwrap_err()
            .help
            .unwrap()
            .contains("`read`"));
    }

    #[test]
    fn literals_are_canonical_and_checked() {
        let mut actions = Actions::default();
        literal_action(&spanned("s3:getobject"), false, &mut actions).unwrap();
        assert!(actions.object.contains("s3:GetObject"));
        assert_eq!(
            literal_action(&spanned("s3:GetObjects"), false, &mut actions)
                .unwrap_err()
                .code,
            Code::UnknownAction
        );
        assert_eq!(
            literal_action(&spanned("s3:GetBucketPolicy"), true, &mut actions)
                .unwrap_err()
                .code,
            Code::ActionResourceMismatch
        );
        assert_eq!(
            literal_action(&spanned("s3:ListAllMyBuckets"), false, &mut actions)
                .unwrap_err()
                .code,
            Code::ActionResourceMismatch
        );
        assert_eq!(
            literal_action(&spanned("iam:CreateRole"), false, &mut actions)
                .unwrap_err()
                .code,
            Code::ActionResourceMismatch
        );
        literal_action(&spanned("s3:ListBucket"), true, &mut actions).unwrap();
        assert!(actions.bucket.contains("s3:ListBucket"));
    }

    #[test]
    fn wildcards_go_where_they_match() {
        let mut actions = Actions::default();
        literal_action(&spanned("s3:Get*"), true, &mut actions).unwrap();
        assert!(actions.object.contains("s3:Get*"));
        assert!(
            actions.bucket.is_empty(),
            "no listing matches Get*, and other bucket actions cannot be limited"
        );
        let mut actions = Actions::default();
        literal_action(&spanned("s3:*"), false, &mut actions).unwrap();
        assert!(actions.object.contains("s3:*") && actions.bucket.contains("s3:*"));
    }

    #[test]
    fn key_patterns_cover_prefixes() {
        assert_eq!(key_pattern("index/"), "index/*");
        assert_eq!(key_pattern("index/*"), "index/*");
    }

    #[test]
    fn arns() {
        assert!(check_arn(&spanned("arn:aws:iam:::user/loki")).is_ok());
        assert!(check_arn(&spanned("arn:aws:iam::acme:root")).is_ok());
        assert!(check_arn(&spanned("arn:aws:s3:::bucket")).is_err());
        assert!(check_arn(&spanned("*")).is_err());
        assert!(check_arn(&spanned("loki")).is_err());
    }
}
