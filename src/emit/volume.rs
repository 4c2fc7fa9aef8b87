//! CephFS: PersistentVolumeClaim, CephFilesystemSubVolumeGroup and the
//! StorageClass of a file class or a group.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    PersistentVolumeClaim, PersistentVolumeClaimSpec, VolumeResourceRequirements,
};
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;

use super::meta;
use crate::model::{CephfsStorageClass, Pinning, SubvolumeGroup, Volume};

pub fn claim(volume: &Volume) -> PersistentVolumeClaim {
    PersistentVolumeClaim {
        metadata: meta::object_meta(&volume.meta),
        spec: Some(PersistentVolumeClaimSpec {
            access_modes: Some(vec![volume.access_mode.as_str().to_string()]),
            volume_mode: Some(volume.volume_mode.as_str().to_string()),
            resources: Some(VolumeResourceRequirements {
                requests: Some(BTreeMap::from([(
                    "storage".to_string(),
                    Quantity(volume.size.clone()),
                )])),
                ..VolumeResourceRequirements::default()
            }),
            storage_class_name: Some(volume.storage_class.clone()),
            data_source: volume
                .data_source
                .as_ref()
                .map(super::snapshot::data_source),
            volume_name: volume.binding.as_ref().map(|b| b.name.clone()),
            ..PersistentVolumeClaimSpec::default()
        }),
        status: None,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CephFilesystemSubVolumeGroup {
    api_version: &'static str,
    kind: &'static str,
    metadata: ObjectMeta,
    spec: GroupSpec,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GroupSpec {
    filesystem_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// Only a declared ID: without one Rook computes it, and an applied
    /// group is never asked to change this immutable field.
    #[serde(rename = "clusterID", skip_serializing_if = "Option::is_none")]
    cluster_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quota: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_pool_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pinning: Option<PinningSpec>,
    #[serde(skip_serializing_if = "Option::is_none")]
    csi_metadata_rados_namespace: Option<String>,
}

/// `spec.pinning`: exactly one of the three is set.
#[derive(Serialize, Default)]
struct PinningSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    export: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    distributed: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    random: Option<f64>,
}

fn pinning(pinning: Pinning) -> PinningSpec {
    match pinning {
        Pinning::Export(rank) => PinningSpec {
            export: Some(rank),
            ..PinningSpec::default()
        },
        Pinning::Distributed(on) => PinningSpec {
            distributed: Some(on),
            ..PinningSpec::default()
        },
        Pinning::Random(share) => PinningSpec {
            random: Some(share),
            ..PinningSpec::default()
        },
    }
}

pub fn subvolume_group(group: &SubvolumeGroup) -> CephFilesystemSubVolumeGroup {
    CephFilesystemSubVolumeGroup {
        api_version: "ceph.rook.io/v1",
        kind: "CephFilesystemSubVolumeGroup",
        metadata: meta::object_meta(&group.meta),
        spec: GroupSpec {
            filesystem_name: group.filesystem.clone(),
            name: group.group_name.clone(),
            cluster_id: group.cluster_id_declared.then(|| group.cluster_id.clone()),
            quota: group.quota.clone(),
            data_pool_name: group.data_pool.clone(),
            pinning: group.pinning.map(pinning),
            csi_metadata_rados_namespace: group.csi_metadata_rados_namespace.clone(),
        },
    }
}

pub fn storage_class(class: &CephfsStorageClass) -> StorageClass {
    let ns = &class.secrets_namespace;
    let mut parameters = BTreeMap::from([
        ("clusterID".to_string(), class.cluster_id.clone()),
        ("fsName".to_string(), class.fs_name.clone()),
    ]);
    meta::insert_csi_secrets(
        &mut parameters,
        &[
            ("provisioner", "rook-csi-cephfs-provisioner"),
            ("controller-expand", "rook-csi-cephfs-provisioner"),
            ("controller-publish", "rook-csi-cephfs-provisioner"),
            ("node-stage", "rook-csi-cephfs-node"),
        ],
        ns,
    );
    if let Some(pool) = &class.pool {
        parameters.insert("pool".to_string(), pool.clone());
    }
    if let Some(mounter) = &class.mounter {
        parameters.insert("mounter".to_string(), mounter.clone());
    }
    StorageClass {
        metadata: meta::object_meta(&class.meta),
        provisioner: class.provisioner.clone(),
        parameters: Some(parameters),
        reclaim_policy: Some(class.reclaim.as_str().to_string()),
        allow_volume_expansion: Some(class.allow_expansion),
        mount_options: (!class.mount_options.is_empty()).then(|| class.mount_options.clone()),
        ..StorageClass::default()
    }
}
