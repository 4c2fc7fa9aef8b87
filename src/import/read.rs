//! Finding and reading the manifests `rookc import` takes: files named
//! directly (whatever their extension) and `*.yaml` / `*.yml` files under
//! named directories, recursively, in sorted path order.

use std::path::PathBuf;

use serde_json::Value;

use super::yaml;
use crate::load;

/// One document of an input file.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub file: PathBuf,
    /// 1-based position of the document in its file.
    pub index: usize,
    pub value: Value,
}

/// A usage or I/O problem, or YAML that does not parse (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError(pub String);

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Every document of every input file; empty documents are left out.
pub fn read(paths: &[PathBuf]) -> Result<Vec<Document>, ImportError> {
    let files =
        load::find_files_with(paths, &["yaml", "yml"]).map_err(|e| ImportError(e.to_string()))?;
    let sources = load::read_files(&files).map_err(|e| ImportError(e.to_string()))?;
    let mut documents = Vec::new();
    for id in sources.ids() {
        let path = sources.path(id);
        let values = yaml::documents(&sources.get(id).text).map_err(|e| {
            let place = match (e.line, e.column) {
                (Some(line), Some(column)) => format!("{}:{line}:{column}", path.display()),
                _ => path.display().to_string(),
            };
            ImportError(format!("{place}: this is not valid YAML: {}", e.message))
        })?;
        for (index, value) in values.into_iter().enumerate() {
            if !value.is_null() {
                documents.push(Document {
                    file: path.to_path_buf(),
                    index: index + 1,
                    value,
                });
            }
        }
    }
    Ok(documents)
}
