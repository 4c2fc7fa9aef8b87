//! Generates the rook tree-sitter parser from `grammar.js`, as
//! `tree-sitter generate` does, with tree-sitter's own generator crate
//! (its QuickJS runtime evaluates the grammar, so node is not needed).
//!
//! `cargo run` rewrites `src/` (parser.c, grammar.json,
//! node-types.json, tree_sitter/*.h); with `--check` it generates into a
//! temporary directory and fails when any committed file differs.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tree_sitter_generate::OptLevel;

/// ABI 14, not the CLI's default 15: Neovim before 0.11 and Helix before
/// 25.07 load only parsers of ABI 14 or older, and the grammar needs nothing
/// of 15 (reserved words, supertypes in the parser).
const ABI_VERSION: usize = 14;

/// The generated files, relative to `src/`.
const GENERATED: [&str; 6] = [
    "parser.c",
    "grammar.json",
    "node-types.json",
    "tree_sitter/parser.h",
    "tree_sitter/alloc.h",
    "tree_sitter/array.h",
];

fn generate(grammar_dir: &Path, out: &Path) -> Result<(), String> {
    let mut diagnostics = Vec::new();
    tree_sitter_generate::generate_parser_in_directory(
        grammar_dir,
        Some(out),
        Some(grammar_dir.join("grammar.js")),
        ABI_VERSION,
        None,
        Some("native"),
        true,
        OptLevel::default(),
        &mut diagnostics,
    )
    .map_err(|e| format!("generating the parser: {e}"))?;
    // The CLI prints these as warnings; a grammar of the repository has none.
    if diagnostics.is_empty() {
        Ok(())
    } else {
        let lines: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        Err(format!("grammar.js: {}", lines.join("\n")))
    }
}

/// The committed files that differ from the freshly generated ones.
fn differences(committed: &Path, fresh: &Path) -> Vec<&'static str> {
    GENERATED
        .into_iter()
        .filter(|file| fs::read(committed.join(file)).ok() != fs::read(fresh.join(file)).ok())
        .collect()
}

fn run(check: bool) -> Result<(), String> {
    let grammar_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("the generator lives in the grammar's folder")?
        .to_path_buf();
    let src = grammar_dir.join("src");
    if !check {
        return generate(&grammar_dir, &src);
    }
    let fresh = grammar_dir.join("target").join("generate-check");
    let _ = fs::remove_dir_all(&fresh);
    generate(&grammar_dir, &fresh)?;
    let differing = differences(&src, &fresh);
    if differing.is_empty() {
        println!("tree-sitter: src/ is what grammar.js generates");
        Ok(())
    } else {
        Err(format!(
            "src/{} differ from what grammar.js generates: run \
             `cargo run --manifest-path editors/tree-sitter-rook/generate/Cargo.toml` \
             and commit src/",
            differing.join(", src/")
        ))
    }
}

fn main() -> ExitCode {
    let check = std::env::args().skip(1).any(|arg| arg == "--check");
    match run(check) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("tree-sitter-rook-generate: {message}");
            ExitCode::FAILURE
        }
    }
}
