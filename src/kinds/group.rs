//! What a `namespace "NAME" { }` group holds besides its declarations: the
//! defaults it gives them, and the blocks about the namespace itself.

use super::{AttributeDef, EntryDef, ValueType};

/// The attributes a group may set for the declarations inside, in the
/// order messages list them.
pub const GROUP_DEFAULTS: [&str; 2] = ["store", "filesystem"];

/// The entries of `budget`.
const BUDGET: &[EntryDef] = &[
    EntryDef::new(
        "size",
        ValueType::Size,
        "The most data the namespace's buckets may hold together: their size quotas must add up to at most this, and every bucket of the namespace needs one.",
    ),
    EntryDef::new(
        "buckets",
        ValueType::Count,
        "The most buckets the namespace may claim: every `bucket` declaration in the namespace counts.",
    ),
];

/// The blocks a group may hold. Checked by rookc only: nothing is emitted.
pub const GROUP_BLOCKS: &[AttributeDef] = &[AttributeDef::new(
    "budget",
    ValueType::Entries(BUDGET),
    "`budget { size = 2Ti  buckets = 10 }`: a ceiling for the namespace's buckets, checked at compile time (at most one per namespace).",
)];
