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
