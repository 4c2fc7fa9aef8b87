//! CephObjectStoreUsers: a user removed (or renamed) loses its keys; the
//! report says which Secret Rook deletes and which buckets depend on it.

use serde_json::Value;

use super::key::{ObjectKey, CLAIM, USER};
use super::normalize::Object;
use super::{Category, Finding, Pair, Status};

pub fn findings(pair: &Pair) -> Vec<Finding> {
    let mut out = Vec::new();
    for object in pair.objects.iter().filter(|o| o.key.kind == USER) {
        let Status::Removed = object.status else {
            continue;
        };
        let Some(old) = pair.old.get(&object.key) else {
            continue;
        };
        let name = &object.key.name;
        let what = match &object.renamed {
            Some(new) => format!(
                "user `{}` is renamed to `{}`: the old user is deleted and its keys stop working; the new one gets new keys",
                object.key.qualified_name(),
                new.qualified_name()
            ),
            None => format!(
                "user `{}` is removed: its keys stop working",
                object.key.qualified_name()
            ),
        };
        let mut finding = Finding::new(Category::Destructive, &object.key, what);
        if let Some(store) = old.value.pointer("/spec/store").and_then(Value::as_str) {
            let namespace = object.key.namespace.as_deref().unwrap_or("default");
            finding = finding.note(format!(
                "Rook deletes Secret `rook-ceph-object-user-{store}-{name}` in namespace `{namespace}`, which holds them"
            ));
        }
        for (claim, how) in dependents(pair.old, name) {
            let still = pair
                .new
                .get(claim)
                .is_some_and(|c| depends(c, name).is_some());
            let tail = if still { " (and still does)" } else { "" };
            finding = finding.note(format!("claim `{}` {how}{tail}", claim.qualified_name()));
        }
        out.push(finding);
    }
    out
}

/// The claims that depend on user `name`, and how.
fn dependents<'a>(
    objects: &'a std::collections::BTreeMap<&'a ObjectKey, &'a Object>,
    name: &str,
) -> Vec<(&'a ObjectKey, &'static str)> {
    objects
        .iter()
        .filter(|(key, _)| key.kind == CLAIM)
        .filter_map(|(key, claim)| depends(claim, name).map(|how| (*key, how)))
        .collect()
}

/// How a claim depends on user `name`: as its owner, or named in its policy.
fn depends(claim: &Object, name: &str) -> Option<&'static str> {
    let config = claim.value.pointer("/spec/additionalConfig")?;
    if config.get("bucketOwner").and_then(Value::as_str) == Some(name) {
        return Some("names it as the bucket's owner; the claim's Secret holds a copy of its keys");
    }
    let arn = Value::String(format!("arn:aws:iam:::user/{name}"));
    let statements = config.pointer("/bucketPolicy/Statement")?.as_array()?;
    let named = statements
        .iter()
        .any(|statement| match statement.pointer("/Principal/AWS") {
            Some(Value::Array(principals)) => principals.contains(&arn),
            Some(principal) => *principal == arn,
            None => false,
        });
    named.then_some("grants it access in its bucket policy")
}
