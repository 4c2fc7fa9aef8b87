//! Lowers pest pairs to the AST, one function per construct. Spans are made
//! absolute by adding the offset at which the parsed text starts.

use pest::iterators::{Pair, Pairs};

use super::{literal, Rule};
use std::sync::Arc;

use crate::ast::*;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{FileId, Span, Spanned};

struct Lowerer<'d> {
    file: FileId,
    base: usize,
    diags: &'d mut Diagnostics,
}

/// Appends the items and comments of a successfully parsed `file` to `out`.
pub fn lower_file(
    pairs: Pairs<Rule>,
    file: FileId,
    base: usize,
    out: &mut File,
    diags: &mut Diagnostics,
) {
    let mut lowerer = Lowerer { file, base, diags };
    for pair in pairs
        .clone()
        .flatten()
        .filter(|p| p.as_rule() == Rule::COMMENT)
    {
        out.comments.push(Comment {
            text: pair.as_str()[1..].to_string(),
            span: lowerer.span(&pair),
        });
    }
    for file_pair in pairs {
        for pair in children(file_pair) {
            match pair.as_rule() {
                Rule::declaration => {
                    if let Some(declaration) = lowerer.declaration(pair) {
                        out.items.push(Item::Declaration(declaration));
                    }
                }
                Rule::group => out.items.push(Item::Group(lowerer.group(pair))),
                Rule::settings => out.items.push(Item::Settings(lowerer.settings(pair))),
                _ => {}
            }
        }
    }
}

/// The children of a pair, without comments.
fn children(pair: Pair<Rule>) -> impl Iterator<Item = Pair<Rule>> {
    pair.into_inner().filter(|p| p.as_rule() != Rule::COMMENT)
}

impl Lowerer<'_> {
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let span = pair.as_span();
        Span::new(self.file, self.base + span.start(), self.base + span.end())
    }

    fn text(&self, pair: &Pair<Rule>) -> Spanned<String> {
        Spanned::new(pair.as_str().to_string(), self.span(pair))
    }

    fn settings(&mut self, pair: Pair<Rule>) -> Settings {
        let span = self.span(&pair);
        let mut keyword = span;
        let mut attributes = Vec::new();
        for child in children(pair) {
            match child.as_rule() {
                Rule::kw_rook => keyword = self.span(&child),
                Rule::attribute => attributes.push(self.attribute(child)),
                _ => {}
            }
        }
        Settings {
            keyword,
            attributes,
            span,
        }
    }

    fn group(&mut self, pair: Pair<Rule>) -> Group {
        let span = self.span(&pair);
        let mut namespace = None;
        let mut attributes = Vec::new();
        let mut blocks = Vec::new();
        let mut declarations = Vec::new();
        for child in children(pair) {
            match child.as_rule() {
                Rule::string => namespace = Some(self.string(child)),
                Rule::attribute => attributes.push(self.attribute(child)),
                Rule::block => blocks.push(self.block(child)),
                Rule::declaration => declarations.extend(self.declaration(child)),
                _ => {}
            }
        }
        let namespace = namespace.unwrap_or_else(|| Spanned::new(String::new(), span));
        let defaults: Arc<[Attribute]> = Arc::from(attributes.as_slice());
        for declaration in &mut declarations {
            declaration.group_namespace = Some(namespace.clone());
            declaration.group_defaults = Arc::clone(&defaults);
        }
        Group {
            namespace,
            attributes,
            blocks,
            declarations,
            span,
        }
    }

    /// `None`, reported, when the grammar's keyword is not in the kind
    /// table: a bug of rookc (a test holds the two lists equal), which must
    /// not build as some other kind.
    fn declaration(&mut self, pair: Pair<Rule>) -> Option<Declaration> {
        let span = self.span(&pair);
        let mut allows = Vec::new();
        let mut keyword = None;
        let mut name = None;
        let mut body = Vec::new();
        for child in children(pair) {
            match child.as_rule() {
                Rule::suppression => allows.extend(self.suppression(child)),
                Rule::decl_kind => keyword = Some(self.text(&child)),
                Rule::ident => name = Some(self.text(&child)),
                Rule::attribute => body.push(BodyItem::Attribute(self.attribute(child))),
                Rule::block => body.push(BodyItem::Block(self.block(child))),
                Rule::policy => body.push(BodyItem::Policy(self.policy(child))),
                Rule::lifecycle => body.push(BodyItem::Lifecycle(self.lifecycle(child))),
                _ => {}
            }
        }
        let keyword = keyword.unwrap_or_else(|| Spanned::new(String::new(), span));
        let Some(kind) = DeclKind::from_keyword(&keyword.value) else {
            self.diags.push(unknown_kind(keyword));
            return None;
        };
        Some(Declaration {
            kind: Spanned::new(kind, keyword.span),
            // The grammar guarantees a name; the fallback keeps lowering total.
            name: name.unwrap_or_else(|| Spanned::new(String::new(), span)),
            allows,
            body,
            span,
            group_namespace: None,
            group_defaults: Arc::from([]),
        })
    }

    fn suppression(&mut self, pair: Pair<Rule>) -> Vec<Spanned<String>> {
        children(pair)
            .filter(|p| p.as_rule() == Rule::ident)
            .map(|p| self.text(&p))
            .collect()
    }

    fn attribute(&mut self, pair: Pair<Rule>) -> Attribute {
        let span = self.span(&pair);
        let mut key = None;
        let mut value = None;
        for child in children(pair) {
            match child.as_rule() {
                Rule::ident => key = Some(self.text(&child)),
                Rule::string => {
                    let text = self.string(child);
                    key = Some(text);
                }
                Rule::value => value = Some(self.value(child)),
                _ => {}
            }
        }
        Attribute {
            key: key.unwrap_or_else(|| Spanned::new(String::new(), span)),
            value: value.unwrap_or(Value {
                kind: ValueKind::List(Vec::new()),
                span,
            }),
            span,
        }
    }

    fn block(&mut self, pair: Pair<Rule>) -> Block {
        let span = self.span(&pair);
        let mut name = None;
        let mut entries = Vec::new();
        for child in children(pair) {
            match child.as_rule() {
                Rule::ident => name = Some(self.text(&child)),
                Rule::entry => entries.push(self.attribute(child)),
                _ => {}
            }
        }
        Block {
            name: name.unwrap_or_else(|| Spanned::new(String::new(), span)),
            entries,
            span,
        }
    }

    fn value(&mut self, pair: Pair<Rule>) -> Value {
        let span = self.span(&pair);
        let kind = match children(pair).next() {
            Some(inner) => match inner.as_rule() {
                Rule::string => ValueKind::Str(self.string(inner).value),
                Rule::number => self.number(&inner),
                Rule::boolean => ValueKind::Bool(inner.as_str() == "true"),
                Rule::list => ValueKind::List(
                    children(inner)
                        .filter(|p| p.as_rule() == Rule::value)
                        .map(|p| self.value(p))
                        .collect(),
                ),
                _ => ValueKind::Ident(inner.as_str().to_string()),
            },
            None => ValueKind::List(Vec::new()),
        };
        Value { kind, span }
    }

    /// A number split into digits and unit, reporting a misplaced `_`.
    fn number(&mut self, pair: &Pair<Rule>) -> ValueKind {
        let decoded = literal::number(pair.as_str());
        self.report(decoded.mistakes, pair);
        decoded.value
    }

    /// Decodes a string literal, reporting unknown escapes.
    fn string(&mut self, pair: Pair<Rule>) -> Spanned<String> {
        let decoded = literal::string(pair.as_str());
        self.report(decoded.mistakes, &pair);
        Spanned::new(decoded.value, self.span(&pair))
    }

    fn report(&mut self, mistakes: Vec<literal::Mistake>, pair: &Pair<Rule>) {
        let start = self.span(pair).start;
        for mistake in mistakes {
            self.diags
                .push(mistake.diagnostic(self.file, start, pair.as_str()));
        }
    }
}

/// The grammar accepted a declaration keyword that no kind has.
fn unknown_kind(keyword: Spanned<String>) -> Diagnostic {
    Diagnostic::new(
        Code::Syntax,
        format!(
            "internal error: `{}` is a declaration keyword of the grammar but no kind of rookc",
            keyword.value
        ),
        keyword.span,
        "no kind has this keyword",
    )
    .with_note("this is a bug in rookc: grammar/rook.pest and the kind table disagree")
}

mod policy;
