//! YAML text to documents. The only module of `import` that knows
//! serde_yaml (as `emit/yaml.rs` is for emit; serde_yaml is archived
//! upstream, so keep it swappable). Documents become `serde_json::Value`s,
//! which the rest of import reads.

use serde::Deserialize;
use serde_json::Value;

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
        out.push(Value::deserialize(document).map_err(|e| error(&e))?);
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
