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
    pub message: String,
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match &self.statement {
            Some(statement) => write!(f, "statement `{statement}`: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

/// The statements of a policy document, in document order.
pub fn statements(document: &Value) -> Result<Vec<PolicyStatement>, DocumentError> {
    let whole = |message: &str| DocumentError {
        statement: None,
        message: message.to_string(),
    };
    let Some(object) = document.as_object() else {
        return Err(whole("the policy is not a JSON object"));
    };
    let list = match object.get("Statement") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(single @ Value::Object(_)) => vec![single],
        Some(_) => return Err(whole("`Statement` is neither an object nor an array")),
        None => return Err(whole("the policy has no `Statement`")),
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
    let fail = |message: String| DocumentError {
        statement: Some(sid.clone()),
        message,
    };
    let Some(object) = value.as_object() else {
        return Err(fail("is not a JSON object".into()));
    };
    for unsupported in ["NotPrincipal", "NotAction", "NotResource"] {
        if object.contains_key(unsupported) {
            return Err(fail(format!("`{unsupported}` is not evaluated by rookc")));
        }
    }
    let allow = match object.get("Effect").and_then(Value::as_str) {
        Some("Allow") => true,
        Some("Deny") => false,
        _ => return Err(fail("`Effect` must be `Allow` or `Deny`".into())),
    };
    let principals = match object.get("Principal") {
        Some(Value::String(star)) if star == "*" => None,
        Some(Value::Object(map)) => {
            let mut arns = Vec::new();
            for (kind, value) in map {
                if kind != "AWS" {
                    return Err(fail(format!("principal kind `{kind}` is not evaluated")));
                }
                arns.extend(strings(value).map_err(|m| fail(format!("`Principal`: {m}")))?);
            }
            if arns.iter().any(|a| a == "*") {
                None
            } else {
                arns.sort();
                arns.dedup();
                Some(arns)
            }
        }
        _ => return Err(fail("`Principal` must be `*` or `{\"AWS\": ...}`".into())),
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

fn field(value: Option<&Value>, name: &str) -> Result<Vec<String>, String> {
    match value {
        Some(value) => strings(value).map_err(|m| format!("`{name}`: {m}")),
        None => Err(format!("the statement has no `{name}`")),
    }
}

/// A string or an array of strings.
fn strings(value: &Value) -> Result<Vec<String>, String> {
    match value {
        Value::String(text) => Ok(vec![text.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| "expected strings".to_string())
            })
            .collect(),
        _ => Err("expected a string or an array of strings".into()),
    }
}

/// `{"StringLike": {"s3:prefix": [...]}}`, the only condition rookc emits.
fn prefix_condition(condition: &Value) -> Result<Vec<String>, String> {
    let unsupported = || "only the condition `StringLike` on `s3:prefix` is evaluated".to_string();
    let map = condition.as_object().ok_or_else(unsupported)?;
    let [(operator, keys)] = map.iter().collect::<Vec<_>>()[..] else {
        return Err(unsupported());
    };
    let keys = keys.as_object().ok_or_else(unsupported)?;
    let [(key, values)] = keys.iter().collect::<Vec<_>>()[..] else {
        return Err(unsupported());
    };
    if operator != "StringLike" || key != "s3:prefix" {
        return Err(unsupported());
    }
    strings(values)
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
        assert!(statements(&document).is_err());
    }
}
