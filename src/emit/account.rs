//! CephObjectStoreAccount (`ceph.rook.io/v1`).

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;

use super::meta;
use crate::model::Account;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectStoreAccount {
    api_version: &'static str,
    kind: &'static str,
    metadata: ObjectMeta,
    spec: AccountSpec,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AccountSpec {
    store: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(rename = "accountID", skip_serializing_if = "Option::is_none")]
    account_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    root_user: Option<RootUser>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RootUser {
    #[serde(skip_serializing_if = "Option::is_none")]
    display_name: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    skip_create: bool,
}

pub fn account(account: &Account) -> ObjectStoreAccount {
    let root_user =
        (account.skip_root_user || account.root_display_name.is_some()).then(|| RootUser {
            display_name: account.root_display_name.clone(),
            skip_create: account.skip_root_user,
        });
    ObjectStoreAccount {
        api_version: "ceph.rook.io/v1",
        kind: "CephObjectStoreAccount",
        metadata: meta::object_meta(&account.meta),
        spec: AccountSpec {
            store: account.store.clone(),
            name: account.account_name.clone(),
            account_id: account.account_id.clone(),
            root_user,
        },
    }
}
