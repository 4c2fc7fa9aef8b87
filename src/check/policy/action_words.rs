//! Action words of a statement: access groups (`read`, `write`...)
//! expanded to RGW actions, and literal actions (`"s3:GetObject"`,
//! `"s3:Get*"`) checked against what RGW supports, each put with the
//! object-level or the bucket-level actions.

// The rule functions return their diagnostic as the error value; it is the
// cold path, so its size does not matter.
#![allow(clippy::result_large_err)]

use std::borrow::Cow;

use super::Actions;
use crate::check::actions::{self, Level, ACCESS_GROUPS, PREFIX_LISTINGS, S3_ACTIONS};
use crate::check::suggest::did_you_mean;
use crate::diag::{Code, Diagnostic};
use crate::source::Spanned;

/// `s3:Name` for a known action: a shared string, not one per statement.
fn shared_name(name: &str) -> Cow<'static, str> {
    actions::full_name(name).map_or_else(|| Cow::Owned(format!("s3:{name}")), Cow::Borrowed)
}

pub(in crate::check) fn group_actions(
    name: &Spanned<String>,
    actions: &mut Actions,
) -> Result<(), Diagnostic> {
    let Some(group) = actions::access_group(&name.value) else {
        let groups: Vec<&str> = ACCESS_GROUPS.iter().map(|(g, _, _)| *g).collect();
        let exact = actions::lookup(&name.value)
            .map(|(canonical, _)| format!("did you mean the action `\"s3:{canonical}\"`?"));
        return Err(Diagnostic::new(
            Code::UnknownAction,
            format!("`{}` is not an access group", name.value),
            name.span,
            "unknown access group",
        )
        .with_optional_help(exact.or_else(|| did_you_mean(&name.value, groups.iter().copied()).map(|g| format!("did you mean `{g}`?"))))
        .with_note(format!(
            "the access groups are {}; other actions are written as strings, such as `\"s3:GetBucketLocation\"`",
            groups.iter().map(|g| format!("`{g}`")).collect::<Vec<_>>().join(", ")
        )));
    };
    for action in group {
        let full = shared_name(action);
        if PREFIX_LISTINGS.contains(action) {
            actions.bucket.insert(full);
        } else {
            actions.object.insert(full);
        }
    }
    Ok(())
}

pub(in crate::check) fn literal_action(
    text: &Spanned<String>,
    limited: bool,
    actions: &mut Actions,
) -> Result<(), Diagnostic> {
    let written = text.value.as_str();
    let (service, name) = written.split_once(':').unwrap_or(("", written));
    if written != "*" && !actions::wildcard_match(service, "s3") {
        return Err(if service == "iam" || service == "sts" {
            Diagnostic::new(Code::ActionResourceMismatch, format!("`{written}` is not an action on buckets"), text.span, "an IAM or STS action")
                .with_note("RGW parses iam: and sts: actions in bucket policies, but they never apply to a bucket or its objects")
        } else {
            let guess = actions::lookup(name).map(|(c, _)| format!("did you mean `\"s3:{c}\"`?"));
            Diagnostic::new(
                Code::UnknownAction,
                format!("`{written}` is not an S3 action"),
                text.span,
                "unknown action",
            )
            .with_optional_help(guess.or_else(|| {
                Some("S3 actions are written `\"s3:Name\"`, such as `\"s3:GetObject\"`".into())
            }))
        });
    }
    if actions::is_pattern(written) {
        let matches = actions::matching(written);
        if matches.is_empty() {
            return Err(Diagnostic::new(
                Code::UnknownAction,
                format!("`{written}` matches no action RGW supports"),
                text.span,
                "matches nothing",
            ));
        }
        let object = matches.iter().any(|(_, level)| *level == Level::Object);
        let bucket = matches.iter().any(|(name, level)| {
            *level == Level::Bucket && (!limited || PREFIX_LISTINGS.contains(name))
        });
        if !object && !bucket {
            let message = if limited {
                format!("`{written}` matches no action that can be limited to keys")
            } else {
                format!("`{written}` matches only actions that are not about one bucket")
            };
            return Err(Diagnostic::new(
                Code::ActionResourceMismatch,
                message,
                text.span,
                "grants nothing here",
            )
            .with_help(if limited {
                "move it to a statement without `on`"
            } else {
                "remove it: a bucket policy cannot grant these"
            }));
        }
        if object {
            actions.object.insert(Cow::Owned(written.to_string()));
        }
        if bucket {
            actions.bucket.insert(Cow::Owned(written.to_string()));
        }
        return Ok(());
    }
    let Some((canonical, level)) = actions::lookup(name) else {
        if let Some((action, group)) = actions::authorised_by(name) {
            return Err(Diagnostic::new(
                Code::UnknownAction,
                format!("`{written}` is an S3 request, not a policy action: it is authorised by `s3:{action}` (`{group}`)"),
                text.span,
                "not a policy action",
            )
            .with_help(format!("write `{group}`, or `\"s3:{action}\"` for that action alone")));
        }
        let known: Vec<&str> = S3_ACTIONS.iter().map(|(n, _)| *n).collect();
        return Err(Diagnostic::new(
            Code::UnknownAction,
            format!("`{written}` is not an action RGW supports in bucket policies"),
            text.span,
            "unknown action",
        )
        .with_optional_help(
            did_you_mean(name, known.iter().copied())
                .map(|n| format!("did you mean `\"s3:{n}\"`?")),
        ));
    };
    let full = shared_name(canonical);
    match level {
        Level::Object => {
            actions.object.insert(full);
        }
        Level::Bucket if !limited || PREFIX_LISTINGS.contains(&canonical) => {
            actions.bucket.insert(full);
        }
        Level::Bucket => {
            return Err(Diagnostic::new(
                Code::ActionResourceMismatch,
                format!("`{full}` is a bucket-level action and cannot be limited to keys"),
                text.span,
                "applies to the whole bucket",
            )
            .with_help("move it to a statement without `on`"));
        }
        Level::Account => {
            return Err(Diagnostic::new(
                Code::ActionResourceMismatch,
                format!("`{full}` is not about one bucket, so a bucket policy cannot grant it"),
                text.span,
                "not a bucket action",
            )
            .with_note("account-level actions and bucket creation are governed by user capabilities and quotas, not bucket policies"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Span};

    fn spanned(text: &str) -> Spanned<String> {
        Spanned::new(text.to_string(), Span::new(FileId(0), 0, text.len()))
    }

    #[test]
    fn groups_split_by_level() {
        let mut actions = Actions::default();
        group_actions(&spanned("read"), &mut actions).unwrap();
        assert!(actions.object.contains("s3:GetObject"));
        assert!(actions.bucket.contains("s3:ListBucket"));
        assert!(!actions.object.contains("s3:ListBucket"));
        assert!(group_actions(&spanned("reed"), &mut actions)
            .unwrap_err()
            .help
            .unwrap()
            .contains("`read`"));
    }

    #[test]
    fn literals_are_canonical_and_checked() {
        let mut actions = Actions::default();
        literal_action(&spanned("s3:getobject"), false, &mut actions).unwrap();
        assert!(actions.object.contains("s3:GetObject"));
        assert_eq!(
            literal_action(&spanned("s3:GetObjects"), false, &mut actions)
                .unwrap_err()
                .code,
            Code::UnknownAction
        );
        assert_eq!(
            literal_action(&spanned("s3:GetBucketPolicy"), true, &mut actions)
                .unwrap_err()
                .code,
            Code::ActionResourceMismatch
        );
        assert_eq!(
            literal_action(&spanned("s3:ListAllMyBuckets"), false, &mut actions)
                .unwrap_err()
                .code,
            Code::ActionResourceMismatch
        );
        assert_eq!(
            literal_action(&spanned("iam:CreateRole"), false, &mut actions)
                .unwrap_err()
                .code,
            Code::ActionResourceMismatch
        );
        literal_action(&spanned("s3:ListBucket"), true, &mut actions).unwrap();
        assert!(actions.bucket.contains("s3:ListBucket"));
    }

    #[test]
    fn wildcards_go_where_they_match() {
        let mut actions = Actions::default();
        literal_action(&spanned("s3:Get*"), true, &mut actions).unwrap();
        assert!(actions.object.contains("s3:Get*"));
        assert!(
            actions.bucket.is_empty(),
            "no listing matches Get*, and other bucket actions cannot be limited"
        );
        let mut actions = Actions::default();
        literal_action(&spanned("s3:*"), false, &mut actions).unwrap();
        assert!(actions.object.contains("s3:*") && actions.bucket.contains("s3:*"));
    }
}
