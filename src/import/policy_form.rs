//! Bucket policies as data. A policy document is read into statements, and
//! each statement into its grants: one (effect, principal, action,
//! resource, condition) for every combination that can apply. RGW checks
//! object actions against key ARNs and bucket actions against the bucket
//! ARN, so a combination of the other kind never applies and is left out;
//! this is how rookc splits a source statement. Two policies are equal as
//! data when their grants are (with the same Version and Id): statement
//! order, Sids, list order, duplicates, the case of known actions and
//! `{"AWS": "*"}` versus `"*"` do not matter.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::json_shapes::{PolicyShape, StatementShape};
use crate::check::actions::{self, Level};
use crate::model::PolicyStatement;

/// `Condition`: operator -> key -> values (sorted by their JSON text).
pub type Condition = BTreeMap<String, BTreeMap<String, Vec<Value>>>;

/// Who a statement is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Principal {
    Anyone,
    /// Sorted, distinct IAM ARNs.
    Arns(Vec<String>),
}

/// One statement in the shape rookc writes statements in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub sid: Option<String>,
    pub allow: bool,
    pub principal: Principal,
    pub actions: Vec<String>,
    pub resources: Vec<String>,
    pub condition: Option<Condition>,
}

/// A policy document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub version: Option<Value>,
    pub id: Option<Value>,
    pub statements: Vec<Statement>,
}

/// One combination a statement grants or denies.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Grant {
    pub allow: bool,
    /// `*` or an ARN.
    pub principal: String,
    pub action: String,
    pub resource: String,
    /// Compact JSON of the statement's condition, empty without one.
    pub condition: String,
}

impl std::fmt::Display for Grant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let effect = if self.allow { "Allow" } else { "Deny" };
        write!(
            f,
            "{effect} {} {} on {}",
            self.principal, self.action, self.resource
        )?;
        if !self.condition.is_empty() {
            write!(f, " if {}", self.condition)?;
        }
        Ok(())
    }
}

/// What a resource ARN names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResourceKind {
    /// `arn:aws:s3:::bucket`.
    Bucket,
    /// `arn:aws:s3:::bucket/key-pattern`.
    Object,
    /// Anything else (`*`, a pattern of buckets).
    Other,
}

pub fn resource_kind(resource: &str) -> ResourceKind {
    match resource.strip_prefix("arn:aws:s3:::") {
        Some(rest) if rest.contains('/') => ResourceKind::Object,
        Some(rest) if !rest.is_empty() && !actions::is_pattern(rest) => ResourceKind::Bucket,
        _ => ResourceKind::Other,
    }
}

/// A known action in rookc's spelling (`s3:getobject` is `s3:GetObject`);
/// patterns and unknown actions as written.
pub fn canonical_action(action: &str) -> String {
    match action.split_once(':') {
        Some((service, name))
            if service.eq_ignore_ascii_case("s3") && !actions::is_pattern(action) =>
        {
            match actions::lookup(name) {
                Some((canonical, _)) => format!("s3:{canonical}"),
                None => action.to_string(),
            }
        }
        _ => action.to_string(),
    }
}

/// The levels an action applies at; `None` when unknown (it may apply
/// anywhere).
fn levels(action: &str) -> Option<Vec<Level>> {
    let (service, name) = action.split_once(':').unwrap_or(("", action));
    if action == "*" || actions::is_pattern(action) {
        return Some(
            actions::matching(action)
                .into_iter()
                .map(|(_, l)| l)
                .collect(),
        );
    }
    if !actions::wildcard_match(service, "s3") {
        // iam: and sts: actions never apply to a bucket or its keys.
        return Some(Vec::new());
    }
    actions::lookup(name).map(|(_, level)| vec![level])
}

/// Whether `action` can ever apply to `resource`.
pub fn applies(action: &str, resource: &str) -> bool {
    let kind = resource_kind(resource);
    let Some(levels) = levels(action) else {
        return true;
    };
    match kind {
        ResourceKind::Other => true,
        ResourceKind::Object => levels.contains(&Level::Object),
        ResourceKind::Bucket => levels.contains(&Level::Bucket),
    }
}

/// Every combination of the statement that can apply.
pub fn grants(statement: &Statement) -> BTreeSet<Grant> {
    let principals: Vec<String> = match &statement.principal {
        Principal::Anyone => vec!["*".to_string()],
        Principal::Arns(arns) => arns.clone(),
    };
    let condition = statement
        .condition
        .as_ref()
        .map(|c| serde_json::to_string(c).unwrap_or_default())
        .unwrap_or_default();
    let mut out = BTreeSet::new();
    for principal in &principals {
        for action in &statement.actions {
            let action = canonical_action(action);
            for resource in &statement.resources {
                if applies(&action, resource) {
                    out.insert(Grant {
                        allow: statement.allow,
                        principal: principal.clone(),
                        action: action.clone(),
                        resource: resource.clone(),
                        condition: condition.clone(),
                    });
                }
            }
        }
    }
    out
}

/// A statement rookc emits, as data.
pub fn from_model(statement: &PolicyStatement) -> Statement {
    let condition = (!statement.list_prefixes.is_empty()).then(|| {
        let values = statement.list_prefixes.iter().map(|p| json!(p)).collect();
        BTreeMap::from([(
            "StringLike".to_string(),
            BTreeMap::from([("s3:prefix".to_string(), values)]),
        )])
    });
    Statement {
        sid: Some(statement.sid.clone()),
        allow: statement.allow,
        principal: match &statement.principals {
            None => Principal::Anyone,
            Some(arns) => Principal::Arns(arns.clone()),
        },
        actions: statement.actions.iter().map(|a| a.to_string()).collect(),
        resources: statement.resources.clone(),
        condition,
    }
}

fn json_text(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Reads a policy document; `Err` says why it is not in the shape rookc
/// writes (a `NotPrincipal`, an unknown key, a value of the wrong type).
pub fn parse(document: &Value) -> Result<Document, PolicyShape> {
    let Value::Object(map) = document else {
        return Err(PolicyShape::NotAnObject);
    };
    if let Some(key) = map
        .keys()
        .find(|k| !["Version", "Id", "Statement"].contains(&k.as_str()))
    {
        return Err(PolicyShape::Key { key: key.clone() });
    }
    let statements = match map.get("Statement") {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(index, item)| named_statement(item, index))
            .collect::<Result<_, _>>()?,
        Some(item @ Value::Object(_)) => vec![named_statement(item, 0)?],
        Some(_) => return Err(PolicyShape::StatementNotList),
        None => return Err(PolicyShape::NoStatement),
    };
    Ok(Document {
        version: map.get("Version").cloned(),
        id: map.get("Id").cloned(),
        statements,
    })
}

fn named_statement(item: &Value, index: usize) -> Result<Statement, PolicyShape> {
    parse_statement(item).map_err(|why| PolicyShape::Statement {
        name: statement_name(item, index),
        why,
    })
}

/// How a report names a statement: by its Sid, else by its position.
pub fn statement_name(statement: &Value, index: usize) -> String {
    match statement.get("Sid").and_then(Value::as_str) {
        Some(sid) => format!("statement `{sid}`"),
        None => format!("statement {}", index + 1),
    }
}

/// Reads one statement; `Err` completes "statement 2 ...".
pub fn parse_statement(value: &Value) -> Result<Statement, StatementShape> {
    let Value::Object(map) = value else {
        return Err(StatementShape::NotAnObject);
    };
    const KEYS: [&str; 6] = [
        "Sid",
        "Effect",
        "Principal",
        "Action",
        "Resource",
        "Condition",
    ];
    if let Some(key) = map.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(StatementShape::Key { key: key.clone() });
    }
    let allow = match map.get("Effect").and_then(Value::as_str) {
        Some("Allow") => true,
        Some("Deny") => false,
        _ => return Err(StatementShape::Effect),
    };
    let sid = match map.get("Sid") {
        None => None,
        Some(Value::String(sid)) => Some(sid.clone()),
        Some(_) => return Err(StatementShape::Sid),
    };
    Ok(Statement {
        sid,
        allow,
        principal: principal(map.get("Principal"))?,
        actions: strings(map.get("Action"), "Action")?,
        resources: strings(map.get("Resource"), "Resource")?,
        condition: map.get("Condition").map(condition).transpose()?,
    })
}

fn principal(value: Option<&Value>) -> Result<Principal, StatementShape> {
    match value {
        Some(Value::String(star)) if star == "*" => Ok(Principal::Anyone),
        Some(Value::Object(map)) => {
            if let Some(key) = map.keys().find(|k| *k != "AWS") {
                return Err(StatementShape::PrincipalKey { key: key.clone() });
            }
            let arns = strings(map.get("AWS"), "Principal")?;
            if arns.iter().any(|a| a == "*") {
                return Ok(Principal::Anyone);
            }
            let sorted: BTreeSet<String> = arns.into_iter().collect();
            Ok(Principal::Arns(sorted.into_iter().collect()))
        }
        Some(_) => Err(StatementShape::Principal),
        None => Err(StatementShape::NoPrincipal),
    }
}

/// A string or a non-empty list of strings.
fn strings(value: Option<&Value>, key: &'static str) -> Result<Vec<String>, StatementShape> {
    let items: Vec<&Value> = match value {
        Some(Value::Array(items)) if !items.is_empty() => items.iter().collect(),
        Some(item @ Value::String(_)) => vec![item],
        Some(_) => return Err(StatementShape::NotStrings { key }),
        None => return Err(StatementShape::Missing { key }),
    };
    items
        .into_iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect::<Option<Vec<_>>>()
        .ok_or(StatementShape::NotStrings { key })
}

fn condition(value: &Value) -> Result<Condition, StatementShape> {
    let Value::Object(operators) = value else {
        return Err(StatementShape::Condition);
    };
    let mut out = Condition::new();
    for (operator, keys) in operators {
        let Value::Object(keys) = keys else {
            return Err(StatementShape::Condition);
        };
        let entry = out.entry(operator.clone()).or_default();
        for (key, values) in keys {
            let list: Vec<&Value> = match values {
                Value::Array(items) => items.iter().collect(),
                one => vec![one],
            };
            let mut list: Vec<Value> = list.into_iter().cloned().collect();
            list.sort_by_key(json_text);
            list.dedup();
            entry.insert(key.clone(), list);
        }
    }
    Ok(out)
}

/// The form a `bucketPolicy` string is compared in: its Version, Id and
/// sorted grants; a policy that is not in rookc's shape compares as its
/// parsed JSON, and text that is not JSON as itself.
pub fn comparable(text: &str) -> Value {
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return Value::String(text.to_string());
    };
    let Ok(document) = parse(&value) else {
        return value;
    };
    let grants: BTreeSet<Grant> = document.statements.iter().flat_map(grants).collect();
    let mut out = serde_json::Map::new();
    if let Some(version) = document.version {
        out.insert("Version".into(), version);
    }
    if let Some(id) = document.id {
        out.insert("Id".into(), id);
    }
    out.insert(
        "grants".into(),
        Value::Array(
            grants
                .iter()
                .map(|g| Value::String(g.to_string()))
                .collect(),
        ),
    );
    Value::Object(out)
}

#[cfg(test)]
mod tests;
