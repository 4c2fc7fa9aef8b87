//! Bucket StorageClasses to `bucketclass` declarations: their object
//! store, reclaim policy and existing bucket; which class is each store's
//! default (`storage_class`); and what a claim on a class says: `class =
//! NAME` when it is not its store's default, and, on a class bound to an
//! existing bucket, that bucket as its name.
//!
//! A class the language cannot write (a provisioner without an operator
//! prefix, a parameter it does not carry) stays read for context, as
//! before: `context.rs` reads it.

use std::collections::BTreeMap;

use serde_json::Value;

use super::plan::{Kind, Planner, Start};
use super::report::ObjectKey;
use super::write::{self, Decl, Item};
use crate::ast::DeclKind;
use crate::check::names;

/// The provisioner name after the operator prefix.
const PROVISIONER_SUFFIX: &str = ".ceph.rook.io/bucket";

/// A bucket StorageClass imported as a declaration.
#[derive(Debug)]
pub struct ImportedClass {
    pub store: String,
    /// `parameters.bucketName`: the existing bucket of its claims.
    pub existing_bucket: Option<String>,
    pub decl: Decl,
}

/// What a bucket StorageClass holds, read before anything is taken.
struct ClassFields {
    name: String,
    store: String,
    namespace: Option<String>,
    operator_namespace: String,
    reclaim: &'static str,
    existing_bucket: Option<String>,
}

impl<'d> Planner<'d> {
    /// Imports the bucket StorageClass of `index` as a `bucketclass`;
    /// `false` when the language cannot write it (the caller then reads it
    /// for context).
    pub fn import_bucket_class(&mut self, index: usize) -> bool {
        let Some(fields) = self.class_fields(index) else {
            return false;
        };
        let Some(mut start) = self.start(index, false) else {
            return true;
        };
        for path in [
            &["provisioner"][..],
            &["reclaimPolicy"],
            &["parameters", "objectStoreName"],
            &["parameters", "objectStoreNamespace"],
            &["parameters", "bucketName"],
        ] {
            start.fields.take(path);
        }
        if let Some(region) = start.fields.peek(&["parameters", "region"]) {
            start.fields.skip(&["parameters", "region"]);
            self.reports[index].warn(format!(
                "`parameters.region: {region}` is left out: Rook v1.20 does not read it"
            ));
        }
        if start.fields.peek(&["reclaimPolicy"]).is_none() {
            self.reports[index].note(
                "it has no `reclaimPolicy`: Kubernetes' default `Delete`, written `reclaim = delete`",
            );
        }
        let store = self.stores.entry(fields.store.clone()).or_default();
        if store.namespace.is_none() {
            store.namespace.clone_from(&fields.namespace);
        }
        if store.operator_namespace.is_none() {
            store.operator_namespace = Some(fields.operator_namespace.clone());
        }
        if fields.namespace.is_none() {
            self.reports[index].warn(format!(
                "it has no `parameters.objectStoreNamespace`; rookc writes the namespace of object store `{}`",
                fields.store
            ));
        }
        let mut decl = Decl::new(DeclKind::BucketClass, &fields.name);
        decl.attribute("store", fields.store.clone());
        decl.attribute("reclaim", fields.reclaim.to_string());
        if let Some(bucket) = &fields.existing_bucket {
            decl.attribute("bucket", write::quote(bucket));
        }
        Self::metadata_blocks(&start, &mut decl);
        self.finish_class(index, &start, &mut decl);
        self.bucket_classes
            .insert(fields.name.clone(), Ok(fields.store.clone()));
        self.class_decls.insert(
            fields.name,
            ImportedClass {
                store: fields.store,
                existing_bucket: fields.existing_bucket,
                decl,
            },
        );
        true
    }

    fn finish_class(&mut self, index: usize, start: &Start, decl: &mut Decl) {
        let key = ObjectKey {
            kind: "StorageClass".to_string(),
            namespace: None,
            name: start.name.clone(),
        };
        self.finish(index, start, decl, key);
    }

    /// The fields of a bucket StorageClass the language can write, or
    /// `None` if some field cannot be (or disagrees with another input).
    fn class_fields(&self, index: usize) -> Option<ClassFields> {
        let value = &self.documents[index].value;
        let text = |path: &[&str]| -> Option<Option<&str>> {
            let mut at = value;
            for key in path {
                match at.get(key) {
                    Some(next) => at = next,
                    None => return Some(None),
                }
            }
            at.as_str().map(Some)
        };
        let name = text(&["metadata", "name"])??;
        let operator = text(&["provisioner"])??.strip_suffix(PROVISIONER_SUFFIX)?;
        let store = text(&["parameters", "objectStoreName"])??;
        let namespace = text(&["parameters", "objectStoreNamespace"])?;
        let existing_bucket = text(&["parameters", "bucketName"])?;
        let reclaim = match text(&["reclaimPolicy"])? {
            None | Some("Delete") => "delete",
            Some("Retain") => "retain",
            Some(_) => return None,
        };
        let writable = write::is_decl_name(name)
            && names::dns_subdomain(name).is_ok()
            && names::dns_label(operator).is_ok()
            && write::is_decl_name(store)
            && store.len() <= 63
            && namespace.is_none_or(|n| names::dns_label(n).is_ok())
            && existing_bucket.is_none_or(|b| names::s3_bucket_name(b).is_ok());
        if !writable {
            return None;
        }
        // One store has one namespace and one operator.
        if let Some(known) = self.stores.get(store) {
            let differs = |known: &Option<String>, new: Option<&str>| matches!((known, new), (Some(k), Some(n)) if k != n);
            if differs(&known.namespace, namespace)
                || differs(&known.operator_namespace, Some(operator))
            {
                return None;
            }
        }
        Some(ClassFields {
            name: name.to_string(),
            store: store.to_string(),
            namespace: namespace.map(str::to_string),
            operator_namespace: operator.to_string(),
            reclaim,
            existing_bucket: existing_bucket.map(str::to_string),
        })
    }

    /// Makes the imported class most claims name each store's
    /// `storage_class` (ties: the first by name), unless the store has one
    /// already (a class read for context, or one not among the inputs
    /// that claims were assumed to use); the claims on it then leave out
    /// their `class`. Runs after the claims, which name every imported
    /// class.
    pub fn settle_default_classes(&mut self) {
        let mut claims: BTreeMap<&str, usize> = BTreeMap::new();
        for index in self.of_kind(Kind::Claim) {
            let class = self.documents[index]
                .value
                .get("spec")
                .and_then(|s| s.get("storageClassName"))
                .and_then(Value::as_str);
            if let Some(class) = class {
                *claims.entry(class).or_default() += 1;
            }
        }
        let mut best: BTreeMap<String, (usize, String)> = BTreeMap::new();
        for (name, class) in &self.class_decls {
            let count = claims.get(name.as_str()).copied().unwrap_or(0);
            let entry = best
                .entry(class.store.clone())
                .or_insert((count, name.clone()));
            if count > entry.0 {
                *entry = (count, name.clone());
            }
        }
        for (store, (_, class)) in best {
            let entry = self.stores.entry(store.clone()).or_default();
            if entry.storage_class.is_some() {
                continue;
            }
            entry.storage_class = Some(class.clone());
            let named = Item::Attribute("class".to_string(), class);
            for placed in &mut self.placed {
                if placed.store.as_ref() == Some(&store) {
                    placed.decl.items.retain(|item| *item != named);
                }
            }
        }
    }

    /// `class = NAME` for a claim on an imported class that is not its
    /// store's default (yet: see [`Planner::settle_default_classes`]).
    pub fn claim_class(&self, class: &str, store: &str, decl: &mut Decl) {
        if !self.class_decls.contains_key(class) {
            return;
        }
        let default = self
            .stores
            .get(store)
            .and_then(|s| s.storage_class.as_deref());
        if default != Some(class) {
            decl.attribute("class", class.to_string());
        }
    }

    /// The existing bucket of an imported class, if it has one.
    pub fn existing_bucket_of(&self, class: &str) -> Option<String> {
        self.class_decls.get(class)?.existing_bucket.clone()
    }

    /// A claim on a class bound to an existing bucket is for that bucket:
    /// its own `bucketName` (the claim library writes the class's there)
    /// and `generateBucketName` are not used.
    pub fn existing_bucket_naming(&mut self, index: usize, start: &mut Start<'d>, existing: &str) {
        match start.fields.string(&["spec", "bucketName"]) {
            Some(Ok(name)) if name == existing => {}
            Some(Ok(name)) => self.reports[index].warn(format!(
                "`bucketName: {name}` is left out: its class grants the existing bucket `{existing}`, and rookc writes that"
            )),
            Some(Err(_)) | None => self.reports[index].warn(format!(
                "the claim has no `bucketName`; rookc writes its class's existing bucket `{existing}`, as the claim library does"
            )),
        }
        if let Some(Ok(prefix)) = start.fields.string(&["spec", "generateBucketName"]) {
            self.reports[index].warn(format!(
                "`generateBucketName: {prefix}` is left out: a claim on a class with an existing bucket does not use it"
            ));
        }
    }
}
