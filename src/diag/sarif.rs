//! `--format sarif`: a SARIF 2.1.0 log for code-scanning dashboards, with
//! rule metadata for every code rookc has.

use serde::Serialize;
use serde_json::{json, Value};

use super::position::{locate, Located};
use super::{explain, Code, Diagnostic, Severity};
use crate::source::SourceMap;

pub fn render(sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    let rules: Vec<Value> = Code::ALL.iter().map(|code| rule(*code)).collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            column_kind: "unicodeCodePoints",
            results: diagnostics.iter().map(|d| result(sources, d)).collect(),
            tool: json!({
                "driver": {
                    "name": "rookc",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            }),
        }],
        version: "2.1.0",
    };
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

// Typed results rather than `json!` values: building and freeing a tree of
// maps per result made a large report several times slower than the
// others. Fields are in alphabetical order, the order `Value` wrote them.

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    column_kind: &'static str,
    results: Vec<SarifResult>,
    tool: Value,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    level: &'static str,
    locations: [Location; 1],
    message: Message,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    rule_id: &'static str,
    rule_index: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    message: Message,
    physical_location: Physical,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
    region: Region,
}

#[derive(Serialize)]
struct Artifact {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    end_column: usize,
    end_line: usize,
    start_column: usize,
    start_line: usize,
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

fn physical(place: Located) -> Physical {
    Physical {
        artifact_location: Artifact { uri: place.file },
        region: Region {
            end_column: place.end.column,
            end_line: place.end.line,
            start_column: place.start.column,
            start_line: place.start.line,
        },
    }
}

fn result(sources: &SourceMap, diagnostic: &Diagnostic) -> SarifResult {
    let index = Code::ALL
        .iter()
        .position(|c| *c == diagnostic.code)
        .unwrap_or(0);
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let location = |id, label: &crate::diag::Label| Location {
        id,
        message: Message {
            text: label.message.clone(),
        },
        physical_location: physical(locate(sources, label)),
    };
    SarifResult {
        level: level(diagnostic.severity()),
        locations: [location(None, &diagnostic.primary)],
        message: Message { text: message },
        related_locations: (diagnostic.secondary.iter().enumerate())
            .map(|(id, label)| location(Some(id + 1), label))
            .collect(),
        rule_id: diagnostic.code.as_str(),
        rule_index: index,
    }
}
