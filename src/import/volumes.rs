//! CephFS: CephFilesystemSubVolumeGroups (with the StorageClass rookc
//! writes for each) to `subvolumegroup` declarations, and
//! PersistentVolumeClaims on CephFS StorageClasses to `volume` ones.

use serde_json::Value;

use super::fields::Fields;
use super::plan::{Kind, Planner, Start};
use super::quantity::{self, Quantity};
use super::report::{ObjectKey, Role};
use super::write::{self, Decl, Item};
use crate::ast::DeclKind;
use crate::check::{cluster_id, names};

/// A Ceph subvolume group name: letters, digits, `-`, `_` and `.`.
fn is_group_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

/// `spec.pinning` as the one entry of a `pinning` block, when it is one of
/// the three with a number (the checker decides its range).
fn pinning(value: Option<&Value>) -> Option<(String, String)> {
    let map = value?.as_object()?;
    let [(key, number)] = map.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    let number = number.as_number()?;
    let text = match key.as_str() {
        "export" | "distributed" => number.as_i64()?.to_string(),
        "random" => {
            let share = number.as_f64()?;
            // The language has no exponents: `1e-7` is written out.
            let text = format!("{share}");
            if text.contains(['e', 'E']) {
                return None;
            }
            text
        }
        _ => return None,
    };
    Some((key.clone(), text))
}

/// StorageClass parameters rookc writes for a subvolume group.
const GROUP_CLASS_PARAMETERS: [&str; 3] = ["clusterID", "fsName", "pool"];

impl<'d> Planner<'d> {
    /// A provisioned claim's `volumeName` is the binding the cluster made:
    /// rookc writes claims without it.
    pub fn report_volume_name(start: &mut Start<'d>, report: &mut super::report::ObjectReport) {
        if let Some(Ok(name)) = start.fields.string(&["spec", "volumeName"]) {
            report.warn(format!("its `spec.volumeName: {name}` is not carried over: it names the PersistentVolume the cluster bound the claim to, and rookc writes provisioned claims without it (a static volume needs its PersistentVolume among the inputs)"));
        }
    }

    pub fn import_groups(&mut self) {
        for index in self.of_kind(Kind::Group) {
            self.import_group(index);
        }
    }

    fn import_group(&mut self, index: usize) {
        let Some(mut start) = self.start(index, true) else {
            return;
        };
        let namespace = start.namespace.clone().unwrap_or_default();
        let fs = match start.fields.string(&["spec", "filesystemName"]) {
            Some(Ok(fs)) if write::is_decl_name(fs) => fs.to_string(),
            Some(Ok(fs)) => {
                return self.skip(
                    index,
                    format!("its filesystem `{fs}` cannot be a declaration name"),
                )
            }
            _ => return self.skip(index, "it has no `spec.filesystemName`"),
        };
        if self.groups.iter().any(|g| g.name == start.name) {
            return self.skip(index, "another subvolume group of that name is imported already, and their names are unique across the program");
        }
        let entry = self.filesystems.entry(fs.clone()).or_default();
        match &entry.namespace {
            Some(other) if *other != namespace => {
                let why = format!("filesystem `{fs}` is in namespace `{other}` (from another input), and a subvolume group lives in its filesystem's namespace");
                return self.skip(index, &why);
            }
            Some(_) => {}
            None => entry.namespace = Some(namespace.clone()),
        }
        let mut decl = Decl::new(DeclKind::SubvolumeGroup, &start.name);
        decl.attribute("filesystem", fs.clone());
        let ceph_name = match start.fields.string(&["spec", "name"]) {
            Some(Ok(name)) if is_group_name(name) => {
                decl.attribute("name", write::quote(name));
                name.to_string()
            }
            Some(_) => return self.skip(index, "its `spec.name` is not a Ceph subvolume group name (letters, digits, `-`, `_` and `.`)"),
            None => start.name.clone(),
        };
        if !self.ceph_groups.insert((fs.clone(), ceph_name.clone())) {
            return self.skip(
                index,
                format!("another subvolume group of filesystem `{fs}` is named `{ceph_name}`"),
            );
        }
        let declared_id = match start.fields.string(&["spec", "clusterID"]) {
            Some(Ok(id)) => match names::cluster_id(id) {
                Ok(()) => Some(id.to_string()),
                Err(why) => return self.skip(index, format!("the cluster ID `{id}` {why}")),
            },
            Some(Err(_)) => return self.skip(index, "its `spec.clusterID` is not a string"),
            None => None,
        };
        // Without `spec.clusterID`, the ID Rook computes: what its class names.
        let cluster_id = declared_id
            .clone()
            .unwrap_or_else(|| cluster_id::computed(&namespace, &fs, &ceph_name));
        self.snapshots
            .group_ids
            .entry(cluster_id.clone())
            .or_insert_with(|| start.name.clone());
        let class = self.group_class(index, &fs, &start.name, &cluster_id);
        decl.attribute("storage_class", write::quote(&class));
        if let Some(value) = start.fields.peek(&["spec", "quota"]) {
            let text = match quantity::size(value) {
                Quantity::Exact(text) => Some(text),
                Quantity::Rewritten(text) => {
                    self.reports[index]
                        .warn(format!("`spec.quota` is {value}; rookc writes \"{text}\""));
                    Some(text)
                }
                Quantity::Invalid(_) => None,
            };
            if let Some(text) = text {
                decl.attribute("quota", text);
                start.fields.take(&["spec", "quota"]);
            }
        }
        if let Some(Ok(pool)) = start
            .fields
            .peek(&["spec", "dataPoolName"])
            .map(|v| v.as_str().ok_or(v))
            .filter(|p| p.as_ref().is_ok_and(|p| !p.is_empty()))
        {
            match pool
                .strip_prefix(&format!("{fs}-"))
                .filter(|p| !p.is_empty())
            {
                Some(short) => decl.attribute("pool", write::quote(short)),
                None => decl.attribute("data_pool", write::quote(pool)),
            }
            start.fields.take(&["spec", "dataPoolName"]);
        }
        if let Some(id) = &declared_id {
            decl.attribute("cluster_id", write::quote(id));
        }
        if let Some(entry) = pinning(start.fields.peek(&["spec", "pinning"])) {
            decl.items.push(Item::Block("pinning".into(), vec![entry]));
            start.fields.take(&["spec", "pinning"]);
        }
        if let Some(Ok(namespace)) = start.fields.string(&["spec", "csiMetadataRadosNamespace"]) {
            decl.attribute("csi_metadata_rados_namespace", write::quote(namespace));
        }
        Self::metadata_blocks(&start, &mut decl);
        let key = ObjectKey {
            kind: "CephFilesystemSubVolumeGroup".into(),
            namespace: Some(namespace),
            name: start.name.clone(),
        };
        self.finish(index, &start, &mut decl, key);
        self.groups.push(decl);
    }

    /// The StorageClass that provisions into the group: the CephFS class of
    /// the inputs with the group's filesystem and cluster ID (imported
    /// with the group, since rookc writes it), else a new one.
    fn group_class(&mut self, index: usize, fs: &str, group: &str, cluster_id: &str) -> String {
        let paired = self.of_kind(Kind::CephfsClass).into_iter().find(|&i| {
            let parameter = |key: &str| {
                self.documents[i]
                    .value
                    .get("parameters")
                    .and_then(|p| p.get(key))
                    .and_then(Value::as_str)
            };
            self.reports[i].role == Role::Skipped
                && parameter("fsName") == Some(fs)
                && parameter("clusterID") == Some(cluster_id)
                && self.documents[i]
                    .value
                    .get("metadata")
                    .and_then(|m| m.get("name"))
                    .is_some_and(Value::is_string)
        });
        let Some(class_index) = paired else {
            let class = format!("{fs}-{group}");
            self.reports[index].warn(format!(
                "no StorageClass of the inputs provisions into it (`fsName: {fs}`, `clusterID: {cluster_id}`); `rookc build` writes StorageClass `{class}` for it"
            ));
            self.cephfs_classes
                .insert(class.clone(), Ok((fs.to_string(), Some(group.to_string()))));
            return class;
        };
        let value = &self.documents[class_index].value;
        let mut fields = Fields::new(value);
        let class = fields
            .string(&["metadata", "name"])
            .and_then(Result::ok)
            .unwrap_or_default()
            .to_string();
        fields.string_map(&["metadata", "labels"]);
        fields.string_map(&["metadata", "annotations"]);
        for key in ["provisioner", "reclaimPolicy", "allowVolumeExpansion"] {
            fields.take(&[key]);
        }
        for key in GROUP_CLASS_PARAMETERS {
            fields.take(&["parameters", key]);
        }
        for role in [
            "provisioner",
            "controller-expand",
            "controller-publish",
            "node-stage",
        ] {
            for part in ["name", "namespace"] {
                fields.take(&[
                    "parameters",
                    &format!("csi.storage.k8s.io/{role}-secret-{part}"),
                ]);
            }
        }
        let operator = value
            .get("provisioner")
            .and_then(Value::as_str)
            .and_then(|p| p.strip_suffix(".cephfs.csi.ceph.com"));
        if let (Some(operator), Some(entry)) = (operator, self.filesystems.get_mut(fs)) {
            entry
                .operator_namespace
                .get_or_insert_with(|| operator.to_string());
        }
        self.report_unused(class_index, &fields);
        self.reports[class_index].note(format!(
            "imported with subvolume group `{group}`, which rookc writes it for"
        ));
        self.reports[class_index].role = Role::Imported(ObjectKey {
            kind: "StorageClass".into(),
            namespace: None,
            name: class.clone(),
        });
        self.cephfs_classes
            .insert(class.clone(), Ok((fs.to_string(), Some(group.to_string()))));
        class
    }

    pub fn import_volumes(&mut self) {
        for index in self.of_kind(Kind::Volume) {
            if !self.import_static_volume(index) && !self.import_block_volume(index) {
                self.import_volume(index);
            }
        }
        self.report_unclaimed_volumes();
    }

    fn import_volume(&mut self, index: usize) {
        let value = &self.documents[index].value;
        let Some(class) = value
            .get("spec")
            .and_then(|s| s.get("storageClassName"))
            .and_then(Value::as_str)
        else {
            return self.reports[index]
                .note("skipped: it names no StorageClass, so it is not known to be on CephFS");
        };
        if !self.is_cephfs_class(class) {
            return self.reports[index].note(format!(
                "skipped: StorageClass `{class}` is not a CephFS StorageClass of the inputs"
            ));
        }
        let Some(mut start) = self.start(index, true) else {
            return;
        };
        start.fields.take(&["spec", "storageClassName"]);
        Self::report_volume_name(&mut start, &mut self.reports[index]);
        let size = start
            .fields
            .take(&["spec", "resources", "requests", "storage"]);
        let size = match size.map(quantity::size) {
            Some(Quantity::Exact(text)) => text,
            Some(Quantity::Rewritten(text)) => {
                let written = size.map(|v| v.to_string()).unwrap_or_default();
                self.reports[index].warn(format!("its size {written} is written \"{text}\""));
                text
            }
            Some(Quantity::Invalid(why)) => return self.skip(index, format!("its size {why}")),
            None => return self.skip(index, "it has no `spec.resources.requests.storage`"),
        };
        let modes = start.fields.take(&["spec", "accessModes"]);
        let access = match modes.and_then(Value::as_array).map(Vec::as_slice) {
            Some([mode]) if mode == "ReadWriteMany" => None,
            Some([mode]) if mode == "ReadWriteOnce" => Some("once"),
            Some([mode]) if mode == "ReadOnlyMany" => Some("read-only"),
            _ => {
                let written = modes.map_or("none".to_string(), |m| m.to_string());
                return self.skip(index, format!("its access modes are {written}; the language writes one of ReadWriteMany, ReadWriteOnce and ReadOnlyMany"));
            }
        };
        match start
            .fields
            .peek(&["spec", "volumeMode"])
            .map(|v| v.as_str())
        {
            None | Some(Some("Filesystem")) => {
                start.fields.take(&["spec", "volumeMode"]);
            }
            Some(_) => {
                return self.skip(
                    index,
                    "its `volumeMode` is not `Filesystem`, the only mode of CephFS volumes",
                )
            }
        }
        let (fs, group) = match self.filesystem_of_class(index, class) {
            Ok(target) => target,
            Err(why) => return self.skip(index, &why),
        };
        let mut decl = Decl::new(DeclKind::Volume, &start.name);
        if let Some(group) = &group {
            decl.attribute("group", group.clone());
        }
        if let Some(class) = self.file_class_attribute(class) {
            decl.attribute("class", class);
        }
        decl.attribute("size", size);
        if let Some(access) = access {
            decl.attribute("access", access.to_string());
        }
        if let Some(source) = Self::take_data_source(&mut start.fields) {
            decl.attribute(source.key, source.name);
        }
        Self::metadata_blocks(&start, &mut decl);
        let filesystem = Some((fs, group.is_some()));
        self.place(
            index,
            &start,
            decl,
            "PersistentVolumeClaim",
            None,
            filesystem,
        );
    }
}
