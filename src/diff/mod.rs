//! `rookc diff`: what a change to a storage program does, before it merges.
//!
//! One way through: [`side`] loads each side (sources compiled as `rookc
//! build` would, sources at a git revision through [`git`], or manifests
//! from files or a live cluster's export) into objects that [`normalize`]
//! made comparable; [`fields`] compares each object field by field; the
//! meaning modules read the two sides and the field changes and say what
//! they do: [`claims`] (buckets deleted, refused spec changes, ignored
//! labels), [`lifecycle`] (rules that now expire more), [`users`] (keys that
//! stop working), [`volumes`] (data deleted, refused changes), [`grants`]
//! (who may now list, read, write or delete what), [`drift`] (a cluster
//! against its sources). [`locate`] finds the `.rook` lines behind each
//! change, and [`render`] writes the report in each format.

pub mod claims;
pub mod classes;
pub mod drift;
pub mod fields;
pub mod git;
pub mod grants;
pub mod key;
pub mod lifecycle;
pub mod locate;
pub mod normalize;
pub mod render;
pub mod side;
pub mod users;
pub mod volumes;

use std::collections::BTreeMap;

pub use fields::FieldChange;
pub use key::ObjectKey;
pub use side::{Side, SideKind, SideSpec};

use crate::diag::Diagnostic;
use crate::source::SourceMap;
use normalize::Object;

/// Why a diff could not be made (exit code 2).
#[derive(Debug, Clone)]
pub enum DiffError {
    /// Usage, I/O, git or YAML problems.
    Usage(String),
    /// A side's program has errors; its diagnostics explain them.
    Program {
        label: String,
        sources: SourceMap,
        diagnostics: Vec<Diagnostic>,
    },
}

/// What the report compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// OLD to NEW: what merging the change does.
    Change,
    /// Sources (or manifests) to what a cluster runs: objects nobody
    /// declared, and fields changed by hand.
    Drift,
}

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

/// Where on the new side's sources a change comes from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// One thing the change means.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub category: Category,
    pub object: ObjectKey,
    /// The field it is about, when there is one (for locating it).
    pub field: Option<String>,
    pub message: String,
    /// Facts that explain it, each a sentence fragment.
    pub notes: Vec<String>,
    pub location: Option<Location>,
}

impl Finding {
    pub fn new(category: Category, object: &ObjectKey, message: impl Into<String>) -> Finding {
        Finding {
            category,
            object: object.clone(),
            field: None,
            message: message.into(),
            notes: Vec::new(),
            location: None,
        }
    }

    pub fn at(mut self, field: &str) -> Finding {
        self.field = Some(field.to_string());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Finding {
        self.notes.push(note.into());
        self
    }
}

/// How one object differs.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Added,
    Removed,
    Changed(Vec<FieldChange>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObjectDiff {
    pub key: ObjectKey,
    pub status: Status,
    /// A removed object paired with an added one that is the same thing
    /// under another name (for an added object: the old key).
    pub renamed: Option<ObjectKey>,
    pub location: Option<Location>,
}

/// The whole comparison.
#[derive(Debug, Clone)]
pub struct Report {
    pub mode: Mode,
    pub old_label: String,
    pub new_label: String,
    /// Sorted by category, then object.
    pub findings: Vec<Finding>,
    /// Objects that differ, sorted by key.
    pub objects: Vec<ObjectDiff>,
    /// Objects of a live side left out: not labelled as rookc's.
    pub unmanaged: usize,
    /// Objects on both sides and equal.
    pub unchanged: usize,
}

impl Report {
    pub fn has(&self, test: fn(Category) -> bool) -> bool {
        self.findings.iter().any(|f| test(f.category))
    }
}

/// The objects of a side that take part: on a live side, only those
/// labelled as rookc's; StorageClasses rookc did not write are read for
/// their reclaim policies, never compared.
fn compared(side: &Side) -> (BTreeMap<&ObjectKey, &Object>, usize) {
    let mut out = BTreeMap::new();
    let mut unmanaged = 0;
    for (key, object) in &side.objects {
        let context_only = key.kind == key::STORAGE_CLASS && !object.managed;
        if context_only {
            continue;
        }
        if object.live && !object.managed {
            unmanaged += 1;
            continue;
        }
        out.insert(key, object);
    }
    (out, unmanaged)
}

/// Compares two loaded sides; `context` holds more manifests to read
/// StorageClasses from. The report is in drift mode when the new side is a
/// cluster's export and the old one is not.
pub fn diff(old: &Side, new: &Side, context: &[Side]) -> Report {
    let mode = if new.live && !old.live {
        Mode::Drift
    } else {
        Mode::Change
    };
    let (old_objects, old_unmanaged) = compared(old);
    let (new_objects, new_unmanaged) = compared(new);
    let mut objects = object_diffs(&old_objects, &new_objects);
    let unchanged = old_objects
        .keys()
        .filter(|k| new_objects.contains_key(*k))
        .count()
        - objects
            .iter()
            .filter(|o| matches!(o.status, Status::Changed(_)))
            .count();
    pair_renames(&mut objects, &old_objects, &new_objects);
    let classes = classes::Classes::from_sides([old, new].into_iter().chain(context));
    let pair = Pair {
        old: &old_objects,
        new: &new_objects,
        objects: &objects,
        classes: &classes,
    };
    let mut findings = match mode {
        Mode::Change => {
            let mut found = claims::findings(&pair);
            found.extend(lifecycle::findings(&pair));
            found.extend(users::findings(&pair));
            found.extend(volumes::findings(&pair));
            found
        }
        Mode::Drift => drift::findings(&pair),
    };
    findings.extend(grants::findings(&pair, mode));
    findings.sort_by(|a, b| {
        (a.category, &a.object, &a.field, &a.message)
            .cmp(&(b.category, &b.object, &b.field, &b.message))
    });
    findings.dedup();
    let mut report = Report {
        mode,
        old_label: old.label.clone(),
        new_label: new.label.clone(),
        findings,
        objects,
        unmanaged: old_unmanaged + new_unmanaged,
        unchanged,
    };
    // Changes are shown where they are made: in the new sources, or for
    // drift in the sources the cluster departs from.
    let sources = match mode {
        Mode::Change => &new.compiled,
        Mode::Drift => &old.compiled,
    };
    if let Some(compiled) = sources {
        locate::locate(&mut report, compiled);
    }
    report
}

/// Both sides' compared objects and their differences, for the meaning
/// modules.
pub struct Pair<'a> {
    pub old: &'a BTreeMap<&'a ObjectKey, &'a Object>,
    pub new: &'a BTreeMap<&'a ObjectKey, &'a Object>,
    pub objects: &'a [ObjectDiff],
    pub classes: &'a classes::Classes,
}

impl Pair<'_> {
    /// The objects of one status, with their keys.
    pub fn with_status(&self, wanted: fn(&Status) -> bool) -> impl Iterator<Item = &ObjectDiff> {
        self.objects.iter().filter(move |o| wanted(&o.status))
    }
}

fn object_diffs(
    old: &BTreeMap<&ObjectKey, &Object>,
    new: &BTreeMap<&ObjectKey, &Object>,
) -> Vec<ObjectDiff> {
    let mut keys: Vec<&ObjectKey> = old.keys().chain(new.keys()).copied().collect();
    keys.sort();
    keys.dedup();
    let mut out = Vec::new();
    for key in keys {
        let status = match (old.get(key), new.get(key)) {
            (Some(a), Some(b)) => {
                let changes = fields::changes(&a.value, &b.value);
                if changes.is_empty() {
                    continue;
                }
                Status::Changed(changes)
            }
            (Some(_), None) => Status::Removed,
            (None, Some(_)) => Status::Added,
            (None, None) => continue,
        };
        out.push(ObjectDiff {
            key: key.clone(),
            status,
            renamed: None,
            location: None,
        });
    }
    out
}

/// What makes two objects of one kind the same thing under two names: a
/// claim's bucket, anything else's `spec`.
fn identity(object: &Object) -> Option<String> {
    let spec = object.value.get("spec")?;
    let identity = if object.key.kind == key::CLAIM {
        spec.get("bucketName")
            .or_else(|| spec.get("generateBucketName"))?
            .clone()
    } else {
        spec.clone()
    };
    Some(format!("{}\0{identity}", object.key.kind))
}

/// Pairs each removed object with the one added object of the same
/// identity, when there is exactly one of each; then, among the rest, the
/// one removed and the one added object of a kind, namespace and class.
fn pair_renames(
    objects: &mut [ObjectDiff],
    old: &BTreeMap<&ObjectKey, &Object>,
    new: &BTreeMap<&ObjectKey, &Object>,
) {
    let by_identity = |object: &ObjectDiff, side: &BTreeMap<&ObjectKey, &Object>| {
        side.get(&object.key).and_then(|o| identity(o))
    };
    pair_by(objects, |o| by_identity(o, old), |o| by_identity(o, new));
    // Claims and volumes of one class in one namespace, when a name
    // changes along with the bucket name or the spec.
    let by_place = |object: &ObjectDiff, side: &BTreeMap<&ObjectKey, &Object>| {
        let class = side
            .get(&object.key)?
            .value
            .pointer("/spec/storageClassName")?
            .as_str()?;
        Some(format!(
            "{}\0{}\0{class}",
            object.key.kind,
            object.key.namespace.as_deref().unwrap_or_default()
        ))
    };
    pair_by(objects, |o| by_place(o, old), |o| by_place(o, new));
}

/// Pairs the unpaired removed and added objects whose groups (by
/// `removed_group` and `added_group`) hold exactly one of each.
fn pair_by(
    objects: &mut [ObjectDiff],
    removed_group: impl Fn(&ObjectDiff) -> Option<String>,
    added_group: impl Fn(&ObjectDiff) -> Option<String>,
) {
    let mut removed: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut added: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, object) in objects.iter().enumerate() {
        if object.renamed.is_some() {
            continue;
        }
        let (group, into) = match object.status {
            Status::Removed => (removed_group(object), &mut removed),
            Status::Added => (added_group(object), &mut added),
            Status::Changed(_) => continue,
        };
        if let Some(group) = group {
            into.entry(group).or_default().push(index);
        }
    }
    for (group, gone) in removed {
        let Some(came) = added.get(&group) else {
            continue;
        };
        if let ([gone], [came]) = (gone.as_slice(), came.as_slice()) {
            let (gone_key, came_key) = (objects[*gone].key.clone(), objects[*came].key.clone());
            objects[*gone].renamed = Some(came_key);
            objects[*came].renamed = Some(gone_key);
        }
    }
}
