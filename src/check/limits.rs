//! Limits of Kubernetes and RGW that a program can exceed, checked on what
//! was written: the total size of an object's annotations, the number of
//! lifecycle rules of a bucket, and policy key patterns (S3's key length,
//! and `${...}` policy variables, which RGW does not replace there). The
//! sizes of emitted objects are checked after emit (`crate::limits`).

use crate::ast;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::Spanned;

/// Kubernetes' `TotalAnnotationSizeLimitB`: keys and values of all
/// annotations of one object, in bytes.
pub const MAX_ANNOTATION_BYTES: usize = 256 * 1024;

/// RGW's `rgw_lc_max_rules` default: rules in one bucket lifecycle.
pub const MAX_LIFECYCLE_RULES: usize = 1000;

/// S3's longest object key, in bytes (RGW: `MAX_OBJ_NAME_LEN`).
pub const MAX_KEY_BYTES: usize = 1024;

/// E0210: the annotations of one object add up to more than Kubernetes
/// stores.
pub fn check_annotation_size(
    block: &ast::Block,
    annotations: &[(String, String)],
    diags: &mut Diagnostics,
) -> bool {
    let total: usize = annotations.iter().map(|(k, v)| k.len() + v.len()).sum();
    if total <= MAX_ANNOTATION_BYTES {
        return true;
    }
    diags.push(
        Diagnostic::new(
            Code::AnnotationsTooLarge,
            format!(
                "these annotations take {} bytes, more than the {MAX_ANNOTATION_BYTES} (256 KiB) Kubernetes allows for one object",
                total
            ),
            block.name.span,
            "annotations too large",
        )
        .with_note("the API server adds up the keys and values of all annotations of an object and rejects the object above 256 KiB")
        .with_help("keep large data out of annotations: a ConfigMap holds up to 1 MiB"),
    );
    false
}

/// E0407: more lifecycle rules than RGW accepts for one bucket.
pub fn check_rule_count(lifecycle: &ast::Lifecycle, diags: &mut Diagnostics) -> bool {
    let Some(first_too_many) = lifecycle.rules.get(MAX_LIFECYCLE_RULES) else {
        return true;
    };
    diags.push(
        Diagnostic::new(
            Code::TooManyLifecycleRules,
            format!(
                "the lifecycle has {} rules, more than the {MAX_LIFECYCLE_RULES} RGW accepts for one bucket",
                lifecycle.rules.len()
            ),
            first_too_many.span,
            format!("rule {}", MAX_LIFECYCLE_RULES + 1),
        )
        .with_secondary(lifecycle.keyword, "in this lifecycle")
        .with_note("RGW refuses the whole configuration above `rgw_lc_max_rules` (1000 by default), and the claim never gets its lifecycle")
        .with_help("merge rules: one rule for a shorter prefix covers every key under it"),
    );
    false
}

/// E0408 and E0409: a key pattern of a policy statement that can match no
/// key, or holds a policy variable RGW leaves as written.
pub fn check_key_pattern(pattern: &Spanned<String>, diags: &mut Diagnostics) -> bool {
    let text = pattern.value.strip_suffix('*').unwrap_or(&pattern.value);
    let mut ok = true;
    if text.len() > MAX_KEY_BYTES {
        diags.push(
            Diagnostic::new(
                Code::KeyPatternTooLong,
                format!(
                    "this key pattern is {} bytes long, and S3 keys are at most {MAX_KEY_BYTES} bytes",
                    text.len()
                ),
                pattern.span,
                "matches no key",
            )
            .with_note("RGW refuses longer object names, so no object can match this pattern")
            .with_help("shorten the prefix"),
        );
        ok = false;
    }
    if let Some(variable) = policy_variable(&pattern.value) {
        diags.push(
            Diagnostic::new(
                Code::PolicyVariable,
                format!("RGW does not replace the policy variable `{variable}` in a key pattern"),
                pattern.span,
                "used as written",
            )
            .with_note("RGW replaces policy variables only in a resource that is exactly `${aws:username}` and in whole condition values; this pattern would match only keys that literally contain `${`")
            .with_help("write one statement per user with the literal prefix, such as `on \"home/alice/\"`"),
        );
        ok = false;
    }
    ok
}

/// The first `${...}` in `text` (up to its `}`, or to the end).
fn policy_variable(text: &str) -> Option<&str> {
    let start = text.find("${")?;
    let rest = &text[start..];
    Some(rest.find('}').map_or(rest, |end| &rest[..=end]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Span};

    fn pattern(text: &str) -> Spanned<String> {
        Spanned::new(text.to_string(), Span::new(FileId(0), 0, 1))
    }

    fn codes(text: &str) -> Vec<Code> {
        let mut diags = Diagnostics::new();
        check_key_pattern(&pattern(text), &mut diags);
        diags.into_sorted().into_iter().map(|d| d.code).collect()
    }

    #[test]
    fn key_patterns_within_limits_pass() {
        assert!(codes("logs/").is_empty());
        assert!(codes(&"k".repeat(MAX_KEY_BYTES)).is_empty());
        assert!(codes(&format!("{}*", "k".repeat(MAX_KEY_BYTES))).is_empty());
        assert!(codes("price-$5/").is_empty());
    }

    #[test]
    fn long_patterns_and_variables_are_reported() {
        assert_eq!(
            codes(&"k".repeat(MAX_KEY_BYTES + 1)),
            [Code::KeyPatternTooLong]
        );
        assert_eq!(codes("home/${aws:username}/"), [Code::PolicyVariable]);
        assert_eq!(
            policy_variable("home/${aws:username}/"),
            Some("${aws:username}")
        );
        assert_eq!(policy_variable("a/${oops"), Some("${oops"));
    }
}
