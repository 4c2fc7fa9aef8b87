//! `rookc import`: existing manifests to rook source.
//!
//! One way through: [`read`] finds the YAML files and parses their
//! documents; the planner ([`plan`] and the files per kind:
//! `bucket_classes`, `context`, `users`, `buckets`, `volumes`) turns ObjectBucketClaims,
//! CephObjectStoreUsers, CephFS PersistentVolumeClaims and subvolume
//! groups into declarations, reading StorageClasses for where claims point
//! (`policy` and `lifecycle` turn the JSON strings back into the
//! language's syntax); [`write`] writes the source, which the formatter
//! lays out; [`roundtrip`] compiles it and compares every imported object
//! with what `rookc build` writes for it. Every document gets an
//! [`ObjectReport`]: what could not be carried over, what was invented,
//! and whether it round-trips.

mod accounts;
mod block;
mod bucket_class_decls;
mod bucket_classes;
mod buckets;
mod clients;
mod context;
pub mod fields;
mod file_classes;
pub mod json_shapes;
pub mod lifecycle;
mod lifecycle_actions;
pub mod lifecycle_form;
pub mod normal;
mod notifications;
mod plan;
pub mod policy;
pub mod policy_form;
mod policy_lines;
mod quantity;
pub mod read;
pub mod report;
pub mod roundtrip;
mod snapshots;
mod static_volumes;
mod user_fields;
mod users;
mod volumes;
mod withhold;
pub mod write;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::ast::DeclKind;
use crate::diag::{Diagnostic, Diagnostics, Severity as DiagSeverity};
use crate::source::SourceMap;
use plan::{Placed, Planner};
pub use read::{Document, ImportError, Inputs, InvalidYaml};
pub use report::{ObjectKey, ObjectReport, Role, RoundTripError, Severity};
use write::{Decl, Group};

/// What an import produced.
pub struct Import {
    /// The rook source, formatted.
    pub source: String,
    /// One report per input document, in input order.
    pub reports: Vec<ObjectReport>,
    /// The input files that are not valid YAML, none of whose documents
    /// is imported.
    pub invalid: Vec<InvalidYaml>,
    /// Objects `rookc build` writes from the source that are not among
    /// the inputs (a user invented for a claim's owner, the StorageClass
    /// of a subvolume group).
    pub extras: Vec<ObjectKey>,
    /// The source as a program, and what checking it reports (warnings,
    /// the N0601 note; errors only if import has a bug).
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
}

impl Import {
    /// Whether every imported object round-trips, nothing was lost or
    /// invented, and the build writes nothing else: exit code 0.
    pub fn is_complete(&self) -> bool {
        self.extras.is_empty()
            && self.invalid.is_empty()
            && !self
                .diagnostics
                .iter()
                .any(|d| d.severity() == DiagSeverity::Error)
            && self
                .reports
                .iter()
                .all(|r| !r.has_warnings() && (r.round_trip.is_none() || r.round_trips()))
    }

    /// The report for people: [`Import::report_lines`], then the
    /// [`Import::summary`].
    pub fn report_text(&self) -> String {
        format!("{}{}\n", self.report_lines(), self.summary())
    }

    /// The files that are not valid YAML, the lines of each document,
    /// then the objects the build adds.
    pub fn report_lines(&self) -> String {
        let mut out = String::new();
        for file in &self.invalid {
            out.push_str(&format!(
                "{}: error: this is not valid YAML: {}; none of its documents is imported\n",
                file.place(),
                file.error.message
            ));
        }
        for report in &self.reports {
            for line in report.lines() {
                out.push_str(&line);
                out.push('\n');
            }
        }
        for extra in &self.extras {
            out.push_str(&format!(
                "`rookc build` of the imported source also writes {extra}, which is not among the inputs\n"
            ));
        }
        out
    }

    /// One line: how many objects were imported and round-trip, read for
    /// context and skipped, how many warnings, and how many files are not
    /// valid YAML (when any).
    pub fn summary(&self) -> String {
        let count = |role: fn(&Role) -> bool| self.reports.iter().filter(|r| role(&r.role)).count();
        let imported = count(|r| matches!(r, Role::Imported(_)));
        let round_trip = self.reports.iter().filter(|r| r.round_trips()).count();
        let context = count(|r| *r == Role::Context);
        let skipped = count(|r| *r == Role::Skipped);
        let warnings: usize = self
            .reports
            .iter()
            .map(|r| {
                r.findings
                    .iter()
                    .filter(|f| f.severity == Severity::Warning)
                    .count()
            })
            .sum();
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let invalid = match self.invalid.len() {
            0 => String::new(),
            n => format!("; {} not valid YAML", plural(n, "file", "files")),
        };
        format!(
            "import: {} imported, {round_trip} round-trip{}; {} read for context; {} skipped; {}{invalid}",
            plural(imported, "object", "objects"),
            if round_trip == 1 { "s" } else { "" },
            plural(context, "StorageClass", "StorageClasses"),
            plural(skipped, "document", "documents"),
            plural(warnings, "import warning", "import warnings"),
        )
    }
}

/// Imports the manifests of `paths` (files, or directories searched for
/// `*.yaml` and `*.yml`). `source_path` names the source in diagnostics.
pub fn import(paths: &[PathBuf], source_path: &Path) -> Result<Import, ImportError> {
    let inputs = read::read(paths)?;
    Ok(import_inputs(inputs, source_path))
}

/// Imports the documents of files already read; the invalid files are
/// reported, and listed at the top of the source.
pub fn import_inputs(inputs: Inputs, source_path: &Path) -> Import {
    let Inputs {
        documents, invalid, ..
    } = inputs;
    // Objects found to keep the program from compiling, left out of the
    // next attempt with why.
    let mut withheld: Vec<(usize, String)> = Vec::new();
    let mut attempt = 1;
    loop {
        let mut planner = plan(&documents, &invalid, &withheld);
        let (text, origins) = assemble(&mut planner);
        let source = formatted(&text, source_path).unwrap_or(text);
        let mut reports = planner.reports;
        let compiled = roundtrip::check(&source, source_path, &documents, &mut reports);
        if !compiled.ok && attempt < withhold::MAX_ATTEMPTS {
            let blamed = withhold::blamed(&source, &compiled.diagnostics, &origins);
            if !blamed.is_empty() {
                withheld.extend(blamed);
                attempt += 1;
                continue;
            }
        }
        return Import {
            source,
            reports,
            invalid,
            extras: compiled.extras,
            sources: compiled.sources,
            diagnostics: compiled.diagnostics,
        };
    }
}

/// The planner's passes over `documents`, leaving out those `withheld`.
fn plan<'d>(
    documents: &'d [Document],
    invalid: &[InvalidYaml],
    withheld: &[(usize, String)],
) -> Planner<'d> {
    let mut planner = Planner::new(documents);
    for (index, why) in withheld {
        planner.withhold(*index, why);
    }
    for file in invalid {
        planner.header.push(format!(
            "rookc import: not imported: {}: this is not valid YAML: {}",
            file.place(),
            file.error.message.replace(['\n', '\r'], " ")
        ));
    }
    planner.import_bucket_classes();
    planner.import_groups();
    planner.import_cephfs_classes();
    planner.import_rbd_classes();
    planner.import_snapshot_classes();
    planner.import_accounts();
    planner.import_users();
    planner.import_topics();
    planner.import_notifications();
    planner.import_claims();
    planner.settle_default_classes();
    planner.import_volumes();
    planner.import_snapshots();
    planner.import_clients();
    planner.settle_namespaces();
    planner
}

/// The source in the canonical layout; `None` if it does not parse (a bug
/// the round trip then reports).
fn formatted(text: &str, path: &Path) -> Option<String> {
    let mut sources = SourceMap::new();
    let id = sources.add(path, text);
    crate::format_source(&sources, id, &mut Diagnostics::new())
        .ok()
        .flatten()
}

/// The program: object stores, filesystems and subvolume groups at the
/// top, then one `namespace` group per namespace with its users, buckets
/// and volumes. A group sets `store` or `filesystem` when all of its
/// declarations that use one agree.
fn assemble(planner: &mut Planner) -> (String, withhold::Origins) {
    let origins = planner
        .placed
        .iter()
        .filter_map(|p| {
            let key = (p.decl.kind, p.decl.name.clone(), p.namespace.clone());
            p.document.map(|index| (key, index))
        })
        .collect();
    let mut top = Vec::new();
    for (name, store) in &planner.stores {
        let mut decl = Decl::new(DeclKind::ObjectStore, name);
        decl.comments.clone_from(&store.comments);
        decl.attribute(
            "namespace",
            write::quote(store.namespace.as_deref().unwrap_or_default()),
        );
        if let Some(class) = &store.storage_class {
            decl.attribute("storage_class", write::quote(class));
        }
        if let Some(operator) = store
            .operator_namespace
            .as_ref()
            .filter(|o| Some(*o) != store.namespace.as_ref())
        {
            decl.attribute("operator_namespace", write::quote(operator));
        }
        if !store.allow_users_in.is_empty() {
            let namespaces: Vec<String> = store.allow_users_in.iter().cloned().collect();
            decl.attribute("allow_users_in", write::string_list(&namespaces));
        }
        top.push(decl);
    }
    top.extend(
        std::mem::take(&mut planner.class_decls)
            .into_values()
            .map(|class| class.decl),
    );
    for (name, fs) in &planner.filesystems {
        let mut decl = Decl::new(DeclKind::Filesystem, name);
        decl.comments.clone_from(&fs.comments);
        decl.attribute(
            "namespace",
            write::quote(fs.namespace.as_deref().unwrap_or_default()),
        );
        if let Some(class) = &fs.storage_class {
            decl.attribute("storage_class", write::quote(class));
        }
        if let Some(operator) = fs
            .operator_namespace
            .as_ref()
            .filter(|o| Some(*o) != fs.namespace.as_ref())
        {
            decl.attribute("operator_namespace", write::quote(operator));
        }
        top.push(decl);
    }
    let mut file_classes = std::mem::take(&mut planner.file.decls);
    file_classes.sort_by(|a, b| a.name.cmp(&b.name));
    top.extend(file_classes);
    let mut groups = std::mem::take(&mut planner.groups);
    groups.sort_by(|a, b| a.name.cmp(&b.name));
    top.extend(groups);
    top.extend(planner.block.declarations());
    let mut snapshot_classes = std::mem::take(&mut planner.snapshots.classes);
    snapshot_classes.sort_by(|a, b| a.name.cmp(&b.name));
    top.extend(snapshot_classes);
    let mut by_namespace: BTreeMap<String, Vec<Placed>> = BTreeMap::new();
    for placed in std::mem::take(&mut planner.placed) {
        by_namespace
            .entry(placed.namespace.clone())
            .or_default()
            .push(placed);
    }
    let groups: Vec<Group> = by_namespace
        .into_iter()
        .map(|(ns, placed)| namespace_group(ns, placed))
        .collect();
    let mut header = vec![
        "Imported by `rookc import`. Comments that start with `rookc import:` mark".to_string(),
        "what could not be carried over or had to be assumed: check them.".to_string(),
    ];
    if !planner.header.is_empty() {
        header.push(String::new());
        header.append(&mut planner.header);
    }
    (write::program(&header, &top, &groups), origins)
}

fn namespace_group(namespace: String, mut placed: Vec<Placed>) -> Group {
    let order = |kind: DeclKind| match kind {
        DeclKind::User => 0,
        DeclKind::Topic => 1,
        DeclKind::Notification => 2,
        DeclKind::Bucket => 3,
        _ => 4,
    };
    placed.sort_by(|a, b| {
        (order(a.decl.kind), &a.decl.name).cmp(&(order(b.decl.kind), &b.decl.name))
    });
    let shared = |values: Vec<&String>| match values.split_first() {
        Some((first, rest)) if rest.iter().all(|v| v == first) => Some((*first).clone()),
        _ => None,
    };
    let store = shared(placed.iter().filter_map(|p| p.store.as_ref()).collect());
    let direct = placed
        .iter()
        .any(|p| matches!(p.filesystem, Some((_, false))));
    let filesystem = shared(
        placed
            .iter()
            .filter_map(|p| p.filesystem.as_ref().map(|(fs, _)| fs))
            .collect(),
    )
    .filter(|_| direct);
    let mut defaults = Vec::new();
    if let Some(store) = &store {
        defaults.push(("store".to_string(), store.clone()));
    }
    if let Some(fs) = &filesystem {
        defaults.push(("filesystem".to_string(), fs.clone()));
    }
    let decls = placed
        .into_iter()
        .map(|mut p| {
            if let (Some(own), None) = (&p.store, &store) {
                p.decl
                    .items
                    .insert(0, write::Item::Attribute("store".into(), own.clone()));
            }
            if let (Some((own, false)), None) = (&p.filesystem, &filesystem) {
                p.decl
                    .items
                    .insert(0, write::Item::Attribute("filesystem".into(), own.clone()));
            }
            p.decl
        })
        .collect();
    Group {
        namespace,
        defaults,
        decls,
    }
}
