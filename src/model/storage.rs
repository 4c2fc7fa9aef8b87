//! The model of file and block storage: volumes, their sources and
//! snapshots, subvolume groups, CephFS and RBD StorageClasses, and cephx
//! clients.

use std::collections::BTreeMap;

use super::{Meta, Reclaim};
use crate::source::Span;

/// -> PersistentVolumeClaim.
#[derive(Debug, Clone)]
pub struct Volume {
    pub meta: Meta,
    /// Where it was declared.
    pub origin: Span,
    pub storage_class: String,
    pub access_mode: AccessMode,
    pub volume_mode: VolumeMode,
    /// A Kubernetes quantity.
    pub size: String,
    /// What the claim starts as a copy of: `spec.dataSource`.
    pub data_source: Option<DataSource>,
    /// A static volume: the PersistentVolume of an existing subvolume the
    /// claim is bound to (`storage_class` is then the name both carry,
    /// `""` for none).
    pub binding: Option<StaticBinding>,
}

/// `spec.dataSource` of a claim, in the claim's namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    /// A VolumeSnapshot, by name (a restore).
    Snapshot(String),
    /// A PersistentVolumeClaim, by name (a clone).
    Volume(String),
}

/// -> VolumeSnapshotClass.
#[derive(Debug, Clone)]
pub struct SnapshotClass {
    pub meta: Meta,
    /// `<operator namespace>.cephfs.csi.ceph.com` or `.rbd.csi.ceph.com`.
    pub driver: String,
    pub cluster_id: String,
    /// The Secret the snapshotter uses, and its namespace (the cluster's).
    pub secret: &'static str,
    pub secret_namespace: String,
    pub deletion: Reclaim,
}

/// -> VolumeSnapshot.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub meta: Meta,
    /// Where it was declared.
    pub origin: Span,
    /// The claim it snapshots, in its namespace.
    pub volume: String,
    /// The VolumeSnapshotClass.
    pub class: String,
}

/// -> PersistentVolume of an existing CephFS subvolume, which one claim
/// binds by name (`volumeName`).
#[derive(Debug, Clone)]
pub struct StaticBinding {
    /// The PersistentVolume's name (cluster-wide).
    pub name: String,
    /// `csi.volumeHandle`, unique per PersistentVolume.
    pub handle: String,
    /// `<operator namespace>.cephfs.csi.ceph.com`.
    pub driver: String,
    /// The Rook cluster namespace: `clusterID` and the secret's namespace.
    pub cluster_namespace: String,
    pub fs_name: String,
    /// The subvolume's path in the filesystem: `rootPath`.
    pub root_path: String,
    /// `nodeStageSecretRef.name`.
    pub node_secret: String,
}

/// `spec.volumeMode` of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VolumeMode {
    Filesystem,
    /// A raw device (RBD only).
    Block,
}

impl VolumeMode {
    pub fn as_str(self) -> &'static str {
        match self {
            VolumeMode::Filesystem => "Filesystem",
            VolumeMode::Block => "Block",
        }
    }
}

/// -> CephClient.
#[derive(Debug, Clone)]
pub struct Client {
    pub meta: Meta,
    /// Where it was declared.
    pub origin: Span,
    /// `spec.name`, when it differs from the object's name.
    pub cephx_name: Option<String>,
    /// Daemon type -> cap string (the written caps, then the profiles').
    pub caps: BTreeMap<String, String>,
    /// `spec.secretName`, when given.
    pub secret_name: Option<String>,
    pub remove_secret: Option<bool>,
    pub key_type: Option<String>,
}

impl Client {
    /// The Secret Rook writes the key to, unless `remove_secret`.
    pub fn secret(&self) -> String {
        self.secret_name
            .clone()
            .unwrap_or_else(|| format!("rook-ceph-client-{}", self.meta.name))
    }

    /// The cephx user id, after `client.`: the Secret's key holding the key.
    pub fn user_id(&self) -> &str {
        self.cephx_name.as_deref().unwrap_or(&self.meta.name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessMode {
    ReadWriteMany,
    ReadWriteOnce,
    ReadOnlyMany,
}

impl AccessMode {
    pub fn as_str(self) -> &'static str {
        match self {
            AccessMode::ReadWriteMany => "ReadWriteMany",
            AccessMode::ReadWriteOnce => "ReadWriteOnce",
            AccessMode::ReadOnlyMany => "ReadOnlyMany",
        }
    }
}

/// -> CephFilesystemSubVolumeGroup.
#[derive(Debug, Clone)]
pub struct SubvolumeGroup {
    pub meta: Meta,
    /// Where it was declared.
    pub origin: Span,
    pub filesystem: String,
    /// The Ceph group name, when it differs from `metadata.name`.
    pub group_name: Option<String>,
    /// The CSI cluster ID its StorageClass names: the declared one, else
    /// the one Rook computes.
    pub cluster_id: String,
    /// Whether `cluster_id` was declared: only then is it `spec.clusterID`.
    pub cluster_id_declared: bool,
    /// A Kubernetes quantity.
    pub quota: Option<String>,
    /// Full Ceph data pool name (`<fs>-<pool>`, or as declared).
    pub data_pool: Option<String>,
    pub pinning: Option<Pinning>,
    /// `spec.csiMetadataRadosNamespace`.
    pub csi_metadata_rados_namespace: Option<String>,
}

/// How a subvolume group is pinned to MDS ranks (`spec.pinning`): one of
/// the three, within the CRD's ranges.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pinning {
    /// An MDS rank, −1 to 256 (−1 unpins).
    Export(i32),
    /// 0 or 1.
    Distributed(u8),
    /// A probability, 0.0 to 1.0.
    Random(f64),
}

/// -> StorageClass for the CephFS CSI driver: a `fileclass`, or the class
/// of a subvolume group.
#[derive(Debug, Clone)]
pub struct CephfsStorageClass {
    pub meta: Meta,
    /// The file class or subvolume group it is written for.
    pub origin: Span,
    /// `<operator namespace>.cephfs.csi.ceph.com`.
    pub provisioner: String,
    pub cluster_id: String,
    pub fs_name: String,
    pub pool: Option<String>,
    /// The Rook cluster namespace, where the CSI secrets live.
    pub secrets_namespace: String,
    pub reclaim: Reclaim,
    pub allow_expansion: bool,
    /// `kernel` or `fuse`; `None` lets ceph-csi choose.
    pub mounter: Option<String>,
    pub mount_options: Vec<String>,
}

/// -> StorageClass for the RBD CSI driver (a `blockclass`).
#[derive(Debug, Clone)]
pub struct RbdStorageClass {
    pub meta: Meta,
    /// `<operator namespace>.rbd.csi.ceph.com`.
    pub provisioner: String,
    /// The cluster namespace: the CSI cluster ID and where the CSI secrets
    /// live.
    pub cluster_namespace: String,
    /// The Ceph pool name.
    pub pool: String,
    /// An erasure-coded data pool.
    pub data_pool: Option<String>,
    /// Comma-separated, in the order written.
    pub image_features: String,
    /// `ext4` or `xfs`.
    pub fstype: String,
    pub reclaim_policy: Reclaim,
    pub allow_expansion: bool,
}
