//! Bucket lifecycles as data. Rook decodes the JSON into the AWS SDK's Go
//! types, matching keys without regard to case. Each rule is read into one
//! entry per action it takes (a rule with an expiration and a transition
//! is two), each with the rule's ID, status and key filter. Two lifecycles
//! are equal as data when their entries are: rule order, the case of known
//! keys, whether a whole-bucket or prefix filter is written as the rule's
//! `Prefix` or as `Filter.Prefix`, whether several conditions are written
//! under `Filter.And`, and an ID that is absent or the one rookc derives
//! (RGW invents one for a rule without) do not matter.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::json_shapes::LifecycleShape;

const RULE_KEYS: [&str; 9] = [
    "ID",
    "Status",
    "Prefix",
    "Filter",
    "Expiration",
    "NoncurrentVersionExpiration",
    "AbortIncompleteMultipartUpload",
    "Transitions",
    "NoncurrentVersionTransitions",
];

const INNER_KEYS: [&str; 15] = [
    "Prefix",
    "Tag",
    "Tags",
    "Key",
    "Value",
    "And",
    "ObjectSizeGreaterThan",
    "ObjectSizeLessThan",
    "Days",
    "Date",
    "ExpiredObjectDeleteMarker",
    "NoncurrentDays",
    "NewerNoncurrentVersions",
    "DaysAfterInitiation",
    "StorageClass",
];

/// One action of one rule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    /// The rule's `ID`, when it is a string.
    pub id: Option<String>,
    /// `Status` as compact JSON (`"Enabled"`).
    pub status: String,
    /// The keys the rule applies to.
    pub filter: Filter,
    /// Compact JSON of keys the Go types do not have (Rook drops them);
    /// empty when there are none.
    pub unknown: String,
    /// `Expiration`, `NoncurrentVersionExpiration`,
    /// `AbortIncompleteMultipartUpload`, `Transition` (one of
    /// `Transitions`) or `NoncurrentVersionTransition`; empty for a rule
    /// with no action.
    pub action: String,
    /// Compact JSON of the action's settings, with known keys in their Go
    /// spelling.
    pub settings: String,
}

/// What a rule applies to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Filter {
    /// Keys starting with the prefix (empty: the whole bucket).
    Prefix(String),
    /// Keys under the prefix, with tags or sizes.
    Conditions(Conditions),
    /// Another filter, as compact JSON of the rule's `Prefix` and `Filter`.
    Other(String),
    /// Neither `Prefix` nor `Filter` (RGW rejects such a rule).
    Missing,
}

/// Tag and size conditions, besides a prefix.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Conditions {
    pub prefix: String,
    /// Sorted, as RGW keeps them.
    pub tags: Vec<(String, String)>,
    pub larger_than: Option<u64>,
    pub smaller_than: Option<u64>,
}

/// The entries of each rule, in order; `Err` when the JSON is not a
/// lifecycle configuration at all.
pub fn parse(value: &Value) -> Result<Vec<Vec<Entry>>, LifecycleShape> {
    let Value::Object(map) = value else {
        return Err(LifecycleShape::NotAnObject);
    };
    let rules = match map.iter().find(|(k, _)| k.eq_ignore_ascii_case("Rules")) {
        Some((_, Value::Array(rules))) => rules,
        _ => return Err(LifecycleShape::NoRules),
    };
    if let Some(key) = map.keys().find(|k| !k.eq_ignore_ascii_case("Rules")) {
        return Err(LifecycleShape::Key { key: key.clone() });
    }
    rules.iter().map(rule).collect()
}

/// `map` with the keys of `known` spelt as there; other keys as written.
fn canonical(map: &Map<String, Value>, known: &[&str]) -> Map<String, Value> {
    map.iter()
        .map(|(key, value)| {
            let key = known
                .iter()
                .find(|k| k.eq_ignore_ascii_case(key))
                .map_or(key.clone(), |k| k.to_string());
            let value = match value {
                Value::Object(inner) => Value::Object(canonical(inner, &INNER_KEYS)),
                Value::Array(items) => Value::Array(
                    items
                        .iter()
                        .map(|item| match item {
                            Value::Object(inner) => Value::Object(canonical(inner, &INNER_KEYS)),
                            other => other.clone(),
                        })
                        .collect(),
                ),
                other => other.clone(),
            };
            (key, value)
        })
        .collect()
}

fn rule(value: &Value) -> Result<Vec<Entry>, LifecycleShape> {
    let Value::Object(map) = value else {
        return Err(LifecycleShape::RuleNotAnObject);
    };
    let mut map = canonical(map, &RULE_KEYS);
    let id = match map.remove("ID") {
        Some(Value::String(id)) => Some(id),
        // Rook's decoding fails on another type; keep it visible.
        Some(other) => {
            map.insert("ID".into(), other);
            None
        }
        None => None,
    };
    let status = map
        .remove("Status")
        .map(|s| s.to_string())
        .unwrap_or_default();
    let filter = filter(map.remove("Prefix"), map.remove("Filter"));
    let mut actions = Vec::new();
    for key in [
        "Expiration",
        "NoncurrentVersionExpiration",
        "AbortIncompleteMultipartUpload",
    ] {
        if let Some(settings) = map.remove(key) {
            actions.push((key.to_string(), settings));
        }
    }
    for (key, one) in [
        ("Transitions", "Transition"),
        (
            "NoncurrentVersionTransitions",
            "NoncurrentVersionTransition",
        ),
    ] {
        match map.remove(key) {
            Some(Value::Array(items)) => {
                actions.extend(items.into_iter().map(|i| (one.to_string(), i)))
            }
            Some(other) => actions.push((key.to_string(), other)),
            None => {}
        }
    }
    if actions.is_empty() {
        actions.push((String::new(), Value::Null));
    }
    let unknown = if map.is_empty() {
        String::new()
    } else {
        Value::Object(map).to_string()
    };
    Ok(actions
        .into_iter()
        .map(|(action, settings)| Entry {
            id: id.clone(),
            status: status.clone(),
            filter: filter.clone(),
            unknown: unknown.clone(),
            action,
            settings: settings.to_string(),
        })
        .collect())
}

fn filter(prefix: Option<Value>, filter: Option<Value>) -> Filter {
    let filter_prefix = match &filter {
        None => None,
        Some(Value::Object(map)) if map.is_empty() => Some(Value::String(String::new())),
        Some(Value::Object(map)) if map.len() == 1 && map.contains_key("Prefix") => {
            map.get("Prefix").cloned()
        }
        Some(Value::Object(map)) if prefix.is_none() => {
            return match conditions(map) {
                Some(conditions)
                    if conditions.tags.is_empty()
                        && conditions.larger_than.is_none()
                        && conditions.smaller_than.is_none() =>
                {
                    Filter::Prefix(conditions.prefix)
                }
                Some(conditions) => Filter::Conditions(conditions),
                None => other(prefix, filter),
            }
        }
        Some(_) => return other(prefix, filter),
    };
    match (prefix, filter_prefix) {
        (Some(Value::String(p)), None) | (None, Some(Value::String(p))) => Filter::Prefix(p),
        (None, None) if filter.is_none() => Filter::Missing,
        (prefix, _) => other(prefix, filter),
    }
}

/// `{"Tag": ..}`, `{"ObjectSizeGreaterThan": N}`, `{"And": {..}}`, or
/// several of the direct ones (RGW reads them all when there is no `And`);
/// `None` for anything else.
fn conditions(map: &Map<String, Value>) -> Option<Conditions> {
    let (map, inside_and) = match map.get("And") {
        Some(Value::Object(and)) if map.len() == 1 => (and, true),
        Some(_) => return None,
        None => (map, false),
    };
    let mut out = Conditions::default();
    for (key, value) in map {
        match key.as_str() {
            "Prefix" => out.prefix = value.as_str()?.to_string(),
            "Tag" if !inside_and => out.tags.push(tag(value)?),
            "Tags" if inside_and => {
                for item in value.as_array()? {
                    out.tags.push(tag(item)?);
                }
            }
            "ObjectSizeGreaterThan" => out.larger_than = Some(value.as_u64()?),
            "ObjectSizeLessThan" => out.smaller_than = Some(value.as_u64()?),
            _ => return None,
        }
    }
    out.tags.sort();
    Some(out)
}

fn tag(value: &Value) -> Option<(String, String)> {
    let map = value.as_object()?;
    if map.keys().any(|k| k != "Key" && k != "Value") {
        return None;
    }
    let key = map.get("Key")?.as_str()?.to_string();
    let value = map
        .get("Value")
        .map_or(Some(""), Value::as_str)?
        .to_string();
    Some((key, value))
}

fn other(prefix: Option<Value>, filter: Option<Value>) -> Filter {
    let mut map = Map::new();
    if let Some(prefix) = prefix {
        map.insert("Prefix".into(), prefix);
    }
    if let Some(filter) = filter {
        map.insert("Filter".into(), filter);
    }
    Filter::Other(Value::Object(map).to_string())
}

/// The form a `bucketLifecycle` string is compared in: the sorted entries
/// of its rules; text that is not a lifecycle compares as its JSON, and
/// text that is not JSON as itself.
pub fn comparable(text: &str) -> Value {
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return Value::String(text.to_string());
    };
    let Ok(rules) = parse(&value) else {
        return value;
    };
    let entries: BTreeSet<Entry> = rules.into_iter().flatten().collect();
    Value::Array(entries.iter().map(|e| Value::String(describe(e))).collect())
}

/// One line for an entry: `"Enabled" prefix "logs/": Expiration {"Days":30}`,
/// then ` id "..."` for an ID that is not the one rookc derives.
pub fn describe(entry: &Entry) -> String {
    let filter = match &entry.filter {
        Filter::Prefix(p) => format!("prefix {p:?}"),
        Filter::Conditions(c) => {
            let mut text = format!("prefix {:?}", c.prefix);
            for (key, value) in &c.tags {
                text.push_str(&format!(" tag {key:?}={value:?}"));
            }
            if let Some(size) = c.larger_than {
                text.push_str(&format!(" larger than {size}"));
            }
            if let Some(size) = c.smaller_than {
                text.push_str(&format!(" smaller than {size}"));
            }
            text
        }
        Filter::Other(json) => format!("filter {json}"),
        Filter::Missing => "no filter".to_string(),
    };
    let mut text = format!(
        "{} {filter}: {} {}",
        entry.status, entry.action, entry.settings
    );
    if !entry.unknown.is_empty() {
        text.push_str(&format!(" with {}", entry.unknown));
    }
    if let Some(id) = entry
        .id
        .as_ref()
        .filter(|id| Some(id.as_str()) != derived_id(entry).as_deref())
    {
        text.push_str(&format!(" id {id:?}"));
    }
    text
}

/// The language's word for an entry's action, and its storage class.
pub fn verb(entry: &Entry) -> Option<(&'static str, Option<String>)> {
    let settings: Value = serde_json::from_str(&entry.settings).ok()?;
    let class = || {
        settings
            .get("StorageClass")
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    Some(match entry.action.as_str() {
        "Expiration" if settings.get("ExpiredObjectDeleteMarker").is_some() => {
            ("expire-delete-markers", None)
        }
        "Expiration" => ("expire", None),
        "NoncurrentVersionExpiration" => ("expire-noncurrent", None),
        "AbortIncompleteMultipartUpload" => ("abort-uploads", None),
        "Transition" => ("transition", class()),
        "NoncurrentVersionTransition" => ("transition-noncurrent", class()),
        _ => return None,
    })
}

/// The ID rookc derives for the entry's action and prefix.
pub fn derived_id(entry: &Entry) -> Option<String> {
    let prefix = match &entry.filter {
        Filter::Prefix(p) => p,
        Filter::Conditions(c) => &c.prefix,
        Filter::Other(_) | Filter::Missing => return None,
    };
    let (verb, class) = verb(entry)?;
    Some(crate::model::generated_rule_id(
        verb,
        class.as_deref(),
        prefix,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rules_split_into_actions_and_ignore_derived_ids_and_case() {
        let hand = json!({"rules": [{"status": "Enabled", "filter": {"prefix": "logs/"},
            "expiration": {"days": 30}, "abortIncompleteMultipartUpload": {"daysAfterInitiation": 2}}]});
        let rookc = r#"{"Rules":[{"ID":"abort-uploads:logs/","Status":"Enabled","Filter":{"Prefix":"logs/"},"AbortIncompleteMultipartUpload":{"DaysAfterInitiation":2}},{"ID":"expire:logs/","Status":"Enabled","Filter":{"Prefix":"logs/"},"Expiration":{"Days":30}}]}"#;
        assert_eq!(comparable(&hand.to_string()), comparable(rookc));
        let named = rookc.replace("\"ID\":\"expire:logs/\"", "\"ID\":\"logs\"");
        assert_ne!(comparable(&named), comparable(rookc));
        let and = r#"{"Rules":[{"ID":"x","Status":"Enabled","Filter":{"And":{"Prefix":"a/","Tags":[{"Key":"k","Value":"v"}]}},"Expiration":{"Days":1}}]}"#;
        let direct = r#"{"Rules":[{"ID":"x","Status":"Enabled","Filter":{"Tag":{"Key":"k","Value":"v"},"Prefix":"a/"},"Expiration":{"Days":1}}]}"#;
        assert_eq!(comparable(and), comparable(direct));
        let whole = r#"{"Rules":[{"ID":"expire","Status":"Enabled","Filter":{"Prefix":""},"Expiration":{"Days":1}}]}"#;
        let rule_level =
            r#"{"Rules":[{"ID":"expire","Status":"Enabled","Prefix":"","Expiration":{"Days":1}}]}"#;
        assert_eq!(comparable(whole), comparable(rule_level));
        assert_ne!(
            comparable(whole),
            comparable(&whole.replace("Enabled", "Disabled"))
        );
    }
}
