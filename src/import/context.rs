//! Context: the StorageClasses that say which object store a bucket class
//! serves and which filesystem a CephFS class provisions from, and the
//! object stores and filesystems import declares (or must invent) for
//! them. rookc writes none of these StorageClasses; they are read, not
//! imported.

use serde_json::Value;

use std::collections::BTreeMap;

use super::plan::{Kind, Planner, Provider};
use super::report::Role;
use super::write;
use crate::check::names;

/// The namespace assumed for a store or filesystem no input places.
pub const GUESSED_NAMESPACE: &str = "rook-ceph";

impl Planner<'_> {
    fn class_parameter(&self, index: usize, key: &str) -> Option<String> {
        let value = &self.documents[index].value;
        value
            .get("parameters")?
            .get(key)?
            .as_str()
            .map(str::to_string)
    }

    fn class_name(&self, index: usize) -> Option<String> {
        let value = &self.documents[index].value;
        value
            .get("metadata")?
            .get("name")?
            .as_str()
            .map(str::to_string)
    }

    /// Bucket StorageClasses: `bucketclass` declarations where the language
    /// can write them, else read for the object store each one serves.
    pub fn import_bucket_classes(&mut self) {
        for index in self.of_kind(Kind::BucketClass) {
            if self.import_bucket_class(index) {
                continue;
            }
            let Some(class) = self.class_name(index) else {
                self.reports[index].note("skipped: it has no `metadata.name`");
                continue;
            };
            let Some(store) = self.class_parameter(index, "objectStoreName") else {
                self.reports[index].note("skipped: it has no `parameters.objectStoreName`");
                continue;
            };
            let namespace = self.class_parameter(index, "objectStoreNamespace");
            let serves = self.serve_bucket_class(&class, &store, namespace);
            let report = &mut self.reports[index];
            report.role = Role::Context;
            match &serves {
                Ok(store) => report.note(format!(
                    "read for context: the bucket StorageClass of object store `{store}`"
                )),
                Err(why) => report.note(format!(
                    "read for context; claims on it cannot be imported: {why}"
                )),
            }
            self.bucket_classes.insert(class, serves);
        }
    }

    fn serve_bucket_class(
        &mut self,
        class: &str,
        store: &str,
        namespace: Option<String>,
    ) -> Result<String, String> {
        if !write::is_decl_name(store) || store.len() > 63 {
            return Err(format!("its object store `{store}` cannot be a declaration name (at most 63 lowercase letters, digits and `-`)"));
        }
        if let Some(Err(why)) = namespace.as_deref().map(names::dns_label) {
            return Err(format!("its `objectStoreNamespace` {why}"));
        }
        let entry = self.stores.entry(store.to_string()).or_default();
        if let Some(other) = &entry.storage_class {
            return Err(format!("object store `{store}` has StorageClass `{other}` already, and the language gives an object store one"));
        }
        if let (Some(known), Some(namespace)) = (&entry.namespace, &namespace) {
            if known != namespace {
                return Err(format!("another input places object store `{store}` in namespace `{known}`, not `{namespace}`"));
            }
        }
        entry.storage_class = Some(class.to_string());
        if entry.namespace.is_none() {
            entry.namespace = namespace;
        }
        Ok(store.to_string())
    }

    /// CephFS StorageClasses that no subvolume group took: the class of
    /// each filesystem's default group.
    pub fn import_cephfs_classes(&mut self) {
        for index in self.of_kind(Kind::CephfsClass) {
            if self.reports[index].role != Role::Skipped {
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
    ) -> Result<String, String> {
        if !write::is_decl_name(fs) {
            return Err(format!(
                "its filesystem `{fs}` cannot be a declaration name"
            ));
        }
        let entry = self.filesystems.entry(fs.to_string()).or_default();
        if let Some(other) = &entry.storage_class {
            return Err(format!("filesystem `{fs}` has StorageClass `{other}` already, and the language gives a filesystem one (besides those of its subvolume groups)"));
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

    /// The object store of a claim's StorageClass. A class that is not
    /// among the inputs is assumed to be the only nameless store's, or
    /// gets an object store of its own name; either way with a warning.
    pub fn store_of_class(&mut self, index: usize, class: &str) -> Result<String, String> {
        let store = self.resolve_bucket_class(class)?;
        if self.assumed_classes.contains(class) {
            self.reports[index].assumed(format!("StorageClass `{class}` is not among the inputs; assumed to serve object store `{store}`"));
        }
        self.settle_store_namespace(&store, Some(index));
        Ok(store)
    }

    /// [`Planner::store_of_class`] without the warnings.
    pub fn resolve_bucket_class(&mut self, class: &str) -> Result<String, String> {
        if !self.bucket_classes.contains_key(class) {
            let store = adopt_class(
                &mut self.stores,
                class,
                "object store",
                "CephObjectStore",
                63,
            );
            self.assumed_classes.insert(class.to_string());
            self.bucket_classes.insert(class.to_string(), store);
        }
        let store = self
            .bucket_classes
            .get(class)
            .cloned()
            .unwrap_or_else(|| Err(String::new()))?;
        self.settle_store_namespace(&store, None);
        Ok(store)
    }

    /// Gives a store no input places the namespace [`GUESSED_NAMESPACE`],
    /// warning in the report of `index`.
    pub fn settle_store_namespace(&mut self, store: &str, index: Option<usize>) {
        let Some(entry) = self.stores.get_mut(store) else {
            return;
        };
        settle_namespace(entry, "object store");
        if let (true, Some(index)) = (entry.guessed_namespace, index) {
            self.reports[index].assumed(format!(
                "object store `{store}`'s namespace `{GUESSED_NAMESPACE}` is assumed"
            ));
        }
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
    ) -> Result<(String, Option<String>), String> {
        if !self.cephfs_classes.contains_key(class) {
            let fs = adopt_class(
                &mut self.filesystems,
                class,
                "filesystem",
                "CephFilesystem",
                253,
            );
            self.assumed_classes.insert(class.to_string());
            self.cephfs_classes
                .insert(class.to_string(), fs.map(|fs| (fs, None)));
        }
        let target = self
            .cephfs_classes
            .get(class)
            .cloned()
            .unwrap_or_else(|| Err(String::new()));
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
fn adopt_class(
    providers: &mut BTreeMap<String, Provider>,
    class: &str,
    noun: &str,
    kind: &str,
    longest: usize,
) -> Result<String, String> {
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
    Err(format!(
        "its StorageClass `{class}` is not among the inputs, and no {noun} can be assumed for it"
    ))
}

/// Gives a provider no input places the namespace [`GUESSED_NAMESPACE`].
fn settle_namespace(provider: &mut Provider, noun: &str) {
    if provider.namespace.is_none() {
        provider.namespace = Some(GUESSED_NAMESPACE.to_string());
        provider.guessed_namespace = true;
        provider.comments.push(format!(
            "rookc import: namespace assumed: no input says where this {noun} lives"
        ));
    }
}
