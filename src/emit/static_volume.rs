//! Static CephFS volumes: the PersistentVolume of an existing subvolume,
//! with the CSI attributes of ceph-csi's `docs/static-pvc.md` and Rook's
//! "Consume the Shared Filesystem across namespaces".

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    CSIPersistentVolumeSource, PersistentVolume, PersistentVolumeSpec, SecretReference,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use super::meta;
use crate::model::{Meta, StaticBinding, Volume};

/// The PersistentVolume's metadata: cluster-wide, with the claim's labels
/// and annotations.
pub fn volume_meta(volume: &Volume, binding: &StaticBinding) -> Meta {
    Meta {
        name: binding.name.clone(),
        namespace: None,
        labels: volume.meta.labels.clone(),
        annotations: volume.meta.annotations.clone(),
    }
}

pub fn persistent_volume(volume: &Volume, binding: &StaticBinding) -> PersistentVolume {
    let attributes = BTreeMap::from([
        ("clusterID".to_string(), binding.cluster_namespace.clone()),
        ("fsName".to_string(), binding.fs_name.clone()),
        ("rootPath".to_string(), binding.root_path.clone()),
        // ceph-csi mounts the path as it is, and never creates, resizes or
        // deletes it.
        ("staticVolume".to_string(), "true".to_string()),
    ]);
    PersistentVolume {
        metadata: meta::object_meta(&volume_meta(volume, binding)),
        spec: Some(PersistentVolumeSpec {
            access_modes: Some(vec![volume.access_mode.as_str().to_string()]),
            capacity: Some(BTreeMap::from([(
                "storage".to_string(),
                Quantity(volume.size.clone()),
            )])),
            csi: Some(CSIPersistentVolumeSource {
                driver: binding.driver.clone(),
                volume_handle: binding.handle.clone(),
                volume_attributes: Some(attributes),
                node_stage_secret_ref: Some(SecretReference {
                    name: Some(binding.node_secret.clone()),
                    namespace: Some(binding.cluster_namespace.clone()),
                }),
                ..CSIPersistentVolumeSource::default()
            }),
            // Deleting the claim must not try to delete the subvolume,
            // which ceph-csi refuses for static volumes.
            persistent_volume_reclaim_policy: Some("Retain".to_string()),
            storage_class_name: (!volume.storage_class.is_empty())
                .then(|| volume.storage_class.clone()),
            volume_mode: Some(volume.volume_mode.as_str().to_string()),
            ..PersistentVolumeSpec::default()
        }),
        status: None,
    }
}
