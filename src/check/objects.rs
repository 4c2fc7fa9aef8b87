//! Object stores, filesystems, subvolume groups and volumes.

use super::body::{self, Body, Shape};
use super::{names, Checker, Filesystem, Store, SubvolumeGroup};
use crate::ast::DeclKind;
use crate::diag::{Code, Diagnostic};
use crate::model::{self, AccessMode};

const STORE_SCHEMA: &[(&str, Shape)] = &[
    ("namespace", Shape::Attribute),
    ("storage_class", Shape::Attribute),
    ("allow_users_in", Shape::Attribute),
];

const FILESYSTEM_SCHEMA: &[(&str, Shape)] = &[
    ("namespace", Shape::Attribute),
    ("storage_class", Shape::Attribute),
    ("operator_namespace", Shape::Attribute),
];

const GROUP_SCHEMA: &[(&str, Shape)] = &[
    ("filesystem", Shape::Attribute),
    ("name", Shape::Attribute),
    ("storage_class", Shape::Attribute),
    ("quota", Shape::Attribute),
    ("pool", Shape::Attribute),
    ("cluster_id", Shape::Attribute),
    ("labels", Shape::Block),
    ("annotations", Shape::Block),
];

const VOLUME_SCHEMA: &[(&str, Shape)] = &[
    ("filesystem", Shape::Attribute),
    ("group", Shape::Attribute),
    ("namespace", Shape::Attribute),
    ("size", Shape::Attribute),
    ("access", Shape::Attribute),
    ("labels", Shape::Block),
    ("annotations", Shape::Block),
];

/// The words of `access` and the access modes they mean.
const ACCESS_WORDS: [&str; 3] = ["many", "once", "read-only"];

impl Checker<'_> {
    pub(super) fn lower_store(&mut self, index: usize) {
        let decl = self.decls[index];
        let body = Body::read(decl, STORE_SCHEMA, self.diags);
        self.check_object_name(decl);
        if let Err(why) = names::label_value(&decl.name.value) {
            self.diags.push(label_name(
                decl.name.span,
                "object store",
                &decl.name.value,
                &why,
            ));
        }
        let namespace = self.namespace(decl, &body, None);
        if namespace.is_none()
            && body.own_attribute("namespace").is_none()
            && decl.group_namespace.is_none()
        {
            self.diags
                .push(body::missing(decl, "namespace", "\"rook-ceph\"").with_note(
                    "the namespace of the CephObjectStore, where Rook reconciles its users",
                ));
        }
        let storage_class = body
            .attribute("storage_class")
            .and_then(|a| body::string(a, self.diags));
        self.check_storage_class_name(storage_class.as_ref());
        let mut allow_users_in = Vec::new();
        if let Some(list) = body
            .attribute("allow_users_in")
            .and_then(|a| body::string_list(a, self.diags))
        {
            for namespace in list {
                if namespace.value != "*" {
                    self.check_namespace_name(&namespace);
                }
                allow_users_in.push(namespace.value);
            }
        }
        self.stores.insert(
            decl.name.value.clone(),
            Store {
                decl_index: index,
                namespace: namespace.map(|n| n.value),
                storage_class: storage_class.map(|s| s.value),
                allow_users_in,
            },
        );
    }

    pub(super) fn lower_filesystem(&mut self, index: usize) {
        let decl = self.decls[index];
        let body = Body::read(decl, FILESYSTEM_SCHEMA, self.diags);
        self.check_object_name(decl);
        let namespace = self.namespace(decl, &body, None);
        if namespace.is_none()
            && body.own_attribute("namespace").is_none()
            && decl.group_namespace.is_none()
        {
            self.diags.push(
                body::missing(decl, "namespace", "\"rook-ceph\"")
                    .with_note("the namespace of the CephFilesystem"),
            );
        }
        let storage_class = body
            .attribute("storage_class")
            .and_then(|a| body::string(a, self.diags));
        self.check_storage_class_name(storage_class.as_ref());
        let operator_namespace = body
            .attribute("operator_namespace")
            .and_then(|a| body::string(a, self.diags));
        if let Some(ns) = &operator_namespace {
            self.check_namespace_name(ns);
        }
        self.filesystems.insert(
            decl.name.value.clone(),
            Filesystem {
                decl_index: index,
                namespace: namespace.map(|n| n.value),
                storage_class: storage_class.map(|s| s.value),
                operator_namespace: operator_namespace.map(|n| n.value),
            },
        );
    }

    pub(super) fn lower_subvolume_group(&mut self, index: usize) {
        let decl = self.decls[index];
        let body = Body::read(decl, GROUP_SCHEMA, self.diags);
        self.check_object_name(decl);
        let filesystem = match body.attribute("filesystem") {
            Some(attribute) => body::reference(attribute, self.diags).and_then(|name| {
                self.resolve(DeclKind::Filesystem, &name)
                    .map(|_| name.value)
            }),
            None => {
                self.diags.push(body::missing(decl, "filesystem", "myfs"));
                None
            }
        };
        let group_name = body
            .attribute("name")
            .and_then(|a| body::string(a, self.diags));
        let group_name = group_name.map_or_else(|| decl.name.value.clone(), |n| n.value);
        let storage_class = body
            .attribute("storage_class")
            .and_then(|a| body::string(a, self.diags));
        self.check_storage_class_name(storage_class.as_ref());
        if body.attribute("storage_class").is_none() {
            self.diags.push(
                body::missing(decl, "storage_class", "\"cephfs-media\"")
                    .with_note("rookc emits a StorageClass of this name that provisions volumes into the group"),
            );
        }
        let quota = body
            .attribute("quota")
            .and_then(|a| body::size(a, self.diags));
        let pool = body
            .attribute("pool")
            .and_then(|a| body::string(a, self.diags));
        let explicit_id = body
            .attribute("cluster_id")
            .and_then(|a| body::string(a, self.diags));
        let fs = filesystem
            .as_ref()
            .and_then(|name| self.filesystems.get(name));
        let fs_namespace = fs.and_then(|fs| fs.namespace.clone());
        let operator_namespace = fs
            .and_then(|fs| fs.operator_namespace.clone())
            .or_else(|| fs_namespace.clone());
        let fs_storage_class = fs.and_then(|fs| fs.storage_class.clone());
        let fs_decl_index = fs.map(|fs| fs.decl_index);
        if let (Some(group_ns), Some(fs_ns)) = (&decl.group_namespace, &fs_namespace) {
            if &group_ns.value != fs_ns {
                self.diags.push(
                    Diagnostic::new(
                        Code::ConflictingAttributes,
                        format!("subvolume group `{}` lives in its filesystem's namespace `{fs_ns}`, not `{}`", decl.name.value, group_ns.value),
                        decl.name.span,
                        "declared in another namespace's group",
                    )
                    .with_secondary(group_ns.span, "the group's namespace")
                    .with_help("move the subvolume group out of the `namespace` group"),
                );
            }
        }
        if let (Some(class), Some(fs_class), Some(fs_index)) =
            (&storage_class, &fs_storage_class, fs_decl_index)
        {
            if &class.value == fs_class {
                let fs_decl = self.decls[fs_index];
                self.diags.push(
                    Diagnostic::new(
                        Code::ConflictingAttributes,
                        format!("subvolume group `{}` needs a StorageClass of its own, but `{}` is the filesystem's", decl.name.value, class.value),
                        class.span,
                        "the filesystem's StorageClass",
                    )
                    .with_secondary(fs_decl.name.span, "filesystem declared here")
                    .with_help("name a new StorageClass; rookc emits it for the group"),
                );
            }
        }
        let cluster_id = match &explicit_id {
            Some(id) => {
                if let Err(why) = names::cluster_id(&id.value) {
                    self.diags.push(Diagnostic::new(
                        Code::InvalidKubernetesName,
                        format!("cluster ID `{}` {why}", id.value),
                        id.span,
                        "invalid cluster ID",
                    ));
                }
                id.value.clone()
            }
            None => {
                let derived = format!("{}-{}", filesystem.clone().unwrap_or_default(), group_name);
                if filesystem.is_some() && names::cluster_id(&derived).is_err() {
                    self.diags.push(
                        Diagnostic::new(
                            Code::InvalidKubernetesName,
                            format!(
                                "the derived cluster ID `{derived}` is longer than 36 characters"
                            ),
                            decl.name.span,
                            "cluster ID too long",
                        )
                        .with_help(
                            "set `cluster_id = \"...\"` to at most 36 letters, digits, `-` or `_`",
                        ),
                    );
                }
                derived
            }
        };
        if let Some(name) = &filesystem {
            self.groups.insert(
                decl.name.value.clone(),
                SubvolumeGroup {
                    decl_index: index,
                    filesystem: Some(name.clone()),
                    storage_class: storage_class.as_ref().map(|s| s.value.clone()),
                },
            );
        } else {
            self.groups.insert(
                decl.name.value.clone(),
                SubvolumeGroup {
                    decl_index: index,
                    filesystem: None,
                    storage_class: None,
                },
            );
        }
        let (Some(fs_name), Some(fs_namespace), Some(class)) =
            (filesystem, fs_namespace, storage_class)
        else {
            return;
        };
        let mut meta = self.meta(decl, &body, Some(fs_namespace.clone()));
        meta.name = group_name;
        let data_pool = pool.map(|p| format!("{fs_name}-{}", p.value));
        let class_meta = model::Meta {
            name: class.value.clone(),
            namespace: None,
            labels: meta.labels.clone(),
            annotations: meta.annotations.clone(),
        };
        self.program
            .storage_classes
            .push(model::CephfsStorageClass {
                meta: class_meta,
                provisioner: format!(
                    "{}.cephfs.csi.ceph.com",
                    operator_namespace.unwrap_or_else(|| fs_namespace.clone())
                ),
                cluster_id: cluster_id.clone(),
                fs_name: fs_name.clone(),
                pool: data_pool.clone(),
                secrets_namespace: fs_namespace,
            });
        self.program.subvolume_groups.push(model::SubvolumeGroup {
            meta,
            filesystem: fs_name,
            cluster_id,
            quota: quota.map(|q| q.value.quantity),
            data_pool,
        });
    }

    pub(super) fn lower_volume(&mut self, index: usize) {
        let decl = self.decls[index];
        let body = Body::read(decl, VOLUME_SCHEMA, self.diags);
        self.check_object_name(decl);
        let group = body
            .own_attribute("group")
            .and_then(|a| body::reference(a, self.diags))
            .and_then(|name| self.resolve(DeclKind::SubvolumeGroup, &name).map(|_| name));
        let filesystem_attr = body.attribute("filesystem");
        let filesystem = filesystem_attr
            .and_then(|a| body::reference(a, self.diags))
            .and_then(|name| self.resolve(DeclKind::Filesystem, &name).map(|_| name));
        if filesystem_attr.is_none() && body.own_attribute("group").is_none() {
            self.diags.push(body::missing(decl, "filesystem", "myfs"));
        }
        let namespace = self.namespace(decl, &body, None);
        if namespace.is_none() && body.own_attribute("namespace").is_none() {
            self.diags.push(
                body::missing(decl, "namespace", "\"media\"")
                    .with_note("the namespace of the app that mounts the volume; or put the volume in a `namespace \"...\" { }` group"),
            );
        }
        let size = match body.attribute("size") {
            Some(attribute) => body::size(attribute, self.diags),
            None => {
                self.diags.push(body::missing(decl, "size", "10Gi"));
                None
            }
        };
        let access = match body.attribute("access") {
            Some(attribute) => {
                body::word(attribute, &ACCESS_WORDS, self.diags).map(|w| match w.value {
                    "once" => AccessMode::ReadWriteOnce,
                    "read-only" => AccessMode::ReadOnlyMany,
                    _ => AccessMode::ReadWriteMany,
                })
            }
            None => Some(AccessMode::ReadWriteMany),
        };
        let storage_class = self.volume_storage_class(index, group.as_ref(), filesystem.as_ref());
        let meta = self.meta(decl, &body, namespace.map(|n| n.value));
        let (Some(storage_class), Some(size), Some(access_mode)) = (storage_class, size, access)
        else {
            return;
        };
        self.program.volumes.push(model::Volume {
            meta,
            origin: decl.name.span,
            storage_class,
            access_mode,
            size: size.value.quantity,
        });
    }

    /// StorageClass names are Kubernetes object names.
    fn check_storage_class_name(&mut self, class: Option<&crate::source::Spanned<String>>) {
        if let Some(class) = class {
            if let Err(why) = names::dns_subdomain(&class.value) {
                self.diags.push(super::invalid_name(
                    class.span,
                    "storage class",
                    &class.value,
                    &why,
                ));
            }
        }
    }

    /// The StorageClass a volume's claim names: its group's, else its
    /// filesystem's.
    fn volume_storage_class(
        &mut self,
        index: usize,
        group: Option<&crate::source::Spanned<String>>,
        filesystem: Option<&crate::source::Spanned<String>>,
    ) -> Option<String> {
        let decl = self.decls[index];
        if let Some(group) = group {
            let info = self.groups.get(&group.value)?;
            let group_decl = self.decls[info.decl_index];
            if let (Some(fs), Some(group_fs)) = (filesystem, &info.filesystem) {
                if &fs.value != group_fs {
                    self.diags.push(
                        Diagnostic::new(
                            Code::ConflictingAttributes,
                            format!("volume `{}` names filesystem `{}`, but its group `{}` is in `{group_fs}`", decl.name.value, fs.value, group.value),
                            fs.span,
                            "another filesystem",
                        )
                        .with_secondary(group_decl.name.span, "group declared here")
                        .with_help("remove `filesystem`: the group decides it"),
                    );
                    return None;
                }
            }
            return info.storage_class.clone();
        }
        let fs = filesystem?;
        let info = self.filesystems.get(&fs.value)?;
        if info.storage_class.is_none() {
            let fs_decl = self.decls[info.decl_index];
            self.diags.push(
                Diagnostic::new(
                    Code::MissingAttribute,
                    format!("filesystem `{}` has no `storage_class`, so volume `{}` cannot be claimed", fs.value, decl.name.value),
                    fs.span,
                    "this filesystem has no StorageClass",
                )
                .with_secondary(fs_decl.name.span, "filesystem declared here")
                .with_help("add `storage_class = \"rook-cephfs\"` (the CephFS CSI StorageClass) to the filesystem"),
            );
        }
        info.storage_class.clone()
    }
}

/// E0205 for a name that Rook puts into a label value.
pub(super) fn label_name(
    span: crate::source::Span,
    what: &str,
    name: &str,
    why: &str,
) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidKubernetesName,
        format!("{what} name `{name}` {why}"),
        span,
        "Rook uses this name as a label value",
    )
    .with_note("Rook labels the Secret it writes for each user with the user and store names")
}
