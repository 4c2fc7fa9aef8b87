//! Bucket policy JSON to `policy { ... }` statements.
//!
//! Statements are taken in order. Two statements that rookc itself split
//! from one source statement (`s<N>-objects` then `s<N>-bucket`, or a pair
//! without rookc Sids with the same effect and principal, key resources
//! first and the bucket second) are first tried as one source statement.
//! Every draft is compiled with the checker's own policy lowering and kept
//! only when it gives back exactly the grants of the JSON it stands for
//! (see `policy_form`); otherwise the statement is tried as an object part
//! and a bucket part. A statement no draft reproduces makes the whole
//! policy inexpressible: dropping one statement could grant more.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::fields::show;
use super::json_shapes::Unwritable;
use super::policy_form::{self, Grant, Principal, ResourceKind, Statement};
use super::policy_lines::{line, words};
use super::write::Line;
use crate::check::{draft_statement, DraftAction};

/// What import makes of a policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Statements that compile back to the same grants, and warnings about
    /// what was left out or changed.
    Statements {
        lines: Vec<Line>,
        warnings: Vec<String>,
    },
    /// The language cannot write the policy; why.
    Kept(String),
}

/// What the policy's statements may refer to.
pub struct Context<'a> {
    /// The bucket's S3 name.
    pub bucket: &'a str,
    /// Users of the bucket's store that the imported source declares.
    pub users: &'a BTreeSet<String>,
}

/// One source statement to be.
#[derive(Debug, Clone)]
pub struct Draft {
    pub allow: bool,
    pub principal: Principal,
    pub actions: BTreeSet<String>,
    /// Key patterns as the source writes them; empty for the whole bucket.
    pub patterns: Vec<String>,
}

pub fn import(text: &str, context: &Context) -> Outcome {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => return Outcome::Kept(format!("it is not JSON ({error})")),
    };
    let document = match policy_form::parse(&value) {
        Ok(document) => document,
        Err(why) => return Outcome::Kept(why.to_string()),
    };
    let mut warnings = Vec::new();
    if document.version != Some(json!("2012-10-17")) {
        let written = document
            .version
            .as_ref()
            .map_or("no Version".to_string(), |v| format!("Version {}", show(v)));
        warnings.push(format!(
            "the policy has {written}; rookc writes \"2012-10-17\""
        ));
    }
    if let Some(id) = &document.id {
        warnings.push(format!(
            "the policy's Id {} is left out: the language has no place for it",
            show(id)
        ));
    }
    let raw: Vec<&Value> = match &value["Statement"] {
        Value::Array(items) => items.iter().collect(),
        one => vec![one],
    };
    let statements = &document.statements;
    let mut lines = Vec::new();
    let mut comments = Vec::new();
    let mut index = 0;
    while index < statements.len() {
        if let Some(next) = statements.get(index + 1) {
            if pairable(&statements[index], next) {
                if let Ok(drafts) = express(&[&statements[index], next], context) {
                    lines.extend(drafts.iter().map(|d| line(d, context, &mut comments)));
                    index += 2;
                    continue;
                }
            }
        }
        let statement = &statements[index];
        let name = policy_form::statement_name(raw[index], index);
        let grants = policy_form::grants(statement);
        if grants.is_empty() {
            warnings.push(format!("{name} never applies (RGW checks key actions against key ARNs and bucket actions against the bucket ARN), and is left out"));
            comments.push(format!(
                "rookc import: left out, never applies: {}",
                raw[index]
            ));
            index += 1;
            continue;
        }
        warnings.extend(dead_parts(&name, statement, &grants));
        match express(&[statement], context) {
            Ok(drafts) => lines.extend(drafts.iter().map(|d| line(d, context, &mut comments))),
            Err(why) => return Outcome::Kept(format!("{name} {why}")),
        }
        index += 1;
    }
    if lines.is_empty() {
        return Outcome::Kept("none of its statements ever applies".into());
    }
    if !comments.is_empty() {
        lines.push(Line {
            comments,
            text: None,
            trailing: None,
        });
    }
    Outcome::Statements { lines, warnings }
}

/// `s2-objects` is `(2, true)`, `s2-bucket` is `(2, false)`.
fn rookc_sid(sid: Option<&str>) -> Option<(usize, bool)> {
    let rest = sid?.strip_prefix('s')?;
    let (number, part) = rest.split_once('-')?;
    let number = number.parse().ok()?;
    match part {
        "objects" => Some((number, true)),
        "bucket" => Some((number, false)),
        _ => None,
    }
}

/// Whether two statements may be the two halves of one source statement.
fn pairable(first: &Statement, second: &Statement) -> bool {
    let kinds = |s: &Statement, kind| {
        s.resources
            .iter()
            .all(|r| policy_form::resource_kind(r) == kind)
    };
    let sids = match (
        rookc_sid(first.sid.as_deref()),
        rookc_sid(second.sid.as_deref()),
    ) {
        (Some((n, true)), Some((m, false))) => n == m,
        (None, None) => true,
        _ => false,
    };
    sids && first.allow == second.allow
        && first.principal == second.principal
        && first.condition.is_none()
        && kinds(first, ResourceKind::Object)
        && kinds(second, ResourceKind::Bucket)
}

/// Actions and resources of a statement that take part in no grant.
fn dead_parts(name: &str, statement: &Statement, grants: &BTreeSet<Grant>) -> Vec<String> {
    let mut out = Vec::new();
    for action in &statement.actions {
        let action = policy_form::canonical_action(action);
        if !grants.iter().any(|g| g.action == action) {
            out.push(format!(
                "{name}: `{action}` applies to none of its resources, and is left out"
            ));
        }
    }
    for resource in &statement.resources {
        if !grants.iter().any(|g| &g.resource == resource) {
            out.push(format!(
                "{name}: none of its actions applies to `{resource}`, which is left out"
            ));
        }
    }
    out
}

/// Source statements with exactly the grants of `unit`, or why there are
/// none.
fn express(unit: &[&Statement], context: &Context) -> Result<Vec<Draft>, Unwritable> {
    let grants: BTreeSet<Grant> = unit.iter().flat_map(|s| policy_form::grants(s)).collect();
    let bucket_arn = format!("arn:aws:s3:::{}", context.bucket);
    let key_prefix = format!("{bucket_arn}/");
    let (mut object_actions, mut patterns) = (BTreeSet::new(), BTreeSet::new());
    let (mut bucket_actions, mut conditions) = (BTreeSet::new(), BTreeSet::new());
    for grant in &grants {
        listing_prefixes(&grant.condition)?;
        match policy_form::resource_kind(&grant.resource) {
            ResourceKind::Object => {
                let pattern = grant
                    .resource
                    .strip_prefix(&key_prefix)
                    .ok_or_else(|| other_bucket(&grant.resource, context))?;
                if !grant.condition.is_empty() {
                    return Err(Unwritable::KeyCondition {
                        condition: grant.condition.clone(),
                    });
                }
                object_actions.insert(grant.action.clone());
                patterns.insert(pattern.to_string());
            }
            ResourceKind::Bucket if grant.resource == bucket_arn => {
                bucket_actions.insert(grant.action.clone());
                conditions.insert(grant.condition.clone());
            }
            ResourceKind::Bucket => return Err(other_bucket(&grant.resource, context)),
            ResourceKind::Other => {
                return Err(Unwritable::OtherResource {
                    resource: grant.resource.clone(),
                })
            }
        }
    }
    let prefixes = match conditions.len() {
        0 => Vec::new(),
        1 => listing_prefixes(conditions.first().map_or("", String::as_str))?,
        _ => return Err(Unwritable::MixedConditions),
    };
    let principal = unit[0].principal.clone();
    let allow = unit[0].allow;
    let draft = |actions: &BTreeSet<String>, patterns: Vec<String>| Draft {
        allow,
        principal: principal.clone(),
        actions: actions.clone(),
        patterns,
    };
    let object_patterns: Vec<String> = patterns.into_iter().collect();
    let whole = if object_patterns.is_empty() {
        prefixes.clone()
    } else {
        object_patterns.clone()
    };
    let all: BTreeSet<String> = object_actions.union(&bucket_actions).cloned().collect();
    let mut candidates = vec![vec![draft(&all, whole)]];
    if !object_actions.is_empty() && !bucket_actions.is_empty() {
        candidates.push(vec![
            draft(&object_actions, object_patterns),
            draft(&bucket_actions, prefixes),
        ]);
    }
    let mut why = Unwritable::OtherGrants;
    for mut candidate in candidates {
        match verify(&mut candidate, context, &grants) {
            Ok(true) => return Ok(candidate),
            Ok(false) => {}
            Err(error) => why = error,
        }
    }
    Err(why)
}

fn other_bucket(resource: &str, context: &Context) -> Unwritable {
    Unwritable::OtherBucket {
        resource: resource.to_string(),
        bucket: context.bucket.to_string(),
    }
}

/// The key patterns of rookc's listing condition, or why it is another one.
fn listing_prefixes(condition: &str) -> Result<Vec<String>, Unwritable> {
    if condition.is_empty() {
        return Ok(Vec::new());
    }
    let parsed: policy_form::Condition = serde_json::from_str(condition).unwrap_or_default();
    let other = || Unwritable::OtherCondition {
        condition: condition.to_string(),
    };
    let [(operator, keys)] = parsed.iter().collect::<Vec<_>>()[..] else {
        return Err(other());
    };
    let [(key, values)] = keys.iter().collect::<Vec<_>>()[..] else {
        return Err(other());
    };
    if operator != "StringLike" || key != "s3:prefix" {
        return Err(other());
    }
    values
        .iter()
        .map(|v| v.as_str().map(str::to_string).ok_or_else(other))
        .collect()
}

/// Turns the drafts' patterns into source patterns and checks that the
/// drafts compile to exactly `expected`.
fn verify(
    drafts: &mut [Draft],
    context: &Context,
    expected: &BTreeSet<Grant>,
) -> Result<bool, Unwritable> {
    let mut got = BTreeSet::new();
    for (index, draft) in drafts.iter_mut().enumerate() {
        draft.patterns = source_patterns(&draft.patterns)?;
        let principals = match &draft.principal {
            Principal::Anyone => None,
            Principal::Arns(arns) => Some(arns.clone()),
        };
        let (groups, literals) = words(&draft.actions);
        let actions: Vec<DraftAction> = groups
            .iter()
            .map(|g| DraftAction::Group(g))
            .chain(literals.iter().map(|l| DraftAction::Literal(l)))
            .collect();
        let statements = draft_statement(
            index + 1,
            draft.allow,
            principals,
            &actions,
            &draft.patterns,
            context.bucket,
        )
        .map_err(Unwritable::Lowering)?;
        for statement in &statements {
            got.extend(policy_form::grants(&policy_form::from_model(statement)));
        }
    }
    Ok(&got == expected)
}

/// `index/*` is written `index/` (rookc appends the `*`); a lone `*` is
/// the whole bucket, written without `on`.
fn source_patterns(patterns: &[String]) -> Result<Vec<String>, Unwritable> {
    if patterns.len() == 1 && patterns[0] == "*" {
        return Ok(Vec::new());
    }
    patterns
        .iter()
        .map(|pattern| match pattern.strip_suffix('*') {
            None => Err(Unwritable::SingleKey {
                pattern: pattern.clone(),
            }),
            Some("") => Err(Unwritable::EveryKeyAndPrefixes),
            Some(stem) if stem.ends_with('*') => Ok(pattern.clone()),
            Some(stem) => Ok(stem.to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests;
