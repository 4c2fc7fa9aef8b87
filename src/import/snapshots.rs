//! Snapshots: VolumeSnapshotClasses of the CephFS and RBD CSI drivers to
//! `snapshotclass` declarations (naming a filesystem, subvolume group or
//! block pool of the inputs in their cluster), VolumeSnapshots of imported
//! volumes to `snapshot`s, and a claim's `dataSource` (with the
//! `dataSourceRef` the API server mirrors from it) to `restore` or
//! `clone`. What cannot be written is reported, never dropped.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::fields::Fields;
use super::plan::{Kind, Planner};
use super::report::{ObjectKey, Role};
use super::write::{self, Decl, Item};
use crate::ast::DeclKind;

/// What import gathers about snapshots.
#[derive(Debug, Default)]
pub struct Snapshots {
    /// `snapshotclass` declarations, for the top of the program.
    pub classes: Vec<Decl>,
    /// Imported snapshot classes.
    pub class_names: BTreeSet<String>,
    /// CephFS cluster ID of each imported subvolume group -> the group.
    pub group_ids: BTreeMap<String, String>,
}

/// A claim's source, as the language writes it.
pub struct SourceAttribute {
    pub key: &'static str,
    pub name: String,
}

impl<'d> Planner<'d> {
    pub fn import_snapshot_classes(&mut self) {
        for index in self.of_kind(Kind::SnapshotClass) {
            self.import_snapshot_class(index);
        }
    }

    fn import_snapshot_class(&mut self, index: usize) {
        let Some(mut start) = self.start(index, false) else {
            return;
        };
        let fields = &mut start.fields;
        let driver = fields
            .string(&["driver"])
            .and_then(Result::ok)
            .unwrap_or("");
        let (operator, cephfs) = match (
            driver.strip_suffix(".cephfs.csi.ceph.com"),
            driver.strip_suffix(".rbd.csi.ceph.com"),
        ) {
            (Some(operator), _) => (operator, true),
            (None, Some(operator)) => (operator, false),
            (None, None) => {
                return self.skip(
                    index,
                    format!(
                        "its driver `{driver}` is neither Rook's CephFS nor its RBD CSI driver"
                    ),
                )
            }
        };
        let text = |fields: &Fields, key: &str| {
            fields
                .peek(&["parameters", key])
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let Some(cluster_id) = text(fields, "clusterID") else {
            return self.skip(index, "it has no `parameters.clusterID`");
        };
        let secret = if cephfs {
            "rook-csi-cephfs-provisioner"
        } else {
            "rook-csi-rbd-provisioner"
        };
        let name_key = "csi.storage.k8s.io/snapshotter-secret-name";
        let namespace_key = "csi.storage.k8s.io/snapshotter-secret-namespace";
        let namespace = text(fields, namespace_key);
        let Some(namespace) =
            namespace.filter(|_| text(fields, name_key).as_deref() == Some(secret))
        else {
            return self.skip(
                index,
                format!("its snapshotter secret is not Rook's `{secret}` with a namespace"),
            );
        };
        let Some((key, target)) = self.snapshot_cluster(cephfs, operator, &namespace, &cluster_id)
        else {
            let what = if cephfs {
                "filesystem or subvolume group"
            } else {
                "block pool"
            };
            return self.skip(index, format!("no {what} of the inputs is in cluster `{namespace}` with cluster ID `{cluster_id}` (the class names none); import it together with a StorageClass of that cluster"));
        };
        for key in ["clusterID", name_key, namespace_key] {
            start.fields.take(&["parameters", key]);
        }
        start.fields.take(&["driver"]);
        let mut decl = Decl::new(DeclKind::SnapshotClass, &start.name);
        decl.attribute(key, target);
        match start
            .fields
            .peek(&["deletionPolicy"])
            .and_then(Value::as_str)
        {
            Some("Delete") => {
                start.fields.take(&["deletionPolicy"]);
            }
            Some("Retain") => {
                start.fields.take(&["deletionPolicy"]);
                decl.attribute("deletion", "retain".into());
            }
            _ => {}
        }
        Self::metadata_blocks(&start, &mut decl);
        let key = ObjectKey {
            kind: "VolumeSnapshotClass".into(),
            namespace: None,
            name: start.name.clone(),
        };
        self.finish(index, &start, &mut decl, key);
        self.snapshots.class_names.insert(start.name.clone());
        self.snapshots.classes.push(decl);
    }

    /// The declaration a snapshot class names for its cluster: a subvolume
    /// group with that cluster ID, else a filesystem or block pool of that
    /// namespace and operator (the first by name).
    fn snapshot_cluster(
        &self,
        cephfs: bool,
        operator: &str,
        namespace: &str,
        cluster_id: &str,
    ) -> Option<(&'static str, String)> {
        let fits = |provider: &super::plan::Provider| {
            provider.namespace.as_deref() == Some(namespace)
                && provider.operator_namespace.as_deref().unwrap_or(namespace) == operator
        };
        if !cephfs {
            let pool = self.block.pools.iter().find(|(_, p)| fits(p))?;
            return (cluster_id == namespace).then(|| ("pool", pool.0.clone()));
        }
        if let Some(group) = self.snapshots.group_ids.get(cluster_id) {
            return Some(("group", group.clone()));
        }
        let fs = self.filesystems.iter().find(|(_, f)| fits(f))?;
        (cluster_id == namespace).then(|| ("filesystem", fs.0.clone()))
    }

    /// VolumeSnapshots of imported volumes with an imported class.
    pub fn import_snapshots(&mut self) {
        for index in self.of_kind(Kind::Snapshot) {
            self.import_snapshot(index);
        }
        self.settle_sources();
    }

    fn import_snapshot(&mut self, index: usize) {
        let Some(mut start) = self.start(index, true) else {
            return;
        };
        let namespace = start.namespace.clone().unwrap_or_default();
        let volume = match start.fields.string(&["spec", "source", "persistentVolumeClaimName"]) {
            Some(Ok(volume)) => volume.to_string(),
            _ => return self.skip(index, "it has no `spec.source.persistentVolumeClaimName` (a snapshot of an existing VolumeSnapshotContent, which the language cannot write)"),
        };
        if !self.is_placed(DeclKind::Volume, &namespace, &volume) {
            return self.skip(index, format!("its volume `{volume}` of namespace `{namespace}` is not imported from the inputs"));
        }
        let class = match start.fields.string(&["spec", "volumeSnapshotClassName"]) {
            Some(Ok(class)) if self.snapshots.class_names.contains(class) => class.to_string(),
            Some(Ok(class)) => return self.skip(index, format!("its VolumeSnapshotClass `{class}` is not imported from the inputs")),
            _ => return self.skip(index, "it names no `volumeSnapshotClassName` (the driver's default class), and the language names the class"),
        };
        let mut decl = Decl::new(DeclKind::Snapshot, &start.name);
        decl.attribute("volume", volume);
        decl.attribute("class", class);
        Self::metadata_blocks(&start, &mut decl);
        self.place(index, &start, decl, "VolumeSnapshot", None, None);
    }

    fn is_placed(&self, kind: DeclKind, namespace: &str, name: &str) -> bool {
        self.placed
            .iter()
            .any(|p| p.decl.kind == kind && p.namespace == namespace && p.decl.name == name)
    }

    /// A claim's `spec.dataSource` as `restore` or `clone`, taken from
    /// `fields` (with a `dataSourceRef` that mirrors it); `None` leaves an
    /// unwritable source among the fields not carried over.
    pub fn take_data_source(fields: &mut Fields) -> Option<SourceAttribute> {
        let source = fields.peek(&["spec", "dataSource"])?;
        let text = |key: &str| source.get(key).and_then(Value::as_str);
        let group = text("apiGroup").filter(|g| !g.is_empty());
        let key = match (text("kind"), group) {
            (Some("VolumeSnapshot"), Some("snapshot.storage.k8s.io")) => "restore",
            (Some("PersistentVolumeClaim"), None) => "clone",
            _ => return None,
        };
        let name = text("name").filter(|n| write::is_decl_name(n))?.to_string();
        if let Some(reference) = fields.peek(&["spec", "dataSourceRef"]) {
            let same = |key: &str| {
                reference
                    .get(key)
                    .and_then(Value::as_str)
                    .filter(|v| !v.is_empty())
                    == source
                        .get(key)
                        .and_then(Value::as_str)
                        .filter(|v| !v.is_empty())
            };
            if reference.get("namespace").is_some()
                || !["apiGroup", "kind", "name"].into_iter().all(same)
            {
                return None;
            }
            fields.take(&["spec", "dataSourceRef"]);
        }
        fields.take(&["spec", "dataSource"]);
        Some(SourceAttribute { key, name })
    }

    /// Drops a `restore` or `clone` whose snapshot or volume was not
    /// imported (the program would not compile), with a warning: the
    /// claim then does not round-trip.
    fn settle_sources(&mut self) {
        let mut dropped = Vec::new();
        for at in 0..self.placed.len() {
            let placed = &self.placed[at];
            if placed.decl.kind != DeclKind::Volume {
                continue;
            }
            let found = placed
                .decl
                .items
                .iter()
                .enumerate()
                .find_map(|(i, item)| match item {
                    Item::Attribute(key, name) if key == "restore" => {
                        Some((i, DeclKind::Snapshot, name.clone()))
                    }
                    Item::Attribute(key, name) if key == "clone" => {
                        Some((i, DeclKind::Volume, name.clone()))
                    }
                    _ => None,
                });
            let Some((item, kind, name)) = found else {
                continue;
            };
            if !self.is_placed(kind, &placed.namespace, &name) {
                dropped.push((at, item, kind, name));
            }
        }
        for (at, item, kind, name) in dropped {
            let placed = &mut self.placed[at];
            placed.decl.items.remove(item);
            let why = format!(
                "not carried over: its `dataSource` names {} `{name}`, which is not imported from the inputs; the volume is written without `{}`",
                kind.noun(),
                if kind == DeclKind::Snapshot { "restore" } else { "clone" }
            );
            placed.decl.comments.push(format!("rookc import: {why}"));
            let (namespace, volume) = (placed.namespace.clone(), placed.decl.name.clone());
            if let Some(report) = self.reports.iter_mut().find(|r| {
                matches!(&r.role, Role::Imported(key) if key.kind == "PersistentVolumeClaim"
                    && key.namespace.as_deref() == Some(namespace.as_str()) && key.name == volume)
            }) {
                report.warn(why);
            }
        }
    }
}
