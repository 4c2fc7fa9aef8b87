//! Check: the Rook release a program targets (`rook { version = "1.20" }`)
//! against the fields its declarations use. Each attribute, block entry
//! and kind says in the kind table (`since`) the oldest release whose CRD
//! has it; this module is the one place that holds a declaration to it.

use crate::ast::{Attribute, BodyItem, Declaration, ValueKind};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::kinds::ROOK_MAIN;
use crate::model::RookVersion;
use crate::source::Span;

/// The oldest Rook release rookc emits for (`1.17`: the first with
/// `spec.keys` and `bucketOwner`).
pub const OLDEST_MINOR: u32 = 17;
/// The newest Rook release rookc emits for, and the default target
/// (kept equal to [`crate::ROOK_VERSION`] by a test).
pub const NEWEST_MINOR: u32 = 20;

/// `version = "1.20"`: a supported Rook release.
pub fn target(attribute: &Attribute, diags: &mut Diagnostics) -> Option<RookVersion> {
    let (text, span) = match &attribute.value.kind {
        ValueKind::Str(text) => (text.clone(), attribute.value.span),
        other => {
            diags.push(unsupported(
                attribute.value.span,
                &format!(
                    "`version` takes a Rook release such as `\"1.20\"`, not {}",
                    other.describe()
                ),
            ));
            return None;
        }
    };
    let minor = parse_release(&text);
    match minor {
        Some(minor) if (OLDEST_MINOR..=NEWEST_MINOR).contains(&minor) => {
            Some(RookVersion { minor, span })
        }
        _ => {
            diags.push(unsupported(
                span,
                &format!("rookc does not target Rook `{text}`"),
            ));
            None
        }
    }
}

fn unsupported(span: Span, message: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnsupportedRookVersion,
        message,
        span,
        "not a supported Rook release",
    )
    .with_note(format!(
        "rookc supports Rook v1.{OLDEST_MINOR} to v1.{NEWEST_MINOR}; a patch release (`1.20.6`) targets its minor release"
    ))
    .with_help(format!("write `version = \"1.{NEWEST_MINOR}\"` or an older release down to `\"1.{OLDEST_MINOR}\"`"))
}

/// The minor release of `1.20`, `v1.20` or `1.20.6`.
pub fn parse_release(text: &str) -> Option<u32> {
    let text = text.strip_prefix('v').unwrap_or(text);
    let mut parts = text.split('.');
    let (major, minor) = (parts.next()?, parts.next()?);
    if major != "1" || parts.clone().count() > 1 {
        return None;
    }
    if let Some(patch) = parts.next() {
        patch.parse::<u32>().ok()?;
    }
    minor.parse().ok()
}

/// Whether a field of `since` exists in the target release `minor`.
fn available(since: &str, minor: u32) -> bool {
    since != ROOK_MAIN && parse_release(since).is_some_and(|needed| needed <= minor)
}

/// Reports every field of `decl` (its kind, attributes and block entries)
/// that the target release does not have.
pub fn check_declaration(decl: &Declaration, target: Option<RookVersion>, diags: &mut Diagnostics) {
    let minor = target.map_or(NEWEST_MINOR, |t| t.minor);
    let kind = decl.kind.value;
    let def = kind.def();
    if let Some(since) = def.since.filter(|s| !available(s, minor)) {
        diags.push(too_new(
            &format!("{} `{}`", kind.noun(), decl.name.value),
            field_of(def.emits).replace(" field", ""),
            since,
            decl.kind.span,
            target,
        ));
        return;
    }
    for item in &decl.body {
        let (key, span) = item.key();
        let Some(attribute) = kind.attribute(key) else {
            continue;
        };
        if let Some(since) = attribute.since.filter(|s| !available(s, minor)) {
            diags.push(too_new(
                &format!("`{key}`"),
                field_of(def.emits),
                since,
                span,
                target,
            ));
            continue;
        }
        let BodyItem::Block(block) = item else {
            continue;
        };
        for entry in &block.entries {
            let found = attribute
                .entries()
                .iter()
                .find(|e| e.key == entry.key.value);
            if let Some(since) = found.and_then(|e| e.since).filter(|s| !available(s, minor)) {
                diags.push(too_new(
                    &format!("`{key} {{ {} }}`", entry.key.value),
                    field_of(def.emits),
                    since,
                    entry.key.span,
                    target,
                ));
            }
        }
    }
}

fn field_of(emits: &[crate::kinds::ManifestKind]) -> String {
    emits.first().map_or_else(
        || "the field".to_string(),
        |m| format!("the {} field", m.kind),
    )
}

fn too_new(
    what: &str,
    field: String,
    since: &str,
    span: Span,
    target: Option<RookVersion>,
) -> Diagnostic {
    let targets = format!("v1.{}", target.map_or(NEWEST_MINOR, |t| t.minor));
    let diagnostic = if since == ROOK_MAIN {
        Diagnostic::new(
            Code::NeedsNewerRook,
            format!("{what} needs Rook's main branch: no Rook release has it yet"),
            span,
            "in no Rook release",
        )
        .with_note(format!(
            "{field} is not in the CRD of any release; the API server prunes it (an error under strict field validation), so it never reaches the operator"
        ))
        .with_help("remove it until a Rook release has it")
    } else {
        Diagnostic::new(
            Code::NeedsNewerRook,
            format!("{what} needs Rook v{since} or newer, and the program targets {targets}"),
            span,
            format!("needs Rook v{since}"),
        )
        .with_note(format!("{field} is in Rook's CRD since v{since}"))
        .with_help(format!(
            "raise the `rook` block's `version` to `\"{since}\"` once the cluster runs it, or remove this"
        ))
    };
    match target {
        Some(target) => {
            diagnostic.with_secondary(target.span, format!("the program targets Rook {targets}"))
        }
        None => diagnostic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_parse_to_their_minor_version() {
        assert_eq!(parse_release("1.20"), Some(20));
        assert_eq!(parse_release("v1.17"), Some(17));
        assert_eq!(parse_release("1.20.6"), Some(20));
        assert_eq!(parse_release("2.0"), None);
        assert_eq!(parse_release("1"), None);
        assert_eq!(parse_release("1.20.6.1"), None);
        assert_eq!(parse_release("1.x"), None);
    }

    #[test]
    fn main_is_in_no_release() {
        assert!(!available(ROOK_MAIN, NEWEST_MINOR));
        assert!(available("1.17", 17));
        assert!(!available("1.20", 19));
    }

    #[test]
    fn the_newest_release_is_the_crates_rook_version() {
        assert_eq!(crate::ROOK_VERSION, format!("v1.{NEWEST_MINOR}"));
    }
}
