//! What a finding says about a change: the categories every format names
//! and `--deny` selects.

/// What a finding says about the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Data or credentials are lost.
    Destructive,
    /// Data may be lost: what decides it (a reclaim policy) is unknown.
    PossiblyDestructive,
    /// The controller or the API server refuses the change.
    Refused,
    /// The change is accepted and does nothing.
    Ignored,
    /// A principal may do more than before.
    GrantAdded,
    /// A principal may do less than before.
    GrantRemoved,
    /// A bucket policy the evaluator cannot decide.
    GrantsUnknown,
    /// Drift: on the cluster, labelled as rookc's, not declared.
    Undeclared,
    /// Drift: declared, not on the cluster.
    Missing,
    /// Drift: fields on the cluster differ from the declaration.
    ChangedByHand,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::Destructive,
        Category::PossiblyDestructive,
        Category::Refused,
        Category::Ignored,
        Category::GrantAdded,
        Category::GrantRemoved,
        Category::GrantsUnknown,
        Category::Undeclared,
        Category::Missing,
        Category::ChangedByHand,
    ];

    /// Stable name, used by every machine format.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Destructive => "destructive",
            Category::PossiblyDestructive => "possibly-destructive",
            Category::Refused => "refused",
            Category::Ignored => "ignored",
            Category::GrantAdded => "grant-added",
            Category::GrantRemoved => "grant-removed",
            Category::GrantsUnknown => "grants-unknown",
            Category::Undeclared => "undeclared",
            Category::Missing => "missing",
            Category::ChangedByHand => "changed-by-hand",
        }
    }

    /// One line on what the category means (SARIF rules, the README).
    pub fn summary(self) -> &'static str {
        match self {
            Category::Destructive => "the change deletes data or makes credentials stop working",
            Category::PossiblyDestructive => {
                "the change may delete data: the reclaim policy that decides it is unknown"
            }
            Category::Refused => "the controller or the API server refuses the change",
            Category::Ignored => "the change is accepted but has no effect",
            Category::GrantAdded => "a principal may do more than before",
            Category::GrantRemoved => "a principal may do less than before",
            Category::GrantsUnknown => {
                "a bucket policy cannot be evaluated, so what it grants is unknown"
            }
            Category::Undeclared => {
                "an object labelled as rookc's is on the cluster but not declared"
            }
            Category::Missing => "a declared object is not on the cluster",
            Category::ChangedByHand => "fields on the cluster differ from the declaration",
        }
    }

    /// Whether `--deny destructive` fails on it.
    pub fn is_destructive(self) -> bool {
        matches!(self, Category::Destructive | Category::PossiblyDestructive)
    }

    pub fn is_grant(self) -> bool {
        matches!(
            self,
            Category::GrantAdded | Category::GrantRemoved | Category::GrantsUnknown
        )
    }

    pub fn is_drift(self) -> bool {
        matches!(
            self,
            Category::Undeclared | Category::Missing | Category::ChangedByHand
        )
    }
}
