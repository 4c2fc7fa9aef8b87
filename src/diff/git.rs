//! The sources of a program as they are at a git revision, read through
//! `git` itself (`git ls-tree`, `git show`), without a checkout: the
//! working tree and the index are never touched.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::DiffError;
use crate::source::SourceMap;

/// The `.rook` files under `paths` (relative to the current directory) at
/// `revision`, named `REVISION:path` (path from the repository root).
pub fn read_revision(revision: &str, paths: &[PathBuf]) -> Result<SourceMap, DiffError> {
    let commit = format!("{revision}^{{commit}}");
    git(&["rev-parse", "--verify", "--quiet", &commit]).map_err(|_| {
        DiffError::Usage(format!(
            "`{revision}` is not a revision of the git repository here"
        ))
    })?;
    let mut args: Vec<String> = [
        "ls-tree",
        "-r",
        "-z",
        "--name-only",
        "--full-name",
        revision,
        "--",
    ]
    .iter()
    .map(|a| a.to_string())
    .collect();
    args.extend(paths.iter().map(|p| p.to_string_lossy().into_owned()));
    let listed = git(&args.iter().map(String::as_str).collect::<Vec<_>>())?;
    let files: Vec<&str> = listed
        .split('\0')
        .filter(|path| is_program_file(Path::new(path)))
        .collect();
    if files.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| format!("`{}`", p.display())).collect();
        return Err(DiffError::Usage(format!(
            "no `.rook` files in {} at `{revision}`",
            shown.join(", ")
        )));
    }
    let mut sources = SourceMap::new();
    for file in files {
        let text = git(&["show", &format!("{revision}:{file}")])?;
        sources.add(format!("{revision}:{file}"), text);
    }
    Ok(sources)
}

/// A `.rook` file outside hidden directories, as `rookc build` finds them.
fn is_program_file(path: &Path) -> bool {
    let hidden = path.components().any(|c| {
        c.as_os_str()
            .to_str()
            .is_some_and(|name| name.starts_with('.') && name != "." && name != "..")
    });
    !hidden && path.extension().is_some_and(|e| e == "rook")
}

/// Runs git; its standard output, or what went wrong.
fn git(args: &[&str]) -> Result<String, DiffError> {
    let output = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| DiffError::Usage(format!("cannot run `git`: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(DiffError::Usage(format!(
            "`git {}` failed: {}",
            args.first().copied().unwrap_or_default(),
            stderr.trim()
        )));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| DiffError::Usage("a file at the revision is not UTF-8".to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_directories_and_other_files_are_not_part_of_the_program() {
        assert!(is_program_file(Path::new("storage/a.rook")));
        assert!(!is_program_file(Path::new(".git/a.rook")));
        assert!(!is_program_file(Path::new("storage/a.yaml")));
    }
}
