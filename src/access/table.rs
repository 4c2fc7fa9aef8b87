//! The human form of `rookc access`: per bucket one row per principal and
//! one column per access group, each cell a word (`yes`, `no`, `only
//! index/`, `yes except index/`, `partly`) with the statements that decide
//! it as footnotes, then notes on what listings reveal and on partial
//! groups.

use std::fmt::Write;

use super::{
    AccessReport, BucketAccess, GroupAccess, Principal, Reason, SecretKind, UserAccess, Verdict,
};
use crate::diag::position::display_path;
use crate::source::SourceMap;

/// Every bucket's table.
pub fn human(sources: &SourceMap, report: &AccessReport) -> String {
    let mut out = String::new();
    for (index, bucket) in report.buckets.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str(&bucket_table(sources, bucket, None));
    }
    out
}

/// One user's rows across the buckets.
pub fn user_human(sources: &SourceMap, view: &UserAccess) -> String {
    let mut out = format!("user {}, whose keys are in:\n", view.user);
    for secret in &view.secrets {
        let namespace = secret.namespace.as_deref().unwrap_or("default");
        let why = match secret.why {
            SecretKind::UserSecret => "the user's own Secret",
            SecretKind::ClaimOfOwnedBucket => "the claim of a bucket it owns",
        };
        let _ = writeln!(out, "  Secret {namespace}/{} ({why})", secret.name);
    }
    for bucket in &view.buckets {
        out.push('\n');
        out.push_str(&bucket_table(sources, bucket, Some(&view.user)));
    }
    out
}

fn bucket_table(sources: &SourceMap, bucket: &BucketAccess, one_user: Option<&str>) -> String {
    let facts = &bucket.facts;
    let mut about = Vec::new();
    if let Some(namespace) = &facts.namespace {
        about.push(format!("namespace {namespace}"));
    }
    match &facts.s3_name {
        Some(name) => about.push(format!("S3 name {name}")),
        None => about.push("generated S3 name".to_string()),
    }
    if let Some(span) = facts.origin {
        let line = sources.line_col(span.file, span.start).0;
        about.push(format!("{}:{line}", display_path(sources, span.file)));
    }
    let mut out = format!("bucket {} ({})\n", facts.name, about.join(", "));
    if one_user.is_none() {
        let secret = format!(
            "Secret {}/{}",
            facts.namespace.as_deref().unwrap_or("default"),
            facts.name
        );
        let _ = match &facts.owner {
            Some(owner) => writeln!(out, "  owner {owner}; its keys are also in {secret}"),
            None => writeln!(
                out,
                "  owner: the claim's generated user, whose keys are in {secret}"
            ),
        };
    }
    let mut notes = Notes::default();
    let mut rows: Vec<Vec<String>> = vec![std::iter::once(String::new())
        .chain(
            bucket
                .principals
                .first()
                .into_iter()
                .flat_map(|r| r.groups.iter().map(|g| g.group.to_string())),
        )
        .collect()];
    for row in &bucket.principals {
        let who = match (&row.principal, one_user) {
            (Principal::OtherUser, Some(user)) => format!("{user} (not named)"),
            (principal, _) => principal_label(principal),
        };
        let mut cells = vec![who.clone()];
        for group in &row.groups {
            cells.push(cell(bucket, group, &mut notes));
            notes.group(&who, bucket, group);
        }
        rows.push(cells);
    }
    out.push_str(&align(&rows));
    for (number, key) in notes.footnotes.iter().enumerate() {
        let _ = writeln!(
            out,
            "  [{}] {}",
            number + 1,
            footnote(sources, bucket, *key)
        );
    }
    for note in &notes.lines {
        let _ = writeln!(out, "  note: {note}");
    }
    out
}

fn principal_label(principal: &Principal) -> String {
    match principal {
        Principal::Owner(Some(user)) => format!("{user} (owner)"),
        Principal::Owner(None) => "claim user (owner)".to_string(),
        Principal::User(user) => user.clone(),
        Principal::Arn(arn) => arn.clone(),
        Principal::Anyone => "anyone".to_string(),
        Principal::OtherUser => "any other user".to_string(),
    }
}

/// Footnotes (statement indexes, the first of each source statement) and
/// notes, in the order first needed.
#[derive(Default)]
struct Notes {
    footnotes: Vec<usize>,
    lines: Vec<String>,
}

impl Notes {
    /// The footnote number of statement `index`, sharing one per source
    /// statement (its `-objects` and `-bucket` parts).
    fn number(&mut self, bucket: &BucketAccess, index: usize) -> usize {
        let same = |a: usize, b: usize| match (bucket.statements.get(a), bucket.statements.get(b)) {
            (Some(x), Some(y)) => match (x.origin, y.origin) {
                (Some(p), Some(q)) => p == q,
                _ => a == b,
            },
            _ => a == b,
        };
        if let Some(position) = self.footnotes.iter().position(|&k| same(k, index)) {
            return position + 1;
        }
        self.footnotes.push(index);
        self.footnotes.len()
    }

    fn group(&mut self, who: &str, bucket: &BucketAccess, group: &GroupAccess) {
        if let Some(listing) = &group.listing {
            if group.group == "list" && !listing.denied_but_visible.is_empty() {
                let prefixes = listing.denied_but_visible.join(", ");
                self.lines.push(format!("{who}: listings asking for {prefixes} are denied; key names under {prefixes} are still visible to an unprefixed listing"));
            }
        }
        for access in group
            .scopes
            .iter()
            .filter(|s| s.verdict == Verdict::Partial)
        {
            let place = match bucket
                .scopes
                .get(access.scope)
                .and_then(|s| s.prefix.as_deref())
            {
                Some(prefix) => format!("under {prefix}"),
                None => "in the rest of the bucket".to_string(),
            };
            let names = |allowed: bool| {
                access
                    .actions
                    .iter()
                    .filter(|(_, d)| d.allowed == allowed)
                    .map(|(a, _)| *a)
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            self.lines.push(format!(
                "{who}: {} {place}: allowed {}; denied {}",
                group.group,
                names(true),
                names(false)
            ));
        }
    }
}

fn cell(bucket: &BucketAccess, group: &GroupAccess, notes: &mut Notes) -> String {
    let prefix_of = |index: usize| bucket.scopes.get(index).and_then(|s| s.prefix.clone());
    let rest = group
        .scopes
        .iter()
        .find(|s| prefix_of(s.scope).is_none())
        .map(|s| s.verdict);
    let at = |verdict: Verdict| -> Vec<String> {
        group
            .scopes
            .iter()
            .filter(|s| s.verdict == verdict)
            .filter_map(|s| prefix_of(s.scope))
            .collect()
    };
    let partly = |mut list: Vec<String>| {
        list.extend(
            at(Verdict::Partial)
                .into_iter()
                .map(|p| format!("{p} partly")),
        );
        list.join(", ")
    };
    let mut text = match (group.summary, rest) {
        (super::Summary::Allowed, _) => "yes".to_string(),
        (super::Summary::Denied, _) => "no".to_string(),
        (super::Summary::Limited, Some(Verdict::Allowed)) => {
            format!("yes except {}", partly(at(Verdict::Denied)))
        }
        (super::Summary::Limited, Some(Verdict::Partial)) => "partly".to_string(),
        (super::Summary::Limited, Some(Verdict::Denied) | None) => {
            format!("only {}", partly(at(Verdict::Allowed)))
        }
    };
    let mut numbers: Vec<usize> = group
        .scopes
        .iter()
        .flat_map(|s| &s.actions)
        .filter_map(|(_, decision)| match decision.reason {
            Reason::Statement(index) => Some(index),
            Reason::Owner | Reason::NoStatement => None,
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|index| notes.number(bucket, index))
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    if !numbers.is_empty() {
        let list: Vec<String> = numbers.iter().map(usize::to_string).collect();
        let _ = write!(text, " [{}]", list.join(","));
    }
    text
}

fn footnote(sources: &SourceMap, bucket: &BucketAccess, index: usize) -> String {
    let Some(statement) = bucket.statements.get(index) else {
        return String::new();
    };
    match statement.origin {
        Some(span) => {
            let line = sources.line_col(span.file, span.start).0;
            let text = without_annotations(sources.slice(span))
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            format!("{}:{line}  {text}", display_path(sources, span.file))
        }
        None => {
            let effect = if statement.allow { "Allow" } else { "Deny" };
            format!("statement {} ({effect})", statement.sid)
        }
    }
}

/// The statement without the `@allow(...)` lines before it.
fn without_annotations(mut text: &str) -> &str {
    while let Some(rest) = text.trim_start().strip_prefix('@') {
        text = rest.split_once(')').map_or("", |(_, after)| after);
    }
    text.trim()
}

/// Columns padded to their widest cell, two spaces apart, indented.
fn align(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::from("  ");
        for (column, text) in row.iter().enumerate() {
            line.push_str(text);
            if column + 1 < row.len() {
                let pad = widths[column] - text.chars().count() + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
