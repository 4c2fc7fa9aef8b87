//! The bucket policy document, as compact canonical JSON: Version
//! 2012-10-17, statements in source order, sorted principals, actions and
//! resources. RGW stores the string verbatim and Rook re-applies it when
//! the text differs, so the same program must give the same bytes.

use std::borrow::Cow;

use serde::Serialize;

use crate::model::{Policy, PolicyStatement};

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Document<'a> {
    version: &'static str,
    statement: Vec<Statement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Statement<'a> {
    sid: &'a str,
    effect: &'static str,
    principal: Principal<'a>,
    action: &'a [Cow<'static, str>],
    resource: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    condition: Option<Condition<'a>>,
}

/// `{"StringLike": {"s3:prefix": [...]}}`: listings limited to prefixes.
#[derive(Serialize)]
struct Condition<'a> {
    #[serde(rename = "StringLike")]
    string_like: Prefixes<'a>,
}

#[derive(Serialize)]
struct Prefixes<'a> {
    #[serde(rename = "s3:prefix")]
    prefix: &'a [String],
}

#[derive(Serialize)]
#[serde(untagged)]
enum Principal<'a> {
    Anyone(&'static str),
    Users {
        #[serde(rename = "AWS")]
        aws: &'a [String],
    },
}

pub fn document(policy: &Policy) -> Document<'_> {
    Document {
        version: "2012-10-17",
        statement: policy.statements.iter().map(statement).collect(),
    }
}

fn statement(statement: &PolicyStatement) -> Statement<'_> {
    let condition = (!statement.list_prefixes.is_empty()).then(|| Condition {
        string_like: Prefixes {
            prefix: &statement.list_prefixes,
        },
    });
    Statement {
        sid: &statement.sid,
        effect: if statement.allow { "Allow" } else { "Deny" },
        principal: match &statement.principals {
            None => Principal::Anyone("*"),
            Some(arns) => Principal::Users { aws: arns },
        },
        action: &statement.actions,
        resource: &statement.resources,
        condition,
    }
}
