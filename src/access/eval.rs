//! One request against one bucket policy, as RGW decides it: a matching
//! `Deny` wins, then a matching `Allow`, else the bucket's owner may do
//! everything and everyone else nothing (RGW falls back to the ACLs, and the
//! bucket ACL Rook creates is private to the owner).

use crate::check::actions;
use crate::model::PolicyStatement;

/// Who sends the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject<'a> {
    /// The IAM ARN of the user (`arn:aws:iam:::user/loki`); `None` for an
    /// anonymous request, or for a user no policy can name (the user Rook
    /// generates for a claim without `owner`). Both belong to RGW's default
    /// tenant, so `arn:aws:iam:::root` names them (seen on a real RGW).
    pub arn: Option<&'a str>,
    /// Whether the request comes with the bucket owner's keys.
    pub owner: bool,
}

/// What the request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request<'a> {
    /// An object-level action on one key.
    Object { action: &'a str, key: &'a str },
    /// A bucket-level action; for a listing, `list_prefix` is the `prefix`
    /// parameter (the `s3:prefix` condition key), `None` when not sent.
    Bucket {
        action: &'a str,
        list_prefix: Option<&'a str>,
    },
}

/// Why a request is allowed or denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// The statement at this index of the policy matched.
    Statement(usize),
    /// No statement matched, and the request has the owner's keys.
    Owner,
    /// No statement matched (implicit deny).
    NoStatement,
}

/// The answer to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    pub reason: Reason,
}

/// A bucket's policy, ready to answer requests.
#[derive(Debug, Clone, Copy)]
pub struct PolicyView<'a> {
    /// The bucket's S3 name (resources name it).
    pub bucket: &'a str,
    /// The statements in document order; empty without a policy.
    pub statements: &'a [PolicyStatement],
}

impl PolicyView<'_> {
    /// Decides `request` from `subject` as RGW does.
    pub fn decide(&self, subject: Subject, request: Request) -> Decision {
        let matching = |allow: bool| {
            self.statements
                .iter()
                .position(|s| s.allow == allow && self.applies(s, subject, request))
        };
        if let Some(index) = matching(false) {
            return Decision {
                allowed: false,
                reason: Reason::Statement(index),
            };
        }
        // The owner needs no allow: name its own right rather than a
        // statement that happens to grant the same.
        if subject.owner {
            return Decision {
                allowed: true,
                reason: Reason::Owner,
            };
        }
        match matching(true) {
            Some(index) => Decision {
                allowed: true,
                reason: Reason::Statement(index),
            },
            None => Decision {
                allowed: false,
                reason: Reason::NoStatement,
            },
        }
    }

    fn applies(&self, statement: &PolicyStatement, subject: Subject, request: Request) -> bool {
        let (action, resource, list_prefix) = match request {
            Request::Object { action, key } => {
                (action, format!("arn:aws:s3:::{}/{key}", self.bucket), None)
            }
            Request::Bucket {
                action,
                list_prefix,
            } => (action, format!("arn:aws:s3:::{}", self.bucket), list_prefix),
        };
        principal_matches(statement.principals.as_deref(), subject)
            && statement
                .actions
                .iter()
                .any(|pattern| action_matches(pattern, action))
            && statement
                .resources
                .iter()
                .any(|pattern| glob(pattern, &resource))
            && condition_holds(&statement.list_prefixes, list_prefix)
    }
}

/// `None` is `"*"`: every request, anonymous ones too. An ARN names one
/// user; `arn:aws:iam::T:root` names every user of tenant `T`. RGW's
/// anonymous user and the users Rook generates for claims are users of the
/// default tenant: `arn:aws:iam:::root` names them too.
fn principal_matches(principals: Option<&[String]>, subject: Subject) -> bool {
    let Some(principals) = principals else {
        return true;
    };
    let Some(arn) = subject.arn else {
        return principals.iter().any(|p| p == DEFAULT_TENANT_ROOT);
    };
    principals.iter().any(|principal| {
        principal == arn
            || principal
                .strip_suffix(":root")
                .and_then(|tenant| arn.strip_prefix(tenant))
                .is_some_and(|rest| rest.starts_with(":user/"))
    })
}

/// The principal of every user of RGW's default tenant, anonymous
/// requests included.
pub const DEFAULT_TENANT_ROOT: &str = "arn:aws:iam:::root";

/// RGW matches each `:`-separated part of an action with wildcards,
/// ignoring case; `*` alone matches every action.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    match (pattern.split_once(':'), action.split_once(':')) {
        (Some((service, name)), Some((action_service, action_name))) => {
            actions::wildcard_match(service, action_service)
                && actions::wildcard_match(name, action_name)
        }
        _ => false,
    }
}

/// The `StringLike s3:prefix` condition: none, or the listing's prefix
/// parameter matches one pattern. A listing without the parameter matches
/// no pattern, so an `Allow` does not apply, and neither does a `Deny`.
fn condition_holds(patterns: &[String], list_prefix: Option<&str>) -> bool {
    patterns.is_empty() || list_prefix.is_some_and(|p| patterns.iter().any(|pat| glob(pat, p)))
}

pub use actions::glob;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_are_case_sensitive() {
        assert!(glob("arn:aws:s3:::b/index/*", "arn:aws:s3:::b/index/x"));
        assert!(glob("arn:aws:s3:::b/*", "arn:aws:s3:::b/"));
        assert!(!glob("arn:aws:s3:::b/Index/*", "arn:aws:s3:::b/index/x"));
        assert!(glob("a?c*", "abcd"));
        assert!(!glob("index/*", "index"));
    }

    #[test]
    fn actions_match_per_part() {
        assert!(action_matches("s3:*", "s3:GetObject"));
        assert!(action_matches("*", "s3:GetObject"));
        assert!(action_matches("s3:getobject", "s3:GetObject"));
        assert!(action_matches("s3:?*", "s3:PutObject"));
        assert!(!action_matches("s3:Get*", "s3:PutObject"));
        assert!(!action_matches("iam:*", "s3:PutObject"));
    }

    #[test]
    fn tenant_root_names_its_users() {
        let user = Subject {
            arn: Some("arn:aws:iam::acme:user/bob"),
            owner: false,
        };
        let root = ["arn:aws:iam::acme:root".to_string()];
        assert!(principal_matches(Some(&root), user));
        let other = ["arn:aws:iam::acm:root".to_string()];
        assert!(!principal_matches(Some(&other), user));
        let anonymous = Subject {
            arn: None,
            owner: false,
        };
        assert!(!principal_matches(Some(&root), anonymous));
        assert!(principal_matches(None, anonymous));
        // Anonymous requests and claims' generated users are users of the
        // default tenant (a real RGW allows them what `:::root` is allowed).
        let default_root = ["arn:aws:iam:::root".to_string()];
        assert!(principal_matches(Some(&default_root), anonymous));
        assert!(!principal_matches(Some(&default_root), user));
        let default_user = Subject {
            arn: Some("arn:aws:iam:::user/bob"),
            owner: false,
        };
        assert!(principal_matches(Some(&default_root), default_user));
    }
}
