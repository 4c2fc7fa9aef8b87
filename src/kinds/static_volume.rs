//! The attributes of a static `volume`: a claim bound to the
//! PersistentVolume of an existing CephFS subvolume, which rookc emits
//! (ceph-csi `docs/static-pvc.md`; Rook's "Consume the Shared Filesystem
//! across namespaces").

use super::{AttributeDef, ValueType};

/// The default `node_secret`: the Secret Rook writes for the CephFS
/// driver's node plugin.
pub const NODE_SECRET_DEFAULT: &str = "rook-csi-cephfs-node";

pub const ROOT_PATH: AttributeDef = AttributeDef::new(
    "root_path",
    ValueType::String,
    "The path of an existing subvolume (`ceph fs subvolume getpath`, or a provisioned volume's `subvolumePath`): makes the volume static, a PersistentVolume with `volumeAttributes.rootPath` and `staticVolume: \"true\"` that the claim binds by name.",
)
.default("a provisioned volume")
.example("\"/volumes/csi/csi-vol-1/data\"");

pub const PERSISTENT_VOLUME: AttributeDef = AttributeDef::new(
    "persistent_volume",
    ValueType::String,
    "A static volume's PersistentVolume name (cluster-wide): the claim's `volumeName`.",
)
.default("`<name>-<namespace>`")
.example("\"media-library-jellyfin\"");

pub const VOLUME_HANDLE: AttributeDef = AttributeDef::new(
    "volume_handle",
    ValueType::String,
    "A static volume's `csi.volumeHandle`, unique per PersistentVolume.",
)
.default("the PersistentVolume's name")
.example("\"media-library-jellyfin\"");

pub const NODE_SECRET: AttributeDef = AttributeDef::new(
    "node_secret",
    ValueType::String,
    "A static volume's `nodeStageSecretRef.name`, in the cluster namespace. ceph-csi mounts static volumes with `userID`/`userKey` credentials; Rook's recipe copies `rook-csi-cephfs-node` to `rook-csi-cephfs-node-user` with its keys renamed.",
)
.default("`\"rook-csi-cephfs-node\"`")
.example("\"rook-csi-cephfs-node-user\"");

pub const STORAGE_CLASS: AttributeDef = AttributeDef::new(
    "storage_class",
    ValueType::String,
    "A static volume's `storageClassName`, on both the PersistentVolume and the claim: only for binding, nothing is provisioned.",
)
.default("`\"\"` (none)")
.example("\"rook-cephfs\"");
