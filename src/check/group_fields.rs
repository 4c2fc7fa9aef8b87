//! The fields of a subvolume group's spec beyond its names: the CSI cluster
//! ID (declared, or the one Rook computes), `pinning`, the data pool and
//! the CSI metadata RADOS namespace, each with the CRD's rules.

use super::body;
use super::{cluster_id, names, values, Checker};
use crate::ast::{Attribute, Block, DeclKind, Declaration, ValueKind};
use crate::diag::{Code, Diagnostic};
use crate::model::Pinning;
use crate::source::{Span, Spanned};

/// The CRD's `maxLength` of `csiMetadataRadosNamespace`.
const MAX_RADOS_NAMESPACE: usize = 1024;

/// Where the group sits: what its cluster ID depends on.
pub(super) struct GroupPlace<'p> {
    pub namespace: &'p str,
    pub filesystem: &'p str,
    pub ceph_name: &'p str,
}

impl Checker<'_> {
    /// The CSI cluster ID: `cluster_id` when declared (checked against the
    /// CRD's pattern and the IDs Rook already uses), else Rook's computed
    /// one. Returns the ID and whether it was declared.
    pub(super) fn group_cluster_id(
        &mut self,
        explicit: Option<&Spanned<String>>,
        place: &GroupPlace,
    ) -> (String, bool) {
        let Some(id) = explicit else {
            let computed = cluster_id::computed(place.namespace, place.filesystem, place.ceph_name);
            return (computed, false);
        };
        if let Err(why) = names::cluster_id(&id.value) {
            self.diags.push(
                Diagnostic::new(
                    Code::InvalidKubernetesName,
                    format!("cluster ID `{}` {why}", id.value),
                    id.span,
                    "invalid cluster ID",
                )
                .with_help("use 1 to 36 letters, digits, `-` or `_`, or leave `cluster_id` out for the ID Rook computes"),
            );
        } else if self.is_cluster_namespace(&id.value) {
            self.diags.push(
                Diagnostic::new(
                    Code::ReservedClusterId,
                    format!(
                        "cluster ID `{}` is the namespace of a Rook cluster, the ID of its default subvolume group `csi`",
                        id.value
                    ),
                    id.span,
                    "already Rook's",
                )
                .with_note("Rook registers every cluster's own CSI entry under its namespace; a group with that ID would take it over")
                .with_help("choose another `cluster_id`, or leave it out for the ID Rook computes"),
            );
        }
        (id.value.clone(), true)
    }

    /// Whether `id` is the namespace of a declared filesystem or object
    /// store: a Rook cluster namespace.
    fn is_cluster_namespace(&self, id: &str) -> bool {
        self.filesystems
            .values()
            .filter_map(|fs| fs.namespace.as_deref())
            .chain(self.stores.values().filter_map(|s| s.namespace.as_deref()))
            .any(|namespace| namespace == id)
    }

    /// Two groups with one cluster ID would share one CSI entry.
    pub(super) fn check_unique_cluster_id(&mut self, id: &str, span: Span, declared: bool) {
        match self.group_cluster_ids.get(id) {
            Some(first) => self.diags.push(
                Diagnostic::new(
                    Code::DuplicateDeclaration,
                    format!("two subvolume groups have cluster ID `{id}`"),
                    span,
                    if declared { "declared again here" } else { "Rook computes it for this group too" },
                )
                .with_secondary(*first, "first given to this group")
                .with_note("Rook keeps one CSI entry per cluster ID: the groups would overwrite each other's")
                .with_help("give each group its own `cluster_id`"),
            ),
            None => {
                self.group_cluster_ids.insert(id.to_string(), span);
            }
        }
    }

    /// `pinning { export = N }`, `{ distributed = N }` or `{ random = F }`:
    /// exactly one, within its range.
    pub(super) fn group_pinning(&mut self, block: &Block) -> Option<Pinning> {
        if block.entries.is_empty() {
            self.diags.push(
                Diagnostic::new(
                    Code::MissingAttribute,
                    "`pinning` is empty",
                    block.name.span,
                    "no pinning given",
                )
                .with_note("without `pinning`, Rook pins the group with `distributed = 1`")
                .with_help("write one of `export = RANK`, `distributed = 0` or `1`, `random = 0.5`, or remove the block"),
            );
            return None;
        }
        let entries = body::block_entries(
            block,
            &super::entry_keys(DeclKind::SubvolumeGroup, "pinning"),
            "`pinning`",
            self.diags,
        );
        let (first, rest) = entries.split_first()?;
        if let Some(second) = rest.first() {
            self.diags.push(
                Diagnostic::new(
                    Code::ConflictingAttributes,
                    format!(
                        "`pinning` takes one of `export`, `distributed` and `random`, not both `{}` and `{}`",
                        first.key.value, second.key.value
                    ),
                    second.key.span,
                    "a second pinning",
                )
                .with_secondary(first.key.span, "first pinning")
                .with_note("Rook's CRD allows only one pinning type")
                .with_help(format!("keep one of the two: remove `{}` or `{}`", first.key.value, second.key.value)),
            );
            return None;
        }
        match first.key.value.as_str() {
            "export" => pinning_integer(first, -1, 256, self).map(Pinning::Export),
            "distributed" => pinning_integer(first, 0, 1, self)
                .and_then(|n| u8::try_from(n).ok())
                .map(Pinning::Distributed),
            _ => pinning_random(first, self).map(Pinning::Random),
        }
    }

    /// `data_pool`: a Ceph pool name as Ceph knows it, any non-empty one.
    pub(super) fn group_data_pool(&mut self, pool: &Spanned<String>) -> Option<String> {
        if pool.value.is_empty() {
            self.diags.push(
                Diagnostic::new(
                    Code::InvalidKubernetesName,
                    "the data pool name is empty",
                    pool.span,
                    "empty pool name",
                )
                .with_help("name the full Ceph pool, such as `\"myfs-replicated\"`, or remove `data_pool` for the filesystem's default data pool"),
            );
            return None;
        }
        Some(pool.value.clone())
    }

    /// `csi_metadata_rados_namespace`: 1 to 1024 characters.
    pub(super) fn group_rados_namespace(&mut self, namespace: &Spanned<String>) -> Option<String> {
        let length = namespace.value.chars().count();
        if length == 0 || length > MAX_RADOS_NAMESPACE {
            self.diags.push(Diagnostic::new(
                Code::InvalidKubernetesName,
                format!("the CSI metadata RADOS namespace has {length} characters; Rook's CRD takes 1 to {MAX_RADOS_NAMESPACE}"),
                namespace.span,
                "invalid RADOS namespace",
            ));
            return None;
        }
        Some(namespace.value.clone())
    }

    /// E0307 when `pool` and `data_pool` are both given.
    pub(super) fn check_one_pool(&mut self, decl: &Declaration, pool: Span, data_pool: Span) {
        self.diags.push(
            Diagnostic::new(
                Code::ConflictingAttributes,
                format!(
                    "subvolume group `{}` has both `pool` and `data_pool`",
                    decl.name.value
                ),
                data_pool,
                "a second data pool",
            )
            .with_secondary(pool, "`pool` names one already")
            .with_note("`pool = \"NAME\"` is the filesystem's pool `<filesystem>-NAME`; `data_pool` is a full Ceph pool name")
            .with_help("keep one of the two"),
        );
    }
}

/// The digits of a plain number (no unit), or a diagnostic.
fn plain_number<'a>(
    entry: &'a Attribute,
    expected: &str,
    checker: &mut Checker,
) -> Option<&'a str> {
    let key = &entry.key.value;
    match &entry.value.kind {
        ValueKind::Number { digits, unit } if unit.is_empty() => Some(digits),
        ValueKind::Number { digits, unit } => {
            checker.diags.push(
                Diagnostic::new(
                    Code::WrongUnit,
                    format!("`{key}` takes {expected}, but `{digits}{unit}` has the unit `{unit}`"),
                    entry.value.span,
                    "no unit here",
                )
                .with_help(format!("write `{key} = {digits}`")),
            );
            None
        }
        ValueKind::Str(_) | ValueKind::Bool(_) | ValueKind::Ident(_) | ValueKind::List(_) => {
            checker
                .diags
                .push(values::type_mismatch(&entry.value, key, expected));
            None
        }
    }
}

fn out_of_range(entry: &Attribute, range: &str) -> Diagnostic {
    let written = match &entry.value.kind {
        ValueKind::Number { digits, .. } => digits.as_str(),
        ValueKind::Str(_) | ValueKind::Bool(_) | ValueKind::Ident(_) | ValueKind::List(_) => "",
    };
    Diagnostic::new(
        Code::OutOfRange,
        format!("`{}` takes {range}, not `{written}`", entry.key.value),
        entry.value.span,
        "out of range",
    )
    .with_note("the range is that of Rook's CRD")
}

fn pinning_integer(entry: &Attribute, min: i32, max: i32, checker: &mut Checker) -> Option<i32> {
    let range = format!("a whole number from {min} to {max}");
    let digits = plain_number(entry, &range, checker)?;
    match digits.parse::<i32>() {
        Ok(n) if (min..=max).contains(&n) => Some(n),
        _ => {
            checker.diags.push(out_of_range(entry, &range));
            None
        }
    }
}

fn pinning_random(entry: &Attribute, checker: &mut Checker) -> Option<f64> {
    let range = "a number from 0.0 to 1.0";
    let digits = plain_number(entry, range, checker)?;
    match digits.parse::<f64>() {
        // `abs` makes a written `-0` the 0.0 it means.
        Ok(f) if (0.0..=1.0).contains(&f) => Some(f.abs()),
        _ => {
            checker.diags.push(out_of_range(entry, range));
            None
        }
    }
}
