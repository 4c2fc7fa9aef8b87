//! RBD: the StorageClass of a `blockclass`, with the parameters and CSI
//! secrets of Rook's `deploy/examples/csi/rbd/storageclass.yaml`.

use std::collections::BTreeMap;

use k8s_openapi::api::storage::v1::StorageClass;

use super::meta;
use crate::model::RbdStorageClass;

/// The secrets Rook's operator writes for the RBD CSI driver, by the
/// operation that uses them.
const SECRETS: [(&str, &str); 4] = [
    ("provisioner", "rook-csi-rbd-provisioner"),
    ("controller-expand", "rook-csi-rbd-provisioner"),
    ("controller-publish", "rook-csi-rbd-provisioner"),
    ("node-stage", "rook-csi-rbd-node"),
];

pub fn storage_class(class: &RbdStorageClass) -> StorageClass {
    let ns = &class.cluster_namespace;
    let mut parameters = BTreeMap::from([
        ("clusterID".to_string(), ns.clone()),
        ("pool".to_string(), class.pool.clone()),
        ("imageFormat".to_string(), "2".to_string()),
        ("imageFeatures".to_string(), class.image_features.clone()),
        (
            "csi.storage.k8s.io/fstype".to_string(),
            class.fstype.clone(),
        ),
    ]);
    meta::insert_csi_secrets(&mut parameters, &SECRETS, ns);
    if let Some(data_pool) = &class.data_pool {
        parameters.insert("dataPool".to_string(), data_pool.clone());
    }
    StorageClass {
        metadata: meta::object_meta(&class.meta),
        provisioner: class.provisioner.clone(),
        parameters: Some(parameters),
        reclaim_policy: Some(class.reclaim_policy.as_str().to_string()),
        allow_volume_expansion: Some(class.allow_expansion),
        ..StorageClass::default()
    }
}
