//! Every rook file of the repository parses as rookc's parser reads it:
//! without `ERROR` or `MISSING` nodes, unless the file declares a syntax
//! error (E0101 on its `# expect = [...]` line, or on the
//! `# expect syntax = [...]` line of an editor sample). An invalid escape
//! (E0102) is no syntax error here: any escape is one node, and which
//! escapes exist is the checker's.

use std::path::PathBuf;

use crate::support::{files_under, parse, read, repository_root, shown, syntax_errors};

/// Syntax-error cases that tree-sitter parses without an error, and why:
/// the grammar gives the shapes of rook.pest, not rookc's other limits.
const ACCEPTED_WITH_SYNTAX_ERRORS: [(&str, &str); 3] = [
    (
        "tests/ui/syntax/E0101-keyword-as-principal.rook",
        "`on` as a principal needs reserved words, which ABI 14 has not",
    ),
    (
        "tests/ui/syntax/E0101-nesting-too-deep.rook",
        "the nesting limit is rookc's, not the grammar's",
    ),
    (
        "tests/ui/syntax/E0101-spaced-unit.rook",
        "`after 30 days` reads as a rule `days`: a rule's action word may not be a unit, which needs reserved words, which ABI 14 has not",
    ),
];

/// The rook files the repository's tests and examples hold.
fn repository_files() -> Vec<PathBuf> {
    let root = repository_root();
    let mut files = Vec::new();
    for dir in [
        "examples",
        "tests",
        "editors/vscode/tests",
        "editors/vim/tests",
        "editors/emacs/tests",
    ] {
        files.extend(files_under(&root.join(dir), ".rook"));
    }
    files
}

/// The codes on the file's `# expect = [...]` or `# expect syntax = [...]`.
fn declared_codes(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            line.strip_prefix("# expect = [")
                .or_else(|| line.strip_prefix("# expect syntax = ["))
        })
        .flat_map(|list| list.trim_end_matches(']').split(','))
        .map(|code| code.trim().trim_matches('"').to_string())
        .filter(|code| !code.is_empty())
        .collect()
}

#[test]
fn repository_files_parse_without_errors_unless_they_expect_one() {
    let files = repository_files();
    assert!(files.len() >= 100, "only {} rook files found", files.len());
    let mut problems = Vec::new();
    let mut lenient = Vec::new();
    for path in &files {
        let text = read(path);
        let errors = syntax_errors(&parse(&text));
        let name = shown(path);
        let codes = declared_codes(&text);
        // A hidden character (E0103) is no token of the language: where it
        // stands decides whether the tree has an error, either is right.
        if codes.iter().any(|c| c == "E0103") {
            continue;
        }
        let expects_syntax_error = codes.iter().any(|c| c == "E0101");
        match (expects_syntax_error, errors.is_empty()) {
            (false, false) => problems.push(format!("{name}: {}", errors.join(", "))),
            (true, true) => lenient.push(name),
            (false, true) | (true, false) => {}
        }
    }
    assert!(
        problems.is_empty(),
        "syntax errors:\n{}",
        problems.join("\n")
    );
    lenient.sort();
    let expected: Vec<&str> = ACCEPTED_WITH_SYNTAX_ERRORS
        .iter()
        .map(|(f, _)| *f)
        .collect();
    assert_eq!(
        lenient, expected,
        "the files that declare a syntax error but parse without one"
    );
}

#[test]
fn declared_codes_are_read_from_both_forms() {
    assert_eq!(
        declared_codes("# expect = [\"E0101\", \"W0502\"]\n"),
        ["E0101", "W0502"]
    );
    assert_eq!(
        declared_codes("x\n# expect syntax = [\"E0102\"]\n"),
        ["E0102"]
    );
    assert!(declared_codes("# expect = []\n").is_empty());
}
