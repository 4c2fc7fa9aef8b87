//! The fast path's tokens: the grammar's atomic rules (keywords,
//! punctuation, names, strings and numbers). What a string or a number
//! means is decided by `syntax::literal`, as for pest.

use super::Parser;
use crate::ast::Value;
use crate::source::{Span, Spanned};
use crate::syntax::literal;

fn is_ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

impl Parser<'_> {
    /// One punctuation mark.
    pub(super) fn punct(&mut self, mark: u8) -> Option<Span> {
        (self.bytes.get(self.pos) == Some(&mark)).then(|| {
            self.pos += 1;
            self.span(self.pos - 1, self.pos)
        })
    }

    /// Whether `"word" ~ !ident_char` matches here.
    pub(super) fn at_keyword(&self, word: &str) -> bool {
        self.bytes[self.pos..].starts_with(word.as_bytes())
            && !self
                .bytes
                .get(self.pos + word.len())
                .is_some_and(|&b| is_ident_char(b))
    }

    /// `"word" ~ !ident_char`.
    pub(super) fn keyword(&mut self, word: &str) -> Option<Span> {
        self.at_keyword(word).then(|| {
            self.pos += word.len();
            self.span(self.pos - word.len(), self.pos)
        })
    }

    /// `ident = @{ (ASCII_ALPHA | "_") ~ ident_char* }`, as a byte range.
    pub(super) fn ident(&mut self) -> Option<(usize, usize)> {
        let start = self.pos;
        let first = *self.bytes.get(start)?;
        if !(first.is_ascii_alphabetic() || first == b'_') {
            return None;
        }
        let mut end = start + 1;
        while self.bytes.get(end).is_some_and(|&b| is_ident_char(b)) {
            end += 1;
        }
        self.pos = end;
        Some((start, end))
    }

    /// `ref_ident = @{ !reserved ~ ident }`.
    pub(super) fn ref_ident(&mut self) -> Option<(usize, usize)> {
        if ["allow", "deny", "anyone", "on"]
            .iter()
            .any(|word| self.at_keyword(word))
        {
            return None;
        }
        self.ident()
    }

    /// `string = ${ "\"" ~ string_inner ~ "\"" }`, decoded.
    pub(super) fn string(&mut self) -> Option<Spanned<String>> {
        let start = self.pos;
        if self.bytes.get(start) != Some(&b'"') {
            return None;
        }
        let mut at = start + 1;
        loop {
            match *self.bytes.get(at)? {
                b'"' => break,
                b'\n' | b'\r' => return None,
                b'\\' => match *self.bytes.get(at + 1)? {
                    b'\n' | b'\r' => return None,
                    _ => at += 2,
                },
                _ => at += 1,
            }
        }
        self.pos = at + 1;
        let decoded = literal::string(&self.text[start..self.pos]);
        // pest accepts an unknown escape and lowering reports it (E0102).
        self.gave_up |= !decoded.mistakes.is_empty();
        Some(Spanned::new(decoded.value, self.span(start, self.pos)))
    }

    /// `number = @{ "-"? ~ ASCII_DIGIT ~ (ASCII_DIGIT | "_")* ~
    /// ("." ~ ASCII_DIGIT+)? ~ ASCII_ALPHA* }`, as a value.
    pub(super) fn number(&mut self) -> Option<Value> {
        let bytes = self.bytes;
        let start = self.pos;
        let mut at = start + usize::from(bytes.get(start) == Some(&b'-'));
        if !bytes.get(at)?.is_ascii_digit() {
            return None;
        }
        at += 1;
        while bytes
            .get(at)
            .is_some_and(|&b| b.is_ascii_digit() || b == b'_')
        {
            at += 1;
        }
        if bytes.get(at) == Some(&b'.') && bytes.get(at + 1).is_some_and(u8::is_ascii_digit) {
            at += 2;
            while bytes.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
        }
        while bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
            at += 1;
        }
        self.pos = at;
        let decoded = literal::number(&self.text[start..at]);
        // pest accepts a misplaced `_` and lowering reports it (E0104).
        self.gave_up |= !decoded.mistakes.is_empty();
        Some(Value {
            kind: decoded.value,
            span: self.span(start, at),
        })
    }
}
