//! Text users read cites Rook's, Ceph's and Kubernetes' own documentation or
//! source, never the project's internal fact sheets under `../shared/domain`,
//! which users do not have. Checked: README.md, CHANGELOG.md, every Markdown
//! file under docs/ and editors/, and src/ apart from plain `//` comments
//! (string literals and doc comments reach users: messages, explain pages,
//! clap's help).

use std::path::{Path, PathBuf};

use crate::support::root;

/// Names that only make sense next to the internal fact sheets.
const INTERNAL: &[&str] = &[
    "ROOK-FACTS",
    "RGW-TESTBED",
    "TOOLING-FACTS",
    "shared/domain",
];

/// Files under `dir` (relative to the package root) whose name ends in `ext`.
fn files_under(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![root().join(dir)];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                if path.file_name().is_some_and(|name| name == "node_modules") {
                    continue;
                }
                pending.push(path);
            } else if path.to_string_lossy().ends_with(ext) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The lines of a Rust file a user may see: everything but plain `//`
/// comments. Doc comments (`///`, `//!`) stay, since clap turns them into
/// help. A comment is only recognised after whitespace or at the start of a
/// line, so `"http://..."` in a string is kept.
fn visible_rust(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let cut = line.match_indices("//").find(|&(at, _)| {
            let rest = &line[at + 2..];
            let starts_comment = at == 0 || line[..at].ends_with(char::is_whitespace);
            starts_comment && !rest.starts_with('/') && !rest.starts_with('!')
        });
        out.push_str(cut.map_or(line, |(at, _)| &line[..at]));
        out.push('\n');
    }
    out
}

/// `path:line: text` for every line of `text` naming an internal sheet.
fn mentions(path: &Path, text: &str) -> Vec<String> {
    let shown = path.strip_prefix(root()).unwrap_or(path).display();
    text.lines()
        .enumerate()
        .filter(|(_, line)| INTERNAL.iter().any(|name| line.contains(name)))
        .map(|(index, line)| format!("{shown}:{}: {}", index + 1, line.trim()))
        .collect()
}

fn user_facing_mentions() -> Vec<String> {
    let mut markdown = vec![root().join("README.md"), root().join("CHANGELOG.md")];
    markdown.extend(files_under("docs", ".md"));
    markdown.extend(files_under("editors", ".md"));
    let mut found = Vec::new();
    for path in markdown.iter().filter(|path| path.exists()) {
        let text = std::fs::read_to_string(path).expect("readable Markdown");
        found.extend(mentions(path, &text));
    }
    for path in files_under("src", ".rs") {
        let text = std::fs::read_to_string(&path).expect("readable source");
        found.extend(mentions(&path, &visible_rust(&text)));
    }
    found
}

#[test]
fn user_facing_text_never_cites_the_internal_fact_sheets() {
    let found = user_facing_mentions();
    assert!(
        found.is_empty(),
        "cite Rook's, Ceph's or Kubernetes' documentation or source instead of \
         the internal fact sheets:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checked_text_includes_the_readme_the_explain_pages_and_src() {
    // Guards the walk itself: a check that reads nothing cannot fail.
    assert!(files_under("docs", ".md")
        .iter()
        .any(|path| path.ends_with("docs/errors/E0201.md")));
    assert!(files_under("editors", ".md")
        .iter()
        .any(|path| path.ends_with("editors/README.md")));
    assert!(files_under("src", ".rs")
        .iter()
        .any(|path| path.ends_with("src/check/actions.rs")));
}

#[test]
fn plain_comments_are_skipped_but_strings_and_doc_comments_are_not() {
    let source = "// ROOK-FACTS §1 is fine here\n\
                  let x = 1; // and ROOK-FACTS here\n\
                  let url = \"http://example.org/ROOK-FACTS\";\n\
                  /// ROOK-FACTS in a doc comment\n\
                  //! RGW-TESTBED in a module doc\n";
    let seen = visible_rust(source);
    let found = mentions(Path::new("x.rs"), &seen);
    assert_eq!(
        found,
        [
            "x.rs:3: let url = \"http://example.org/ROOK-FACTS\";",
            "x.rs:4: /// ROOK-FACTS in a doc comment",
            "x.rs:5: //! RGW-TESTBED in a module doc",
        ]
    );
}
