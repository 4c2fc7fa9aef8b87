//! Lowers pest pairs to the AST, one function per construct. Spans are made
//! absolute by adding the offset at which the parsed text starts.

use pest::iterators::{Pair, Pairs};

use super::Rule;
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
                Rule::declaration => out.items.push(Item::Declaration(lowerer.declaration(pair))),
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
        let mut declarations = Vec::new();
        for child in children(pair) {
            match child.as_rule() {
                Rule::string => namespace = Some(self.string(child)),
                Rule::attribute => attributes.push(self.attribute(child)),
                Rule::declaration => declarations.push(self.declaration(child)),
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
            declarations,
            span,
        }
    }

    fn declaration(&mut self, pair: Pair<Rule>) -> Declaration {
        let span = self.span(&pair);
        let mut allows = Vec::new();
        let mut kind = None;
        let mut name = None;
        let mut body = Vec::new();
        for child in children(pair) {
            match child.as_rule() {
                Rule::suppression => allows.extend(self.suppression(child)),
                Rule::decl_kind => {
                    let keyword = self.text(&child);
                    kind = DeclKind::from_keyword(&keyword.value)
                        .map(|k| Spanned::new(k, keyword.span));
                }
                Rule::ident => name = Some(self.text(&child)),
                Rule::attribute => body.push(BodyItem::Attribute(self.attribute(child))),
                Rule::block => body.push(BodyItem::Block(self.block(child))),
                Rule::policy => body.push(BodyItem::Policy(self.policy(child))),
                Rule::lifecycle => body.push(BodyItem::Lifecycle(self.lifecycle(child))),
                _ => {}
            }
        }
        Declaration {
            // The grammar guarantees both; the fallbacks keep lowering total.
            kind: kind.unwrap_or(Spanned::new(DeclKind::Bucket, span)),
            name: name.unwrap_or_else(|| Spanned::new(String::new(), span)),
            allows,
            body,
            span,
            group_namespace: None,
            group_defaults: Arc::from([]),
        }
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
        let text = pair.as_str();
        if let Some(at) = misplaced_underscore(text) {
            let start = self.span(pair).start + at;
            self.diags.push(
                Diagnostic::new(
                    Code::InvalidNumber,
                    format!("`{text}` has a `_` that does not stand between two digits"),
                    Span::new(self.file, start, start + 1),
                    "misplaced `_`",
                )
                .with_help(format!(
                    "write `{}`; a `_` may only separate digits, as in `1_000_000`",
                    without_misplaced_underscores(text)
                )),
            );
        }
        number(text)
    }

    /// Decodes a string literal, reporting unknown escapes.
    fn string(&mut self, pair: Pair<Rule>) -> Spanned<String> {
        let span = self.span(&pair);
        let raw = pair.as_str();
        let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.char_indices();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            let escape_start = span.start + 1 + i;
            match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, 'r')) => out.push('\r'),
                Some((_, '"')) => out.push('"'),
                Some((_, '\\')) => out.push('\\'),
                Some((j, other)) => {
                    let end = span.start + 1 + j + other.len_utf8();
                    self.diags.push(
                        Diagnostic::new(
                            Code::InvalidEscape,
                            format!("unknown escape `\\{other}` in a string"),
                            Span::new(self.file, escape_start, end),
                            "not an escape the language knows",
                        )
                        .with_help("the escapes are `\\\"`, `\\\\`, `\\n`, `\\t` and `\\r`; write `\\\\` for a backslash"),
                    );
                    out.push(other);
                }
                None => out.push('\\'),
            }
        }
        Spanned::new(out, span)
    }

    fn policy(&mut self, pair: Pair<Rule>) -> Policy {
        let span = self.span(&pair);
        let mut keyword = span;
        let mut statements = Vec::new();
        for child in children(pair) {
            match child.as_rule() {
                Rule::kw_policy => keyword = self.span(&child),
                Rule::statement => statements.push(self.statement(child)),
                _ => {}
            }
        }
        Policy {
            keyword,
            statements,
            span,
        }
    }

    fn statement(&mut self, pair: Pair<Rule>) -> Statement {
        let span = self.span(&pair);
        let mut statement = Statement {
            allows: Vec::new(),
            effect: Spanned::new(Effect::Allow, span),
            principals: Vec::new(),
            actions: Vec::new(),
            resources: Vec::new(),
            span,
        };
        let mut last_end = span.start;
        for child in children(pair) {
            last_end = self.span(&child).end;
            match child.as_rule() {
                Rule::suppression => statement.allows.extend(self.suppression(child)),
                Rule::effect => {
                    let effect = if child.as_str() == "deny" {
                        Effect::Deny
                    } else {
                        Effect::Allow
                    };
                    statement.effect = Spanned::new(effect, self.span(&child));
                }
                Rule::principals => {
                    for principal in children(child).filter(|p| p.as_rule() == Rule::principal) {
                        statement.principals.push(self.principal(principal));
                    }
                }
                Rule::action => {
                    if let Some(inner) = children(child).next() {
                        statement.actions.push(match inner.as_rule() {
                            Rule::string => Action::Literal(self.string(inner)),
                            _ => Action::Group(self.text(&inner)),
                        });
                    }
                }
                Rule::resources => {
                    for resource in children(child).filter(|p| p.as_rule() == Rule::string) {
                        statement.resources.push(self.string(resource));
                    }
                }
                _ => {}
            }
        }
        // The pair's span may reach over the blanks after the statement.
        statement.span.end = last_end;
        statement
    }

    fn principal(&mut self, pair: Pair<Rule>) -> Principal {
        let span = self.span(&pair);
        match children(pair).next() {
            Some(inner) if inner.as_rule() == Rule::string => Principal::Arn(self.string(inner)),
            Some(inner) if inner.as_rule() == Rule::ref_ident => Principal::User(self.text(&inner)),
            _ => Principal::Anyone(span),
        }
    }

    fn lifecycle(&mut self, pair: Pair<Rule>) -> Lifecycle {
        let span = self.span(&pair);
        let mut keyword = span;
        let mut rules = Vec::new();
        for child in children(pair) {
            match child.as_rule() {
                Rule::kw_lifecycle => keyword = self.span(&child),
                Rule::lifecycle_rule => rules.push(self.lifecycle_rule(child)),
                _ => {}
            }
        }
        Lifecycle {
            keyword,
            rules,
            span,
        }
    }

    fn lifecycle_rule(&mut self, pair: Pair<Rule>) -> LifecycleRule {
        let span = self.span(&pair);
        let mut action = Spanned::new(String::new(), span);
        let mut prefix = None;
        let mut after = Value {
            kind: ValueKind::List(Vec::new()),
            span,
        };
        let mut target = None;
        let mut seen_after = false;
        for child in children(pair) {
            match child.as_rule() {
                Rule::ident => action = self.text(&child),
                Rule::kw_after => seen_after = true,
                Rule::string if !seen_after => prefix = Some(self.string(child)),
                Rule::string => target = Some(self.string(child)),
                Rule::number => {
                    after = Value {
                        kind: self.number(&child),
                        span: self.span(&child),
                    }
                }
                _ => {}
            }
        }
        // The pair's span may reach over the blanks after the rule.
        let end = target.as_ref().map_or(after.span, |t| t.span);
        LifecycleRule {
            span: action.span.to(end),
            action,
            prefix,
            after,
            target,
        }
    }
}

/// The offset in `text` (a number as the grammar reads it) of the first
/// `_` that does not stand between two digits (`1__0`, `1_000_Gi`).
pub(super) fn misplaced_underscore(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    (0..bytes.len()).find(|&i| bytes[i] == b'_' && !(i > 0 && digit_at(i - 1) && digit_at(i + 1)))
}

/// `text` with every `_` that is not between two digits left out.
fn without_misplaced_underscores(text: &str) -> String {
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    text.char_indices()
        .filter(|&(i, c)| c != '_' || (i > 0 && digit_at(i - 1) && digit_at(i + 1)))
        .map(|(_, c)| c)
        .collect()
}

/// Splits `10Gi` into digits `10` and unit `Gi`, dropping `_` separators.
fn number(text: &str) -> ValueKind {
    let unit_start = text
        .char_indices()
        .find(|(_, c)| c.is_ascii_alphabetic())
        .map_or(text.len(), |(i, _)| i);
    ValueKind::Number {
        digits: text[..unit_start].replace('_', ""),
        unit: text[unit_start..].to_string(),
    }
}
