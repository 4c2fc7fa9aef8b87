//! ObjectBucketClaims to `bucket` declarations: naming, owner, quota, and
//! the policy and lifecycle JSON turned back into the language's syntax.

use std::collections::BTreeSet;
use std::fmt;

use super::bucket_classes::class_and_owner;
use super::plan::{Kind, Placed, Planner, Start};
use super::quantity::{self, Quantity};
use super::write::{self, Decl, Item};
use super::{lifecycle, policy};
use crate::ast::DeclKind;
use crate::check::names;

const CONFIG: [&str; 2] = ["spec", "additionalConfig"];

fn config(key: &str) -> [&str; 3] {
    [CONFIG[0], CONFIG[1], key]
}

/// Why a claim cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimError {
    /// Its `generateBucketName` is no bucket name prefix (`why`).
    Prefix {
        prefix: String,
        why: crate::check::names::NameError,
    },
    /// Its bucket name is no S3 bucket name (`why`).
    BucketName {
        name: String,
        why: crate::check::names::NameError,
    },
    /// Another claim of the store has the same bucket name.
    NameTaken { store: String, name: String },
    /// Its owner is a user of another object store.
    OwnerElsewhere {
        owner: String,
        owner_store: String,
        store: String,
    },
    /// Its owner cannot be declared as a user.
    OwnerName { owner: String },
}

impl fmt::Display for ClaimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClaimError::Prefix { prefix, why } => {
                write!(f, "its `generateBucketName` `{prefix}` {why}")
            }
            ClaimError::BucketName { name, why } => {
                write!(f, "its S3 bucket name `{name}` {why}")
            }
            ClaimError::NameTaken { store, name } => write!(
                f,
                "another claim of object store `{store}` has the bucket name `{name}`"
            ),
            ClaimError::OwnerElsewhere {
                owner,
                owner_store,
                store,
            } => write!(
                f,
                "its owner `{owner}` is a user of object store `{owner_store}`, not of `{store}`"
            ),
            ClaimError::OwnerName { owner } => {
                write!(f, "its owner `{owner}` cannot be declared as a user")
            }
        }
    }
}

impl<'d> Planner<'d> {
    /// Claims, after their owners: an owner that is not an imported user
    /// is declared (so every policy sees the same users), with a warning.
    pub fn import_claims(&mut self) {
        self.adopt_classes_of_owners();
        let claims = self.of_kind(Kind::Claim);
        for &index in &claims {
            self.invent_owner(index);
        }
        for index in claims {
            self.import_claim(index);
        }
    }

    fn invent_owner(&mut self, index: usize) {
        let (Some(class), Some(owner)) = class_and_owner(&self.documents[index].value) else {
            return;
        };
        let can_declare = write::is_decl_name(owner) && owner.len() <= 63;
        if self.users.contains_key(owner) || !can_declare {
            return;
        }
        let Ok(store) = self.resolve_bucket_class(class) else {
            return;
        };
        let namespace = self
            .stores
            .get(&store)
            .and_then(|s| s.namespace.clone())
            .unwrap_or_default();
        let mut decl = Decl::new(DeclKind::User, owner);
        decl.comments.push(
            "rookc import: invented: the owner of a claim, but its CephObjectStoreUser is not among the inputs; `rookc build` writes one for it: import its manifest, or check before applying".to_string(),
        );
        self.users.insert(owner.to_string(), store.clone());
        self.invented_users.insert(owner.to_string());
        self.placed.push(Placed {
            namespace,
            decl,
            store: Some(store),
            filesystem: None,
            document: None,
        });
    }

    fn import_claim(&mut self, index: usize) {
        let Some(mut start) = self.start(index, true) else {
            return;
        };
        let class = match start.fields.string(&["spec", "storageClassName"]) {
            Some(Ok(class)) => class.to_string(),
            _ => return self.skip(index, "it has no `spec.storageClassName`"),
        };
        let store = match self.store_of_class(index, &class) {
            Ok(store) => store,
            Err(why) => return self.skip(index, why),
        };
        let existing = self.existing_buckets.get(&class).cloned();
        if let Some(bucket) = &existing {
            self.reports[index].warn(format!("its StorageClass `{class}` is bound to the existing bucket {bucket} (`parameters.bucketName`), which the language cannot declare yet: Rook grants this claim that bucket and creates none, but the declaration reads as a new bucket"));
        }
        let mut decl = Decl::new(DeclKind::Bucket, &start.name);
        self.claim_class(&class, &store, &mut decl);
        let naming = match self.existing_bucket_of(&class) {
            Some(existing) => {
                self.existing_bucket_naming(index, &mut start, &existing);
                Ok(Some(existing))
            }
            None => self.bucket_naming(index, &mut start, &mut decl, &store),
        };
        let fixed = match naming {
            Ok(fixed) => fixed,
            Err(why) => return self.skip(index, why),
        };
        let owned = match self.bucket_owner(index, &mut start, &mut decl, &store) {
            Ok(owned) => owned,
            Err(why) => return self.skip(index, why),
        };
        self.bucket_quota(index, &mut start, &mut decl, owned, existing.is_some());
        self.claim_notifications(index, &mut start, &mut decl);
        Self::metadata_blocks(&start, &mut decl);
        self.bucket_policy(index, &mut start, &mut decl, fixed.as_deref(), &store);
        self.bucket_lifecycle(index, &mut start, &mut decl);
        self.place(index, &start, decl, "ObjectBucketClaim", Some(store), None);
    }

    /// `name` or `generate`; the fixed S3 name, if any. Two claims of one
    /// store cannot have the same fixed name.
    fn bucket_naming(
        &mut self,
        index: usize,
        start: &mut Start<'d>,
        decl: &mut Decl,
        store: &str,
    ) -> Result<Option<String>, ClaimError> {
        let fixed = start
            .fields
            .string(&["spec", "bucketName"])
            .and_then(Result::ok);
        let generated = start
            .fields
            .string(&["spec", "generateBucketName"])
            .and_then(Result::ok);
        let fixed = match (fixed, generated) {
            (Some(fixed), generated) => {
                if let Some(prefix) = generated {
                    self.reports[index].warn(format!("`generateBucketName: {prefix}` is left out: with `bucketName` set, the claim controller uses `bucketName`"));
                }
                fixed.to_string()
            }
            (None, Some(prefix)) => {
                names::s3_bucket_prefix(prefix).map_err(|why| ClaimError::Prefix {
                    prefix: prefix.to_string(),
                    why,
                })?;
                decl.attribute("generate", write::quote(prefix));
                return Ok(None);
            }
            (None, None) => {
                self.reports[index].warn(format!(
                    "the claim has neither `bucketName` nor `generateBucketName`; rookc writes `bucketName: {}`",
                    start.name
                ));
                start.name.clone()
            }
        };
        names::s3_bucket_name(&fixed).map_err(|why| ClaimError::BucketName {
            name: fixed.clone(),
            why,
        })?;
        if !self.bucket_names.insert((store.to_string(), fixed.clone())) {
            return Err(ClaimError::NameTaken {
                store: store.to_string(),
                name: fixed,
            });
        }
        if fixed != start.name {
            decl.attribute("name", write::quote(&fixed));
        }
        Ok(Some(fixed))
    }

    /// `owner`: a user of the same store. Whether the bucket has one.
    fn bucket_owner(
        &mut self,
        index: usize,
        start: &mut Start<'d>,
        decl: &mut Decl,
        store: &str,
    ) -> Result<bool, ClaimError> {
        let Some(Ok(owner)) = start.fields.string(&config("bucketOwner")) else {
            return Ok(false);
        };
        match self.users.get(owner) {
            Some(owner_store) if owner_store == store => {
                if self.invented_users.contains(owner) {
                    self.reports[index].warn(format!(
                        "its owner `{owner}` is not among the inputs; the program declares `user {owner}`, and `rookc build` writes a CephObjectStoreUser for it"
                    ));
                }
                decl.attribute("owner", owner.to_string());
                Ok(true)
            }
            Some(owner_store) => Err(ClaimError::OwnerElsewhere {
                owner: owner.to_string(),
                owner_store: owner_store.clone(),
                store: store.to_string(),
            }),
            None => Err(ClaimError::OwnerName {
                owner: owner.to_string(),
            }),
        }
    }

    /// `quota { objects = .. size = .. }`, from the keys Rook reads for a
    /// bucket with or without owner. Without an owner, a bucket-level key
    /// stands for the user-level one rookc writes when that one is absent:
    /// the user Rook creates for such a claim owns only its new bucket.
    /// A claim without owner that has keys of both levels gets
    /// `user_quota` (`max*`) beside `quota` (`bucketMax*`).
    fn bucket_quota(
        &mut self,
        index: usize,
        start: &mut Start<'d>,
        decl: &mut Decl,
        owned: bool,
        existing: bool,
    ) {
        let present = |start: &Start<'d>, keys: [&str; 2]| {
            keys.iter().any(|k| start.fields.peek(&config(k)).is_some())
        };
        if !owned
            && !existing
            && present(start, ["maxObjects", "maxSize"])
            && present(start, ["bucketMaxObjects", "bucketMaxSize"])
        {
            for (block, keys) in [
                ("user_quota", ["maxObjects", "maxSize"]),
                ("quota", ["bucketMaxObjects", "bucketMaxSize"]),
            ] {
                let entries: Vec<(String, String)> = [("objects", keys[0]), ("size", keys[1])]
                    .into_iter()
                    .filter_map(|(entry, key)| self.quota_entry(index, start, entry, key))
                    .collect();
                if !entries.is_empty() {
                    decl.items.push(Item::Block(block.into(), entries));
                }
            }
            return;
        }
        let mut entries = Vec::new();
        for (entry, user_key, bucket_key) in [
            ("objects", "maxObjects", "bucketMaxObjects"),
            ("size", "maxSize", "bucketMaxSize"),
        ] {
            let (written, other) = if owned {
                (bucket_key, user_key)
            } else {
                (user_key, bucket_key)
            };
            let mut key = written;
            if let Some(value) = start.fields.peek(&config(other)) {
                let left_out = if owned {
                    Some("Rook ignores it on a claim with `bucketOwner`, and the language writes `bucketMaxObjects` and `bucketMaxSize` there".to_string())
                } else if existing {
                    Some(format!("its StorageClass is bound to an existing bucket, and `{written}`, which the language writes for a bucket without owner, would limit the user Rook creates for the claim, which does not own that bucket"))
                } else {
                    None
                };
                match left_out {
                    Some(why) => {
                        self.reports[index].warn(format!("`{other}: {value}` is left out: {why}"));
                        start.fields.skip(&config(other));
                    }
                    None => {
                        self.reports[index].warn(format!("`{other}` becomes `quota {{ {entry} }}`, which rookc writes as `{written}` for a bucket without owner: a quota on the user Rook creates for the claim, which owns only this bucket, so the limit is the same (and Rook's operator allows `{written}` by default)"));
                        key = other;
                    }
                }
            }
            if let Some(pair) = self.quota_entry(index, start, entry, key) {
                entries.push(pair);
            }
        }
        if !entries.is_empty() {
            decl.items.push(Item::Block("quota".into(), entries));
        }
    }

    /// One quota entry from `additionalConfig.KEY`, taken when it reads.
    fn quota_entry(
        &mut self,
        index: usize,
        start: &mut Start<'d>,
        entry: &str,
        key: &str,
    ) -> Option<(String, String)> {
        let value = start.fields.peek(&config(key))?;
        let quantity = if entry == "size" {
            quantity::size(value)
        } else {
            quantity::count(value, true)
        };
        let text = match quantity {
            Quantity::Exact(text) => text,
            Quantity::Rewritten(text) => {
                let why = if value.is_string() {
                    ""
                } else {
                    " (Rook reads only strings there)"
                };
                self.reports[index].warn(format!(
                    "`{key}` is {value}; rookc writes the string \"{text}\"{why}"
                ));
                text
            }
            Quantity::Invalid(_) => return None,
        };
        start.fields.take(&config(key));
        Some((entry.to_string(), text))
    }

    fn bucket_policy(
        &mut self,
        index: usize,
        start: &mut Start<'d>,
        decl: &mut Decl,
        fixed: Option<&str>,
        store: &str,
    ) {
        let Some(Ok(text)) = start.fields.string(&config("bucketPolicy")) else {
            return;
        };
        let Some(bucket) = fixed else {
            return self.keep_json(index, decl, "bucketPolicy", text, "the bucket has no fixed name (`generateBucketName`), and a policy's resources must name the bucket");
        };
        let users: BTreeSet<String> = self
            .users
            .iter()
            .filter(|(_, s)| s.as_str() == store)
            .map(|(u, _)| u.clone())
            .collect();
        let context = policy::Context {
            bucket,
            users: &users,
        };
        match policy::import(text, &context) {
            policy::Outcome::Statements { lines, warnings } => {
                for warning in warnings {
                    self.reports[index].warn(format!("bucket policy: {warning}"));
                }
                decl.items.push(Item::Policy(lines));
            }
            policy::Outcome::Kept(why) => self.keep_json(index, decl, "bucketPolicy", text, &why),
        }
    }

    fn bucket_lifecycle(&mut self, index: usize, start: &mut Start<'d>, decl: &mut Decl) {
        let Some(Ok(text)) = start.fields.string(&config("bucketLifecycle")) else {
            return;
        };
        match lifecycle::import(text) {
            lifecycle::Outcome::Rules { lines, warnings } => {
                for warning in warnings {
                    self.reports[index].warn(format!("bucket lifecycle: {warning}"));
                }
                decl.items.push(Item::Lifecycle(lines));
            }
            lifecycle::Outcome::Kept(why) => {
                self.keep_json(index, decl, "bucketLifecycle", text, &why)
            }
        }
    }

    /// Keeps JSON the language cannot write in a comment above the bucket.
    fn keep_json(&mut self, index: usize, decl: &mut Decl, key: &str, text: &str, why: &str) {
        self.reports[index].warn(format!(
            "`{key}` cannot be written in the language, and is kept in a comment: {why}"
        ));
        decl.comments
            .push(format!("rookc import: `{key}` as found:"));
        decl.comments.extend(
            write::json_lines(text)
                .into_iter()
                .map(|l| format!("  {l}")),
        );
    }
}
