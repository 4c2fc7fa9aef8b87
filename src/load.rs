//! Finding and reading the `.rook` files of a program.
//!
//! Every problem here is an I/O or usage error (exit code 2), never a
//! diagnostic: a path that cannot be read, a directory without `.rook`
//! files, a file that is not UTF-8, is empty, or is larger than
//! [`MAX_FILE_SIZE`], a FIFO, socket or device where a file should be.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::source::SourceMap;

mod error;
mod walk;

pub use error::{LoadError, SpecialKind};

pub use walk::open_regular;
use walk::SpecialFiles;

/// Every `.rook` file named, or found under a named directory (recursively;
/// hidden directories are skipped), in sorted path order, each once. A FIFO,
/// socket or device among them is an error.
pub fn find_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    find_files_with(paths, &["rook"])
}

/// Like [`find_files`], for files with any of `extensions` (without the
/// dot): files named directly are taken whatever their extension.
pub fn find_files_with(paths: &[PathBuf], extensions: &[&str]) -> Result<Vec<PathBuf>, LoadError> {
    walk::find(paths, extensions, SpecialFiles::Refuse)
}

/// The `.rook` files under a workspace root, for the language server:
/// like [`find_files`], but FIFOs, sockets and devices are left out.
pub fn find_workspace_files(root: &Path) -> Result<Vec<PathBuf>, LoadError> {
    walk::find(&[root.to_path_buf()], &["rook"], SpecialFiles::Skip)
}

/// The largest file rookc reads: far beyond any real program (a program
/// of 100,000 buckets is 31 MB, and it can be split into files), and small
/// enough that a damaged or wrong file cannot exhaust memory.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Reads the files into a source map.
pub fn read_files(files: &[PathBuf]) -> Result<SourceMap, LoadError> {
    let mut sources = SourceMap::new();
    for path in files {
        let text = read_file(path)?;
        sources.add(path.clone(), text);
    }
    Ok(sources)
}

fn read_file(path: &Path) -> Result<String, LoadError> {
    let cannot_read = |source| LoadError::CannotRead {
        path: path.to_path_buf(),
        source,
    };
    let file = open_regular(path)?;
    let size = file.metadata().map_err(cannot_read)?.len();
    let too_large = |size| LoadError::TooLarge {
        path: path.to_path_buf(),
        size,
    };
    if size > MAX_FILE_SIZE {
        return Err(too_large(size));
    }
    // Read one byte more than allowed, in case the file grew meanwhile
    // (or is not a regular file and has no size).
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_large(bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let (line, column) = line_column(&bytes[..offset]);
        LoadError::NotUtf8 {
            path: path.to_path_buf(),
            byte: bytes.get(offset).copied().unwrap_or(0),
            line,
            column,
            offset,
        }
    })?;
    if text.trim().is_empty() {
        return Err(LoadError::Empty(path.to_path_buf()));
    }
    Ok(text)
}

/// 1-based line and column (in characters) just after `valid`, UTF-8 text;
/// `\n`, `\r\n` and a lone `\r` each end a line.
fn line_column(valid: &[u8]) -> (usize, usize) {
    let text = std::str::from_utf8(valid).unwrap_or("");
    let mut line = 1;
    let mut line_start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let ends_line = c == '\n' || (c == '\r' && chars.peek().is_none_or(|&(_, n)| n != '\n'));
        if ends_line {
            line += 1;
            line_start = i + 1;
        }
    }
    (line, text[line_start..].chars().count() + 1)
}

/// The reason of an I/O error without Rust's "(os error N)" suffix.
pub fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}
