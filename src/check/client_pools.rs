//! The RBD pools a client's caps name, against the program's `blockpool`s:
//! the typed profiles (`rbd = ["images"]`, `rbd_read_only`) and the
//! written `profile rbd pool=...` / `profile rbd-read-only pool=...`
//! grants. A pool that is not declared is E0360, one of another cluster
//! than the client E0361.
//!
//! A program without any `blockpool` names pools of a cluster it does not
//! describe (Rook's own `ceph-client.yaml` does), so nothing is checked
//! then, as for filesystems (E0241). `allow ... pool=` grants are not
//! checked: they may name any pool (an object store's, CephFS data pools,
//! `.mgr`), which the program cannot declare.

use super::caps::Form;
use super::clients::WrittenCap;
use super::{suggest, Checker};
use crate::ast::{DeclKind, Declaration};
use crate::diag::{Code, Diagnostic};
use crate::source::{Span, Spanned};

/// The profiles whose `pool=` is an RBD pool.
const RBD_PROFILES: [&str; 2] = ["rbd", "rbd-read-only"];

impl Checker<'_> {
    /// Checks every RBD pool the client's profiles and caps name.
    pub(super) fn check_client_pools(
        &mut self,
        decl: &Declaration,
        namespace: Option<&Spanned<String>>,
        profiles: &[&[Spanned<String>]],
        written: &[WrittenCap],
    ) {
        if self.block_pools.is_empty() {
            return;
        }
        let mut named: Vec<Spanned<String>> =
            profiles.iter().flat_map(|p| p.iter().cloned()).collect();
        for cap in written {
            named.extend(cap_pools(cap));
        }
        // One E0361 per client: its namespace is the one mistake.
        let mut other_cluster_reported = false;
        for pool in named {
            other_cluster_reported |=
                self.check_client_pool(decl, namespace, &pool, other_cluster_reported);
        }
    }

    /// Returns whether it reported E0361.
    fn check_client_pool(
        &mut self,
        decl: &Declaration,
        namespace: Option<&Spanned<String>>,
        pool: &Spanned<String>,
        other_cluster_reported: bool,
    ) -> bool {
        let name = pool.value.as_str();
        let Some(declared) = self.block_pools.get(name) else {
            if self
                .broken
                .contains(&(DeclKind::BlockPool, name.to_string()))
            {
                return false;
            }
            let suggestion =
                suggest::did_you_mean(name, self.block_pools.keys().map(String::as_str));
            let help = match &suggestion {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!(
                    "if the pool exists, declare it: `blockpool {name} {{ namespace = \"...\" }}`"
                ),
            };
            self.diags.push(
                Diagnostic::new(
                    Code::UnknownClientPool,
                    format!(
                        "client `{}` names pool `{name}`, which the program does not declare",
                        decl.name.value
                    ),
                    pool.span,
                    "no `blockpool` of this name",
                )
                .with_note("the program declares its block pools, so an RBD pool a client uses must be one of them")
                .with_help(help),
            );
            return false;
        };
        let (Some(client_ns), Some(pool_ns)) = (namespace, declared.namespace.as_deref()) else {
            return false;
        };
        if client_ns.value == pool_ns || other_cluster_reported {
            return false;
        }
        let pool_decl = self.decl(declared.decl_index);
        self.diags.push(
            Diagnostic::new(
                Code::ClientPoolOtherCluster,
                format!(
                    "client `{}` lives in `{}`, but pool `{name}` is in the cluster of `{pool_ns}`",
                    decl.name.value, client_ns.value
                ),
                pool.span,
                "a pool of another cluster",
            )
            .with_secondary(pool_decl.name.span, format!("declared in `{pool_ns}`"))
            .with_secondary(client_ns.span, "the client's cluster")
            .with_note("cephx users and caps belong to one Ceph cluster: this client's key would grant nothing on that pool")
            .with_help(format!(
                "declare the client in `{pool_ns}`, or name a pool of `{}`",
                client_ns.value
            )),
        );
        true
    }
}

/// The pools of the cap's `profile rbd` and `profile rbd-read-only`
/// grants, each at its name inside the cap string where it can be found.
fn cap_pools(cap: &WrittenCap) -> Vec<Spanned<String>> {
    let mut pools = Vec::new();
    let mut from = 0;
    for grant in &cap.grants {
        let grant_at = cap.written.value[from..]
            .find(&grant.text)
            .map(|at| from + at);
        if let Some(at) = grant_at {
            from = at + grant.text.len();
        }
        let Form::Profile { name } = &grant.form else {
            continue;
        };
        let Some(pool) = grant.value("pool") else {
            continue;
        };
        if !RBD_PROFILES.contains(&name.as_str()) || pool == "*" {
            continue;
        }
        let inside = grant_at.and_then(|at| {
            let key = grant.text.find("pool")?;
            let value = grant.text[key + 4..].find(pool)? + key + 4;
            Some(at + value)
        });
        let span = match inside {
            Some(at) => span_inside(&cap.written, at, at + pool.len()),
            None => cap.written.span,
        };
        pools.push(Spanned::new(pool.to_string(), span));
    }
    pools
}

/// The span of `start..end` of a string literal's decoded text: exact when
/// the literal holds no escape (its text is then its source between the
/// quotes), else the whole literal.
pub(super) fn span_inside(literal: &Spanned<String>, start: usize, end: usize) -> Span {
    let span = literal.span;
    let verbatim = span.end.checked_sub(span.start) == Some(literal.value.len() + 2);
    if verbatim && start <= end && end <= literal.value.len() {
        Span::new(span.file, span.start + 1 + start, span.start + 1 + end)
    } else {
        span
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn literal(source: &str, decoded: &str) -> Spanned<String> {
        Spanned::new(
            decoded.to_string(),
            Span::new(FileId(0), 10, 10 + source.len()),
        )
    }

    #[test]
    fn a_verbatim_literal_gives_the_exact_span() {
        let pool = literal("\"profile rbd pool=images\"", "profile rbd pool=images");
        assert_eq!(span_inside(&pool, 17, 23), Span::new(FileId(0), 28, 34));
    }

    #[test]
    fn a_literal_with_escapes_gives_the_whole_literal() {
        let pool = literal(
            "\"profile rbd pool=\\u{69}mages\"",
            "profile rbd pool=images",
        );
        assert_eq!(span_inside(&pool, 17, 23), pool.span);
    }
}
