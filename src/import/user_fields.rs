//! A CephObjectStoreUser's `spec.keys` and `spec.opMask` to a user's
//! `keys` block and `op_mask`. A field the language cannot write as it is
//! stays unread, so the report lists it.

use serde_json::Value;

use super::plan::Start;
use super::write::{self, Decl, Item};
use crate::check::{DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, OPERATIONS};

/// `spec.keys`: representable when each pair reads both keys from one
/// Secret and every pair uses the same two key names.
pub(super) fn user_keys(start: &mut Start, decl: &mut Decl) {
    let Some(Value::Array(pairs)) = start.fields.peek(&["spec", "keys"]) else {
        return;
    };
    let mut secrets = Vec::with_capacity(pairs.len());
    let mut names: Option<(&str, &str)> = None;
    for pair in pairs {
        let selector = |field: &str| {
            let selector = pair.get(field)?;
            let name = selector.get("name")?.as_str()?;
            let key = selector.get("key")?.as_str()?;
            (selector.as_object()?.len() == 2).then_some((name, key))
        };
        let (Some((access_secret, access_key)), Some((secret_secret, secret_key))) =
            (selector("accessKeyRef"), selector("secretKeyRef"))
        else {
            return;
        };
        if access_secret != secret_secret
            || pair.as_object().is_none_or(|o| o.len() != 2)
            || names.is_some_and(|n| n != (access_key, secret_key))
        {
            return;
        }
        names = Some((access_key, secret_key));
        secrets.push(write::quote(access_secret));
    }
    let Some((access_key, secret_key)) = names else {
        return;
    };
    start.fields.take(&["spec", "keys"]);
    let secret = match secrets.as_slice() {
        [one] => one.clone(),
        _ => format!("[{}]", secrets.join(", ")),
    };
    let mut entries = vec![("secret".to_string(), secret)];
    if access_key != DEFAULT_ACCESS_KEY {
        entries.push(("access_key".into(), write::quote(access_key)));
    }
    if secret_key != DEFAULT_SECRET_KEY {
        entries.push(("secret_key".into(), write::quote(secret_key)));
    }
    decl.items.push(Item::Block("keys".into(), entries));
}

/// `spec.opMask`: each word once, one of `read`, `write`, `delete`.
pub(super) fn user_op_mask(start: &mut Start, decl: &mut Decl) {
    let Some(Value::Array(words)) = start.fields.peek(&["spec", "opMask"]) else {
        return;
    };
    let mut written: Vec<&str> = Vec::with_capacity(words.len());
    for word in words {
        match word.as_str() {
            Some(w) if OPERATIONS.contains(&w) && !written.contains(&w) => written.push(w),
            _ => return,
        }
    }
    start.fields.take(&["spec", "opMask"]);
    decl.attribute("op_mask", format!("[{}]", written.join(", ")));
}
