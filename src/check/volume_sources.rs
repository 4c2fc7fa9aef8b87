//! What a volume is made from: `restore = SNAPSHOT` or `clone = VOLUME`
//! (the claim's `dataSource`). Volumes record their facts as they are
//! lowered; sources are resolved once every volume and snapshot is, and
//! held to what CSI can do: the same namespace, CephFS from CephFS (of one
//! filesystem) and RBD from RBD (of one cluster), the same mode, a size
//! at least the source's, and no volume that is its own source.

use super::body::Body;
use super::volumes::Source;
use super::{values, Checker};
use crate::ast::Declaration;
use crate::check::units::Size;
use crate::diag::{Code, Diagnostic};
use crate::model::{DataSource, VolumeMode};
use crate::source::Spanned;

/// A volume or snapshot by (namespace, name).
pub(super) type VolumeKey = (String, String);

/// CephFS or RBD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Family {
    Cephfs,
    Rbd,
}

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::Cephfs => "CephFS",
            Family::Rbd => "RBD",
        }
    }

    /// The name with its article: "a CephFS", "an RBD".
    pub fn with_article(self) -> &'static str {
        match self {
            Family::Cephfs => "a CephFS",
            Family::Rbd => "an RBD",
        }
    }

    /// What a class of this family is declared for.
    pub fn anchor(self) -> &'static str {
        match self {
            Family::Cephfs => "a filesystem or subvolume group",
            Family::Rbd => "a block pool",
        }
    }

    /// The Secret Rook writes for the driver's snapshotter.
    pub fn snapshotter_secret(self) -> &'static str {
        match self {
            Family::Cephfs => "rook-csi-cephfs-provisioner",
            Family::Rbd => "rook-csi-rbd-provisioner",
        }
    }
}

/// The CSI driver and cluster of a volume or snapshot class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Csi {
    pub family: Family,
    /// The Rook operator's namespace, which prefixes the driver's name.
    pub operator: String,
    /// The Rook cluster namespace, where the CSI secrets are.
    pub cluster_namespace: String,
    pub cluster_id: String,
    /// The filesystem of a CephFS volume or class.
    pub filesystem: Option<String>,
}

impl Csi {
    pub fn driver(&self) -> String {
        match self.family {
            Family::Cephfs => format!("{}.cephfs.csi.ceph.com", self.operator),
            Family::Rbd => format!("{}.rbd.csi.ceph.com", self.operator),
        }
    }
}

/// Which of the two a volume names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SourceKind {
    Restore,
    Clone,
}

/// A volume as snapshots and other volumes see it.
pub(super) struct VolumeFacts {
    pub decl_index: usize,
    pub csi: Option<Csi>,
    pub size: Option<Spanned<Size>>,
    pub mode: Option<VolumeMode>,
    /// `restore` or `clone`, as written.
    pub source: Option<(SourceKind, Spanned<String>)>,
}

impl Checker<'_> {
    /// The CSI driver and cluster of a volume, from the tables of what it
    /// names (nothing is reported: `lower_volume` reports bad names).
    pub(super) fn volume_csi(&self, source: &Source) -> Option<Csi> {
        match source {
            Source::Cephfs {
                group: Some(group), ..
            } => self.group_csi(&group.value),
            Source::Cephfs {
                filesystem: Some(fs),
                ..
            } => self.filesystem_csi(&fs.value),
            Source::Rbd {
                class: Some(class), ..
            } => {
                let pool = self.block_classes.get(&class.value)?.pool.clone()?;
                self.pool_csi(&pool)
            }
            Source::Rbd {
                pool: Some(pool), ..
            } => self.pool_csi(&pool.value),
            Source::Cephfs { .. } | Source::Rbd { .. } | Source::Mixed => None,
        }
    }

    pub(super) fn filesystem_csi(&self, fs: &str) -> Option<Csi> {
        let info = self.filesystems.get(fs)?;
        let namespace = info.namespace.clone()?;
        Some(Csi {
            family: Family::Cephfs,
            operator: info.operator_namespace.clone().unwrap_or(namespace.clone()),
            cluster_id: namespace.clone(),
            cluster_namespace: namespace,
            filesystem: Some(fs.to_string()),
        })
    }

    /// A group's volumes: its filesystem's cluster, the group's cluster ID.
    pub(super) fn group_csi(&self, group: &str) -> Option<Csi> {
        let fs = self.groups.get(group)?.filesystem.clone()?;
        let cluster_id = self
            .program
            .subvolume_groups
            .iter()
            .find(|g| g.meta.name == group)?
            .cluster_id
            .clone();
        Some(Csi {
            cluster_id,
            ..self.filesystem_csi(&fs)?
        })
    }

    pub(super) fn pool_csi(&self, pool: &str) -> Option<Csi> {
        let info = self.block_pools.get(pool)?;
        let namespace = info.namespace.clone()?;
        Some(Csi {
            family: Family::Rbd,
            operator: info.operator_namespace.clone().unwrap_or(namespace.clone()),
            cluster_id: namespace.clone(),
            cluster_namespace: namespace,
            filesystem: None,
        })
    }

    /// Records a volume for snapshots and other volumes, with its
    /// `restore` or `clone` (read here, resolved later).
    pub(super) fn record_volume(
        &mut self,
        (index, decl, body): (usize, &Declaration, &Body),
        namespace: Option<String>,
        csi: Option<Csi>,
        size: Option<&Spanned<Size>>,
        mode: Option<VolumeMode>,
    ) {
        let restore = body.own_attribute("restore");
        let clone = body.own_attribute("clone");
        let source = match (restore, clone) {
            (Some(restore), Some(clone)) => {
                let (first, second) = if restore.key.span < clone.key.span {
                    (restore, clone)
                } else {
                    (clone, restore)
                };
                self.diags.push(
                    Diagnostic::new(
                        Code::ConflictingAttributes,
                        format!(
                            "volume `{}` names both `restore` and `clone`",
                            decl.name.value
                        ),
                        second.key.span,
                        "a second source",
                    )
                    .with_secondary(first.key.span, "the first given here")
                    .with_note("a claim's `dataSource` is one snapshot or one volume")
                    .with_help(format!("remove `{}`", second.key.value)),
                );
                None
            }
            (Some(restore), None) => {
                values::reference(restore, self.diags).map(|n| (SourceKind::Restore, n))
            }
            (None, Some(clone)) => {
                values::reference(clone, self.diags).map(|n| (SourceKind::Clone, n))
            }
            (None, None) => None,
        };
        let Some(namespace) = namespace else { return };
        let facts = VolumeFacts {
            decl_index: index,
            csi,
            size: size.cloned(),
            mode,
            source,
        };
        self.volume_facts
            .entry((namespace, decl.name.value.clone()))
            .or_insert(facts);
    }

    /// Resolves every volume's source, once all volumes and snapshots are
    /// lowered, and writes the claims' `dataSource`.
    pub(super) fn check_volume_sources(&mut self) {
        let mut pending: Vec<(VolumeKey, SourceKind, Spanned<String>)> = self
            .volume_facts
            .iter()
            .filter_map(|(key, facts)| {
                let (kind, name) = facts.source.clone()?;
                Some((key.clone(), kind, name))
            })
            .collect();
        pending.sort_by_key(|(_, _, name)| name.span);
        // Volume -> the volume its data comes from.
        let mut resolved: Vec<(VolumeKey, VolumeKey, SourceKind, Spanned<String>)> = Vec::new();
        for (key, kind, name) in pending {
            if let Some(source) = self.source_volume(&key, kind, &name) {
                resolved.push((key, source, kind, name));
            }
        }
        let cyclic = self.report_cycles(&resolved);
        for (key, source, kind, name) in resolved {
            if cyclic.contains(&key) || !self.check_source_fits(&key, &source, &name) {
                continue;
            }
            let origin = self.decls[self.volume_facts[&key].decl_index].name.span;
            let data_source = match kind {
                SourceKind::Restore => DataSource::Snapshot(name.value),
                SourceKind::Clone => DataSource::Volume(name.value),
            };
            if let Some(volume) = self.program.volumes.iter_mut().find(|v| v.origin == origin) {
                volume.data_source = Some(data_source);
            }
        }
    }

    /// The volume whose data a restore or clone copies: the snapshot's
    /// volume, or the cloned one.
    fn source_volume(
        &mut self,
        key: &VolumeKey,
        kind: SourceKind,
        name: &Spanned<String>,
    ) -> Option<VolumeKey> {
        let decl = self.decl(self.volume_facts.get(key)?.decl_index);
        let target = (key.0.clone(), name.value.clone());
        match kind {
            SourceKind::Clone => {
                self.resolve_volume(&decl, &target, name.span, "clones")?;
                Some(target)
            }
            SourceKind::Restore => {
                let snapshot = self.resolve_snapshot(&decl, &target, name.span)?;
                Some((key.0.clone(), snapshot?))
            }
        }
    }
}
