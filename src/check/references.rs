//! Names and references: registering the declarations of kinds named
//! across the program, reporting duplicates, and resolving a reference to
//! its declaration (with "did you mean" for unknown names).

use std::sync::Arc;

use super::body::{self, Body};
use super::hash::FastMap;
use super::{suggest, values, Checker};
use crate::ast::{DeclKind, Declaration};
use crate::diag::{Code, Diagnostic};
use crate::kinds::NameScope;
use crate::source::{Span, Spanned};

impl Checker<'_> {
    /// Records a globally named declaration, reporting duplicates.
    pub(super) fn register(&mut self, index: usize) {
        let decl = self.decl(index);
        let kind = decl.kind.value;
        if kind.def().scope != NameScope::Program {
            return;
        }
        let table = self.symbols.entry(kind).or_default();
        match table.get(decl.name.value.as_str()) {
            Some(&first) => {
                let first = &self.decls[first];
                self.diags.push(duplicate(
                    &decl,
                    first.name.span,
                    &format!("{} `{}` is declared twice", kind.noun(), decl.name.value),
                ));
            }
            None => {
                table.insert(decl.name.value.clone(), index);
            }
        }
    }

    /// Whether `index` is the declaration its name resolves to (a duplicate
    /// of a global kind is reported once and not checked further).
    pub(super) fn is_first(&self, index: usize) -> bool {
        let decl = &self.decls[index];
        match self.symbols.get(&decl.kind.value) {
            Some(table) => table.get(decl.name.value.as_str()) == Some(&index),
            None => true,
        }
    }

    /// A required reference attribute (`store = s3`): the name, when it
    /// names a declaration of the kind the kind table gives `key`. A
    /// missing attribute (E0302) and an unknown name are reported.
    pub(super) fn required_reference(
        &mut self,
        decl: &Declaration,
        body: &Body,
        key: &str,
    ) -> Option<Spanned<String>> {
        let Some(attribute) = body.attribute(key) else {
            self.diags.push(body::missing(decl, key));
            return None;
        };
        let kind = crate::kinds::reference_kind(Some(decl.kind.value), key)?;
        let name = values::reference(attribute, self.diags)?;
        self.resolve(kind, &name).map(|_| name)
    }

    /// Resolves a reference to a declaration of `kind`, reporting unknown
    /// names (with a suggestion) and names of another kind.
    pub(super) fn resolve(&mut self, kind: DeclKind, name: &Spanned<String>) -> Option<usize> {
        if let Some(&index) = self
            .symbols
            .get(&kind)
            .and_then(|t| t.get(name.value.as_str()))
        {
            return Some(index);
        }
        if kind == DeclKind::User {
            // The reference may have meant a declared user: do not also
            // call that user unused.
            self.unresolved_user_reference = true;
        }
        if self.broken.contains(&(kind, name.value.clone())) {
            return None;
        }
        let decls = &self.decls;
        let by_name = self.by_name.get_or_insert_with(|| {
            let mut by_name: FastMap<String, Vec<usize>> = FastMap::default();
            for (index, decl) in decls.iter().enumerate() {
                by_name
                    .entry(decl.name.value.clone())
                    .or_default()
                    .push(index);
            }
            by_name
        });
        let other = by_name
            .get(&name.value)
            .and_then(|indices| indices.iter().find(|&&i| decls[i].kind.value != kind))
            .map(|&i| Arc::clone(&decls[i]));
        if let Some(other) = other {
            self.diags.push(
                Diagnostic::new(
                    Code::WrongKind,
                    format!(
                        "`{}` is {} {}, not {} {}",
                        name.value,
                        other.kind.value.article(),
                        other.kind.value.noun(),
                        kind.article(),
                        kind.noun()
                    ),
                    name.span,
                    format!("expected {} {}", kind.article(), kind.noun()),
                )
                .with_secondary(
                    other.name.span,
                    format!("`{}` is declared here", name.value),
                ),
            );
            return None;
        }
        let symbols = &self.symbols;
        let budget = &mut self.suggestion_budget;
        let suggestion = self
            .suggestions
            .entry((kind, name.value.clone()))
            .or_insert_with(|| {
                let table = symbols.get(&kind)?;
                *budget = budget.checked_sub(table.len())?;
                suggest::did_you_mean(&name.value, table.keys().map(String::as_str))
                    .map(str::to_string)
            });
        let help = suggestion
            .as_ref()
            .map(|s| format!("did you mean `{s}`?"))
            .or_else(|| {
                Some(format!(
                    "declare it: `{} {} {{ ... }}`",
                    kind.keyword(),
                    name.value
                ))
            });
        self.diags.push(
            Diagnostic::new(
                Code::UnknownName,
                format!("no {} named `{}`", kind.noun(), name.value),
                name.span,
                format!("not a declared {}", kind.noun()),
            )
            .with_optional_help(help),
        );
        None
    }
}

fn duplicate(decl: &Declaration, first: Span, message: &str) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateDeclaration,
        message,
        decl.name.span,
        "declared again here",
    )
    .with_secondary(first, "first declared here")
    .with_help("rename one of them, or remove the second")
}
