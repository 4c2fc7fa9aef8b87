//! Renders diagnostics for people, with codespan-reporting. The only module
//! that knows codespan.

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::{Ansi, NoColor};
use codespan_reporting::term::{self, Config};

use super::{Diagnostic, Severity};
use crate::source::SourceMap;

/// Renders `diagnostics` as text, with ANSI colours when `color` is set.
pub fn render(sources: &SourceMap, diagnostics: &[Diagnostic], color: bool) -> String {
    let mut files = SimpleFiles::new();
    for id in sources.ids() {
        let file = sources.get(id);
        files.add(file.path.display().to_string(), file.text.as_str());
    }
    let config = Config::default();
    let mut out = Vec::new();
    for diagnostic in diagnostics {
        let rendered = to_codespan(diagnostic);
        // Rendering only fails for spans outside their file, which the
        // stages never produce; a failure must still not lose the message.
        let result = if color {
            term::emit_to_write_style(&mut Ansi::new(&mut out), &config, &files, &rendered)
        } else {
            term::emit_to_write_style(&mut NoColor::new(&mut out), &config, &files, &rendered)
        };
        if result.is_err() {
            out.extend_from_slice(
                format!(
                    "{}[{}]: {}\n",
                    diagnostic.severity().as_str(),
                    diagnostic.code.as_str(),
                    diagnostic.message
                )
                .as_bytes(),
            );
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn to_codespan(diagnostic: &Diagnostic) -> CsDiagnostic<usize> {
    let severity = match diagnostic.severity() {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Note => CsSeverity::Note,
    };
    let primary = &diagnostic.primary;
    let mut labels =
        vec![
            CsLabel::primary(primary.span.file.0, primary.span.start..primary.span.end)
                .with_message(&primary.message),
        ];
    labels.extend(diagnostic.secondary.iter().map(|label| {
        CsLabel::secondary(label.span.file.0, label.span.start..label.span.end)
            .with_message(&label.message)
    }));
    let mut notes = diagnostic.notes.clone();
    if let Some(help) = &diagnostic.help {
        notes.push(format!("help: {help}"));
    }
    CsDiagnostic::new(severity)
        .with_code(diagnostic.code.as_str())
        .with_message(&diagnostic.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// A one-line summary such as `2 errors, 1 warning`.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let count = |severity| {
        diagnostics
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning")
    )
}
