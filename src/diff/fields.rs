//! Field-by-field differences of two objects. Maps are compared key by
//! key; lists of policy statements and lifecycle rules are matched by
//! their `Sid` or `ID`, so that inserting one does not show every later
//! one as changed; other lists are compared whole.

use serde_json::Value;

/// One field that differs: `None` on the side that lacks it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// Dotted path: `spec.additionalConfig.bucketPolicy.Statement[s1-objects].Action`.
    pub path: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

/// Every field that differs, in path order.
pub fn changes(old: &Value, new: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    compare("", old, new, &mut out);
    out
}

fn compare(path: &str, old: &Value, new: &Value, out: &mut Vec<FieldChange>) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(old), Value::Object(new)) => {
            let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let inner = join(path, key);
                match (old.get(key), new.get(key)) {
                    (Some(a), Some(b)) => compare(&inner, a, b, out),
                    (a, b) => out.push(FieldChange {
                        path: inner,
                        old: a.cloned(),
                        new: b.cloned(),
                    }),
                }
            }
        }
        (Value::Array(old_items), Value::Array(new_items)) => {
            match (identified(old_items), identified(new_items)) {
                (Some(a), Some(b)) => compare_identified(path, &a, &b, out),
                _ => whole(path, old, new, out),
            }
        }
        _ => whole(path, old, new, out),
    }
}

fn whole(path: &str, old: &Value, new: &Value, out: &mut Vec<FieldChange>) {
    out.push(FieldChange {
        path: path.to_string(),
        old: Some(old.clone()),
        new: Some(new.clone()),
    });
}

fn compare_identified(
    path: &str,
    old: &[(String, &Value)],
    new: &[(String, &Value)],
    out: &mut Vec<FieldChange>,
) {
    let mut ids: Vec<&String> = old.iter().chain(new).map(|(id, _)| id).collect();
    ids.sort();
    ids.dedup();
    let find = |items: &[(String, &Value)], id: &str| {
        items
            .iter()
            .find(|(own, _)| own == id)
            .map(|(_, value)| (*value).clone())
    };
    for id in ids {
        let inner = format!("{path}[{id}]");
        match (find(old, id), find(new, id)) {
            (Some(a), Some(b)) => compare(&inner, &a, &b, out),
            (a, b) => out.push(FieldChange {
                path: inner,
                old: a,
                new: b,
            }),
        }
    }
}

/// The items with their `Sid` or `ID`, when every item has one and no two
/// share it.
fn identified(items: &[Value]) -> Option<Vec<(String, &Value)>> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let id = item.get("Sid").or_else(|| item.get("ID"))?.as_str()?;
        if out.iter().any(|(own, _)| own == id) {
            return None;
        }
        out.push((id.to_string(), item));
    }
    Some(out)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn statements_are_matched_by_sid() {
        let old =
            json!({"Statement": [{"Sid": "a", "Action": ["x"]}, {"Sid": "b", "Action": ["y"]}]});
        let new = json!({"Statement": [{"Sid": "c", "Action": ["z"]}, {"Sid": "a", "Action": ["x", "w"]}, {"Sid": "b", "Action": ["y"]}]});
        let found = changes(&old, &new);
        let paths: Vec<&str> = found.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["Statement[a].Action", "Statement[c]"]);
        assert_eq!(found[1].old, None);
    }

    #[test]
    fn equal_values_have_no_changes() {
        let value = json!({"a": [1, 2], "b": {"c": "d"}});
        assert!(changes(&value, &value).is_empty());
    }
}
