//! One bucket's policy asked about whole access groups: the places worth
//! probing (every prefix the policy names, and the rest of the bucket), and
//! for each access group and place what a principal may do there.

use crate::check::actions::{self, Level, ACCESS_GROUPS, PREFIX_LISTINGS};
use crate::model::PolicyStatement;

use super::eval::{Decision, PolicyView, Request, Subject};

/// A place in the bucket: the keys under one prefix the policy names, or
/// the rest of the bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// The prefix as written in rook source (`index/`); `None` for the rest
    /// of the bucket.
    pub prefix: Option<String>,
    /// The key pattern of the policy (`index/*`); `None` for the rest.
    pub pattern: Option<String>,
    /// A key inside the prefix (outside every prefix, for the rest): what
    /// object-level actions are decided for.
    pub key: String,
    /// The listing's `prefix` parameter: the prefix itself, or `None` (a
    /// listing that asks for no prefix) for the rest.
    pub list_prefix: Option<String>,
}

/// How one place turns out for one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    Denied,
    /// Some actions of the group are allowed, others not.
    Partial,
}

/// How a whole group turns out across the bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Summary {
    /// Every action everywhere.
    Allowed,
    /// No action anywhere.
    Denied,
    /// Only under some prefixes, or only some of the group's actions.
    Limited,
}

/// One group at one place, action by action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeAccess {
    /// Index into [`BucketPolicy::scopes`].
    pub scope: usize,
    pub verdict: Verdict,
    /// `s3:` names of the group's actions, in the group's order.
    pub actions: Vec<(&'static str, Decision)>,
}

/// Which key names a listing can reveal to a principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// A listing that asks for no prefix is allowed: every key name shows.
    pub unprefixed: bool,
    /// The prefixes whose listings are allowed.
    pub prefixes: Vec<String>,
    /// Prefixes whose listings are denied while an unprefixed listing
    /// still shows their key names.
    pub denied_but_visible: Vec<String>,
}

/// One access group for one principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupAccess {
    pub group: &'static str,
    pub summary: Summary,
    pub scopes: Vec<ScopeAccess>,
    /// For the groups that list (`list`, `read`).
    pub listing: Option<Listing>,
}

/// A bucket's policy with its places to probe.
#[derive(Debug, Clone)]
pub struct BucketPolicy<'a> {
    view: PolicyView<'a>,
    scopes: Vec<Scope>,
}

impl<'a> BucketPolicy<'a> {
    /// `bucket` is the S3 name the resources name.
    pub fn new(bucket: &'a str, statements: &'a [PolicyStatement]) -> Self {
        let patterns = notable_patterns(bucket, statements);
        let mut scopes: Vec<Scope> = Vec::new();
        if let Some(key) = outside_key(&patterns) {
            scopes.push(Scope {
                prefix: None,
                pattern: None,
                key,
                list_prefix: None,
            });
        }
        for pattern in patterns {
            let stem: String = pattern
                .chars()
                .filter(|c| *c != '*')
                .map(|c| if c == '?' { 'x' } else { c })
                .collect();
            let key = if pattern.ends_with('*') {
                format!("{stem}probe")
            } else {
                stem.clone()
            };
            let prefix = pattern.strip_suffix('*').unwrap_or(&pattern).to_string();
            scopes.push(Scope {
                prefix: Some(prefix),
                pattern: Some(pattern),
                key,
                list_prefix: Some(stem),
            });
        }
        BucketPolicy {
            view: PolicyView { bucket, statements },
            scopes,
        }
    }

    pub fn statements(&self) -> &'a [PolicyStatement] {
        self.view.statements
    }

    pub fn scopes(&self) -> &[Scope] {
        &self.scopes
    }

    pub fn decide(&self, subject: Subject, request: Request) -> Decision {
        self.view.decide(subject, request)
    }

    /// `action` (`s3:Name`) at one place: object actions on its key,
    /// listings with its prefix parameter, other bucket actions as they are.
    pub fn decide_at(&self, subject: Subject, action: &str, scope: &Scope) -> Decision {
        let name = action.strip_prefix("s3:").unwrap_or(action);
        let request = match actions::lookup(name).map(|(_, level)| level) {
            Some(Level::Object) => Request::Object {
                action,
                key: &scope.key,
            },
            Some(Level::Bucket) if PREFIX_LISTINGS.contains(&name) => Request::Bucket {
                action,
                list_prefix: scope.list_prefix.as_deref(),
            },
            Some(Level::Bucket | Level::Account) | None => Request::Bucket {
                action,
                list_prefix: None,
            },
        };
        self.view.decide(subject, request)
    }

    /// The first place where `subject` may do `action`, with the decision.
    pub fn allowed_anywhere(&self, subject: Subject, action: &str) -> Option<Decision> {
        self.scopes
            .iter()
            .map(|scope| self.decide_at(subject, action, scope))
            .find(|decision| decision.allowed)
    }

    /// Every access group for `subject`.
    pub fn groups(&self, subject: Subject) -> Vec<GroupAccess> {
        ACCESS_GROUPS
            .iter()
            .map(|(group, names, _)| self.group(subject, group, names))
            .collect()
    }

    fn group(&self, subject: Subject, group: &'static str, names: &[&str]) -> GroupAccess {
        let scopes: Vec<ScopeAccess> = self
            .scopes
            .iter()
            .enumerate()
            .map(|(index, scope)| {
                let actions: Vec<(&'static str, Decision)> = names
                    .iter()
                    .filter_map(|name| actions::full_name(name))
                    .map(|action| (action, self.decide_at(subject, action, scope)))
                    .collect();
                let allowed = actions.iter().filter(|(_, d)| d.allowed).count();
                let verdict = match allowed {
                    0 => Verdict::Denied,
                    n if n == actions.len() => Verdict::Allowed,
                    _ => Verdict::Partial,
                };
                ScopeAccess {
                    scope: index,
                    verdict,
                    actions,
                }
            })
            .collect();
        let summary = if scopes.iter().all(|s| s.verdict == Verdict::Allowed) {
            Summary::Allowed
        } else if scopes.iter().all(|s| s.verdict == Verdict::Denied) {
            Summary::Denied
        } else {
            Summary::Limited
        };
        let lists = names.iter().any(|name| PREFIX_LISTINGS.contains(name));
        let listing = lists.then(|| self.listing(&scopes));
        GroupAccess {
            group,
            summary,
            scopes,
            listing,
        }
    }

    fn listing(&self, scopes: &[ScopeAccess]) -> Listing {
        let lists_at = |access: &ScopeAccess| {
            access.actions.iter().any(|(action, decision)| {
                decision.allowed
                    && PREFIX_LISTINGS.contains(&action.strip_prefix("s3:").unwrap_or(action))
            })
        };
        let mut listing = Listing {
            unprefixed: false,
            prefixes: Vec::new(),
            denied_but_visible: Vec::new(),
        };
        for access in scopes {
            let Some(scope) = self.scopes.get(access.scope) else {
                continue;
            };
            match &scope.prefix {
                None => listing.unprefixed = lists_at(access),
                Some(prefix) if lists_at(access) => listing.prefixes.push(prefix.clone()),
                Some(prefix) => listing.denied_but_visible.push(prefix.clone()),
            }
        }
        if !listing.unprefixed {
            listing.denied_but_visible.clear();
        }
        listing
    }
}

/// The key patterns the statements name (`index/*`), sorted, once each;
/// the whole bucket (`*`) is not one.
fn notable_patterns(bucket: &str, statements: &[PolicyStatement]) -> Vec<String> {
    let object_prefix = format!("arn:aws:s3:::{bucket}/");
    let mut patterns: Vec<String> = statements
        .iter()
        .flat_map(|s| {
            s.resources
                .iter()
                .filter_map(|r| r.strip_prefix(&object_prefix))
                .chain(s.list_prefixes.iter().map(String::as_str))
        })
        .filter(|p| !p.is_empty() && p.chars().any(|c| c != '*'))
        .map(str::to_string)
        .collect();
    patterns.sort();
    patterns.dedup();
    patterns
}

/// A key under none of the patterns, if there is one.
fn outside_key(patterns: &[String]) -> Option<String> {
    ["probe", "other/probe", "~probe", "0", "_"]
        .iter()
        .find(|key| !patterns.iter().any(|p| super::eval::glob(p, key)))
        .map(|key| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(
        allow: bool,
        actions: &[&str],
        resources: &[&str],
        prefixes: &[&str],
    ) -> PolicyStatement {
        PolicyStatement {
            sid: "s".into(),
            allow,
            principals: None,
            actions: actions.iter().map(|a| a.to_string().into()).collect(),
            resources: resources.iter().map(|r| r.to_string()).collect(),
            list_prefixes: prefixes.iter().map(|p| p.to_string()).collect(),
            origin: None,
        }
    }

    #[test]
    fn scopes_probe_inside_and_outside_each_prefix() {
        let statements = [
            statement(true, &["s3:GetObject"], &["arn:aws:s3:::b/probe*"], &[]),
            statement(true, &["s3:ListBucket"], &["arn:aws:s3:::b"], &["a?/*"]),
        ];
        let policy = BucketPolicy::new("b", &statements);
        let scopes = policy.scopes();
        assert_eq!(scopes[0].prefix, None);
        assert_eq!(scopes[0].key, "other/probe", "`probe` is under `probe*`");
        assert_eq!(scopes[1].prefix.as_deref(), Some("a?/"));
        assert_eq!(
            (scopes[1].key.as_str(), scopes[1].list_prefix.as_deref()),
            ("ax/probe", Some("ax/"))
        );
        assert_eq!(scopes[2].prefix.as_deref(), Some("probe"));
    }

    #[test]
    fn a_partial_group_is_limited() {
        let statements = [
            statement(true, &["s3:Delete*"], &["arn:aws:s3:::b/*"], &[]),
            statement(false, &["s3:DeleteObject"], &["arn:aws:s3:::b/*"], &[]),
        ];
        let policy = BucketPolicy::new("b", &statements);
        let anyone = Subject {
            arn: None,
            owner: false,
        };
        let groups = policy.groups(anyone);
        let delete = groups.iter().find(|g| g.group == "delete").expect("delete");
        assert_eq!(delete.summary, Summary::Limited);
        assert_eq!(delete.scopes[0].verdict, Verdict::Partial);
        assert!(policy
            .allowed_anywhere(anyone, "s3:DeleteObjectVersion")
            .is_some());
        assert!(policy.allowed_anywhere(anyone, "s3:DeleteObject").is_none());
    }
}
