//! Short documentation of keywords and attributes, for hovers and
//! completion details.

use crate::ast::DeclKind;

/// What a keyword means.
pub fn keyword(word: &str) -> Option<&'static str> {
    Some(match word {
        "objectstore" => "`objectstore NAME { ... }`: an existing CephObjectStore. Emits nothing; users and buckets refer to it with `store = NAME`.",
        "filesystem" => "`filesystem NAME { ... }`: an existing CephFilesystem. Emits nothing; volumes and subvolume groups refer to it with `filesystem = NAME`.",
        "subvolumegroup" => "`subvolumegroup NAME { ... }`: emits a CephFilesystemSubVolumeGroup and the StorageClass that provisions volumes into it.",
        "user" => "`user NAME { ... }`: emits a CephObjectStoreUser. NAME is the RGW user id that bucket owners and policies refer to.",
        "bucket" => "`bucket NAME { ... }`: emits an ObjectBucketClaim, with its policy, lifecycle, quota and owner in `additionalConfig`.",
        "volume" => "`volume NAME { ... }`: emits a PersistentVolumeClaim on a CephFS StorageClass.",
        "rook" => "`rook { obc_fields = [...] }`: settings of the whole program, once per program: how the Rook operator it targets is configured.",
        "namespace" => "`namespace \"NAME\" { ... }`: the namespace, and the `store`/`filesystem` defaults, of the declarations inside. As an attribute: the object's namespace.",
        "policy" => "`policy { allow|deny PRINCIPALS ACTIONS [on PATTERNS] ... }`: the bucket policy, emitted as `additionalConfig.bucketPolicy`.",
        "lifecycle" => "`lifecycle { expire [PREFIX] after Nd ... }`: lifecycle rules, emitted as `additionalConfig.bucketLifecycle`.",
        "allow" => "`allow PRINCIPALS ACTIONS [on PATTERNS]`: a statement with effect Allow.",
        "deny" => "`deny PRINCIPALS ACTIONS [on PATTERNS]`: a statement with effect Deny; a matching deny wins over any allow.",
        "anyone" => "`anyone`: the principal `*`, every client including anonymous ones.",
        "on" => "`on \"prefix/\"`: limits a statement to keys under the prefixes; listings are narrowed with `s3:prefix`.",
        "after" => "`after Nd`: the age, in days, at which a lifecycle rule acts.",
        "to" => "`to \"CLASS\"`: the storage class a `transition` moves objects to.",
        "@allow" => "`@allow(warning-name, ...)`: silences those warnings for the declaration or policy statement that follows.",
        _ => return None,
    })
}

/// What a setting of the `rook { }` block means.
pub fn setting(key: &str) -> Option<&'static str> {
    Some(match key {
        "obc_fields" => "The ObjectBucketClaim fields the operator allows (its `ROOK_OBC_ALLOW_ADDITIONAL_CONFIG_FIELDS`); rookc reports a bucket that needs another one.",
        _ => return None,
    })
}

/// What an attribute of a declaration kind means.
pub fn attribute(kind: DeclKind, key: &str) -> Option<&'static str> {
    use DeclKind::{Bucket, Filesystem, ObjectStore, SubvolumeGroup, User, Volume};
    Some(match (kind, key) {
        (ObjectStore, "namespace") => "The namespace of the CephObjectStore; users live there unless `allow_users_in` lists theirs.",
        (ObjectStore, "storage_class") => "The bucket StorageClass whose provisioner serves this store: `spec.storageClassName` of its claims.",
        (ObjectStore, "allow_users_in") => "Other namespaces where users of this store may live (mirrors `spec.allowUsersInNamespaces`; `\"*\"` for all).",
        (Filesystem, "namespace") => "The namespace of the CephFilesystem (the Rook cluster namespace).",
        (Filesystem, "storage_class") => "The CephFS CSI StorageClass that volumes without a group use.",
        (Filesystem, "operator_namespace") => "The Rook operator's namespace, which prefixes the CSI provisioner name (default: `namespace`).",
        (SubvolumeGroup, "filesystem") => "The filesystem of the group: `spec.filesystemName`.",
        (SubvolumeGroup, "name") => "The Ceph group name: `spec.name` (default: the declaration name).",
        (SubvolumeGroup, "storage_class") => "The StorageClass rookc emits for volumes in this group.",
        (SubvolumeGroup, "quota") => "A size quota for the group: `spec.quota`.",
        (SubvolumeGroup, "pool") => "A data pool of the filesystem, without the filesystem prefix: `spec.dataPoolName` is `<filesystem>-<pool>`.",
        (SubvolumeGroup, "data_pool") => "The full Ceph name of the data pool, any pool: `spec.dataPoolName` and the StorageClass `pool`, verbatim.",
        (SubvolumeGroup, "cluster_id") => "The CSI cluster ID, `spec.clusterID` and the StorageClass `clusterID`. Without it, rookc writes no `spec.clusterID` and the class names the ID Rook computes.",
        (SubvolumeGroup, "pinning") => "`pinning { export = RANK }` (-1 to 256), `{ distributed = 0|1 }` or `{ random = 0.0..1.0 }`: `spec.pinning`, one of the three (Rook's default: `distributed = 1`).",
        (SubvolumeGroup, "csi_metadata_rados_namespace") => "The RADOS namespace where ceph-csi keeps its metadata in the metadata pool: `spec.csiMetadataRadosNamespace` (immutable).",
        (User, "store") => "The object store of the user: `spec.store`.",
        (User, "namespace") => "Where the CephObjectStoreUser lives (default: the store's namespace).",
        (User, "display_name") => "`spec.displayName`.",
        (User, "quota") => "`quota { buckets = N  size = SIZE  objects = N }`: `spec.quotas`.",
        (User, "caps") => "`caps { CAP = read|write|[read, write]|\"*\" }`: `spec.capabilities` for RGW's admin API.",
        (Bucket, "store") => "The object store of the bucket; its StorageClass is the claim's.",
        (Bucket, "namespace") => "Where the claim, its Secret and its ConfigMap land: the app's namespace.",
        (Bucket, "name") => "The fixed S3 bucket name: `spec.bucketName` (default: the declaration name).",
        (Bucket, "generate") => "A prefix for a generated S3 name: `spec.generateBucketName`.",
        (Bucket, "owner") => "The user that owns the bucket: `additionalConfig.bucketOwner`.",
        (Bucket, "quota") => "`quota { objects = N  size = SIZE }`: bucket quotas (`bucketMax*` with an owner, `max*` without).",
        (Bucket, "policy") => "The bucket policy: `additionalConfig.bucketPolicy`.",
        (Bucket, "lifecycle") => "The lifecycle rules: `additionalConfig.bucketLifecycle`.",
        (Volume, "filesystem") => "The filesystem whose StorageClass the claim uses.",
        (Volume, "group") => "A subvolume group: the claim uses the group's StorageClass.",
        (Volume, "namespace") => "Where the claim lives: the app's namespace.",
        (Volume, "size") => "The requested size: `spec.resources.requests.storage`.",
        (Volume, "access") => "`many` (ReadWriteMany, the default), `once` (ReadWriteOnce) or `read-only` (ReadOnlyMany).",
        (_, "labels") => "`labels { key = \"value\" }`: labels of the emitted objects (beside `app.kubernetes.io/managed-by: rookc`).",
        (_, "annotations") => "`annotations { key = \"value\" }`: annotations of the emitted objects.",
        _ => return None,
    })
}
