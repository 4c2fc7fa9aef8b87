//! Lifecycle rules that now expire more objects: an enabled expiration
//! (of current or noncurrent versions) on the new side that no enabled
//! rule of the old side already applied, as early, to the same keys, and
//! keeping no more of the newest noncurrent versions
//! (`NewerNoncurrentVersions`). Removing expired delete markers loses no
//! data and is not counted. Rules are told apart by ID in the findings.
//!
//! A rule covers the keys under its prefix; an old rule with tag or size
//! conditions covers nothing for sure, so a new rule is only ever said to
//! be covered when it certainly was.

use serde_json::Value;

use super::claims::bucket_of;
use super::key::CLAIM;
use super::{Category, Finding, Pair, Status};

const LIFECYCLE: &str = "/spec/additionalConfig/bucketLifecycle";

/// Which objects a rule expires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Versions {
    Current,
    Noncurrent,
}

/// When it expires them (days sort before dates, days by number).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum When {
    Days(u64),
    Date(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Expiry {
    id: String,
    prefix: String,
    versions: Versions,
    when: When,
    /// Noncurrent versions kept however old (`NewerNoncurrentVersions`).
    kept: u64,
    /// Only for objects with certain tags or sizes.
    conditional: bool,
}

pub fn findings(pair: &Pair) -> Vec<Finding> {
    let mut out = Vec::new();
    for object in pair.objects.iter().filter(|o| o.key.kind == CLAIM) {
        let Status::Changed(_) = object.status else {
            continue;
        };
        let (Some(old), Some(new)) = (pair.old.get(&object.key), pair.new.get(&object.key)) else {
            continue;
        };
        let before = expiries(old.value.pointer(LIFECYCLE));
        for rule in expiries(new.value.pointer(LIFECYCLE)) {
            if before.iter().any(|b| covers(b, &rule)) {
                continue;
            }
            let earlier = before
                .iter()
                .filter(|b| {
                    b.versions == rule.versions
                        && !b.conditional
                        && rule.prefix.starts_with(&b.prefix)
                })
                .map(|b| &b.when)
                .min()
                .map(describe_when);
            let what = match (rule.versions, rule.kept) {
                (Versions::Current, _) => "objects".to_string(),
                (Versions::Noncurrent, 0) => "noncurrent versions".to_string(),
                (Versions::Noncurrent, kept) => {
                    format!("noncurrent versions (but the newest {kept})")
                }
            };
            let under = if rule.prefix.is_empty() {
                "in the whole bucket".to_string()
            } else {
                format!("under `{}`", rule.prefix)
            };
            let message = format!(
                "the lifecycle of {} now expires {what} {under} {}",
                bucket_of(&new.value),
                describe_when(&rule.when)
            );
            let before = earlier.map_or("before, no rule expired them".to_string(), |w| {
                format!("before, a rule expired them {w}")
            });
            out.push(
                Finding::new(Category::Destructive, &object.key, message)
                    .at(&format!(
                        "spec.additionalConfig.bucketLifecycle.Rules[{}]",
                        rule.id
                    ))
                    .note(before),
            );
        }
    }
    out
}

fn describe_when(when: &When) -> String {
    match when {
        When::Days(1) => "after 1 day".to_string(),
        When::Days(days) => format!("after {days} days"),
        When::Date(date) => format!("from {date}"),
    }
}

/// Whether `old` already expired everything `new` expires, as early.
fn covers(old: &Expiry, new: &Expiry) -> bool {
    let sooner = match (&old.when, &new.when) {
        (When::Days(a), When::Days(b)) => a <= b,
        (When::Date(a), When::Date(b)) => a <= b,
        (When::Days(_), When::Date(_)) | (When::Date(_), When::Days(_)) => false,
    };
    old.versions == new.versions
        && !old.conditional
        && new.prefix.starts_with(&old.prefix)
        && sooner
        && old.kept <= new.kept
}

/// The enabled expirations of a lifecycle configuration (parsed JSON).
fn expiries(lifecycle: Option<&Value>) -> Vec<Expiry> {
    let rules = lifecycle
        .and_then(|l| l.get("Rules"))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut out = Vec::new();
    for rule in rules {
        if rule.get("Status").and_then(Value::as_str) != Some("Enabled") {
            continue;
        }
        let id = rule
            .get("ID")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let filter = rule.get("Filter");
        let and = filter.and_then(|f| f.get("And"));
        let prefix = [
            rule.get("Prefix"),
            filter.and_then(|f| f.get("Prefix")),
            and.and_then(|a| a.get("Prefix")),
        ]
        .into_iter()
        .flatten()
        .find_map(Value::as_str)
        .unwrap_or("")
        .to_string();
        let conditional = [filter, and].into_iter().flatten().any(|f| {
            ["Tag", "Tags", "ObjectSizeGreaterThan", "ObjectSizeLessThan"]
                .iter()
                .any(|k| f.get(*k).is_some())
        });
        let mut push = |versions, when, kept| {
            out.push(Expiry {
                id: id.clone(),
                prefix: prefix.clone(),
                versions,
                when,
                kept,
                conditional,
            });
        };
        if let Some(expiration) = rule.get("Expiration") {
            if let Some(days) = expiration.get("Days").and_then(Value::as_u64) {
                push(Versions::Current, When::Days(days), 0);
            } else if let Some(date) = expiration.get("Date").and_then(Value::as_str) {
                push(Versions::Current, When::Date(date.to_string()), 0);
            }
        }
        if let Some(days) = rule
            .pointer("/NoncurrentVersionExpiration/NoncurrentDays")
            .and_then(Value::as_u64)
        {
            let kept = rule
                .pointer("/NoncurrentVersionExpiration/NewerNoncurrentVersions")
                .and_then(Value::as_u64)
                .unwrap_or(0);
            push(Versions::Noncurrent, When::Days(days), kept);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_shorter_expiry_or_a_wider_prefix_is_not_covered() {
        let old = expiries(Some(&json!({"Rules": [
            {"ID": "a", "Status": "Enabled", "Filter": {"Prefix": "logs/"}, "Expiration": {"Days": 30}}
        ]})));
        let sooner = expiries(Some(&json!({"Rules": [
            {"ID": "a", "Status": "Enabled", "Filter": {"Prefix": "logs/"}, "Expiration": {"Days": 7}}
        ]})));
        let wider = expiries(Some(&json!({"Rules": [
            {"ID": "a", "Status": "Enabled", "Prefix": "", "Expiration": {"Days": 30}}
        ]})));
        let narrower = expiries(Some(&json!({"Rules": [
            {"ID": "a", "Status": "Enabled", "Filter": {"Prefix": "logs/old/"}, "Expiration": {"Days": 60}}
        ]})));
        assert!(!covers(&old[0], &sooner[0]));
        assert!(!covers(&old[0], &wider[0]));
        assert!(covers(&old[0], &narrower[0]));
    }

    #[test]
    fn keeping_fewer_noncurrent_versions_expires_more() {
        let keep = |n: u64| {
            expiries(Some(&json!({"Rules": [
                {"ID": "v", "Status": "Enabled", "Prefix": "",
                 "NoncurrentVersionExpiration": {"NoncurrentDays": 30, "NewerNoncurrentVersions": n}}
            ]})))
        };
        let all = expiries(Some(&json!({"Rules": [
            {"ID": "v", "Status": "Enabled", "Prefix": "", "NoncurrentVersionExpiration": {"NoncurrentDays": 30}}
        ]})));
        assert!(!covers(&keep(5)[0], &keep(2)[0]));
        assert!(covers(&keep(2)[0], &keep(5)[0]));
        assert!(!covers(&keep(2)[0], &all[0]));
        assert!(covers(&all[0], &keep(2)[0]));
        let markers = expiries(Some(&json!({"Rules": [
            {"ID": "m", "Status": "Enabled", "Prefix": "", "Expiration": {"ExpiredObjectDeleteMarker": true}}
        ]})));
        assert!(markers.is_empty());
    }
}
