//! Policy statements drafted outside the parser: `rookc import` proposes
//! source statements and asks what they compile to, through the same
//! lowering the checker uses for written ones.

use std::collections::BTreeSet;

use super::policy::{group_actions, is_principal_arn, literal_action, split_statement, Actions};
use crate::model::PolicyStatement;
use crate::source::{Span, Spanned};

/// An action word of a statement drafted outside the parser (`rookc
/// import`): an access group or a literal action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftAction<'a> {
    Group(&'a str),
    Literal(&'a str),
}

/// What a source statement compiles to, for a statement drafted outside
/// the parser (`rookc import` tests its drafts with it): the JSON
/// statements, or the message of the first error the checker would report.
/// `principals` is `None` for `anyone`, else IAM ARNs (a declared user `u`
/// is `arn:aws:iam:::user/u`); `patterns` are the key patterns after `on`.
pub fn draft_statement(
    number: usize,
    allow: bool,
    principals: Option<Vec<String>>,
    actions: &[DraftAction],
    patterns: &[String],
    bucket: &str,
) -> Result<Vec<PolicyStatement>, String> {
    let span = Span::new(crate::source::FileId(0), 0, 0);
    if let Some(pattern) = patterns.iter().find(|p| p.is_empty() || *p == "*") {
        return Err(format!(
            "the key pattern `{pattern}` covers the whole bucket"
        ));
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
        result.map_err(|diagnostic| diagnostic.message)?;
    }
    if let Some(arn) = principals
        .iter()
        .flatten()
        .find(|arn| !is_principal_arn(arn))
    {
        return Err(format!("`{arn}` is not an IAM principal RGW accepts"));
    }
    let principals = principals.map(|arns| {
        let sorted: BTreeSet<String> = arns.into_iter().collect();
        sorted.into_iter().collect()
    });
    Ok(split_statement(
        number, None, allow, principals, lowered, patterns, bucket,
    ))
}
