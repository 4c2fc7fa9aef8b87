//! Snapshots: snapshot classes (the VolumeSnapshotClass of a CephFS or RBD
//! cluster) and snapshots of volumes, checked against the volume they
//! snapshot: the same namespace, CSI driver and cluster ID.

use super::body::{self, Body};
use super::volume_sources::{Csi, VolumeKey};
use super::{suggest, values, Checker};
use crate::ast::{DeclKind, Declaration};
use crate::diag::{Code, Diagnostic};
use crate::kinds::RECLAIM_WORDS;
use crate::model::{self, Reclaim};
use crate::source::{Span, Spanned};

/// A snapshot class as snapshots see it.
pub(super) struct SnapshotClass {
    /// Its driver and cluster ID; `None` when they could not be settled.
    pub csi: Option<Csi>,
}

/// A snapshot as restored volumes see it.
pub(super) struct Snapshot {
    pub decl_index: usize,
    /// The volume it snapshots (of its namespace), once resolved.
    pub volume: Option<String>,
}

/// The attributes that say which cluster a snapshot class serves.
const CLUSTER_KEYS: [&str; 3] = ["filesystem", "group", "pool"];

impl Checker<'_> {
    pub(super) fn lower_snapshot_class(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        self.check_object_name(decl);
        let csi = self.snapshot_class_cluster(decl, &body);
        self.snapshot_classes
            .insert(decl.name.value.clone(), SnapshotClass { csi: csi.clone() });
        let deletion = match body.attribute("deletion") {
            Some(attribute) => {
                values::word(attribute, RECLAIM_WORDS, self.diags).map(|w| match w.value {
                    "retain" => Reclaim::Retain,
                    _ => Reclaim::Delete,
                })
            }
            None => Some(Reclaim::Delete),
        };
        let meta = self.meta(decl, &body, None);
        let (Some(csi), Some(deletion)) = (csi, deletion) else {
            return;
        };
        self.program.snapshot_classes.push(model::SnapshotClass {
            meta,
            driver: csi.driver(),
            cluster_id: csi.cluster_id,
            secret: csi.family.snapshotter_secret(),
            secret_namespace: csi.cluster_namespace,
            deletion,
        });
    }

    /// The one of `filesystem`, `group` and `pool` a class names, resolved
    /// to the driver and cluster ID of its snapshots.
    fn snapshot_class_cluster(&mut self, decl: &Declaration, body: &Body) -> Option<Csi> {
        let mut given = CLUSTER_KEYS
            .iter()
            .filter_map(|key| body.own_attribute(key))
            .collect::<Vec<_>>();
        given.sort_by_key(|a| a.key.span);
        let (first, rest) = match given.split_first() {
            Some(split) => split,
            None => {
                self.diags.push(
                    body::missing(decl, "filesystem")
                        .with_note("a snapshot class serves one Ceph cluster: name a filesystem, a subvolume group (`group`) or a block pool (`pool`) of it"),
                );
                return None;
            }
        };
        if let Some(second) = rest.first() {
            self.diags.push(
                Diagnostic::new(
                    Code::ConflictingAttributes,
                    format!(
                        "snapshot class `{}` names both `{}` and `{}`",
                        decl.name.value, first.key.value, second.key.value
                    ),
                    second.key.span,
                    "a second cluster",
                )
                .with_secondary(first.key.span, "the first given here")
                .with_note("a VolumeSnapshotClass has one driver and one cluster ID")
                .with_help(format!(
                    "keep one of them; declare another snapshot class for the other `{}`",
                    second.key.value
                )),
            );
            return None;
        }
        let name = values::reference(first, self.diags)?;
        match first.key.value.as_str() {
            "group" => {
                self.resolve(DeclKind::SubvolumeGroup, &name)?;
                self.group_csi(&name.value)
            }
            "pool" => {
                self.resolve(DeclKind::BlockPool, &name)?;
                self.pool_csi(&name.value)
            }
            _ => {
                self.resolve(DeclKind::Filesystem, &name)?;
                self.filesystem_csi(&name.value)
            }
        }
    }

    pub(super) fn lower_snapshot(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        self.check_object_name(decl);
        let namespace = self.namespace(decl, &body, None);
        if namespace.is_none() && body.own_attribute("namespace").is_none() {
            self.diags.push(
                body::missing(decl, "namespace")
                    .with_note("the namespace of the volume to snapshot; or put the snapshot in a `namespace \"...\" { }` group"),
            );
        }
        let namespace = namespace.map(|n| n.value);
        let volume = match body.attribute("volume") {
            Some(attribute) => values::reference(attribute, self.diags),
            None => {
                self.diags.push(body::missing(decl, "volume"));
                None
            }
        };
        let volume = volume.and_then(|name| {
            let key = (namespace.clone()?, name.value.clone());
            self.resolve_volume(decl, &key, name.span, "snapshots")
                .map(|_| name)
        });
        let class = match body.attribute("class") {
            Some(attribute) => values::reference(attribute, self.diags)
                .and_then(|name| self.resolve(DeclKind::SnapshotClass, &name).map(|_| name)),
            None => {
                self.diags.push(body::missing(decl, "class"));
                None
            }
        };
        let fits = match (&volume, &class, &namespace) {
            (Some(volume), Some(class), Some(ns)) => {
                self.check_snapshot_class_fits(decl, (ns, volume), class)
            }
            _ => false,
        };
        if let Some(ns) = &namespace {
            self.snapshots
                .entry((ns.clone(), decl.name.value.clone()))
                .or_insert(Snapshot {
                    decl_index: index,
                    volume: volume.as_ref().map(|v| v.value.clone()),
                });
        }
        let meta = self.meta(decl, &body, namespace);
        let (Some(volume), Some(class), true) = (volume, class, fits) else {
            return;
        };
        self.program.snapshots.push(model::Snapshot {
            meta,
            origin: decl.name.span,
            volume: volume.value,
            class: class.value,
        });
    }

    /// The volume `key` of a snapshot's or volume's namespace, reporting
    /// one that is missing there (E0250 when it is in another namespace).
    /// `verb` says what `decl` does with it: "snapshots", "clones".
    pub(super) fn resolve_volume(
        &mut self,
        decl: &Declaration,
        key: &VolumeKey,
        span: Span,
        verb: &str,
    ) -> Option<usize> {
        if let Some(facts) = self.volume_facts.get(key) {
            return Some(facts.decl_index);
        }
        let (namespace, name) = key;
        let elsewhere = self
            .volume_facts
            .iter()
            .filter(|((_, other), _)| other == name)
            .map(|((ns, _), facts)| (ns.clone(), facts.decl_index))
            .min_by_key(|(_, index)| self.decls[*index].name.span);
        let noun = decl.kind.value.noun();
        let diagnostic = match elsewhere {
            Some((other_ns, other_index)) => Diagnostic::new(
                Code::SourceNamespace,
                format!(
                    "{noun} `{}` in namespace `{namespace}` {verb} volume `{name}`, which is in namespace `{other_ns}`",
                    decl.name.value
                ),
                span,
                format!("no volume `{name}` in `{namespace}`"),
            )
            .with_secondary(self.decls[other_index].name.span, format!("volume `{name}` is declared here"))
            .with_note("a VolumeSnapshot and a claim's `dataSource` name objects of their own namespace")
            .with_help(format!("put the {noun} in namespace `{other_ns}`, beside its volume")),
            None => {
                let names = self
                    .volume_facts
                    .keys()
                    .filter(|(ns, _)| ns == namespace)
                    .map(|(_, n)| n.as_str());
                let help = match suggest::did_you_mean(name, names) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!("declare it: `volume {name} {{ ... }}`"),
                };
                Diagnostic::new(
                    Code::UnknownName,
                    format!("no volume named `{name}` in namespace `{namespace}`"),
                    span,
                    "not a declared volume",
                )
                .with_help(help)
            }
        };
        self.diags.push(diagnostic);
        None
    }

    /// A snapshot's class must be of its volume's driver and cluster ID.
    fn check_snapshot_class_fits(
        &mut self,
        decl: &Declaration,
        (namespace, volume): (&String, &Spanned<String>),
        class: &Spanned<String>,
    ) -> bool {
        let key = (namespace.clone(), volume.value.clone());
        let Some(volume_csi) = self.volume_facts.get(&key).and_then(|v| v.csi.clone()) else {
            return true;
        };
        let Some(class_csi) = self
            .snapshot_classes
            .get(&class.value)
            .and_then(|c| c.csi.clone())
        else {
            return true;
        };
        if volume_csi.family != class_csi.family {
            self.diags.push(
                Diagnostic::new(
                    Code::SourceFamily,
                    format!(
                        "snapshot `{}` of {} volume `{}` uses snapshot class `{}` of the {} driver",
                        decl.name.value,
                        volume_csi.family.name(),
                        volume.value,
                        class.value,
                        class_csi.family.name()
                    ),
                    class.span,
                    format!("{} class", class_csi.family.with_article()),
                )
                .with_secondary(volume.span, format!("{} volume", volume_csi.family.with_article()))
                .with_note("a VolumeSnapshotClass names one CSI driver, and only that driver can snapshot the volumes it provisioned")
                .with_help(format!("name a snapshot class declared for {} of the volume's cluster", volume_csi.family.anchor())),
            );
            return false;
        }
        if volume_csi.driver() != class_csi.driver()
            || volume_csi.cluster_id != class_csi.cluster_id
        {
            self.diags.push(
                Diagnostic::new(
                    Code::SourceCluster,
                    if volume_csi.driver() == class_csi.driver() {
                        format!(
                            "snapshot class `{}` is for cluster ID `{}`, but volume `{}` is provisioned with cluster ID `{}`",
                            class.value, class_csi.cluster_id, volume.value, volume_csi.cluster_id
                        )
                    } else {
                        format!(
                            "snapshot class `{}` is of driver `{}`, but volume `{}` is provisioned by `{}`",
                            class.value,
                            class_csi.driver(),
                            volume.value,
                            volume_csi.driver()
                        )
                    },
                    class.span,
                    "another cluster ID",
                )
                .with_secondary(volume.span, "the volume")
                .with_note("ceph-csi finds the cluster of a snapshot by the class's `clusterID`: a subvolume group's volumes need a class of that group (`group = ...`), others one of their filesystem or pool")
                .with_help("name a snapshot class of the volume's cluster, or declare one"),
            );
            return false;
        }
        true
    }
}
