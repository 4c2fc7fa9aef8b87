//! The lints and cross-checks of a client's written caps: filesystems
//! they name (E0241), grants broader than any profile needs (W0540), and
//! the cephx names Rook reserves (E0240).

use super::caps::{Daemon, Form};
use super::clients::WrittenCap;
use super::Checker;
use crate::ast::Declaration;
use crate::diag::{Code, Diagnostic};

impl Checker<'_> {
    /// E0241: a filesystem named in a cap must be declared, when the
    /// program declares filesystems at all (else it names one rookc does
    /// not know of, which is fine).
    pub(super) fn check_cap_targets(&mut self, cap: &WrittenCap) {
        if self.filesystems.is_empty() {
            return;
        }
        for grant in &cap.grants {
            let named = grant.value("fsname").or_else(|| {
                grant
                    .value("tag")
                    .and_then(|tag| tag.strip_prefix("cephfs data="))
            });
            let Some(fs) = named.filter(|fs| *fs != "*" && !self.filesystems.contains_key(*fs))
            else {
                continue;
            };
            let suggestion =
                super::suggest::did_you_mean(fs, self.filesystems.keys().map(String::as_str));
            self.diags.push(
                Diagnostic::new(
                    Code::UnknownCapTarget,
                    format!(
                        "`{}` caps name filesystem `{fs}`, which the program does not declare",
                        cap.daemon.key()
                    ),
                    cap.span,
                    format!("in `{}`", grant.text),
                )
                .with_optional_help(suggestion.map(|s| format!("did you mean `{s}`?")))
                .with_note(
                    "declare the filesystem, or write its name as the CephFilesystem is called",
                ),
            );
        }
    }

    /// W0540: `allow *` on any daemon, or OSD writes not held to a pool.
    pub(super) fn lint_broad_cap(&mut self, decl: &Declaration, cap: &WrittenCap) {
        for grant in &cap.grants {
            let Form::Allow { perms } = &grant.form else {
                continue;
            };
            let everything = perms.iter().any(|p| p == "*");
            let unscoped_write = cap.daemon == Daemon::Osd
                && perms.iter().any(|p| p.contains('w') || p.contains('x'))
                && !["pool", "namespace", "tag", "object_prefix"]
                    .iter()
                    .any(|k| grant.value(k).is_some());
            let what = if everything {
                format!("may do anything the `{}` daemons allow", cap.daemon.key())
            } else if unscoped_write {
                "may write to every pool of the cluster".to_string()
            } else {
                continue;
            };
            self.warn(
                Diagnostic::new(
                    Code::BroadClientCaps,
                    format!("client `{}` {what}", decl.name.value),
                    cap.span,
                    format!("`{}`", grant.text),
                )
                .with_help("grant what the program needs: `rbd = [\"POOL\"]`, `cephfs = [FS]` or `profile rbd pool=POOL`; if the client administers the cluster, add `@allow(broad-client-caps)`"),
                &[&decl.allows],
            );
            return;
        }
    }
}

/// Why Rook's `ValidateClient` rejects the cephx name, if it does.
pub(super) fn reserved_client_name(name: &str) -> Option<&'static str> {
    const BOOTSTRAP: [&str; 6] = ["mds", "mgr", "mon", "osd", "rgw", "rbd-mirror"];
    let osd = name
        .strip_prefix("osd.")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if name == "admin" {
        Some("`client.admin` is the cluster's administrator")
    } else if name.starts_with("rgw") {
        Some("names starting with `rgw` are the object gateways'")
    } else if name == "rbd-mirror" || name == "rbd-mirror-peer" {
        Some("it is the RBD mirroring daemon's")
    } else if osd {
        Some("it is an OSD's")
    } else if name
        .strip_prefix("bootstrap-")
        .is_some_and(|d| BOOTSTRAP.contains(&d))
    {
        Some("it is a bootstrap key's")
    } else {
        None
    }
}
