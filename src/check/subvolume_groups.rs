//! Subvolume groups: a CephFilesystemSubVolumeGroup and the StorageClass
//! whose CSI cluster ID provisions volumes into it.

use super::body::{self, Body, Shape};
use super::{names, values, Checker, SubvolumeGroup};
use crate::ast::DeclKind;
use crate::diag::{Code, Diagnostic};
use crate::model;

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

impl Checker<'_> {
    pub(super) fn lower_subvolume_group(&mut self, index: usize) {
        let decl = self.decls[index];
        let body = Body::read(decl, GROUP_SCHEMA, self.diags);
        self.check_object_name(decl);
        let filesystem = match body.attribute("filesystem") {
            Some(attribute) => values::reference(attribute, self.diags).and_then(|name| {
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
            .and_then(|a| values::string(a, self.diags));
        let group_name = group_name.map_or_else(|| decl.name.value.clone(), |n| n.value);
        let storage_class = body
            .attribute("storage_class")
            .and_then(|a| values::string(a, self.diags));
        self.check_storage_class_name(storage_class.as_ref());
        if body.attribute("storage_class").is_none() {
            self.diags.push(
                body::missing(decl, "storage_class", "\"cephfs-media\"")
                    .with_note("rookc emits a StorageClass of this name that provisions volumes into the group"),
            );
        }
        let quota = body
            .attribute("quota")
            .and_then(|a| values::size(a, self.diags));
        let pool = body
            .attribute("pool")
            .and_then(|a| values::string(a, self.diags));
        let explicit_id = body
            .attribute("cluster_id")
            .and_then(|a| values::string(a, self.diags));
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
}
