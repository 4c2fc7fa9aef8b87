//! The S3 actions RGW accepts in bucket policies, what each applies to, and
//! the named access groups of the language.
//!
//! Source: Ceph `src/rgw/rgw_iam_policy.cc` (the Reef-era list) and, for the
//! actions newer releases add, `src/rgw/rgw_iam_policy.h` on Ceph's main
//! branch.

/// What an action is checked against when RGW evaluates a bucket policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// `arn:aws:s3:::bucket/key`.
    Object,
    /// `arn:aws:s3:::bucket`.
    Bucket,
    /// Not about one bucket (account-level or bucket creation): a bucket
    /// policy cannot grant it.
    Account,
}

use std::sync::LazyLock;

use Level::{Account, Bucket, Object};

/// Every S3 action RGW knows, without the `s3:` prefix.
pub const S3_ACTIONS: &[(&str, Level)] = &[
    ("AbortMultipartUpload", Object),
    ("BypassGovernanceRetention", Object),
    ("CreateBucket", Account),
    ("DeleteBucket", Bucket),
    ("DeleteBucketPolicy", Bucket),
    ("DeleteBucketPublicAccessBlock", Bucket),
    ("DeleteBucketWebsite", Bucket),
    ("DeleteObject", Object),
    ("DeleteObjectTagging", Object),
    ("DeleteObjectVersion", Object),
    ("DeleteObjectVersionTagging", Object),
    ("DeletePublicAccessBlock", Account),
    ("DeleteReplicationConfiguration", Bucket),
    ("DescribeJob", Account),
    ("GetAccelerateConfiguration", Bucket),
    ("GetBucketAcl", Bucket),
    ("GetBucketCORS", Bucket),
    ("GetBucketEncryption", Bucket),
    ("GetBucketLocation", Bucket),
    ("GetBucketLogging", Bucket),
    ("GetBucketNotification", Bucket),
    ("GetBucketObjectLockConfiguration", Bucket),
    ("GetBucketOwnershipControls", Bucket),
    ("GetBucketPolicy", Bucket),
    ("GetBucketPolicyStatus", Bucket),
    ("GetBucketPublicAccessBlock", Bucket),
    ("GetBucketRequestPayment", Bucket),
    ("GetBucketTagging", Bucket),
    ("GetBucketVersioning", Bucket),
    ("GetBucketWebsite", Bucket),
    ("GetLifecycleConfiguration", Bucket),
    ("GetObject", Object),
    ("GetObjectAcl", Object),
    ("GetObjectAttributes", Object),
    ("GetObjectLegalHold", Object),
    ("GetObjectRetention", Object),
    ("GetObjectTagging", Object),
    ("GetObjectTorrent", Object),
    ("GetObjectVersion", Object),
    ("GetObjectVersionAcl", Object),
    ("GetObjectVersionAttributes", Object),
    ("GetObjectVersionTagging", Object),
    ("GetObjectVersionTorrent", Object),
    ("GetPublicAccessBlock", Account),
    ("GetReplicationConfiguration", Bucket),
    ("ListAllMyBuckets", Account),
    ("ListBucket", Bucket),
    ("ListBucketMultipartUploads", Bucket),
    ("ListBucketVersions", Bucket),
    ("ListMultipartUploadParts", Object),
    ("PostBucketLogging", Bucket),
    ("PutAccelerateConfiguration", Bucket),
    ("PutBucketAcl", Bucket),
    ("PutBucketCORS", Bucket),
    ("PutBucketEncryption", Bucket),
    ("PutBucketLogging", Bucket),
    ("PutBucketNotification", Bucket),
    ("PutBucketObjectLockConfiguration", Bucket),
    ("PutBucketOwnershipControls", Bucket),
    ("PutBucketPolicy", Bucket),
    ("PutBucketPublicAccessBlock", Bucket),
    ("PutBucketRequestPayment", Bucket),
    ("PutBucketTagging", Bucket),
    ("PutBucketVersioning", Bucket),
    ("PutBucketWebsite", Bucket),
    ("PutLifecycleConfiguration", Bucket),
    ("PutObject", Object),
    ("PutObjectAcl", Object),
    ("PutObjectLegalHold", Object),
    ("PutObjectRetention", Object),
    ("PutObjectTagging", Object),
    ("PutObjectVersionAcl", Object),
    ("PutObjectVersionTagging", Object),
    ("PutPublicAccessBlock", Account),
    ("PutReplicationConfiguration", Bucket),
    ("ReplicateDelete", Object),
    ("ReplicateObject", Object),
    ("ReplicateTags", Object),
    ("RestoreObject", Object),
];

/// Bucket-level actions that a key prefix can narrow, through the
/// `s3:prefix` condition key.
pub const PREFIX_LISTINGS: &[&str] = &["ListBucket", "ListBucketVersions"];

/// The access groups: a word in a policy statement and the actions it
/// grants. Object-level actions apply to the statement's keys; the listing
/// actions are narrowed to them with `s3:prefix`.
pub const ACCESS_GROUPS: &[(&str, &[&str], &str)] = &[
    (
        "list",
        &["ListBucket", "ListBucketVersions"],
        "list the keys (and versions) of the bucket",
    ),
    (
        "read",
        &[
            "GetObject",
            "GetObjectTagging",
            "GetObjectVersion",
            "GetObjectVersionTagging",
            "ListBucket",
            "ListBucketVersions",
        ],
        "list and download objects, their versions and tags",
    ),
    (
        "write",
        &[
            "AbortMultipartUpload",
            "ListMultipartUploadParts",
            "PutObject",
            "PutObjectTagging",
        ],
        "upload objects (also in parts) and tag them",
    ),
    (
        "delete",
        &[
            "DeleteObject",
            "DeleteObjectTagging",
            "DeleteObjectVersion",
            "DeleteObjectVersionTagging",
        ],
        "delete objects, their versions and tags",
    ),
];

/// `s3:Name` for a name of [`S3_ACTIONS`] as written there: one string per
/// action for the whole run, not one per statement.
pub fn full_name(name: &str) -> Option<&'static str> {
    static FULL: LazyLock<Vec<String>> =
        LazyLock::new(|| S3_ACTIONS.iter().map(|(n, _)| format!("s3:{n}")).collect());
    let index = S3_ACTIONS.binary_search_by(|(n, _)| n.cmp(&name)).ok()?;
    FULL.get(index).map(String::as_str)
}

/// The actions of an access group.
pub fn access_group(name: &str) -> Option<&'static [&'static str]> {
    ACCESS_GROUPS
        .iter()
        .find(|(group, _, _)| *group == name)
        .map(|(_, actions, _)| *actions)
}

/// The level of a known action name (without `s3:`), case-insensitively as
/// RGW matches, with its canonical spelling.
pub fn lookup(name: &str) -> Option<(&'static str, Level)> {
    S3_ACTIONS
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(name))
        .copied()
}

/// The known actions (without `s3:`) that an action pattern such as
/// `s3:Get*` or `s3:GetObject` matches: RGW matches each `:`-separated
/// part with `*` and `?` wildcards, ignoring case.
pub fn matching(pattern: &str) -> Vec<(&'static str, Level)> {
    if pattern == "*" {
        return S3_ACTIONS.to_vec();
    }
    match pattern.split_once(':') {
        Some((service, name)) if wildcard_match(service, "s3") => S3_ACTIONS
            .iter()
            .filter(|(known, _)| wildcard_match(name, known))
            .copied()
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether `pattern` (with `*` and `?`) matches `text`, ignoring ASCII case.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    glob(&pattern.to_ascii_lowercase(), &text.to_ascii_lowercase())
}

/// Whether `pattern` (`*` any run of characters, `?` one) matches `text`,
/// case-sensitively, as RGW matches resources and `StringLike` values.
pub fn glob(pattern: &str, text: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let text: Vec<char> = text.chars().collect();
    // Iterative matcher with backtracking to the last `*`.
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == '?' || pattern[p] == text[t]) {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == '*' {
            star = Some((p, t));
            p += 1;
        } else if let Some((star_p, star_t)) = star {
            p = star_p + 1;
            t = star_t + 1;
            star = Some((star_p, star_t + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

/// Whether a literal action has wildcards.
pub fn is_pattern(action: &str) -> bool {
    action.contains(['*', '?'])
}

/// S3 requests that people write as if they were policy actions, and the
/// action that authorises each (AWS's "policy actions for S3 API
/// operations", which RGW follows).
const REQUEST_ACTIONS: &[(&str, &str)] = &[
    ("CompleteMultipartUpload", "PutObject"),
    ("CreateMultipartUpload", "PutObject"),
    ("DeleteObjects", "DeleteObject"),
    ("HeadBucket", "ListBucket"),
    ("HeadObject", "GetObject"),
    ("ListObjectVersions", "ListBucketVersions"),
    ("ListObjects", "ListBucket"),
    ("ListObjectsV2", "ListBucket"),
    ("ListParts", "ListMultipartUploadParts"),
    ("UploadPart", "PutObject"),
];

/// For an S3 request name such as `ListObjectsV2` (without `s3:`): the
/// action that authorises it and the first access group that grants it.
pub fn authorised_by(request: &str) -> Option<(&'static str, &'static str)> {
    let (_, action) = REQUEST_ACTIONS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(request))?;
    let (group, _, _) = ACCESS_GROUPS
        .iter()
        .find(|(_, actions, _)| actions.contains(action))?;
    Some((action, group))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_are_sorted_and_unique() {
        let names: Vec<&str> = S3_ACTIONS.iter().map(|(n, _)| *n).collect();
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(names, sorted);
    }

    #[test]
    fn groups_name_known_actions() {
        for (group, actions, _) in ACCESS_GROUPS {
            for action in *actions {
                let level = lookup(action).map(|(_, level)| level);
                assert!(
                    level == Some(Object) || PREFIX_LISTINGS.contains(action),
                    "{group}: {action} must be object-level or a prefix listing"
                );
            }
        }
        assert_eq!(access_group("read").map(|a| a.len()), Some(6));
        assert_eq!(access_group("admin"), None);
    }

    #[test]
    fn full_names_have_the_prefix() {
        assert_eq!(full_name("GetObject"), Some("s3:GetObject"));
        assert_eq!(full_name("getobject"), None);
        for (name, _) in S3_ACTIONS {
            assert_eq!(full_name(name).map(|f| &f[3..]), Some(*name));
        }
    }

    #[test]
    fn lookup_ignores_case() {
        assert_eq!(lookup("getobject"), Some(("GetObject", Object)));
        assert_eq!(
            lookup("ListBucketMultiPartUploads"),
            Some(("ListBucketMultipartUploads", Bucket))
        );
        assert_eq!(lookup("GetObjects"), None);
    }

    #[test]
    fn wildcards_match_like_rgw() {
        assert!(wildcard_match("Get*", "GetObject"));
        assert!(wildcard_match("get?bject", "GetObject"));
        assert!(wildcard_match("*", ""));
        assert!(!wildcard_match("Put*", "GetObject"));
        assert!(wildcard_match("*Object*", "PutObjectTagging"));
        assert_eq!(matching("s3:*").len(), S3_ACTIONS.len());
        assert!(matching("s3:Get*")
            .iter()
            .any(|(n, _)| *n == "GetBucketPolicy"));
        assert!(matching("iam:*").is_empty());
        assert!(matching("s3:Fly*").is_empty());
    }
}
