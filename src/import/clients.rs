//! CephClients to `client` declarations: caps that are exactly what the
//! `rbd` and `rbd_read_only` profiles write become those profiles, any
//! other caps are carried over as written.

use serde_json::Value;

use super::plan::{Kind, Planner};
use super::write::{self, Decl};
use crate::ast::DeclKind;
use crate::kinds::client::{profile_grants, DAEMONS, KEY_TYPES};

/// The RBD profiles of a client: pools read-write, pools read-only.
type RbdProfiles = (Vec<String>, Vec<String>);

impl Planner<'_> {
    pub fn import_clients(&mut self) {
        for index in self.of_kind(Kind::Client) {
            self.import_client(index);
        }
    }

    fn import_client(&mut self, index: usize) {
        let Some(mut start) = self.start(index, true) else {
            return;
        };
        let mut caps: Vec<(String, String)> = Vec::new();
        if let Some(Value::Object(map)) = start.fields.peek(&["spec", "caps"]) {
            for (daemon, value) in map {
                if let (true, Some(text)) = (DAEMONS.contains(&daemon.as_str()), value.as_str()) {
                    if !text.trim().is_empty() {
                        caps.push((daemon.clone(), text.to_string()));
                        start.fields.take(&["spec", "caps", daemon]);
                    }
                }
            }
        }
        if caps.is_empty() {
            return self.skip(
                index,
                "it has no `spec.caps` for `mon`, `osd`, `mds` or `mgr` (Rook creates no client without caps)",
            );
        }
        if let Some(namespace) = &start.namespace {
            for pool in rbd_pools(&caps) {
                self.block
                    .client_pools
                    .entry(pool)
                    .or_insert_with(|| (namespace.clone(), start.name.clone()));
            }
        }
        let mut decl = Decl::new(DeclKind::Client, &start.name);
        match rbd_profiles(&caps) {
            Some((rbd, read_only)) => {
                if !rbd.is_empty() {
                    decl.attribute("rbd", write::string_list(&rbd));
                }
                if !read_only.is_empty() {
                    decl.attribute("rbd_read_only", write::string_list(&read_only));
                }
            }
            None => decl.string_block("caps", &caps),
        }
        if let Some(Ok(name)) = start.fields.string(&["spec", "name"]) {
            if name != start.name {
                decl.attribute("name", write::quote(name));
            }
        }
        if let Some(Ok(secret)) = start.fields.string(&["spec", "secretName"]) {
            decl.attribute("secret_name", write::quote(secret));
        }
        if let Some(Value::Bool(remove)) = start.fields.peek(&["spec", "removeSecret"]) {
            decl.attribute("remove_secret", remove.to_string());
            start.fields.take(&["spec", "removeSecret"]);
        }
        if let Some(Ok(key_type)) = start
            .fields
            .peek(&["spec", "security", "cephx", "keyType"])
            .map(|v| v.as_str().ok_or(v))
        {
            if KEY_TYPES.contains(&key_type) {
                decl.attribute("key_type", key_type.to_string());
                start.fields.take(&["spec", "security", "cephx", "keyType"]);
            }
        }
        Self::metadata_blocks(&start, &mut decl);
        self.place(index, &start, decl, "CephClient", None, None);
    }
}

/// The pools of every `profile rbd pool=X` and `profile rbd-read-only
/// pool=X` grant of `caps`, as the checker reads them (E0360).
fn rbd_pools(caps: &[(String, String)]) -> Vec<String> {
    caps.iter()
        .flat_map(|(_, text)| text.split([',', ';']))
        .filter_map(|grant| {
            let grant = grant.trim();
            grant
                .strip_prefix("profile rbd pool=")
                .or_else(|| grant.strip_prefix("profile rbd-read-only pool="))
        })
        .map(|pool| pool.trim().to_string())
        .filter(|pool| !pool.is_empty() && pool != "*")
        .collect()
}

/// The pools of `caps` when they are exactly what the `rbd` and
/// `rbd_read_only` profiles write, in the order rookc writes them.
fn rbd_profiles(caps: &[(String, String)]) -> Option<RbdProfiles> {
    let osd = caps.iter().find(|(d, _)| d == "osd")?;
    let (mut rbd, mut read_only) = (Vec::new(), Vec::new());
    for grant in osd.1.split(',') {
        let grant = grant.trim();
        if let Some(pool) = grant.strip_prefix("profile rbd pool=") {
            rbd.push(pool.to_string());
        } else if let Some(pool) = grant.strip_prefix("profile rbd-read-only pool=") {
            read_only.push(pool.to_string());
        } else {
            return None;
        }
    }
    let pool_ok =
        |p: &String| !p.is_empty() && !p.chars().any(|c| c.is_whitespace() || ",;='\"".contains(c));
    if !rbd.iter().chain(&read_only).all(pool_ok) {
        return None;
    }
    let mut expected: Vec<(String, String)> = profile_grants(&rbd, &read_only, &[])
        .into_iter()
        .map(|(daemon, grants)| (daemon.to_string(), grants.join(", ")))
        .collect();
    let mut written = caps.to_vec();
    expected.sort();
    written.sort();
    (expected == written).then_some((rbd, read_only))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caps(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(d, c)| (d.to_string(), c.to_string()))
            .collect()
    }

    #[test]
    fn rooks_example_caps_are_profiles() {
        let cinder = caps(&[
            ("mon", "profile rbd"),
            (
                "osd",
                "profile rbd pool=volumes, profile rbd pool=vms, profile rbd-read-only pool=images",
            ),
        ]);
        assert_eq!(
            rbd_profiles(&cinder),
            Some((vec!["volumes".into(), "vms".into()], vec!["images".into()]))
        );
    }

    #[test]
    fn other_caps_stay_as_written() {
        // The monitors' `allow r` is not what the profile writes.
        let sqlite = caps(&[("mon", "allow r"), ("osd", "profile rbd pool=example")]);
        assert_eq!(rbd_profiles(&sqlite), None);
        let reordered = caps(&[
            ("mon", "profile rbd"),
            ("osd", "profile rbd-read-only pool=a, profile rbd pool=b"),
        ]);
        assert_eq!(rbd_profiles(&reordered), None);
    }
}
