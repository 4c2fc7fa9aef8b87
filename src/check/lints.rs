//! Warnings for likely mistakes, and their silencing with `@allow(name)`.

use super::Checker;
use crate::ast::Declaration;
use crate::diag::{Code, Diagnostic, Diagnostics, Severity};
use crate::source::Spanned;

/// Reports `@allow(...)` names that are not warnings.
pub fn check_allows(decl: &Declaration, diags: &mut Diagnostics) {
    let statements = decl.body.iter().filter_map(|item| match item {
        crate::ast::BodyItem::Policy(policy) => Some(policy.statements.iter()),
        _ => None,
    });
    let all = decl
        .allows
        .iter()
        .chain(statements.flatten().flat_map(|s| s.allows.iter()));
    for allow in all {
        if Code::warning_named(&allow.value).is_some() {
            continue;
        }
        let warnings: Vec<&str> = Code::ALL
            .iter()
            .filter(|c| c.severity() == Severity::Warning)
            .map(|c| c.name())
            .collect();
        let is_error = Code::ALL.iter().any(|c| c.name() == allow.value);
        let message = if is_error {
            format!(
                "`{}` is an error, and errors cannot be allowed",
                allow.value
            )
        } else {
            format!("`{}` is not a warning", allow.value)
        };
        diags.push(
            Diagnostic::new(
                Code::UnknownValue,
                message,
                allow.span,
                "not a warning name",
            )
            .with_optional_help(
                super::suggest::did_you_mean(&allow.value, warnings.iter().copied())
                    .map(|w| format!("did you mean `{w}`?")),
            )
            .with_note(format!(
                "the warnings are {}",
                warnings
                    .iter()
                    .map(|w| format!("`{w}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
    }
}

impl Checker<'_> {
    /// Reports a warning unless one of the `allows` lists silences it.
    pub(super) fn warn(&mut self, diagnostic: Diagnostic, allows: &[&[Spanned<String>]]) {
        let name = diagnostic.code.name();
        if allows
            .iter()
            .any(|list| list.iter().any(|a| a.value == name))
        {
            return;
        }
        self.diags.push(diagnostic);
    }

    /// W0502: a user that owns no bucket and is named in no policy.
    pub(super) fn lint_unused_users(&mut self) {
        if self.unresolved_user_reference {
            return;
        }
        let mut unused: Vec<usize> = self
            .users
            .iter()
            .filter(|(name, user)| {
                !self.referenced_users[user.decl_index]
                    // A declaration the parser skipped may have used it.
                    && !self.mentioned_in_skipped.contains(name.as_str())
            })
            .map(|(_, user)| user.decl_index)
            .collect();
        unused.sort_unstable();
        for index in unused {
            let decl = self.decl(index);
            let decl = &*decl;
            self.warn(
                Diagnostic::new(Code::UnusedUser, format!("user `{}` owns no bucket and no policy names it", decl.name.value), decl.name.span, "never referenced")
                    .with_help("make it a bucket's `owner` or grant it access in a policy; if it only needs its own credentials, add `@allow(unused-user)`"),
                &[&decl.allows],
            );
        }
    }

    /// W0503: a bucket quota larger than its owner's user quota.
    pub(super) fn lint_quota_against_owner(
        &mut self,
        owner: &Spanned<String>,
        objects: Option<&Spanned<u64>>,
        size: Option<&Spanned<super::units::Size>>,
        allows: &[Spanned<String>],
    ) {
        let Some(user) = self.users.get(&owner.value) else {
            return;
        };
        let user_decl = self.decl(user.decl_index);
        let mut findings = Vec::new();
        if let (Some(objects), Some(limit)) = (objects, user.max_objects) {
            if objects.value > limit {
                findings.push((
                    objects.span,
                    format!("{} objects", objects.value),
                    format!("{limit} objects"),
                ));
            }
        }
        if let (Some(size), Some((limit, written))) = (size, &user.max_size) {
            if size.value.bytes > *limit {
                findings.push((
                    size.span,
                    format!("`{}`", size.value.quantity),
                    format!("`{written}`"),
                ));
            }
        }
        for (span, bucket_quota, user_quota) in findings {
            self.warn(
                Diagnostic::new(
                    Code::QuotaExceedsOwner,
                    format!("the bucket's quota of {bucket_quota} exceeds its owner `{}`'s quota of {user_quota}", owner.value),
                    span,
                    "larger than the owner's quota",
                )
                .with_secondary(user_decl.name.span, "owner declared here")
                .with_note("RGW enforces both quotas; the owner's is reached first")
                .with_help("lower the bucket quota or raise the user's"),
                &[allows],
            );
        }
    }
}
