//! Object stores, filesystems and volumes.

use super::body::{self, Body};
use super::values;
use super::{names, Checker, Filesystem, Store};
use crate::ast::DeclKind;
use crate::diag::{Code, Diagnostic};
use crate::kinds::ACCESS_WORDS;
use crate::model::{self, AccessMode};

impl Checker<'_> {
    pub(super) fn lower_store(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
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
            self.diags.push(body::missing(decl, "namespace").with_note(
                "the namespace of the CephObjectStore, where Rook reconciles its users",
            ));
        }
        let storage_class = body
            .attribute("storage_class")
            .and_then(|a| values::string(a, self.diags));
        self.check_storage_class_name(storage_class.as_ref());
        let mut allow_users_in = Vec::new();
        if let Some(list) = body
            .attribute("allow_users_in")
            .and_then(|a| values::string_list(a, self.diags))
        {
            for namespace in list {
                if namespace.value != "*" {
                    self.check_namespace_name(&namespace);
                }
                allow_users_in.push(namespace.value);
            }
        }
        let operator_namespace = body
            .attribute("operator_namespace")
            .and_then(|a| values::string(a, self.diags));
        if let Some(ns) = &operator_namespace {
            self.check_namespace_name(ns);
        }
        let placement_classes = body
            .attribute("placement_classes")
            .and_then(|a| values::string_list(a, self.diags))
            .map(|list| self.placement_classes(list));
        self.stores.insert(
            decl.name.value.clone(),
            Store {
                decl_index: index,
                namespace: namespace.map(|n| n.value),
                storage_class,
                allow_users_in,
                operator_namespace: operator_namespace.map(|n| n.value),
                placement_classes,
            },
        );
    }

    pub(super) fn lower_filesystem(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        self.check_object_name(decl);
        let namespace = self.namespace(decl, &body, None);
        if namespace.is_none()
            && body.own_attribute("namespace").is_none()
            && decl.group_namespace.is_none()
        {
            self.diags.push(
                body::missing(decl, "namespace").with_note("the namespace of the CephFilesystem"),
            );
        }
        let storage_class = body
            .attribute("storage_class")
            .and_then(|a| values::string(a, self.diags));
        self.check_storage_class_name(storage_class.as_ref());
        let operator_namespace = body
            .attribute("operator_namespace")
            .and_then(|a| values::string(a, self.diags));
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

    pub(super) fn lower_volume(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        self.check_object_name(decl);
        let group = body
            .own_attribute("group")
            .and_then(|a| values::reference(a, self.diags))
            .and_then(|name| self.resolve(DeclKind::SubvolumeGroup, &name).map(|_| name));
        let filesystem_attr = body.attribute("filesystem");
        let filesystem = filesystem_attr
            .and_then(|a| values::reference(a, self.diags))
            .and_then(|name| self.resolve(DeclKind::Filesystem, &name).map(|_| name));
        if filesystem_attr.is_none() && body.own_attribute("group").is_none() {
            self.diags.push(body::missing(decl, "filesystem"));
        }
        let namespace = self.namespace(decl, &body, None);
        if namespace.is_none() && body.own_attribute("namespace").is_none() {
            self.diags.push(
                body::missing(decl, "namespace")
                    .with_note("the namespace of the app that mounts the volume; or put the volume in a `namespace \"...\" { }` group"),
            );
        }
        let size = match body.attribute("size") {
            Some(attribute) => values::size(attribute, self.diags),
            None => {
                self.diags.push(body::missing(decl, "size"));
                None
            }
        };
        let access = match body.attribute("access") {
            Some(attribute) => {
                values::word(attribute, ACCESS_WORDS, self.diags).map(|w| match w.value {
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

    /// A bucket StorageClass provisions from one object store, a CephFS one
    /// from one filesystem: two declarations naming one class disagree
    /// about where its volumes or buckets go.
    pub(super) fn check_shared_storage_classes(&mut self) {
        let mut named: Vec<(usize, String)> = self
            .stores
            .values()
            // A declared bucket class belongs to one store: E0220 reports
            // the others that name it.
            .filter_map(|s| s.storage_class.clone().map(|c| (s.decl_index, c.value)))
            .filter(|(_, class)| !self.bucket_classes.contains_key(class))
            .chain(
                self.filesystems
                    .values()
                    .filter_map(|f| f.storage_class.clone().map(|c| (f.decl_index, c))),
            )
            .collect();
        named.sort();
        let mut first: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (index, class) in named {
            let Some(&earlier) = first.get(&class) else {
                first.insert(class, index);
                continue;
            };
            let (decl, other) = (self.decl(index), self.decl(earlier));
            self.diags.push(
                Diagnostic::new(
                    Code::DuplicateDeclaration,
                    format!(
                        "StorageClass `{class}` is named by {} `{}` and by {} `{}`",
                        other.kind.value.noun(),
                        other.name.value,
                        decl.kind.value.noun(),
                        decl.name.value
                    ),
                    decl.name.span,
                    "names the same StorageClass",
                )
                .with_secondary(other.name.span, "first named here")
                .with_note("a StorageClass's provisioner serves one object store or one filesystem")
                .with_help("give each its own `storage_class`"),
            );
        }
    }

    /// StorageClass names are Kubernetes object names.
    pub(super) fn check_storage_class_name(
        &mut self,
        class: Option<&crate::source::Spanned<String>>,
    ) {
        if let Some(class) = class {
            if let Err(why) = names::dns_subdomain(&class.value) {
                self.diags.push(super::namespaces::invalid_name(
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
        let decl = self.decl(index);
        let decl = &*decl;
        if let Some(group) = group {
            let info = self.groups.get(&group.value)?;
            let group_decl = self.decl(info.decl_index);
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
            let fs_decl = self.decl(info.decl_index);
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
    why: &super::names::NameError,
) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidKubernetesName,
        format!("{what} name `{name}` {why}"),
        span,
        "Rook uses this name as a label value",
    )
    .with_note("Rook labels the Secret it writes for each user with the user and store names")
}
