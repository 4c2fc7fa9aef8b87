//! How many diagnostics are printed per file. A damaged or generated file
//! can hold tens of thousands of errors; past the first hundred a person
//! reads none of them, so human output stops there for each file and says
//! how many more there were. Machine formats (json, github, sarif) report
//! everything unless `--max-diagnostics` says otherwise: CI tools count
//! and filter themselves.

use std::io::{self, Write};

use super::escape::escape;
use super::{render, Diagnostic};
use crate::source::{FileId, SourceMap};

/// Human output's default: at most this many diagnostics per file.
pub const DEFAULT_HUMAN_LIMIT: usize = 100;

/// The diagnostics of one file (one run of them, as sorted), and how many
/// of them a limit leaves out.
pub struct FileGroup<'a> {
    pub file: FileId,
    pub shown: &'a [Diagnostic],
    pub suppressed: usize,
}

/// `diagnostics` in runs of one file each, at most `limit` shown per file
/// (`None`: all).
pub fn per_file(diagnostics: &[Diagnostic], limit: Option<usize>) -> Vec<FileGroup<'_>> {
    let mut groups = Vec::new();
    for run in diagnostics.chunk_by(|a, b| a.primary.span.file == b.primary.span.file) {
        let shown = limit.map_or(run.len(), |limit| run.len().min(limit));
        groups.push(FileGroup {
            file: run[0].primary.span.file,
            shown: &run[..shown],
            suppressed: run.len() - shown,
        });
    }
    groups
}

/// The diagnostics a limit leaves, in order, and a line for each file with
/// suppressed ones (for machine formats, which print them elsewhere).
pub fn limited(
    sources: &SourceMap,
    diagnostics: &[Diagnostic],
    limit: Option<usize>,
) -> (Vec<Diagnostic>, Vec<String>) {
    let mut shown = Vec::new();
    let mut notes = Vec::new();
    for group in per_file(diagnostics, limit) {
        shown.extend_from_slice(group.shown);
        if group.suppressed > 0 {
            notes.push(suppressed_note(sources, &group, limit));
        }
    }
    (shown, notes)
}

/// Writes human diagnostics to `out` as they are rendered, at most `limit`
/// per file, each file's cut followed by a note saying so.
pub fn write_human(
    sources: &SourceMap,
    diagnostics: &[Diagnostic],
    color: bool,
    limit: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    for group in per_file(diagnostics, limit) {
        render::render_to(sources, group.shown, color, out)?;
        if group.suppressed > 0 {
            writeln!(out, "{}\n", suppressed_note(sources, &group, limit))?;
        }
    }
    Ok(())
}

fn suppressed_note(sources: &SourceMap, group: &FileGroup<'_>, limit: Option<usize>) -> String {
    let (plural, verb) = if group.suppressed == 1 {
        ("", "was")
    } else {
        ("s", "were")
    };
    format!(
        "note: {} more diagnostic{plural} in {} {verb} not shown (at most {} per file; `--max-diagnostics 0` shows all)",
        group.suppressed,
        escape(&sources.path(group.file).display().to_string()),
        limit.unwrap_or(0),
    )
}
