//! CephObjectStoreUser (`ceph.rook.io/v1`).

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;

use super::meta;
use crate::model::User;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectStoreUser {
    api_version: &'static str,
    kind: &'static str,
    metadata: ObjectMeta,
    spec: UserSpec,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UserSpec {
    store: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    cluster_namespace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quotas: Option<Quotas>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    capabilities: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keys: Vec<KeyRefs>,
    #[serde(skip_serializing_if = "Option::is_none")]
    op_mask: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    account_ref: Option<AccountRef>,
}

/// One `spec.keys` entry: two core `SecretKeySelector`s.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KeyRefs {
    access_key_ref: SecretKeyRef,
    secret_key_ref: SecretKeyRef,
}

#[derive(Serialize)]
struct SecretKeyRef {
    name: String,
    key: String,
}

#[derive(Serialize)]
struct AccountRef {
    name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Quotas {
    #[serde(skip_serializing_if = "Option::is_none")]
    max_buckets: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_size: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_objects: Option<i64>,
}

pub fn user(user: &User) -> ObjectStoreUser {
    let has_quota =
        user.max_buckets.is_some() || user.max_size.is_some() || user.max_objects.is_some();
    ObjectStoreUser {
        api_version: "ceph.rook.io/v1",
        kind: "CephObjectStoreUser",
        metadata: meta::object_meta(&user.meta),
        spec: UserSpec {
            store: user.store.clone(),
            cluster_namespace: user.cluster_namespace.clone(),
            display_name: user.display_name.clone(),
            quotas: has_quota.then(|| Quotas {
                max_buckets: user.max_buckets,
                max_size: user.max_size.clone(),
                max_objects: user.max_objects,
            }),
            capabilities: user.capabilities.clone(),
            keys: user
                .keys
                .iter()
                .map(|pair| KeyRefs {
                    access_key_ref: SecretKeyRef {
                        name: pair.secret.clone(),
                        key: pair.access_key.clone(),
                    },
                    secret_key_ref: SecretKeyRef {
                        name: pair.secret.clone(),
                        key: pair.secret_key.clone(),
                    },
                })
                .collect(),
            op_mask: user.op_mask.clone(),
            account_ref: user.account.clone().map(|name| AccountRef { name }),
        },
    }
}
