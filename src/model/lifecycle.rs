//! The model of a bucket lifecycle: RGW rules, their filters and actions.

/// Lifecycle rules, sorted by id (RGW returns them so; Rook compares in order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lifecycle {
    pub rules: Vec<LifecycleRule>,
}

/// One RGW rule: the actions of the source rules that share its ID (one,
/// unless the user gave several rules one `id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifecycleRule {
    pub id: String,
    pub filter: LifecycleFilter,
    /// In the order RGW keeps them: expiration, noncurrent expiration,
    /// upload abort, transitions by class, noncurrent transitions by class.
    pub actions: Vec<LifecycleAction>,
}

/// The keys a rule applies to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LifecycleFilter {
    /// Empty for the whole bucket.
    pub prefix: String,
    /// Object tags, sorted by key.
    pub tags: Vec<(String, String)>,
    /// Only objects larger than this many bytes.
    pub larger_than: Option<u64>,
    /// Only objects smaller than this many bytes.
    pub smaller_than: Option<u64>,
}

impl LifecycleFilter {
    /// Whether the rule applies to keys by prefix alone.
    pub fn is_prefix_only(&self) -> bool {
        self.tags.is_empty() && self.larger_than.is_none() && self.smaller_than.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LifecycleAction {
    Expire {
        days: u32,
    },
    /// `Expiration.ExpiredObjectDeleteMarker`: remove delete markers that
    /// no noncurrent version is left behind.
    ExpireDeleteMarkers,
    ExpireNoncurrent {
        days: u32,
        /// `NewerNoncurrentVersions`: this many newest noncurrent versions
        /// are kept.
        newer_versions: Option<u32>,
    },
    AbortUploads {
        days: u32,
    },
    Transition {
        days: u32,
        storage_class: String,
    },
    TransitionNoncurrent {
        days: u32,
        storage_class: String,
    },
}

impl LifecycleAction {
    /// The word of the language that writes it.
    pub fn verb(&self) -> &'static str {
        match self {
            LifecycleAction::Expire { .. } => "expire",
            LifecycleAction::ExpireDeleteMarkers => "expire-delete-markers",
            LifecycleAction::ExpireNoncurrent { .. } => "expire-noncurrent",
            LifecycleAction::AbortUploads { .. } => "abort-uploads",
            LifecycleAction::Transition { .. } => "transition",
            LifecycleAction::TransitionNoncurrent { .. } => "transition-noncurrent",
        }
    }

    /// The storage class it moves objects to.
    pub fn storage_class(&self) -> Option<&str> {
        match self {
            LifecycleAction::Transition { storage_class, .. }
            | LifecycleAction::TransitionNoncurrent { storage_class, .. } => Some(storage_class),
            LifecycleAction::Expire { .. }
            | LifecycleAction::ExpireDeleteMarkers
            | LifecycleAction::ExpireNoncurrent { .. }
            | LifecycleAction::AbortUploads { .. } => None,
        }
    }
}

/// The ID rookc gives a rule without an `id`: the action; then `-CLASS`
/// for a transition; then `:PREFIX` when there is a prefix
/// (`transition-COLD:archive/`). Import derives it too, to leave out an
/// `id` that says the same.
pub fn generated_rule_id(verb: &str, storage_class: Option<&str>, prefix: &str) -> String {
    let mut id = verb.to_string();
    if let Some(class) = storage_class {
        id.push('-');
        id.push_str(class);
    }
    if !prefix.is_empty() {
        id.push(':');
        id.push_str(prefix);
    }
    id
}
