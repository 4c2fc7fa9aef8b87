//! Every example compiles without errors or warnings; its output is
//! snapshotted; and neither file order nor declaration order changes a byte.

use std::fs;
use std::path::{Path, PathBuf};

use rookc::diag::Severity;
use rookc::source::SourceMap;

use crate::support::{compile_dir, rendered, root, tree_text};

pub fn example_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root().join("examples"))
        .expect("examples/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 6, "the homelab and one example per concept");
    dirs
}

pub fn relative(dir: &Path) -> PathBuf {
    dir.strip_prefix(root())
        .expect("inside the package")
        .to_path_buf()
}

#[test]
fn examples_compile_clean() {
    for dir in example_dirs() {
        let (sources, compilation) = compile_dir(&relative(&dir));
        let problems: Vec<_> = compilation
            .diagnostics
            .iter()
            .filter(|d| d.severity() != Severity::Note)
            .collect();
        assert!(
            problems.is_empty(),
            "{}:\n{}",
            dir.display(),
            rendered(&sources, &compilation)
        );
        let name = dir
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        insta::assert_snapshot!(format!("example-{name}"), tree_text(&compilation));
    }
}

/// Splits a file into its top-level items at lines that start one in
/// column 0 (comments travel with the item below them).
fn top_level_chunks(text: &str) -> Vec<String> {
    let mut chunks: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut pending_comments = String::new();
    for line in text.split_inclusive('\n') {
        let starts_item = line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '@');
        if line.starts_with('#') || line.trim().is_empty() {
            pending_comments.push_str(line);
            continue;
        }
        if starts_item && !current.trim().is_empty() && !current.trim_end().ends_with(')') {
            chunks.push(std::mem::take(&mut current));
        }
        current.push_str(&pending_comments);
        pending_comments.clear();
        current.push_str(line);
    }
    current.push_str(&pending_comments);
    if !current.trim().is_empty() {
        chunks.push(current);
    }
    chunks
}

#[test]
fn shuffled_files_and_declarations_give_identical_bytes() {
    for dir in example_dirs() {
        let dir = relative(&dir);
        let (_, compilation) = compile_dir(&dir);
        let expected = tree_text(&compilation);
        let files = rookc::load::find_files(std::slice::from_ref(&dir)).expect("files");
        let texts: Vec<(PathBuf, String)> = files
            .iter()
            .map(|f| (f.clone(), fs::read_to_string(f).expect("text")))
            .collect();

        // Files in reverse order.
        let mut reversed = SourceMap::new();
        for (path, text) in texts.iter().rev() {
            reversed.add(path.clone(), text.clone());
        }
        let compiled = rookc::compile(&reversed).expect("emit");
        assert_eq!(
            tree_text(&compiled),
            expected,
            "{}: reversed file order",
            dir.display()
        );

        // All declarations in one file, in reverse order.
        let mut chunks: Vec<String> = texts
            .iter()
            .flat_map(|(_, text)| top_level_chunks(text))
            .collect();
        assert!(chunks.len() >= 2, "{}: nothing to shuffle", dir.display());
        chunks.reverse();
        let mut one_file = SourceMap::new();
        one_file.add("shuffled.rook", chunks.concat());
        let compiled = rookc::compile(&one_file).expect("emit");
        assert!(
            !compiled.has_errors(),
            "{}: the shuffled program has errors",
            dir.display()
        );
        assert_eq!(
            tree_text(&compiled),
            expected,
            "{}: reversed declarations",
            dir.display()
        );
    }
}

#[test]
fn chunks_keep_suppressions_with_their_declaration() {
    let chunks = top_level_chunks("# a\nobjectstore s { }\n@allow(unused-user)\nuser u {\n}\n");
    assert_eq!(
        chunks,
        [
            "# a\nobjectstore s { }\n",
            "@allow(unused-user)\nuser u {\n}\n"
        ]
    );
}
