//! Check: the program's settings block, `rook { ... }`, to
//! [`model::Settings`].
//!
//! The block says which Rook release the program targets and how its
//! operator is configured (which ObjectBucketClaim fields it allows), so that rookc can
//! check the program against it instead of only reminding of it. A program
//! has at most one block, in any of its files.

use crate::ast::{self, Attribute};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model;

use super::{suggest, values};

/// The attributes a `rook { }` block takes.
pub const SETTINGS_ATTRIBUTES: [&str; 2] = ["obc_fields", "version"];

/// The ObjectBucketClaim `additionalConfig` keys Rook reads, in the order
/// Rook's documentation lists them (`additionalConfigSpecFromMap` in
/// `pkg/operator/ceph/object/bucket/util.go`).
pub const OBC_FIELDS: [&str; 7] = [
    "maxObjects",
    "maxSize",
    "bucketMaxObjects",
    "bucketMaxSize",
    "bucketPolicy",
    "bucketLifecycle",
    "bucketOwner",
];

/// Checks every `rook { }` block of the program (`blocks` in source
/// order) and returns what the first one declares.
pub fn check_settings(blocks: &[ast::Settings], diags: &mut Diagnostics) -> model::Settings {
    let Some((first, again)) = blocks.split_first() else {
        return model::Settings::default();
    };
    for block in again {
        diags.push(
            Diagnostic::new(
                Code::DuplicateDeclaration,
                "the program has two `rook` settings blocks",
                block.keyword,
                "declared again here",
            )
            .with_secondary(first.keyword, "first declared here")
            .with_help("move these settings into the first block, and remove this one"),
        );
    }
    let mut settings = model::Settings::default();
    let mut seen: Vec<&Attribute> = Vec::new();
    for attribute in &first.attributes {
        let key = attribute.key.value.as_str();
        if !SETTINGS_ATTRIBUTES.contains(&key) {
            diags.push(unknown_setting(attribute));
        } else if let Some(earlier) = seen.iter().find(|a| a.key.value == key) {
            diags.push(
                Diagnostic::new(
                    Code::DuplicateAttribute,
                    format!("`{key}` is given twice in the `rook` block"),
                    attribute.key.span,
                    "given again here",
                )
                .with_secondary(earlier.key.span, "first given here"),
            );
        } else {
            seen.push(attribute);
            if key == "version" {
                settings.rook_version = super::versions::target(attribute, diags);
            } else {
                settings.obc_fields = obc_fields(attribute, diags);
            }
        }
    }
    settings
}

fn unknown_setting(attribute: &Attribute) -> Diagnostic {
    let key = attribute.key.value.as_str();
    Diagnostic::new(
        Code::UnknownAttribute,
        format!("the `rook` block has no setting `{key}`"),
        attribute.key.span,
        "unknown setting",
    )
    .with_optional_help(
        suggest::did_you_mean(key, SETTINGS_ATTRIBUTES).map(|k| format!("did you mean `{k}`?")),
    )
    .with_note(format!(
        "the `rook` block takes {}",
        values::one_of(&SETTINGS_ATTRIBUTES)
    ))
}

/// `obc_fields = ["maxObjects", ...]`: each entry one of [`OBC_FIELDS`].
fn obc_fields(attribute: &Attribute, diags: &mut Diagnostics) -> Option<model::ObcFields> {
    let entries = values::string_list(attribute, diags)?;
    let mut fields = Vec::with_capacity(entries.len());
    let mut valid = true;
    for entry in entries {
        if OBC_FIELDS.contains(&entry.value.as_str()) {
            fields.push(entry.value);
        } else {
            diags.push(
                values::unknown_value(entry.span, "obc_fields", &entry.value, &OBC_FIELDS)
                    .with_note(
                        "these are the ObjectBucketClaim `additionalConfig` keys Rook reads",
                    ),
            );
            valid = false;
        }
    }
    valid.then_some(model::ObcFields {
        fields,
        span: attribute.span,
    })
}
