//! A bucket policy document (the JSON of `additionalConfig.bucketPolicy`,
//! parsed) read into the model's statements, so that a policy exported from
//! a live cluster is evaluated by the same rules as one compiled from
//! source. It reads what RGW accepts of the shapes rookc and people write;
//! what the evaluator cannot decide (`NotPrincipal`, `NotAction`,
//! `NotResource`, conditions other than `StringLike` on `s3:prefix`) is an
//! error naming the statement, never a guess.

use std::fmt;

use serde_json::Value;

use crate::model::PolicyStatement;

/// Why a document cannot be evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentError {
    /// The statement's `Sid`, or `#N` (from 1) without one; `None` for the
    /// document itself.
    pub statement: Option<String>,
    pub problem: Problem,
}

/// What is wrong with a document or one of its statements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The document is not a JSON object.
    PolicyNotObject,
    /// `Statement` is a string, number or the like.
    StatementsNotList,
    NoStatements,
    /// A statement is not a JSON object.
    StatementNotObject,
    /// `NotPrincipal`, `NotAction` or `NotResource`.
    Unevaluated(&'static str),
    /// `Effect` is missing or neither `Allow` nor `Deny`.
    Effect,
    /// A principal kind other than `AWS` (`Federated`, `Service`...).
    PrincipalKind(String),
    /// `Principal` is neither `*` nor an object.
    PrincipalShape,
    /// A field that must hold strings does not.
    Field {
        name: &'static str,
        shape: Shape,
    },
    MissingField(&'static str),
    /// A condition other than `StringLike` on `s3:prefix`.
    Condition,
    /// The `s3:prefix` values of the condition are not strings.
    PrefixValues(Shape),
}

/// How a value that must be a string or a list of strings is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// An array with an item that is not a string.
    NotStrings,
    /// Neither a string nor an array.
    NotStringOrArray,
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match &self.statement {
            Some(statement) => write!(f, "statement `{statement}`: {}", self.problem),
            None => write!(f, "{}", self.problem),
        }
    }
}

impl std::error::Error for DocumentError {}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Problem::PolicyNotObject => f.write_str("the policy is not a JSON object"),
            Problem::StatementsNotList => {
                f.write_str("`Statement` is neither an object nor an array")
            }
            Problem::NoStatements => f.write_str("the policy has no `Statement`"),
            Problem::StatementNotObject => f.write_str("is not a JSON object"),
            Problem::Unevaluated(key) => write!(f, "`{key}` is not evaluated by rookc"),
            Problem::Effect => f.write_str("`Effect` must be `Allow` or `Deny`"),
            Problem::PrincipalKind(kind) => write!(f, "principal kind `{kind}` is not evaluated"),
            Problem::PrincipalShape => f.write_str("`Principal` must be `*` or `{\"AWS\": ...}`"),
            Problem::Field { name, shape } => write!(f, "`{name}`: {shape}"),
            Problem::MissingField(name) => write!(f, "the statement has no `{name}`"),
            Problem::Condition => {
                f.write_str("only the condition `StringLike` on `s3:prefix` is evaluated")
            }
            Problem::PrefixValues(shape) => write!(f, "{shape}"),
        }
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Shape::NotStrings => "expected strings",
            Shape::NotStringOrArray => "expected a string or an array of strings",
        })
    }
}

/// The statements of a policy document, in document order.
pub fn statements(document: &Value) -> Result<Vec<PolicyStatement>, DocumentError> {
    let whole = |problem| DocumentError {
        statement: None,
        problem,
    };
    let Some(object) = document.as_object() else {
        return Err(whole(Problem::PolicyNotObject));
    };
    let list = match object.get("Statement") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(single @ Value::Object(_)) => vec![single],
        Some(_) => return Err(whole(Problem::StatementsNotList)),
        None => return Err(whole(Problem::NoStatements)),
    };
    list.into_iter()
        .enumerate()
        .map(|(index, statement)| read_statement(index + 1, statement))
        .collect()
}

fn read_statement(number: usize, value: &Value) -> Result<PolicyStatement, DocumentError> {
    let sid = value
        .get("Sid")
        .and_then(Value::as_str)
        .map_or_else(|| format!("#{number}"), str::to_string);
    let fail = |problem| DocumentError {
        statement: Some(sid.clone()),
        problem,
    };
    let Some(object) = value.as_object() else {
        return Err(fail(Problem::StatementNotObject));
    };
    for unsupported in ["NotPrincipal", "NotAction", "NotResource"] {
        if object.contains_key(unsupported) {
            return Err(fail(Problem::Unevaluated(unsupported)));
        }
    }
    let allow = match object.get("Effect").and_then(Value::as_str) {
        Some("Allow") => true,
        Some("Deny") => false,
        _ => return Err(fail(Problem::Effect)),
    };
    let principals = match object.get("Principal") {
        Some(Value::String(star)) if star == "*" => None,
        Some(Value::Object(map)) => {
            let mut arns = Vec::new();
            for (kind, value) in map {
                if kind != "AWS" {
                    return Err(fail(Problem::PrincipalKind(kind.clone())));
                }
                arns.extend(strings(value).map_err(|shape| {
                    fail(Problem::Field {
                        name: "Principal",
                        shape,
                    })
                })?);
            }
            if arns.iter().any(|a| a == "*") {
                None
            } else {
                arns.sort();
                arns.dedup();
                Some(arns)
            }
        }
        _ => return Err(fail(Problem::PrincipalShape)),
    };
    let actions = field(object.get("Action"), "Action").map_err(fail)?;
    let resources = field(object.get("Resource"), "Resource").map_err(fail)?;
    let list_prefixes = match object.get("Condition") {
        None => Vec::new(),
        Some(condition) => prefix_condition(condition).map_err(fail)?,
    };
    Ok(PolicyStatement {
        sid,
        allow,
        principals,
        actions: actions.into_iter().map(Into::into).collect(),
        resources,
        list_prefixes,
        origin: None,
    })
}

fn field(value: Option<&Value>, name: &'static str) -> Result<Vec<String>, Problem> {
    match value {
        Some(value) => strings(value).map_err(|shape| Problem::Field { name, shape }),
        None => Err(Problem::MissingField(name)),
    }
}

/// A string or an array of strings.
fn strings(value: &Value) -> Result<Vec<String>, Shape> {
    match value {
        Value::String(text) => Ok(vec![text.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_string).ok_or(Shape::NotStrings))
            .collect(),
        _ => Err(Shape::NotStringOrArray),
    }
}

/// `{"StringLike": {"s3:prefix": [...]}}`, the only condition rookc emits.
fn prefix_condition(condition: &Value) -> Result<Vec<String>, Problem> {
    let map = condition.as_object().ok_or(Problem::Condition)?;
    let [(operator, keys)] = map.iter().collect::<Vec<_>>()[..] else {
        return Err(Problem::Condition);
    };
    let keys = keys.as_object().ok_or(Problem::Condition)?;
    let [(key, values)] = keys.iter().collect::<Vec<_>>()[..] else {
        return Err(Problem::Condition);
    };
    if operator != "StringLike" || key != "s3:prefix" {
        return Err(Problem::Condition);
    }
    strings(values).map_err(Problem::PrefixValues)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_what_rookc_emits() {
        let document = json!({"Version": "2012-10-17", "Statement": [
            {"Sid": "s1-bucket", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam:::user/grafana"]},
             "Action": ["s3:ListBucket"], "Resource": ["arn:aws:s3:::b"],
             "Condition": {"StringLike": {"s3:prefix": ["index/*"]}}},
            {"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::b/*"}
        ]});
        let statements = statements(&document).unwrap();
        assert_eq!(statements.len(), 2);
        assert_eq!(statements[0].list_prefixes, ["index/*"]);
        assert_eq!(statements[1].sid, "#2");
        assert_eq!(statements[1].principals, None);
        assert!(!statements[1].allow);
    }

    #[test]
    fn refuses_what_it_cannot_evaluate() {
        let document = json!({"Statement": {"Sid": "x", "Effect": "Allow", "Principal": "*",
            "NotAction": "s3:GetObject", "Resource": "*"}});
        let error = statements(&document).unwrap_err();
        assert_eq!(
            error.to_string(),
            "statement `x`: `NotAction` is not evaluated by rookc"
        );
        let document = json!({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
            "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}});
        assert_eq!(
            statements(&document).unwrap_err().problem,
            Problem::Condition
        );
    }
}
