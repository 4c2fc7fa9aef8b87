//! `--format sarif`: a SARIF 2.1.0 log for code-scanning dashboards, with
//! rule metadata for every code rookc has.

use serde_json::{json, Value};

use super::position::{locate, Located};
use super::{explain, Code, Diagnostic, Severity};
use crate::source::SourceMap;

pub fn render(sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    let rules: Vec<Value> = Code::ALL.iter().map(|code| rule(*code)).collect();
    let results: Vec<Value> = diagnostics.iter().map(|d| result(sources, d)).collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "rookc",
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

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn rule(code: Code) -> Value {
    json!({
        "id": code.as_str(),
        "name": code.name(),
        "shortDescription": { "text": code.summary() },
        "fullDescription": { "text": explain::summary_paragraph(code) },
        "help": {
            "text": format!("Run `rookc explain {}` for an example and its fix.", code.as_str()),
            "markdown": explain::page(code),
        },
        "defaultConfiguration": { "level": level(code.severity()) },
    })
}

fn physical(place: &Located) -> Value {
    json!({
        "artifactLocation": { "uri": place.file },
        "region": {
            "startLine": place.start.line,
            "startColumn": place.start.column,
            "endLine": place.end.line,
            "endColumn": place.end.column,
        }
    })
}

fn result(sources: &SourceMap, diagnostic: &Diagnostic) -> Value {
    let index = Code::ALL
        .iter()
        .position(|c| *c == diagnostic.code)
        .unwrap_or(0);
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let related: Vec<Value> = diagnostic
        .secondary
        .iter()
        .enumerate()
        .map(|(id, label)| {
            json!({
                "id": id + 1,
                "physicalLocation": physical(&locate(sources, label)),
                "message": { "text": label.message },
            })
        })
        .collect();
    let mut result = json!({
        "ruleId": diagnostic.code.as_str(),
        "ruleIndex": index,
        "level": level(diagnostic.severity()),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": physical(&locate(sources, &diagnostic.primary)),
            "message": { "text": diagnostic.primary.message },
        }],
    });
    if !related.is_empty() {
        result["relatedLocations"] = Value::Array(related);
    }
    result
}
