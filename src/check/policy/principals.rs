//! Principals of a statement: the declared users and explicit IAM ARNs
//! it names, and the rules an explicit ARN must follow to name anyone in
//! RGW.

// The rule functions return their diagnostic as the error value; it is the
// cold path, so its size does not matter.
#![allow(clippy::result_large_err)]

use std::collections::BTreeSet;

use crate::diag::{Code, Diagnostic};
use crate::source::{Span, Spanned};

/// The principals of one source statement.
#[derive(Default)]
pub(in crate::check) struct Principals {
    /// Where `anyone` was written, if it was.
    pub public: Option<Span>,
    /// Declared users named.
    pub users: BTreeSet<String>,
    /// IAM ARNs of the users and explicit ARNs.
    pub arns: BTreeSet<String>,
}

impl Principals {
    /// `None` for every principal (`"*"`), else the sorted ARNs.
    pub(super) fn json(self) -> Option<Vec<String>> {
        if self.public.is_some() {
            None
        } else {
            Some(self.arns.into_iter().collect())
        }
    }

    /// Whether the statement names the bucket's owner and nobody else.
    pub fn only_owner(&self, owner: Option<&str>) -> bool {
        self.public.is_none()
            && !self.users.is_empty()
            && self.arns.len() == self.users.len()
            && self.users.iter().all(|u| Some(u.as_str()) == owner)
    }
}

/// An explicit principal: an IAM ARN of a user, role or tenant, as RGW
/// parses it.
pub(super) fn check_arn(arn: &Spanned<String>) -> Result<(), Diagnostic> {
    let text = arn.value.as_str();
    if text == "*" {
        return Err(Diagnostic::new(
            Code::InvalidPrincipal,
            "`\"*\"` is written `anyone`",
            arn.span,
            "write `anyone`",
        )
        .with_help("replace `\"*\"` with `anyone`"));
    }
    if text.contains(['*', '?']) && is_principal_arn(text) {
        return Err(Diagnostic::new(
            Code::InvalidPrincipal,
            format!("`{text}` has a wildcard, and RGW matches principal ARNs literally"),
            arn.span,
            "matches no principal",
        )
        .with_note("RGW accepts the ARN but compares it with the requester as written, so it names a user or tenant called `*`; only `\"*\"` alone means every principal")
        .with_help("name the users, write `arn:aws:iam::TENANT:root` for a whole tenant, or `anyone` for everyone"));
    }
    if is_principal_arn(text) {
        return Ok(());
    }
    Err(Diagnostic::new(Code::InvalidPrincipal, format!("`{text}` is not an IAM principal RGW accepts"), arn.span, "invalid principal")
        .with_help("write a declared user's name, or an ARN such as `\"arn:aws:iam:::user/NAME\"` or `\"arn:aws:iam::TENANT:root\"`"))
}

/// Whether `text` is an IAM ARN of a user, role, tenant or OIDC provider,
/// as RGW parses principals.
pub fn is_principal_arn(text: &str) -> bool {
    let parts: Vec<&str> = text.splitn(6, ':').collect();
    match parts.as_slice() {
        ["arn", partition, "iam", "", _tenant, resource] => {
            ["aws", "aws-cn", "aws-us-gov"].contains(partition)
                && (*resource == "root"
                    || ["user/", "role/", "assumed-role/", "oidc-provider/"]
                        .iter()
                        .any(|p| {
                            resource
                                .strip_prefix(p)
                                .is_some_and(|rest| !rest.is_empty())
                        }))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn spanned(text: &str) -> Spanned<String> {
        Spanned::new(text.to_string(), Span::new(FileId(0), 0, text.len()))
    }

    #[test]
    fn arns() {
        assert!(check_arn(&spanned("arn:aws:iam:::user/loki")).is_ok());
        assert!(check_arn(&spanned("arn:aws:iam::acme:root")).is_ok());
        assert!(check_arn(&spanned("arn:aws:s3:::bucket")).is_err());
        assert!(check_arn(&spanned("*")).is_err());
        assert!(check_arn(&spanned("loki")).is_err());
        assert!(check_arn(&spanned("arn:aws:iam::*:user/*")).is_err());
        assert!(check_arn(&spanned("arn:aws:iam:::user/lo?i")).is_err());
    }
}
