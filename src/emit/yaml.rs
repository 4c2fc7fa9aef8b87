//! Serialisation to YAML and JSON text. The only module that knows
//! serde_yaml (archived upstream: keep it swappable).

use serde::Serialize;

/// Serialisation failed: an internal error, never the user's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitError(pub String);

impl std::fmt::Display for EmitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "could not serialise a manifest: {}", self.0)
    }
}

pub fn to_yaml<T: Serialize>(value: &T) -> Result<String, EmitError> {
    serde_yaml::to_string(value).map_err(|e| EmitError(e.to_string()))
}

/// Compact JSON, as the strings inside `additionalConfig` hold it.
pub fn to_json<T: Serialize>(value: &T) -> Result<String, EmitError> {
    serde_json::to_string(value).map_err(|e| EmitError(e.to_string()))
}
