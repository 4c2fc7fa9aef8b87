//! Snapshots: VolumeSnapshotClass and VolumeSnapshot
//! (`snapshot.storage.k8s.io/v1`, the CSI external snapshotter's CRDs; no
//! k8s-openapi types), with the parameters of Rook's
//! `deploy/examples/csi/{cephfs,rbd}/snapshotclass.yaml`; and a claim's
//! `dataSource`.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::TypedLocalObjectReference;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;

use super::meta;
use crate::model::{DataSource, Snapshot, SnapshotClass};

/// The API group of the snapshot CRDs.
const GROUP: &str = "snapshot.storage.k8s.io";
const API_VERSION: &str = "snapshot.storage.k8s.io/v1";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VolumeSnapshotClass {
    api_version: &'static str,
    kind: &'static str,
    metadata: ObjectMeta,
    driver: String,
    parameters: BTreeMap<String, String>,
    deletion_policy: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VolumeSnapshot {
    api_version: &'static str,
    kind: &'static str,
    metadata: ObjectMeta,
    spec: SnapshotSpec,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SnapshotSpec {
    volume_snapshot_class_name: String,
    source: SnapshotSource,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SnapshotSource {
    persistent_volume_claim_name: String,
}

pub fn snapshot_class(class: &SnapshotClass) -> VolumeSnapshotClass {
    let mut parameters = BTreeMap::from([("clusterID".to_string(), class.cluster_id.clone())]);
    meta::insert_csi_secrets(
        &mut parameters,
        &[("snapshotter", class.secret)],
        &class.secret_namespace,
    );
    VolumeSnapshotClass {
        api_version: API_VERSION,
        kind: "VolumeSnapshotClass",
        metadata: meta::object_meta(&class.meta),
        driver: class.driver.clone(),
        parameters,
        deletion_policy: class.deletion.as_str(),
    }
}

pub fn snapshot(snapshot: &Snapshot) -> VolumeSnapshot {
    VolumeSnapshot {
        api_version: API_VERSION,
        kind: "VolumeSnapshot",
        metadata: meta::object_meta(&snapshot.meta),
        spec: SnapshotSpec {
            volume_snapshot_class_name: snapshot.class.clone(),
            source: SnapshotSource {
                persistent_volume_claim_name: snapshot.volume.clone(),
            },
        },
    }
}

/// A claim's `spec.dataSource`: a VolumeSnapshot (with its API group) or
/// a claim of the core group (none written, as in Rook's examples).
pub fn data_source(source: &DataSource) -> TypedLocalObjectReference {
    let (kind, name, api_group) = match source {
        DataSource::Snapshot(name) => ("VolumeSnapshot", name, Some(GROUP.to_string())),
        DataSource::Volume(name) => ("PersistentVolumeClaim", name, None),
    };
    TypedLocalObjectReference {
        api_group,
        kind: kind.to_string(),
        name: name.clone(),
    }
}
