//! Clients: a CephClient's name, namespace and caps. The written caps are
//! read with the cap grammar of `caps`; the typed profiles (`rbd`,
//! `rbd_read_only`, `cephfs`) add the grants Rook's and Ceph's examples
//! use, after the written ones.

use std::collections::BTreeMap;

use super::body::{self, Body};
use super::caps::{self, CapError, CapErrorKind, Daemon, Grant};
use super::client_lints::reserved_client_name;
use super::{names, values, Checker};
use crate::ast::{DeclKind, Declaration};
use crate::diag::{Code, Diagnostic};
use crate::kinds::client::{profile_grants, DAEMONS, KEY_TYPES};
use crate::model;
use crate::source::{Span, Spanned};

/// One written cap string, read.
pub(super) struct WrittenCap {
    pub(super) daemon: Daemon,
    pub(super) text: String,
    pub(super) span: Span,
    /// The string as written (decoded, untrimmed), for spans inside it.
    pub(super) written: Spanned<String>,
    pub(super) grants: Vec<Grant>,
}

impl Checker<'_> {
    pub(super) fn lower_client(&mut self, index: usize) {
        let decl = self.decl(index);
        let decl = &*decl;
        let body = Body::read(decl, self.diags);
        self.check_object_name(decl);
        let cephx_name = body
            .attribute("name")
            .and_then(|a| values::string(a, self.diags));
        match &cephx_name {
            Some(name) => self.check_cephx_name(name),
            None => self.check_cephx_name(&decl.name),
        }
        let rbd = self.pool_list(&body, "rbd");
        let rbd_read_only = self.pool_list(&body, "rbd_read_only");
        let (cephfs, fs_namespace) = self.client_filesystems(&body);
        let namespace = self.namespace(decl, &body, fs_namespace.as_ref().map(|n| n.1.as_str()));
        // A `cephfs` that names no usable filesystem is reported already.
        if namespace.is_none()
            && body.own_attribute("namespace").is_none()
            && body.attribute("cephfs").is_none()
        {
            self.diags.push(body::missing(decl, "namespace").with_note(
                "a CephClient lives in its CephCluster's namespace, where Rook reconciles it",
            ));
        }
        if let (Some(ns), Some((fs, fs_ns))) = (&namespace, &fs_namespace) {
            self.check_client_namespace(decl, ns, fs, fs_ns);
        }
        let written = self.written_caps(&body);
        // Caps that were written but did not parse are reported already.
        let caps_written = body.block("caps").is_some_and(|b| !b.entries.is_empty());
        let profiles = body.attribute("rbd").is_some()
            || body.attribute("rbd_read_only").is_some()
            || body.attribute("cephfs").is_some();
        if !caps_written && !profiles {
            self.no_caps(decl, &body);
        }
        for cap in &written {
            self.check_cap_targets(cap);
            self.lint_broad_cap(decl, cap);
        }
        self.check_client_pools(decl, namespace.as_ref(), &[&rbd, &rbd_read_only], &written);
        let secret_name = body
            .attribute("secret_name")
            .and_then(|a| values::string(a, self.diags));
        match &secret_name {
            Some(secret) => self.check_secret_name(secret, &secret.value),
            None => {
                let derived = format!("rook-ceph-client-{}", decl.name.value);
                self.check_secret_name(&decl.name, &derived);
            }
        }
        let remove_secret = body
            .attribute("remove_secret")
            .and_then(|a| values::boolean(a, self.diags));
        let key_type = body
            .attribute("key_type")
            .and_then(|a| values::word(a, KEY_TYPES, self.diags));
        let caps = merged_caps(&written, &rbd, &rbd_read_only, &cephfs);
        let meta = self.meta(decl, &body, namespace.map(|n| n.value));
        self.program.clients.push(model::Client {
            meta,
            origin: decl.name.span,
            cephx_name: cephx_name
                .map(|n| n.value)
                .filter(|n| *n != decl.name.value),
            caps,
            secret_name: secret_name.map(|s| s.value),
            remove_secret: remove_secret.map(|b| b.value),
            key_type: key_type.map(|k| k.value.to_string()),
        });
    }

    /// `rbd` or `rbd_read_only`: pool names, which go into a cap as they
    /// are.
    fn pool_list(&mut self, body: &Body, key: &str) -> Vec<Spanned<String>> {
        let Some(list) = body
            .attribute(key)
            .and_then(|a| values::string_list(a, self.diags))
        else {
            return Vec::new();
        };
        let mut pools = Vec::new();
        for pool in list {
            let bad = pool
                .value
                .chars()
                .find(|c| c.is_whitespace() || ",;='\"".contains(*c));
            if pool.value.is_empty() || bad.is_some() {
                let why = bad.map_or("is empty".to_string(), |c| format!("contains `{c}`"));
                self.diags.push(
                    Diagnostic::new(
                        Code::InvalidCap,
                        format!("pool name `{}` {why}", pool.value),
                        pool.span,
                        "cannot stand in a cap",
                    )
                    .with_help("write the Ceph pool's name: the CephBlockPool's `metadata.name`"),
                );
                continue;
            }
            pools.push(pool);
        }
        pools
    }

    /// `cephfs`: the filesystems, and the namespace of the first one.
    fn client_filesystems(
        &mut self,
        body: &Body,
    ) -> (Vec<String>, Option<(Spanned<String>, String)>) {
        let Some(list) = body
            .attribute("cephfs")
            .and_then(|a| values::reference_list(a, self.diags))
        else {
            return (Vec::new(), None);
        };
        let mut names = Vec::new();
        let mut first_namespace = None;
        for fs in list {
            if self.resolve(DeclKind::Filesystem, &fs).is_none() {
                continue;
            }
            let namespace = self
                .filesystems
                .get(&fs.value)
                .and_then(|f| f.namespace.clone());
            if let (None, Some(namespace)) = (&first_namespace, namespace) {
                first_namespace = Some((fs.clone(), namespace));
            }
            names.push(fs.value);
        }
        (names, first_namespace)
    }

    /// A client of a filesystem lives in the filesystem's cluster.
    fn check_client_namespace(
        &mut self,
        decl: &Declaration,
        namespace: &Spanned<String>,
        fs: &Spanned<String>,
        fs_namespace: &str,
    ) {
        if namespace.value == fs_namespace {
            return;
        }
        self.diags.push(
            Diagnostic::new(
                Code::ConflictingAttributes,
                format!(
                    "client `{}` lives in `{}`, but filesystem `{}` is in the cluster of `{fs_namespace}`",
                    decl.name.value, namespace.value, fs.value
                ),
                namespace.span,
                "the client's namespace",
            )
            .with_secondary(fs.span, "a filesystem of another cluster")
            .with_help(format!("a CephClient lives in its CephCluster's namespace: `namespace = \"{fs_namespace}\"`")),
        );
    }

    /// The entries of `caps`, each read with the cap grammar.
    fn written_caps(&mut self, body: &Body) -> Vec<WrittenCap> {
        let Some(block) = body.block("caps") else {
            return Vec::new();
        };
        let mut written = Vec::new();
        for entry in body::block_entries(block, DAEMONS, "`caps`", self.diags) {
            let Some(daemon) = Daemon::from_key(&entry.key.value) else {
                continue;
            };
            let Some(text) = values::string(entry, self.diags) else {
                continue;
            };
            match caps::parse(daemon, &text.value) {
                Ok(grants) => written.push(WrittenCap {
                    daemon,
                    text: text.value.trim().to_string(),
                    span: text.span,
                    written: text.clone(),
                    grants,
                }),
                Err(error) => self.diags.push(cap_error(daemon, &text, &error)),
            }
        }
        written
    }

    /// Rook rejects a CephClient without caps ("no caps specified").
    fn no_caps(&mut self, decl: &Declaration, body: &Body) {
        let span = body.block("caps").map_or(decl.name.span, |b| b.span);
        self.diags.push(
            Diagnostic::new(
                Code::MissingAttribute,
                format!("client `{}` has no caps", decl.name.value),
                span,
                "no caps and no profile",
            )
            .with_note("Rook does not create a CephClient without caps (\"no caps specified\")")
            .with_help(
                "add a profile, such as `rbd = [\"images\"]`, or `caps { mon = \"allow r\" }`",
            ),
        );
    }

    /// The cephx name: Rook reserves some, and it becomes a key of the
    /// Secret (`[-._a-zA-Z0-9]`, at most 253).
    fn check_cephx_name(&mut self, name: &Spanned<String>) {
        if let Some(why) = reserved_client_name(&name.value) {
            self.diags.push(
                Diagnostic::new(
                    Code::ReservedClientName,
                    format!("client name `{}` is reserved: {why}", name.value),
                    name.span,
                    "a name Rook refuses",
                )
                .with_note("Rook's CephClient controller rejects the names of Ceph's own users")
                .with_help("name the client after the program that uses it"),
            );
        } else if let Err(why) = names::config_key(&name.value) {
            self.diags.push(Diagnostic::new(
                Code::InvalidKubernetesName,
                format!("cephx name `{}` {why}", name.value),
                name.span,
                "not a valid Secret key",
            ));
        }
    }

    /// The Secret's name, given or `rook-ceph-client-<name>`.
    fn check_secret_name(&mut self, at: &Spanned<String>, secret: &str) {
        if let Err(why) = names::dns_subdomain(secret) {
            self.diags.push(Diagnostic::new(
                Code::InvalidKubernetesName,
                format!("the client's Secret name `{secret}` {why}"),
                at.span,
                "Rook writes the key to this Secret",
            ));
        }
    }
}

fn cap_error(daemon: Daemon, text: &Spanned<String>, error: &CapError) -> Diagnostic {
    let code = match error.kind() {
        CapErrorKind::Invalid => Code::InvalidCap,
        CapErrorKind::UnknownProfile => Code::UnknownCapProfile,
        CapErrorKind::WrongDaemon => Code::CapDaemonMismatch,
    };
    let diagnostic = Diagnostic::new(
        code,
        format!("the `{}` cap {error}", daemon.key()),
        text.span,
        match error.kind() {
            CapErrorKind::Invalid => "Ceph cannot parse this cap",
            CapErrorKind::UnknownProfile => "unknown profile",
            CapErrorKind::WrongDaemon => "belongs to another daemon",
        },
    );
    match error {
        CapError::UnknownProfile { suggestion, .. } => diagnostic
            .with_optional_help(suggestion.map(|s| format!("did you mean `profile {s}`?")))
            .with_note(format!(
                "`{}` caps know the profiles {}",
                daemon.key(),
                daemon
                    .profiles()
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        CapError::Empty
        | CapError::NotAGrant { .. }
        | CapError::UnknownWord { .. }
        | CapError::Incomplete { .. } => diagnostic.with_help(
            "write grants such as `allow r`, `allow rw pool=NAME` or `profile rbd pool=NAME`, separated by `,`",
        ),
        CapError::WrongDaemon { .. } => diagnostic,
    }
}

/// The caps of the CephClient: for each daemon, the written string, then
/// the profiles' grants it does not already hold.
fn merged_caps(
    written: &[WrittenCap],
    rbd: &[Spanned<String>],
    rbd_read_only: &[Spanned<String>],
    cephfs: &[String],
) -> BTreeMap<String, String> {
    let names = |pools: &[Spanned<String>]| -> Vec<String> {
        pools.iter().map(|p| p.value.clone()).collect()
    };
    let (rbd, rbd_read_only) = (names(rbd), names(rbd_read_only));
    let mut caps: BTreeMap<String, String> = written
        .iter()
        .map(|cap| (cap.daemon.key().to_string(), cap.text.clone()))
        .collect();
    for (daemon, grants) in profile_grants(&rbd, &rbd_read_only, cephfs) {
        let have: Vec<String> = written
            .iter()
            .filter(|c| c.daemon.key() == daemon)
            .flat_map(|c| c.grants.iter().map(|g| g.text.clone()))
            .collect();
        let missing: Vec<String> = grants.into_iter().filter(|g| !have.contains(g)).collect();
        if missing.is_empty() {
            continue;
        }
        let entry = caps.entry(daemon.to_string()).or_default();
        let joined = missing.join(", ");
        if entry.is_empty() {
            *entry = joined;
        } else {
            entry.push_str(", ");
            entry.push_str(&joined);
        }
    }
    caps
}
