//! Object stores and filesystems, and the StorageClasses they name.

use super::body::{self, Body};
use super::values;
use super::{names, Checker, Filesystem, Store};
use crate::ast::DeclKind;
use crate::diag::{Code, Diagnostic};

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
                    .filter_map(|f| f.storage_class.clone().map(|c| (f.decl_index, c))),
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
