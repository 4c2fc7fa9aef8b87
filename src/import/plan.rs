//! The planner: input documents to declarations. It works in passes, like
//! the checker: StorageClasses and subvolume groups first (they say where
//! claims point), then users, buckets and volumes. Each `import_*` reads
//! one kind (in `context.rs`, `users.rs`, `buckets.rs`, `volumes.rs`) and
//! records in the document's report what it could not carry over.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_json::Value;

use super::context::ClassError;
use super::fields::{show, Fields};
use super::read::Document;
use super::report::{ObjectKey, ObjectReport, Role};
use super::write::{self, Decl};
use crate::ast::DeclKind;
use crate::check::{names, MANAGED_BY_LABEL};
use crate::kinds::ManifestKind;

/// An object store or a filesystem the program declares: the existing
/// CephObjectStore or CephFilesystem that claims point at.
#[derive(Debug, Default)]
pub struct Provider {
    /// `None` until some input tells.
    pub namespace: Option<String>,
    pub storage_class: Option<String>,
    pub comments: Vec<String>,
    /// Whether the namespace was assumed.
    pub guessed_namespace: bool,
    /// Object stores: the other namespaces their users live in.
    pub allow_users_in: BTreeSet<String>,
    /// Filesystems: the Rook operator's namespace, from a provisioner.
    pub operator_namespace: Option<String>,
}

/// A user, bucket or volume, in its namespace.
#[derive(Debug)]
pub struct Placed {
    pub namespace: String,
    pub decl: Decl,
    /// The object store of a user or bucket.
    pub store: Option<String>,
    /// The filesystem of a volume, and whether it is reached through a
    /// subvolume group.
    pub filesystem: Option<(String, bool)>,
    /// The input document it comes from; `None` for an invented owner.
    pub document: Option<usize>,
}

/// The kinds import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Claim,
    User,
    Volume,
    Group,
    BucketClass,
    CephfsClass,
    /// A StorageClass of the RBD CSI driver.
    RbdClass,
    /// A CephBlockPool, read for its namespace.
    BlockPool,
    /// A PersistentVolume: a static volume's, with its claim.
    StaticVolume,
    Topic,
    Notification,
    Client,
    SnapshotClass,
    Snapshot,
    Account,
}

pub struct Planner<'d> {
    pub documents: &'d [Document],
    pub kinds: Vec<Option<Kind>>,
    pub reports: Vec<ObjectReport>,
    pub stores: BTreeMap<String, Provider>,
    pub filesystems: BTreeMap<String, Provider>,
    /// Bucket StorageClass -> its object store, or why claims on it
    /// cannot be imported.
    pub bucket_classes: BTreeMap<String, Result<String, ClassError>>,
    /// Bucket StorageClass bound to an existing bucket -> that bucket's
    /// name, as shown in reports.
    pub existing_buckets: BTreeMap<String, String>,
    /// Classes whose store was assumed, not read.
    pub assumed_classes: BTreeSet<String>,
    /// CephFS StorageClass -> filesystem (and subvolume group, for a
    /// group's class), or why volumes on it cannot be imported.
    pub cephfs_classes: BTreeMap<String, Result<(String, Option<String>), ClassError>>,
    /// Subvolume groups, top level.
    pub groups: Vec<Decl>,
    /// Users, buckets and volumes.
    pub placed: Vec<Placed>,
    /// Account name -> object store, for every account the program
    /// declares.
    pub accounts: BTreeMap<String, String>,
    /// User name -> object store, for every user the program declares.
    pub users: BTreeMap<String, String>,
    /// Comment lines for the top of the file (objects not imported).
    pub header: Vec<String>,
    /// (kind, namespace, name) of every object imported so far.
    pub seen: BTreeSet<(String, Option<String>, String)>,
    /// (object store, S3 name) of every fixed-name bucket.
    pub bucket_names: BTreeSet<(String, String)>,
    /// Users declared for a claim's owner, not read from an input.
    pub invented_users: BTreeSet<String>,
    /// (filesystem, Ceph name) of every subvolume group.
    pub ceph_groups: BTreeSet<(String, String)>,
    /// Bucket StorageClasses imported as `bucketclass` declarations.
    pub class_decls: BTreeMap<String, super::bucket_class_decls::ImportedClass>,
    /// Block pools and classes.
    pub block: super::block::Block,
    /// Snapshot classes, and what they may name.
    pub snapshots: super::snapshots::Snapshots,
    /// File classes.
    pub file: super::file_classes::FileClasses,
}

/// Where an object's declaration goes, as read from its metadata.
pub struct Start<'d> {
    pub name: String,
    pub namespace: Option<String>,
    pub fields: Fields<'d>,
    pub labels: Vec<(String, String)>,
    pub annotations: Vec<(String, String)>,
}

impl<'d> Planner<'d> {
    pub fn new(documents: &'d [Document]) -> Self {
        let mut reports = Vec::new();
        let mut kinds = Vec::new();
        for document in documents {
            let text = |key: &str| {
                let value = match key {
                    "name" => document.value.get("metadata").and_then(|m| m.get("name")),
                    _ => document.value.get(key),
                };
                value.and_then(Value::as_str).unwrap_or("?").to_string()
            };
            let mut report = ObjectReport {
                file: document.file.clone(),
                document: document.index,
                kind: text("kind"),
                name: text("name"),
                role: Role::Skipped,
                findings: Vec::new(),
                round_trip: None,
            };
            let kind = kind_of(&document.value);
            if let Err(why) = &kind {
                report.note(format!("skipped: {why}"));
            }
            kinds.push(kind.ok());
            reports.push(report);
        }
        Planner {
            documents,
            kinds,
            reports,
            stores: BTreeMap::new(),
            filesystems: BTreeMap::new(),
            bucket_classes: BTreeMap::new(),
            existing_buckets: BTreeMap::new(),
            assumed_classes: BTreeSet::new(),
            cephfs_classes: BTreeMap::new(),
            groups: Vec::new(),
            placed: Vec::new(),
            accounts: BTreeMap::new(),
            users: BTreeMap::new(),
            header: Vec::new(),
            seen: BTreeSet::new(),
            bucket_names: BTreeSet::new(),
            invented_users: BTreeSet::new(),
            ceph_groups: BTreeSet::new(),
            class_decls: BTreeMap::new(),
            block: super::block::Block::default(),
            snapshots: super::snapshots::Snapshots::default(),
            file: super::file_classes::FileClasses::default(),
        }
    }

    /// Indexes of the documents of one kind, in input order.
    pub fn of_kind(&self, kind: Kind) -> Vec<usize> {
        (0..self.documents.len())
            .filter(|&i| self.kinds[i] == Some(kind))
            .collect()
    }

    /// Leaves out a document that an earlier attempt found to keep the
    /// imported program from compiling ([`super::withhold`]).
    pub fn withhold(&mut self, index: usize, why: &str) {
        self.kinds[index] = None;
        self.skip(index, why);
    }

    /// Leaves a document out, with a warning in its report and a comment
    /// at the top of the source.
    pub fn skip(&mut self, index: usize, why: impl fmt::Display) {
        let report = &mut self.reports[index];
        report.warn(format!("not imported: {why}"));
        self.header.push(format!(
            "rookc import: not imported: {}: {why}",
            report.label()
        ));
    }

    /// Reads the name, namespace, labels and annotations of a document that
    /// becomes a declaration; `None` (reported) when its name cannot be a
    /// declaration name.
    pub fn start(&mut self, index: usize, namespaced: bool) -> Option<Start<'d>> {
        let value = &self.documents[index].value;
        let mut fields = Fields::new(value);
        let name = match fields.string(&["metadata", "name"]) {
            Some(Ok(name)) => name.to_string(),
            _ => {
                self.skip(index, "it has no `metadata.name`");
                return None;
            }
        };
        if !write::is_decl_name(&name) {
            self.skip(index, format!("`{name}` cannot be a declaration name (lowercase letters, digits and `-`, starting with a letter)"));
            return None;
        }
        let namespace = match fields.string(&["metadata", "namespace"]) {
            Some(Ok(namespace)) => {
                if let Err(why) = names::dns_label(namespace) {
                    self.skip(index, format!("its namespace `{namespace}` {why}"));
                    return None;
                }
                Some(namespace.to_string())
            }
            _ if namespaced => {
                self.reports[index]
                    .warn("it has no `metadata.namespace`; imported into namespace `default`");
                Some("default".to_string())
            }
            _ => None,
        };
        let kind = self.reports[index].kind.clone();
        if !self
            .seen
            .insert((kind.clone(), namespace.clone(), name.clone()))
        {
            self.skip(
                index,
                format!("another {kind} of the same namespace and name is imported already"),
            );
            return None;
        }
        super::static_volumes::strip_protection_finalizers(&mut fields, &mut self.reports[index]);
        let labels = self.metadata_map(index, &mut fields, "labels");
        let annotations = self.metadata_map(index, &mut fields, "annotations");
        Some(Start {
            name,
            namespace,
            fields,
            labels,
            annotations,
        })
    }

    /// The labels or annotations Kubernetes (and so the language) accepts;
    /// the others stay not carried over. rookc sets its own
    /// `app.kubernetes.io/managed-by`.
    fn metadata_map(
        &mut self,
        index: usize,
        fields: &mut Fields<'d>,
        key: &str,
    ) -> Vec<(String, String)> {
        let Some(Value::Object(map)) = fields.peek(&["metadata", key]) else {
            return Vec::new();
        };
        if map.is_empty() {
            fields.take(&["metadata", key]);
        }
        let labels = key == "labels";
        let mut out = Vec::new();
        for (name, value) in map {
            let Some(value) = value.as_str() else {
                continue;
            };
            if labels && name == MANAGED_BY_LABEL {
                fields.take(&["metadata", key, name]);
                if value != "rookc" {
                    self.reports[index].warn(format!(
                        "the label `{MANAGED_BY_LABEL}: {value}` becomes `{MANAGED_BY_LABEL}: rookc`"
                    ));
                }
            } else if names::qualified_key(name).is_ok()
                && (!labels || names::label_value(value).is_ok())
            {
                fields.take(&["metadata", key, name]);
                out.push((name.clone(), value.to_string()));
            }
        }
        out
    }

    /// Ends a document that became `decl`: reports the fields not carried
    /// over, notes them above the declaration, and marks it imported.
    pub fn finish(&mut self, index: usize, start: &Start, decl: &mut Decl, key: ObjectKey) {
        self.report_unused(index, &start.fields);
        let report = &mut self.reports[index];
        let mut comments: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.in_source)
            .map(|f| format!("rookc import: {}", f.message))
            .collect();
        comments.append(&mut decl.comments);
        decl.comments = comments;
        report.role = Role::Imported(key);
    }

    /// Ends a user, bucket or volume ([`Planner::finish`]) and puts its
    /// declaration in its namespace.
    pub fn place(
        &mut self,
        index: usize,
        start: &Start,
        mut decl: Decl,
        kind: &str,
        store: Option<String>,
        filesystem: Option<(String, bool)>,
    ) {
        let namespace = start.namespace.clone().unwrap_or_default();
        let key = ObjectKey {
            kind: kind.to_string(),
            namespace: Some(namespace.clone()),
            name: start.name.clone(),
        };
        self.finish(index, start, &mut decl, key);
        self.placed.push(Placed {
            namespace,
            decl,
            store,
            filesystem,
            document: Some(index),
        });
    }

    /// Warns about the fields of a document that were not carried over.
    pub fn report_unused(&mut self, index: usize, fields: &Fields) {
        let unused: Vec<String> = fields
            .unused()
            .into_iter()
            .map(|(path, value)| format!("{path} = {}", show(value)))
            .collect();
        if !unused.is_empty() {
            self.reports[index].warn(format!(
                "not carried over (the language has no place for it): {}",
                unused.join(", ")
            ));
        }
    }

    /// Adds the labels and annotations of `start` to `decl`.
    pub fn metadata_blocks(start: &Start, decl: &mut Decl) {
        decl.string_block("labels", &start.labels);
        decl.string_block("annotations", &start.annotations);
    }
}

/// Why a document is not read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// A StorageClass of another provisioner.
    OtherProvisioner { provisioner: String },
    /// No `kind`.
    NoKind,
    /// A kind import does not read.
    OtherKind { kind: String },
    /// A kind the kind table imports but the planner has no place for: a
    /// defect of rookc, which `tests` catch.
    NotPlanned { kind: String },
    /// A kind import reads, of another API version.
    OtherVersion {
        kind: String,
        api_version: String,
        expected: &'static str,
    },
}

impl fmt::Display for Unread {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unread::OtherProvisioner { provisioner } => write!(f, "a StorageClass of `{provisioner}`, neither Rook's bucket provisioner nor the CephFS or RBD CSI driver"),
            Unread::NoKind => f.write_str("not a Kubernetes object (no `kind`)"),
            Unread::OtherKind { kind } => {
                let mut kinds = imported_kinds();
                kinds.sort_unstable();
                let last = kinds.pop().unwrap_or_default();
                write!(
                    f,
                    "rookc import reads {} and {last} objects, not `{kind}`",
                    kinds.join(", ")
                )
            }
            Unread::NotPlanned { kind } => write!(f, "internal error: rookc import has no plan for a {kind}"),
            Unread::OtherVersion { kind, api_version, expected } => write!(f, "a {kind} of `{api_version}`; rookc writes `{expected}`"),
        }
    }
}

/// What a document is, from `apiVersion`, `kind` and (for StorageClasses)
/// `provisioner`; `Err` says why it is skipped.
fn kind_of(value: &Value) -> Result<Kind, Unread> {
    let text = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or("");
    let (api_version, kind) = (text("apiVersion"), text("kind"));
    if kind.is_empty() {
        return Err(Unread::NoKind);
    }
    // Which kinds are read, and in which API version, is the kind table's.
    let Some(expected) = imported(kind) else {
        return Err(Unread::OtherKind {
            kind: kind.to_string(),
        });
    };
    let planned = match kind {
        "ObjectBucketClaim" => Kind::Claim,
        "CephObjectStoreUser" => Kind::User,
        "PersistentVolumeClaim" => Kind::Volume,
        "PersistentVolume" => Kind::StaticVolume,
        "CephFilesystemSubVolumeGroup" => Kind::Group,
        "CephBlockPool" => Kind::BlockPool,
        "CephBucketTopic" => Kind::Topic,
        "CephBucketNotification" => Kind::Notification,
        "CephClient" => Kind::Client,
        "VolumeSnapshotClass" => Kind::SnapshotClass,
        "VolumeSnapshot" => Kind::Snapshot,
        "CephObjectStoreAccount" => Kind::Account,
        "StorageClass" => {
            let provisioner = text("provisioner");
            if provisioner.ends_with("ceph.rook.io/bucket") {
                Kind::BucketClass
            } else if provisioner.ends_with("cephfs.csi.ceph.com") {
                Kind::CephfsClass
            } else if provisioner.ends_with("rbd.csi.ceph.com") {
                Kind::RbdClass
            } else {
                return Err(Unread::OtherProvisioner {
                    provisioner: provisioner.to_string(),
                });
            }
        }
        other => {
            return Err(Unread::NotPlanned {
                kind: other.to_string(),
            })
        }
    };
    if api_version != expected.api_version {
        return Err(Unread::OtherVersion {
            kind: kind.to_string(),
            api_version: api_version.to_string(),
            expected: expected.api_version,
        });
    }
    Ok(planned)
}

/// The manifest kind `kind` as some declaration kind imports it.
fn imported(kind: &str) -> Option<&'static ManifestKind> {
    DeclKind::ALL
        .into_iter()
        .flat_map(|k| k.def().imports)
        .find(|m| m.kind == kind)
}

/// Every manifest kind import reads, in the kind table's order.
fn imported_kinds() -> Vec<&'static str> {
    let mut kinds: Vec<&str> = Vec::new();
    for manifest in DeclKind::ALL.into_iter().flat_map(|k| k.def().imports) {
        if !kinds.contains(&manifest.kind) {
            kinds.push(manifest.kind);
        }
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every manifest kind the kind table imports has a plan, in the
    /// table's API version; a StorageClass of each Rook provisioner too.
    #[test]
    fn every_kind_the_table_imports_is_planned() {
        for manifest in DeclKind::ALL.into_iter().flat_map(|k| k.def().imports) {
            let provisioners: &[&str] = if manifest.kind == "StorageClass" {
                &[
                    "rook-ceph.ceph.rook.io/bucket",
                    "rook-ceph.cephfs.csi.ceph.com",
                ]
            } else {
                &[""]
            };
            for provisioner in provisioners {
                let document = serde_json::json!({
                    "apiVersion": manifest.api_version,
                    "kind": manifest.kind,
                    "provisioner": provisioner,
                });
                assert!(
                    kind_of(&document).is_ok(),
                    "{} {} {provisioner}: {}",
                    manifest.api_version,
                    manifest.kind,
                    kind_of(&document)
                        .err()
                        .map(|e| e.to_string())
                        .unwrap_or_default()
                );
            }
        }
        let other = serde_json::json!({"apiVersion": "v1", "kind": "ConfigMap"});
        assert!(matches!(kind_of(&other), Err(Unread::OtherKind { .. })));
    }
}
