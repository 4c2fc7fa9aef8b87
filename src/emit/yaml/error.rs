//! Why a manifest could not be serialised: one variant per failure of
//! our YAML writer or of serde_json, the wording in one `Display`.

use serde::ser;

/// Serialisation failed: an internal error, never the user's.
#[derive(Debug)]
pub enum EmitError {
    /// A type's own `Serialize` impl failed with this message.
    Custom(String),
    /// serde_json could not write a value (`additionalConfig` strings).
    Json(serde_json::Error),
    /// A mapping or sequence in a mapping's key.
    ComplexKey,
    /// A mapping or sequence closed that was never opened.
    Unbalanced,
    /// A value YAML output has no form for here ("a byte string").
    Unsupported(&'static str),
}

impl std::fmt::Display for EmitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("could not serialise a manifest: ")?;
        match self {
            EmitError::Custom(message) => f.write_str(message),
            EmitError::Json(error) => write!(f, "{error}"),
            EmitError::ComplexKey => f.write_str("a mapping or sequence as a key"),
            EmitError::Unbalanced => f.write_str("unbalanced mapping or sequence"),
            EmitError::Unsupported(what) => write!(f, "{what} cannot be written as YAML here"),
        }
    }
}

impl std::error::Error for EmitError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EmitError::Json(error) => Some(error),
            EmitError::Custom(_)
            | EmitError::ComplexKey
            | EmitError::Unbalanced
            | EmitError::Unsupported(_) => None,
        }
    }
}

impl ser::Error for EmitError {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        EmitError::Custom(message.to_string())
    }
}
