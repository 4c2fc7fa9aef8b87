//! Renders diagnostics for people, with codespan-reporting. The only module
//! that knows codespan.
//!
//! Each diagnostic is rendered on its own, from a [`Snippets`] view of the
//! lines it shows, and written out at once: output streams, and its size
//! and time grow with the number of diagnostics, not with the length of
//! the lines they point into.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::term::termcolor::{Ansi, NoColor};
use codespan_reporting::term::{self, Config};

use super::escape::escape;
use super::snippet::Snippets;
use super::{Diagnostic, Label, Severity};
use crate::source::SourceMap;

/// Renders `diagnostics` as text, with ANSI colours when `color` is set.
pub fn render(sources: &SourceMap, diagnostics: &[Diagnostic], color: bool) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = render_to(sources, diagnostics, color, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes `diagnostics` to `out` one by one, as [`render`] renders them.
pub fn render_to(
    sources: &SourceMap,
    diagnostics: &[Diagnostic],
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let config = Config::default();
    let mut buffer = Vec::new();
    for diagnostic in diagnostics {
        buffer.clear();
        let snippets = Snippets::new(sources, diagnostic);
        let rendered = to_codespan(&snippets, diagnostic);
        // Rendering only fails for spans outside their file, which the
        // stages never produce; a failure must still not lose the message.
        let result = if color {
            term::emit_to_write_style(&mut Ansi::new(&mut buffer), &config, &snippets, &rendered)
        } else {
            term::emit_to_write_style(
                &mut NoColor::new(&mut buffer),
                &config,
                &snippets,
                &rendered,
            )
        };
        if result.is_err() {
            buffer.clear();
            buffer.extend_from_slice(
                format!(
                    "{}[{}]: {}\n",
                    diagnostic.severity().as_str(),
                    diagnostic.code.as_str(),
                    escape(&diagnostic.message)
                )
                .as_bytes(),
            );
        }
        out.write_all(&buffer)?;
    }
    Ok(())
}

fn to_codespan(snippets: &Snippets, diagnostic: &Diagnostic) -> CsDiagnostic<usize> {
    let severity = match diagnostic.severity() {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Note => CsSeverity::Note,
    };
    let place = |label: &Label| {
        let file = label.span.file;
        let range = snippets.offset(file, label.span.start)..snippets.offset(file, label.span.end);
        (snippets.id(file), range)
    };
    // A note is about the build, not about a line: it is told in its
    // message and notes alone, without a snippet.
    let mut labels = Vec::new();
    if severity != CsSeverity::Note {
        let (file, range) = place(&diagnostic.primary);
        labels
            .push(CsLabel::primary(file, range).with_message(escape(&diagnostic.primary.message)));
        labels.extend(diagnostic.secondary.iter().map(|label| {
            let (file, range) = place(label);
            CsLabel::secondary(file, range).with_message(escape(&label.message))
        }));
    }
    let mut notes: Vec<String> = diagnostic
        .notes
        .iter()
        .map(|note| escape(note).into_owned())
        .collect();
    if let Some(help) = &diagnostic.help {
        notes.push(format!("help: {}", escape(help)));
    }
    CsDiagnostic::new(severity)
        .with_code(diagnostic.code.as_str())
        .with_message(escape(&diagnostic.message))
        .with_labels(labels)
        .with_notes(notes)
}

/// The line after a failed run's summary that points to `rookc explain`,
/// as rustc does: for the first error's code, and naming the others.
pub fn explain_hint(diagnostics: &[Diagnostic]) -> Option<String> {
    let mut codes: Vec<&str> = Vec::new();
    for diagnostic in diagnostics {
        let code = diagnostic.code.as_str();
        if diagnostic.severity() == Severity::Error && !codes.contains(&code) {
            codes.push(code);
        }
    }
    match codes.as_slice() {
        [] => None,
        [one] => Some(format!(
            "for more about this error, try `rookc explain {one}`"
        )),
        [first, rest @ ..] => Some(format!(
            "for more about an error, try `rookc explain {first}` (the others: {})",
            rest.join(", ")
        )),
    }
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
