//! Buckets: naming, owner, quota, and the policy and lifecycle blocks.

use super::body::{self, Body};
use super::budgets::SizeQuota;
use super::hash::FastMap;
use super::values;
use super::{names, Checker};
use crate::ast::DeclKind;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::{self, BucketNaming};
use crate::source::{Span, Spanned};

/// What the policy checks need to know about the bucket.
pub(super) struct BucketContext<'s> {
    /// The declaration's name.
    pub decl_name: &'s str,
    /// The fixed S3 name.
    pub name: &'s str,
    pub store: Option<&'s str>,
    pub owner: Option<&'s str>,
    pub allows: &'s [Spanned<String>],
    /// `backups = true|false`; `None`: decided by the name.
    pub backups: Option<bool>,
}

impl Checker<'_> {
    pub(super) fn lower_bucket(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        self.check_object_name(decl);
        let store = self.required_reference(decl, &body, "store");
        let class = self.claim_class(decl, &body, store.as_ref());
        let namespace = self.namespace(decl, &body, None);
        if namespace.is_none() && body.own_attribute("namespace").is_none() {
            self.diags.push(body::missing(decl, "namespace").with_note(
                "the namespace of the app that uses the bucket; the claim's Secret and ConfigMap land there. Or put the bucket in a `namespace \"...\" { }` group",
            ));
        }
        let existing = class.as_ref().and_then(|c| c.existing_bucket.clone());
        let naming = match &existing {
            Some(existing) => self.existing_bucket_naming(decl, &body, existing),
            None => self.bucket_naming(decl, &body),
        };
        let owner = body
            .attribute("owner")
            .and_then(|a| values::reference(a, self.diags))
            .and_then(|name| self.owner(&name, store.as_ref()).map(|_| name));
        // Claims on a class bound to an existing bucket share that bucket.
        if let (Some(store), Some(naming), None) = (&store, &naming, &existing) {
            self.bucket_names
                .push((store.value.clone(), naming.value.clone(), naming.span));
        }
        let (max_objects, max_size) = self.bucket_quota(&body, owner.as_ref(), &decl.allows);
        if let Some(namespace) = &namespace {
            let size_written = body
                .block("quota")
                .is_some_and(|q| q.entries.iter().any(|e| e.key.value == "size"));
            let size = match (&max_size, size_written) {
                (Some(size), _) => SizeQuota::Given(size),
                (None, true) => SizeQuota::Invalid,
                (None, false) => SizeQuota::Absent,
            };
            self.count_budget_bucket(decl, &namespace.value, size);
        }
        let user_quota = self.claim_user_quota(&body, owner.as_ref());
        let fixed_name = match &naming {
            Some(Spanned {
                value: BucketNaming::Fixed(name),
                ..
            }) => Some(name.clone()),
            Some(_) => None,
            // An invalid name has been reported; the policy is still
            // checked (the build stops on the error anyway).
            None if body.attribute("generate").is_none() => Some(decl.name.value.clone()),
            None => None,
        };
        let context = BucketContext {
            decl_name: &decl.name.value,
            name: fixed_name.as_deref().unwrap_or(""),
            store: store.as_ref().map(|s| s.value.as_str()),
            owner: owner.as_ref().map(|o| o.value.as_str()),
            allows: &decl.allows,
            backups: body
                .attribute("backups")
                .and_then(|a| values::boolean(a, self.diags))
                .map(|b| b.value),
        };
        let policy = body.policy().and_then(|policy| {
            if fixed_name.is_none() {
                if let Some(naming) = &naming {
                    self.diags.push(
                        Diagnostic::new(
                            Code::PolicyNeedsFixedName,
                            format!(
                                "bucket `{}` has a policy but no fixed S3 name",
                                decl.name.value
                            ),
                            policy.keyword,
                            "the policy's resources must name the bucket",
                        )
                        .with_secondary(naming.span, "the name is generated here")
                        .with_help("replace `generate` with `name = \"...\"`"),
                    );
                }
                // The users it names are still meant to be used.
                for statement in &policy.statements {
                    for principal in &statement.principals {
                        if let crate::ast::Principal::User(user) = principal {
                            let symbol = self.symbols.get(&DeclKind::User);
                            if let Some(&index) = symbol.and_then(|t| t.get(&user.value)) {
                                self.referenced_users[index] = true;
                            }
                        }
                    }
                }
                return None;
            }
            self.lower_policy(policy, &context)
        });
        if let (Some(lifecycle), Some(store)) = (body.lifecycle(), &store) {
            self.check_transitions(lifecycle, &store.value);
        }
        if let Some(lifecycle) = body.lifecycle() {
            self.lint_reef_fields(lifecycle, &decl.allows);
        }
        if let Some(class) = &class {
            let transitions = body.lifecycle().is_some_and(|l| {
                l.rules.iter().any(|r| {
                    matches!(
                        r.action.value.as_str(),
                        "transition" | "transition-noncurrent"
                    )
                })
            });
            let backups = super::policy_lints::is_backup(&context);
            self.lint_delete_reclaim(decl, class, backups, transitions);
        }
        let lifecycle = body
            .lifecycle()
            .and_then(|l| super::lifecycle::lower_lifecycle(l, self.diags));
        self.check_notification_labels(&body);
        let notifications =
            self.bucket_notifications(decl, &body, store.as_ref(), namespace.as_ref());
        let mut meta = self.meta(decl, &body, namespace.map(|n| n.value));
        add_notification_labels(&mut meta, notifications);
        let (Some(class), Some(naming)) = (class, naming) else {
            return;
        };
        let storage_class = class.name;
        self.program.buckets.push(model::Bucket {
            meta,
            origin: decl.name.span,
            storage_class,
            naming: naming.value,
            owner: owner.map(|o| o.value),
            max_objects: max_objects.map(|m| m.value),
            max_size: max_size.map(|s| s.value.quantity),
            user_quota,
            policy,
            lifecycle,
        });
    }

    /// A claim on a class bound to an existing bucket is for that bucket:
    /// the claim library writes its name into `spec.bucketName`, so rookc
    /// does too, and a `name` or `generate` of the bucket's own would not
    /// be used (E0222).
    fn existing_bucket_naming(
        &mut self,
        decl: &crate::ast::Declaration,
        body: &Body,
        existing: &Spanned<String>,
    ) -> Option<Spanned<BucketNaming>> {
        if let Some(own) = body
            .attribute("name")
            .or_else(|| body.attribute("generate"))
        {
            self.diags.push(
                Diagnostic::new(
                    Code::ExistingBucketNamed,
                    format!(
                        "bucket `{}` sets `{}`, but its class grants the existing bucket `{}`",
                        decl.name.value, own.key.value, existing.value
                    ),
                    own.span,
                    "not used by the claim",
                )
                .with_secondary(existing.span, "the class's existing bucket")
                .with_note("a claim on a class with `bucket = \"...\"` is for that bucket; its own bucket name is ignored")
                .with_help(format!("remove `{}`", own.key.value)),
            );
            return None;
        }
        Some(Spanned::new(
            BucketNaming::Fixed(existing.value.clone()),
            decl.name.span,
        ))
    }

    /// `name` (default: the declaration's name) or `generate`.
    fn bucket_naming(
        &mut self,
        decl: &crate::ast::Declaration,
        body: &Body,
    ) -> Option<Spanned<BucketNaming>> {
        let name = body.attribute("name");
        let generate = body.attribute("generate");
        if let (Some(name), Some(generate)) = (name, generate) {
            self.diags.push(
                Diagnostic::new(
                    Code::ConflictingAttributes,
                    format!(
                        "bucket `{}` has both `name` and `generate`",
                        decl.name.value
                    ),
                    generate.span,
                    "`generate` conflicts with `name`",
                )
                .with_secondary(name.span, "`name` given here")
                .with_help("keep `name` for a fixed S3 name, or `generate` for a prefix"),
            );
            return None;
        }
        if let Some(generate) = generate {
            let prefix = values::string(generate, self.diags)?;
            if let Err(why) = names::s3_bucket_prefix(&prefix.value) {
                self.diags.push(
                    Diagnostic::new(
                        Code::InvalidBucketName,
                        format!("bucket name prefix `{}` {why}", prefix.value),
                        prefix.span,
                        "invalid prefix",
                    )
                    .with_note(
                        "the provisioner keeps 26 characters of the prefix and appends `-<uuid>`",
                    ),
                );
                return None;
            }
            return Some(Spanned::new(
                BucketNaming::Generated(prefix.value),
                prefix.span,
            ));
        }
        let (fixed, span) = match name {
            Some(name) => {
                let fixed = values::string(name, self.diags)?;
                (fixed.value, fixed.span)
            }
            None => (decl.name.value.clone(), decl.name.span),
        };
        if let Err(why) = names::s3_bucket_name(&fixed) {
            // A declaration name that Kubernetes rejects has been reported
            // already (E0205): one mistake, one diagnostic.
            if name.is_none() && names::dns_subdomain(&fixed).is_err() {
                return None;
            }
            let mut diagnostic = Diagnostic::new(
                Code::InvalidBucketName,
                format!("S3 bucket name `{fixed}` {why}"),
                span,
                "invalid S3 bucket name",
            )
            .with_optional_help(
                names::s3_bucket_name_fix(&fixed).map(|fix| format!("use `\"{fix}\"`")),
            );
            if name.is_none() {
                diagnostic = diagnostic.with_note("a bucket without `name` or `generate` uses its declaration name as its S3 name");
            }
            self.diags.push(diagnostic);
            return None;
        }
        Some(Spanned::new(BucketNaming::Fixed(fixed), span))
    }

    /// The owner must be a user of the bucket's store.
    fn owner(&mut self, name: &Spanned<String>, store: Option<&Spanned<String>>) -> Option<()> {
        let index = self.resolve(DeclKind::User, name)?;
        self.referenced_users[index] = true;
        let user = self.users.get(&name.value)?;
        if let (Some(user_store), Some(store)) = (&user.store, store) {
            if user_store != &store.value {
                let user_decl = self.decl(user.decl_index);
                self.diags.push(
                    Diagnostic::new(
                        Code::StoreMismatch,
                        format!("owner `{}` is a user of object store `{user_store}`, but the bucket is in `{}`", name.value, store.value),
                        name.span,
                        "user of another store",
                    )
                    .with_secondary(user_decl.name.span, "user declared here")
                    .with_help("give the bucket an owner from its own store"),
                );
                return None;
            }
        }
        self.count_owned_bucket(name);
        Some(())
    }
}

/// Two buckets of one store must not share an S3 name.
pub(super) fn check_unique_s3_names(
    seen: &[(String, BucketNaming, Span)],
    diags: &mut Diagnostics,
) {
    let mut first: FastMap<(&str, &str), Span> = FastMap::default();
    first.reserve(seen.len());
    let mut sorted: Vec<&(String, BucketNaming, Span)> = seen.iter().collect();
    sorted.sort_by_key(|(_, _, span)| *span);
    for (store, naming, span) in sorted {
        let BucketNaming::Fixed(name) = naming else {
            continue;
        };
        match first.get(&(store.as_str(), name.as_str())) {
            Some(earlier) => diags.push(
                Diagnostic::new(
                    Code::DuplicateBucketName,
                    format!("two buckets of object store `{store}` are named `{name}`"),
                    *span,
                    "this bucket's S3 name is taken",
                )
                .with_secondary(*earlier, "first used here")
                .with_note(
                    "S3 bucket names are unique across an object store, whatever the namespace",
                )
                .with_help("give one of them another `name`"),
            ),
            None => {
                first.insert((store.as_str(), name.as_str()), *span);
            }
        }
    }
}

/// The label `bucket-notification-NAME: NAME` for each notification, which
/// is how Rook binds notifications to a claim.
fn add_notification_labels(meta: &mut model::Meta, notifications: Vec<String>) {
    if notifications.is_empty() {
        return;
    }
    for name in notifications {
        let key = format!("{}{name}", super::notifications::LABEL_PREFIX);
        meta.labels.retain(|(k, _)| *k != key);
        meta.labels.push((key, name));
    }
    meta.labels.sort();
}
