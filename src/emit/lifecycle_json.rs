//! The bucket lifecycle, in the JSON shape Rook decodes into the AWS SDK's
//! `BucketLifecycleConfiguration` (Go field names; plural `Transitions`).
//! A rule for the whole bucket carries `"Prefix": ""` on the rule, as RGW
//! returns it; a rule with one condition carries it in `Filter`, and a
//! rule with several carries them in `Filter.And`, as RGW returns them
//! (Rook compares what it reads back with what it decoded).

use serde::Serialize;

use crate::model::{Lifecycle, LifecycleAction, LifecycleFilter, LifecycleRule};

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
    expiration: Option<Expiration>,
    #[serde(
        rename = "NoncurrentVersionExpiration",
        skip_serializing_if = "Option::is_none"
    )]
    noncurrent_expiration: Option<NoncurrentExpiration>,
    #[serde(
        rename = "AbortIncompleteMultipartUpload",
        skip_serializing_if = "Option::is_none"
    )]
    abort_upload: Option<DaysAfterInitiation>,
    #[serde(rename = "Transitions", skip_serializing_if = "Vec::is_empty")]
    transitions: Vec<Transition<'a>>,
    #[serde(
        rename = "NoncurrentVersionTransitions",
        skip_serializing_if = "Vec::is_empty"
    )]
    noncurrent_transitions: Vec<NoncurrentTransition<'a>>,
}

/// One condition directly, or several under `And`.
#[derive(Serialize, Default)]
struct Filter<'a> {
    #[serde(rename = "Prefix", skip_serializing_if = "Option::is_none")]
    prefix: Option<&'a str>,
    #[serde(rename = "Tag", skip_serializing_if = "Option::is_none")]
    tag: Option<Tag<'a>>,
    #[serde(
        rename = "ObjectSizeGreaterThan",
        skip_serializing_if = "Option::is_none"
    )]
    larger_than: Option<u64>,
    #[serde(rename = "ObjectSizeLessThan", skip_serializing_if = "Option::is_none")]
    smaller_than: Option<u64>,
    #[serde(rename = "And", skip_serializing_if = "Option::is_none")]
    and: Option<And<'a>>,
}

#[derive(Serialize)]
struct And<'a> {
    #[serde(rename = "Prefix", skip_serializing_if = "Option::is_none")]
    prefix: Option<&'a str>,
    #[serde(rename = "Tags", skip_serializing_if = "Vec::is_empty")]
    tags: Vec<Tag<'a>>,
    #[serde(
        rename = "ObjectSizeGreaterThan",
        skip_serializing_if = "Option::is_none"
    )]
    larger_than: Option<u64>,
    #[serde(rename = "ObjectSizeLessThan", skip_serializing_if = "Option::is_none")]
    smaller_than: Option<u64>,
}

#[derive(Serialize)]
struct Tag<'a> {
    #[serde(rename = "Key")]
    key: &'a str,
    #[serde(rename = "Value")]
    value: &'a str,
}

#[derive(Serialize, Default)]
struct Expiration {
    #[serde(rename = "Days", skip_serializing_if = "Option::is_none")]
    days: Option<u32>,
    #[serde(
        rename = "ExpiredObjectDeleteMarker",
        skip_serializing_if = "Option::is_none"
    )]
    delete_marker: Option<bool>,
}

#[derive(Serialize)]
struct NoncurrentExpiration {
    #[serde(rename = "NoncurrentDays")]
    days: u32,
    #[serde(
        rename = "NewerNoncurrentVersions",
        skip_serializing_if = "Option::is_none"
    )]
    newer_versions: Option<u32>,
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

#[derive(Serialize)]
struct NoncurrentTransition<'a> {
    #[serde(rename = "NoncurrentDays")]
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
    match filter(&rule.filter) {
        Some(filter) => out.filter = Some(filter),
        None => out.prefix = Some(""),
    }
    for action in &rule.actions {
        match action {
            LifecycleAction::Expire { days } => {
                out.expiration = Some(Expiration {
                    days: Some(*days),
                    ..Expiration::default()
                })
            }
            LifecycleAction::ExpireDeleteMarkers => {
                out.expiration = Some(Expiration {
                    delete_marker: Some(true),
                    ..Expiration::default()
                })
            }
            LifecycleAction::ExpireNoncurrent {
                days,
                newer_versions,
            } => {
                out.noncurrent_expiration = Some(NoncurrentExpiration {
                    days: *days,
                    newer_versions: *newer_versions,
                })
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
            LifecycleAction::TransitionNoncurrent {
                days,
                storage_class,
            } => out.noncurrent_transitions.push(NoncurrentTransition {
                days: *days,
                storage_class,
            }),
        }
    }
    out
}

/// `None` for the whole bucket.
fn filter(filter: &LifecycleFilter) -> Option<Filter<'_>> {
    let prefix = Some(filter.prefix.as_str()).filter(|p| !p.is_empty());
    let tags: Vec<Tag<'_>> = filter
        .tags
        .iter()
        .map(|(key, value)| Tag { key, value })
        .collect();
    let conditions = usize::from(prefix.is_some())
        + tags.len()
        + usize::from(filter.larger_than.is_some())
        + usize::from(filter.smaller_than.is_some());
    match conditions {
        0 => None,
        1 => Some(Filter {
            prefix,
            tag: tags.into_iter().next(),
            larger_than: filter.larger_than,
            smaller_than: filter.smaller_than,
            and: None,
        }),
        _ => Some(Filter {
            and: Some(And {
                prefix,
                tags,
                larger_than: filter.larger_than,
                smaller_than: filter.smaller_than,
            }),
            ..Filter::default()
        }),
    }
}
