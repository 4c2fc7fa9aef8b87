//! Short documentation of keywords and attributes, for hovers and
//! completion details.

use crate::ast::DeclKind;

/// What a keyword means: a declaration kind's summary, or one of the
/// other keywords.
pub fn keyword(word: &str) -> Option<&'static str> {
    if let Some(kind) = DeclKind::from_keyword(word) {
        return Some(kind.def().summary);
    }
    Some(match word {
        "rook" => "`rook { obc_fields = [...] }`: settings of the whole program, once per program: how the Rook operator it targets is configured.",
        "namespace" => "`namespace \"NAME\" { ... }`: the namespace, and the `store`/`filesystem` defaults, of the declarations inside. As an attribute: the object's namespace.",
        "policy" => "`policy { allow|deny PRINCIPALS ACTIONS [on PATTERNS] ... }`: the bucket policy, emitted as `additionalConfig.bucketPolicy`.",
        "lifecycle" => "`lifecycle { expire [PREFIX] after Nd ... }`: lifecycle rules, emitted as `additionalConfig.bucketLifecycle`.",
        "allow" => "`allow PRINCIPALS ACTIONS [on PATTERNS]`: a statement with effect Allow.",
        "deny" => "`deny PRINCIPALS ACTIONS [on PATTERNS]`: a statement with effect Deny; a matching deny wins over any allow.",
        "anyone" => "`anyone`: the principal `*`, every client including anonymous ones.",
        "on" => "`on \"prefix/\"`: limits a statement to keys under the prefixes; listings are narrowed with `s3:prefix`.",
        "after" => "`after Nd`: the age, in days, at which a lifecycle rule acts.",
        "to" => "`to \"CLASS\"`: the storage class a `transition` moves objects to.",
        "@allow" => "`@allow(warning-name, ...)`: silences those warnings for the declaration or policy statement that follows.",
        _ => return None,
    })
}

/// What a lifecycle action or rule option means.
pub fn lifecycle(word: &str) -> Option<&'static str> {
    Some(match word {
        "expire" => "`expire [PREFIX] after Nd`: delete objects N days after they were written (`Expiration.Days`).",
        "expire-delete-markers" => "`expire-delete-markers [PREFIX]`: remove delete markers that no noncurrent version is left behind (`Expiration.ExpiredObjectDeleteMarker`); takes no days.",
        "expire-noncurrent" => "`expire-noncurrent [PREFIX] after Nd`: delete old versions N days after they stopped being current (`NoncurrentVersionExpiration`); `{ newer_versions = K }` keeps the K newest.",
        "abort-uploads" => "`abort-uploads [PREFIX] after Nd`: abort multipart uploads N days after they began (`AbortIncompleteMultipartUpload`).",
        "transition" => "`transition [PREFIX] after Nd to \"CLASS\"`: move objects to a storage class of the store's placement (`Transitions`).",
        "transition-noncurrent" => "`transition-noncurrent [PREFIX] after Nd to \"CLASS\"`: move old versions to a storage class N days after they stopped being current (`NoncurrentVersionTransitions`).",
        "id" => "`id = \"ID\"`: the rule's ID (1 to 255 characters), to match an existing bucket's rules; rules that share an `id` and their keys are one RGW rule. Without it rookc derives `ACTION[-CLASS][:PREFIX]`.",
        "newer_versions" => "`newer_versions = K`: an `expire-noncurrent` rule keeps the K newest noncurrent versions (`NewerNoncurrentVersions`).",
        "larger_than" => "`larger_than = SIZE`: the rule applies only to objects larger than SIZE (`ObjectSizeGreaterThan`, in bytes).",
        "smaller_than" => "`smaller_than = SIZE`: the rule applies only to objects smaller than SIZE (`ObjectSizeLessThan`, in bytes).",
        "tags" => "`tags { KEY = \"VALUE\" ... }`: the rule applies only to objects with all of these tags (`Filter.Tag`, or `Filter.And.Tags`).",
        _ => return None,
    })
}

/// What a setting of the `rook { }` block means.
pub fn setting(key: &str) -> Option<&'static str> {
    Some(match key {
        "version" => "The Rook release the program targets (`\"1.17\"` to `\"1.20\"`, default `\"1.20\"`); a field of a newer release is an error (E0335).",
        "obc_fields" => "The ObjectBucketClaim fields the operator allows (its `ROOK_OBC_ALLOW_ADDITIONAL_CONFIG_FIELDS`); rookc reports a bucket that needs another one.",
        _ => return None,
    })
}

/// What an attribute of a declaration kind means.
pub fn attribute(kind: DeclKind, key: &str) -> Option<String> {
    kind.attribute(key).map(|a| match a.since {
        Some(since) => format!("{} Needs {}.", a.doc, crate::kinds::describe_since(since)),
        None => a.doc.to_string(),
    })
}
