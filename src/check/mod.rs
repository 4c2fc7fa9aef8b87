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

mod accounts;
pub(crate) mod actions;
mod block;
mod body;
mod bucket_classes;
mod bucket_quota;
mod buckets;
mod budgets;
mod caps;
mod client_lints;
mod client_pools;
mod clients;
pub(crate) mod cluster_id;
mod drafts;
mod endpoints;
mod file_classes;
mod group_fields;
mod hash;
mod labels;
mod lifecycle;
mod lifecycle_options;
mod lifecycle_rule;
mod limits;
mod lints;
pub(crate) mod names;
mod namespaces;
mod notifications;
mod objects;
mod placement;
mod policy;
mod policy_lints;
mod references;
mod settings;
mod snapshots;
mod source_checks;
mod static_volumes;
mod subvolume_groups;
mod suggest;
mod topics;
pub(crate) mod units;
mod user_keys;
mod users;
mod values;
mod versions;
mod volume_sources;
mod volumes;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::ast::{self, DeclKind, Declaration, Item};
use crate::diag::Diagnostics;
use crate::model;
use crate::source::{Span, Spanned};
use block::{BlockClass, BlockPool};
use hash::{FastMap, FastSet};

pub use crate::kinds::user::OPERATIONS;
pub use actions::{ACCESS_GROUPS, S3_ACTIONS};
pub use body::Shape;
pub use bucket_classes::deleting_classes_note;
pub use drafts::{draft_statement, DraftAction, DraftError};
pub use endpoints::uri_accepted;
pub use lifecycle::{LIFECYCLE_ACTIONS, RULE_OPTIONS};
pub use notifications::LABEL_PREFIX as NOTIFICATION_LABEL_PREFIX;
pub use policy::is_principal_arn;
pub use settings::{OBC_FIELDS, SETTINGS_ATTRIBUTES};
pub use static_volumes::root_path_is_valid;
pub use user_keys::{DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY};
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
    storage_class: Option<Spanned<String>>,
    allow_users_in: Vec<String>,
    /// The prefix of the bucket provisioner's name.
    operator_namespace: Option<String>,
    /// `placement_classes`, `STANDARD` included; `None` when not declared.
    placement_classes: Option<Vec<String>>,
}

/// A bucket class as buckets and lints see it.
struct BucketClass {
    decl_index: usize,
    store: Option<String>,
    /// `reclaim = delete`, where written; `None` for `retain` or when
    /// invalid.
    deletes: Option<Span>,
    /// `bucket = "..."`, the existing bucket, and where.
    existing_bucket: Option<Spanned<String>>,
}

/// A filesystem as the rest of the program sees it.
struct Filesystem {
    decl_index: usize,
    namespace: Option<String>,
    storage_class: Option<String>,
    /// Where `storage_class` is written.
    storage_class_span: Option<Span>,
    operator_namespace: Option<String>,
}

/// A file class as filesystems and volumes see it.
struct FileClass {
    decl_index: usize,
    filesystem: Option<String>,
}

/// A subvolume group as volumes see it.
struct SubvolumeGroup {
    decl_index: usize,
    filesystem: Option<String>,
    storage_class: Option<String>,
}

/// An account as its users and policies see it.
struct Account {
    decl_index: usize,
    store: Option<String>,
    namespace: Option<String>,
    account_id: Option<String>,
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
    /// The account it belongs to, and its display name there.
    account: Option<(String, String)>,
    /// Size quota in bytes, and as written.
    max_size: Option<(u128, String)>,
    max_objects: Option<u64>,
    /// `quota { buckets = N }` and where it is written; `None`: Rook's
    /// default.
    max_buckets: Option<(u64, Span)>,
    /// The buckets of the program that name the user as their owner,
    /// against `max_buckets` (or Rook's default).
    owned_buckets: budgets::Allowance,
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
    block_pools: FastMap<String, BlockPool>,
    block_classes: FastMap<String, BlockClass>,
    snapshot_classes: FastMap<String, snapshots::SnapshotClass>,
    /// Snapshots and volumes by (namespace, name), for restores, clones
    /// and snapshots.
    snapshots: FastMap<volume_sources::VolumeKey, snapshots::Snapshot>,
    volume_facts: FastMap<volume_sources::VolumeKey, volume_sources::VolumeFacts>,
    file_classes: FastMap<String, FileClass>,
    users: FastMap<String, User>,
    accounts: FastMap<String, Account>,
    /// (namespace, Secret, key) of every access key a user reads, for
    /// pairs given twice.
    key_sources: FastMap<(Option<String>, String, String), Span>,
    bucket_classes: FastMap<String, BucketClass>,
    topics: FastMap<String, Topic>,
    notifications: FastMap<String, Notification>,
    /// The `budget` of each namespace that has one.
    budgets: FastMap<String, budgets::NamespaceBudget>,
    /// By declaration index: users named as an owner or a principal.
    referenced_users: Vec<bool>,
    /// StorageClasses emitted for subvolume groups: name -> where.
    emitted_classes: FastMap<String, Span>,
    /// (filesystem, Ceph group name) -> where declared.
    ceph_groups: FastMap<(String, String), Span>,
    /// CSI cluster ID of each subvolume group -> where given (or the
    /// group's name, for a computed one).
    group_cluster_ids: FastMap<String, Span>,
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
    /// Every object of a kind named per namespace, for duplicates.
    namespaced: Vec<Namespaced>,
    /// The PersistentVolumes of static volumes.
    static_volumes: static_volumes::StaticVolumes,
    program: model::Program,
}

/// An object of a kind named per namespace ([`NameScope::Namespace`]).
#[derive(Clone)]
struct Namespaced {
    kind: DeclKind,
    namespace: Option<String>,
    name: String,
    origin: Span,
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
        let mut budgets = FastMap::default();
        for file in files {
            broken.extend(file.broken);
            mentioned_in_skipped.extend(file.mentioned_in_skipped);
            for item in file.items {
                match item {
                    Item::Declaration(decl) => decls.push(Arc::new(decl)),
                    Item::Group(group) => {
                        namespaces::check_group(&group, diags);
                        budgets::group_budget(&group, &mut budgets, diags);
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
            block_pools: FastMap::default(),
            block_classes: FastMap::default(),
            snapshot_classes: FastMap::default(),
            snapshots: FastMap::default(),
            volume_facts: FastMap::default(),
            file_classes: FastMap::default(),
            users: FastMap::default(),
            accounts: FastMap::default(),
            key_sources: FastMap::default(),
            bucket_classes: FastMap::default(),
            topics: FastMap::default(),
            notifications: FastMap::default(),
            budgets,
            referenced_users: vec![false; count],
            bucket_names: Vec::new(),
            namespaced: Vec::new(),
            static_volumes: static_volumes::StaticVolumes::default(),
            unresolved_user_reference: false,
            emitted_classes: FastMap::default(),
            ceph_groups: FastMap::default(),
            group_cluster_ids: FastMap::default(),
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
        self.check_volume_sources();
        self.check_unique_per_namespace();
        self.check_shared_storage_classes();
        self.check_store_default_classes();
        self.lint_unused_users();
    }

    /// Lowers one declaration into the model, then frees its body: later
    /// passes read only a declaration's kind, name, place and `@allow`s
    /// (what the others need of it is in the checker's tables).
    fn lower(&mut self, index: usize) {
        versions::check_declaration(
            &self.decls[index],
            self.program.settings.rook_version,
            self.diags,
        );
        match self.decls[index].kind.value {
            DeclKind::ObjectStore => self.lower_store(index),
            DeclKind::Filesystem => self.lower_filesystem(index),
            DeclKind::SubvolumeGroup => self.lower_subvolume_group(index),
            DeclKind::Account => self.lower_account(index),
            DeclKind::BlockPool => self.lower_block_pool(index),
            DeclKind::BlockClass => self.lower_block_class(index),
            DeclKind::SnapshotClass => self.lower_snapshot_class(index),
            DeclKind::Snapshot => self.lower_snapshot(index),
            DeclKind::User => self.lower_user(index),
            DeclKind::BucketClass => self.lower_bucket_class(index),
            DeclKind::FileClass => self.lower_file_class(index),
            DeclKind::Topic => self.lower_topic(index),
            DeclKind::Notification => self.lower_notification(index),
            DeclKind::Bucket => self.lower_bucket(index),
            DeclKind::Volume => self.lower_volume(index),
            DeclKind::Client => self.lower_client(index),
        }
        if let Some(decl) = Arc::get_mut(&mut self.decls[index]) {
            decl.body = Vec::new();
        }
    }

    /// A declaration, to hold while `self` changes.
    fn decl(&self, index: usize) -> Arc<Declaration> {
        Arc::clone(&self.decls[index])
    }
}
