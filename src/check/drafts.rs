//! Policy statements drafted outside the parser: `rookc import` proposes
//! source statements and asks what they compile to, through the same
//! lowering the checker uses for written ones.

use std::collections::BTreeSet;
use std::fmt;

use super::policy::{group_actions, is_principal_arn, literal_action, split_statement, Actions};
use crate::diag::Code;
use crate::model::PolicyStatement;
use crate::source::{Span, Spanned};

/// Why a drafted statement does not compile: what the checker would
/// report first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    /// A key pattern (`""` or `"*"`) that covers the whole bucket, which
    /// the language writes by leaving out `on`.
    WholeBucketPattern(String),
    /// An action word the checker rejects, with the diagnostic's code and
    /// message.
    Action { code: Code, message: String },
    /// A principal that is not an IAM ARN RGW accepts.
    NotAPrincipal(String),
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftError::WholeBucketPattern(pattern) => {
                write!(f, "the key pattern `{pattern}` covers the whole bucket")
            }
            DraftError::Action { message, .. } => f.write_str(message),
            DraftError::NotAPrincipal(arn) => {
                write!(f, "`{arn}` is not an IAM principal RGW accepts")
            }
        }
    }
}

impl std::error::Error for DraftError {}

/// An action word of a statement drafted outside the parser (`rookc
/// import`): an access group or a literal action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftAction<'a> {
    Group(&'a str),
    Literal(&'a str),
}

/// What a source statement compiles to, for a statement drafted outside
/// the parser (`rookc import` tests its drafts with it): the JSON
/// statements, or the first error the checker would report.
/// `principals` is `None` for `anyone`, else IAM ARNs (a declared user `u`
/// is `arn:aws:iam:::user/u`); `patterns` are the key patterns after `on`.
pub fn draft_statement(
    number: usize,
    allow: bool,
    principals: Option<Vec<String>>,
    actions: &[DraftAction],
    patterns: &[String],
    bucket: &str,
) -> Result<Vec<PolicyStatement>, DraftError> {
    let span = Span::new(crate::source::FileId(0), 0, 0);
    if let Some(pattern) = patterns.iter().find(|p| p.is_empty() || *p == "*") {
        return Err(DraftError::WholeBucketPattern(pattern.clone()));
    }
    let limited = !patterns.is_empty();
    let mut lowered = Actions::default();
    for action in actions {
        let result = match action {
            DraftAction::Group(name) => {
                group_actions(&Spanned::new(name.to_string(), span), &mut lowered)
            }
            DraftAction::Literal(text) => {
                literal_action(&Spanned::new(text.to_string(), span), limited, &mut lowered)
            }
        };
        result.map_err(|diagnostic| DraftError::Action {
            code: diagnostic.code,
            message: diagnostic.message,
        })?;
    }
    if let Some(arn) = principals
        .iter()
        .flatten()
        .find(|arn| !is_principal_arn(arn))
    {
        return Err(DraftError::NotAPrincipal(arn.clone()));
    }
    let principals = principals.map(|arns| {
        let sorted: BTreeSet<String> = arns.into_iter().collect();
        sorted.into_iter().collect()
    });
    Ok(split_statement(
        number, None, allow, principals, lowered, patterns, bucket,
    ))
}
