//! YAML text to documents. The only module of `import` that knows
//! serde_yaml (as `emit/yaml.rs` is for emit; serde_yaml is archived
//! upstream, so keep it swappable). Documents become `serde_json::Value`s,
//! which the rest of import reads.
//!
//! serde_yaml resolves aliases but, into a `serde_json::Value`, lets the
//! last of two equal keys win silently and keeps a merge key `<<` as a
//! key. [`Node`] reads a document itself: a key written twice in one
//! mapping is an error at the second one, and `<<: *anchor` (or a list
//! of anchors) merges those mappings in, the mapping's own keys first,
//! then the merged ones in list order, as YAML's merge type says.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

/// A YAML stream that does not parse: where (1-based) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

/// Every document of a multi-document stream, in order; an empty document
/// is `Value::Null`.
pub fn documents(text: &str) -> Result<Vec<Value>, YamlError> {
    let mut out = Vec::new();
    for document in serde_yaml::Deserializer::from_str(text) {
        out.push(Node::deserialize(document).map_err(|e| error(&e))?.0);
    }
    Ok(out)
}

fn error(error: &serde_yaml::Error) -> YamlError {
    let text = error.to_string();
    match error.location() {
        Some(location) => YamlError {
            line: Some(location.line()),
            column: Some(location.column()),
            // The position is reported separately, in `file:line:column`.
            message: text.replace(
                &format!(" at line {} column {}", location.line(), location.column()),
                "",
            ),
        },
        None => YamlError {
            line: None,
            column: None,
            message: text,
        },
    }
}

/// The key YAML's merge type gives its meaning.
const MERGE_KEY: &str = "<<";

/// One YAML node as JSON. Scalars, lists and non-finite numbers become
/// what `serde_json::Value` makes of them.
struct Node(Value);

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor).map(Node)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_string()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Node::deserialize(deserializer).map(|n| n.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Node(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        read_mapping(map).map(Value::Object)
    }
}

/// A mapping's entries, with the mappings its merge key names merged in.
fn read_mapping<'de, A: MapAccess<'de>>(mut map: A) -> Result<Map<String, Value>, A::Error> {
    let mut own = Map::new();
    let mut merged: Vec<Map<String, Value>> = Vec::new();
    while let Some(key) = map.next_key_seed(KeySeed { seen: &own })? {
        if key == MERGE_KEY {
            merged.extend(map.next_value_seed(MergeSeed)?);
        } else {
            let Node(value) = map.next_value()?;
            own.insert(key, value);
        }
    }
    for source in merged {
        for (key, value) in source {
            own.entry(key).or_insert(value);
        }
    }
    Ok(own)
}

/// A mapping's key, as its text (as `serde_json::Value` reads keys); an
/// error at the key when the mapping has it already.
struct KeySeed<'a> {
    seen: &'a Map<String, Value>,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed<'_> {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<String, E> {
        if self.seen.contains_key(key) {
            return Err(E::custom(format_args!(
                "the key `{key}` is written twice in this mapping"
            )));
        }
        Ok(key.to_string())
    }
}

/// The value of a merge key: a mapping, or a list of mappings.
struct MergeSeed;

impl<'de> DeserializeSeed<'de> for MergeSeed {
    type Value = Vec<Map<String, Value>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for MergeSeed {
    type Value = Vec<Map<String, Value>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping or a list of mappings to merge (`<<`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Ok(vec![read_mapping(map)?])
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut sources = Vec::new();
        while let Some(source) = seq.next_element_seed(MergeSource)? {
            sources.push(source);
        }
        Ok(sources)
    }
}

/// One mapping of a merge key's list.
struct MergeSource;

impl<'de> DeserializeSeed<'de> for MergeSource {
    type Value = Map<String, Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for MergeSource {
    type Value = Map<String, Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping to merge (`<<`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        read_mapping(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn streams_split_into_documents() {
        let docs = documents("a: 1\n---\n---\nb: '2'\n").unwrap();
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[1], Value::Null);
        assert_eq!(docs[2]["b"], Value::String("2".into()));
    }

    #[test]
    fn errors_have_a_line_and_column() {
        let error = documents("a: 1\n---\nb: [1,\n  c: }\n").unwrap_err();
        assert_eq!(error.line, Some(4));
        assert!(!error.message.contains("line 4"), "{}", error.message);
    }

    #[test]
    fn a_key_written_twice_is_an_error_at_the_second() {
        let error = documents("a: 1\nspec:\n  b: 1\n  c: 2\n  b: 3\n").unwrap_err();
        assert_eq!((error.line, error.column), (Some(5), Some(3)));
        assert_eq!(
            error.message,
            "spec: the key `b` is written twice in this mapping"
        );
    }

    #[test]
    fn merge_keys_merge_their_mappings_under_the_own_keys() {
        let text = "base: &base {a: 1, b: 1}\nmore: &more {b: 2, c: 2}\n\
                    one:\n  <<: *base\n  a: 0\n\
                    two:\n  <<: [*more, *base]\n  d: 0\n";
        let docs = documents(text).unwrap();
        assert_eq!(docs[0]["one"], json!({"a": 0, "b": 1}));
        assert_eq!(docs[0]["two"], json!({"a": 1, "b": 2, "c": 2, "d": 0}));
        let error = documents("a: 1\nb:\n  <<: 3\n").unwrap_err();
        assert_eq!(error.line, Some(3), "{}", error.message);
        assert!(error.message.contains("mapping"), "{}", error.message);
    }

    #[test]
    fn keys_are_their_text() {
        let docs = documents("1: a\ntrue: b\n").unwrap();
        assert_eq!(docs[0], json!({"1": "a", "true": "b"}));
    }
}
