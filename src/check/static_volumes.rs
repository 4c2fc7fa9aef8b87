//! Static volumes: a claim bound to the PersistentVolume of an existing
//! CephFS subvolume (`root_path`), which is how one subvolume is shared
//! into several namespaces. A PersistentVolume binds one claim, so every
//! volume gets its own, named and handled uniquely (E0257).

use super::body::Body;
use super::volumes::Source;
use super::{names, values, Checker};
use crate::ast::Declaration;
use crate::diag::{Code, Diagnostic};
use crate::kinds::static_volume::NODE_SECRET_DEFAULT;
use crate::model::StaticBinding;
use crate::source::{Span, Spanned};

/// The attributes only a static volume has.
const STATIC_ONLY: [&str; 4] = [
    "persistent_volume",
    "volume_handle",
    "node_secret",
    "storage_class",
];

/// PersistentVolume names and volume handles of the program's static
/// volumes, and where each is given.
#[derive(Default)]
pub(super) struct StaticVolumes {
    names: super::hash::FastMap<String, Span>,
    handles: super::hash::FastMap<String, Span>,
}

/// How a volume's claim gets its volume.
pub(super) enum Binding {
    /// From its StorageClass's provisioner.
    Provisioned,
    /// Bound to a static PersistentVolume, with the StorageClass name both
    /// carry (`""` for none).
    Static {
        class: String,
        binding: StaticBinding,
    },
    /// A static volume with errors, reported.
    Invalid,
}

/// Whether `path` is a `root_path` ceph-csi can mount: absolute, without
/// empty, `.` or `..` steps.
pub fn root_path_is_valid(path: &str) -> bool {
    path.starts_with('/')
        && path.len() > 1
        && path
            .split('/')
            .skip(1)
            .all(|step| !step.is_empty() && step != "." && step != "..")
}

impl Checker<'_> {
    /// Whether the volume is static, and its PersistentVolume.
    pub(super) fn volume_binding(
        &mut self,
        decl: &Declaration,
        body: &Body,
        source: &Source,
        namespace: Option<&str>,
    ) -> Binding {
        let Some(root_attribute) = body.own_attribute("root_path") else {
            for key in STATIC_ONLY {
                if let Some(attribute) = body.own_attribute(key) {
                    self.diags.push(
                        Diagnostic::new(
                            Code::StaticVolumeConflict,
                            format!("volume `{}` has `{key}`, which only a static volume has", decl.name.value),
                            attribute.key.span,
                            "for a static volume",
                        )
                        .with_note("a volume is static when it names an existing subvolume with `root_path`; otherwise its StorageClass provisions it")
                        .with_help(format!("remove `{key}`, or add `root_path = \"/volumes/...\"`")),
                    );
                }
            }
            return Binding::Provisioned;
        };
        // A static volume is an existing subvolume: nothing copies into it.
        for key in ["restore", "clone"] {
            if let Some(attribute) = body.own_attribute(key) {
                return self.static_conflict(
                    decl,
                    key,
                    attribute.key.span,
                    root_attribute.key.span,
                );
            }
        }
        let filesystem = match source {
            Source::Cephfs {
                group: None,
                class: None,
                filesystem,
            } => filesystem.clone(),
            Source::Cephfs { group, class, .. } => {
                let (key, span) = match (group, class) {
                    (Some(group), _) => ("group", group.span),
                    (None, Some(class)) => ("class", class.span),
                    (None, None) => ("filesystem", decl.name.span),
                };
                return self.static_conflict(decl, key, span, root_attribute.key.span);
            }
            Source::Rbd { pool, class } => {
                let (key, span) = match (pool, class) {
                    (Some(pool), _) => ("pool", pool.span),
                    (None, Some(class)) => ("class", class.span),
                    (None, None) => ("pool", decl.name.span),
                };
                return self.static_conflict(decl, key, span, root_attribute.key.span);
            }
            Source::Mixed => return Binding::Invalid,
        };
        let root_path =
            values::string(root_attribute, self.diags).filter(|path| self.check_root_path(path));
        let text = |key: &str, this: &mut Self| {
            body.own_attribute(key)
                .and_then(|a| values::string(a, this.diags))
        };
        let pv_name = text("persistent_volume", self);
        let handle = text("volume_handle", self);
        let node_secret = text("node_secret", self);
        let class = text("storage_class", self);
        if class.as_ref().is_some_and(|c| !c.value.is_empty()) {
            self.check_storage_class_name(class.as_ref());
        }
        let pv_name = match (pv_name, namespace) {
            (Some(name), _) => Some(name),
            (None, Some(ns)) => Some(Spanned::new(
                format!("{}-{ns}", decl.name.value),
                decl.name.span,
            )),
            (None, None) => None,
        };
        let Some(pv_name) = pv_name.filter(|n| self.check_pv_name(n)) else {
            return Binding::Invalid;
        };
        let handle = handle.unwrap_or_else(|| pv_name.clone());
        self.claim_static_names(&pv_name, &handle);
        let fs = filesystem.and_then(|fs| self.filesystems.get(&fs.value).map(|i| (fs.value, i)));
        let (Some(root_path), Some((fs_name, info))) = (root_path, fs) else {
            return Binding::Invalid;
        };
        let Some(cluster_namespace) = info.namespace.clone() else {
            return Binding::Invalid;
        };
        let operator = info
            .operator_namespace
            .clone()
            .unwrap_or_else(|| cluster_namespace.clone());
        Binding::Static {
            class: class.map(|c| c.value).unwrap_or_default(),
            binding: StaticBinding {
                name: pv_name.value,
                handle: handle.value,
                driver: format!("{operator}.cephfs.csi.ceph.com"),
                cluster_namespace,
                fs_name,
                root_path: root_path.value,
                node_secret: node_secret
                    .map_or_else(|| NODE_SECRET_DEFAULT.to_string(), |s| s.value),
            },
        }
    }

    fn static_conflict(
        &mut self,
        decl: &Declaration,
        key: &str,
        span: Span,
        root: Span,
    ) -> Binding {
        self.diags.push(
            Diagnostic::new(
                Code::StaticVolumeConflict,
                format!("static volume `{}` names `{key}`, which only a provisioned volume has", decl.name.value),
                span,
                "for a provisioned volume",
            )
            .with_secondary(root, "`root_path` makes the volume static")
            .with_note("a static volume is an existing CephFS subvolume, bound by name: no StorageClass provisions it, and only CephFS volumes can be static here")
            .with_help(format!("remove `{key}` and name the volume's `filesystem`, or remove `root_path`")),
        );
        Binding::Invalid
    }

    /// E0355: ceph-csi mounts `rootPath` as the subvolume's path in the
    /// filesystem: an absolute path without `.` or `..` steps.
    fn check_root_path(&mut self, path: &Spanned<String>) -> bool {
        if root_path_is_valid(&path.value) {
            return true;
        }
        self.diags.push(
            Diagnostic::new(
                Code::InvalidRootPath,
                format!("`root_path` `{}` is not an absolute path in the filesystem", path.value),
                path.span,
                "not a subvolume path",
            )
            .with_note("ceph-csi mounts this path of the filesystem: `ceph fs subvolume getpath FS SUBVOLUME GROUP` prints it, e.g. `/volumes/csi/csi-vol-.../...`")
            .with_help("write the path from `/`, without empty, `.` or `..` steps"),
        );
        false
    }

    fn check_pv_name(&mut self, name: &Spanned<String>) -> bool {
        match names::dns_subdomain(&name.value) {
            Ok(()) => true,
            Err(why) => {
                self.diags.push(
                    super::namespaces::invalid_name(name.span, "persistent volume", &name.value, &why)
                        .with_note("a static volume's PersistentVolume is named `<name>-<namespace>` unless `persistent_volume` names it"),
                );
                false
            }
        }
    }

    /// E0257: a PersistentVolume binds one claim, and ceph-csi tells
    /// volumes apart by their handle.
    fn claim_static_names(&mut self, pv_name: &Spanned<String>, handle: &Spanned<String>) {
        let clashes = [
            (
                "PersistentVolume",
                self.static_volumes.names.get(&pv_name.value).copied(),
                pv_name,
            ),
            (
                "volume handle",
                self.static_volumes.handles.get(&handle.value).copied(),
                handle,
            ),
        ];
        for (what, first, name) in clashes {
            let Some(first) = first else { continue };
            self.diags.push(
                Diagnostic::new(
                    Code::PersistentVolumeClash,
                    format!("{what} `{}` is given to two static volumes", name.value),
                    name.span,
                    "given again here",
                )
                .with_secondary(first, "first given here")
                .with_note("a PersistentVolume binds one claim: a subvolume shared into two namespaces needs a PersistentVolume, with its own name and volume handle, for each")
                .with_help("give each volume its own `persistent_volume` and `volume_handle`, or leave them out for `<name>-<namespace>`"),
            );
            return;
        }
        self.static_volumes
            .names
            .insert(pv_name.value.clone(), pv_name.span);
        self.static_volumes
            .handles
            .insert(handle.value.clone(), handle.span);
    }
}
