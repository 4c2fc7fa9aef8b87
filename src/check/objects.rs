//! Object stores and filesystems, and the StorageClasses they name; what
//! every declaration of an existing Ceph object says about where it is.

use super::body::{self, Body};
use super::values;
use super::{names, Checker, Filesystem, Store};
use crate::ast::{DeclKind, Declaration};
use crate::diag::{Code, Diagnostic};
use crate::source::Spanned;

/// Where an existing Ceph object is, as its declaration says.
pub(super) struct CephObject {
    pub namespace: Option<String>,
    pub storage_class: Option<Spanned<String>>,
    /// The prefix of the CSI or bucket provisioner's name, when given.
    pub operator_namespace: Option<String>,
}

impl Checker<'_> {
    pub(super) fn lower_store(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        if let Err(why) = names::label_value(&decl.name.value) {
            self.diags.push(label_name(
                decl.name.span,
                "object store",
                &decl.name.value,
                &why,
            ));
        }
        let object = self.lower_ceph_object(
            decl,
            &body,
            "the namespace of the CephObjectStore, where Rook reconciles its users",
        );
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
        let placement_classes = body
            .attribute("placement_classes")
            .and_then(|a| values::string_list(a, self.diags))
            .map(|list| self.placement_classes(list));
        self.stores.insert(
            decl.name.value.clone(),
            Store {
                decl_index: index,
                namespace: object.namespace,
                storage_class: object.storage_class,
                allow_users_in,
                operator_namespace: object.operator_namespace,
                placement_classes,
            },
        );
    }

    pub(super) fn lower_filesystem(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        let object = self.lower_ceph_object(decl, &body, "the namespace of the CephFilesystem");
        self.filesystems.insert(
            decl.name.value.clone(),
            Filesystem {
                decl_index: index,
                namespace: object.namespace,
                storage_class_span: object.storage_class.as_ref().map(|s| s.span),
                storage_class: object.storage_class.map(|s| s.value),
                operator_namespace: object.operator_namespace,
            },
        );
    }

    /// What every declaration of an existing Ceph object (an object store,
    /// a filesystem, a block pool) says about where it is: its name, its
    /// namespace (required unless a `namespace` group gives it, with
    /// `namespace_note` saying which), its `storage_class` and
    /// `operator_namespace`.
    pub(super) fn lower_ceph_object(
        &mut self,
        decl: &Declaration,
        body: &Body,
        namespace_note: &str,
    ) -> CephObject {
        self.check_object_name(decl);
        let namespace = self.namespace(decl, body, None);
        if namespace.is_none()
            && body.own_attribute("namespace").is_none()
            && decl.group_namespace.is_none()
        {
            self.diags
                .push(body::missing(decl, "namespace").with_note(namespace_note));
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
        CephObject {
            namespace: namespace.map(|n| n.value),
            storage_class,
            operator_namespace: operator_namespace.map(|n| n.value),
        }
    }

    /// A bucket StorageClass provisions from one object store, a CephFS one
    /// from one filesystem, an RBD one in one pool: two declarations naming
    /// one class disagree about where its volumes or buckets go. (A pool
    /// that names a block class is checked with the class.)
    pub(super) fn check_shared_storage_classes(&mut self) {
        let pools = self.block_pools.values().filter_map(|p| {
            let class = p.storage_class.as_ref()?;
            (!self.block_classes.contains_key(&class.value))
                .then(|| (p.decl_index, class.value.clone()))
        });
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
                    .filter_map(|f| f.storage_class.clone().map(|c| (f.decl_index, c)))
                    // A declared file class belongs to one filesystem:
                    // E0255 reports the others that name it.
                    .filter(|(_, class)| !self.file_classes.contains_key(class)),
            )
            .chain(pools)
            .collect();
        named.sort();
        let mut first: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (index, class) in named {
            let Some(&earlier) = first.get(&class) else {
                first.insert(class, index);
                continue;
            };
            let (decl, other) = (self.decl(index), self.decl(earlier));
            let serves = if [&decl, &other]
                .iter()
                .any(|d| d.kind.value == DeclKind::BlockPool)
            {
                "a StorageClass's provisioner serves one object store, one filesystem or one block pool"
            } else {
                "a StorageClass's provisioner serves one object store or one filesystem"
            };
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
                .with_note(serves)
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
