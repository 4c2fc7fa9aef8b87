//! The checks of a volume's source (`restore`, `clone`) against the volume
//! its data comes from: snapshots found in the volume's namespace, no
//! cycles, and what CSI can copy (family, filesystem or cluster, mode,
//! size).

use super::hash::{FastMap, FastSet};
use super::volume_sources::{Family, SourceKind, VolumeKey};
use super::{suggest, Checker};
use crate::ast::Declaration;
use crate::diag::{Code, Diagnostic};
use crate::model::VolumeMode;
use crate::source::{Span, Spanned};

/// A resolved source: the volume, the volume its data comes from, how,
/// and the name written.
pub(super) type Resolved = (VolumeKey, VolumeKey, SourceKind, Spanned<String>);

impl Checker<'_> {
    /// The snapshot `key`, reporting one that is not in the volume's
    /// namespace; `Some(None)` for a snapshot whose own volume did not
    /// resolve (reported there).
    pub(super) fn resolve_snapshot(
        &mut self,
        decl: &Declaration,
        key: &VolumeKey,
        span: Span,
    ) -> Option<Option<String>> {
        if let Some(snapshot) = self.snapshots.get(key) {
            return Some(snapshot.volume.clone());
        }
        let (namespace, name) = key;
        let elsewhere = self
            .snapshots
            .iter()
            .filter(|((_, other), _)| other == name)
            .map(|((ns, _), s)| (ns.clone(), s.decl_index))
            .min_by_key(|(_, index)| self.decls[*index].name.span);
        let diagnostic = match elsewhere {
            Some((other_ns, other_index)) => Diagnostic::new(
                Code::SourceNamespace,
                format!(
                    "volume `{}` in namespace `{namespace}` restores snapshot `{name}`, which is in namespace `{other_ns}`",
                    decl.name.value
                ),
                span,
                format!("no snapshot `{name}` in `{namespace}`"),
            )
            .with_secondary(self.decls[other_index].name.span, format!("snapshot `{name}` is declared here"))
            .with_note("a claim's `dataSource` names a VolumeSnapshot of its own namespace")
            .with_help(format!("put the volume in namespace `{other_ns}`, or snapshot a volume of `{namespace}`")),
            None => {
                let names = self
                    .snapshots
                    .keys()
                    .filter(|(ns, _)| ns == namespace)
                    .map(|(_, n)| n.as_str());
                let help = match suggest::did_you_mean(name, names) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!(
                        "declare it: `snapshot {name} {{ volume = ...  class = ... }}`"
                    ),
                };
                Diagnostic::new(
                    Code::UnknownName,
                    format!("no snapshot named `{name}` in namespace `{namespace}`"),
                    span,
                    "not a declared snapshot",
                )
                .with_help(help)
            }
        };
        self.diags.push(diagnostic);
        None
    }

    /// E0251 for each cycle of sources, once; returns the volumes on one.
    pub(super) fn report_cycles(&mut self, resolved: &[Resolved]) -> FastSet<VolumeKey> {
        let next: FastMap<&VolumeKey, &Resolved> = resolved.iter().map(|r| (&r.0, r)).collect();
        let mut cyclic = FastSet::default();
        let mut done: FastSet<&VolumeKey> = FastSet::default();
        for start in resolved {
            let mut path: Vec<&Resolved> = Vec::new();
            let mut at = &start.0;
            while let Some(step) = next.get(at).filter(|_| !done.contains(at)) {
                if let Some(position) = path.iter().position(|p| p.0 == *at) {
                    let cycle = &path[position..];
                    cyclic.extend(cycle.iter().map(|r| r.0.clone()));
                    self.report_cycle(cycle);
                    break;
                }
                path.push(step);
                at = &step.1;
            }
            done.extend(path.iter().map(|r| &r.0));
        }
        cyclic
    }

    fn report_cycle(&mut self, cycle: &[&Resolved]) {
        let Some(first) = cycle.iter().min_by_key(|r| r.3.span) else {
            return;
        };
        let steps: Vec<String> = cycle
            .iter()
            .map(|(volume, source, kind, name)| match kind {
                SourceKind::Clone => format!("`{}` clones `{}`", volume.1, source.1),
                SourceKind::Restore => format!(
                    "`{}` restores `{}`, a snapshot of `{}`",
                    volume.1, name.value, source.1
                ),
            })
            .collect();
        let mut diagnostic = Diagnostic::new(
            Code::SourceCycle,
            format!("volume `{}` is made from itself", first.0 .1),
            first.3.span,
            "this source leads back to the volume",
        )
        .with_note(format!("{}: no claim of the cycle can be provisioned before the others", steps.join("; ")))
        .with_help("start one of the volumes empty (remove its `restore` or `clone`), or snapshot another volume");
        for other in cycle.iter().filter(|r| r.3.span != first.3.span) {
            diagnostic = diagnostic.with_secondary(other.3.span, "part of the cycle");
        }
        self.diags.push(diagnostic);
    }

    /// Whether CSI can make `key` from `source`; reports why not.
    pub(super) fn check_source_fits(
        &mut self,
        key: &VolumeKey,
        source: &VolumeKey,
        name: &Spanned<String>,
    ) -> bool {
        let (Some(target), Some(from)) =
            (self.volume_facts.get(key), self.volume_facts.get(source))
        else {
            return false;
        };
        let volume = &key.1;
        let from_span = self.decls[from.decl_index].name.span;
        let what = |kind: &str| format!("volume `{volume}` {kind} `{}`", name.value);
        let copies = if source.1 == name.value {
            what("clones")
        } else {
            format!("{}, a snapshot of `{}`", what("restores"), source.1)
        };
        let mut problems = Vec::new();
        if let (Some(to), Some(of)) = (&target.csi, &from.csi) {
            if to.family != of.family {
                problems.push(
                    Diagnostic::new(
                        Code::SourceFamily,
                        format!("{copies}, but is on {} and its source on {}", to.family.name(), of.family.name()),
                        name.span,
                        format!("a copy of {} data", of.family.name()),
                    )
                    .with_secondary(from_span, format!("the source, on {}", of.family.name()))
                    .with_note("the CephFS driver copies only CephFS subvolumes and the RBD driver only RBD images: neither reads the other's data")
                    .with_help(format!("put volume `{volume}` on {}, like its source", of.family.anchor())),
                );
            } else if (to.family == Family::Cephfs && to.filesystem != of.filesystem)
                || to.driver() != of.driver()
                || to.cluster_namespace != of.cluster_namespace
            {
                let place = |csi: &super::volume_sources::Csi| match &csi.filesystem {
                    Some(fs) => format!("filesystem `{fs}`"),
                    None => format!("the cluster of `{}`", csi.driver()),
                };
                problems.push(
                    Diagnostic::new(
                        Code::SourceCluster,
                        format!("{copies}, but is on {} and its source on {}", place(to), place(of)),
                        name.span,
                        "a source elsewhere",
                    )
                    .with_secondary(from_span, "the source")
                    .with_note("ceph-csi copies a subvolume within its filesystem, and an image within its Ceph cluster, with the driver that made it")
                    .with_help("put the volume on the source's filesystem or cluster"),
                );
            }
        }
        if let (Some(to), Some(of)) = (target.mode, from.mode) {
            if to != of && problems.is_empty() {
                let word = |mode: VolumeMode| match mode {
                    VolumeMode::Block => "block",
                    VolumeMode::Filesystem => "filesystem",
                };
                problems.push(
                    Diagnostic::new(
                        Code::SourceVolumeMode,
                        format!("{copies}, but is of mode `{}` and its source of mode `{}`", word(to), word(of)),
                        name.span,
                        format!("a `{}` source", word(of)),
                    )
                    .with_secondary(from_span, "the source")
                    .with_note("Kubernetes copies a volume only into a claim of the same `volumeMode` (the snapshot controller refuses a restore that changes it)")
                    .with_help(format!("give volume `{volume}` `mode = {}`", word(of))),
                );
            }
        }
        if let (Some(to), Some(of)) = (&target.size, &from.size) {
            if to.value.bytes < of.value.bytes {
                problems.push(
                    Diagnostic::new(
                        Code::CopyTooSmall,
                        format!("{copies}, but is smaller than its source"),
                        to.span,
                        "smaller than the source",
                    )
                    .with_secondary(of.span, "the source's size")
                    .with_note("a restored or cloned claim must request at least the source's size, or provisioning fails")
                    .with_help(format!("request at least the source's size: `size = {}`", of.value.quantity)),
                );
            }
        }
        let fits = problems.is_empty();
        for problem in problems {
            self.diags.push(problem);
        }
        fits
    }
}
