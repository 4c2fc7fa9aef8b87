//! The refusals before an output directory is replaced: each one stops a
//! build that would delete what the user did not mean to lose.

use std::fs;
use std::path::{Path, PathBuf};

use super::OutputError;

/// The directory to replace for `dir`: `dir` itself, or the directory a
/// symbolic link `dir` points to (the link is kept, its target replaced).
pub fn resolve_link(dir: &Path) -> Result<PathBuf, OutputError> {
    // `deploy/` and `deploy` name one directory; only the latter is a link.
    let dir: PathBuf = dir.components().collect();
    match fs::symlink_metadata(&dir) {
        Ok(metadata) if metadata.file_type().is_symlink() => {
            fs::canonicalize(&dir).map_err(|source| OutputError::BrokenLink {
                target: fs::read_link(&dir).unwrap_or_default(),
                link: dir.clone(),
                source,
            })
        }
        _ => Ok(dir),
    }
}

/// Replacing `dir` would delete the program's own source files when one
/// of `inputs` is inside it (`rookc build deploy/src -o deploy`).
pub fn refuse_inputs_inside(
    dir: &Path,
    shown: &Path,
    inputs: &[PathBuf],
) -> Result<(), OutputError> {
    let Ok(canonical_dir) = fs::canonicalize(dir) else {
        return Ok(());
    };
    for input in inputs {
        let inside = fs::canonicalize(input).is_ok_and(|path| path.starts_with(&canonical_dir));
        if inside {
            return Err(OutputError::InputInside {
                dir: shown.to_path_buf(),
                input: input.clone(),
            });
        }
    }
    Ok(())
}

/// A program that compiles to nothing (a wrong path, a file read as one
/// comment) must not empty a directory that holds manifests: a GitOps
/// controller would prune every object.
pub fn refuse_emptying(dir: &Path, shown: &Path) -> Result<(), OutputError> {
    let mut files = Vec::new();
    super::list_files(dir, dir, &mut files)?;
    let held = files.iter().filter(|f| *f != "kustomization.yaml").count();
    if held == 0 {
        return Ok(());
    }
    Err(OutputError::WouldEmpty {
        dir: shown.to_path_buf(),
        files: held,
    })
}
