//! A runner for tree-sitter's corpus format (test/corpus/*.txt), as
//! `tree-sitter test` reads it, for machines without the CLI: each case is
//! a `===` header with its name, the input, a `---` line and the expected
//! tree as an S-expression (named nodes, with field names). Whitespace in
//! the expected tree does not matter.

use std::path::Path;

use crate::support::{files_under, grammar_dir, parse, read, shown};

struct Case {
    name: String,
    input: String,
    expected: String,
}

fn is_rule(line: &str, mark: char) -> bool {
    line.len() >= 3 && line.chars().all(|c| c == mark)
}

/// The cases of one corpus file.
fn cases(text: &str, path: &Path) -> Vec<Case> {
    let lines: Vec<&str> = text.lines().collect();
    let mut cases = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        assert!(
            is_rule(lines[i], '='),
            "{}:{}: a `===` header expected",
            shown(path),
            i + 1
        );
        let name_start = i + 1;
        i = name_start;
        while i < lines.len() && !is_rule(lines[i], '=') {
            i += 1;
        }
        let name = lines[name_start..i].join(" ").trim().to_string();
        let input_start = i + 1;
        i = input_start;
        while i < lines.len() && !is_rule(lines[i], '-') {
            i += 1;
        }
        assert!(
            i < lines.len(),
            "{}: case `{name}` has no `---` line",
            shown(path)
        );
        let input = lines[input_start..i]
            .join("\n")
            .trim_matches('\n')
            .to_string()
            + "\n";
        let expected_start = i + 1;
        i = expected_start;
        while i < lines.len() && !is_rule(lines[i], '=') {
            i += 1;
        }
        let expected = lines[expected_start..i].join("\n");
        cases.push(Case {
            name,
            input,
            expected,
        });
    }
    cases
}

/// The S-expression with one space between tokens and none inside parens.
fn normalized(sexp: &str) -> String {
    sexp.replace('(', " ( ")
        .replace(')', " ) ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("( ", "(")
        .replace(" )", ")")
}

/// The S-expression indented as the corpus files write it, for messages:
/// each node on a line of its own, a field name on its node's line.
fn indented(sexp: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut after_field = false;
    for token in normalized(sexp).split(' ') {
        if !out.is_empty() {
            if token.starts_with('(') && !after_field {
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
            } else {
                out.push(' ');
            }
        }
        out.push_str(token);
        after_field = token.ends_with(':');
        depth += token.matches('(').count();
        depth = depth.saturating_sub(token.matches(')').count());
    }
    out
}

#[test]
fn the_corpus_gives_its_trees() {
    let files = files_under(&grammar_dir().join("test/corpus"), ".txt");
    assert!(!files.is_empty(), "no corpus files");
    let mut count = 0;
    let mut failures = Vec::new();
    for path in &files {
        for case in cases(&read(path), path) {
            count += 1;
            let actual = parse(&case.input).root_node().to_sexp();
            if normalized(&actual) != normalized(&case.expected) {
                failures.push(format!(
                    "{} `{}`:\nexpected\n{}\nactual\n{}\n",
                    shown(path),
                    case.name,
                    indented(&case.expected),
                    indented(&actual)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(count >= 20, "only {count} corpus cases");
}

#[test]
fn corpus_files_are_read_as_tree_sitter_writes_them() {
    let text = "===\none\n===\n\nbucket b {}\n\n---\n\n(source_file\n  (x))\n\n=====\ntwo\n=====\n\n---\n\n(source_file)\n";
    let read = cases(text, Path::new("test.txt"));
    assert_eq!(read.len(), 2);
    assert_eq!(read[0].name, "one");
    assert_eq!(read[0].input, "bucket b {}\n");
    assert_eq!(normalized(&read[0].expected), "(source_file (x))");
    assert_eq!(read[1].input, "\n");
    assert_eq!(normalized("( a  name: (b)\n )"), "(a name: (b))");
}
