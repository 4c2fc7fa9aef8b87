//! An index of the names in a program: where each declaration is, and every
//! place that refers to one. Built from the ASTs alone (no checking), for
//! the language server's navigation: definition, references, rename.

use crate::ast::{self, BodyItem, DeclKind, Declaration, Item, ValueKind};
use crate::source::Span;

/// A declaration's name and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub kind: DeclKind,
    pub name: String,
    /// The span of the name after the keyword.
    pub span: Span,
    /// The whole declaration.
    pub full: Span,
}

/// A place that names a declaration of `kind`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub kind: DeclKind,
    pub name: String,
    pub span: Span,
}

/// All definitions and references of a program.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub definitions: Vec<Definition>,
    pub references: Vec<Reference>,
}

impl Index {
    pub fn build(files: &[ast::File]) -> Index {
        let mut index = Index::default();
        for file in files {
            for item in &file.items {
                match item {
                    Item::Declaration(decl) => index.declaration(decl),
                    Item::Group(group) => {
                        for attribute in &group.attributes {
                            index.attribute(None, attribute);
                        }
                        for decl in &group.declarations {
                            index.declaration(decl);
                        }
                    }
                    // Settings neither declare nor refer to a name.
                    Item::Settings(_) => {}
                }
            }
        }
        index.settle_volume_classes();
        index
    }

    /// A volume's `class` names a block class or a file class (the kind
    /// table says block class): one that names a file class, and no block
    /// class, refers to the file class.
    fn settle_volume_classes(&mut self) {
        let names = |kind: DeclKind| -> std::collections::HashSet<&str> {
            self.definitions
                .iter()
                .filter(|d| d.kind == kind)
                .map(|d| d.name.as_str())
                .collect()
        };
        let file_classes = names(DeclKind::FileClass);
        if file_classes.is_empty() {
            return;
        }
        let block_classes = names(DeclKind::BlockClass);
        let settled: Vec<usize> = (0..self.references.len())
            .filter(|&i| {
                let reference = &self.references[i];
                reference.kind == DeclKind::BlockClass
                    && !block_classes.contains(reference.name.as_str())
                    && file_classes.contains(reference.name.as_str())
            })
            .collect();
        for i in settled {
            self.references[i].kind = DeclKind::FileClass;
        }
    }

    fn declaration(&mut self, decl: &Declaration) {
        self.definitions.push(Definition {
            kind: decl.kind.value,
            name: decl.name.value.clone(),
            span: decl.name.span,
            full: decl.span,
        });
        for item in &decl.body {
            match item {
                BodyItem::Attribute(attribute) => self.attribute(Some(decl.kind.value), attribute),
                BodyItem::Policy(policy) => {
                    for statement in &policy.statements {
                        for principal in &statement.principals {
                            if let ast::Principal::User(user) = principal {
                                self.references.push(Reference {
                                    kind: DeclKind::User,
                                    name: user.value.clone(),
                                    span: user.span,
                                });
                            }
                        }
                    }
                }
                BodyItem::Block(_) | BodyItem::Lifecycle(_) => {}
            }
        }
    }

    /// A reference in an attribute of a declaration of `owner`, or of a
    /// namespace group (`None`).
    fn attribute(&mut self, owner: Option<DeclKind>, attribute: &ast::Attribute) {
        let Some(kind) = crate::kinds::reference_kind(owner, &attribute.key.value) else {
            return;
        };
        let values = match &attribute.value.kind {
            ValueKind::List(items) => items.iter().collect(),
            ValueKind::Str(_)
            | ValueKind::Number { .. }
            | ValueKind::Bool(_)
            | ValueKind::Ident(_) => {
                vec![&attribute.value]
            }
        };
        for value in values {
            if let ValueKind::Ident(name) = &value.kind {
                self.references.push(Reference {
                    kind,
                    name: name.clone(),
                    span: value.span,
                });
            }
        }
    }

    /// The definition of `kind` named `name` (the first, if duplicated).
    pub fn definition(&self, kind: DeclKind, name: &str) -> Option<&Definition> {
        self.definitions
            .iter()
            .find(|d| d.kind == kind && d.name == name)
    }

    /// What is at `offset` of `file`: a definition's name or a reference,
    /// as (kind, name).
    pub fn at(&self, file: crate::source::FileId, offset: usize) -> Option<(DeclKind, &str)> {
        let contains =
            |span: &Span| span.file == file && span.start <= offset && offset <= span.end;
        if let Some(definition) = self.definitions.iter().find(|d| contains(&d.span)) {
            return Some((definition.kind, &definition.name));
        }
        self.references
            .iter()
            .find(|r| contains(&r.span))
            .map(|r| (r.kind, r.name.as_str()))
    }

    /// Every place naming `kind` `name`: its definitions, then references.
    pub fn occurrences(&self, kind: DeclKind, name: &str) -> Vec<Span> {
        let definitions = self
            .definitions
            .iter()
            .filter(|d| d.kind == kind && d.name == name)
            .map(|d| d.span);
        let references = self
            .references
            .iter()
            .filter(|r| r.kind == kind && r.name == name)
            .map(|r| r.span);
        definitions.chain(references).collect()
    }

    /// The names declared with `kind`, sorted, each once.
    pub fn names(&self, kind: DeclKind) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .definitions
            .iter()
            .filter(|d| d.kind == kind)
            .map(|d| d.name.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::source::FileId;

    #[test]
    fn finds_definitions_and_references() {
        let text = "objectstore s3 { namespace = \"a\" }\nnamespace \"m\" { store = s3\n user loki { }\n bucket b { owner = loki  policy { allow loki read } } }\n";
        let file = crate::syntax::parse_file(FileId(0), text, &mut Diagnostics::new());
        let index = Index::build(&[file]);
        assert_eq!(index.names(DeclKind::User), ["loki"]);
        let loki = index.occurrences(DeclKind::User, "loki");
        assert_eq!(loki.len(), 3);
        assert_eq!(index.occurrences(DeclKind::ObjectStore, "s3").len(), 2);
        let at = text.find("owner = loki").expect("owner") + "owner = ".len() + 1;
        assert_eq!(index.at(FileId(0), at), Some((DeclKind::User, "loki")));
    }
}
