//! Shared helpers: the parser, the repository's paths and the places of
//! syntax errors in a tree.

use std::fs;
use std::path::{Path, PathBuf};

use tree_sitter::{Node, Parser, Tree};

/// The grammar's folder (editors/tree-sitter-rook).
pub fn grammar_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The repository's root.
pub fn repository_root() -> PathBuf {
    grammar_dir().join("../..")
}

pub fn parse(text: &str) -> Tree {
    let mut parser = Parser::new();
    parser
        .set_language(&tree_sitter_rook::LANGUAGE.into())
        .expect("the generated parser's ABI is one the runtime loads");
    parser
        .parse(text, None)
        .expect("a tree (no timeout is set)")
}

/// `ERROR` and `MISSING` nodes, as `line:column kind`, 1-based.
pub fn syntax_errors(tree: &Tree) -> Vec<String> {
    let mut found = Vec::new();
    collect_errors(tree.root_node(), &mut found);
    found
}

fn collect_errors(node: Node, found: &mut Vec<String>) {
    if node.is_error() || node.is_missing() {
        let at = node.start_position();
        let what = if node.is_missing() {
            format!("MISSING {}", node.kind())
        } else {
            "ERROR".to_string()
        };
        found.push(format!("{}:{} {what}", at.row + 1, at.column + 1));
        return;
    }
    if !node.has_error() {
        return;
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        collect_errors(child, found);
    }
}

/// The files under `dir` whose name ends with `suffix`, sorted.
pub fn files_under(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.to_string_lossy().ends_with(suffix) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

pub fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `path` relative to the repository's root, for messages.
pub fn shown(path: &Path) -> String {
    let root = fs::canonicalize(repository_root()).unwrap_or_else(|_| repository_root());
    let path = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    path.strip_prefix(&root)
        .unwrap_or(&path)
        .display()
        .to_string()
}
