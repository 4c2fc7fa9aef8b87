//! Bucket lifecycle JSON to `lifecycle { ... }` rules: one source rule per
//! action of each JSON rule (see `lifecycle_form`), sorted by the ID rookc
//! will give it. A rule's `ID` becomes its `id` option unless it is the ID
//! rookc derives; the lines of a rule with several actions share it. A
//! rule the language cannot write (disabled, expiring on a date, ...)
//! makes the whole lifecycle inexpressible.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::json_shapes::RuleShape;
use super::lifecycle_actions::action;
use super::lifecycle_form::{self, Conditions, Entry, Filter};
use super::quantity::{self, Quantity};
use super::write::{self, Line};

/// What import makes of a lifecycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Rules {
        lines: Vec<Line>,
        warnings: Vec<String>,
    },
    /// The language cannot write the lifecycle; why.
    Kept(String),
}

/// Longest rule ID RGW takes.
const MAX_ID_LEN: usize = 255;

/// A source rule: its ID, the action's place within the RGW rule, the
/// entry it writes, and its text.
struct SourceRule {
    id: String,
    slot: (u8, Option<String>),
    entry: Entry,
    text: String,
}

pub fn import(text: &str) -> Outcome {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => return Outcome::Kept(format!("it is not JSON ({error})")),
    };
    let rules = match lifecycle_form::parse(&value) {
        Ok(rules) => rules,
        Err(why) => return Outcome::Kept(why.to_string()),
    };
    let mut by_key: BTreeMap<(String, (u8, Option<String>)), SourceRule> = BTreeMap::new();
    let mut user_ids: BTreeSet<String> = BTreeSet::new();
    let mut warnings = Vec::new();
    for (index, entries) in rules.into_iter().enumerate() {
        let name = rule_name(&value, index);
        let several = entries.len() > 1;
        if let Some(id) = entries.first().and_then(|e| e.id.clone()) {
            if !user_ids.insert(id.clone()) {
                return Outcome::Kept(format!(
                    "{name} has the ID of another rule; RGW keeps one rule per ID"
                ));
            }
        }
        for entry in entries {
            let rule = match source_rule(entry, several) {
                Ok(rule) => rule,
                Err(why) => return Outcome::Kept(format!("{name} {why}")),
            };
            let key = (rule.id.clone(), rule.slot.clone());
            match by_key.get(&key) {
                Some(first) if first.entry == rule.entry => {
                    warnings.push(format!("{name} repeats another rule, and is left out"));
                }
                Some(_) => {
                    return Outcome::Kept(format!(
                        "{name} conflicts with another rule with the same action and prefix; the language keeps one rule per action and prefix"
                    ))
                }
                None => {
                    by_key.insert(key, rule);
                }
            }
        }
    }
    if by_key.is_empty() {
        return Outcome::Kept("it has no rules".into());
    }
    // A derived ID that is also another rule's own ID would join them.
    if let Some(clash) = by_key
        .values()
        .find(|r| r.entry.id.as_deref() != Some(r.id.as_str()) && user_ids.contains(&r.id))
    {
        return Outcome::Kept(format!(
            "a rule without an ID of its own would get the ID `{}` rookc derives, which another rule has",
            clash.id
        ));
    }
    let lines = by_key
        .into_values()
        .map(|rule| Line {
            comments: Vec::new(),
            text: Some(rule.text),
            trailing: None,
        })
        .collect();
    Outcome::Rules { lines, warnings }
}

/// `rule "logs"` by its ID, else `rule 2`.
fn rule_name(lifecycle: &Value, index: usize) -> String {
    let id = lifecycle
        .as_object()
        .and_then(|m| m.iter().find(|(k, _)| k.eq_ignore_ascii_case("Rules")))
        .and_then(|(_, rules)| rules.get(index))
        .and_then(Value::as_object)
        .and_then(|rule| rule.iter().find(|(k, _)| k.eq_ignore_ascii_case("ID")))
        .and_then(|(_, id)| id.as_str());
    match id {
        Some(id) => format!("rule `{id}`"),
        None => format!("rule {}", index + 1),
    }
}

/// The source rule of one entry; `several` when its JSON rule has other
/// actions too (which then share its `id`).
fn source_rule(entry: Entry, several: bool) -> Result<SourceRule, RuleShape> {
    if entry.status != "\"Enabled\"" {
        let status = Some(entry.status.clone()).filter(|s| !s.is_empty());
        return Err(RuleShape::NotEnabled { status });
    }
    if !entry.unknown.is_empty() {
        return Err(RuleShape::UnknownKeys {
            keys: entry.unknown.clone(),
        });
    }
    let conditions = match &entry.filter {
        Filter::Prefix(prefix) => Conditions {
            prefix: prefix.clone(),
            ..Conditions::default()
        },
        Filter::Conditions(conditions) => conditions.clone(),
        Filter::Other(json) => {
            return Err(RuleShape::Filter {
                filter: json.clone(),
            })
        }
        Filter::Missing => return Err(RuleShape::NoFilter),
    };
    let settings: Value = serde_json::from_str(&entry.settings).unwrap_or(Value::Null);
    let action = action(&entry.action, &settings)?;
    let derived =
        crate::model::generated_rule_id(action.verb, action.class.as_deref(), &conditions.prefix);
    let user_id = entry
        .id
        .clone()
        .filter(|id| several || *id != derived)
        .filter(|id| !id.is_empty());
    if let Some(id) = &user_id {
        if id.len() > MAX_ID_LEN {
            return Err(RuleShape::LongId { max: MAX_ID_LEN });
        }
    } else if derived.len() > MAX_ID_LEN {
        return Err(RuleShape::LongPrefix {
            verb: action.verb,
            max: MAX_ID_LEN,
        });
    }
    let mut text = action.verb.to_string();
    if !conditions.prefix.is_empty() {
        text.push_str(&format!(" {}", write::quote(&conditions.prefix)));
    }
    if let Some(days) = action.days {
        text.push_str(&format!(" after {days}d"));
    }
    if let Some(class) = &action.class {
        text.push_str(&format!(" to {}", write::quote(class)));
    }
    let options = options(&user_id, action.newer_versions, &conditions)?;
    if !options.is_empty() {
        text.push_str(&format!(" {{ {} }}", options.join("  ")));
    }
    let slot = (action.slot, action.class.clone());
    Ok(SourceRule {
        id: user_id.unwrap_or(derived),
        slot,
        entry,
        text,
    })
}

/// `{ id = "..."  newer_versions = N  larger_than = ..  tags { .. } }` parts.
fn options(
    id: &Option<String>,
    newer_versions: Option<u64>,
    conditions: &Conditions,
) -> Result<Vec<String>, RuleShape> {
    let mut out = Vec::new();
    if let Some(id) = id {
        out.push(format!("id = {}", write::quote(id)));
    }
    if let Some(newer) = newer_versions {
        out.push(format!("newer_versions = {newer}"));
    }
    for (key, bytes) in [
        ("larger_than", conditions.larger_than),
        ("smaller_than", conditions.smaller_than),
    ] {
        let Some(bytes) = bytes else { continue };
        match quantity::size(&Value::from(bytes)) {
            Quantity::Exact(size) | Quantity::Rewritten(size) => {
                out.push(format!("{key} = {size}"))
            }
            Quantity::Invalid(_) => return Err(RuleShape::Size { bytes }),
        }
    }
    if !conditions.tags.is_empty() {
        let tags: Vec<String> = conditions
            .tags
            .iter()
            .map(|(key, value)| format!("{} = {}", tag_key(key), write::quote(value)))
            .collect();
        out.push(format!("tags {{ {} }}", tags.join("  ")));
    }
    Ok(out)
}

/// A tag key as an entry key: a name when it is one, else quoted.
fn tag_key(key: &str) -> String {
    let mut chars = key.chars();
    let name = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !matches!(key, "true" | "false");
    if name {
        key.to_string()
    } else {
        write::quote(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(outcome: Outcome) -> Vec<String> {
        match outcome {
            Outcome::Rules { lines, .. } => lines.into_iter().filter_map(|l| l.text).collect(),
            Outcome::Kept(why) => panic!("kept: {why}"),
        }
    }

    #[test]
    fn rules_become_one_line_per_action() {
        let text = r#"{"Rules":[{"Status":"Enabled","Filter":{"Prefix":"logs/"},"Expiration":{"Days":30},"Transitions":[{"Days":7,"StorageClass":"COLD"}]},{"id":"abort-uploads","status":"Enabled","prefix":"","abortIncompleteMultipartUpload":{"daysAfterInitiation":1}}]}"#;
        assert_eq!(
            texts(import(text)),
            [
                "abort-uploads after 1d",
                "expire \"logs/\" after 30d",
                "transition \"logs/\" after 7d to \"COLD\""
            ]
        );
    }

    #[test]
    fn ids_are_kept_and_shared_by_the_actions_of_one_rule() {
        let text = r#"{"Rules":[{"ID":"a","Status":"Enabled","Filter":{"Prefix":"logs/"},"Expiration":{"Days":30},"Transitions":[{"Days":7,"StorageClass":"COLD"}]},{"ID":"ExpireAfter30Days","Status":"Enabled","Prefix":"","Expiration":{"Days":30}}]}"#;
        assert_eq!(
            texts(import(text)),
            [
                "expire after 30d { id = \"ExpireAfter30Days\" }",
                "expire \"logs/\" after 30d { id = \"a\" }",
                "transition \"logs/\" after 7d to \"COLD\" { id = \"a\" }",
            ]
        );
    }

    #[test]
    fn new_shapes_import() {
        let text = r#"{"Rules":[
            {"ID":"m","Status":"Enabled","Prefix":"","Expiration":{"ExpiredObjectDeleteMarker":true}},
            {"ID":"n","Status":"Enabled","Filter":{"And":{"Prefix":"a/","Tags":[{"Key":"team x","Value":"b"},{"Key":"env","Value":"dev"}],"ObjectSizeGreaterThan":1024}},"NoncurrentVersionExpiration":{"NoncurrentDays":3,"NewerNoncurrentVersions":2}},
            {"ID":"t","Status":"Enabled","Filter":{"Tag":{"Key":"k","Value":"v"}},"NoncurrentVersionTransitions":[{"NoncurrentDays":9,"StorageClass":"COLD"}]},
            {"ID":"s","Status":"Enabled","Filter":{"ObjectSizeLessThan":1500},"AbortIncompleteMultipartUpload":{"DaysAfterInitiation":1}}]}"#;
        assert_eq!(
            texts(import(text)),
            [
                "expire-delete-markers { id = \"m\" }",
                "expire-noncurrent \"a/\" after 3d { id = \"n\"  newer_versions = 2  larger_than = 1Ki  tags { env = \"dev\"  \"team x\" = \"b\" } }",
                "abort-uploads after 1d { id = \"s\"  smaller_than = 1.5k }",
                "transition-noncurrent after 9d to \"COLD\" { id = \"t\"  tags { k = \"v\" } }",
            ]
        );
    }

    #[test]
    fn what_the_language_cannot_write_is_kept() {
        for (text, why) in [
            (
                r#"{"Rules":[{"ID":"a","Status":"Disabled","Prefix":"","Expiration":{"Days":3}}]}"#,
                "Disabled",
            ),
            (
                r#"{"Rules":[{"ID":"a","Status":"Enabled","Prefix":"","Expiration":{"Date":"2030-01-01T00:00:00Z"}}]}"#,
                "Date",
            ),
            (
                r#"{"Rules":[{"ID":"a","Status":"Enabled","Filter":{"ArchiveZone":""},"Expiration":{"Days":3}}]}"#,
                "ArchiveZone",
            ),
            (
                r#"{"Rules":[{"ID":"a","Status":"Enabled","Prefix":"","NoncurrentVersionTransitions":[{"NoncurrentDays":3,"StorageClass":"C","NewerNoncurrentVersions":1}]}]}"#,
                "NewerNoncurrentVersions",
            ),
            (
                r#"{"Rules":[{"ID":"a","Status":"Enabled","Prefix":"","Expiration":{"Days":3}},{"ID":"a","Status":"Enabled","Prefix":"x/","Expiration":{"Days":4}}]}"#,
                "the ID of another rule",
            ),
            (
                r#"{"Rules":[{"Status":"Enabled","Prefix":"","Expiration":{"Days":3}},{"Status":"Enabled","Prefix":"","Expiration":{"Days":4}}]}"#,
                "conflicts",
            ),
        ] {
            match import(text) {
                Outcome::Kept(reason) => assert!(reason.contains(why), "{reason}"),
                Outcome::Rules { .. } => panic!("{text} was imported"),
            }
        }
    }
}
