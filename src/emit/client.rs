//! CephClient (`ceph.rook.io/v1`).

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;

use super::meta;
use crate::model::Client;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CephClient {
    api_version: &'static str,
    kind: &'static str,
    metadata: ObjectMeta,
    spec: ClientSpec,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClientSpec {
    caps: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remove_secret: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    security: Option<Security>,
}

#[derive(Serialize)]
struct Security {
    cephx: Cephx,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Cephx {
    key_type: String,
}

pub fn client(client: &Client) -> CephClient {
    CephClient {
        api_version: "ceph.rook.io/v1",
        kind: "CephClient",
        metadata: meta::object_meta(&client.meta),
        spec: ClientSpec {
            caps: client.caps.clone(),
            name: client.cephx_name.clone(),
            secret_name: client.secret_name.clone(),
            remove_secret: client.remove_secret,
            security: client.key_type.clone().map(|key_type| Security {
                cephx: Cephx { key_type },
            }),
        },
    }
}
