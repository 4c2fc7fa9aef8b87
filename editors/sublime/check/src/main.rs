//! Runs the Sublime syntax of rook through syntect (the engine of `bat`).
//!
//! `rook-sublime-check SYNTAX ROOT TESTS...`:
//!
//! - every `TESTS` file is an annotated file in the format of
//!   vscode-tmgrammar-test (`# ^^^ scope.a scope.b - scope.c` under a
//!   source line, `# <--- scope` for the line's first columns); each
//!   character under an assertion must have the required scopes in order
//!   and none of the excluded ones;
//! - every non-blank character of `ROOT/examples` and `ROOT/tests/ui` must
//!   get a scope beyond `source.rook` and `meta.*`, and `invalid.*` only in
//!   files that expect a syntax error (E0101, E0102, E0103).
//!
//! Prints each failure and `sublime: N passed, M failed`; exits 1 on any
//! failure.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use syntect::parsing::{
    ParseState, Scope, ScopeStack, SyntaxDefinition, SyntaxReference, SyntaxSet, SyntaxSetBuilder,
};

/// One assertion: columns `from..to` of a source line.
struct Assertion {
    line: usize,
    source_line: usize,
    from: usize,
    to: usize,
    required: Vec<String>,
    excluded: Vec<String>,
}

struct TestCase {
    source: Vec<String>,
    assertions: Vec<Assertion>,
}

fn parse_scopes(text: &str) -> (Vec<String>, Vec<String>) {
    let (required, excluded) = match text.split_once(" - ") {
        Some((required, excluded)) => (required, excluded),
        None => match text.trim().strip_prefix("- ") {
            Some(excluded) => ("", excluded),
            None => (text, ""),
        },
    };
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect();
    (words(required), words(excluded))
}

fn parse_test_case(text: &str, path: &Path) -> Result<TestCase, String> {
    let mut lines = text.lines();
    let header = lines.next().unwrap_or("");
    if !header.starts_with("# SYNTAX TEST \"source.rook\"") {
        return Err(format!(
            "{}: the first line must be `# SYNTAX TEST \"source.rook\"`",
            path.display()
        ));
    }
    let mut case = TestCase {
        source: Vec::new(),
        assertions: Vec::new(),
    };
    for (index, line) in lines.enumerate() {
        let number = index + 2;
        let rest = line.strip_prefix('#').unwrap_or("");
        let trimmed = rest.trim_start();
        if line.starts_with('#') && trimmed.starts_with('^') {
            let carets = rest.len() - trimmed.len();
            let count = trimmed.chars().take_while(|&c| c == '^').count();
            let (required, excluded) = parse_scopes(&trimmed[count..]);
            case.assertions.push(Assertion {
                line: number,
                source_line: case.source.len(),
                from: 1 + carets,
                to: 1 + carets + count,
                required,
                excluded,
            });
        } else if line.starts_with('#') && trimmed.starts_with("<-") {
            let dashes = trimmed[1..].chars().take_while(|&c| c == '-').count();
            let (required, excluded) = parse_scopes(&trimmed[1 + dashes..]);
            case.assertions.push(Assertion {
                line: number,
                source_line: case.source.len(),
                from: 0,
                to: dashes,
                required,
                excluded,
            });
        } else {
            case.source.push(line.to_string());
        }
    }
    Ok(case)
}

/// The scope stack of every byte of every line.
fn scopes_per_byte(
    lines: &[String],
    syntax: &SyntaxReference,
    set: &SyntaxSet,
) -> Result<Vec<Vec<Vec<Scope>>>, String> {
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut result = Vec::new();
    for line in lines {
        let text = format!("{line}\n");
        let ops = state.parse_line(&text, set).map_err(|e| e.to_string())?;
        let mut per_byte = Vec::with_capacity(line.len());
        let mut ops = ops.into_iter().peekable();
        for byte in 0..line.len() {
            while let Some((_, op)) = ops.next_if(|(at, _)| *at <= byte) {
                stack.apply(&op).map_err(|e| format!("{e:?}"))?;
            }
            per_byte.push(stack.as_slice().to_vec());
        }
        for (_, op) in ops {
            stack.apply(&op).map_err(|e| format!("{e:?}"))?;
        }
        result.push(per_byte);
    }
    Ok(result)
}

fn names(scopes: &[Scope]) -> Vec<String> {
    scopes.iter().map(|s| s.build_string()).collect()
}

/// Whether `required` appears in `actual` in order (as vscode-tmgrammar-test
/// compares).
fn has_in_order(required: &[String], actual: &[String]) -> bool {
    let mut actual = actual.iter();
    required.iter().all(|r| actual.any(|a| a == r))
}

fn check_test_case(
    path: &Path,
    syntax: &SyntaxReference,
    set: &SyntaxSet,
    counts: &mut (usize, usize),
) -> Result<(), String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let case = parse_test_case(&text, path)?;
    let scopes = scopes_per_byte(&case.source, syntax, set)?;
    for assertion in &case.assertions {
        let mut problems = Vec::new();
        if assertion.source_line == 0 {
            problems.push("an assertion before any source line".to_string());
        } else {
            let line = &scopes[assertion.source_line - 1];
            for column in assertion.from..assertion.to {
                let Some(actual) = line.get(column).map(|s| names(s)) else {
                    problems.push(format!("column {column} is past the end of the line"));
                    break;
                };
                let unexpected: Vec<&String> = assertion
                    .excluded
                    .iter()
                    .filter(|e| actual.contains(e))
                    .collect();
                if !has_in_order(&assertion.required, &actual) || !unexpected.is_empty() {
                    problems.push(format!("column {column}: {}", actual.join(" ")));
                }
            }
        }
        if problems.is_empty() {
            counts.0 += 1;
        } else {
            counts.1 += 1;
            let source = case
                .source
                .get(assertion.source_line.wrapping_sub(1))
                .map_or("", String::as_str);
            println!("FAIL {}:{}: `{}`", path.display(), assertion.line, source);
            println!(
                "     expected {} - {}",
                assertion.required.join(" "),
                assertion.excluded.join(" ")
            );
            for problem in problems.iter().take(3) {
                println!("     {problem}");
            }
        }
    }
    Ok(())
}

fn rook_files(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            rook_files(&path, found)?;
        } else if path.extension().is_some_and(|e| e == "rook") {
            found.push(path);
        }
    }
    Ok(())
}

fn check_coverage(
    path: &Path,
    syntax: &SyntaxReference,
    set: &SyntaxSet,
    counts: &mut (usize, usize),
) -> Result<(), String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let expects_syntax_error = text.lines().any(|l| {
        l.starts_with("# expect = ")
            && ["\"E0101\"", "\"E0102\"", "\"E0103\""]
                .iter()
                .any(|code| l.contains(code))
    });
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let scopes = scopes_per_byte(&lines, syntax, set)?;
    let mut problems = Vec::new();
    for (number, (line, per_byte)) in lines.iter().zip(&scopes).enumerate() {
        for (column, byte) in line.bytes().enumerate() {
            if byte.is_ascii_whitespace() {
                continue;
            }
            let own: Vec<String> = names(&per_byte[column])
                .into_iter()
                .filter(|s| s != "source.rook" && !s.starts_with("meta."))
                .collect();
            if own.is_empty() {
                problems.push(format!("{}:{}: no scope", number + 1, column + 1));
            } else if !expects_syntax_error && own.iter().any(|s| s.starts_with("invalid.")) {
                problems.push(format!("{}:{}: {}", number + 1, column + 1, own.join(" ")));
            }
        }
    }
    if problems.is_empty() {
        counts.0 += 1;
    } else {
        counts.1 += 1;
        println!(
            "FAIL coverage {}: {}",
            path.display(),
            problems[..problems.len().min(5)].join(", ")
        );
    }
    Ok(())
}

fn run(args: &[String]) -> Result<(usize, usize), String> {
    let [syntax_path, root, tests @ ..] = args else {
        return Err("usage: rook-sublime-check SYNTAX ROOT TESTS...".to_string());
    };
    let text = fs::read_to_string(syntax_path).map_err(|e| format!("{syntax_path}: {e}"))?;
    let definition = SyntaxDefinition::load_from_str(&text, true, None)
        .map_err(|e| format!("{syntax_path}: {e}"))?;
    let mut builder = SyntaxSetBuilder::new();
    builder.add(definition);
    let set = builder.build();
    let syntax = set
        .find_syntax_by_extension("rook")
        .ok_or("the syntax does not claim the extension `rook`")?;
    let mut counts = (0, 0);
    for test in tests {
        check_test_case(Path::new(test), syntax, &set, &mut counts)?;
    }
    let mut files = Vec::new();
    for dir in ["examples", "tests/ui"] {
        rook_files(&Path::new(root).join(dir), &mut files)?;
    }
    files.sort();
    for file in &files {
        let file = file.strip_prefix(".").unwrap_or(file);
        check_coverage(file, syntax, &set, &mut counts)?;
    }
    Ok(counts)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok((passed, failed)) => {
            println!("sublime: {passed} passed, {failed} failed");
            if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(message) => {
            eprintln!("rook-sublime-check: {message}");
            ExitCode::FAILURE
        }
    }
}
