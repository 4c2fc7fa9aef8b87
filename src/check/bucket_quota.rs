//! A bucket's quotas: `quota` (the bucket's own) and `user_quota` (the
//! quota of the RGW user Rook generates for a claim without owner).

use super::body::{self, Body};
use super::units::Size;
use super::values;
use super::{entry_keys, Checker};
use crate::ast::{Block, DeclKind};
use crate::diag::{Code, Diagnostic};
use crate::model::ClaimUserQuota;
use crate::source::Spanned;

impl Checker<'_> {
    /// `quota { objects = .. size = .. }`; warns when it exceeds the owner's.
    pub(super) fn bucket_quota(
        &mut self,
        body: &Body,
        owner: Option<&Spanned<String>>,
        allows: &[Spanned<String>],
    ) -> (Option<Spanned<u64>>, Option<Spanned<Size>>) {
        let Some(block) = body.block("quota") else {
            return (None, None);
        };
        let (objects, size) = self.quota_entries(block, "quota");
        if let Some(owner) = owner {
            self.lint_quota_against_owner(owner, objects.as_ref(), size.as_ref(), allows);
        }
        (objects, size)
    }

    /// `user_quota { objects = .. size = .. }` of a bucket without owner
    /// (`maxObjects`/`maxSize`); with an owner it is E0365, as Rook skips
    /// the user-level quota of a claim that names its owner.
    pub(super) fn claim_user_quota(
        &mut self,
        body: &Body,
        owner: Option<&Spanned<String>>,
    ) -> Option<ClaimUserQuota> {
        let block = body.block("user_quota")?;
        let (objects, size) = self.quota_entries(block, "user_quota");
        if let Some(owner) = owner {
            self.diags.push(
                Diagnostic::new(
                    Code::UserQuotaWithOwner,
                    format!(
                        "`user_quota` limits the user Rook creates for a claim, but this bucket's owner is `{}`",
                        owner.value
                    ),
                    block.name.span,
                    "no generated user to limit",
                )
                .with_secondary(owner.span, "the bucket's owner")
                .with_note("with `bucketOwner` set, Rook skips `maxObjects` and `maxSize` (\"Skipping user level quotas\")")
                .with_help(format!(
                    "limit the bucket with `quota`, or the owner with `quota` in `user {}`",
                    owner.value
                )),
            );
            return None;
        }
        Some(ClaimUserQuota {
            max_objects: objects.map(|o| o.value),
            max_size: size.map(|s| s.value.quantity),
        })
    }

    fn quota_entries(
        &mut self,
        block: &Block,
        key: &str,
    ) -> (Option<Spanned<u64>>, Option<Spanned<Size>>) {
        let (mut objects, mut size) = (None, None);
        for entry in body::block_entries(
            block,
            &entry_keys(DeclKind::Bucket, key),
            &format!("a bucket's `{key}`"),
            self.diags,
        ) {
            if entry.key.value == "objects" {
                objects = values::count(entry, self.diags);
            } else {
                size = values::size(entry, self.diags);
            }
        }
        (objects, size)
    }
}
