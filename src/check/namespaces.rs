//! Namespaces: where each declaration's objects live, the `namespace`
//! groups and their defaults, Kubernetes naming of namespaces and objects,
//! and names unique per namespace.

use super::body::Body;
use super::hash::FastMap;
use super::{buckets, names, suggest, values, Checker, Namespaced};
use crate::ast::{self, DeclKind, Declaration};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::kinds::GROUP_DEFAULTS;
use crate::source::{Span, Spanned};

impl Checker<'_> {
    /// The namespace of a declaration: its own `namespace`, else its
    /// group's, else `default`.
    pub(super) fn namespace(
        &mut self,
        decl: &Declaration,
        body: &Body,
        default: Option<&str>,
    ) -> Option<Spanned<String>> {
        if let Some(attribute) = body.own_attribute("namespace") {
            let own = values::string(attribute, self.diags)?;
            if let Some(group) = &decl.group_namespace {
                self.diags.push(
                    Diagnostic::new(
                        Code::ConflictingAttributes,
                        format!(
                            "{} `{}` sets a namespace inside a `namespace` group",
                            decl.kind.value.noun(),
                            decl.name.value
                        ),
                        attribute.span,
                        "namespace set here",
                    )
                    .with_secondary(group.span, "the group already sets it")
                    .with_help("remove `namespace` here, or move the declaration out of the group"),
                );
                return None;
            }
            self.check_namespace_name(&own);
            return Some(own);
        }
        if let Some(group) = &decl.group_namespace {
            return Some(group.clone());
        }
        default.map(|ns| Spanned::new(ns.to_string(), decl.name.span))
    }

    pub(super) fn check_namespace_name(&mut self, namespace: &Spanned<String>) {
        if let Err(why) = names::dns_label(&namespace.value) {
            self.diags.push(invalid_name(
                namespace.span,
                "namespace",
                &namespace.value,
                &why,
            ));
        }
    }

    /// Checks the declaration's own name as a Kubernetes object name.
    pub(super) fn check_object_name(&mut self, decl: &Declaration) {
        if let Err(why) = names::dns_subdomain(&decl.name.value) {
            self.diags.push(invalid_name(
                decl.name.span,
                decl.kind.value.noun(),
                &decl.name.value,
                &why,
            ));
        }
    }

    /// Declarations of kinds named per namespace are unique per namespace
    /// (every such kind's objects, as [`Checker::meta`] recorded them); S3
    /// bucket names per object store.
    pub(super) fn check_unique_per_namespace(&mut self) {
        let mut seen: FastMap<(DeclKind, Option<&str>, &str), Span> = FastMap::default();
        seen.reserve(self.namespaced.len());
        let mut reports = Vec::new();
        let mut sorted: Vec<&Namespaced> = self.namespaced.iter().collect();
        sorted.sort_by_key(|object| object.origin);
        for object in sorted {
            let key = (
                object.kind,
                object.namespace.as_deref(),
                object.name.as_str(),
            );
            match seen.get(&key) {
                Some(first) => reports.push((object.clone(), *first)),
                None => {
                    seen.insert(key, object.origin);
                }
            }
        }
        for (object, first) in reports {
            let namespace = object.namespace.unwrap_or_default();
            self.diags.push(
                Diagnostic::new(
                    Code::DuplicateDeclaration,
                    format!(
                        "{} `{}` is declared twice in namespace `{namespace}`",
                        object.kind.noun(),
                        object.name
                    ),
                    object.origin,
                    "declared again here",
                )
                .with_secondary(first, "first declared here")
                .with_help("rename one of them, or put them in different namespaces"),
            );
        }
        buckets::check_unique_s3_names(&self.bucket_names, self.diags);
    }
}

pub(super) fn check_group(group: &ast::Group, diags: &mut Diagnostics) {
    if let Err(why) = names::dns_label(&group.namespace.value) {
        diags.push(invalid_name(
            group.namespace.span,
            "namespace",
            &group.namespace.value,
            &why,
        ));
    }
    let mut seen: Vec<&ast::Attribute> = Vec::new();
    for attribute in &group.attributes {
        let key = attribute.key.value.as_str();
        if !GROUP_DEFAULTS.contains(&key) {
            diags.push(
                Diagnostic::new(
                    Code::UnknownAttribute,
                    format!("a `namespace` group has no default `{key}`"),
                    attribute.key.span,
                    "unknown default",
                )
                .with_optional_help(
                    suggest::did_you_mean(key, GROUP_DEFAULTS)
                        .map(|k| format!("did you mean `{k}`?")),
                )
                .with_note(format!(
                    "a group sets defaults for {}",
                    GROUP_DEFAULTS.map(|k| format!("`{k}`")).join(" and ")
                )),
            );
        } else if let Some(first) = seen.iter().find(|a| a.key.value == key) {
            diags.push(
                Diagnostic::new(
                    Code::DuplicateAttribute,
                    format!("`{key}` is given twice in the group"),
                    attribute.key.span,
                    "given again here",
                )
                .with_secondary(first.key.span, "first given here"),
            );
        } else {
            seen.push(attribute);
        }
    }
}

pub(super) fn invalid_name(
    span: Span,
    what: &str,
    name: &str,
    why: &names::NameError,
) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidKubernetesName,
        format!("{what} name `{name}` {why}"),
        span,
        "not a valid Kubernetes name",
    )
    .with_help(suggested_name(name).map_or_else(
        || "use lowercase letters, digits and `-`".to_string(),
        |s| format!("use a name such as `{s}`"),
    ))
}

/// A valid name close to `name`: lowercase, `_` and other marks as `-`.
fn suggested_name(name: &str) -> Option<String> {
    let mapped: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = mapped
        .trim_matches('-')
        .chars()
        .take(63)
        .collect::<String>();
    let trimmed = trimmed.trim_end_matches('-').to_string();
    (!trimmed.is_empty() && trimmed != name).then_some(trimmed)
}
