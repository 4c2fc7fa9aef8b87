//! The highlight queries with tree-sitter-highlight, the library of
//! `tree-sitter highlight`: the annotated files of test/highlight/ get the
//! captures they assert, and each editor's copy of the query captures the
//! same text under that editor's names.
//!
//! Annotations are tree-sitter's: a comment under a source line whose
//! `^` marks a column (`# <-` marks the comment's own first column) and
//! names the capture expected there (`!name`: not that capture).

use std::path::Path;

use tree_sitter_highlight::{HighlightConfiguration, HighlightEvent, Highlighter};

use crate::support::{files_under, grammar_dir, read, repository_root, shown};

/// A query file's text, by its path from the repository's root.
fn query(path: &str) -> String {
    read(&repository_root().join(path))
}

const CANONICAL: &str = "editors/tree-sitter-rook/queries/highlights.scm";
const HELIX: &str = "editors/helix/runtime/queries/rook/highlights.scm";
const ZED: &str = "editors/zed/languages/rook/highlights.scm";

/// Capture names that differ in Helix's theme scopes; the others are equal.
const HELIX_NAMES: [(&str, &str); 4] = [
    ("boolean", "constant.builtin.boolean"),
    ("number", "constant.numeric"),
    ("property", "variable.other.member"),
    ("string.escape", "constant.character.escape"),
];

fn configuration(path: &str) -> HighlightConfiguration {
    let mut config = HighlightConfiguration::new(
        tree_sitter_rook::LANGUAGE.into(),
        "rook",
        &query(path),
        "",
        "",
    )
    .unwrap_or_else(|e| panic!("{path}: {e}"));
    let names: Vec<String> = config.names().iter().map(|n| n.to_string()).collect();
    config.configure(&names);
    config
}

/// The innermost capture name of every byte of `text`.
fn captures(config: &HighlightConfiguration, text: &str) -> Vec<Option<String>> {
    let mut highlighter = Highlighter::new();
    let events = highlighter
        .highlight(config, text.as_bytes(), None, None, |_| None)
        .expect("highlighting starts");
    let mut at = vec![None; text.len()];
    let mut stack: Vec<usize> = Vec::new();
    for event in events {
        match event.expect("a highlight event") {
            HighlightEvent::HighlightStart(highlight) => stack.push(highlight.0),
            HighlightEvent::HighlightEnd => {
                stack.pop();
            }
            HighlightEvent::Source { start, end } => {
                let name = stack.last().map(|&i| config.names()[i].to_string());
                for slot in &mut at[start..end] {
                    slot.clone_from(&name);
                }
            }
        }
    }
    at
}

struct Assertion {
    line: usize,
    column: usize,
    expected: String,
    negated: bool,
}

/// The assertions of an annotated file, each on the last source line above.
fn assertions(text: &str) -> Vec<Assertion> {
    let mut found = Vec::new();
    let mut source_line = None;
    for (number, line) in text.lines().enumerate() {
        let Some(hash) = line.find('#') else {
            source_line = Some(number);
            continue;
        };
        let body = &line[hash + 1..];
        let trimmed = body.trim_start();
        let blank_before = line[..hash].trim().is_empty();
        let (columns, rest): (Vec<usize>, &str) = if !blank_before {
            source_line = Some(number);
            continue;
        } else if let Some(rest) = trimmed.strip_prefix("<-") {
            (vec![hash], rest)
        } else if trimmed.starts_with('^') {
            let carets: Vec<usize> = line
                .char_indices()
                .skip_while(|&(i, _)| i <= hash)
                .take_while(|&(_, c)| c == '^' || c == ' ')
                .filter(|&(_, c)| c == '^')
                .map(|(i, _)| i)
                .collect();
            let after = carets.last().map_or(hash + 1, |&i| i + 1);
            (carets, &line[after..])
        } else {
            source_line = Some(number);
            continue;
        };
        let line_of =
            source_line.unwrap_or_else(|| panic!("line {}: no line to assert on", number + 1));
        for name in rest.split_whitespace() {
            let (negated, expected) = match name.strip_prefix('!') {
                Some(name) => (true, name),
                None => (false, name),
            };
            for &column in &columns {
                found.push(Assertion {
                    line: line_of,
                    column,
                    expected: expected.to_string(),
                    negated,
                });
            }
        }
    }
    found
}

fn check_annotated(path: &Path, config: &HighlightConfiguration) -> (usize, Vec<String>) {
    let text = read(path);
    let at = captures(config, &text);
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut failures = Vec::new();
    let found = assertions(&text);
    for assertion in &found {
        let byte = line_starts[assertion.line] + assertion.column;
        let actual = at.get(byte).cloned().flatten();
        let matches = actual.as_deref() == Some(assertion.expected.as_str());
        if matches == assertion.negated {
            failures.push(format!(
                "{}:{}:{}: expected {}{}, found {}",
                shown(path),
                assertion.line + 1,
                assertion.column + 1,
                if assertion.negated { "not " } else { "" },
                assertion.expected,
                actual.as_deref().unwrap_or("no capture"),
            ));
        }
    }
    (found.len(), failures)
}

#[test]
fn annotated_files_get_their_captures() {
    let config = configuration(CANONICAL);
    let files = files_under(&grammar_dir().join("test/highlight"), ".rook");
    assert!(!files.is_empty(), "no annotated files");
    let mut count = 0;
    let mut failures = Vec::new();
    for path in &files {
        let (n, mut file_failures) = check_annotated(path, &config);
        count += n;
        failures.append(&mut file_failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(count >= 60, "only {count} assertions");
}

#[test]
fn zed_has_the_query_as_it_is() {
    assert_eq!(
        query(ZED),
        query(CANONICAL),
        "{ZED} is a copy of {CANONICAL}"
    );
}

#[test]
fn helix_captures_the_same_text_under_its_names() {
    let canonical = configuration(CANONICAL);
    let helix = configuration(HELIX);
    let helix_name = |name: &str| {
        HELIX_NAMES
            .iter()
            .find(|(ours, _)| *ours == name)
            .map_or(name, |(_, theirs)| theirs)
            .to_string()
    };
    let root = repository_root();
    let mut files = files_under(&root.join("examples"), ".rook");
    files.extend(files_under(&grammar_dir().join("test/highlight"), ".rook"));
    for path in &files {
        let text = read(path);
        let expected: Vec<Option<String>> = captures(&canonical, &text)
            .into_iter()
            .map(|name| name.map(|n| helix_name(&n)))
            .collect();
        let actual = captures(&helix, &text);
        if let Some(byte) = (0..text.len()).find(|&i| expected[i] != actual[i]) {
            panic!(
                "{}: at byte {byte} ({:?}) Helix's query gives {:?}, not {:?}",
                shown(path),
                &text[byte..(byte + 20).min(text.len())],
                actual[byte],
                expected[byte]
            );
        }
    }
}

#[test]
fn assertions_are_read_as_tree_sitter_writes_them() {
    let text = "bucket b {\n# <- keyword\n#      ^ type !keyword\n  #    ^^ x\n}\n";
    let read: Vec<(usize, usize, String, bool)> = assertions(text)
        .into_iter()
        .map(|a| (a.line, a.column, a.expected, a.negated))
        .collect();
    let expected = [
        (0, 0, "keyword", false),
        (0, 7, "type", false),
        (0, 7, "keyword", true),
        (0, 7, "x", false),
        (0, 8, "x", false),
    ]
    .map(|(l, c, e, n)| (l, c, e.to_string(), n));
    assert_eq!(read, expected);
}
