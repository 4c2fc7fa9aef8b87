//! Static CephFS volumes: a PersistentVolumeClaim whose `volumeName` is a
//! static CephFS PersistentVolume of the inputs (`staticVolume: "true"`,
//! `rootPath`) becomes one `volume` with `root_path`; both documents are
//! imported with it. Also the server-added protection finalizers, which
//! are stripped (with a note) from every claim and volume.

use std::fmt;

use serde_json::Value;

use super::fields::Fields;
use super::plan::{Kind, Planner, Start};
use super::quantity::{self, Quantity};
use super::report::{ObjectKey, Role};
use super::write::{self, Decl};
use crate::ast::DeclKind;
use crate::check::{names, root_path_is_valid};
use crate::kinds::static_volume::NODE_SECRET_DEFAULT;

/// The finalizers the API server adds to every claim and volume.
const PROTECTION_FINALIZERS: [&str; 2] = [
    "kubernetes.io/pvc-protection",
    "kubernetes.io/pv-protection",
];

/// Strips `metadata.finalizers` when it holds only the protection
/// finalizer the API server adds (it adds it again); other finalizers
/// stay not carried over, and are reported.
pub fn strip_protection_finalizers(fields: &mut Fields, report: &mut super::report::ObjectReport) {
    let Some(Value::Array(list)) = fields.peek(&["metadata", "finalizers"]) else {
        return;
    };
    if list.iter().all(|f| {
        f.as_str()
            .is_some_and(|f| PROTECTION_FINALIZERS.contains(&f))
    }) {
        fields.take(&["metadata", "finalizers"]);
        report.note("its `metadata.finalizers` (the protection finalizer) is left out: the API server adds it to every claim and volume");
    }
}

/// Why a claim and its PersistentVolume cannot be a static volume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaticUnwritable {
    Driver,
    NotStatic,
    Attribute(&'static str),
    RootPath(String),
    FilesystemName(String),
    Elsewhere { fs: String, known: String },
    Size(String),
    Differs(&'static str),
    Secret,
}

impl fmt::Display for StaticUnwritable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StaticUnwritable::Driver => f.write_str("its PersistentVolume's `csi.driver` is not `<operator namespace>.cephfs.csi.ceph.com`"),
            StaticUnwritable::NotStatic => f.write_str("its PersistentVolume is not a static CephFS volume (`volumeAttributes.staticVolume: \"true\"`), so it was provisioned: a claim of the language is written without `volumeName`"),
            StaticUnwritable::Attribute(key) => write!(f, "its PersistentVolume has no `csi.volumeAttributes.{key}`"),
            StaticUnwritable::RootPath(path) => write!(f, "its PersistentVolume's `rootPath` `{path}` is not an absolute path"),
            StaticUnwritable::FilesystemName(fs) => write!(f, "its filesystem `{fs}` cannot be a declaration name"),
            StaticUnwritable::Elsewhere { fs, known } => write!(f, "another input places filesystem `{fs}` in namespace `{known}`, or with another operator namespace"),
            StaticUnwritable::Size(why) => write!(f, "its size {why}"),
            StaticUnwritable::Differs(what) => write!(f, "the claim and its PersistentVolume differ in {what}"),
            StaticUnwritable::Secret => f.write_str("its `nodeStageSecretRef` is not a Secret of the cluster namespace"),
        }
    }
}

impl<'d> Planner<'d> {
    /// The static CephFS PersistentVolume of the inputs a claim names in
    /// `volumeName`.
    fn claimed_volume(&self, index: usize) -> Option<usize> {
        let name = self.documents[index]
            .value
            .get("spec")?
            .get("volumeName")?
            .as_str()?;
        self.of_kind(Kind::StaticVolume).into_iter().find(|&i| {
            self.reports[i].role == Role::Skipped
                && self.documents[i]
                    .value
                    .get("metadata")
                    .and_then(|m| m.get("name"))
                    .and_then(Value::as_str)
                    == Some(name)
        })
    }

    /// Imports a claim bound to a PersistentVolume of the inputs; `false`
    /// when it names none.
    pub fn import_static_volume(&mut self, index: usize) -> bool {
        let Some(pv) = self.claimed_volume(index) else {
            return false;
        };
        let Some(mut start) = self.start(index, true) else {
            return true;
        };
        let mut pv_fields = Fields::new(&self.documents[pv].value);
        strip_protection_finalizers(&mut pv_fields, &mut self.reports[pv]);
        match self.static_volume(pv, &mut start, &mut pv_fields) {
            Ok((decl, fs, pv_name)) => {
                self.report_unused(pv, &pv_fields);
                self.reports[pv].note(format!(
                    "imported with claim `{}`, whose static volume it is",
                    start.name
                ));
                self.reports[pv].role = Role::Imported(ObjectKey {
                    kind: "PersistentVolume".into(),
                    namespace: None,
                    name: pv_name,
                });
                self.place(
                    index,
                    &start,
                    decl,
                    "PersistentVolumeClaim",
                    None,
                    Some((fs, false)),
                );
            }
            Err(why) => {
                self.skip(index, &why);
                self.reports[pv].note("skipped with the claim that names it");
            }
        }
        true
    }

    /// PersistentVolumes no claim of the inputs named.
    pub fn report_unclaimed_volumes(&mut self) {
        for index in self.of_kind(Kind::StaticVolume) {
            if self.reports[index].role == Role::Skipped && self.reports[index].findings.is_empty()
            {
                self.reports[index].note("skipped: no claim of the inputs names it in `volumeName`; a static volume of the language is its claim and its PersistentVolume together");
            }
        }
    }

    fn static_volume(
        &mut self,
        pv_index: usize,
        start: &mut Start<'d>,
        pv: &mut Fields<'d>,
    ) -> Result<(Decl, String, String), StaticUnwritable> {
        let claim = &mut start.fields;
        let text = |fields: &mut Fields<'d>, path: &[&str]| match fields.string(path) {
            Some(Ok(text)) => Some(text.to_string()),
            _ => None,
        };
        let pv_name = text(claim, &["spec", "volumeName"]).unwrap_or_default();
        pv.take(&["metadata", "name"]);
        let operator = text(pv, &["spec", "csi", "driver"])
            .and_then(|d| d.strip_suffix(".cephfs.csi.ceph.com").map(str::to_string))
            .filter(|o| names::dns_label(o).is_ok())
            .ok_or(StaticUnwritable::Driver)?;
        let attribute = |pv: &mut Fields<'d>, key: &'static str| {
            text(pv, &["spec", "csi", "volumeAttributes", key])
                .ok_or(StaticUnwritable::Attribute(key))
        };
        if attribute(pv, "staticVolume")? != "true" {
            return Err(StaticUnwritable::NotStatic);
        }
        let namespace = attribute(pv, "clusterID")?;
        let fs = attribute(pv, "fsName")?;
        let root_path = attribute(pv, "rootPath")?;
        if !root_path_is_valid(&root_path) {
            return Err(StaticUnwritable::RootPath(root_path));
        }
        if !write::is_decl_name(&fs) || names::dns_label(&namespace).is_err() {
            return Err(StaticUnwritable::FilesystemName(fs));
        }
        let entry = self.filesystems.entry(fs.clone()).or_default();
        let differs =
            |known: &Option<String>, new: &str| known.as_deref().is_some_and(|k| k != new);
        if differs(&entry.namespace, &namespace) || differs(&entry.operator_namespace, &operator) {
            let known = entry.namespace.clone().unwrap_or_default();
            return Err(StaticUnwritable::Elsewhere { fs, known });
        }
        entry.namespace = Some(namespace.clone());
        entry.operator_namespace = Some(operator);
        let mut decl = Decl::new(DeclKind::Volume, &start.name);
        let size = claim.take(&["spec", "resources", "requests", "storage"]);
        let capacity = pv.take(&["spec", "capacity", "storage"]);
        if size != capacity {
            return Err(StaticUnwritable::Differs("size"));
        }
        match size.map(quantity::size) {
            Some(Quantity::Exact(text)) => decl.attribute("size", text),
            Some(Quantity::Rewritten(_)) | None => {
                return Err(StaticUnwritable::Size(
                    "is not written as the language writes sizes".into(),
                ))
            }
            Some(Quantity::Invalid(why)) => return Err(StaticUnwritable::Size(why)),
        }
        let modes = claim.take(&["spec", "accessModes"]);
        if modes != pv.take(&["spec", "accessModes"]) {
            return Err(StaticUnwritable::Differs("access modes"));
        }
        match modes.and_then(Value::as_array).map(Vec::as_slice) {
            Some([mode]) if mode == "ReadWriteMany" => {}
            Some([mode]) if mode == "ReadWriteOnce" => decl.attribute("access", "once".into()),
            Some([mode]) if mode == "ReadOnlyMany" => decl.attribute("access", "read-only".into()),
            _ => {
                return Err(StaticUnwritable::Differs(
                    "access modes the language writes",
                ))
            }
        }
        for fields in [&mut *claim, &mut *pv] {
            match fields.peek(&["spec", "volumeMode"]).map(Value::as_str) {
                None | Some(Some("Filesystem")) => {
                    fields.take(&["spec", "volumeMode"]);
                }
                Some(_) => {
                    return Err(StaticUnwritable::Differs(
                        "`volumeMode`, which is `Filesystem` on CephFS",
                    ))
                }
            }
        }
        let class = text(claim, &["spec", "storageClassName"]).unwrap_or_default();
        if class != text(pv, &["spec", "storageClassName"]).unwrap_or_default() {
            return Err(StaticUnwritable::Differs("`storageClassName`"));
        }
        decl.attribute("root_path", write::quote(&root_path));
        if pv_name
            != format!(
                "{}-{}",
                start.name,
                start.namespace.as_deref().unwrap_or_default()
            )
        {
            decl.attribute("persistent_volume", write::quote(&pv_name));
        }
        let handle = text(pv, &["spec", "csi", "volumeHandle"])
            .ok_or(StaticUnwritable::Attribute("volumeHandle"))?;
        if handle != pv_name {
            decl.attribute("volume_handle", write::quote(&handle));
        }
        let secret = text(pv, &["spec", "csi", "nodeStageSecretRef", "name"])
            .ok_or(StaticUnwritable::Secret)?;
        if text(pv, &["spec", "csi", "nodeStageSecretRef", "namespace"]).as_deref()
            != Some(namespace.as_str())
        {
            return Err(StaticUnwritable::Secret);
        }
        if secret != NODE_SECRET_DEFAULT {
            decl.attribute("node_secret", write::quote(&secret));
        }
        if !class.is_empty() {
            decl.attribute("storage_class", write::quote(&class));
        }
        match pv.peek(&["spec", "persistentVolumeReclaimPolicy"]).and_then(Value::as_str) {
            Some("Retain") => {
                pv.take(&["spec", "persistentVolumeReclaimPolicy"]);
            }
            _ => self.reports[pv_index].warn("its `persistentVolumeReclaimPolicy` is not `Retain`; rookc writes `Retain`, since ceph-csi does not delete static volumes"),
        }
        // The PersistentVolume gets the claim's labels and annotations.
        for key in ["labels", "annotations"] {
            let theirs = pv.string_map(&["metadata", key]);
            let ours = if key == "labels" {
                &start.labels
            } else {
                &start.annotations
            };
            let same = theirs
                .iter()
                .filter(|(k, _)| k != crate::check::MANAGED_BY_LABEL)
                .all(|entry| ours.contains(entry));
            if !same {
                return Err(StaticUnwritable::Differs(
                    "labels or annotations (the PersistentVolume has the claim's)",
                ));
            }
        }
        Self::metadata_blocks(start, &mut decl);
        Ok((decl, fs, pv_name))
    }
}
