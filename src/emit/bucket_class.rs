//! Bucket StorageClasses: Rook's bucket provisioner for one object store.

use std::collections::BTreeMap;

use k8s_openapi::api::storage::v1::StorageClass;

use super::meta;
use crate::model::BucketStorageClass;

pub fn storage_class(class: &BucketStorageClass) -> StorageClass {
    let mut parameters = BTreeMap::from([
        ("objectStoreName".to_string(), class.store.clone()),
        (
            "objectStoreNamespace".to_string(),
            class.store_namespace.clone(),
        ),
    ]);
    if let Some(bucket) = &class.existing_bucket {
        parameters.insert("bucketName".to_string(), bucket.clone());
    }
    StorageClass {
        metadata: meta::object_meta(&class.meta),
        provisioner: class.provisioner.clone(),
        parameters: Some(parameters),
        reclaim_policy: Some(class.reclaim.as_str().to_string()),
        ..StorageClass::default()
    }
}
