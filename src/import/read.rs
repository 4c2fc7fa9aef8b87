//! Finding and reading the manifests `rookc import` takes: files named
//! directly (whatever their extension) and `*.yaml` / `*.yml` files under
//! named directories, recursively, in sorted path order. A file that is
//! not valid YAML is set aside, and the others are still read.

use std::fmt;
use std::path::PathBuf;

use serde_json::Value;

use super::yaml::{self, YamlError};
use crate::load::{self, LoadError};

/// One document of an input file.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub file: PathBuf,
    /// 1-based position of the document in its file.
    pub index: usize,
    pub value: Value,
}

/// What the input files hold.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Inputs {
    /// Every document of every valid file, in order; empty documents are
    /// left out.
    pub documents: Vec<Document>,
    /// The files that are not valid YAML, in path order. None of their
    /// documents is read.
    pub invalid: Vec<InvalidYaml>,
    /// How many files were read.
    pub files: usize,
}

/// A file that is not valid YAML: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidYaml {
    pub file: PathBuf,
    pub error: YamlError,
}

impl InvalidYaml {
    /// `deploy/obc.yaml:12:7`, or the file alone when the parser gives
    /// no position.
    pub fn place(&self) -> String {
        match (self.error.line, self.error.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", self.file.display()),
            _ => self.file.display().to_string(),
        }
    }
}

impl fmt::Display for InvalidYaml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: this is not valid YAML: {}",
            self.place(),
            self.error.message
        )
    }
}

/// A usage or I/O problem, or input of which no file is valid YAML (exit
/// code 2).
#[derive(Debug)]
pub enum ImportError {
    /// A path that cannot be read, a directory without manifests.
    Load(LoadError),
    /// Every input file is invalid YAML: nothing to import.
    NoValidFile(Vec<InvalidYaml>),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Load(error) => write!(f, "{error}"),
            ImportError::NoValidFile(files) => {
                let lines: Vec<String> = files.iter().map(InvalidYaml::to_string).collect();
                f.write_str(&lines.join("\n"))
            }
        }
    }
}

impl From<LoadError> for ImportError {
    fn from(error: LoadError) -> Self {
        ImportError::Load(error)
    }
}

/// Every document of every input file; an explicit `null` of a mapping's
/// key is as absent (Kubernetes reads it so: an optional field set to
/// `null` is not set).
pub fn read(paths: &[PathBuf]) -> Result<Inputs, ImportError> {
    let files = load::find_files_with(paths, &["yaml", "yml"])?;
    let sources = load::read_files(&files)?;
    let mut inputs = Inputs::default();
    for id in sources.ids() {
        inputs.files += 1;
        let path = sources.path(id);
        let values = match yaml::documents(&sources.get(id).text) {
            Ok(values) => values,
            Err(error) => {
                inputs.invalid.push(InvalidYaml {
                    file: path.to_path_buf(),
                    error,
                });
                continue;
            }
        };
        for (index, mut value) in values.into_iter().enumerate() {
            if !value.is_null() {
                drop_nulls(&mut value);
                inputs.documents.push(Document {
                    file: path.to_path_buf(),
                    index: index + 1,
                    value,
                });
            }
        }
    }
    if inputs.files > 0 && inputs.invalid.len() == inputs.files {
        return Err(ImportError::NoValidFile(inputs.invalid));
    }
    Ok(inputs)
}

/// Removes the keys whose value is `null`, at every depth.
fn drop_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn null_keys_are_absent() {
        let mut value = json!({"spec": {"additionalConfig": null, "a": [{"b": null}, null]}});
        drop_nulls(&mut value);
        assert_eq!(value, json!({"spec": {"a": [{}, null]}}));
    }
}
