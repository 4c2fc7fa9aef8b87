//! Volumes: a PersistentVolumeClaim on a CephFS StorageClass (of a
//! filesystem or a subvolume group) or on an RBD one (of a block pool or a
//! block class).

use super::body::{self, Body};
use super::static_volumes::Binding;
use super::{values, Checker};
use crate::ast::{Attribute, DeclKind, Declaration};
use crate::diag::{Code, Diagnostic};
use crate::kinds::{ACCESS_WORDS, MODE_WORDS};
use crate::model::{self, AccessMode, VolumeMode};
use crate::source::Spanned;

/// Where a volume's claim is provisioned, as its attributes say.
pub(super) enum Source {
    /// `group` and `filesystem` (the latter may come from a `namespace`
    /// group), resolved, and a `class` that names a file class.
    Cephfs {
        group: Option<Spanned<String>>,
        filesystem: Option<Spanned<String>>,
        class: Option<Spanned<String>>,
    },
    /// `pool` and `class`, not yet resolved.
    Rbd {
        pool: Option<Spanned<String>>,
        class: Option<Spanned<String>>,
    },
    /// Both kinds of attributes: reported, not resolved.
    Mixed,
}

impl Checker<'_> {
    pub(super) fn lower_volume(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        self.check_object_name(decl);
        let source = self.volume_source(decl, &body);
        let is_rbd = matches!(source, Source::Rbd { .. });
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
            None if is_rbd => Some(AccessMode::ReadWriteOnce),
            None => Some(AccessMode::ReadWriteMany),
        };
        let volume_mode = self.volume_mode(decl, &body, &source, access);
        let csi = self.volume_csi(&source);
        let ns = namespace.as_ref().map(|n| n.value.clone());
        self.record_volume((index, decl, &body), ns, csi, size.as_ref(), volume_mode);
        let binding = self.volume_binding(
            decl,
            &body,
            &source,
            namespace.as_ref().map(|n| n.value.as_str()),
        );
        let (storage_class, binding) = match (binding, source) {
            (Binding::Static { class, binding }, _) => (Some(class), Some(binding)),
            (Binding::Invalid, _) => (None, None),
            (
                Binding::Provisioned,
                Source::Cephfs {
                    group,
                    filesystem,
                    class,
                },
            ) => {
                let class = match class {
                    Some(class) => {
                        self.volume_file_class(decl, &class, filesystem.as_ref(), group.as_ref())
                    }
                    None => self.volume_storage_class(index, group.as_ref(), filesystem.as_ref()),
                };
                (class, None)
            }
            (Binding::Provisioned, Source::Rbd { pool, class }) => {
                (self.block_volume_class(decl, pool, class), None)
            }
            (Binding::Provisioned, Source::Mixed) => (None, None),
        };
        let meta = self.meta(decl, &body, namespace.map(|n| n.value));
        let (Some(storage_class), Some(size), Some(access_mode), Some(volume_mode)) =
            (storage_class, size, access, volume_mode)
        else {
            return;
        };
        self.program.volumes.push(model::Volume {
            meta,
            origin: decl.name.span,
            storage_class,
            access_mode,
            volume_mode,
            size: size.value.quantity,
            data_source: None,
            binding,
        });
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

    /// The volume's CephFS or RBD attributes. A `filesystem` from a
    /// `namespace` group is a default for CephFS volumes only, so an RBD
    /// volume in such a group does not mix the two.
    fn volume_source(&mut self, decl: &Declaration, body: &Body) -> Source {
        let file_class = body
            .own_attribute("class")
            .filter(|a| self.names_file_class(a));
        let block_class = body.own_attribute("class").filter(|_| file_class.is_none());
        let rbd_attribute = first_written([body.own_attribute("pool"), block_class]);
        let cephfs_attribute = first_written([
            body.own_attribute("filesystem"),
            body.own_attribute("group"),
            file_class,
        ]);
        if let Some(rbd) = rbd_attribute {
            if let Some(cephfs) = cephfs_attribute {
                let (first, second) = if cephfs.key.span < rbd.key.span {
                    (cephfs, rbd)
                } else {
                    (rbd, cephfs)
                };
                self.diags.push(
                    Diagnostic::new(
                        Code::MixedVolumeSource,
                        format!(
                            "volume `{}` names both `{}` and `{}`",
                            decl.name.value, first.key.value, second.key.value
                        ),
                        second.key.span,
                        "a CephFS and an RBD attribute in one volume",
                    )
                    .with_secondary(first.key.span, "the other given here")
                    .with_note("`filesystem` and `group` put a volume on CephFS, `pool` and `class` on RBD: a claim has one StorageClass")
                    .with_help(format!("remove `{}` or `{}`", cephfs.key.value, rbd.key.value)),
                );
                return Source::Mixed;
            }
            let reference = |attribute: Option<&Attribute>, this: &mut Self| {
                attribute.and_then(|a| values::reference(a, this.diags))
            };
            let pool = reference(body.own_attribute("pool"), self);
            let class = reference(block_class, self);
            return Source::Rbd { pool, class };
        }
        let group = body
            .own_attribute("group")
            .and_then(|a| values::reference(a, self.diags))
            .and_then(|name| self.resolve(DeclKind::SubvolumeGroup, &name).map(|_| name));
        let filesystem_attr = body.attribute("filesystem");
        let filesystem = filesystem_attr
            .and_then(|a| values::reference(a, self.diags))
            .and_then(|name| self.resolve(DeclKind::Filesystem, &name).map(|_| name));
        let class = file_class.and_then(|a| values::reference(a, self.diags));
        if filesystem_attr.is_none() && body.own_attribute("group").is_none() && class.is_none() {
            self.diags.push(body::missing(decl, "filesystem"));
        }
        // A file class gives the filesystem of a volume that names none.
        let filesystem = filesystem.or_else(|| {
            let class = class.as_ref()?;
            let fs = self.file_classes.get(&class.value)?.filesystem.clone()?;
            Some(Spanned::new(fs, class.span))
        });
        Source::Cephfs {
            group,
            filesystem,
            class,
        }
    }

    /// `mode`: a raw block device exists on RBD only, and an RBD volume
    /// with a filesystem on it is mounted by one node at a time.
    fn volume_mode(
        &mut self,
        decl: &Declaration,
        body: &Body,
        source: &Source,
        access: Option<AccessMode>,
    ) -> Option<VolumeMode> {
        let mode = match body.attribute("mode") {
            Some(attribute) => values::word(attribute, MODE_WORDS, self.diags)?,
            None => Spanned::new("filesystem", decl.name.span),
        };
        let mode = Spanned::new(
            match mode.value {
                "block" => VolumeMode::Block,
                _ => VolumeMode::Filesystem,
            },
            mode.span,
        );
        match source {
            Source::Cephfs { .. } if mode.value == VolumeMode::Block => {
                self.diags.push(
                    Diagnostic::new(
                        Code::MixedVolumeSource,
                        format!("volume `{}` is on CephFS, which has no block mode", decl.name.value),
                        mode.span,
                        "block mode is for RBD volumes",
                    )
                    .with_note("CephFS volumes are always mounted filesystems; a raw block device is an RBD image")
                    .with_help("remove `mode = block`, or put the volume on a block pool: `pool = replicapool`"),
                );
                return None;
            }
            Source::Rbd { .. }
                if mode.value == VolumeMode::Filesystem
                    && access == Some(AccessMode::ReadWriteMany) =>
            {
                let span = body
                    .attribute("access")
                    .map_or(decl.name.span, |a| a.value.span);
                self.diags.push(
                    Diagnostic::new(
                        Code::RbdSharedFilesystem,
                        format!(
                            "RBD volume `{}` has a filesystem, which only one node may mount at a time",
                            decl.name.value
                        ),
                        span,
                        "many nodes would write it",
                    )
                    .with_note("an ext4 or xfs filesystem is not made to be mounted by two nodes: ceph-csi refuses multi-node writers on RBD volumes of filesystem mode")
                    .with_help("use `access = once`; or `mode = block` for an app that shares a raw device itself; or a CephFS volume for files many pods write"),
                );
                return None;
            }
            Source::Cephfs { .. } | Source::Rbd { .. } | Source::Mixed => {}
        }
        Some(mode.value)
    }

    /// The RBD StorageClass of a volume: its `class`, else its pool's
    /// `storage_class`; when both are given, the class must be of the pool.
    fn block_volume_class(
        &mut self,
        decl: &Declaration,
        pool: Option<Spanned<String>>,
        class: Option<Spanned<String>>,
    ) -> Option<String> {
        let pool = pool.and_then(|name| self.resolve(DeclKind::BlockPool, &name).map(|_| name));
        if let Some(class) = class {
            self.resolve(DeclKind::BlockClass, &class)?;
            let info = self.block_classes.get(&class.value)?;
            let class_pool = info.pool.clone();
            let class_decl = self.decl(info.decl_index);
            if let (Some(pool), Some(class_pool)) = (&pool, &class_pool) {
                if &pool.value != class_pool {
                    self.diags.push(
                        Diagnostic::new(
                            Code::BlockPoolMismatch,
                            format!(
                                "volume `{}` names pool `{}`, but its class `{}` provisions in pool `{class_pool}`",
                                decl.name.value, pool.value, class.value
                            ),
                            pool.span,
                            "another pool",
                        )
                        .with_secondary(class_decl.name.span, "class declared here")
                        .with_help("remove `pool`: the class decides it"),
                    );
                    return None;
                }
            }
            return Some(class.value);
        }
        let pool = pool?;
        let info = self.block_pools.get(&pool.value)?;
        if info.storage_class.is_none() {
            let pool_decl = self.decl(info.decl_index);
            self.diags.push(
                Diagnostic::new(
                    Code::MissingAttribute,
                    format!(
                        "block pool `{}` has no `storage_class`, so volume `{}` cannot be claimed",
                        pool.value, decl.name.value
                    ),
                    pool.span,
                    "this pool has no StorageClass",
                )
                .with_secondary(pool_decl.name.span, "block pool declared here")
                .with_help("add `storage_class = \"rook-ceph-block\"` to the pool, or give the volume a `class`"),
            );
        }
        info.storage_class.as_ref().map(|c| c.value.clone())
    }
}

impl Checker<'_> {
    /// Whether a volume's `class` names a declared file class (else it is
    /// a block class).
    fn names_file_class(&self, attribute: &Attribute) -> bool {
        match &attribute.value.kind {
            crate::ast::ValueKind::Ident(name) => self
                .symbols
                .get(&DeclKind::FileClass)
                .is_some_and(|table| table.contains_key(name.as_str())),
            _ => false,
        }
    }
}

/// The attribute written first of those given.
fn first_written<const N: usize>(attributes: [Option<&Attribute>; N]) -> Option<&Attribute> {
    attributes.into_iter().flatten().min_by_key(|a| a.key.span)
}
