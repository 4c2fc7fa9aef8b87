//! Why a program could not be read: one variant per problem, with the
//! path and the I/O error it came from; the wording is in one `Display`.

use std::path::PathBuf;

use super::{io_reason, MAX_FILE_SIZE};

/// A problem reading the program from disk (exit code 2). The message
/// ([`Display`](std::fmt::Display)) includes the I/O reason, because the
/// CLI prints only that line; [`source`](std::error::Error::source) gives
/// the I/O error itself.
#[derive(Debug)]
pub enum LoadError {
    /// A file or named path could not be looked at, opened or read.
    CannotRead {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A directory could not be listed.
    CannotReadDir {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A named directory holds no file with any of the extensions.
    NoFiles {
        dir: PathBuf,
        extensions: Vec<String>,
    },
    /// A directory where a file was expected.
    IsDirectory(PathBuf),
    /// A FIFO, socket or device where a file was expected.
    NotRegular { path: PathBuf, kind: SpecialKind },
    /// Larger than [`MAX_FILE_SIZE`]; `size` in bytes.
    TooLarge { path: PathBuf, size: u64 },
    /// Not UTF-8: the first invalid byte and where it is.
    NotUtf8 {
        path: PathBuf,
        byte: u8,
        line: usize,
        column: usize,
        offset: usize,
    },
    /// Empty, or only whitespace.
    Empty(PathBuf),
}

/// What kind of special file a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialKind {
    Fifo,
    Socket,
    Device,
    Other,
}

impl std::fmt::Display for SpecialKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SpecialKind::Fifo => "a named pipe (FIFO)",
            SpecialKind::Socket => "a socket",
            SpecialKind::Device => "a device",
            SpecialKind::Other => "a special file",
        })
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::CannotRead { path, source } => {
                write!(f, "cannot read `{}`: {}", path.display(), io_reason(source))
            }
            LoadError::CannotReadDir { path, source } => write!(
                f,
                "cannot read directory `{}`: {}",
                path.display(),
                io_reason(source)
            ),
            LoadError::NoFiles { dir, extensions } => {
                let kinds: Vec<String> = extensions.iter().map(|e| format!("`.{e}`")).collect();
                write!(f, "no {} files in `{}`", kinds.join(" or "), dir.display())
            }
            LoadError::IsDirectory(path) => write!(
                f,
                "cannot read `{}`: it is a directory, not a file",
                path.display()
            ),
            LoadError::NotRegular { path, kind } => write!(
                f,
                "cannot read `{}`: it is {kind}, not a regular file; rookc reads only regular files",
                path.display()
            ),
            LoadError::TooLarge { path, size } => write!(
                f,
                "`{}` is too large ({} MiB): rookc reads files of up to {} MiB; split the program into several files",
                path.display(),
                size.div_ceil(1024 * 1024),
                MAX_FILE_SIZE / (1024 * 1024)
            ),
            LoadError::NotUtf8 {
                path,
                byte,
                line,
                column,
                offset,
            } => write!(
                f,
                "`{}` is not UTF-8 text (invalid byte 0x{byte:02X} at line {line}, column {column}, byte offset {offset})",
                path.display()
            ),
            LoadError::Empty(path) => write!(
                f,
                "`{}` is empty: a `.rook` file holds declarations; delete it, or add a comment to keep it",
                path.display()
            ),
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::CannotRead { source, .. } | LoadError::CannotReadDir { source, .. } => {
                Some(source)
            }
            LoadError::NoFiles { .. }
            | LoadError::IsDirectory(_)
            | LoadError::NotRegular { .. }
            | LoadError::TooLarge { .. }
            | LoadError::NotUtf8 { .. }
            | LoadError::Empty(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error;
    use std::io;

    use super::*;

    #[test]
    fn the_io_error_is_the_source_and_its_reason_is_in_the_message() {
        let error = LoadError::CannotRead {
            path: PathBuf::from("a.rook"),
            source: io::Error::from(io::ErrorKind::NotFound),
        };
        assert_eq!(error.to_string(), "cannot read `a.rook`: entity not found");
        let source = error.source().and_then(|s| s.downcast_ref::<io::Error>());
        assert_eq!(source.map(io::Error::kind), Some(io::ErrorKind::NotFound));
        assert!(LoadError::Empty(PathBuf::from("a.rook")).source().is_none());
    }
}
