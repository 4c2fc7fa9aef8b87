//! Bucket classes: the bucket StorageClasses rookc emits, which class each
//! bucket's claim names, and what the classes' reclaim policies mean for
//! the data (the W0520 lint and the N0610 note).

use super::body::{self, Body};
use super::values;
use super::{names, BucketClass, Checker};
use crate::ast::{DeclKind, Declaration};
use crate::diag::{Code, Diagnostic};
use crate::kinds::RECLAIM_WORDS;
use crate::model::{self, Reclaim};
use crate::source::{Span, Spanned};

/// The class a bucket's claim names.
pub(super) struct ClaimClass {
    /// The StorageClass name: `spec.storageClassName`.
    pub name: String,
    /// A declared class's `bucket = "..."`: the claim is granted that
    /// existing bucket.
    pub existing_bucket: Option<Spanned<String>>,
    /// A declared class with `reclaim = delete` and a new bucket: where
    /// `delete` is written.
    pub deletes: Option<Span>,
}

/// How many bucket names the N0610 note lists.
const NOTE_NAMES: usize = 3;

impl Checker<'_> {
    pub(super) fn lower_bucket_class(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        self.check_object_name(decl);
        self.check_class_clash(decl);
        let store = self
            .required_reference(decl, &body, "store")
            .map(|name| name.value);
        let reclaim = match body.attribute("reclaim") {
            Some(attribute) => values::word(attribute, RECLAIM_WORDS, self.diags),
            None => {
                self.diags.push(body::missing(decl, "reclaim").with_note(
                    "`delete` removes a claim's bucket with all its objects when the claim is deleted; `retain` keeps it. A StorageClass's reclaim policy cannot be changed later",
                ));
                None
            }
        };
        let existing_bucket = body
            .attribute("bucket")
            .and_then(|a| values::string(a, self.diags))
            .filter(|bucket| self.check_existing_bucket(bucket));
        let reclaim = reclaim.map(|r| match r.value {
            "delete" => Spanned::new(Reclaim::Delete, r.span),
            _ => Spanned::new(Reclaim::Retain, r.span),
        });
        self.bucket_classes.insert(
            decl.name.value.clone(),
            BucketClass {
                decl_index: index,
                store: store.clone(),
                deletes: reclaim
                    .as_ref()
                    .filter(|r| r.value == Reclaim::Delete)
                    .map(|r| r.span),
                existing_bucket: existing_bucket.clone(),
            },
        );
        let meta = self.meta(decl, &body, None);
        let (Some(store), Some(reclaim)) = (store, reclaim) else {
            return;
        };
        let Some(info) = self.stores.get(&store) else {
            return;
        };
        let Some(store_namespace) = info.namespace.clone() else {
            return;
        };
        let operator_namespace = info
            .operator_namespace
            .clone()
            .unwrap_or_else(|| store_namespace.clone());
        self.program.bucket_classes.push(model::BucketStorageClass {
            meta,
            origin: decl.name.span,
            provisioner: format!("{operator_namespace}.ceph.rook.io/bucket"),
            reclaim: reclaim.value,
            store,
            store_namespace,
            existing_bucket: existing_bucket.map(|b| b.value),
        });
    }

    /// `bucket = "..."` names an existing S3 bucket: never empty (the
    /// claim library and Rook disagree about an empty `bucketName`).
    fn check_existing_bucket(&mut self, bucket: &Spanned<String>) -> bool {
        let Err(why) = names::s3_bucket_name(&bucket.value) else {
            return true;
        };
        self.diags.push(
            Diagnostic::new(
                Code::InvalidBucketName,
                format!("S3 bucket name `{}` {why}", bucket.value),
                bucket.span,
                "invalid S3 bucket name",
            )
            .with_note("`bucket` names the existing bucket the class grants; leave it out for a class whose claims get new buckets"),
        );
        false
    }

    /// The StorageClass a bucket class emits must not be the CephFS class
    /// of a filesystem, nor the one a subvolume group emits.
    fn check_class_clash(&mut self, decl: &Declaration) {
        let name = decl.name.value.as_str();
        let filesystem = self
            .filesystems
            .values()
            .filter(|fs| fs.storage_class.as_deref() == Some(name))
            .map(|fs| fs.decl_index)
            .min();
        let other = match filesystem {
            Some(index) => {
                let fs = self.decl(index);
                (
                    fs.name.span,
                    format!("filesystem `{}` names it", fs.name.value),
                )
            }
            None => {
                // A store that names the class as well has had the group
                // reported (E0307).
                let named_by_store = self
                    .stores
                    .values()
                    .any(|s| s.storage_class.as_ref().is_some_and(|c| c.value == name));
                match self.emitted_classes.get(name) {
                    Some(span) if !named_by_store => {
                        (*span, "a subvolume group emits it".to_string())
                    }
                    Some(_) | None => return,
                }
            }
        };
        self.diags.push(
            Diagnostic::new(
                Code::StorageClassClash,
                format!("bucket class `{name}` emits StorageClass `{name}`, which is already a CephFS StorageClass"),
                decl.name.span,
                "a StorageClass of this name is taken",
            )
            .with_secondary(other.0, other.1)
            .with_note("StorageClass names are cluster-wide, and one class has one provisioner")
            .with_help("give the bucket class another name"),
        );
    }

    /// The class a bucket's claim names: its own `class`, else its store's
    /// `storage_class` (E0302 when neither is given).
    pub(super) fn claim_class(
        &mut self,
        decl: &Declaration,
        body: &Body,
        store: Option<&Spanned<String>>,
    ) -> Option<ClaimClass> {
        if let Some(attribute) = body.own_attribute("class") {
            let name = values::reference(attribute, self.diags)?;
            self.resolve(DeclKind::BucketClass, &name)?;
            let class = self.bucket_classes.get(&name.value)?;
            let class_store = class.store.clone()?;
            let store = store?;
            if class_store != store.value {
                let class_decl = self.decl(class.decl_index);
                self.diags.push(
                    Diagnostic::new(
                        Code::ClassOfOtherStore,
                        format!(
                            "bucket class `{}` provisions in object store `{class_store}`, but bucket `{}` is in `{}`",
                            name.value, decl.name.value, store.value
                        ),
                        name.span,
                        "a class of another store",
                    )
                    .with_secondary(class_decl.name.span, "bucket class declared here")
                    .with_help(format!("name a bucket class of `{}`", store.value)),
                );
                return None;
            }
            return Some(self.declared_claim_class(&name.value));
        }
        let store = store?;
        let info = self.stores.get(&store.value)?;
        let Some(default) = info.storage_class.clone() else {
            let store_decl = self.decl(info.decl_index);
            let classes = self.classes_of(&store.value);
            let help = match classes.first() {
                Some(class) => format!("add `class = {class}` to the bucket, or `storage_class = \"{class}\"` to the store"),
                None => "add `storage_class = \"rook-ceph-bucket\"` (the StorageClass whose provisioner serves this store)".to_string(),
            };
            self.diags.push(
                Diagnostic::new(
                    Code::MissingAttribute,
                    format!("object store `{}` has no `storage_class`, so its buckets cannot be claimed", store.value),
                    store.span,
                    "this store has no bucket StorageClass",
                )
                .with_secondary(store_decl.name.span, "object store declared here")
                .with_help(help),
            );
            return None;
        };
        match self.bucket_classes.get(&default.value) {
            // Another store's class: reported at the store (E0220).
            Some(class) if class.store.as_ref() != Some(&store.value) => None,
            Some(_) => Some(self.declared_claim_class(&default.value)),
            None => Some(ClaimClass {
                name: default.value,
                existing_bucket: None,
                deletes: None,
            }),
        }
    }

    fn declared_claim_class(&self, name: &str) -> ClaimClass {
        let class = self.bucket_classes.get(name);
        let existing_bucket = class.and_then(|c| c.existing_bucket.clone());
        ClaimClass {
            name: name.to_string(),
            // A class bound to an existing bucket only revokes access.
            deletes: class
                .and_then(|c| c.deletes)
                .filter(|_| existing_bucket.is_none()),
            existing_bucket,
        }
    }

    /// The declared bucket classes of a store, by name.
    fn classes_of(&self, store: &str) -> Vec<String> {
        let mut classes: Vec<String> = self
            .bucket_classes
            .iter()
            .filter(|(_, c)| c.store.as_deref() == Some(store))
            .map(|(name, _)| name.clone())
            .collect();
        classes.sort();
        classes
    }

    /// E0220: a store's `storage_class` naming another store's bucket class.
    pub(super) fn check_store_default_classes(&mut self) {
        let mut wrong: Vec<(usize, Spanned<String>, usize, String)> = self
            .stores
            .values()
            .filter_map(|store| {
                let default = store.storage_class.clone()?;
                let class = self.bucket_classes.get(&default.value)?;
                let class_store = class.store.clone()?;
                let store_decl = &self.decls[store.decl_index];
                (class_store != store_decl.name.value).then_some((
                    store.decl_index,
                    default,
                    class.decl_index,
                    class_store,
                ))
            })
            .collect();
        wrong.sort_by_key(|(index, ..)| *index);
        for (store_index, default, class_index, class_store) in wrong {
            let (store_decl, class_decl) = (self.decl(store_index), self.decl(class_index));
            self.diags.push(
                Diagnostic::new(
                    Code::ClassOfOtherStore,
                    format!(
                        "object store `{}` names bucket class `{}`, which provisions in object store `{class_store}`",
                        store_decl.name.value, default.value
                    ),
                    default.span,
                    "a class of another store",
                )
                .with_secondary(class_decl.name.span, "bucket class declared here")
                .with_help(format!(
                    "declare a bucket class with `store = {}` and name it here",
                    store_decl.name.value
                )),
            );
        }
    }

    /// W0520: a bucket that looks important (its lifecycle moves data to
    /// another storage class, or it holds backups) on a class that deletes
    /// its objects with the claim.
    pub(super) fn lint_delete_reclaim(
        &mut self,
        decl: &Declaration,
        class: &ClaimClass,
        backups: bool,
        transitions: bool,
    ) {
        let Some(delete) = class.deletes else {
            return;
        };
        let why = if backups {
            "holds backups"
        } else if transitions {
            "moves its objects to another storage class"
        } else {
            return;
        };
        let diagnostic = Diagnostic::new(
            Code::DeleteReclaim,
            format!(
                "bucket `{}` {why}, but its class `{}` deletes every object when the claim is deleted",
                decl.name.value, class.name
            ),
            decl.name.span,
            "its data is lost with its claim",
        )
        .with_secondary(delete, "`reclaim = delete` here")
        .with_note("deleting the ObjectBucketClaim, or pruning it after the bucket leaves the program, removes the bucket with all its objects")
        .with_help("give the bucket a class with `reclaim = retain`, or add `@allow(delete-reclaim)`");
        self.warn(diagnostic, &[&decl.allows]);
    }
}

/// N0610: the buckets whose objects are deleted with their claim, once per
/// build, at the first of them.
pub fn deleting_classes_note(program: &model::Program) -> Option<Diagnostic> {
    let deleting: Vec<&str> = program
        .bucket_classes
        .iter()
        .filter(|c| c.reclaim == Reclaim::Delete && c.existing_bucket.is_none())
        .map(|c| c.meta.name.as_str())
        .collect();
    let mut buckets: Vec<&model::Bucket> = program
        .buckets
        .iter()
        .filter(|b| deleting.contains(&b.storage_class.as_str()))
        .collect();
    buckets.sort_by_key(|b| b.origin);
    let first = buckets.first()?;
    let mut names: String = buckets
        .iter()
        .take(NOTE_NAMES)
        .map(|b| format!("`{}`", b.meta.name))
        .collect::<Vec<_>>()
        .join(", ");
    if buckets.len() > NOTE_NAMES {
        names.push_str(&format!(" and {} more", buckets.len() - NOTE_NAMES));
    }
    let message = match buckets.as_slice() {
        [only] => format!(
            "bucket `{}` loses all its objects when its claim is deleted",
            only.meta.name
        ),
        many => format!(
            "{} buckets lose all their objects when their claims are deleted: {}",
            many.len(),
            names
        ),
    };
    Some(
        Diagnostic::new(
            Code::DeletingClasses,
            message,
            first.origin,
            "first of them",
        )
        .with_note("a bucket class with `reclaim = delete` (`reclaimPolicy: Delete`) removes the bucket when its claim is deleted; one with `reclaim = retain` keeps it (`rookc explain N0610`)"),
    )
}
