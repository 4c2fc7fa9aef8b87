//! Context: the StorageClasses that say which filesystem a CephFS class
//! provisions from (`bucket_classes.rs` reads those of object stores), and
//! the object stores and filesystems import declares (or must invent) for
//! them. rookc writes none of these StorageClasses; they are read, not
//! imported.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

use super::plan::{Kind, Planner, Provider};
use super::report::Role;
use super::write;
use crate::check::names;

/// The namespace assumed for a store or filesystem no input places.
pub const GUESSED_NAMESPACE: &str = "rook-ceph";

/// Why the claims or volumes on a StorageClass cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClassError {
    /// The class's object store cannot be a declaration name.
    StoreName { store: String },
    /// Its `objectStoreNamespace` is no namespace name (`why`).
    StoreNamespace { why: crate::check::names::NameError },
    /// The store has another StorageClass, and the language gives it one.
    StoreHasClass { store: String, other: String },
    /// Another input places the store in another namespace.
    StoreElsewhere {
        store: String,
        known: String,
        namespace: String,
    },
    /// The class's filesystem cannot be a declaration name.
    FilesystemName { fs: String },
    /// The filesystem has another StorageClass.
    FilesystemHasClass { fs: String, other: String },
    /// The class is not among the inputs, and no object store or
    /// filesystem (`noun`) can be assumed for it.
    NotAmongInputs { class: String, noun: &'static str },
}

impl fmt::Display for ClassError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClassError::StoreName { store } => write!(f, "its object store `{store}` cannot be a declaration name (at most 63 lowercase letters, digits and `-`)"),
            ClassError::StoreNamespace { why } => write!(f, "its `objectStoreNamespace` {why}"),
            ClassError::StoreHasClass { store, other } => write!(f, "object store `{store}` has StorageClass `{other}` already, and the language gives an object store one"),
            ClassError::StoreElsewhere { store, known, namespace } => write!(f, "another input places object store `{store}` in namespace `{known}`, not `{namespace}`"),
            ClassError::FilesystemName { fs } => write!(f, "its filesystem `{fs}` cannot be a declaration name"),
            ClassError::FilesystemHasClass { fs, other } => write!(f, "filesystem `{fs}` has StorageClass `{other}` already, and the language gives a filesystem one (besides those of its subvolume groups)"),
            ClassError::NotAmongInputs { class, noun } => write!(f, "its StorageClass `{class}` is not among the inputs, and no {noun} can be assumed for it"),
        }
    }
}

impl Planner<'_> {
    pub(super) fn class_parameter(&self, index: usize, key: &str) -> Option<String> {
        let value = &self.documents[index].value;
        value
            .get("parameters")?
            .get(key)?
            .as_str()
            .map(str::to_string)
    }

    pub(super) fn class_name(&self, index: usize) -> Option<String> {
        let value = &self.documents[index].value;
        value
            .get("metadata")?
            .get("name")?
            .as_str()
            .map(str::to_string)
    }

    /// CephFS StorageClasses that no subvolume group took: the classes of
    /// each filesystem's default group, file classes where they can be
    /// (`file_classes.rs`), else read for context.
    pub fn import_cephfs_classes(&mut self) {
        for index in self.of_kind(Kind::CephfsClass) {
            if self.reports[index].role != Role::Skipped || self.import_file_class(index) {
                continue;
            }
            let Some(class) = self.class_name(index) else {
                self.reports[index].note("skipped: it has no `metadata.name`");
                continue;
            };
            let Some(fs) = self.class_parameter(index, "fsName") else {
                self.reports[index].note("skipped: it has no `parameters.fsName`");
                continue;
            };
            let namespace = self
                .class_parameter(index, "csi.storage.k8s.io/provisioner-secret-namespace")
                .or_else(|| self.class_parameter(index, "clusterID"));
            let provisioner = self.documents[index]
                .value
                .get("provisioner")
                .and_then(Value::as_str);
            let operator = provisioner
                .and_then(|p| p.strip_suffix(".cephfs.csi.ceph.com"))
                .map(str::to_string);
            let serves = self.serve_cephfs_class(&class, &fs, namespace, operator);
            let report = &mut self.reports[index];
            report.role = Role::Context;
            match &serves {
                Ok(_) => report.note(format!(
                    "read for context: the CephFS StorageClass of filesystem `{fs}`"
                )),
                Err(why) => report.note(format!(
                    "read for context; volumes on it cannot be imported: {why}"
                )),
            }
            self.cephfs_classes
                .insert(class, serves.map(|fs| (fs, None)));
        }
    }

    fn serve_cephfs_class(
        &mut self,
        class: &str,
        fs: &str,
        namespace: Option<String>,
        operator: Option<String>,
    ) -> Result<String, ClassError> {
        if !write::is_decl_name(fs) {
            return Err(ClassError::FilesystemName { fs: fs.to_string() });
        }
        let entry = self.filesystems.entry(fs.to_string()).or_default();
        if let Some(other) = &entry.storage_class {
            return Err(ClassError::FilesystemHasClass {
                fs: fs.to_string(),
                other: other.clone(),
            });
        }
        entry.storage_class = Some(class.to_string());
        if entry.namespace.is_none() {
            entry.namespace = namespace.filter(|n| names::dns_label(n).is_ok());
        }
        if entry.operator_namespace.is_none() {
            entry.operator_namespace = operator.filter(|n| names::dns_label(n).is_ok());
        }
        Ok(fs.to_string())
    }

    /// Whether claims on `class` are CephFS volumes: a CephFS StorageClass
    /// of the inputs, or one that is not among them with `cephfs` in its
    /// name.
    pub fn is_cephfs_class(&self, class: &str) -> bool {
        self.cephfs_classes.contains_key(class)
            || (!self.bucket_classes.contains_key(class)
                && class.to_ascii_lowercase().contains("cephfs"))
    }

    /// The filesystem (and subvolume group) of a volume's CephFS
    /// StorageClass. A class that is not among the inputs is assumed to be
    /// the only filesystem's without a class, or gets a filesystem of its
    /// own.
    pub fn filesystem_of_class(
        &mut self,
        index: usize,
        class: &str,
    ) -> Result<(String, Option<String>), ClassError> {
        let (filesystems, assumed) = (&mut self.filesystems, &mut self.assumed_classes);
        let target = self
            .cephfs_classes
            .entry(class.to_string())
            .or_insert_with(|| {
                assumed.insert(class.to_string());
                adopt_class(filesystems, class, "filesystem", "CephFilesystem", 253)
                    .map(|fs| (fs, None))
            })
            .clone();
        if let (Ok((fs, _)), true) = (&target, self.assumed_classes.contains(class)) {
            self.reports[index].assumed(format!("StorageClass `{class}` is not among the inputs; assumed to provision from filesystem `{fs}`"));
        }
        target
    }

    /// Namespaces no input gave, for the stores and filesystems declared.
    pub fn settle_namespaces(&mut self) {
        for store in self.stores.values_mut() {
            settle_namespace(store, "object store");
        }
        for fs in self.filesystems.values_mut() {
            settle_namespace(fs, "filesystem");
        }
    }
}

/// Where a StorageClass that is not among the inputs goes: to the only
/// provider (object store or filesystem) the inputs name without one,
/// else to a new one named after the class (`noun`, `kind` and the
/// longest name it may have tell which); `Err` when neither can be.
pub(super) fn adopt_class(
    providers: &mut BTreeMap<String, Provider>,
    class: &str,
    noun: &'static str,
    kind: &str,
    longest: usize,
) -> Result<String, ClassError> {
    let free: Vec<String> = providers
        .iter()
        .filter(|(_, p)| p.storage_class.is_none())
        .map(|(name, _)| name.clone())
        .collect();
    if let [only] = free.as_slice() {
        let provider = providers.entry(only.clone()).or_default();
        provider.comments.push(format!("rookc import: `storage_class` assumed: StorageClass `{class}` is not among the inputs, and this is the only {noun} they name without one"));
        provider.storage_class = Some(class.to_string());
        return Ok(only.clone());
    }
    if write::is_decl_name(class) && class.len() <= longest && !providers.contains_key(class) {
        let provider = Provider {
            storage_class: Some(class.to_string()),
            comments: vec![format!("rookc import: invented for StorageClass `{class}`, which is not among the inputs: check the name and namespace of its {kind}")],
            ..Provider::default()
        };
        providers.insert(class.to_string(), provider);
        return Ok(class.to_string());
    }
    Err(ClassError::NotAmongInputs {
        class: class.to_string(),
        noun,
    })
}

/// Gives a provider no input places the namespace [`GUESSED_NAMESPACE`].
pub(super) fn settle_namespace(provider: &mut Provider, noun: &str) {
    if provider.namespace.is_none() {
        provider.namespace = Some(GUESSED_NAMESPACE.to_string());
        provider.guessed_namespace = true;
        provider.comments.push(format!(
            "rookc import: namespace assumed: no input says where this {noun} lives"
        ));
    }
}
