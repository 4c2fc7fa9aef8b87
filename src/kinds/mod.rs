//! The declaration kinds of the language, one definition per kind: its
//! keyword, how a sentence names it, its attributes and blocks (value type,
//! whether required, default, what it refers to, documentation), the
//! manifests it emits and the ones `rookc import` reads into it, its
//! reference page and a minimal program that uses it.
//!
//! Every stage reads kinds from here: the parser's keywords, the checker's
//! body reader, completion and hover, `rookc explain`, the import planner
//! and the tests that hold the grammar, the editors and the emitter to the
//! table. A kind is added by one line in [`kinds!`] and one module; a
//! `match` on [`DeclKind`] elsewhere is exhaustive, so a kind without its
//! checker or emitter does not compile.

mod account;
mod block_class;
mod block_pool;
mod bucket;
mod bucket_class;
pub mod client;
mod file_class;
mod filesystem;
mod group;
mod notification;
mod object_store;
mod snapshot;
mod snapshot_class;
pub mod static_volume;
mod subvolume_group;
mod topic;
pub(crate) mod user;
mod volume;

pub use block_class::{FSTYPES, IMAGE_FEATURES};
pub use bucket_class::RECLAIM_WORDS;
pub use file_class::MOUNTERS;
pub use group::{GROUP_BLOCKS, GROUP_DEFAULTS};
pub use notification::EVENTS;
pub use topic::ENDPOINTS;
pub use volume::{ACCESS_WORDS, LATE_REFERENCES, MODE_WORDS};

/// Declares [`DeclKind`], its order and where each kind is defined.
macro_rules! kinds {
    ($($variant:ident => $module:ident,)*) => {
        /// The kind of a declaration: the keyword that starts it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum DeclKind {
            $($variant,)*
        }

        impl DeclKind {
            /// Every kind, in the order the checker lowers them (referenced
            /// kinds before the kinds that refer to them).
            pub const ALL: [DeclKind; [$(stringify!($variant)),*].len()] =
                [$(DeclKind::$variant,)*];

            /// The kind's definition.
            pub fn def(self) -> &'static KindDef {
                match self {
                    $(DeclKind::$variant => &$module::DEF,)*
                }
            }
        }
    };
}

kinds! {
    ObjectStore => object_store,
    Filesystem => filesystem,
    SubvolumeGroup => subvolume_group,
    BlockPool => block_pool,
    BlockClass => block_class,
    SnapshotClass => snapshot_class,
    Account => account,
    User => user,
    BucketClass => bucket_class,
    FileClass => file_class,
    Topic => topic,
    Notification => notification,
    Bucket => bucket,
    Volume => volume,
    Snapshot => snapshot,
    Client => client,
}

impl DeclKind {
    /// The keyword that introduces it.
    pub fn keyword(self) -> &'static str {
        self.def().keyword
    }

    /// How a person calls it in a sentence.
    pub fn noun(self) -> &'static str {
        self.def().noun
    }

    /// `a` or `an`, to go before [`DeclKind::noun`].
    pub fn article(self) -> &'static str {
        self.def().article
    }

    pub fn from_keyword(word: &str) -> Option<DeclKind> {
        DeclKind::ALL
            .into_iter()
            .find(|kind| kind.keyword() == word)
    }

    /// The attribute or block `key` of this kind.
    pub fn attribute(self, key: &str) -> Option<&'static AttributeDef> {
        self.def().attributes.iter().find(|a| a.key == key)
    }
}

/// Why `key`, which a user may expect on `kind` (a field of the manifest
/// it emits), is not an attribute: the note of the E0301 for it.
pub fn not_offered(kind: DeclKind, key: &str) -> Option<&'static str> {
    let list: &[(&str, &str)] = match kind {
        DeclKind::BucketClass => bucket_class::NOT_OFFERED,
        DeclKind::ObjectStore
        | DeclKind::Filesystem
        | DeclKind::SubvolumeGroup
        | DeclKind::BlockPool
        | DeclKind::BlockClass
        | DeclKind::SnapshotClass
        | DeclKind::Snapshot
        | DeclKind::FileClass
        | DeclKind::Topic
        | DeclKind::Notification
        | DeclKind::Client
        | DeclKind::Account
        | DeclKind::User
        | DeclKind::Bucket
        | DeclKind::Volume => &[],
    };
    list.iter().find(|(k, _)| *k == key).map(|(_, why)| *why)
}

/// What `key` refers to: in a declaration of `kind`, or in a `namespace`
/// group (`kind` is `None`).
pub fn reference_kind(kind: Option<DeclKind>, key: &str) -> Option<DeclKind> {
    match kind {
        Some(kind) => kind.attribute(key)?.refers_to(),
        None => DeclKind::ALL
            .into_iter()
            .flat_map(|kind| kind.def().attributes)
            .find(|a| a.from_group && a.key == key)?
            .refers_to(),
    }
}

/// One declaration kind.
#[derive(Debug)]
pub struct KindDef {
    pub keyword: &'static str,
    /// How a sentence names it: "object store".
    pub noun: &'static str,
    /// `a` or `an`.
    pub article: &'static str,
    /// One paragraph for hovers and completion: the syntax and what it
    /// emits.
    pub summary: &'static str,
    pub scope: NameScope,
    /// The oldest Rook release with the emitted kind (as
    /// [`AttributeDef::since`]).
    pub since: Option<&'static str>,
    /// Attributes and blocks, in the order the reference lists them.
    pub attributes: &'static [AttributeDef],
    /// The Kubernetes objects a declaration of this kind emits.
    pub emits: &'static [ManifestKind],
    /// The Kubernetes objects `rookc import` turns into this kind.
    pub imports: &'static [ManifestKind],
    /// The reference page `rookc explain KEYWORD` prints
    /// (`docs/kinds/KEYWORD.md`).
    pub page: &'static str,
    /// A small complete program with one declaration of this kind, which
    /// compiles without a diagnostic: the tests build it, and take
    /// attributes away from it.
    pub example: &'static str,
}

/// Where a kind's names must be unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameScope {
    /// In the whole program: other declarations refer to it by name.
    Program,
    /// Per namespace, like the Kubernetes object it emits.
    Namespace,
}

/// A Kubernetes object kind with its API version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ManifestKind {
    pub api_version: &'static str,
    pub kind: &'static str,
}

/// An attribute (`key = value`) or block (`key { ... }`) of a kind.
#[derive(Debug)]
pub struct AttributeDef {
    pub key: &'static str,
    pub value: ValueType,
    pub requirement: Requirement,
    /// What an absent optional attribute means, for the reference.
    pub default: Option<&'static str>,
    /// A value a help line may suggest: `add `key = EXAMPLE``.
    pub example: &'static str,
    /// Whether a `namespace "x" { }` group may give it for its
    /// declarations.
    pub from_group: bool,
    /// One or two sentences for hovers, completion and the reference.
    pub doc: &'static str,
    /// The oldest Rook release whose CRD has the field (`"1.20"`), or
    /// [`ROOK_MAIN`] for a field of no release yet; `None`: every
    /// supported release.
    pub since: Option<&'static str>,
}

/// The `since` of a field that only Rook's main branch has.
pub const ROOK_MAIN: &str = "main";

/// How hovers and the reference say a `since`: "Rook v1.20 or newer".
pub fn describe_since(since: &str) -> String {
    if since == ROOK_MAIN {
        "Rook's main branch only (in no release yet)".to_string()
    } else {
        format!("Rook v{since} or newer")
    }
}

impl AttributeDef {
    /// An optional attribute with no default to describe; the methods
    /// below add the rest.
    pub const fn new(key: &'static str, value: ValueType, doc: &'static str) -> Self {
        AttributeDef {
            key,
            value,
            requirement: Requirement::Optional,
            default: None,
            example: "",
            from_group: false,
            doc,
            since: None,
        }
    }

    /// The oldest Rook release with the field (see [`AttributeDef::since`]).
    pub const fn since(self, version: &'static str) -> Self {
        AttributeDef {
            since: Some(version),
            ..self
        }
    }

    pub const fn required(self) -> Self {
        AttributeDef {
            requirement: Requirement::Required,
            ..self
        }
    }

    pub const fn required_unless(self, condition: &'static str) -> Self {
        AttributeDef {
            requirement: Requirement::RequiredUnless(condition),
            ..self
        }
    }

    pub const fn default(self, default: &'static str) -> Self {
        AttributeDef {
            default: Some(default),
            ..self
        }
    }

    pub const fn example(self, example: &'static str) -> Self {
        AttributeDef { example, ..self }
    }

    pub const fn from_group(self) -> Self {
        AttributeDef {
            from_group: true,
            ..self
        }
    }

    pub fn shape(&self) -> Shape {
        self.value.shape()
    }

    /// The declared kind this attribute names, if it is a reference.
    pub fn refers_to(&self) -> Option<DeclKind> {
        match self.value {
            ValueType::Reference(kind) | ValueType::ReferenceList(kind) => Some(kind),
            _ => None,
        }
    }

    /// The entries of a block with fixed entries; empty for other
    /// attributes and for free-form blocks (`labels`).
    pub fn entries(&self) -> &'static [EntryDef] {
        match self.value {
            ValueType::Entries(entries) => entries,
            _ => &[],
        }
    }
}

/// Whether an attribute must be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    Optional,
    Required,
    /// Required unless what the text says holds.
    RequiredUnless(&'static str),
}

/// What an attribute holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    /// `"text"`.
    String,
    /// `["a", "b"]`.
    StringList,
    /// The name of a declaration of that kind.
    Reference(DeclKind),
    /// A list of names of declarations of that kind: `[a, b]`.
    ReferenceList(DeclKind),
    /// A byte size: `10Gi`, `500M`.
    Size,
    /// A count: `1000`, `10k`.
    Count,
    /// A plain number whose range the checker holds: `-1`, `0.5`.
    Number,
    Bool,
    /// One of these words.
    Word(&'static [&'static str]),
    /// A list of these words, each at most once: `[read, write]`.
    WordList(&'static [&'static str]),
    /// An RGW capability grant: `read`, `write`, `[read, write]`, `"*"`.
    Grant,
    /// A block of these entries.
    Entries(&'static [EntryDef]),
    /// A block of free string entries (`labels`, `annotations`).
    StringMap,
    /// `policy { ... }`.
    Policy,
    /// `lifecycle { ... }`.
    Lifecycle,
}

impl ValueType {
    /// The shape the attribute takes in a body.
    pub fn shape(self) -> Shape {
        match self {
            ValueType::String
            | ValueType::StringList
            | ValueType::Reference(_)
            | ValueType::ReferenceList(_)
            | ValueType::Size
            | ValueType::Count
            | ValueType::Number
            | ValueType::Bool
            | ValueType::Word(_)
            | ValueType::WordList(_) => Shape::Attribute,
            ValueType::Grant | ValueType::Entries(_) | ValueType::StringMap => Shape::Block,
            ValueType::Policy => Shape::Policy,
            ValueType::Lifecycle => Shape::Lifecycle,
        }
    }

    /// How the reference describes the value.
    pub fn describe(self) -> String {
        match self {
            ValueType::String => "string".into(),
            ValueType::StringList => "list of strings".into(),
            ValueType::Reference(kind) => format!("{} name", kind.noun()),
            ValueType::ReferenceList(kind) => format!("list of {} names", kind.noun()),
            ValueType::Size => "size (`10Gi`)".into(),
            ValueType::Count => "count (`1000`, `10k`)".into(),
            ValueType::Number => "number".into(),
            ValueType::Bool => "`true` or `false`".into(),
            ValueType::Word(words) => words
                .iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", "),
            ValueType::WordList(words) => format!(
                "list of {}",
                words
                    .iter()
                    .map(|w| format!("`{w}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            ValueType::Grant => "`read`, `write`, `[read, write]` or `\"*\"`".into(),
            ValueType::Entries(_) => "block".into(),
            ValueType::StringMap => "block of `key = \"value\"`".into(),
            ValueType::Policy => "policy statements".into(),
            ValueType::Lifecycle => "lifecycle rules".into(),
        }
    }
}

/// An entry of a block with fixed entries (`quota { size = 10Gi }`).
#[derive(Debug, PartialEq, Eq)]
pub struct EntryDef {
    pub key: &'static str,
    pub value: ValueType,
    pub doc: &'static str,
    /// As [`AttributeDef::since`].
    pub since: Option<&'static str>,
}

impl EntryDef {
    pub const fn new(key: &'static str, value: ValueType, doc: &'static str) -> Self {
        EntryDef {
            key,
            value,
            doc,
            since: None,
        }
    }

    pub const fn since(self, version: &'static str) -> Self {
        EntryDef {
            since: Some(version),
            ..self
        }
    }
}

/// The shape a key takes in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `key = value`
    Attribute,
    /// `key { entries }`
    Block,
    /// `policy { statements }`
    Policy,
    /// `lifecycle { rules }`
    Lifecycle,
}

/// Attributes every kind that emits objects shares.
pub(crate) mod common {
    use super::{AttributeDef, ManifestKind, ValueType};

    pub const STORAGE_CLASS: ManifestKind = ManifestKind {
        api_version: "storage.k8s.io/v1",
        kind: "StorageClass",
    };

    /// `expansion` of a CSI StorageClass kind.
    pub const EXPANSION: AttributeDef = AttributeDef::new(
        "expansion",
        ValueType::Bool,
        "Whether claims may grow: `allowVolumeExpansion`.",
    )
    .default("`true`")
    .example("false");

    pub const LABELS: AttributeDef = AttributeDef::new(
        "labels",
        ValueType::StringMap,
        "`labels { key = \"value\" }`: labels of the emitted objects (beside `app.kubernetes.io/managed-by: rookc`).",
    );

    pub const ANNOTATIONS: AttributeDef = AttributeDef::new(
        "annotations",
        ValueType::StringMap,
        "`annotations { key = \"value\" }`: annotations of the emitted objects.",
    );
}
