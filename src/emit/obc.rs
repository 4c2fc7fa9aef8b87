//! ObjectBucketClaim (`objectbucket.io/v1alpha1`).

use indexmap::IndexMap;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;

use super::yaml::{to_json, EmitError};
use super::{lifecycle_json, meta, policy_json};
use crate::model::{Bucket, BucketNaming};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectBucketClaim {
    api_version: &'static str,
    kind: &'static str,
    metadata: ObjectMeta,
    spec: ClaimSpec,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    bucket_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    generate_bucket_name: Option<String>,
    storage_class_name: String,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    additional_config: IndexMap<&'static str, String>,
}

/// The `additionalConfig` keys Rook accepts without an operator setting.
pub const DEFAULT_ALLOWED_FIELDS: [&str; 2] = ["maxObjects", "maxSize"];

pub fn claim(bucket: &Bucket) -> Result<ObjectBucketClaim, EmitError> {
    let (bucket_name, generate_bucket_name) = match &bucket.naming {
        BucketNaming::Fixed(name) => (Some(name.clone()), None),
        BucketNaming::Generated(prefix) => (None, Some(prefix.clone())),
    };
    Ok(ObjectBucketClaim {
        api_version: "objectbucket.io/v1alpha1",
        kind: "ObjectBucketClaim",
        metadata: meta::object_meta(&bucket.meta),
        spec: ClaimSpec {
            bucket_name,
            generate_bucket_name,
            storage_class_name: bucket.storage_class.clone(),
            additional_config: additional_config(bucket)?,
        },
    })
}

/// `additionalConfig`, every value a string (Rook's type is
/// `map[string]string`). With an owner, Rook ignores the user-level
/// `maxObjects`/`maxSize`, so the quota goes to the bucket-level keys; a
/// bucket without owner gets a generated user that owns only this bucket,
/// so the user-level keys (allowed by default) limit the bucket, unless
/// `user_quota` gives the generated user a quota of its own.
fn additional_config(bucket: &Bucket) -> Result<IndexMap<&'static str, String>, EmitError> {
    let mut config = IndexMap::new();
    if let Some(owner) = &bucket.owner {
        config.insert("bucketOwner", owner.clone());
    }
    if let Some(user_quota) = &bucket.user_quota {
        if let Some(objects) = user_quota.max_objects {
            config.insert("maxObjects", objects.to_string());
        }
        if let Some(size) = &user_quota.max_size {
            config.insert("maxSize", size.clone());
        }
    }
    let (objects_key, size_key) = if bucket_level_quota(bucket) {
        ("bucketMaxObjects", "bucketMaxSize")
    } else {
        ("maxObjects", "maxSize")
    };
    if let Some(objects) = bucket.max_objects {
        config.insert(objects_key, objects.to_string());
    }
    if let Some(size) = &bucket.max_size {
        config.insert(size_key, size.clone());
    }
    if let Some(policy) = &bucket.policy {
        config.insert("bucketPolicy", to_json(&policy_json::document(policy))?);
    }
    if let Some(lifecycle) = &bucket.lifecycle {
        config.insert(
            "bucketLifecycle",
            to_json(&lifecycle_json::configuration(lifecycle))?,
        );
    }
    Ok(config)
}

/// Whether `quota` goes to the bucket-level keys: with an owner (Rook
/// skips the user-level ones) or beside a `user_quota`.
fn bucket_level_quota(bucket: &Bucket) -> bool {
    bucket.owner.is_some() || bucket.user_quota.is_some()
}

/// The `additionalConfig` keys a bucket uses beyond Rook's default
/// allow-list, in the order Rook's documentation lists them.
pub fn config_fields(bucket: &Bucket) -> Vec<&'static str> {
    let mut fields = claim_fields(bucket);
    fields.retain(|field| !DEFAULT_ALLOWED_FIELDS.contains(field));
    fields
}

/// Every `additionalConfig` key a bucket's claim has, in the order Rook's
/// documentation lists them.
pub fn claim_fields(bucket: &Bucket) -> Vec<&'static str> {
    let mut fields = Vec::new();
    let owned = bucket.owner.is_some();
    let bucket_level = bucket_level_quota(bucket);
    let user_quota = bucket.user_quota.as_ref();
    if (!bucket_level && bucket.max_objects.is_some())
        || user_quota.is_some_and(|q| q.max_objects.is_some())
    {
        fields.push("maxObjects");
    }
    if (!bucket_level && bucket.max_size.is_some())
        || user_quota.is_some_and(|q| q.max_size.is_some())
    {
        fields.push("maxSize");
    }
    if bucket_level && bucket.max_objects.is_some() {
        fields.push("bucketMaxObjects");
    }
    if bucket_level && bucket.max_size.is_some() {
        fields.push("bucketMaxSize");
    }
    if bucket.policy.is_some() {
        fields.push("bucketPolicy");
    }
    if bucket.lifecycle.is_some() {
        fields.push("bucketLifecycle");
    }
    if owned {
        fields.push("bucketOwner");
    }
    fields
}
