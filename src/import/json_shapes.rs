//! Why a `bucketPolicy` or `bucketLifecycle` JSON is not in a shape the
//! language writes: one enum per level, one `Display` each. The messages
//! complete "... is kept in a comment: ".

use std::fmt;

/// A policy document that is not in the shape rookc writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyShape {
    NotAnObject,
    /// A key besides `Version`, `Id` and `Statement`.
    Key {
        key: String,
    },
    StatementNotList,
    NoStatement,
    /// A statement (named as [`super::policy_form::statement_name`] does).
    Statement {
        name: String,
        why: StatementShape,
    },
}

impl fmt::Display for PolicyShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyShape::NotAnObject => f.write_str("the policy is not a JSON object"),
            PolicyShape::Key { key } => write!(f, "the policy has a key `{key}`"),
            PolicyShape::StatementNotList => {
                f.write_str("`Statement` is neither a statement nor a list")
            }
            PolicyShape::NoStatement => f.write_str("the policy has no `Statement`"),
            PolicyShape::Statement { name, why } => write!(f, "{name} {why}"),
        }
    }
}

/// A statement that is not in the shape rookc writes; the message
/// completes "statement 2 ...".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatementShape {
    NotAnObject,
    /// A key rookc does not write (`NotPrincipal`, `NotAction`, ...).
    Key {
        key: String,
    },
    Effect,
    Sid,
    /// A principal other than `AWS` (`Service`, `Federated`, ...).
    PrincipalKey {
        key: String,
    },
    Principal,
    NoPrincipal,
    /// `Action`, `Resource` or `Principal` that is not a string or a
    /// non-empty list of strings.
    NotStrings {
        key: &'static str,
    },
    Missing {
        key: &'static str,
    },
    Condition,
}

impl fmt::Display for StatementShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatementShape::NotAnObject => f.write_str("is not a JSON object"),
            StatementShape::Key { key } => write!(f, "uses `{key}`"),
            StatementShape::Effect => {
                f.write_str("has an `Effect` that is neither `Allow` nor `Deny`")
            }
            StatementShape::Sid => f.write_str("has a `Sid` that is not a string"),
            StatementShape::PrincipalKey { key } => write!(f, "has a `{key}` principal"),
            StatementShape::Principal => {
                f.write_str("has a `Principal` that is neither `*` nor `{\"AWS\": ...}`")
            }
            StatementShape::NoPrincipal => f.write_str("has no `Principal`"),
            StatementShape::NotStrings { key } => {
                write!(f, "has a `{key}` that is not a string or a list of strings")
            }
            StatementShape::Missing { key } => write!(f, "has no `{key}`"),
            StatementShape::Condition => {
                f.write_str("has a `Condition` that is not operator -> key -> values")
            }
        }
    }
}

/// A lifecycle configuration that is not one at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LifecycleShape {
    NotAnObject,
    NoRules,
    /// A key besides `Rules`.
    Key {
        key: String,
    },
    RuleNotAnObject,
}

impl fmt::Display for LifecycleShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LifecycleShape::NotAnObject => f.write_str("the lifecycle is not a JSON object"),
            LifecycleShape::NoRules => f.write_str("the lifecycle has no list of `Rules`"),
            LifecycleShape::Key { key } => {
                write!(f, "the lifecycle has a key `{key}` besides `Rules`")
            }
            LifecycleShape::RuleNotAnObject => f.write_str("a rule is not a JSON object"),
        }
    }
}

/// A policy statement in the shape rookc reads that the language still
/// cannot write with the same grants; the message completes "statement 2
/// ...".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unwritable {
    /// A condition on key actions.
    KeyCondition {
        condition: String,
    },
    /// A resource of another bucket.
    OtherBucket {
        resource: String,
        bucket: String,
    },
    /// A resource that is neither the bucket nor keys in it (`*`).
    OtherResource {
        resource: String,
    },
    MixedConditions,
    /// A condition other than rookc's listing one.
    OtherCondition {
        condition: String,
    },
    /// A single key, not a prefix.
    SingleKey {
        pattern: String,
    },
    EveryKeyAndPrefixes,
    /// The checker's policy lowering refuses the statement (its words).
    Lowering(crate::check::DraftError),
    /// No candidate compiles back to the same grants.
    OtherGrants,
}

impl fmt::Display for Unwritable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unwritable::KeyCondition { condition } => write!(f, "has the Condition {condition} on key actions; the language writes it on listings only"),
            Unwritable::OtherBucket { resource, bucket } => write!(f, "has the resource `{resource}`, which is not in bucket `{bucket}`"),
            Unwritable::OtherResource { resource } => write!(f, "has the resource `{resource}`, which is neither the bucket nor keys in it"),
            Unwritable::MixedConditions => f.write_str("has listings under different Conditions"),
            Unwritable::OtherCondition { condition } => write!(f, "has the Condition {condition}; the only condition the language writes is `StringLike` on `s3:prefix`, for listings under `on`"),
            Unwritable::SingleKey { pattern } => write!(f, "names the key `{pattern}`; rookc's key patterns are prefixes, ending in `*`"),
            Unwritable::EveryKeyAndPrefixes => f.write_str("grants on every key and on some prefixes at once"),
            Unwritable::Lowering(why) => write!(f, "{why}"),
            Unwritable::OtherGrants => f.write_str("cannot be written as statements that compile back to the same grants"),
        }
    }
}

/// A lifecycle rule the language cannot write; the message completes
/// "rule 2 ...". Settings are shown as JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleShape {
    /// A status other than `Enabled` (`None`: no status).
    NotEnabled {
        status: Option<String>,
    },
    UnknownKeys {
        keys: String,
    },
    /// A filter other than a key prefix, tags and sizes.
    Filter {
        filter: String,
    },
    NoFilter,
    Transition {
        settings: String,
        /// `Days` or `NoncurrentDays`.
        key: &'static str,
    },
    /// An `ID` longer than RGW takes.
    LongId {
        max: usize,
    },
    /// A size condition the language cannot write (zero bytes, or above
    /// 2^63-1).
    Size {
        bytes: u64,
    },
    /// Settings besides the one key the language writes.
    OtherSettings {
        action: String,
        settings: String,
        key: &'static str,
    },
    /// A number of days that is not a whole number in range.
    Days {
        action: String,
        settings: String,
        key: &'static str,
        max: u64,
    },
    NoAction,
    OtherAction {
        action: String,
    },
    /// A prefix too long for the rule ID rookc derives.
    LongPrefix {
        verb: &'static str,
        max: usize,
    },
}

impl fmt::Display for RuleShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleShape::NotEnabled { status } => write!(
                f,
                "has {}; the language writes only enabled rules",
                status.as_deref().unwrap_or("no Status")
            ),
            RuleShape::UnknownKeys { keys } => write!(f, "has keys Rook does not read: {keys}"),
            RuleShape::Filter { filter } => write!(f, "has the filter {filter}; the language filters by key prefix, tags and object sizes only"),
            RuleShape::NoFilter => f.write_str("has neither `Prefix` nor `Filter` (RGW rejects such a rule)"),
            RuleShape::Transition { settings, key } => write!(f, "has the transition {settings}; the language writes `{key}` and `StorageClass` only"),
            RuleShape::LongId { max } => write!(f, "has an ID longer than the {max} characters RGW takes"),
            RuleShape::Size { bytes } => write!(f, "has an object size of {bytes} bytes, which the language cannot write (at least 1 byte)"),
            RuleShape::OtherSettings { action, settings, key } => write!(f, "has {action} {settings}; the language writes `{key}` only"),
            RuleShape::Days { action, settings, key, max } => write!(f, "has {action} {settings}; the language writes `{key}` as whole days from 1 to {max}"),
            RuleShape::NoAction => f.write_str("takes no action"),
            RuleShape::OtherAction { action } => write!(f, "uses `{action}`, which the language has no rule for"),
            RuleShape::LongPrefix { verb, max } => write!(f, "has a prefix too long for the rule ID rookc derives (`{verb}:<prefix>`, at most {max} characters)"),
        }
    }
}
