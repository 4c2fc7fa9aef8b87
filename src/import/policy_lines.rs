//! Drafted policy statements as source lines: principals as user names
//! where a user of the inputs has the ARN, actions as access groups where
//! a whole group is there, and a comment for what is kept as written.

use std::collections::BTreeSet;

use super::policy::{Context, Draft};
use super::policy_form::Principal;
use super::write::{self, Line};
use crate::check::ACCESS_GROUPS;

/// Access groups whose every action is in `actions` (larger groups first),
/// and the actions left over.
pub fn words(actions: &BTreeSet<String>) -> (Vec<&'static str>, Vec<String>) {
    let mut left = actions.clone();
    let mut groups = Vec::new();
    let mut by_size: Vec<_> = ACCESS_GROUPS.iter().collect();
    by_size.sort_by_key(|(_, members, _)| std::cmp::Reverse(members.len()));
    for (group, members, _) in by_size {
        let full: Vec<String> = members.iter().map(|m| format!("s3:{m}")).collect();
        if full.iter().all(|a| left.contains(a)) {
            groups.push(*group);
            for action in &full {
                left.remove(action);
            }
        }
    }
    (groups, left.into_iter().collect())
}

/// The source line of a draft; `pending` comments go above it.
pub fn line(draft: &Draft, context: &Context, pending: &mut Vec<String>) -> Line {
    let mut kept = Vec::new();
    let mut unknown_arns = false;
    let principals: Vec<String> = match &draft.principal {
        Principal::Anyone => vec!["anyone".to_string()],
        Principal::Arns(arns) => {
            let mut users = Vec::new();
            let mut others = Vec::new();
            for arn in arns {
                match arn.strip_prefix("arn:aws:iam:::user/") {
                    Some(user)
                        if context.users.contains(user) && write::is_principal_name(user) =>
                    {
                        users.push(user.to_string())
                    }
                    _ => {
                        unknown_arns = true;
                        others.push(write::quote(arn));
                    }
                }
            }
            users.into_iter().chain(others).collect()
        }
    };
    let (groups, literals) = words(&draft.actions);
    if unknown_arns {
        kept.push("an ARN of no imported user");
    }
    if !literals.is_empty() {
        kept.push("actions that make no whole access group");
    }
    let mut text = format!(
        "{} {} {}",
        if draft.allow { "allow" } else { "deny" },
        write::one_or_list(&principals),
        groups
            .iter()
            .map(|g| g.to_string())
            .chain(literals.iter().map(|l| write::quote(l)))
            .collect::<Vec<_>>()
            .join(" ")
    );
    if !draft.patterns.is_empty() {
        let patterns: Vec<String> = draft.patterns.iter().map(|p| write::quote(p)).collect();
        text.push_str(&format!(" on {}", write::one_or_list(&patterns)));
    }
    Line {
        comments: std::mem::take(pending),
        text: Some(text),
        trailing: (!kept.is_empty())
            .then(|| format!("rookc import: kept as written: {}", kept.join("; "))),
    }
}
