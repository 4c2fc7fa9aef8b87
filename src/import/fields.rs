//! Reading a manifest field by field, remembering which fields were used,
//! so that every field the importer did not carry over can be reported
//! (and nothing is lost silently).

use std::collections::BTreeSet;

use serde_json::Value;

/// A manifest being read.
pub struct Fields<'a> {
    value: &'a Value,
    used: BTreeSet<Vec<String>>,
}

impl<'a> Fields<'a> {
    pub fn new(value: &'a Value) -> Self {
        let mut fields = Fields {
            value,
            used: BTreeSet::new(),
        };
        fields.take(&["apiVersion"]);
        fields.take(&["kind"]);
        fields
    }

    /// The value at `path`, marked as carried over.
    pub fn take(&mut self, path: &[&str]) -> Option<&'a Value> {
        let value = self.peek(path)?;
        self.used
            .insert(path.iter().map(|s| s.to_string()).collect());
        Some(value)
    }

    /// The value at `path`, not marked: it still counts as not carried
    /// over unless taken.
    pub fn peek(&self, path: &[&str]) -> Option<&'a Value> {
        let mut value = self.value;
        for key in path {
            value = value.get(key)?;
        }
        Some(value)
    }

    /// A string at `path`, taken; `Err` holds the value when it is
    /// something else, which stays not carried over.
    pub fn string(&mut self, path: &[&str]) -> Option<Result<&'a str, &'a Value>> {
        let value = self.peek(path)?;
        let Some(text) = value.as_str() else {
            return Some(Err(value));
        };
        self.take(path);
        Some(Ok(text))
    }

    /// The string-to-string map at `path` (labels, annotations), taken
    /// entry by entry; entries with values of other types are left.
    pub fn string_map(&mut self, path: &[&str]) -> Vec<(String, String)> {
        let Some(Value::Object(map)) = self.peek(path) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, value) in map {
            if let Some(text) = value.as_str() {
                let mut full: Vec<&str> = path.to_vec();
                full.push(key);
                self.take(&full);
                out.push((key.clone(), text.to_string()));
            }
        }
        if map.is_empty() {
            self.take(path);
        }
        out
    }

    /// Marks `path` as deliberately not carried over (it is reported by
    /// the caller in its own words).
    pub fn skip(&mut self, path: &[&str]) {
        self.take(path);
    }

    /// Every field not carried over, outermost first: `status`,
    /// `metadata.uid`, `spec.keys`.
    pub fn unused(&self) -> Vec<(String, &'a Value)> {
        let mut out = Vec::new();
        self.walk(self.value, &mut Vec::new(), &mut out);
        out
    }

    fn walk(&self, value: &'a Value, path: &mut Vec<String>, out: &mut Vec<(String, &'a Value)>) {
        if self.used.contains(path) {
            return;
        }
        let below = self
            .used
            .iter()
            .any(|used| used.len() > path.len() && used.starts_with(path));
        match value {
            Value::Object(map) if below => {
                for (key, child) in map {
                    path.push(key.clone());
                    self.walk(child, path, out);
                    path.pop();
                }
            }
            _ => out.push((display_path(path), value)),
        }
    }
}

/// `spec.additionalConfig.maxSize`, with keys that hold a `.` or `/`
/// quoted: `metadata.labels."app.kubernetes.io/name"`.
pub fn display_path(path: &[String]) -> String {
    path.iter()
        .map(|key| {
            if key.contains(['.', '/', ' ']) || key.is_empty() {
                format!("{key:?}")
            } else {
                key.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// A value for a one-line message: compact JSON, cut to 80 characters.
pub fn show(value: &Value) -> String {
    let text = match value {
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    };
    if text.chars().count() > 80 {
        let cut: String = text.chars().take(77).collect();
        format!("{cut}...")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unused_fields_are_listed_outermost_first() {
        let value = json!({
            "apiVersion": "v1", "kind": "X",
            "metadata": {"name": "a", "uid": "1", "labels": {"a.b/c": "d", "n": 1}},
            "spec": {"x": 1},
            "status": {"phase": "Bound"}
        });
        let mut fields = Fields::new(&value);
        fields.take(&["metadata", "name"]);
        assert!(fields.string(&["spec", "x"]).is_some_and(|r| r.is_err()));
        assert_eq!(fields.string_map(&["metadata", "labels"]).len(), 1);
        let unused: Vec<String> = fields.unused().into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            unused,
            ["metadata.labels.n", "metadata.uid", "spec", "status"]
        );
    }
}
