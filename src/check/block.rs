//! Block storage: block pools (existing CephBlockPools) and block classes
//! (the RBD StorageClasses rookc emits for them).

use super::body::{self, Body};
use super::{values, Checker};
use crate::ast::{DeclKind, Declaration};
use crate::diag::{Code, Diagnostic};
use crate::kinds::{FSTYPES, IMAGE_FEATURES, RECLAIM_WORDS};
use crate::model::{self, Reclaim};
use crate::source::Spanned;

/// A block pool as block classes and volumes see it.
pub(super) struct BlockPool {
    pub decl_index: usize,
    pub namespace: Option<String>,
    pub operator_namespace: Option<String>,
    /// Its default StorageClass: a block class, or an existing class.
    pub storage_class: Option<Spanned<String>>,
}

/// A block class as volumes and pools see it.
pub(super) struct BlockClass {
    pub decl_index: usize,
    pub pool: Option<String>,
}

/// Image features that ceph-csi accepts only together with another.
const FEATURE_NEEDS: [(&str, &str); 2] = [
    ("object-map", "exclusive-lock"),
    ("fast-diff", "object-map"),
];

impl Checker<'_> {
    pub(super) fn lower_block_pool(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        let object = self.lower_ceph_object(
            decl,
            &body,
            "the namespace of the CephBlockPool: the Rook cluster namespace",
        );
        self.block_pools.insert(
            decl.name.value.clone(),
            BlockPool {
                decl_index: index,
                namespace: object.namespace,
                operator_namespace: object.operator_namespace,
                storage_class: object.storage_class,
            },
        );
    }

    pub(super) fn lower_block_class(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        self.check_object_name(decl);
        let pool = match body.attribute("pool") {
            Some(attribute) => values::reference(attribute, self.diags)
                .and_then(|name| self.resolve(DeclKind::BlockPool, &name).map(|_| name.value)),
            None => {
                self.diags.push(body::missing(decl, "pool"));
                None
            }
        };
        self.block_classes.insert(
            decl.name.value.clone(),
            BlockClass {
                decl_index: index,
                pool: pool.clone(),
            },
        );
        self.check_block_class_name(decl, pool.as_deref());
        let image_features = match body.attribute("image_features") {
            Some(attribute) => values::string_list(attribute, self.diags)
                .and_then(|list| self.image_features(attribute.value.span, &list)),
            None => Some("layering".to_string()),
        };
        let fstype = match body.attribute("fstype") {
            Some(attribute) => values::word(attribute, FSTYPES, self.diags),
            None => Some(Spanned::new("ext4", decl.name.span)),
        };
        if let Some(xfs) = fstype.as_ref().filter(|f| f.value == "xfs") {
            self.warn(
                Diagnostic::new(
                    Code::RbdXfs,
                    format!("block class `{}` formats its volumes with xfs", decl.name.value),
                    xfs.span,
                    "xfs here",
                )
                .with_note("Rook warns that xfs on RBD can deadlock when a volume is mounted on a node that also runs OSDs (hyperconverged clusters)")
                .with_help("use `fstype = ext4`, or `@allow(rbd-xfs)` if no OSD runs where the volumes are mounted"),
                &[&decl.allows],
            );
        }
        let data_pool = body
            .attribute("data_pool")
            .and_then(|a| values::string(a, self.diags));
        let (reclaim, expansion) = csi_class_policy(&body, self.diags);
        let meta = self.meta(decl, &body, None);
        let pool_facts = pool.and_then(|name| {
            let info = self.block_pools.get(&name)?;
            let namespace = info.namespace.clone()?;
            let operator = info
                .operator_namespace
                .clone()
                .unwrap_or_else(|| namespace.clone());
            Some((name, namespace, operator))
        });
        let (Some((pool, namespace, operator)), Some(image_features), Some(fstype)) =
            (pool_facts, image_features, fstype)
        else {
            return;
        };
        let (Some(reclaim_policy), Some(allow_expansion)) = (reclaim, expansion) else {
            return;
        };
        self.program.block_classes.push(model::RbdStorageClass {
            meta,
            provisioner: format!("{operator}.rbd.csi.ceph.com"),
            cluster_namespace: namespace,
            pool,
            data_pool: data_pool.map(|p| p.value),
            image_features,
            fstype: fstype.value.to_string(),
            reclaim_policy,
            allow_expansion,
        });
    }

    /// The class's name is the StorageClass rookc emits: no other
    /// declaration may name it as an existing class or emit it, and a pool
    /// that names it as its default must be the class's pool.
    fn check_block_class_name(&mut self, decl: &Declaration, pool: Option<&str>) {
        let name = decl.name.value.as_str();
        let existing = self
            .stores
            .values()
            .filter(|s| s.storage_class.as_ref().map(|c| c.value.as_str()) == Some(name))
            .map(|s| s.decl_index)
            .chain(
                self.filesystems
                    .values()
                    .filter(|f| f.storage_class.as_deref() == Some(name))
                    .map(|f| f.decl_index),
            )
            .min();
        if let Some(owner_index) = existing {
            let owner = self.decl(owner_index);
            self.diags.push(
                Diagnostic::new(
                    Code::BlockClassTaken,
                    format!(
                        "block class `{name}` emits StorageClass `{name}`, which {} `{}` names as its own",
                        owner.kind.value.noun(),
                        owner.name.value
                    ),
                    decl.name.span,
                    "emitted here",
                )
                .with_secondary(owner.name.span, format!("{} `{}` uses it", owner.kind.value.noun(), owner.name.value))
                .with_note("a StorageClass has one provisioner: it cannot serve RBD and another storage at once")
                .with_help("give the block class another name"),
            );
        } else if let Some(first) = self.emitted_classes.get(name) {
            self.diags.push(
                Diagnostic::new(
                    Code::BlockClassTaken,
                    format!("StorageClass `{name}` is emitted for a subvolume group and for block class `{name}`"),
                    decl.name.span,
                    "emitted again here",
                )
                .with_secondary(*first, "first emitted here")
                .with_help("give the block class another name"),
            );
        }
        let Some(pool) = pool else { return };
        let others: Vec<(String, Spanned<String>)> = self
            .block_pools
            .iter()
            .filter(|(other, p)| {
                other.as_str() != pool && p.storage_class.as_ref().is_some_and(|c| c.value == name)
            })
            .filter_map(|(other, p)| Some((other.clone(), p.storage_class.clone()?)))
            .collect();
        let mut others = others;
        others.sort_by_key(|(_, class)| class.span);
        for (other, class) in others {
            self.diags.push(
                Diagnostic::new(
                    Code::BlockPoolMismatch,
                    format!("block pool `{other}` names block class `{name}` as its StorageClass, but the class provisions in pool `{pool}`"),
                    class.span,
                    "the class of another pool",
                )
                .with_secondary(decl.name.span, format!("block class `{name}` is declared here, with `pool = {pool}`"))
                .with_help(format!("name a block class of `{other}`, or declare one: `blockclass NAME {{ pool = {other} }}`")),
            );
        }
    }

    /// `image_features` as ceph-csi takes them: known names, none twice,
    /// each with the feature it depends on.
    fn image_features(
        &mut self,
        list_span: crate::source::Span,
        list: &[Spanned<String>],
    ) -> Option<String> {
        if list.is_empty() {
            self.diags.push(
                Diagnostic::new(
                    Code::InvalidImageFeatures,
                    "`image_features` is empty",
                    list_span,
                    "no feature",
                )
                .with_note("ceph-csi rejects a StorageClass whose `imageFeatures` is empty")
                .with_help("leave `image_features` out for `[\"layering\"]`"),
            );
            return None;
        }
        let mut ok = true;
        for (position, feature) in list.iter().enumerate() {
            if !IMAGE_FEATURES.contains(&feature.value.as_str()) {
                self.diags.push(
                    values::unknown_value(
                        feature.span,
                        "image_features",
                        &feature.value,
                        IMAGE_FEATURES,
                    )
                    .with_note("ceph-csi maps images with the kernel RBD driver; `journaling` needs the rbd-nbd mounter"),
                );
                ok = false;
            } else if let Some(first) = list[..position].iter().find(|f| f.value == feature.value) {
                self.diags.push(
                    Diagnostic::new(
                        Code::InvalidImageFeatures,
                        format!("image feature `{}` is listed twice", feature.value),
                        feature.span,
                        "listed again here",
                    )
                    .with_secondary(first.span, "first listed here")
                    .with_help("remove one of them"),
                );
                ok = false;
            }
        }
        for (feature, needs) in FEATURE_NEEDS {
            let Some(written) = list.iter().find(|f| f.value == feature) else {
                continue;
            };
            if !list.iter().any(|f| f.value == needs) {
                self.diags.push(
                    Diagnostic::new(
                        Code::InvalidImageFeatures,
                        format!("image feature `{feature}` needs `{needs}`"),
                        written.span,
                        format!("without `{needs}`"),
                    )
                    .with_note("ceph-csi refuses to provision an image whose features lack one they depend on")
                    .with_help(format!("add `\"{needs}\"` to `image_features`")),
                );
                ok = false;
            }
        }
        ok.then(|| {
            list.iter()
                .map(|f| f.value.as_str())
                .collect::<Vec<_>>()
                .join(",")
        })
    }
}

/// `reclaim` (default `delete`) and `expansion` (default `true`) of a CSI
/// StorageClass kind (`blockclass`, `fileclass`); `None` where the value
/// was wrong (reported).
pub(super) fn csi_class_policy(
    body: &Body,
    diags: &mut crate::diag::Diagnostics,
) -> (Option<Reclaim>, Option<bool>) {
    let reclaim = match body.attribute("reclaim") {
        Some(attribute) => values::word(attribute, RECLAIM_WORDS, diags).map(|w| match w.value {
            "retain" => Reclaim::Retain,
            _ => Reclaim::Delete,
        }),
        None => Some(Reclaim::Delete),
    };
    let expansion = match body.attribute("expansion") {
        Some(attribute) => values::boolean(attribute, diags).map(|b| b.value),
        None => Some(true),
    };
    (reclaim, expansion)
}
