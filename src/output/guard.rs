//! The refusals before an output directory is replaced: each one stops a
//! build that would delete what the user did not mean to lose.

use std::fs;
use std::path::{Path, PathBuf};

use crate::load::io_reason;

/// The directory to replace for `dir`: `dir` itself, or the directory a
/// symbolic link `dir` points to (the link is kept, its target replaced).
pub fn resolve_link(dir: &Path) -> Result<PathBuf, String> {
    // `deploy/` and `deploy` name one directory; only the latter is a link.
    let dir: PathBuf = dir.components().collect();
    match fs::symlink_metadata(&dir) {
        Ok(metadata) if metadata.file_type().is_symlink() => {
            fs::canonicalize(&dir).map_err(|e| {
                let target = fs::read_link(&dir)
                    .map(|t| t.display().to_string())
                    .unwrap_or_default();
                let why = match e.kind() {
                    std::io::ErrorKind::NotFound => "which does not exist".to_string(),
                    _ => format!("which cannot be followed ({})", io_reason(&e)),
                };
                format!(
                    "refusing to write through `{}`: it is a symbolic link to `{target}`, {why}; create the directory it points to, or remove the link",
                    dir.display()
                )
            })
        }
        _ => Ok(dir),
    }
}

/// Replacing `dir` would delete the program's own source files when one
/// of `inputs` is inside it (`rookc build deploy/src -o deploy`).
pub fn refuse_inputs_inside(dir: &Path, shown: &Path, inputs: &[PathBuf]) -> Result<(), String> {
    let Ok(canonical_dir) = fs::canonicalize(dir) else {
        return Ok(());
    };
    for input in inputs {
        let inside = fs::canonicalize(input).is_ok_and(|path| path.starts_with(&canonical_dir));
        if inside {
            return Err(format!(
                "refusing to replace `{}`: it contains the input file `{}`, which replacing it would delete; write the output to a directory outside the sources",
                shown.display(),
                input.display()
            ));
        }
    }
    Ok(())
}

/// A program that compiles to nothing (a wrong path, a file read as one
/// comment) must not empty a directory that holds manifests: a GitOps
/// controller would prune every object.
pub fn refuse_emptying(dir: &Path, shown: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    super::list_files(dir, dir, &mut files)?;
    let held = files.iter().filter(|f| *f != "kustomization.yaml").count();
    if held == 0 {
        return Ok(());
    }
    let plural = if held == 1 { "" } else { "s" };
    Err(format!(
        "refusing to empty `{}`: the program compiles to no manifests, and `{}` holds {held} file{plural}; check that the right files were given, or pass `--allow-empty` to empty it",
        shown.display(),
        shown.display()
    ))
}
