//! Access: who may list, read, write and delete what in each bucket. The one
//! evaluator of what rookc's bucket policies mean; `rookc access`, the
//! checker's security lints, `rookc diff` and the tests all ask it rather
//! than derive grants themselves.
//!
//! Stage: it reads the [`model`] only, never the AST: a bucket's resolved
//! statements ([`model::PolicyStatement`], principals as ARNs, actions as
//! RGW names, resources as ARNs), its S3 name and its owner. The checker
//! builds exactly those statements before it lints, so its lints call in
//! here with what it has just lowered (check -> access -> model); `emit`
//! is never involved. The action table it needs (levels, access groups) is
//! [`crate::check::actions`], data shared by every stage. A policy read back
//! from a live cluster goes through [`document::statements`] into the same
//! statements, so `rookc diff` evaluates manifests and sources alike.
//!
//! Layers: [`eval`] decides one request as RGW does (deny wins, then allow,
//! else the owner may, everyone else may not); [`matrix`] asks it about
//! whole access groups at every place the policy names; this file builds
//! the report of a bucket or a program; [`render`] prints it.

pub mod document;
pub mod eval;
pub mod matrix;
pub mod render;
mod table;

use std::collections::BTreeSet;

use crate::model;
use crate::source::Span;

pub use eval::{Decision, PolicyView, Reason, Request, Subject, DEFAULT_TENANT_ROOT};
pub use matrix::{BucketPolicy, GroupAccess, Listing, Scope, ScopeAccess, Summary, Verdict};

/// What the report needs to know about a bucket besides its policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketFacts {
    /// The claim's name (`metadata.name`), the declaration's name.
    pub name: String,
    pub namespace: Option<String>,
    /// The fixed S3 name; `None` when generated (then it has no policy).
    pub s3_name: Option<String>,
    /// The RGW user id of the owner; `None`: the user Rook generates for
    /// the claim, whose keys only the claim's Secret holds.
    pub owner: Option<String>,
    /// Where it was declared; `None` when read from a manifest.
    pub origin: Option<Span>,
}

impl BucketFacts {
    pub fn of(bucket: &model::Bucket) -> Self {
        BucketFacts {
            name: bucket.meta.name.clone(),
            namespace: bucket.meta.namespace.clone(),
            s3_name: match &bucket.naming {
                model::BucketNaming::Fixed(name) => Some(name.clone()),
                model::BucketNaming::Generated(_) => None,
            },
            owner: bucket.owner.clone(),
            origin: Some(bucket.origin),
        }
    }
}

/// A principal of a bucket's matrix.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Principal {
    /// The bucket's owner (`None`: the claim's generated user).
    Owner(Option<String>),
    /// An RGW user of the default tenant the policy names (by name, or by
    /// its ARN `arn:aws:iam:::user/NAME`).
    User(String),
    /// Any other ARN the policy names (a tenant's user, a tenant, a role).
    Arn(String),
    /// Anonymous requests: the principal `*`.
    Anyone,
    /// A signed-in user the policy does not name.
    OtherUser,
}

impl Principal {
    /// The ARN a request from this principal is signed as.
    pub fn arn(&self) -> Option<String> {
        match self {
            Principal::Owner(Some(user)) | Principal::User(user) => Some(user_arn(user)),
            Principal::Arn(arn) => Some(arn.clone()),
            Principal::Owner(None) | Principal::Anyone => None,
            // No policy names it: an ARN no statement can list.
            Principal::OtherUser => Some(OTHER_USER_ARN.to_string()),
        }
    }

    fn subject<'a>(&self, arn: Option<&'a str>) -> Subject<'a> {
        Subject {
            arn,
            owner: matches!(self, Principal::Owner(_)),
        }
    }
}

/// Stands for "a user the policy does not name": `/` cannot be in a user id.
const OTHER_USER_ARN: &str = "arn:aws:iam:::user/(other)/";

/// `arn:aws:iam:::user/NAME`: how a bucket policy names a user of the
/// default tenant (the one Rook uses).
pub fn user_arn(user: &str) -> String {
    format!("arn:aws:iam:::user/{user}")
}

/// One statement a decision can point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementRef {
    pub sid: String,
    pub allow: bool,
    /// The source statement; `None` when read from a manifest.
    pub origin: Option<Span>,
}

/// One principal's row of a bucket's matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrincipalAccess {
    pub principal: Principal,
    /// In the order of the access groups: list, read, write, delete.
    pub groups: Vec<GroupAccess>,
}

/// Everything about one bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketAccess {
    pub facts: BucketFacts,
    /// The places probed; [`ScopeAccess::scope`] indexes this.
    pub scopes: Vec<Scope>,
    /// The policy's statements; [`Reason::Statement`] indexes this.
    pub statements: Vec<StatementRef>,
    pub principals: Vec<PrincipalAccess>,
}

/// Every bucket of a program, in the program's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessReport {
    pub buckets: Vec<BucketAccess>,
}

/// The matrix of every bucket of a checked program.
pub fn evaluate(program: &model::Program) -> AccessReport {
    AccessReport {
        buckets: program
            .buckets
            .iter()
            .map(|bucket| {
                let statements = bucket.policy.as_ref().map_or(&[][..], |p| &p.statements);
                evaluate_bucket(BucketFacts::of(bucket), statements)
            })
            .collect(),
    }
}

/// The matrix of one bucket with these statements (from the model, or
/// from a policy document through [`document::statements`]).
pub fn evaluate_bucket(facts: BucketFacts, statements: &[model::PolicyStatement]) -> BucketAccess {
    let principals = principals_of(&facts, statements);
    evaluate_for(facts, statements, principals)
}

/// The matrix of one bucket for the given principals only.
pub fn evaluate_for(
    facts: BucketFacts,
    statements: &[model::PolicyStatement],
    principals: Vec<Principal>,
) -> BucketAccess {
    let s3_name = facts.s3_name.clone().unwrap_or_default();
    let policy = BucketPolicy::new(&s3_name, statements);
    let rows = principals
        .into_iter()
        .map(|principal| {
            let arn = principal.arn();
            let groups = policy.groups(principal.subject(arn.as_deref()));
            PrincipalAccess { principal, groups }
        })
        .collect();
    BucketAccess {
        scopes: policy.scopes().to_vec(),
        statements: statements
            .iter()
            .map(|s| StatementRef {
                sid: s.sid.clone(),
                allow: s.allow,
                origin: s.origin,
            })
            .collect(),
        principals: rows,
        facts,
    }
}

/// The owner, the users and ARNs the policy names, `anyone`, any other user.
fn principals_of(facts: &BucketFacts, statements: &[model::PolicyStatement]) -> Vec<Principal> {
    let owner_arn = facts.owner.as_deref().map(user_arn);
    let named: BTreeSet<Principal> = statements
        .iter()
        .flat_map(|s| s.principals.iter().flatten())
        .filter(|arn| Some(arn.as_str()) != owner_arn.as_deref())
        .map(|arn| match arn.strip_prefix("arn:aws:iam:::user/") {
            Some(user) => Principal::User(user.to_string()),
            None => Principal::Arn(arn.clone()),
        })
        .collect();
    let mut principals = vec![Principal::Owner(facts.owner.clone())];
    principals.extend(named);
    principals.extend([Principal::Anyone, Principal::OtherUser]);
    principals
}

/// A Secret holding an RGW user's keys.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SecretRef {
    pub namespace: Option<String>,
    pub name: String,
    /// Why it holds them.
    pub why: SecretKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SecretKind {
    /// `rook-ceph-object-user-<store>-<user>`, written by Rook for the user.
    UserSecret,
    /// The Secret of an ObjectBucketClaim whose bucket the user owns: Rook
    /// copies the owner's first key pair into it.
    ClaimOfOwnedBucket,
}

/// One user's view of every bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAccess {
    pub user: String,
    /// Every Secret that holds the user's keys, so reaches what it reaches.
    pub secrets: Vec<SecretRef>,
    /// Each bucket with one row: the user (as owner, as a named user, or as
    /// a user the policy does not name).
    pub buckets: Vec<BucketAccess>,
}

/// The matrix seen from `user` across the program; `None` when the program
/// declares no such user.
pub fn evaluate_user(program: &model::Program, user: &str) -> Option<UserAccess> {
    let declared = program.users.iter().find(|u| u.meta.name == user)?;
    let mut secrets = vec![SecretRef {
        namespace: declared.meta.namespace.clone(),
        name: format!(
            "rook-ceph-object-user-{}-{}",
            declared.store, declared.meta.name
        ),
        why: SecretKind::UserSecret,
    }];
    let arn = user_arn(user);
    let buckets = program
        .buckets
        .iter()
        .map(|bucket| {
            let facts = BucketFacts::of(bucket);
            let statements = bucket.policy.as_ref().map_or(&[][..], |p| &p.statements);
            let principal = if facts.owner.as_deref() == Some(user) {
                secrets.push(SecretRef {
                    namespace: facts.namespace.clone(),
                    name: facts.name.clone(),
                    why: SecretKind::ClaimOfOwnedBucket,
                });
                Principal::Owner(Some(user.to_string()))
            } else if statements
                .iter()
                .any(|s| s.principals.iter().flatten().any(|p| *p == arn))
            {
                Principal::User(user.to_string())
            } else {
                Principal::OtherUser
            };
            evaluate_for(facts, statements, vec![principal])
        })
        .collect();
    secrets.sort();
    Some(UserAccess {
        user: user.to_string(),
        secrets,
        buckets,
    })
}
