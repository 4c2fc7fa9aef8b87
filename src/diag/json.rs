//! `--format json`: one JSON object per line and diagnostic, in our own
//! documented, stable schema (docs/ci.md, "Machine-readable output").
//! Fields are only ever added, never renamed or removed.

use serde::Serialize;

use super::position::{locate, Position};
use super::Diagnostic;
use crate::source::SourceMap;

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    file: String,
    start: Position,
    end: Position,
    labels: Vec<JsonLabel<'a>>,
    notes: &'a [String],
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    primary: bool,
    message: &'a str,
    file: String,
    start: Position,
    end: Position,
}

/// The diagnostics as JSON Lines.
pub fn render(sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let primary = locate(sources, &diagnostic.primary);
        let labels = std::iter::once((true, &diagnostic.primary))
            .chain(diagnostic.secondary.iter().map(|l| (false, l)))
            .map(|(primary, label)| {
                let place = locate(sources, label);
                JsonLabel {
                    primary,
                    message: &label.message,
                    file: place.file,
                    start: place.start,
                    end: place.end,
                }
            })
            .collect();
        let object = JsonDiagnostic {
            code: diagnostic.code.as_str(),
            name: diagnostic.code.name(),
            severity: diagnostic.severity().as_str(),
            message: &diagnostic.message,
            file: primary.file,
            start: primary.start,
            end: primary.end,
            labels,
            notes: &diagnostic.notes,
            help: diagnostic.help.as_deref(),
        };
        // Serialising these plain structs cannot fail.
        if let Ok(line) = serde_json::to_string(&object) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}
