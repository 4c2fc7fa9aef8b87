//! Subvolume groups: a CephFilesystemSubVolumeGroup and the StorageClass
//! whose CSI cluster ID provisions volumes into it.

use super::body::{self, Body};
use super::group_fields::GroupPlace;
use super::{values, Checker, SubvolumeGroup};
use crate::ast::Declaration;
use crate::diag::{Code, Diagnostic};
use crate::model;
use crate::source::Spanned;

/// What a group's filesystem contributes.
struct FilesystemFacts {
    name: String,
    namespace: String,
    operator_namespace: String,
}

impl Checker<'_> {
    pub(super) fn lower_subvolume_group(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        self.check_object_name(decl);
        let filesystem = self
            .required_reference(decl, &body, "filesystem")
            .map(|name| name.value);
        let group_name = body
            .attribute("name")
            .and_then(|a| values::string(a, self.diags));
        if let Some(name) = &group_name {
            self.check_group_name(name);
        }
        let group_name = group_name.map(|n| n.value);
        let storage_class = body
            .attribute("storage_class")
            .and_then(|a| values::string(a, self.diags));
        if body.attribute("storage_class").is_none() {
            self.diags
                .push(body::missing(decl, "storage_class").with_note(
                "rookc emits a StorageClass of this name that provisions volumes into the group",
            ));
        }
        if let Some(class) = &storage_class {
            self.check_emitted_class(class);
        }
        let quota = body
            .attribute("quota")
            .and_then(|a| values::size(a, self.diags));
        let pool = body
            .attribute("pool")
            .and_then(|a| values::string(a, self.diags));
        let full_pool = body
            .attribute("data_pool")
            .and_then(|a| values::string(a, self.diags));
        if let (Some(short), Some(full)) = (body.attribute("pool"), body.attribute("data_pool")) {
            self.check_one_pool(decl, short.key.span, full.key.span);
        }
        let full_pool = full_pool.and_then(|p| self.group_data_pool(&p));
        let pinning = body.block("pinning").and_then(|b| self.group_pinning(b));
        let rados_namespace = body
            .attribute("csi_metadata_rados_namespace")
            .and_then(|a| values::string(a, self.diags))
            .and_then(|n| self.group_rados_namespace(&n));
        let explicit_id = body
            .attribute("cluster_id")
            .and_then(|a| values::string(a, self.diags));
        self.groups.insert(
            decl.name.value.clone(),
            SubvolumeGroup {
                decl_index: index,
                filesystem: filesystem.clone(),
                storage_class: storage_class.as_ref().map(|s| s.value.clone()),
            },
        );
        let Some(fs) = filesystem.and_then(|name| self.filesystem_facts(decl, name)) else {
            return;
        };
        let ceph_name = group_name
            .clone()
            .unwrap_or_else(|| decl.name.value.clone());
        let unique_group = self.check_unique_group(decl, &fs.name, &ceph_name);
        let place = GroupPlace {
            namespace: &fs.namespace,
            filesystem: &fs.name,
            ceph_name: &ceph_name,
        };
        let (cluster_id, cluster_id_declared) = self.group_cluster_id(explicit_id.as_ref(), &place);
        // A second declaration of one Ceph group is reported already.
        if unique_group {
            let id_span = explicit_id.as_ref().map_or(decl.name.span, |id| id.span);
            self.check_unique_cluster_id(&cluster_id, id_span, cluster_id_declared);
        }
        let Some(class) = storage_class else { return };
        let meta = self.meta(decl, &body, Some(fs.namespace.clone()));
        let data_pool = pool
            .map(|p| format!("{}-{}", fs.name, p.value))
            .or(full_pool);
        self.program
            .storage_classes
            .push(model::CephfsStorageClass {
                meta: model::Meta {
                    name: class.value,
                    namespace: None,
                    labels: meta.labels.clone(),
                    annotations: meta.annotations.clone(),
                },
                origin: decl.name.span,
                provisioner: format!("{}.cephfs.csi.ceph.com", fs.operator_namespace),
                cluster_id: cluster_id.clone(),
                fs_name: fs.name.clone(),
                pool: data_pool.clone(),
                secrets_namespace: fs.namespace,
                reclaim: model::Reclaim::Delete,
                allow_expansion: true,
                mounter: None,
                mount_options: Vec::new(),
            });
        self.program.subvolume_groups.push(model::SubvolumeGroup {
            meta,
            origin: decl.name.span,
            filesystem: fs.name,
            group_name,
            cluster_id,
            cluster_id_declared,
            quota: quota.map(|q| q.value.quantity),
            data_pool,
            pinning,
            csi_metadata_rados_namespace: rados_namespace,
        });
    }

    /// The group's filesystem, which must have a namespace; a group lives
    /// in it, so an enclosing `namespace` group must agree.
    fn filesystem_facts(&mut self, decl: &Declaration, name: String) -> Option<FilesystemFacts> {
        let fs = self.filesystems.get(&name)?;
        let namespace = fs.namespace.clone()?;
        let operator_namespace = fs
            .operator_namespace
            .clone()
            .unwrap_or_else(|| namespace.clone());
        if let Some(group_ns) = decl
            .group_namespace
            .as_ref()
            .filter(|g| g.value != namespace)
        {
            self.diags.push(
                Diagnostic::new(
                    Code::ConflictingAttributes,
                    format!(
                        "subvolume group `{}` lives in its filesystem's namespace `{namespace}`, not `{}`",
                        decl.name.value, group_ns.value
                    ),
                    decl.name.span,
                    "declared in another namespace's group",
                )
                .with_secondary(group_ns.span, "the group's namespace")
                .with_help("move the subvolume group out of the `namespace` group"),
            );
        }
        Some(FilesystemFacts {
            name,
            namespace,
            operator_namespace,
        })
    }

    /// A Ceph subvolume group name: letters, digits, `-`, `_` and `.`.
    fn check_group_name(&mut self, name: &Spanned<String>) {
        let bad = name
            .value
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || "-_.".contains(*c)));
        if name.value.is_empty() || bad.is_some() {
            let why = bad.map_or("is empty".to_string(), |c| format!("contains `{c}`"));
            self.diags.push(
                Diagnostic::new(
                    Code::InvalidKubernetesName,
                    format!("subvolume group name `{}` {why}", name.value),
                    name.span,
                    "invalid group name",
                )
                .with_help("use letters, digits, `-`, `_` and `.`"),
            );
        }
    }

    /// The StorageClass a group emits must be new: not one an object store
    /// or filesystem names (it exists already), nor another group's.
    fn check_emitted_class(&mut self, class: &Spanned<String>) {
        self.check_storage_class_name(Some(class));
        let existing = self
            .filesystems
            .values()
            .filter(|fs| fs.storage_class.as_deref() == Some(class.value.as_str()))
            .map(|fs| fs.decl_index)
            .chain(
                self.stores
                    .values()
                    .filter(|s| {
                        s.storage_class.as_ref().map(|c| c.value.as_str())
                            == Some(class.value.as_str())
                    })
                    .map(|s| s.decl_index),
            )
            .min();
        if let Some(owner_index) = existing {
            let owner = self.decl(owner_index);
            self.diags.push(
                Diagnostic::new(
                    Code::ConflictingAttributes,
                    format!(
                        "StorageClass `{}` belongs to {} `{}`, but a subvolume group needs one of its own",
                        class.value,
                        owner.kind.value.noun(),
                        owner.name.value
                    ),
                    class.span,
                    "an existing StorageClass",
                )
                .with_secondary(owner.name.span, format!("{} `{}` uses it", owner.kind.value.noun(), owner.name.value))
                .with_help("name a new StorageClass; rookc emits it for the group"),
            );
        } else if let Some(first) = self.emitted_classes.get(&class.value) {
            self.diags.push(
                Diagnostic::new(
                    Code::DuplicateDeclaration,
                    format!(
                        "StorageClass `{}` is emitted for two subvolume groups",
                        class.value
                    ),
                    class.span,
                    "emitted again here",
                )
                .with_secondary(*first, "first emitted here")
                .with_help("give each subvolume group its own `storage_class`"),
            );
        } else {
            self.emitted_classes.insert(class.value.clone(), class.span);
        }
    }

    /// Two CRs for the same filesystem and group name conflict in Rook.
    /// Whether this is the first.
    fn check_unique_group(
        &mut self,
        decl: &Declaration,
        filesystem: &str,
        ceph_name: &str,
    ) -> bool {
        let key = (filesystem.to_string(), ceph_name.to_string());
        match self.ceph_groups.get(&key) {
            Some(first) => {
                self.diags.push(
                    Diagnostic::new(
                        Code::DuplicateDeclaration,
                        format!(
                        "filesystem `{filesystem}` has two subvolume groups named `{ceph_name}`"
                    ),
                        decl.name.span,
                        "declared again here",
                    )
                    .with_secondary(*first, "first declared here")
                    .with_help("give one of them another `name`"),
                );
                false
            }
            None => {
                self.ceph_groups.insert(key, decl.name.span);
                true
            }
        }
    }
}
