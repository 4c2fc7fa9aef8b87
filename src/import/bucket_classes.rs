//! Context: the bucket StorageClasses that say which object store claims
//! point at. The inputs' classes say it by `objectStoreName`; a class that
//! is not among them goes to the store of a claim's owner, else to the
//! only store without a class, else to a store invented for it. rookc
//! writes the classes it can as `bucketclass` declarations
//! (`bucket_class_decls.rs`); of the others, read here for context, the
//! `reclaimPolicy` and `parameters.bucketName` are reported.

use serde_json::Value;

use super::context::{adopt_class, settle_namespace, ClassError, GUESSED_NAMESPACE};
use super::fields::show;
use super::plan::{Kind, Planner};
use super::report::Role;
use super::write;
use crate::check::names;

/// Why a bucket StorageClass's settings are not in the source.
const NOT_CARRIED: &str =
    "not carried over (the language cannot declare bucket StorageClasses yet; rookc does not write this one)";

impl Planner<'_> {
    /// Bucket StorageClasses: the object store each one serves.
    pub fn import_bucket_classes(&mut self) {
        for index in self.of_kind(Kind::BucketClass) {
            // A class the language can write becomes a `bucketclass`.
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
            self.report_class_settings(index, &class, serves.as_ref().ok());
            self.bucket_classes.insert(class, serves);
        }
    }

    /// Reports a class's `reclaimPolicy` (a note for `Delete`, the
    /// default) and its `parameters.bucketName` (a class bound to an
    /// existing bucket), and remembers the bucket for the claims on it.
    fn report_class_settings(&mut self, index: usize, class: &str, store: Option<&String>) {
        let value = &self.documents[index].value;
        let mut comments = Vec::new();
        match value.get("reclaimPolicy") {
            None => {}
            Some(Value::String(policy)) if policy == "Delete" => self.reports[index].note(format!(
                "{NOT_CARRIED}: reclaimPolicy = \"Delete\", Kubernetes's default"
            )),
            Some(policy) => {
                self.reports[index]
                    .warn(format!("{NOT_CARRIED}: reclaimPolicy = {}", show(policy)));
                let written = policy.as_str().map_or_else(|| show(policy), str::to_string);
                comments.push(format!("rookc import: StorageClass `{class}` has `reclaimPolicy: {written}`, which the language cannot declare yet"));
            }
        }
        if let Some(bucket) = value.get("parameters").and_then(|p| p.get("bucketName")) {
            let shown = show(bucket);
            self.reports[index].warn(format!("{NOT_CARRIED}: parameters.bucketName = {shown} (claims on this class are granted that existing bucket, and Rook creates none)"));
            comments.push(format!("rookc import: StorageClass `{class}` is bound to the existing bucket {shown} (`parameters.bucketName`), which the language cannot declare yet"));
            self.existing_buckets.insert(class.to_string(), shown);
        }
        if let Some(provider) = store.and_then(|s| self.stores.get_mut(s)) {
            provider.comments.append(&mut comments);
        }
    }

    fn serve_bucket_class(
        &mut self,
        class: &str,
        store: &str,
        namespace: Option<String>,
    ) -> Result<String, ClassError> {
        if !write::is_decl_name(store) || store.len() > 63 {
            return Err(ClassError::StoreName {
                store: store.to_string(),
            });
        }
        if let Some(Err(why)) = namespace.as_deref().map(names::dns_label) {
            return Err(ClassError::StoreNamespace { why });
        }
        let entry = self.stores.entry(store.to_string()).or_default();
        if let Some(other) = &entry.storage_class {
            return Err(ClassError::StoreHasClass {
                store: store.to_string(),
                other: other.clone(),
            });
        }
        if let (Some(known), Some(namespace)) = (&entry.namespace, &namespace) {
            if known != namespace {
                return Err(ClassError::StoreElsewhere {
                    store: store.to_string(),
                    known: known.clone(),
                    namespace: namespace.clone(),
                });
            }
        }
        entry.storage_class = Some(class.to_string());
        if entry.namespace.is_none() {
            entry.namespace = namespace;
        }
        Ok(store.to_string())
    }

    /// Bucket StorageClasses that are not among the inputs, told apart by
    /// the claims' owners: a class goes to the object store of the first
    /// imported user that owns a claim on it, when that store and another
    /// one have no class yet.
    pub fn adopt_classes_of_owners(&mut self) {
        let documents = self.documents;
        for index in self.of_kind(Kind::Claim) {
            let (Some(class), Some(owner)) = class_and_owner(&documents[index].value) else {
                continue;
            };
            if self.bucket_classes.contains_key(class) {
                continue;
            }
            let Some(store) = self.users.get(owner) else {
                continue;
            };
            // With one store without a class, `adopt_class` gives it the
            // class as before.
            let free_stores = self
                .stores
                .values()
                .filter(|p| p.storage_class.is_none())
                .count();
            let provider = match self.stores.get_mut(store) {
                Some(provider) if free_stores > 1 && provider.storage_class.is_none() => provider,
                _ => continue,
            };
            provider.storage_class = Some(class.to_string());
            provider.comments.push(format!("rookc import: `storage_class` assumed: StorageClass `{class}` is not among the inputs, and the owner of a claim on it, `{owner}`, is a user of this object store"));
            self.assumed_classes.insert(class.to_string());
            self.bucket_classes
                .insert(class.to_string(), Ok(store.clone()));
        }
    }

    /// The object store of a claim's StorageClass. A class that is not
    /// among the inputs is assumed to be the only nameless store's, or
    /// gets an object store of its own name; either way with a warning.
    pub fn store_of_class(&mut self, index: usize, class: &str) -> Result<String, ClassError> {
        let store = self.resolve_bucket_class(class)?;
        if self.assumed_classes.contains(class) {
            self.reports[index].assumed(format!("StorageClass `{class}` is not among the inputs; assumed to serve object store `{store}`"));
        }
        self.settle_store_namespace(&store, Some(index));
        Ok(store)
    }

    /// [`Planner::store_of_class`] without the warnings.
    pub fn resolve_bucket_class(&mut self, class: &str) -> Result<String, ClassError> {
        let (stores, assumed) = (&mut self.stores, &mut self.assumed_classes);
        let store = self
            .bucket_classes
            .entry(class.to_string())
            .or_insert_with(|| {
                assumed.insert(class.to_string());
                adopt_class(stores, class, "object store", "CephObjectStore", 63)
            })
            .clone()?;
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
}

/// A claim's `storageClassName` and `additionalConfig.bucketOwner`.
pub fn class_and_owner(claim: &Value) -> (Option<&str>, Option<&str>) {
    let spec = claim.get("spec");
    let class = spec
        .and_then(|s| s.get("storageClassName"))
        .and_then(Value::as_str);
    let owner = spec
        .and_then(|s| s.get("additionalConfig"))
        .and_then(|c| c.get("bucketOwner"))
        .and_then(Value::as_str);
    (class, owner)
}
