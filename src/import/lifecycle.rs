//! Bucket lifecycle JSON to `lifecycle { ... }` rules: one source rule per
//! action of each JSON rule (see `lifecycle_form`), sorted by the ID rookc
//! will give it. A rule the language cannot write (disabled, filtered by
//! tag or size, expiring on a date, ...) makes the whole lifecycle
//! inexpressible.

use std::collections::BTreeMap;

use serde_json::Value;

use super::json_shapes::RuleShape;
use super::lifecycle_form::{self, Entry, Filter};
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

/// Longest duration the language takes, in days.
const MAX_DAYS: u64 = 36_500;

pub fn import(text: &str) -> Outcome {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => return Outcome::Kept(format!("it is not JSON ({error})")),
    };
    let rules = match lifecycle_form::parse(&value) {
        Ok(rules) => rules,
        Err(why) => return Outcome::Kept(why.to_string()),
    };
    let mut by_id: BTreeMap<String, (Entry, String)> = BTreeMap::new();
    let mut warnings = Vec::new();
    for (index, entries) in rules.into_iter().enumerate() {
        let name = rule_name(&value, index);
        for entry in entries {
            let (id, text) = match source_rule(&entry) {
                Ok(rule) => rule,
                Err(why) => return Outcome::Kept(format!("{name} {why}")),
            };
            match by_id.get(&id) {
                Some((first, _)) if *first == entry => {
                    warnings.push(format!("{name} repeats another rule, and is left out"));
                }
                Some(_) => {
                    return Outcome::Kept(format!(
                        "{name} conflicts with another rule with the same action and prefix; the language keeps one rule per action and prefix"
                    ))
                }
                None => {
                    by_id.insert(id, (entry, text));
                }
            }
        }
    }
    if by_id.is_empty() {
        return Outcome::Kept("it has no rules".into());
    }
    let lines = by_id
        .into_values()
        .map(|(_, text)| Line {
            comments: Vec::new(),
            text: Some(text),
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

/// The ID rookc gives the rule, and its source line.
fn source_rule(entry: &Entry) -> Result<(String, String), RuleShape> {
    if entry.status != "\"Enabled\"" {
        let status = Some(entry.status.clone()).filter(|s| !s.is_empty());
        return Err(RuleShape::NotEnabled { status });
    }
    if !entry.unknown.is_empty() {
        return Err(RuleShape::UnknownKeys {
            keys: entry.unknown.clone(),
        });
    }
    let prefix = match &entry.filter {
        Filter::Prefix(prefix) => prefix,
        Filter::Other(json) => {
            return Err(RuleShape::Filter {
                filter: json.clone(),
            })
        }
        Filter::Missing => return Err(RuleShape::NoFilter),
    };
    let settings: Value = serde_json::from_str(&entry.settings).unwrap_or(Value::Null);
    let settings = &settings;
    let (verb, days, class) = match entry.action.as_str() {
        "Expiration" => ("expire", days(settings, "Days", &entry.action)?, None),
        "NoncurrentVersionExpiration" => (
            "expire-noncurrent",
            days(settings, "NoncurrentDays", &entry.action)?,
            None,
        ),
        "AbortIncompleteMultipartUpload" => (
            "abort-uploads",
            days(settings, "DaysAfterInitiation", &entry.action)?,
            None,
        ),
        "Transition" => {
            let class = settings
                .get("StorageClass")
                .and_then(Value::as_str)
                .filter(|c| !c.is_empty());
            let Some(class) = class.filter(|_| settings.as_object().is_some_and(|m| m.len() == 2))
            else {
                return Err(RuleShape::Transition {
                    settings: settings.to_string(),
                });
            };
            (
                "transition",
                whole_days(settings.get("Days"), settings, &entry.action, "Days")?,
                Some(class),
            )
        }
        "" => return Err(RuleShape::NoAction),
        other => {
            return Err(RuleShape::OtherAction {
                action: other.to_string(),
            })
        }
    };
    let mut id = verb.to_string();
    let mut text = verb.to_string();
    if !prefix.is_empty() {
        text.push_str(&format!(" {}", write::quote(prefix)));
    }
    text.push_str(&format!(" after {days}d"));
    if let Some(class) = class {
        id.push_str(&format!("-{class}"));
        text.push_str(&format!(" to {}", write::quote(class)));
    }
    if !prefix.is_empty() {
        id.push_str(&format!(":{prefix}"));
    }
    if id.len() > MAX_ID_LEN {
        return Err(RuleShape::LongPrefix {
            verb,
            max: MAX_ID_LEN,
        });
    }
    Ok((id, text))
}

/// `{"Days": 30}` with nothing else.
fn days(settings: &Value, key: &'static str, action: &str) -> Result<u64, RuleShape> {
    if settings.as_object().is_none_or(|m| m.len() != 1) {
        return Err(RuleShape::OtherSettings {
            action: action.to_string(),
            settings: settings.to_string(),
            key,
        });
    }
    whole_days(settings.get(key), settings, action, key)
}

fn whole_days(
    value: Option<&Value>,
    settings: &Value,
    action: &str,
    key: &'static str,
) -> Result<u64, RuleShape> {
    value
        .and_then(Value::as_u64)
        .filter(|d| (1..=MAX_DAYS).contains(d))
        .ok_or_else(|| RuleShape::Days {
            action: action.to_string(),
            settings: settings.to_string(),
            key,
            max: MAX_DAYS,
        })
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
        let text = r#"{"Rules":[{"ID":"a","Status":"Enabled","Filter":{"Prefix":"logs/"},"Expiration":{"Days":30},"Transitions":[{"Days":7,"StorageClass":"COLD"}]},{"id":"b","status":"Enabled","prefix":"","abortIncompleteMultipartUpload":{"daysAfterInitiation":1}}]}"#;
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
                r#"{"Rules":[{"ID":"a","Status":"Enabled","Filter":{"Tag":{"Key":"k","Value":"v"}},"Expiration":{"Days":3}}]}"#,
                "Tag",
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
