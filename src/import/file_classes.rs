//! CephFS StorageClasses of a filesystem (clusterID = the cluster
//! namespace, Rook's default `csi` subvolume group) to `fileclass`
//! declarations; claims on one name it with `class`. (The filesystem's
//! `storage_class` stays free for a class that is not among the inputs,
//! which claims may name.) A class that cannot be a file class is read for
//! context, as before.

use std::collections::BTreeSet;

use serde_json::Value;

use super::block::csi_class_policy;
use super::plan::{Planner, Start};
use super::report::ObjectKey;
use super::write::{self, Decl};
use crate::ast::DeclKind;
use crate::check::names;
use crate::kinds::MOUNTERS;

/// The secrets Rook's operator writes for the CephFS CSI driver, by role.
const SECRETS: [(&str, &str); 4] = [
    ("provisioner", "rook-csi-cephfs-provisioner"),
    ("controller-expand", "rook-csi-cephfs-provisioner"),
    ("controller-publish", "rook-csi-cephfs-provisioner"),
    ("node-stage", "rook-csi-cephfs-node"),
];

/// The file classes import declares.
#[derive(Debug, Default)]
pub struct FileClasses {
    pub decls: Vec<Decl>,
    /// Their names: claims on them are CephFS volumes with `class`.
    pub names: BTreeSet<String>,
}

/// Where a file class points, as its parameters say.
struct Target {
    fs: String,
    namespace: String,
    operator: String,
}

impl<'d> Planner<'d> {
    /// Imports a CephFS StorageClass as a file class; `false` (nothing
    /// changed) when it cannot be one, so it is read for context.
    pub fn import_file_class(&mut self, index: usize) -> bool {
        let Some(target) = self.file_class_target(index) else {
            return false;
        };
        let Some(mut start) = self.start(index, false) else {
            // Reported by `start`: its name cannot be a declaration's.
            return true;
        };
        let entry = self.filesystems.entry(target.fs.clone()).or_default();
        entry
            .namespace
            .get_or_insert_with(|| target.namespace.clone());
        entry
            .operator_namespace
            .get_or_insert_with(|| target.operator.clone());
        let mut decl = self.file_class_decl(index, &mut start, &target);
        Self::metadata_blocks(&start, &mut decl);
        let key = ObjectKey {
            kind: "StorageClass".into(),
            namespace: None,
            name: start.name.clone(),
        };
        self.finish(index, &start, &mut decl, key);
        self.file.names.insert(start.name.clone());
        self.file.decls.push(decl);
        self.cephfs_classes
            .insert(start.name.clone(), Ok((target.fs, None)));
        true
    }

    /// The filesystem, cluster namespace and operator namespace of a class
    /// that can be a file class: `clusterID` is the namespace of its
    /// secrets (not a subvolume group's ID), and another input does not
    /// place the filesystem elsewhere.
    fn file_class_target(&self, index: usize) -> Option<Target> {
        let fs = self.class_parameter(index, "fsName")?;
        let namespace = self.class_parameter(index, "clusterID")?;
        let secrets =
            self.class_parameter(index, "csi.storage.k8s.io/provisioner-secret-namespace");
        let operator = self.documents[index]
            .value
            .get("provisioner")
            .and_then(Value::as_str)?
            .strip_suffix(".cephfs.csi.ceph.com")?
            .to_string();
        let fits = write::is_decl_name(&fs)
            && names::dns_label(&namespace).is_ok()
            && names::dns_label(&operator).is_ok()
            && secrets.is_none_or(|s| s == namespace);
        if !fits {
            return None;
        }
        if let Some(known) = self.filesystems.get(&fs) {
            let differs =
                |known: &Option<String>, new: &str| known.as_deref().is_some_and(|k| k != new);
            if differs(&known.namespace, &namespace)
                || differs(&known.operator_namespace, &operator)
            {
                return None;
            }
        }
        Some(Target {
            fs,
            namespace,
            operator,
        })
    }

    fn file_class_decl(&mut self, index: usize, start: &mut Start<'d>, target: &Target) -> Decl {
        let fields = &mut start.fields;
        for key in [
            &["provisioner"][..],
            &["parameters", "fsName"],
            &["parameters", "clusterID"],
        ] {
            fields.take(key);
        }
        let mut decl = Decl::new(DeclKind::FileClass, &start.name);
        decl.attribute("filesystem", target.fs.clone());
        let report = &mut self.reports[index];
        if let Some(Ok(pool)) = fields.string(&["parameters", "pool"]) {
            decl.attribute("pool", write::quote(pool));
        }
        if let Some(mounter) = fields
            .peek(&["parameters", "mounter"])
            .and_then(Value::as_str)
            .filter(|m| MOUNTERS.contains(m))
        {
            fields.take(&["parameters", "mounter"]);
            decl.attribute("mounter", mounter.to_string());
        }
        match fields.peek(&["mountOptions"]) {
            // `mountOptions:` with only comments under it, as in Rook's
            // example.
            Some(Value::Null) => {
                fields.take(&["mountOptions"]);
            }
            Some(Value::Array(options)) => {
                let options: Option<Vec<String>> = options
                    .iter()
                    .map(|o| o.as_str().map(str::to_string))
                    .collect();
                if let Some(options) = options {
                    fields.take(&["mountOptions"]);
                    if !options.is_empty() {
                        decl.attribute("mount_options", write::string_list(&options));
                    }
                }
            }
            Some(_) | None => {}
        }
        for (role, secret) in SECRETS {
            let name = format!("csi.storage.k8s.io/{role}-secret-name");
            let ns = format!("csi.storage.k8s.io/{role}-secret-namespace");
            let text = |key: &str| fields.peek(&["parameters", key]).and_then(Value::as_str);
            match (text(&name), text(&ns)) {
                (Some(n), Some(s)) if n == secret && s == target.namespace => {
                    fields.take(&["parameters", &name]);
                    fields.take(&["parameters", &ns]);
                }
                (None, None) => report.warn(format!(
                    "it has no `{name}`; rookc writes `{secret}` in `{}`, the secret Rook's operator makes",
                    target.namespace
                )),
                // Another secret stays not carried over, and is reported.
                _ => {}
            }
        }
        csi_class_policy(fields, &mut decl, report);
        decl
    }

    /// The `class` a CephFS claim on `class` names: a file class's.
    pub fn file_class_attribute(&self, class: &str) -> Option<String> {
        self.file.names.contains(class).then(|| class.to_string())
    }
}
