//! The two sides of a diff: what each argument is, and its objects.
//!
//! A side is `.rook` sources (a directory or files, compiled as `rookc
//! build` would), the sources at a git revision (`--from REV`), or
//! manifests (a YAML file, a directory of them, or `-` for standard
//! input): rookc's own output or an export of a live cluster.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::git;
use super::key::ObjectKey;
use super::normalize::{self, Object};
use super::DiffError;
use crate::source::SourceMap;
use crate::{ast, model};

/// What an argument is, when the user says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideKind {
    Sources,
    Manifests,
}

/// Where a side's objects come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SideSpec {
    Sources(Vec<PathBuf>),
    Revision {
        revision: String,
        paths: Vec<PathBuf>,
    },
    /// `-` reads standard input.
    Manifests(Vec<PathBuf>),
}

impl SideSpec {
    /// What an argument is: `-` is a manifest stream; a `.rook` file is
    /// sources, a `.yaml`, `.yml` or `.json` file manifests; a directory is
    /// sources when it holds `.rook` files and no manifests, manifests in
    /// the other case. Anything else needs `kind`.
    pub fn detect(path: &Path, kind: Option<SideKind>) -> Result<SideSpec, DiffError> {
        let paths = vec![path.to_path_buf()];
        match kind {
            Some(SideKind::Sources) => return Ok(SideSpec::Sources(paths)),
            Some(SideKind::Manifests) => return Ok(SideSpec::Manifests(paths)),
            None => {}
        }
        if path == Path::new("-") {
            return Ok(SideSpec::Manifests(paths));
        }
        let metadata = std::fs::metadata(path).map_err(|e| {
            DiffError::Usage(format!(
                "cannot read `{}`: {}",
                path.display(),
                crate::load::io_reason(&e)
            ))
        })?;
        let (rook, yaml) = if metadata.is_dir() {
            let found = |extensions: &[&str]| {
                crate::load::find_files_with(&paths, extensions).is_ok_and(|f| !f.is_empty())
            };
            (found(&["rook"]), found(MANIFEST_EXTENSIONS))
        } else {
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            (
                extension == "rook",
                MANIFEST_EXTENSIONS.contains(&extension),
            )
        };
        match (rook, yaml) {
            (true, false) => Ok(SideSpec::Sources(paths)),
            (false, true) => Ok(SideSpec::Manifests(paths)),
            (true, true) => Err(DiffError::Usage(format!(
                "`{}` holds both `.rook` sources and YAML manifests; say which to compare with `--old-as` or `--new-as` (`sources` or `manifests`)",
                path.display()
            ))),
            (false, false) => Err(DiffError::Usage(format!(
                "`{}` is neither `.rook` sources nor YAML manifests; say which it is with `--old-as` or `--new-as`",
                path.display()
            ))),
        }
    }

    /// How reports name the side.
    pub fn label(&self) -> String {
        let join = |paths: &[PathBuf]| {
            let shown: Vec<String> = paths
                .iter()
                .map(|p| match p.to_str() {
                    Some("-") => "standard input".to_string(),
                    _ => p.display().to_string(),
                })
                .collect();
            shown.join(" ")
        };
        match self {
            SideSpec::Sources(paths) | SideSpec::Manifests(paths) => join(paths),
            SideSpec::Revision { revision, paths } => format!("{} at {revision}", join(paths)),
        }
    }
}

const MANIFEST_EXTENSIONS: &[&str] = &["yaml", "yml", "json"];

/// A compiled side: the program's files, so that changes can be shown at
/// the lines that cause them.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub sources: SourceMap,
    pub files: Vec<ast::File>,
    pub program: model::Program,
}

/// One side, loaded.
#[derive(Debug, Clone)]
pub struct Side {
    pub label: String,
    pub objects: BTreeMap<ObjectKey, Object>,
    /// Present when the side is sources.
    pub compiled: Option<Compiled>,
    /// Some object came from a cluster (had server fields).
    pub live: bool,
    /// Documents without a kind or a name, left out.
    pub skipped: usize,
}

impl Side {
    pub fn load(spec: &SideSpec) -> Result<Side, DiffError> {
        let label = spec.label();
        match spec {
            SideSpec::Sources(paths) => {
                let sources = crate::load::find_files(paths)
                    .and_then(|files| crate::load::read_files(&files))
                    .map_err(|e| DiffError::Usage(e.to_string()))?;
                Side::compile(label, sources)
            }
            SideSpec::Revision { revision, paths } => {
                Side::compile(label, git::read_revision(revision, paths)?)
            }
            SideSpec::Manifests(paths) => Side::from_documents(label, read_manifests(paths)?),
        }
    }

    /// Compiles the sources; a program with errors cannot be compared.
    pub fn compile(label: String, sources: SourceMap) -> Result<Side, DiffError> {
        let analysis = crate::analyze(&sources);
        if analysis.has_errors() {
            return Err(DiffError::Program {
                label,
                sources,
                diagnostics: analysis.diagnostics,
            });
        }
        let manifests = crate::emit::emit(&analysis.program)
            .map_err(|e| DiffError::Usage(format!("internal error: {e}")))?;
        let mut documents = Vec::with_capacity(manifests.len());
        for manifest in &manifests {
            let values = crate::import::yaml::documents(&manifest.yaml).map_err(|e| {
                DiffError::Usage(format!("internal error: emitted YAML: {}", e.message))
            })?;
            documents.extend(values);
        }
        let mut side = Side::from_documents(label, documents)?;
        side.compiled = Some(Compiled {
            sources,
            files: analysis.files,
            program: analysis.program,
        });
        Ok(side)
    }

    /// A side of manifests already parsed.
    pub fn from_documents(
        label: String,
        documents: Vec<serde_json::Value>,
    ) -> Result<Side, DiffError> {
        let documents = documents.into_iter().filter(|d| !d.is_null()).collect();
        let (objects, skipped) = normalize::objects(documents);
        let mut by_key = BTreeMap::new();
        let mut live = false;
        for object in objects {
            live |= object.live;
            let key = object.key.clone();
            if by_key.insert(key.clone(), object).is_some() {
                return Err(DiffError::Usage(format!("{key} appears twice in {label}")));
            }
        }
        Ok(Side {
            label,
            objects: by_key,
            compiled: None,
            live,
            skipped,
        })
    }
}

/// The documents of manifest files, directories (`*.yaml`, `*.yml`,
/// `*.json`) or standard input (`-`).
fn read_manifests(paths: &[PathBuf]) -> Result<Vec<serde_json::Value>, DiffError> {
    let mut documents = Vec::new();
    for path in paths {
        if path == Path::new("-") {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| {
                DiffError::Usage(format!(
                    "cannot read standard input: {}",
                    crate::load::io_reason(&e)
                ))
            })?;
            documents.extend(parse_yaml(&text, "standard input")?);
            continue;
        }
        let files = crate::load::find_files_with(std::slice::from_ref(path), MANIFEST_EXTENSIONS)
            .map_err(|e| DiffError::Usage(e.to_string()))?;
        let sources =
            crate::load::read_files(&files).map_err(|e| DiffError::Usage(e.to_string()))?;
        for id in sources.ids() {
            let name = sources.path(id).display().to_string();
            documents.extend(parse_yaml(&sources.get(id).text, &name)?);
        }
    }
    Ok(documents)
}

/// A YAML (or JSON, which is YAML) stream's documents.
fn parse_yaml(text: &str, name: &str) -> Result<Vec<serde_json::Value>, DiffError> {
    crate::import::yaml::documents(text).map_err(|e| {
        let place = match (e.line, e.column) {
            (Some(line), Some(column)) => format!("{name}:{line}:{column}"),
            _ => name.to_string(),
        };
        DiffError::Usage(format!("{place}: this is not valid YAML: {}", e.message))
    })
}
