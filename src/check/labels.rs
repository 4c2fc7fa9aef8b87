//! `metadata` of emitted objects: name, namespace, and the labels and
//! annotations a declaration gives, checked against Kubernetes' rules.

use std::collections::BTreeMap;

use super::body::{self, Body};
use super::{limits, names, Checker, Namespaced, MANAGED_BY_LABEL};
use crate::ast::{self, Declaration};
use crate::diag::{Code, Diagnostic};
use crate::kinds::NameScope;
use crate::model::Meta;

impl Checker<'_> {
    /// `metadata` of an emitted object: name, namespace, labels, annotations.
    pub(super) fn meta(
        &mut self,
        decl: &Declaration,
        body: &Body,
        namespace: Option<String>,
    ) -> Meta {
        let mut labels = BTreeMap::new();
        labels.insert(MANAGED_BY_LABEL.to_string(), "rookc".to_string());
        if let Some(block) = body.block("labels") {
            for entry in body::block_entries(block, &[], "`labels`", self.diags) {
                if let Some(value) = self.label_entry(entry, true) {
                    labels.insert(entry.key.value.clone(), value);
                }
            }
        }
        let mut annotations = BTreeMap::new();
        if let Some(block) = body.block("annotations") {
            for entry in body::block_entries(block, &[], "`annotations`", self.diags) {
                if let Some(value) = self.label_entry(entry, false) {
                    annotations.insert(entry.key.value.clone(), value);
                }
            }
        }
        let annotations: Vec<(String, String)> = annotations.into_iter().collect();
        if let Some(block) = body.block("annotations") {
            limits::check_annotation_size(block, &annotations, self.diags);
        }
        if decl.kind.value.def().scope == NameScope::Namespace {
            self.namespaced.push(Namespaced {
                kind: decl.kind.value,
                namespace: namespace.clone(),
                name: decl.name.value.clone(),
                origin: decl.name.span,
            });
        }
        Meta {
            name: decl.name.value.clone(),
            namespace,
            labels: labels.into_iter().collect(),
            annotations,
        }
    }

    fn label_entry(&mut self, entry: &ast::Attribute, is_label: bool) -> Option<String> {
        let what = if is_label { "label" } else { "annotation" };
        let key = &entry.key.value;
        let mut ok = true;
        if let Err(why) = names::qualified_key(key) {
            self.diags.push(Diagnostic::new(
                Code::InvalidLabel,
                format!("{what} key `{key}` {why}"),
                entry.key.span,
                format!("invalid {what} key"),
            ));
            ok = false;
        }
        if is_label && key == MANAGED_BY_LABEL {
            self.diags.push(
                Diagnostic::new(
                    Code::InvalidLabel,
                    format!("the label `{MANAGED_BY_LABEL}` is set by rookc"),
                    entry.key.span,
                    "reserved label",
                )
                .with_note(
                    "every object rookc emits carries `app.kubernetes.io/managed-by: rookc`",
                ),
            );
            ok = false;
        }
        let value = match &entry.value.kind {
            ast::ValueKind::Str(text) => text.clone(),
            other => {
                self.diags.push(
                    Diagnostic::new(
                        Code::TypeMismatch,
                        format!("{what} values are strings, not {}", other.describe()),
                        entry.value.span,
                        "expected a string",
                    )
                    .with_help("quote the value, as Kubernetes stores it as a string"),
                );
                return None;
            }
        };
        if is_label {
            if let Err(why) = names::label_value(&value) {
                self.diags.push(Diagnostic::new(
                    Code::InvalidLabel,
                    format!("label value `{value}` {why}"),
                    entry.value.span,
                    "invalid label value",
                ));
                ok = false;
            }
        }
        ok.then_some(value)
    }
}
