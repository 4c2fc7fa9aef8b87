//! Check: the ASTs of all files to the [`model::Program`], reporting every
//! problem with names, types, units, naming rules and policies.
//!
//! The checker works in passes over all declarations, so that order within
//! and across files never matters: collect and register names, read the
//! referenced kinds (object stores, filesystems), then the kinds that refer
//! to them (subvolume groups, users, buckets, volumes), then the lints that
//! need the whole program. Each `lower_*` function reads one declaration
//! and reports its own problems; a declaration with errors still registers
//! its name, so one mistake is reported once, not at every reference.

pub(crate) mod actions;
mod body;
mod buckets;
mod drafts;
mod endpoints;
mod hash;
mod labels;
mod lifecycle;
mod limits;
mod lints;
pub(crate) mod names;
mod notifications;
mod objects;
mod policy;
mod policy_lints;
mod settings;
mod subvolume_groups;
mod suggest;
mod topics;
pub(crate) mod units;
mod users;
mod values;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::ast::{self, DeclKind, Declaration, Item};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::kinds::{NameScope, GROUP_DEFAULTS};
use crate::model;
use crate::source::{Span, Spanned};
use body::Body;
use hash::{FastMap, FastSet};

pub use actions::{ACCESS_GROUPS, S3_ACTIONS};
pub use body::Shape;
pub use drafts::{draft_statement, DraftAction};
pub use endpoints::uri_accepted;
pub use lifecycle::LIFECYCLE_ACTIONS;
pub use notifications::LABEL_PREFIX as NOTIFICATION_LABEL_PREFIX;
pub use policy::is_principal_arn;
pub use settings::{OBC_FIELDS, SETTINGS_ATTRIBUTES};
pub use users::CAPABILITIES;

/// The entry keys of `kind`'s block `key`, from the kind's definition;
/// empty for free-form blocks (`labels`).
fn entry_keys(kind: DeclKind, key: &str) -> Vec<&'static str> {
    kind.attribute(key)
        .map(|a| a.entries().iter().map(|e| e.key).collect())
        .unwrap_or_default()
}

/// The label every emitted object carries.
pub const MANAGED_BY_LABEL: &str = "app.kubernetes.io/managed-by";

/// Checks a whole program. The returned model is complete only when no
/// error was reported.
///
/// The checker takes the syntax trees: once a declaration is lowered, only
/// its kind, name and place are kept (for references and lints), so a
/// large program's syntax and model are not held in memory at once.
pub fn check(files: Vec<ast::File>, diags: &mut Diagnostics) -> model::Program {
    let mut checker = Checker::new(files, diags);
    checker.run();
    checker.program.sort();
    checker.program
}

/// An object store as the rest of the program sees it.
struct Store {
    decl_index: usize,
    namespace: Option<String>,
    storage_class: Option<String>,
    allow_users_in: Vec<String>,
}

/// A filesystem as the rest of the program sees it.
struct Filesystem {
    decl_index: usize,
    namespace: Option<String>,
    storage_class: Option<String>,
    operator_namespace: Option<String>,
}

/// A subvolume group as volumes see it.
struct SubvolumeGroup {
    decl_index: usize,
    filesystem: Option<String>,
    storage_class: Option<String>,
}

/// A topic as notifications and buckets see it.
struct Topic {
    decl_index: usize,
    store: Option<String>,
    namespace: Option<String>,
}

/// A notification as buckets see it.
struct Notification {
    decl_index: usize,
    namespace: Option<String>,
    topic: Option<String>,
}

/// A user as buckets and lints see it.
struct User {
    decl_index: usize,
    store: Option<String>,
    /// Size quota in bytes, and as written.
    max_size: Option<(u128, String)>,
    max_objects: Option<u64>,
}

struct Checker<'a> {
    diags: &'a mut Diagnostics,
    /// Every declaration; see [`Checker::lower`] for what is kept of one
    /// once it is lowered.
    decls: Vec<Arc<Declaration>>,
    /// Globally named kinds: name -> index of the first declaration.
    /// (Hashed: a large program looks names up hundreds of thousands of
    /// times; suggestions do not depend on the order of the names.)
    symbols: BTreeMap<DeclKind, FastMap<String, usize>>,
    broken: FastSet<(DeclKind, String)>,
    /// Words of text the parser skipped (see `ast::File::mentioned_in_skipped`).
    mentioned_in_skipped: FastSet<String>,
    stores: FastMap<String, Store>,
    filesystems: FastMap<String, Filesystem>,
    groups: FastMap<String, SubvolumeGroup>,
    users: FastMap<String, User>,
    topics: FastMap<String, Topic>,
    notifications: FastMap<String, Notification>,
    /// By declaration index: users named as an owner or a principal.
    referenced_users: Vec<bool>,
    /// StorageClasses emitted for subvolume groups: name -> where.
    emitted_classes: FastMap<String, Span>,
    /// (filesystem, Ceph group name) -> where declared.
    ceph_groups: FastMap<(String, String), Span>,
    /// Declarations by name, built at the first reference that does not
    /// resolve (to tell "another kind" from "unknown" without a scan).
    by_name: Option<FastMap<String, Vec<usize>>>,
    /// The "did you mean" of each unknown name, computed once: a renamed
    /// user may be referred to by thousands of buckets.
    suggestions: FastMap<(DeclKind, String), Option<String>>,
    /// How many more names suggestions may compare: a program with
    /// thousands of different unknown names gets suggestions for the first
    /// ones only, instead of taking minutes.
    suggestion_budget: usize,
    /// Whether some user reference did not resolve.
    unresolved_user_reference: bool,
    /// (store, naming, span) of every bucket, for S3 name clashes.
    bucket_names: Vec<(String, model::BucketNaming, Span)>,
    program: model::Program,
}

/// How many names "did you mean" may compare in one run (see
/// [`Checker::resolve`]).
pub const SUGGESTION_BUDGET: usize = 5_000_000;

impl<'a> Checker<'a> {
    fn new(files: Vec<ast::File>, diags: &'a mut Diagnostics) -> Self {
        let mut decls = Vec::new();
        let mut broken = FastSet::default();
        let mut mentioned_in_skipped = FastSet::default();
        let mut settings_blocks = Vec::new();
        for file in files {
            broken.extend(file.broken);
            mentioned_in_skipped.extend(file.mentioned_in_skipped);
            for item in file.items {
                match item {
                    Item::Declaration(decl) => decls.push(Arc::new(decl)),
                    Item::Group(group) => {
                        check_group(&group, diags);
                        decls.extend(group.declarations.into_iter().map(Arc::new));
                    }
                    Item::Settings(block) => settings_blocks.push(block),
                }
            }
        }
        let program = model::Program {
            settings: settings::check_settings(&settings_blocks, diags),
            ..model::Program::default()
        };
        let count = decls.len();
        Checker {
            diags,
            decls,
            symbols: BTreeMap::new(),
            broken,
            mentioned_in_skipped,
            stores: FastMap::default(),
            filesystems: FastMap::default(),
            groups: FastMap::default(),
            users: FastMap::default(),
            topics: FastMap::default(),
            notifications: FastMap::default(),
            referenced_users: vec![false; count],
            bucket_names: Vec::new(),
            unresolved_user_reference: false,
            emitted_classes: FastMap::default(),
            ceph_groups: FastMap::default(),
            program,
            by_name: None,
            suggestions: FastMap::default(),
            suggestion_budget: SUGGESTION_BUDGET,
        }
    }

    fn run(&mut self) {
        let count = |kind| self.decls.iter().filter(|d| d.kind.value == kind).count();
        let (users, buckets, volumes) = (
            count(DeclKind::User),
            count(DeclKind::Bucket),
            count(DeclKind::Volume),
        );
        self.program.users.reserve_exact(users);
        self.program.buckets.reserve_exact(buckets);
        self.program.volumes.reserve_exact(volumes);
        self.bucket_names.reserve_exact(buckets);
        self.users.reserve(users);
        for index in 0..self.decls.len() {
            self.register(index);
            lints::check_allows(&self.decls[index], self.diags);
        }
        for kind in DeclKind::ALL {
            for index in 0..self.decls.len() {
                if self.decls[index].kind.value == kind && self.is_first(index) {
                    self.lower(index);
                }
            }
        }
        self.check_unique_per_namespace();
        self.check_shared_storage_classes();
        self.lint_unused_users();
    }

    /// Lowers one declaration into the model, then frees its body: later
    /// passes read only a declaration's kind, name, place and `@allow`s
    /// (what the others need of it is in the checker's tables).
    fn lower(&mut self, index: usize) {
        match self.decls[index].kind.value {
            DeclKind::ObjectStore => self.lower_store(index),
            DeclKind::Filesystem => self.lower_filesystem(index),
            DeclKind::SubvolumeGroup => self.lower_subvolume_group(index),
            DeclKind::User => self.lower_user(index),
            DeclKind::Topic => self.lower_topic(index),
            DeclKind::Notification => self.lower_notification(index),
            DeclKind::Bucket => self.lower_bucket(index),
            DeclKind::Volume => self.lower_volume(index),
        }
        if let Some(decl) = Arc::get_mut(&mut self.decls[index]) {
            decl.body = Vec::new();
        }
    }

    /// A declaration, to hold while `self` changes.
    fn decl(&self, index: usize) -> Arc<Declaration> {
        Arc::clone(&self.decls[index])
    }

    /// Records a globally named declaration, reporting duplicates.
    fn register(&mut self, index: usize) {
        let decl = self.decl(index);
        let kind = decl.kind.value;
        if kind.def().scope != NameScope::Program {
            return;
        }
        let table = self.symbols.entry(kind).or_default();
        match table.get(decl.name.value.as_str()) {
            Some(&first) => {
                let first = &self.decls[first];
                self.diags.push(duplicate(
                    &decl,
                    first.name.span,
                    &format!("{} `{}` is declared twice", kind.noun(), decl.name.value),
                ));
            }
            None => {
                table.insert(decl.name.value.clone(), index);
            }
        }
    }

    /// Whether `index` is the declaration its name resolves to (a duplicate
    /// of a global kind is reported once and not checked further).
    fn is_first(&self, index: usize) -> bool {
        let decl = &self.decls[index];
        match self.symbols.get(&decl.kind.value) {
            Some(table) => table.get(decl.name.value.as_str()) == Some(&index),
            None => true,
        }
    }

    /// Resolves a reference to a declaration of `kind`, reporting unknown
    /// names (with a suggestion) and names of another kind.
    fn resolve(&mut self, kind: DeclKind, name: &Spanned<String>) -> Option<usize> {
        if let Some(&index) = self
            .symbols
            .get(&kind)
            .and_then(|t| t.get(name.value.as_str()))
        {
            return Some(index);
        }
        if kind == DeclKind::User {
            // The reference may have meant a declared user: do not also
            // call that user unused.
            self.unresolved_user_reference = true;
        }
        if self.broken.contains(&(kind, name.value.clone())) {
            return None;
        }
        let decls = &self.decls;
        let by_name = self.by_name.get_or_insert_with(|| {
            let mut by_name: FastMap<String, Vec<usize>> = FastMap::default();
            for (index, decl) in decls.iter().enumerate() {
                by_name
                    .entry(decl.name.value.clone())
                    .or_default()
                    .push(index);
            }
            by_name
        });
        let other = by_name
            .get(&name.value)
            .and_then(|indices| indices.iter().find(|&&i| decls[i].kind.value != kind))
            .map(|&i| Arc::clone(&decls[i]));
        if let Some(other) = other {
            self.diags.push(
                Diagnostic::new(
                    Code::WrongKind,
                    format!(
                        "`{}` is {} {}, not {} {}",
                        name.value,
                        other.kind.value.article(),
                        other.kind.value.noun(),
                        kind.article(),
                        kind.noun()
                    ),
                    name.span,
                    format!("expected {} {}", kind.article(), kind.noun()),
                )
                .with_secondary(
                    other.name.span,
                    format!("`{}` is declared here", name.value),
                ),
            );
            return None;
        }
        let symbols = &self.symbols;
        let budget = &mut self.suggestion_budget;
        let suggestion = self
            .suggestions
            .entry((kind, name.value.clone()))
            .or_insert_with(|| {
                let table = symbols.get(&kind)?;
                *budget = budget.checked_sub(table.len())?;
                suggest::did_you_mean(&name.value, table.keys().map(String::as_str))
                    .map(str::to_string)
            });
        let help = suggestion
            .as_ref()
            .map(|s| format!("did you mean `{s}`?"))
            .or_else(|| {
                Some(format!(
                    "declare it: `{} {} {{ ... }}`",
                    kind.keyword(),
                    name.value
                ))
            });
        self.diags.push(
            Diagnostic::new(
                Code::UnknownName,
                format!("no {} named `{}`", kind.noun(), name.value),
                name.span,
                format!("not a declared {}", kind.noun()),
            )
            .with_optional_help(help),
        );
        None
    }

    /// The namespace of a declaration: its own `namespace`, else its
    /// group's, else `default`.
    fn namespace(
        &mut self,
        decl: &Declaration,
        body: &Body,
        default: Option<&str>,
    ) -> Option<Spanned<String>> {
        if let Some(attribute) = body.own_attribute("namespace") {
            let own = values::string(attribute, self.diags)?;
            if let Some(group) = &decl.group_namespace {
                self.diags.push(
                    Diagnostic::new(
                        Code::ConflictingAttributes,
                        format!(
                            "{} `{}` sets a namespace inside a `namespace` group",
                            decl.kind.value.noun(),
                            decl.name.value
                        ),
                        attribute.span,
                        "namespace set here",
                    )
                    .with_secondary(group.span, "the group already sets it")
                    .with_help("remove `namespace` here, or move the declaration out of the group"),
                );
                return None;
            }
            self.check_namespace_name(&own);
            return Some(own);
        }
        if let Some(group) = &decl.group_namespace {
            return Some(group.clone());
        }
        default.map(|ns| Spanned::new(ns.to_string(), decl.name.span))
    }

    fn check_namespace_name(&mut self, namespace: &Spanned<String>) {
        if let Err(why) = names::dns_label(&namespace.value) {
            self.diags.push(invalid_name(
                namespace.span,
                "namespace",
                &namespace.value,
                &why,
            ));
        }
    }

    /// Checks the declaration's own name as a Kubernetes object name.
    fn check_object_name(&mut self, decl: &Declaration) {
        if let Err(why) = names::dns_subdomain(&decl.name.value) {
            self.diags.push(invalid_name(
                decl.name.span,
                decl.kind.value.noun(),
                &decl.name.value,
                &why,
            ));
        }
    }

    /// Buckets and volumes are unique per namespace; S3 bucket names per
    /// object store.
    fn check_unique_per_namespace(&mut self) {
        let mut seen: FastMap<(DeclKind, Option<&str>, &str), Span> = FastMap::default();
        seen.reserve(self.program.buckets.len() + self.program.volumes.len());
        let mut reports = Vec::new();
        let objects = self
            .program
            .buckets
            .iter()
            .map(|b| (DeclKind::Bucket, &b.meta, b.origin))
            .chain(
                self.program
                    .volumes
                    .iter()
                    .map(|v| (DeclKind::Volume, &v.meta, v.origin)),
            );
        let mut sorted: Vec<_> = objects.collect();
        sorted.sort_by_key(|(_, _, origin)| *origin);
        for (kind, meta, origin) in sorted {
            let key = (kind, meta.namespace.as_deref(), meta.name.as_str());
            match seen.get(&key) {
                Some(first) => reports.push((kind, meta.clone(), origin, *first)),
                None => {
                    seen.insert(key, origin);
                }
            }
        }
        for (kind, meta, origin, first) in reports {
            let namespace = meta.namespace.unwrap_or_default();
            self.diags.push(
                Diagnostic::new(
                    Code::DuplicateDeclaration,
                    format!(
                        "{} `{}` is declared twice in namespace `{namespace}`",
                        kind.noun(),
                        meta.name
                    ),
                    origin,
                    "declared again here",
                )
                .with_secondary(first, "first declared here")
                .with_help("rename one of them, or put them in different namespaces"),
            );
        }
        buckets::check_unique_s3_names(&self.bucket_names, self.diags);
    }
}

fn check_group(group: &ast::Group, diags: &mut Diagnostics) {
    if let Err(why) = names::dns_label(&group.namespace.value) {
        diags.push(invalid_name(
            group.namespace.span,
            "namespace",
            &group.namespace.value,
            &why,
        ));
    }
    let mut seen: Vec<&ast::Attribute> = Vec::new();
    for attribute in &group.attributes {
        let key = attribute.key.value.as_str();
        if !GROUP_DEFAULTS.contains(&key) {
            diags.push(
                Diagnostic::new(
                    Code::UnknownAttribute,
                    format!("a `namespace` group has no default `{key}`"),
                    attribute.key.span,
                    "unknown default",
                )
                .with_optional_help(
                    suggest::did_you_mean(key, GROUP_DEFAULTS)
                        .map(|k| format!("did you mean `{k}`?")),
                )
                .with_note(format!(
                    "a group sets defaults for {}",
                    GROUP_DEFAULTS.map(|k| format!("`{k}`")).join(" and ")
                )),
            );
        } else if let Some(first) = seen.iter().find(|a| a.key.value == key) {
            diags.push(
                Diagnostic::new(
                    Code::DuplicateAttribute,
                    format!("`{key}` is given twice in the group"),
                    attribute.key.span,
                    "given again here",
                )
                .with_secondary(first.key.span, "first given here"),
            );
        } else {
            seen.push(attribute);
        }
    }
}

fn duplicate(decl: &Declaration, first: Span, message: &str) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateDeclaration,
        message,
        decl.name.span,
        "declared again here",
    )
    .with_secondary(first, "first declared here")
    .with_help("rename one of them, or remove the second")
}

fn invalid_name(span: Span, what: &str, name: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidKubernetesName,
        format!("{what} name `{name}` {why}"),
        span,
        "not a valid Kubernetes name",
    )
    .with_help(suggested_name(name).map_or_else(
        || "use lowercase letters, digits and `-`".to_string(),
        |s| format!("use a name such as `{s}`"),
    ))
}

/// A valid name close to `name`: lowercase, `_` and other marks as `-`.
fn suggested_name(name: &str) -> Option<String> {
    let mapped: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = mapped
        .trim_matches('-')
        .chars()
        .take(63)
        .collect::<String>();
    let trimmed = trimmed.trim_end_matches('-').to_string();
    (!trimmed.is_empty() && trimmed != name).then_some(trimmed)
}
