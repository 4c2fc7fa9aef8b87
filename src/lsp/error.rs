//! Why a request on a document failed: the message goes back to the
//! editor as the JSON-RPC error's message (code `InvalidParams`).

use std::fmt;

use crate::ast::DeclKind;
use crate::format::FormatError;

/// A feature that could not do what the request asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeatureError {
    /// Rename at a place with no declaration or reference.
    NothingToRename,
    /// Rename to a name the language does not accept.
    InvalidName(String),
    /// Rename to the name of another declaration of the same kind.
    NameTaken { kind: DeclKind, name: String },
    /// Formatting left the document as it was.
    Format(FormatError),
}

impl fmt::Display for FeatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeatureError::NothingToRename => {
                f.write_str("there is no declaration or reference here to rename")
            }
            FeatureError::InvalidName(name) => write!(
                f,
                "`{name}` is not a valid name: lowercase letters, digits and `-`, starting with a letter"
            ),
            FeatureError::NameTaken { kind, name } => {
                write!(f, "there is already a {} named `{name}`", kind.noun())
            }
            FeatureError::Format(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for FeatureError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FeatureError::Format(error) => Some(error),
            FeatureError::NothingToRename
            | FeatureError::InvalidName(_)
            | FeatureError::NameTaken { .. } => None,
        }
    }
}
