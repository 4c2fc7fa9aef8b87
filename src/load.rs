//! Finding and reading the `.rook` files of a program.

use std::fs;
use std::path::{Path, PathBuf};

use crate::source::SourceMap;

/// A problem reading the program from disk (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError(pub String);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Every `.rook` file named, or found under a named directory (recursively;
/// hidden directories are skipped), in sorted path order, each once.
pub fn find_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    find_files_with(paths, &["rook"])
}

/// Like [`find_files`], for files with any of `extensions` (without the
/// dot): files named directly are taken whatever their extension.
pub fn find_files_with(paths: &[PathBuf], extensions: &[&str]) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = fs::metadata(path).map_err(|e| {
            LoadError(format!(
                "cannot read `{}`: {}",
                path.display(),
                io_reason(&e)
            ))
        })?;
        if metadata.is_dir() {
            let before = files.len();
            walk(path, extensions, &mut files)?;
            if files.len() == before {
                let kinds: Vec<String> = extensions.iter().map(|e| format!("`.{e}`")).collect();
                return Err(LoadError(format!(
                    "no {} files in `{}`",
                    kinds.join(" or "),
                    path.display()
                )));
            }
        } else {
            files.push(path.clone());
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

fn walk(dir: &Path, extensions: &[&str], files: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let entries = fs::read_dir(dir).map_err(|e| {
        LoadError(format!(
            "cannot read directory `{}`: {}",
            dir.display(),
            io_reason(&e)
        ))
    })?;
    // Files found under `.` are shown as `a.rook`, not `./a.rook`.
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .map(|p| p.strip_prefix(".").map(Path::to_path_buf).unwrap_or(p))
        .collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if path.is_dir() {
            if !hidden {
                walk(&path, extensions, files)?;
            }
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.contains(&e))
        {
            files.push(path);
        }
    }
    Ok(())
}

/// Reads the files into a source map.
pub fn read_files(files: &[PathBuf]) -> Result<SourceMap, LoadError> {
    let mut sources = SourceMap::new();
    for path in files {
        let bytes = fs::read(path).map_err(|e| {
            LoadError(format!(
                "cannot read `{}`: {}",
                path.display(),
                io_reason(&e)
            ))
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            LoadError(format!(
                "`{}` is not UTF-8 text (invalid byte at offset {})",
                path.display(),
                e.utf8_error().valid_up_to()
            ))
        })?;
        sources.add(path.clone(), text);
    }
    Ok(sources)
}

/// The reason of an I/O error without Rust's "(os error N)" suffix.
pub fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}
