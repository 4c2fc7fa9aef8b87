//! Helpers shared by the test modules.

use std::path::{Path, PathBuf};
use std::process::Command;

use rookc::diag::render::render;
use rookc::source::SourceMap;
use rookc::Compilation;

/// Compiles the `.rook` files under `dir` (relative to the package root).
pub fn compile_dir(dir: &Path) -> (SourceMap, Compilation) {
    let files = rookc::load::find_files(&[dir.to_path_buf()]).expect("example files");
    let sources = rookc::load::read_files(&files).expect("readable example files");
    let compilation = rookc::compile(&sources).expect("emit never fails on a checked program");
    (sources, compilation)
}

/// Diagnostics as a person sees them, without colour.
pub fn rendered(sources: &SourceMap, compilation: &Compilation) -> String {
    render(sources, &compilation.diagnostics, false)
}

/// The whole output tree as one text: a `# --- <path>` line per file.
pub fn tree_text(compilation: &Compilation) -> String {
    let manifests = compilation.manifests.as_ref().expect("manifests");
    let mut out = String::new();
    for manifest in manifests {
        out.push_str(&format!("# --- {}\n{}", manifest.path, manifest.yaml));
    }
    out.push_str("# --- kustomization.yaml\n");
    out.push_str(&rookc::emit::kustomization(manifests));
    out
}

/// Runs the `rookc` binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn rookc(args: &[&str], cwd: &Path) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_rookc"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .output()
        .expect("the rookc binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The package root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir` with its contents, sorted by path.
pub fn read_tree(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    fn walk(base: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("readable dir")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(base, &path, files);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .expect("inside base")
                    .display()
                    .to_string();
                files.push((rel, std::fs::read_to_string(&path).expect("text file")));
            }
        }
    }
    walk(dir, dir, &mut files);
    files
}

/// A `.rook` text with its abbreviations written out. Examples of size
/// limits would be megabytes long, so an example (an explain page's, a ui
/// case) may abbreviate: a line ending in `# × N` stands for N copies of
/// it, with `{n}` numbering them from 1, and `{x K}` stands for K letters
/// `x`.
pub fn expand(example: &str) -> String {
    if !example.contains("# × ") && !example.contains("{x ") {
        return example.to_string();
    }
    let mut out = String::new();
    for line in example.lines() {
        let (line, copies) = match line.rsplit_once("# × ") {
            Some((text, count)) => (text.trim_end(), count.trim().parse().expect("a count")),
            None => (line, 0),
        };
        let line = expand_letters(line);
        if copies == 0 {
            out.push_str(&line);
            out.push('\n');
        }
        for n in 1..=copies {
            out.push_str(&line.replace("{n}", &n.to_string()));
            out.push('\n');
        }
    }
    out
}

/// `{x K}` as K letters `x`.
fn expand_letters(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find("{x ") {
        let end = start + rest[start..].find('}').expect("a closing brace");
        let count: usize = rest[start + 3..end].parse().expect("a count");
        out.push_str(&rest[..start]);
        out.push_str(&"x".repeat(count));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}
