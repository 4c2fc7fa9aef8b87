//! `--format github`: GitHub Actions workflow commands, so that each
//! diagnostic shows as an annotation on the pull request's diff.

use super::position::locate;
use super::{Diagnostic, Severity};
use crate::source::SourceMap;

pub fn render(sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let command = match diagnostic.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let place = locate(sources, &diagnostic.primary);
        // GitHub's end column is the last character's, not the one after.
        let end_column = if place.end.line == place.start.line {
            place.end.column.saturating_sub(1).max(place.start.column)
        } else {
            place.end.column
        };
        let mut message = diagnostic.message.clone();
        for note in &diagnostic.notes {
            message.push_str(&format!("\n{note}"));
        }
        if let Some(help) = &diagnostic.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(&place.file),
            place.start.line,
            place.start.column,
            place.end.line,
            end_column,
            escape_property(&format!(
                "{} {}",
                diagnostic.code.as_str(),
                diagnostic.code.name()
            )),
            escape_data(&message),
        ));
    }
    out
}

/// The escaping GitHub applies to a command's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The escaping GitHub applies to a command's properties.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
