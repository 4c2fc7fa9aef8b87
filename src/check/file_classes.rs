//! File classes: the CephFS StorageClasses rookc emits for a filesystem,
//! and the one StorageClass namespace of a cluster they share with bucket
//! classes, block classes and subvolume groups' classes.

use super::block::csi_class_policy;
use super::body::{self, Body};
use super::{values, Checker, FileClass};
use crate::ast::{DeclKind, Declaration};
use crate::diag::{Code, Diagnostic};
use crate::kinds::MOUNTERS;
use crate::model;
use crate::source::{Span, Spanned};

/// What a file class's filesystem says about where its class points.
struct Target {
    fs: String,
    namespace: String,
    operator: String,
}

impl Checker<'_> {
    pub(super) fn lower_file_class(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        self.check_object_name(decl);
        let filesystem = match body.attribute("filesystem") {
            Some(attribute) => values::reference(attribute, self.diags).and_then(|name| {
                self.resolve(DeclKind::Filesystem, &name)
                    .map(|_| name.value)
            }),
            None => {
                self.diags.push(body::missing(decl, "filesystem"));
                None
            }
        };
        self.file_classes.insert(
            decl.name.value.clone(),
            FileClass {
                decl_index: index,
                filesystem: filesystem.clone(),
            },
        );
        self.check_file_class_name(decl);
        if let Some(fs) = &filesystem {
            self.check_filesystems_naming(decl, fs);
        }
        let pool = body
            .attribute("pool")
            .and_then(|a| values::string(a, self.diags));
        if let (Some(pool), Some(fs)) = (&pool, &filesystem) {
            self.lint_data_pool(decl, pool, fs);
        }
        let mounter = body
            .attribute("mounter")
            .map(|a| values::word(a, MOUNTERS, self.diags));
        let mount_options = body
            .attribute("mount_options")
            .map(|a| values::string_list(a, self.diags));
        let (reclaim, expansion) = csi_class_policy(&body, self.diags);
        let meta = self.meta(decl, &body, None);
        let target = filesystem.and_then(|fs| self.file_class_target(fs));
        let (Some(target), Some(reclaim), Some(allow_expansion)) = (target, reclaim, expansion)
        else {
            return;
        };
        let (Some(mounter), Some(mount_options)) = (
            mounter.map_or(Some(None), |m| m.map(Some)),
            mount_options.map_or(Some(Vec::new()), |o| o),
        ) else {
            return;
        };
        self.program
            .storage_classes
            .push(model::CephfsStorageClass {
                meta,
                origin: decl.name.span,
                provisioner: format!("{}.cephfs.csi.ceph.com", target.operator),
                // Rook's default `csi` group has the cluster namespace as its
                // CSI cluster ID.
                cluster_id: target.namespace.clone(),
                fs_name: target.fs,
                pool: pool.map(|p| p.value),
                secrets_namespace: target.namespace,
                reclaim,
                allow_expansion,
                mounter: mounter.map(|m| m.value.to_string()),
                mount_options: mount_options.into_iter().map(|o| o.value).collect(),
            });
    }

    fn file_class_target(&self, fs: String) -> Option<Target> {
        let info = self.filesystems.get(&fs)?;
        let namespace = info.namespace.clone()?;
        let operator = info
            .operator_namespace
            .clone()
            .unwrap_or_else(|| namespace.clone());
        Some(Target {
            fs,
            namespace,
            operator,
        })
    }

    /// A filesystem whose `storage_class` names the class makes it its
    /// default; only the class's own filesystem may.
    fn check_filesystems_naming(&mut self, decl: &Declaration, own: &str) {
        let name = decl.name.value.as_str();
        let mut others: Vec<(String, Span)> = self
            .filesystems
            .iter()
            .filter(|(fs, info)| fs.as_str() != own && info.storage_class.as_deref() == Some(name))
            .filter_map(|(fs, info)| Some((fs.clone(), info.storage_class_span?)))
            .collect();
        others.sort_by_key(|(_, span)| *span);
        for (fs, span) in others {
            self.diags.push(
                Diagnostic::new(
                    Code::FileClassOfOtherFilesystem,
                    format!("filesystem `{fs}` names file class `{name}` as its StorageClass, but the class provisions in filesystem `{own}`"),
                    span,
                    "the class of another filesystem",
                )
                .with_secondary(decl.name.span, format!("file class `{name}` is declared here, with `filesystem = {own}`"))
                .with_help(format!("name a file class of `{fs}`, or declare one: `fileclass NAME {{ filesystem = {fs} }}`")),
            );
        }
    }

    /// A volume's `class` that names a file class: the class must be of
    /// the volume's filesystem (when it names one), and not come with a
    /// subvolume group, which has a class of its own.
    pub(super) fn volume_file_class(
        &mut self,
        decl: &Declaration,
        class: &Spanned<String>,
        filesystem: Option<&Spanned<String>>,
        group: Option<&Spanned<String>>,
    ) -> Option<String> {
        let info = self.file_classes.get(&class.value)?;
        let class_fs = info.filesystem.clone()?;
        let class_decl = self.decl(info.decl_index);
        if let Some(group) = group {
            self.diags.push(
                Diagnostic::new(
                    Code::ConflictingAttributes,
                    format!(
                        "volume `{}` names both subvolume group `{}` and file class `{}`",
                        decl.name.value, group.value, class.value
                    ),
                    class.span,
                    "a second StorageClass",
                )
                .with_secondary(group.span, "the group's StorageClass is the volume's")
                .with_help("remove `group` or `class`: a claim has one StorageClass"),
            );
            return None;
        }
        match filesystem {
            Some(fs) if fs.value != class_fs => {
                self.diags.push(
                    Diagnostic::new(
                        Code::FileClassOfOtherFilesystem,
                        format!("volume `{}` is on filesystem `{}`, but its class `{}` provisions in `{class_fs}`", decl.name.value, fs.value, class.value),
                        class.span,
                        "a class of another filesystem",
                    )
                    .with_secondary(class_decl.name.span, "file class declared here")
                    .with_help(format!("name a file class of `{}`, or remove `filesystem`: the class decides it", fs.value)),
                );
                None
            }
            Some(_) | None => Some(class.value.clone()),
        }
    }

    /// W0555: Rook names a filesystem's data pools `<fs>-<name>`; another
    /// name is a pool of another filesystem, or a typo (unless the
    /// filesystem keeps its pools' names, `preservePoolNames`).
    fn lint_data_pool(&mut self, decl: &Declaration, pool: &Spanned<String>, fs: &str) {
        if pool
            .value
            .strip_prefix(fs)
            .is_some_and(|rest| rest.len() > 1 && rest.starts_with('-'))
        {
            return;
        }
        let block_pool = self.block_pools.contains_key(&pool.value);
        let note = if block_pool {
            format!(
                "`{}` is a block pool of the program: RBD images, not CephFS data",
                pool.value
            )
        } else {
            format!("Rook names the data pools of filesystem `{fs}` `{fs}-<name>` (its `dataPools[].name`)")
        };
        self.warn(
            Diagnostic::new(
                Code::ForeignDataPool,
                format!("file class `{}` puts its data in pool `{}`, which is not named like a data pool of filesystem `{fs}`", decl.name.value, pool.value),
                pool.span,
                "not a pool of this filesystem's name",
            )
            .with_note(note)
            .with_help(format!("use the full pool name, `\"{fs}-<data pool name>\"`, or `@allow(foreign-data-pool)` for a filesystem with `preservePoolNames`")),
            &[&decl.allows],
        );
    }

    /// E0256: the class's StorageClass must be new. StorageClass names are
    /// one namespace per cluster: no bucket class, block class, subvolume
    /// group or other file class may emit it, and no object store or block
    /// pool may name it as an existing class. (A clash that the other
    /// kind's check reports already, because a filesystem names the class,
    /// is not reported twice.)
    fn check_file_class_name(&mut self, decl: &Declaration) {
        let name = decl.name.value.as_str();
        let named_by_filesystem = self
            .filesystems
            .values()
            .any(|fs| fs.storage_class.as_deref() == Some(name));
        let emitted = self
            .bucket_classes
            .get(name)
            .map(|c| (self.decl(c.decl_index).name.span, "bucket class"))
            .or_else(|| {
                self.block_classes
                    .get(name)
                    .map(|c| (self.decl(c.decl_index).name.span, "block class"))
            })
            .or_else(|| {
                self.emitted_classes
                    .get(name)
                    .map(|span| (*span, "subvolume group"))
            });
        let existing = self
            .stores
            .values()
            .filter(|s| s.storage_class.as_ref().is_some_and(|c| c.value == name))
            .map(|s| s.decl_index)
            .chain(
                self.block_pools
                    .values()
                    .filter(|p| p.storage_class.as_ref().is_some_and(|c| c.value == name))
                    .map(|p| p.decl_index),
            )
            .min();
        let (span, what) = match (emitted, existing) {
            (Some(_), _) if named_by_filesystem => return,
            (Some((span, noun)), _) => (span, format!("a {noun} emits it")),
            (None, Some(owner)) => {
                let owner = self.decl(owner);
                let noun = owner.kind.value.noun();
                (
                    owner.name.span,
                    format!("{noun} `{}` names it as its own", owner.name.value),
                )
            }
            (None, None) => return,
        };
        self.diags.push(
            Diagnostic::new(
                Code::StorageClassTaken,
                format!("file class `{name}` emits StorageClass `{name}`, which is taken"),
                decl.name.span,
                "emitted here",
            )
            .with_secondary(span, what)
            .with_note("StorageClass names are cluster-wide, and one class has one provisioner: it cannot serve CephFS and another storage at once")
            .with_help("give the file class another name"),
        );
    }
}
