//! `--format json`: one JSON document, our own schema (docs/diff.md, `rookc
//! diff`): `version`, `mode`, `old`, `new`, `summary`, `findings`,
//! `objects`.

use serde_json::{json, Value};

use super::{count, counts};
use crate::diff::{Category, Finding, Location, ObjectDiff, ObjectKey, Report, Status};

/// The schema's version; bumped only when a field changes meaning or goes.
pub const VERSION: u32 = 1;

pub fn render(report: &Report) -> String {
    let (added, removed, changed) = counts(report);
    let mut by_category = serde_json::Map::new();
    for category in Category::ALL {
        by_category.insert(
            category.as_str().to_string(),
            json!(count(report, category)),
        );
    }
    let document = json!({
        "version": VERSION,
        "mode": report.mode,
        "old": report.old_label,
        "new": report.new_label,
        "summary": {
            "added": added,
            "removed": removed,
            "changed": changed,
            "unchanged": report.unchanged,
            "unmanaged": report.unmanaged,
            "findings": by_category,
        },
        "findings": report.findings.iter().map(finding).collect::<Vec<_>>(),
        "objects": report.objects.iter().map(object).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

pub fn key(key: &ObjectKey) -> Value {
    json!({ "kind": key.kind, "namespace": key.namespace, "name": key.name })
}

fn location(place: &Option<Location>) -> Value {
    match place {
        Some(place) => json!({
            "file": place.file,
            "line": place.line,
            "column": place.column,
            "endLine": place.end_line,
            "endColumn": place.end_column,
        }),
        None => Value::Null,
    }
}

fn finding(finding: &Finding) -> Value {
    json!({
        "category": finding.category,
        "object": key(&finding.object),
        "field": finding.field,
        "message": finding.message,
        "notes": finding.notes,
        "location": location(&finding.location),
    })
}

fn object(object: &ObjectDiff) -> Value {
    let (status, changes) = match &object.status {
        Status::Added => ("added", Vec::new()),
        Status::Removed => ("removed", Vec::new()),
        Status::Changed(changes) => ("changed", changes.clone()),
    };
    json!({
        "kind": object.key.kind,
        "namespace": object.key.namespace,
        "name": object.key.name,
        "status": status,
        "renamed": object.renamed.as_ref().map(key),
        "location": location(&object.location),
        "changes": changes.iter().map(|c| json!({
            "field": c.path,
            "old": c.old,
            "new": c.new,
        })).collect::<Vec<_>>(),
    })
}
