//! One source statement to its JSON statements: object-level actions on
//! the key patterns, bucket-level ones on the bucket with listings
//! narrowed by `s3:prefix`.

use std::collections::BTreeSet;

use super::Actions;
use crate::model::PolicyStatement;
use crate::source::Span;

/// `index/` and `index/*` both mean every key under `index/`.
fn key_pattern(pattern: &str) -> String {
    if pattern.ends_with('*') {
        pattern.to_string()
    } else {
        format!("{pattern}*")
    }
}

/// The JSON statements of source statement `number`: object-level actions
/// on the key patterns (or every key), bucket-level ones on the bucket,
/// with listings narrowed to the patterns by `s3:prefix`. `principals` is
/// `None` for every principal, else the ARNs.
pub(in crate::check) fn split_statement(
    number: usize,
    origin: Option<Span>,
    allow: bool,
    principals: Option<Vec<String>>,
    actions: Actions,
    patterns: &[String],
    bucket: &str,
) -> Vec<PolicyStatement> {
    let bucket_arn = format!("arn:aws:s3:::{bucket}");
    let patterns: Vec<String> = patterns.iter().map(|p| key_pattern(p)).collect();
    let mut lowered = Vec::new();
    if !actions.object.is_empty() {
        let resources: BTreeSet<String> = if patterns.is_empty() {
            [format!("{bucket_arn}/*")].into()
        } else {
            patterns
                .iter()
                .map(|p| format!("{bucket_arn}/{p}"))
                .collect()
        };
        lowered.push(PolicyStatement {
            sid: format!("s{number}-objects"),
            allow,
            principals: principals.clone(),
            actions: actions.object.into_iter().collect(),
            resources: resources.into_iter().collect(),
            list_prefixes: Vec::new(),
            origin,
        });
    }
    if !actions.bucket.is_empty() {
        let prefixes: BTreeSet<String> = patterns.into_iter().collect();
        lowered.push(PolicyStatement {
            sid: format!("s{number}-bucket"),
            allow,
            principals,
            actions: actions.bucket.into_iter().collect(),
            resources: vec![bucket_arn],
            list_prefixes: prefixes.into_iter().collect(),
            origin,
        });
    }
    lowered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_patterns_cover_prefixes() {
        assert_eq!(key_pattern("index/"), "index/*");
        assert_eq!(key_pattern("index/*"), "index/*");
    }
}
