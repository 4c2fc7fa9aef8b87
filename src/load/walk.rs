//! Finding the files of a program on disk: the paths named, and the files
//! with the right extension under named directories.
//!
//! Symbolic links are followed, but every directory is entered once (by
//! its canonical path), so a link back to a parent (`src/loop -> .`)
//! neither loops nor reads a file twice, and a file reached by two paths
//! is read once. Only regular files are read: opening a FIFO blocks until
//! something writes to it, and a device never ends.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::{LoadError, SpecialKind};

/// What a walk does with a path that is neither a regular file nor a
/// directory (a FIFO, a socket, a device).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialFiles {
    /// An error naming the path (the command line: exit code 2).
    Refuse,
    /// Left out (the language server's workspace scan).
    Skip,
}

/// The files found under `paths`, in sorted path order, each file once.
pub fn find(
    paths: &[PathBuf],
    extensions: &[&str],
    special: SpecialFiles,
) -> Result<Vec<PathBuf>, LoadError> {
    let mut walk = Walk {
        extensions,
        special,
        visited: HashSet::new(),
        files: Vec::new(),
    };
    for path in paths {
        walk.named(path)?;
    }
    let mut files = walk.files;
    files.sort();
    files.dedup();
    // `a.rook` and `./a.rook`, or a link and its target, are one file.
    let mut seen = HashSet::new();
    files.retain(|file| seen.insert(fs::canonicalize(file).unwrap_or_else(|_| file.clone())));
    Ok(files)
}

struct Walk<'a> {
    extensions: &'a [&'a str],
    special: SpecialFiles,
    /// Canonical paths of the directories entered so far.
    visited: HashSet<PathBuf>,
    files: Vec<PathBuf>,
}

impl Walk<'_> {
    /// A path the user named: a file is taken whatever its extension.
    fn named(&mut self, path: &Path) -> Result<(), LoadError> {
        let metadata = fs::metadata(path).map_err(|source| LoadError::CannotRead {
            path: path.to_path_buf(),
            source,
        })?;
        if metadata.is_dir() {
            let before = self.files.len();
            let entered = self.dir(path)?;
            if entered && self.files.len() == before {
                return Err(LoadError::NoFiles {
                    dir: path.to_path_buf(),
                    extensions: self.extensions.iter().map(|e| e.to_string()).collect(),
                });
            }
        } else if metadata.is_file() {
            self.files.push(path.to_path_buf());
        } else {
            self.special(path, &metadata)?;
        }
        Ok(())
    }

    /// Searches `dir` recursively; `false` when it was searched already.
    fn dir(&mut self, dir: &Path) -> Result<bool, LoadError> {
        let cannot_read = |source| LoadError::CannotReadDir {
            path: dir.to_path_buf(),
            source,
        };
        let canonical = fs::canonicalize(dir).map_err(cannot_read)?;
        if !self.visited.insert(canonical) {
            return Ok(false);
        }
        let entries = fs::read_dir(dir).map_err(cannot_read)?;
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
            let wanted = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| self.extensions.contains(&e));
            match fs::metadata(&path) {
                Ok(metadata) if metadata.is_dir() => {
                    if !hidden {
                        self.dir(&path)?;
                    }
                }
                _ if !wanted => {}
                Ok(metadata) if metadata.is_file() => self.files.push(path),
                Ok(metadata) => self.special(&path, &metadata)?,
                // A dangling link: reading it says why it cannot be read.
                Err(_) => self.files.push(path),
            }
        }
        Ok(true)
    }

    fn special(&mut self, path: &Path, metadata: &fs::Metadata) -> Result<(), LoadError> {
        match self.special {
            SpecialFiles::Refuse => Err(not_regular(path, metadata)),
            SpecialFiles::Skip => Ok(()),
        }
    }
}

/// Opens `path` for reading when it is a regular file (after following
/// links); anything else is an error naming it, before it is opened.
pub fn open_regular(path: &Path) -> Result<fs::File, LoadError> {
    let cannot_read = |source| LoadError::CannotRead {
        path: path.to_path_buf(),
        source,
    };
    let metadata = fs::metadata(path).map_err(cannot_read)?;
    if !metadata.is_file() {
        return Err(not_regular(path, &metadata));
    }
    let file = fs::File::open(path).map_err(cannot_read)?;
    // The path may have been replaced between the two looks.
    let metadata = file.metadata().map_err(cannot_read)?;
    if !metadata.is_file() {
        return Err(not_regular(path, &metadata));
    }
    Ok(file)
}

fn not_regular(path: &Path, metadata: &fs::Metadata) -> LoadError {
    if metadata.is_dir() {
        return LoadError::IsDirectory(path.to_path_buf());
    }
    LoadError::NotRegular {
        path: path.to_path_buf(),
        kind: kind(metadata),
    }
}

/// What kind of special file `metadata` describes.
fn kind(metadata: &fs::Metadata) -> SpecialKind {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let file_type = metadata.file_type();
        if file_type.is_fifo() {
            return SpecialKind::Fifo;
        }
        if file_type.is_socket() {
            return SpecialKind::Socket;
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return SpecialKind::Device;
        }
    }
    let _ = metadata;
    SpecialKind::Other
}
