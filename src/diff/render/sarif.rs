//! `--format sarif`: a SARIF 2.1.0 log, one rule per finding category
//! (`rookc-diff/destructive`...), each result at the `.rook` line that
//! causes it when there is one, and always at the object (a logical
//! location `Kind/namespace/name`).

use serde_json::{json, Value};

use crate::diff::{Category, Finding, Report};

pub fn render(report: &Report) -> String {
    let rules: Vec<Value> = Category::ALL.iter().map(|c| rule(*c)).collect();
    let results: Vec<Value> = report.findings.iter().map(result).collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "rookc diff",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

fn rule_id(category: Category) -> String {
    format!("rookc-diff/{}", category.as_str())
}

fn level(category: Category) -> &'static str {
    match category {
        Category::Destructive | Category::PossiblyDestructive => "error",
        Category::Refused
        | Category::Ignored
        | Category::GrantsUnknown
        | Category::Undeclared
        | Category::Missing
        | Category::ChangedByHand => "warning",
        Category::GrantAdded | Category::GrantRemoved => "note",
    }
}

fn rule(category: Category) -> Value {
    json!({
        "id": rule_id(category),
        "name": category.as_str(),
        "shortDescription": { "text": category.summary() },
        "defaultConfiguration": { "level": level(category) },
    })
}

fn result(finding: &Finding) -> Value {
    let index = Category::ALL
        .iter()
        .position(|c| *c == finding.category)
        .unwrap_or(0);
    let mut message = finding.message.clone();
    for note in &finding.notes {
        message.push_str(&format!("\n{note}"));
    }
    let key = &finding.object;
    let name = match &key.namespace {
        Some(namespace) => format!("{}/{namespace}/{}", key.kind, key.name),
        None => format!("{}/{}", key.kind, key.name),
    };
    let mut location = json!({
        "logicalLocations": [{ "fullyQualifiedName": name, "kind": "resource" }],
    });
    if let Some(place) = &finding.location {
        location["physicalLocation"] = json!({
            "artifactLocation": { "uri": place.file },
            "region": {
                "startLine": place.line,
                "startColumn": place.column,
                "endLine": place.end_line,
                "endColumn": place.end_column,
            }
        });
    }
    json!({
        "ruleId": rule_id(finding.category),
        "ruleIndex": index,
        "level": level(finding.category),
        "message": { "text": message },
        "locations": [location],
    })
}
