//! `rookc access` output: `--format json` in the schema docs/access.md
//! documents (versioned, fields only ever added), and a compact table for
//! people. Statements are named by file and line (or by `Sid` when the
//! policy came from a manifest).

use serde::Serialize;

use super::{
    AccessReport, BucketAccess, GroupAccess, Principal, Reason, SecretKind, SecretRef,
    StatementRef, Summary, UserAccess, Verdict,
};
use crate::diag::position::display_path;
use crate::source::{SourceMap, Span};

/// The version of the JSON schema; raised only for an incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    user: Option<JsonUser<'a>>,
    buckets: Vec<JsonBucket<'a>>,
}

#[derive(Serialize)]
struct JsonUser<'a> {
    name: &'a str,
    secrets: Vec<JsonSecret<'a>>,
}

#[derive(Serialize)]
struct JsonSecret<'a> {
    namespace: Option<&'a str>,
    name: &'a str,
    why: &'static str,
}

#[derive(Serialize)]
struct JsonBucket<'a> {
    bucket: &'a str,
    namespace: Option<&'a str>,
    s3_name: Option<&'a str>,
    file: Option<String>,
    line: Option<usize>,
    owner: Option<&'a str>,
    /// The claim's Secret: it holds the owner's keys.
    owner_secret: JsonSecret<'a>,
    prefixes: Vec<&'a str>,
    statements: Vec<JsonStatement<'a>>,
    principals: Vec<JsonPrincipal<'a>>,
}

#[derive(Serialize)]
struct JsonStatement<'a> {
    sid: &'a str,
    effect: &'static str,
    file: Option<String>,
    line: Option<usize>,
}

#[derive(Serialize)]
struct JsonPrincipal<'a> {
    kind: &'static str,
    name: Option<&'a str>,
    arn: Option<String>,
    groups: Vec<JsonGroup<'a>>,
}

#[derive(Serialize)]
struct JsonGroup<'a> {
    group: &'static str,
    summary: &'static str,
    scopes: Vec<JsonScope<'a>>,
    listing: Option<JsonListing<'a>>,
}

#[derive(Serialize)]
struct JsonScope<'a> {
    prefix: Option<&'a str>,
    key: &'a str,
    list_prefix: Option<&'a str>,
    verdict: &'static str,
    actions: Vec<JsonAction<'a>>,
}

#[derive(Serialize)]
struct JsonAction<'a> {
    action: &'static str,
    allowed: bool,
    by: JsonReason<'a>,
}

#[derive(Serialize)]
struct JsonReason<'a> {
    reason: &'static str,
    sid: Option<&'a str>,
    file: Option<String>,
    line: Option<usize>,
}

#[derive(Serialize)]
struct JsonListing<'a> {
    unprefixed: bool,
    prefixes: &'a [String],
    denied_but_visible: &'a [String],
}

/// The report as one JSON document (with a final newline).
pub fn json(sources: &SourceMap, report: &AccessReport) -> String {
    to_json(&JsonReport {
        version: SCHEMA_VERSION,
        user: None,
        buckets: report
            .buckets
            .iter()
            .map(|b| json_bucket(sources, b))
            .collect(),
    })
}

/// One user's view as one JSON document.
pub fn user_json(sources: &SourceMap, view: &UserAccess) -> String {
    to_json(&JsonReport {
        version: SCHEMA_VERSION,
        user: Some(JsonUser {
            name: &view.user,
            secrets: view.secrets.iter().map(json_secret).collect(),
        }),
        buckets: view
            .buckets
            .iter()
            .map(|b| json_bucket(sources, b))
            .collect(),
    })
}

fn to_json(report: &JsonReport) -> String {
    // Plain structs of strings and numbers: serialising cannot fail.
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}

fn json_secret(secret: &SecretRef) -> JsonSecret<'_> {
    JsonSecret {
        namespace: secret.namespace.as_deref(),
        name: &secret.name,
        why: match secret.why {
            SecretKind::UserSecret => "user",
            SecretKind::ClaimOfOwnedBucket => "claim-of-owned-bucket",
        },
    }
}

fn place(sources: &SourceMap, span: Option<Span>) -> (Option<String>, Option<usize>) {
    match span {
        Some(span) => (
            Some(display_path(sources, span.file)),
            Some(sources.line_col(span.file, span.start).0),
        ),
        None => (None, None),
    }
}

fn json_bucket<'a>(sources: &SourceMap, bucket: &'a BucketAccess) -> JsonBucket<'a> {
    let facts = &bucket.facts;
    let (file, line) = place(sources, facts.origin);
    JsonBucket {
        bucket: &facts.name,
        namespace: facts.namespace.as_deref(),
        s3_name: facts.s3_name.as_deref(),
        file,
        line,
        owner: facts.owner.as_deref(),
        owner_secret: JsonSecret {
            namespace: facts.namespace.as_deref(),
            name: &facts.name,
            why: "claim",
        },
        prefixes: bucket
            .scopes
            .iter()
            .filter_map(|s| s.prefix.as_deref())
            .collect(),
        statements: bucket
            .statements
            .iter()
            .map(|s| {
                let (file, line) = place(sources, s.origin);
                JsonStatement {
                    sid: &s.sid,
                    effect: if s.allow { "Allow" } else { "Deny" },
                    file,
                    line,
                }
            })
            .collect(),
        principals: bucket
            .principals
            .iter()
            .map(|row| {
                let (kind, name) = principal_kind(&row.principal);
                JsonPrincipal {
                    kind,
                    name,
                    arn: row
                        .principal
                        .arn()
                        .filter(|_| row.principal != Principal::OtherUser),
                    groups: row
                        .groups
                        .iter()
                        .map(|g| json_group(sources, bucket, g))
                        .collect(),
                }
            })
            .collect(),
    }
}

fn principal_kind(principal: &Principal) -> (&'static str, Option<&str>) {
    match principal {
        Principal::Owner(name) => ("owner", name.as_deref()),
        Principal::User(name) => ("user", Some(name)),
        Principal::Arn(arn) => ("arn", Some(arn)),
        Principal::Anyone => ("anyone", None),
        Principal::OtherUser => ("other", None),
    }
}

fn json_group<'a>(
    sources: &SourceMap,
    bucket: &'a BucketAccess,
    group: &'a GroupAccess,
) -> JsonGroup<'a> {
    JsonGroup {
        group: group.group,
        summary: summary_word(group.summary),
        scopes: group
            .scopes
            .iter()
            .filter_map(|access| {
                let scope = bucket.scopes.get(access.scope)?;
                Some(JsonScope {
                    prefix: scope.prefix.as_deref(),
                    key: &scope.key,
                    list_prefix: scope.list_prefix.as_deref(),
                    verdict: verdict_word(access.verdict),
                    actions: access
                        .actions
                        .iter()
                        .map(|(action, decision)| JsonAction {
                            action,
                            allowed: decision.allowed,
                            by: json_reason(sources, &bucket.statements, decision.reason),
                        })
                        .collect(),
                })
            })
            .collect(),
        listing: group.listing.as_ref().map(|l| JsonListing {
            unprefixed: l.unprefixed,
            prefixes: &l.prefixes,
            denied_but_visible: &l.denied_but_visible,
        }),
    }
}

fn json_reason<'a>(
    sources: &SourceMap,
    statements: &'a [StatementRef],
    reason: Reason,
) -> JsonReason<'a> {
    match reason {
        Reason::Statement(index) => {
            let statement = statements.get(index);
            let (file, line) = place(sources, statement.and_then(|s| s.origin));
            JsonReason {
                reason: "statement",
                sid: statement.map(|s| s.sid.as_str()),
                file,
                line,
            }
        }
        Reason::Owner => JsonReason {
            reason: "owner",
            sid: None,
            file: None,
            line: None,
        },
        Reason::NoStatement => JsonReason {
            reason: "no-statement",
            sid: None,
            file: None,
            line: None,
        },
    }
}

pub(super) fn summary_word(summary: Summary) -> &'static str {
    match summary {
        Summary::Allowed => "allowed",
        Summary::Denied => "denied",
        Summary::Limited => "limited",
    }
}

pub(super) fn verdict_word(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Allowed => "allowed",
        Verdict::Denied => "denied",
        Verdict::Partial => "partial",
    }
}

pub use super::table::{human, user_human};
