//! `metadata` of emitted objects.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use crate::model::Meta;

pub fn object_meta(meta: &Meta) -> ObjectMeta {
    ObjectMeta {
        name: Some(meta.name.clone()),
        namespace: meta.namespace.clone(),
        labels: (!meta.labels.is_empty()).then(|| meta.labels.iter().cloned().collect()),
        annotations: (!meta.annotations.is_empty())
            .then(|| meta.annotations.iter().cloned().collect()),
        ..ObjectMeta::default()
    }
}

/// The CSI secret parameters of a StorageClass: for each (role, Secret),
/// `csi.storage.k8s.io/<role>-secret-name` and `-secret-namespace`.
pub fn insert_csi_secrets(
    parameters: &mut std::collections::BTreeMap<String, String>,
    secrets: &[(&str, &str)],
    namespace: &str,
) {
    for (role, secret) in secrets {
        parameters.insert(
            format!("csi.storage.k8s.io/{role}-secret-name"),
            secret.to_string(),
        );
        parameters.insert(
            format!("csi.storage.k8s.io/{role}-secret-namespace"),
            namespace.to_string(),
        );
    }
}
