//! The bucket lifecycle, in the JSON shape Rook decodes into the AWS SDK's
//! `BucketLifecycleConfiguration` (Go field names; plural `Transitions`).
//! A rule for the whole bucket carries `"Prefix": ""` on the rule, as RGW
//! returns it; a rule for a prefix carries a `Filter`.

use serde::Serialize;

use crate::model::{Lifecycle, LifecycleAction, LifecycleRule};

#[derive(Serialize)]
pub struct Configuration<'a> {
    #[serde(rename = "Rules")]
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize, Default)]
struct Rule<'a> {
    #[serde(rename = "ID")]
    id: &'a str,
    #[serde(rename = "Status")]
    status: &'static str,
    #[serde(rename = "Prefix", skip_serializing_if = "Option::is_none")]
    prefix: Option<&'a str>,
    #[serde(rename = "Filter", skip_serializing_if = "Option::is_none")]
    filter: Option<Filter<'a>>,
    #[serde(rename = "Expiration", skip_serializing_if = "Option::is_none")]
    expiration: Option<Days>,
    #[serde(
        rename = "NoncurrentVersionExpiration",
        skip_serializing_if = "Option::is_none"
    )]
    noncurrent_expiration: Option<NoncurrentDays>,
    #[serde(
        rename = "AbortIncompleteMultipartUpload",
        skip_serializing_if = "Option::is_none"
    )]
    abort_upload: Option<DaysAfterInitiation>,
    #[serde(rename = "Transitions", skip_serializing_if = "Vec::is_empty")]
    transitions: Vec<Transition<'a>>,
}

#[derive(Serialize)]
struct Filter<'a> {
    #[serde(rename = "Prefix")]
    prefix: &'a str,
}

#[derive(Serialize)]
struct Days {
    #[serde(rename = "Days")]
    days: u32,
}

#[derive(Serialize)]
struct NoncurrentDays {
    #[serde(rename = "NoncurrentDays")]
    days: u32,
}

#[derive(Serialize)]
struct DaysAfterInitiation {
    #[serde(rename = "DaysAfterInitiation")]
    days: u32,
}

#[derive(Serialize)]
struct Transition<'a> {
    #[serde(rename = "Days")]
    days: u32,
    #[serde(rename = "StorageClass")]
    storage_class: &'a str,
}

pub fn configuration(lifecycle: &Lifecycle) -> Configuration<'_> {
    Configuration {
        rules: lifecycle.rules.iter().map(rule).collect(),
    }
}

fn rule(rule: &LifecycleRule) -> Rule<'_> {
    let mut out = Rule {
        id: &rule.id,
        status: "Enabled",
        ..Rule::default()
    };
    if rule.prefix.is_empty() {
        out.prefix = Some("");
    } else {
        out.filter = Some(Filter {
            prefix: &rule.prefix,
        });
    }
    match &rule.action {
        LifecycleAction::Expire { days } => out.expiration = Some(Days { days: *days }),
        LifecycleAction::ExpireNoncurrent { days } => {
            out.noncurrent_expiration = Some(NoncurrentDays { days: *days })
        }
        LifecycleAction::AbortUploads { days } => {
            out.abort_upload = Some(DaysAfterInitiation { days: *days })
        }
        LifecycleAction::Transition {
            days,
            storage_class,
        } => out.transitions.push(Transition {
            days: *days,
            storage_class,
        }),
    }
    out
}
