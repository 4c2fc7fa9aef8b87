//! The report in each format: for people ([`human`]), our own JSON schema
//! ([`json`]), GitHub Actions annotations ([`github`]) and SARIF 2.1.0
//! ([`sarif`]).

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use serde_json::Value;

use super::{Category, Report, Status};

/// A value as one line: strings bare, anything else compact JSON.
pub fn show(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// How many objects were added, removed and changed.
pub fn counts(report: &Report) -> (usize, usize, usize) {
    let count =
        |wanted: fn(&Status) -> bool| report.objects.iter().filter(|o| wanted(&o.status)).count();
    (
        count(|s| matches!(s, Status::Added)),
        count(|s| matches!(s, Status::Removed)),
        count(|s| matches!(s, Status::Changed(_))),
    )
}

/// How many findings of a category.
pub fn count(report: &Report, category: Category) -> usize {
    report
        .findings
        .iter()
        .filter(|f| f.category == category)
        .count()
}

/// The heading of a category's findings.
pub fn heading(category: Category) -> &'static str {
    match category {
        Category::Destructive => "destructive",
        Category::PossiblyDestructive => "possibly destructive",
        Category::Refused => "refused by the controller or the API server",
        Category::Ignored => "accepted but without effect",
        Category::GrantAdded => "grants added",
        Category::GrantRemoved => "grants removed",
        Category::GrantsUnknown => "grants unknown",
        Category::Undeclared => "on the cluster, not declared",
        Category::Missing => "declared, not on the cluster",
        Category::ChangedByHand => "changed on the cluster by hand",
    }
}

/// The verbs of a mode: what an added, removed or changed object is.
pub fn verbs(report: &Report) -> [&'static str; 3] {
    match report.mode {
        super::Mode::Change => ["added", "removed", "changed"],
        super::Mode::Drift => ["undeclared", "missing", "changed by hand"],
    }
}
