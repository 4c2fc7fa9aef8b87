//! The texts the server analyses, by URI: the editor's for open documents,
//! the disk's for every other `.rook` file of the workspace. Files on disk
//! are read when the server starts and again when the client reports them
//! created, changed or deleted (`workspace/didChangeWatchedFiles`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use lsp_types::{FileChangeType, FileEvent, Uri};

use super::uri;

#[derive(Default)]
pub struct Texts {
    texts: BTreeMap<Uri, String>,
    /// Documents open in the editor: the disk does not override them.
    open: BTreeSet<Uri>,
}

impl Texts {
    /// Every text, in URI order.
    pub fn iter(&self) -> impl Iterator<Item = (&Uri, &String)> {
        self.texts.iter()
    }

    /// Reads every `.rook` file under `root`, forgetting files that are
    /// gone (open documents keep the editor's text).
    pub fn scan(&mut self, root: &Path) {
        let Ok(files) = crate::load::find_workspace_files(root) else {
            return;
        };
        let open = &self.open;
        self.texts.retain(|uri, _| open.contains(uri));
        for path in files {
            let Some(uri) = uri::from_path(&path) else {
                continue;
            };
            if self.open.contains(&uri) {
                continue;
            }
            if let Some(text) = read_regular(&path) {
                self.texts.insert(uri, text);
            }
        }
    }

    /// The editor's text of a document, opened or changed.
    pub fn open(&mut self, uri: Uri, text: String) {
        self.open.insert(uri.clone());
        self.texts.insert(uri, text);
    }

    /// A document closed: the disk's text replaces the editor's, or the
    /// file leaves the workspace when it is not on disk.
    pub fn close(&mut self, uri: &Uri) {
        self.open.remove(uri);
        match uri::to_path(uri).and_then(|path| read_regular(&path)) {
            Some(text) => self.texts.insert(uri.clone(), text),
            None => self.texts.remove(uri),
        };
    }

    /// Files changed on disk; `true` when a text changed.
    pub fn disk_changed(&mut self, events: &[FileEvent]) -> bool {
        let mut changed = false;
        for event in events {
            if self.open.contains(&event.uri) {
                continue;
            }
            changed |= if event.typ == FileChangeType::DELETED {
                self.forget(&event.uri)
            } else {
                self.reread(&event.uri)
            };
        }
        changed
    }

    /// Reads a `.rook` file that is not open again; `true` when its text
    /// changed.
    fn reread(&mut self, uri: &Uri) -> bool {
        let Some(path) = uri::to_path(uri).filter(|p| is_rook(p)) else {
            return false;
        };
        match read_regular(&path) {
            Some(text) => self.texts.insert(uri.clone(), text.clone()) != Some(text),
            None => self.texts.remove(uri).is_some(),
        }
    }

    /// Drops a deleted file, or every file under a deleted directory, that
    /// is not open; `true` when one was known.
    fn forget(&mut self, uri: &Uri) -> bool {
        let Some(deleted) = uri::to_path(uri) else {
            return self.texts.remove(uri).is_some();
        };
        let before = self.texts.len();
        let open = &self.open;
        self.texts.retain(|known, _| {
            open.contains(known) || !uri::to_path(known).is_some_and(|p| p.starts_with(&deleted))
        });
        self.texts.len() != before
    }
}

fn is_rook(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "rook")
}

/// The text of a file on disk, when it is a regular UTF-8 file: a FIFO in
/// the workspace must not block the server.
fn read_regular(path: &Path) -> Option<String> {
    let mut text = String::new();
    std::io::Read::read_to_string(&mut crate::load::open_regular(path).ok()?, &mut text).ok()?;
    Some(text)
}
