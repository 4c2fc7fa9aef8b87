//! The actions of a lifecycle rule's JSON as the language writes them:
//! the verb, days, storage class and kept versions of each, or why the
//! language cannot write it.

use serde_json::Value;

use super::json_shapes::RuleShape;

/// Longest duration the language takes, in days.
pub(super) const MAX_DAYS: u64 = 36_500;

/// One action as the language writes it.
pub(super) struct Action {
    pub verb: &'static str,
    /// Its place within an RGW rule (as the checker orders them).
    pub slot: u8,
    pub days: Option<u64>,
    pub class: Option<String>,
    pub newer_versions: Option<u64>,
}

pub(super) fn action(action: &str, settings: &Value) -> Result<Action, RuleShape> {
    let plain = |verb, slot, key| -> Result<Action, RuleShape> {
        Ok(Action {
            verb,
            slot,
            days: Some(days(settings, key, action)?),
            class: None,
            newer_versions: None,
        })
    };
    match action {
        "Expiration" if settings.get("ExpiredObjectDeleteMarker").is_some() => {
            if settings.as_object().is_none_or(|m| m.len() != 1)
                || settings.get("ExpiredObjectDeleteMarker") != Some(&Value::Bool(true))
            {
                return Err(RuleShape::OtherSettings {
                    action: action.to_string(),
                    settings: settings.to_string(),
                    key: "ExpiredObjectDeleteMarker",
                });
            }
            Ok(Action {
                verb: "expire-delete-markers",
                slot: 0,
                days: None,
                class: None,
                newer_versions: None,
            })
        }
        "Expiration" => plain("expire", 0, "Days"),
        "NoncurrentVersionExpiration" => {
            let newer = settings.get("NewerNoncurrentVersions");
            let Some(newer) = newer else {
                return plain("expire-noncurrent", 1, "NoncurrentDays");
            };
            let newer = newer
                .as_u64()
                .filter(|n| (1..=u64::from(u32::MAX)).contains(n))
                .filter(|_| settings.as_object().is_some_and(|m| m.len() == 2))
                .ok_or_else(|| RuleShape::OtherSettings {
                    action: action.to_string(),
                    settings: settings.to_string(),
                    key: "NoncurrentDays` and `NewerNoncurrentVersions",
                })?;
            Ok(Action {
                verb: "expire-noncurrent",
                slot: 1,
                days: Some(whole_days(
                    settings.get("NoncurrentDays"),
                    settings,
                    action,
                    "NoncurrentDays",
                )?),
                class: None,
                newer_versions: Some(newer),
            })
        }
        "AbortIncompleteMultipartUpload" => plain("abort-uploads", 2, "DaysAfterInitiation"),
        "Transition" | "NoncurrentVersionTransition" => {
            let (verb, slot, key) = if action == "Transition" {
                ("transition", 3, "Days")
            } else {
                ("transition-noncurrent", 4, "NoncurrentDays")
            };
            let class = settings
                .get("StorageClass")
                .and_then(Value::as_str)
                .filter(|c| !c.is_empty());
            let Some(class) = class.filter(|_| settings.as_object().is_some_and(|m| m.len() == 2))
            else {
                return Err(RuleShape::Transition {
                    settings: settings.to_string(),
                    key,
                });
            };
            Ok(Action {
                verb,
                slot,
                days: Some(whole_days(settings.get(key), settings, action, key)?),
                class: Some(class.to_string()),
                newer_versions: None,
            })
        }
        "" => Err(RuleShape::NoAction),
        other => Err(RuleShape::OtherAction {
            action: other.to_string(),
        }),
    }
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
