//! Grants: who may list, read, write or delete what in each bucket, before
//! and after, and the differences per bucket and principal.
//!
//! The `rookc access` evaluator decides every request ([`access`]): each
//! claim's parsed policy document becomes the model's statements
//! ([`access::document::statements`]), and both sides are asked the same
//! questions: every principal either side's policy names (and the owner,
//! anyone, any other user), every access group, at every place either side
//! names (each prefix, and the rest of the bucket).

use std::collections::BTreeSet;

use serde_json::Value;

use super::claims::bucket_of;
use super::key::{ObjectKey, CLAIM};
use super::normalize::Object;
use super::{Category, Finding, Mode, Pair, Status};
use crate::access::document::DocumentError;
use crate::access::{self, BucketFacts, BucketPolicy, Principal, Scope, Subject};
use crate::check::actions::{self, ACCESS_GROUPS};
use crate::model::PolicyStatement;

const POLICY: &str = "spec.additionalConfig.bucketPolicy";

/// Who a request comes from, the same on both sides (the owner may differ).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    User(String),
    Arn(String),
    /// The user Rook generates for a claim without an owner.
    GeneratedOwner,
    Anyone,
    OtherUser,
}

impl Who {
    fn of(principal: &Principal) -> Who {
        match principal {
            Principal::Owner(Some(user)) | Principal::User(user) => Who::User(user.clone()),
            Principal::Owner(None) => Who::GeneratedOwner,
            Principal::Arn(arn) => Who::Arn(arn.clone()),
            Principal::Anyone => Who::Anyone,
            Principal::OtherUser => Who::OtherUser,
        }
    }

    fn describe(&self, owner: Option<&str>) -> String {
        match self {
            Who::User(user) if Some(user.as_str()) == owner => format!("the owner `{user}`"),
            Who::User(user) => format!("`{user}`"),
            Who::Arn(arn) => format!("`{arn}`"),
            Who::GeneratedOwner => "the claim's own user".to_string(),
            Who::Anyone => "anyone".to_string(),
            Who::OtherUser => "any other signed-in user".to_string(),
        }
    }
}

/// One side of a bucket, ready to be asked.
struct Evaluated {
    s3_name: String,
    owner: Option<String>,
    statements: Vec<PolicyStatement>,
    who: BTreeSet<Who>,
}

impl Evaluated {
    /// `Err` with the reason when the policy cannot be evaluated.
    fn of(key: &ObjectKey, claim: &Object) -> Result<Evaluated, DocumentError> {
        let config = claim.value.pointer("/spec/additionalConfig");
        let field = |name: &str| config.and_then(|c| c.get(name));
        let statements = match field("bucketPolicy") {
            None => Vec::new(),
            Some(document) => access::document::statements(document)?,
        };
        let owner = field("bucketOwner")
            .and_then(Value::as_str)
            .map(str::to_string);
        let s3_name = claim
            .value
            .pointer("/spec/bucketName")
            .and_then(Value::as_str)
            .map(str::to_string);
        let facts = BucketFacts {
            name: key.name.clone(),
            namespace: key.namespace.clone(),
            s3_name: s3_name.clone(),
            owner: owner.clone(),
            origin: None,
        };
        let who = access::evaluate_bucket(facts, &statements)
            .principals
            .iter()
            .map(|p| Who::of(&p.principal))
            .collect();
        Ok(Evaluated {
            s3_name: s3_name.unwrap_or_default(),
            owner,
            statements,
            who,
        })
    }

    /// The actions of `group` that `who` may do at `scope`.
    fn allowed(&self, who: &Who, group: &[&str], scope: &Scope) -> BTreeSet<&'static str> {
        group
            .iter()
            .filter_map(|name| actions::full_name(name))
            .filter(|action| self.decide(who, action, scope).allowed)
            .collect()
    }

    /// The `Sid` of the statement that decides `action` for `who` at
    /// `scope`, if a statement does.
    fn deciding_sid(&self, who: &Who, action: &str, scope: &Scope) -> Option<String> {
        match self.decide(who, action, scope).reason {
            access::Reason::Statement(index) => self.statements.get(index).map(|s| s.sid.clone()),
            access::Reason::Owner | access::Reason::NoStatement => None,
        }
    }

    fn decide(&self, who: &Who, action: &str, scope: &Scope) -> access::Decision {
        let policy = BucketPolicy::new(&self.s3_name, &self.statements);
        let arn = match who {
            Who::User(user) => Some(access::user_arn(user)),
            Who::Arn(arn) => Some(arn.clone()),
            Who::GeneratedOwner | Who::Anyone => None,
            Who::OtherUser => Principal::OtherUser.arn(),
        };
        let owner = match who {
            Who::User(user) => self.owner.as_deref() == Some(user),
            Who::GeneratedOwner => self.owner.is_none(),
            Who::Arn(_) | Who::Anyone | Who::OtherUser => false,
        };
        let subject = Subject {
            arn: arn.as_deref(),
            owner,
        };
        policy.decide_at(subject, action, scope)
    }

    fn scopes(&self) -> Vec<Scope> {
        BucketPolicy::new(&self.s3_name, &self.statements)
            .scopes()
            .to_vec()
    }
}

pub fn findings(pair: &Pair, mode: Mode) -> Vec<Finding> {
    let mut out = Vec::new();
    for object in pair.objects.iter().filter(|o| o.key.kind == CLAIM) {
        if object.status == Status::Removed {
            continue;
        }
        let Some(new) = pair.new.get(&object.key) else {
            continue;
        };
        // A renamed claim is compared with the claim it replaces.
        let old = pair
            .old
            .get(&object.key)
            .or_else(|| pair.old.get(object.renamed.as_ref()?));
        let bucket = bucket_of(&new.value);
        let evaluated = |claim: &Object| Evaluated::of(&object.key, claim);
        let (before, after) = match (old.map(|o| evaluated(o)).transpose(), evaluated(new)) {
            (Ok(before), Ok(after)) => (before, after),
            (Err(why), _) | (_, Err(why)) => {
                out.push(
                    Finding::new(
                        Category::GrantsUnknown,
                        &object.key,
                        format!("the policy of {bucket} cannot be evaluated: {why}"),
                    )
                    .at(POLICY),
                );
                continue;
            }
        };
        out.extend(compare(&object.key, &bucket, before.as_ref(), &after, mode));
    }
    out
}

/// The grants that differ between the two sides of one bucket (`before`
/// is `None` for a new claim: nobody could do anything; for a renamed one
/// it is the claim it replaces).
fn compare(
    key: &ObjectKey,
    bucket: &str,
    before: Option<&Evaluated>,
    after: &Evaluated,
    mode: Mode,
) -> Vec<Finding> {
    let mut who: BTreeSet<Who> = after.who.clone();
    let mut scopes = after.scopes();
    if let Some(before) = before {
        who.extend(before.who.iter().cloned());
        for scope in before.scopes() {
            if !scopes.iter().any(|s| s.prefix == scope.prefix) {
                scopes.push(scope);
            }
        }
    }
    let prefixes: Vec<String> = scopes
        .iter()
        .filter_map(|s| s.prefix.as_ref().map(|p| format!("`{p}`")))
        .collect();
    let ask = |principal: &Who, names: &[&str], scope: &Scope| {
        let was = before
            .map(|b| b.allowed(principal, names, scope))
            .unwrap_or_default();
        (was, after.allowed(principal, names, scope))
    };
    let mut out = Vec::new();
    for principal in &who {
        // A new bucket's owner may do everything in it: no news.
        let owner = after.owner.as_deref().map(|o| Who::User(o.to_string()));
        let owns_new = before.is_none()
            && (owner.as_ref() == Some(principal) || *principal == Who::GeneratedOwner);
        if owns_new {
            continue;
        }
        for (group, names, _) in ACCESS_GROUPS {
            for scope in &scopes {
                let (was, is) = ask(principal, names, scope);
                // What `anyone` gains or loses, every other principal does
                // too: say it once.
                if was == is
                    || (*principal != Who::Anyone
                        && ask(&Who::Anyone, names, scope) == (was.clone(), is.clone()))
                {
                    continue;
                }
                let place = match &scope.prefix {
                    Some(prefix) => format!("`{prefix}`"),
                    None if prefixes.is_empty() => "the whole bucket".to_string(),
                    None => format!("the keys outside {}", prefixes.join(", ")),
                };
                let whom = principal.describe(after.owner.as_deref());
                let total = names.len();
                let mut found = change(key, bucket, mode, &whom, group, &place, &was, &is, total);
                // Shown at the statement that now allows or denies it.
                for finding in &mut found {
                    if *principal == Who::Anyone {
                        finding
                            .notes
                            .push("anyone is every request, signed in or anonymous".to_string());
                    }
                    let action = if finding.category == Category::GrantAdded {
                        is.difference(&was).next()
                    } else {
                        was.difference(&is).next()
                    };
                    if let Some(sid) = action.and_then(|a| after.deciding_sid(principal, a, scope))
                    {
                        finding.field = Some(format!("{POLICY}.Statement[{sid}]"));
                    }
                }
                out.extend(found);
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn change(
    key: &ObjectKey,
    bucket: &str,
    mode: Mode,
    whom: &str,
    group: &str,
    place: &str,
    was: &BTreeSet<&'static str>,
    is: &BTreeSet<&'static str>,
    total: usize,
) -> Vec<Finding> {
    let (now, no_longer) = match mode {
        Mode::Change => ("can now", "can no longer"),
        Mode::Drift => ("can, on the cluster,", "cannot, on the cluster,"),
    };
    let list = |actions: Vec<&&str>| {
        actions
            .iter()
            .map(|a| format!("`{a}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let added: Vec<&&str> = is.difference(was).collect();
    let removed: Vec<&&str> = was.difference(is).collect();
    let mut out = Vec::new();
    if !added.is_empty() {
        let mut message = format!("{whom} {now} {group} {place} in {bucket}");
        if is.len() < total {
            message.push_str(&format!(", in part: gains {}", list(added)));
        }
        out.push(Finding::new(Category::GrantAdded, key, message).at(POLICY));
    }
    if !removed.is_empty() {
        let mut message = format!("{whom} {no_longer} {group} {place} in {bucket}");
        if !is.is_empty() {
            message.push_str(&format!(", in part: loses {}", list(removed)));
        }
        out.push(Finding::new(Category::GrantRemoved, key, message).at(POLICY));
    }
    out
}
