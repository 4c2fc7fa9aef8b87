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

pub mod category;
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
pub mod renames;
pub mod render;
pub mod side;
mod snapshots;
pub mod users;
pub mod volumes;

use std::collections::BTreeMap;

pub use category::Category;
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
    renames::pair_renames(&mut objects, &old_objects, &new_objects);
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
            found.extend(snapshots::findings(&pair));
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
