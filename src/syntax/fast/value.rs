//! The fast path's rules for values: `value` and `list`.

use super::Parser;
use crate::ast::{Value, ValueKind};

impl Parser<'_> {
    /// `value = { string | number | boolean | list | ident }`.
    pub(super) fn value(&mut self) -> Option<Value> {
        if let Some(string) = self.attempt(Self::string) {
            return Some(Value {
                kind: ValueKind::Str(string.value),
                span: string.span,
            });
        }
        if let Some(number) = self.attempt(Self::number) {
            return Some(number);
        }
        for (word, value) in [("true", true), ("false", false)] {
            if let Some(span) = self.keyword(word) {
                return Some(Value {
                    kind: ValueKind::Bool(value),
                    span,
                });
            }
        }
        if let Some(list) = self.attempt(Self::list) {
            return Some(list);
        }
        let word = self.ident()?;
        Some(Value {
            kind: ValueKind::Ident(self.text[word.0..word.1].to_string()),
            span: self.span(word.0, word.1),
        })
    }

    /// `list = { lbracket ~ (value ~ (comma ~ value)* ~ comma?)? ~
    /// rbracket }`.
    fn list(&mut self) -> Option<Value> {
        let start = self.pos;
        self.punct(b'[')?;
        self.skip();
        let items = self
            .attempt(|p| {
                let mut items = vec![p.value()?];
                p.skip();
                p.repeat(&mut items, |p| {
                    p.punct(b',')?;
                    p.skip();
                    p.value()
                });
                p.skip();
                p.attempt(|p| p.punct(b','));
                Some(items)
            })
            .unwrap_or_default();
        self.skip();
        self.punct(b']')?;
        Some(Value {
            kind: ValueKind::List(items),
            span: self.span(start, self.pos),
        })
    }
}
