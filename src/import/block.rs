//! RBD: StorageClasses of the RBD CSI driver to `blockclass` declarations
//! (with the pool each names as a `blockpool`), CephBlockPools read for
//! their namespace, and PersistentVolumeClaims on those classes to
//! `volume`s with `class` and `mode`.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

use super::fields::Fields;
use super::plan::{Kind, Planner, Provider, Start};
use super::quantity::{self, Quantity};
use super::report::{ObjectKey, ObjectReport};
use super::write::{self, Decl};
use crate::ast::DeclKind;
use crate::check::names;
use crate::kinds::IMAGE_FEATURES;

/// The secrets Rook's operator writes for the RBD CSI driver, by role.
const SECRETS: [(&str, &str); 4] = [
    ("provisioner", "rook-csi-rbd-provisioner"),
    ("controller-expand", "rook-csi-rbd-provisioner"),
    ("controller-publish", "rook-csi-rbd-provisioner"),
    ("node-stage", "rook-csi-rbd-node"),
];

/// What import gathers about RBD: the pools and classes it declares, and
/// where claims on each class go.
#[derive(Debug, Default)]
pub struct Block {
    pub pools: BTreeMap<String, Provider>,
    pub classes: Vec<Decl>,
    /// RBD StorageClass -> its pool, or why claims on it cannot be
    /// imported.
    pub class_pools: BTreeMap<String, Result<String, ClassUnwritable>>,
    /// RBD pools the clients' caps name -> (the client's namespace, the
    /// first client naming it).
    pub client_pools: BTreeMap<String, (String, String)>,
}

impl Block {
    /// The `blockpool` and `blockclass` declarations, for the top of the
    /// program.
    pub fn declarations(&mut self) -> Vec<Decl> {
        self.declare_client_pools();
        let mut decls = Vec::new();
        for (name, pool) in &self.pools {
            let mut decl = Decl::new(DeclKind::BlockPool, name);
            decl.comments.clone_from(&pool.comments);
            let namespace = pool.namespace.as_deref().unwrap_or("rook-ceph");
            decl.attribute("namespace", write::quote(namespace));
            if let Some(operator) = pool
                .operator_namespace
                .as_deref()
                .filter(|o| *o != namespace)
            {
                decl.attribute("operator_namespace", write::quote(operator));
            }
            decls.push(decl);
        }
        let mut classes = std::mem::take(&mut self.classes);
        classes.sort_by(|a, b| a.name.cmp(&b.name));
        decls.extend(classes);
        decls
    }
}

impl Block {
    /// A program that declares block pools holds its clients' RBD pools to
    /// them (E0360): the pools the clients name are declared too, in the
    /// client's cluster, since a CephClient's caps are on its cluster's
    /// pools. Without any other block pool, nothing is added.
    fn declare_client_pools(&mut self) {
        if self.pools.is_empty() {
            return;
        }
        for (pool, (namespace, client)) in std::mem::take(&mut self.client_pools) {
            if self.pools.contains_key(&pool) || !write::is_decl_name(&pool) {
                continue;
            }
            self.pools.insert(
                pool,
                Provider {
                    namespace: Some(namespace),
                    comments: vec![format!(
                        "rookc import: named by the caps of client `{client}`; assumed to be a pool of its cluster"
                    )],
                    ..Provider::default()
                },
            );
        }
    }
}

impl<'d> Planner<'d> {
    /// CephBlockPools (read for their namespace), then RBD StorageClasses.
    pub fn import_rbd_classes(&mut self) {
        for index in self.of_kind(Kind::BlockPool) {
            let value = &self.documents[index].value;
            let text = |path: [&str; 2]| value.get(path[0])?.get(path[1])?.as_str();
            let (Some(name), namespace) =
                (text(["metadata", "name"]), text(["metadata", "namespace"]))
            else {
                continue;
            };
            if !write::is_decl_name(name) {
                continue;
            }
            let pool = self.block.pools.entry(name.to_string()).or_default();
            if pool.namespace.is_none() {
                pool.namespace = namespace
                    .filter(|n| names::dns_label(n).is_ok())
                    .map(str::to_string);
            }
            self.reports[index].note(format!(
                "skipped: rookc does not write CephBlockPools; it is declared as `blockpool {name}` for the StorageClasses that name it"
            ));
        }
        for index in self.of_kind(Kind::RbdClass) {
            self.import_rbd_class(index);
        }
    }

    fn import_rbd_class(&mut self, index: usize) {
        let Some(mut start) = self.start(index, false) else {
            return;
        };
        let class = start.name.clone();
        match self.rbd_class(index, &mut start) {
            Ok((mut decl, pool)) => {
                Self::metadata_blocks(&start, &mut decl);
                let key = ObjectKey {
                    kind: "StorageClass".into(),
                    namespace: None,
                    name: class.clone(),
                };
                self.finish(index, &start, &mut decl, key);
                self.block.classes.push(decl);
                self.block.class_pools.insert(class, Ok(pool));
            }
            Err(why) => {
                self.skip(index, &why);
                self.block.class_pools.insert(class, Err(why));
            }
        }
    }

    /// The class's declaration and its pool, or why it cannot be one.
    fn rbd_class(
        &mut self,
        index: usize,
        start: &mut Start<'d>,
    ) -> Result<(Decl, String), ClassUnwritable> {
        let fields = &mut start.fields;
        let operator = match fields.string(&["provisioner"]) {
            Some(Ok(p)) => p
                .strip_suffix(".rbd.csi.ceph.com")
                .filter(|o| names::dns_label(o).is_ok()),
            _ => None,
        }
        .ok_or(ClassUnwritable::Provisioner)?;
        // The cluster namespace is where the CSI secrets are; a clusterID
        // that differs is a rados namespace's.
        let secrets = fields
            .peek(&[
                "parameters",
                "csi.storage.k8s.io/provisioner-secret-namespace",
            ])
            .and_then(Value::as_str);
        let namespace = match fields
            .peek(&["parameters", "clusterID"])
            .and_then(Value::as_str)
        {
            Some(id) if names::dns_label(id).is_ok() && secrets.is_none_or(|ns| ns == id) => {
                fields.take(&["parameters", "clusterID"]);
                id.to_string()
            }
            Some(id) => {
                return Err(ClassUnwritable::RadosNamespace {
                    id: id.to_string(),
                    secrets: secrets.map(str::to_string),
                })
            }
            None => return Err(ClassUnwritable::NoClusterId),
        };
        let pool = match fields.string(&["parameters", "pool"]) {
            Some(Ok(pool)) if write::is_decl_name(pool) => pool.to_string(),
            Some(Ok(pool)) => {
                return Err(ClassUnwritable::PoolName {
                    pool: pool.to_string(),
                })
            }
            _ => return Err(ClassUnwritable::NoPool),
        };
        let entry = self.block.pools.entry(pool.clone()).or_default();
        match &entry.namespace {
            Some(known) if *known != namespace => {
                return Err(ClassUnwritable::PoolNamespace {
                    pool,
                    known: known.clone(),
                    namespace,
                })
            }
            _ => entry.namespace = Some(namespace.clone()),
        }
        match &entry.operator_namespace {
            Some(known) if known != operator => {
                return Err(ClassUnwritable::OperatorNamespace {
                    pool,
                    known: known.clone(),
                    operator: operator.to_string(),
                })
            }
            _ => entry.operator_namespace = Some(operator.to_string()),
        }
        let mut decl = Decl::new(DeclKind::BlockClass, &start.name);
        decl.attribute("pool", pool.clone());
        let report = &mut self.reports[index];
        if let Some(Ok("2")) = fields
            .peek(&["parameters", "imageFormat"])
            .map(|v| v.as_str().ok_or(v))
        {
            fields.take(&["parameters", "imageFormat"]);
        }
        match fields
            .peek(&["parameters", "imageFeatures"])
            .and_then(Value::as_str)
        {
            Some(text) => {
                let features: Vec<String> = text.split(',').map(|f| f.trim().to_string()).collect();
                if features_are_valid(&features) {
                    fields.take(&["parameters", "imageFeatures"]);
                    if features != ["layering"] {
                        decl.attribute("image_features", write::string_list(&features));
                    }
                }
            }
            None => report.warn("it has no `parameters.imageFeatures`; rookc writes `layering`"),
        }
        match fields
            .peek(&["parameters", "csi.storage.k8s.io/fstype"])
            .and_then(Value::as_str)
        {
            Some(fstype @ ("ext4" | "xfs")) => {
                fields.take(&["parameters", "csi.storage.k8s.io/fstype"]);
                if fstype == "xfs" {
                    decl.attribute("fstype", fstype.to_string());
                }
            }
            Some(_) => {}
            None => report.warn(
                "it has no `csi.storage.k8s.io/fstype`; rookc writes `ext4` (the CSI default)",
            ),
        }
        if let Some(Ok(data_pool)) = fields.string(&["parameters", "dataPool"]) {
            decl.attribute("data_pool", write::quote(data_pool));
        }
        for (role, secret) in SECRETS {
            let name = format!("csi.storage.k8s.io/{role}-secret-name");
            let ns = format!("csi.storage.k8s.io/{role}-secret-namespace");
            let text = |key: &str| fields.peek(&["parameters", key]).and_then(Value::as_str);
            let standard = text(&name) == Some(secret) && text(&ns) == Some(namespace.as_str());
            if standard {
                fields.take(&["parameters", &name]);
                fields.take(&["parameters", &ns]);
            }
        }
        csi_class_policy(fields, &mut decl, report);
        Ok((decl, pool))
    }

    /// Imports a claim on an RBD StorageClass of the inputs; `false` when
    /// the claim is not on one (CephFS import then reads it).
    pub fn import_block_volume(&mut self, index: usize) -> bool {
        let value = &self.documents[index].value;
        let Some(class) = value
            .get("spec")
            .and_then(|s| s.get("storageClassName"))
            .and_then(Value::as_str)
        else {
            return false;
        };
        let Some(target) = self.block.class_pools.get(class).cloned() else {
            return false;
        };
        if let Err(why) = target {
            self.skip(
                index,
                format!("its StorageClass `{class}` is not imported: {why}"),
            );
            return true;
        }
        let Some(mut start) = self.start(index, true) else {
            return true;
        };
        if let Err(why) = self.block_volume(index, class, &mut start) {
            self.skip(index, why);
            return true;
        }
        true
    }

    fn block_volume(
        &mut self,
        index: usize,
        class: &str,
        start: &mut Start<'d>,
    ) -> Result<(), ClaimUnwritable> {
        Self::report_volume_name(start, &mut self.reports[index]);
        let fields = &mut start.fields;
        fields.take(&["spec", "storageClassName"]);
        let size = fields.take(&["spec", "resources", "requests", "storage"]);
        let size = match size.map(quantity::size) {
            Some(Quantity::Exact(text)) => text,
            Some(Quantity::Rewritten(text)) => {
                let written = size.map(|v| v.to_string()).unwrap_or_default();
                self.reports[index].warn(format!("its size {written} is written \"{text}\""));
                text
            }
            Some(Quantity::Invalid(why)) => return Err(ClaimUnwritable::Size(why.to_string())),
            None => return Err(ClaimUnwritable::NoSize),
        };
        let block = match fields.take(&["spec", "volumeMode"]).map(Value::as_str) {
            None | Some(Some("Filesystem")) => false,
            Some(Some("Block")) => true,
            Some(_) => return Err(ClaimUnwritable::VolumeMode),
        };
        let modes = fields.take(&["spec", "accessModes"]);
        let access = match modes.and_then(Value::as_array).map(Vec::as_slice) {
            Some([mode]) if mode == "ReadWriteOnce" => None,
            Some([mode]) if mode == "ReadWriteMany" && block => Some("many"),
            Some([mode]) if mode == "ReadWriteMany" => {
                return Err(ClaimUnwritable::SharedFilesystem)
            }
            Some([mode]) if mode == "ReadOnlyMany" => Some("read-only"),
            _ => {
                let written = modes.map_or("none".to_string(), |m| m.to_string());
                return Err(ClaimUnwritable::AccessModes { written });
            }
        };
        let mut decl = Decl::new(DeclKind::Volume, &start.name);
        decl.attribute("class", class.to_string());
        decl.attribute("size", size);
        if let Some(access) = access {
            decl.attribute("access", access.to_string());
        }
        if block {
            decl.attribute("mode", "block".into());
        }
        if let Some(source) = Self::take_data_source(fields) {
            decl.attribute(source.key, source.name);
        }
        Self::metadata_blocks(start, &mut decl);
        self.place(index, start, decl, "PersistentVolumeClaim", None, None);
        Ok(())
    }
}

/// Whether `features` is an `image_features` list the checker accepts.
fn features_are_valid(features: &[String]) -> bool {
    let has = |name: &str| features.iter().any(|f| f == name);
    let mut seen = std::collections::BTreeSet::new();
    features
        .iter()
        .all(|f| IMAGE_FEATURES.contains(&f.as_str()) && seen.insert(f))
        && (!has("object-map") || has("exclusive-lock"))
        && (!has("fast-diff") || has("object-map"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_follow_the_checker() {
        let list = |text: &str| text.split(',').map(str::to_string).collect::<Vec<_>>();
        assert!(features_are_valid(&list("layering")));
        assert!(features_are_valid(&list(
            "layering,fast-diff,object-map,deep-flatten,exclusive-lock"
        )));
        assert!(!features_are_valid(&list("layering,fast-diff")));
        assert!(!features_are_valid(&list("layering,layering")));
        assert!(!features_are_valid(&list("journaling")));
        assert!(!features_are_valid(&list("")));
    }
}

/// Why an RBD StorageClass cannot be a `blockclass`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClassUnwritable {
    Provisioner,
    /// A `clusterID` other than the cluster namespace: a rados namespace's.
    RadosNamespace {
        id: String,
        secrets: Option<String>,
    },
    NoClusterId,
    PoolName {
        pool: String,
    },
    NoPool,
    PoolNamespace {
        pool: String,
        known: String,
        namespace: String,
    },
    OperatorNamespace {
        pool: String,
        known: String,
        operator: String,
    },
}

impl fmt::Display for ClassUnwritable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClassUnwritable::Provisioner => f.write_str("its provisioner is not `<operator namespace>.rbd.csi.ceph.com`"),
            ClassUnwritable::RadosNamespace { id, secrets } => write!(
                f,
                "its `clusterID` `{id}` is not the cluster namespace{}: a rados namespace's cluster ID, which the language cannot write yet",
                secrets.as_ref().map(|ns| format!(" `{ns}` of its secrets")).unwrap_or_default()
            ),
            ClassUnwritable::NoClusterId => f.write_str("it has no `parameters.clusterID`"),
            ClassUnwritable::PoolName { pool } => write!(f, "its pool `{pool}` cannot be a declaration name"),
            ClassUnwritable::NoPool => f.write_str("it has no `parameters.pool`"),
            ClassUnwritable::PoolNamespace { pool, known, namespace } => write!(f, "another input places block pool `{pool}` in namespace `{known}`, not `{namespace}`"),
            ClassUnwritable::OperatorNamespace { pool, known, operator } => write!(f, "another StorageClass of pool `{pool}` has the operator namespace `{known}`, not `{operator}`"),
        }
    }
}

/// Why a claim on an RBD class cannot be a `volume`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimUnwritable {
    /// The size, and why it is not one.
    Size(String),
    NoSize,
    VolumeMode,
    SharedFilesystem,
    AccessModes {
        written: String,
    },
}

impl fmt::Display for ClaimUnwritable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClaimUnwritable::Size(why) => write!(f, "its size {why}"),
            ClaimUnwritable::NoSize => f.write_str("it has no `spec.resources.requests.storage`"),
            ClaimUnwritable::VolumeMode => f.write_str("its `volumeMode` is neither `Filesystem` nor `Block`"),
            ClaimUnwritable::SharedFilesystem => f.write_str("it is ReadWriteMany in filesystem mode, which ceph-csi refuses for RBD (only `volumeMode: Block` may be shared)"),
            ClaimUnwritable::AccessModes { written } => write!(f, "its access modes are {written}; the language writes one of ReadWriteOnce, ReadWriteMany and ReadOnlyMany"),
        }
    }
}

/// A CSI StorageClass's `reclaimPolicy` and `allowVolumeExpansion` as
/// `reclaim` and `expansion` (`blockclass`, `fileclass`); an absent one is
/// warned about, since rookc writes its own default.
pub(super) fn csi_class_policy(fields: &mut Fields, decl: &mut Decl, report: &mut ObjectReport) {
    match fields.peek(&["reclaimPolicy"]).and_then(Value::as_str) {
        Some("Delete") => {
            fields.take(&["reclaimPolicy"]);
        }
        Some("Retain") => {
            fields.take(&["reclaimPolicy"]);
            decl.attribute("reclaim", "retain".into());
        }
        Some(_) => {}
        None => report.warn("it has no `reclaimPolicy` (Kubernetes' default is `Delete`); rookc writes `reclaimPolicy: Delete`"),
    }
    match fields.peek(&["allowVolumeExpansion"]).and_then(Value::as_bool) {
        Some(allowed) => {
            fields.take(&["allowVolumeExpansion"]);
            if !allowed {
                decl.attribute("expansion", "false".into());
            }
        }
        None => report.warn("it has no `allowVolumeExpansion` (so volumes cannot grow); rookc writes `allowVolumeExpansion: true`"),
    }
}
