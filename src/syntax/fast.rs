//! The fast path: a hand-written parser for files without errors.
//!
//! It reads the grammar of `grammar/rook.pest` as pest does (the same
//! ordered choices with backtracking, the same implicit whitespace and
//! comments between the parts of a rule) and builds the AST that pest and
//! `lower.rs` build, with the same spans. It does not report anything: at
//! the first thing it does not accept (a syntax error, an unknown escape in
//! a string) it gives up, and [`super::parse_file`] parses the file again
//! with pest, which reports the problem. So pest stays the reference for
//! every diagnostic, and this parser only has to agree with it on files
//! that parse. The tests compare the two on the examples, the ui cases,
//! every damaged example, generated programs, and the fuzzer's inputs.
//!
//! Each rule of the grammar is one function below, named after the rule;
//! `skip` is pest's implicit `(WHITESPACE | COMMENT)*` between the parts
//! of a sequence.

use std::sync::Arc;

use crate::ast::*;
use crate::source::{FileId, Span, Spanned};

/// The AST of `text`, when the fast path accepts the whole file.
pub fn parse(id: FileId, text: &str) -> Option<File> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        // A byte-order mark is not part of the program.
        pos: super::bom_len(text),
        file: id,
        comments: Vec::new(),
        gave_up: false,
    };
    let items = parser.file()?;
    if parser.gave_up {
        return None;
    }
    Some(File {
        id,
        items,
        comments: parser.comments,
        broken: Vec::new(),
        mentioned_in_skipped: Vec::new(),
    })
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    file: FileId,
    comments: Vec<Comment>,
    /// Set when a string holds an escape the language does not know, or a
    /// number a misplaced `_`: pest accepts it and lowering reports it, so
    /// the file goes to pest.
    gave_up: bool,
}

/// A place to come back to: the position and the comments seen so far.
#[derive(Clone, Copy)]
struct Mark(usize, usize);

/// A member of a `namespace` group.
enum Member {
    Default(Attribute),
    Declaration(Declaration),
}

fn is_ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

impl Parser<'_> {
    // ------------------------------------------------------------------
    // Backtracking, spans, trivia
    // ------------------------------------------------------------------

    fn mark(&self) -> Mark {
        Mark(self.pos, self.comments.len())
    }

    fn reset(&mut self, mark: Mark) {
        self.pos = mark.0;
        self.comments.truncate(mark.1);
    }

    /// Runs a rule; when it fails, nothing was consumed.
    fn attempt<T>(&mut self, rule: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let mark = self.mark();
        let result = rule(self);
        if result.is_none() {
            self.reset(mark);
        }
        result
    }

    /// pest's `x*` (without the skip before the first `x`): `x`, then
    /// `skip ~ x` for as long as it matches.
    fn repeat<T>(&mut self, out: &mut Vec<T>, rule: fn(&mut Self) -> Option<T>) {
        match self.attempt(rule) {
            Some(first) => out.push(first),
            None => return,
        }
        self.repeat_after_first(out, rule);
    }

    /// The rest of `x*` or `x+` once the first `x` matched.
    fn repeat_after_first<T>(&mut self, out: &mut Vec<T>, rule: fn(&mut Self) -> Option<T>) {
        loop {
            let mark = self.mark();
            self.skip();
            match self.attempt(rule) {
                Some(next) => out.push(next),
                None => {
                    self.reset(mark);
                    // Most lists are short: a program holds millions of
                    // them, so no spare capacity.
                    out.shrink_to_fit();
                    return;
                }
            }
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn spanned_text(&self, (start, end): (usize, usize)) -> Spanned<String> {
        Spanned::new(self.text[start..end].to_string(), self.span(start, end))
    }

    /// `WHITESPACE* ~ (COMMENT ~ WHITESPACE*)*`.
    fn skip(&mut self) {
        loop {
            while let Some(b' ' | b'\t' | b'\r' | b'\n') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            if self.bytes.get(self.pos) != Some(&b'#') {
                return;
            }
            // A comment runs up to a `\n` or a `\r`, which it leaves.
            let start = self.pos;
            let end = self.bytes[start..]
                .iter()
                .position(|&b| b == b'\n' || b == b'\r')
                .map_or(self.bytes.len(), |i| start + i);
            self.comments.push(Comment {
                text: self.text[start + 1..end].to_string(),
                span: self.span(start, end),
            });
            self.pos = end;
        }
    }

    // ------------------------------------------------------------------
    // Tokens (atomic rules)
    // ------------------------------------------------------------------

    /// One punctuation mark.
    fn punct(&mut self, mark: u8) -> Option<Span> {
        (self.bytes.get(self.pos) == Some(&mark)).then(|| {
            self.pos += 1;
            self.span(self.pos - 1, self.pos)
        })
    }

    /// Whether `"word" ~ !ident_char` matches here.
    fn at_keyword(&self, word: &str) -> bool {
        self.bytes[self.pos..].starts_with(word.as_bytes())
            && !self
                .bytes
                .get(self.pos + word.len())
                .is_some_and(|&b| is_ident_char(b))
    }

    /// `"word" ~ !ident_char`.
    fn keyword(&mut self, word: &str) -> Option<Span> {
        self.at_keyword(word).then(|| {
            self.pos += word.len();
            self.span(self.pos - word.len(), self.pos)
        })
    }

    /// `ident = @{ (ASCII_ALPHA | "_") ~ ident_char* }`, as a byte range.
    fn ident(&mut self) -> Option<(usize, usize)> {
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
    fn ref_ident(&mut self) -> Option<(usize, usize)> {
        if ["allow", "deny", "anyone", "on"]
            .iter()
            .any(|word| self.at_keyword(word))
        {
            return None;
        }
        self.ident()
    }

    /// `string = ${ "\"" ~ string_inner ~ "\"" }`, decoded.
    fn string(&mut self) -> Option<Spanned<String>> {
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
        let inner = &self.text[start + 1..at];
        let value = if inner.contains('\\') {
            self.unescape(inner)
        } else {
            inner.to_string()
        };
        Some(Spanned::new(value, self.span(start, self.pos)))
    }

    fn unescape(&mut self, inner: &str) -> String {
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                _ => self.gave_up = true,
            }
        }
        out
    }

    /// `number = @{ "-"? ~ ASCII_DIGIT ~ (ASCII_DIGIT | "_")* ~
    /// ("." ~ ASCII_DIGIT+)? ~ ASCII_ALPHA* }`, as a value.
    fn number(&mut self) -> Option<Value> {
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
        let unit_start = at;
        while bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
            at += 1;
        }
        if super::lower::misplaced_underscore(&self.text[start..at]).is_some() {
            // pest accepts it and lowering reports it (E0104).
            self.gave_up = true;
        }
        self.pos = at;
        Some(Value {
            kind: ValueKind::Number {
                digits: self.text[start..unit_start].replace('_', ""),
                unit: self.text[unit_start..at].to_string(),
            },
            span: self.span(start, at),
        })
    }

    // ------------------------------------------------------------------
    // Files and declarations
    // ------------------------------------------------------------------

    /// `file = { SOI ~ item* ~ EOI }`.
    fn file(&mut self) -> Option<Vec<Item>> {
        let mut items = Vec::new();
        self.skip();
        self.repeat(&mut items, Self::item);
        self.skip();
        (self.pos == self.bytes.len()).then_some(items)
    }

    /// `item = _{ settings | group | declaration }`.
    fn item(&mut self) -> Option<Item> {
        if let Some(settings) = self.attempt(Self::settings) {
            return Some(Item::Settings(settings));
        }
        if let Some(group) = self.attempt(Self::group) {
            return Some(Item::Group(group));
        }
        self.attempt(Self::declaration).map(Item::Declaration)
    }

    /// `group = { kw_namespace ~ string ~ lbrace ~ (attribute |
    /// declaration)* ~ rbrace }`.
    fn group(&mut self) -> Option<Group> {
        let start = self.pos;
        self.keyword("namespace")?;
        self.skip();
        let namespace = self.string()?;
        self.skip();
        self.punct(b'{')?;
        self.skip();
        let mut members = Vec::new();
        self.repeat(&mut members, |p| {
            if let Some(attribute) = p.attempt(Self::attribute) {
                return Some(Member::Default(attribute));
            }
            p.attempt(Self::declaration).map(Member::Declaration)
        });
        self.skip();
        self.punct(b'}')?;
        let mut attributes = Vec::new();
        let mut declarations = Vec::new();
        for member in members {
            match member {
                Member::Default(attribute) => attributes.push(attribute),
                Member::Declaration(declaration) => declarations.push(declaration),
            }
        }
        let defaults: Arc<[Attribute]> = Arc::from(attributes.as_slice());
        for declaration in &mut declarations {
            declaration.group_namespace = Some(namespace.clone());
            declaration.group_defaults = Arc::clone(&defaults);
        }
        Some(Group {
            namespace,
            attributes,
            declarations,
            span: self.span(start, self.pos),
        })
    }

    /// `suppression = { at_allow ~ lparen ~ ident ~ (comma ~ ident)* ~
    /// comma? ~ rparen }`: the names it allows.
    fn suppression(&mut self) -> Option<Vec<Spanned<String>>> {
        self.keyword("@allow")?;
        self.skip();
        self.punct(b'(')?;
        self.skip();
        let first = self.ident()?;
        let mut names = vec![self.spanned_text(first)];
        self.skip();
        let mut more = Vec::new();
        self.repeat(&mut more, |p| {
            p.punct(b',')?;
            p.skip();
            p.ident()
        });
        names.extend(more.into_iter().map(|range| self.spanned_text(range)));
        self.skip();
        self.attempt(|p| p.punct(b','));
        self.skip();
        self.punct(b')')?;
        Some(names)
    }

    /// `suppression*`, flattened.
    fn suppressions(&mut self) -> Vec<Spanned<String>> {
        let mut lists = Vec::new();
        self.repeat(&mut lists, Self::suppression);
        lists.into_iter().flatten().collect()
    }

    /// `declaration = { suppression* ~ decl_kind ~ ident ~ lbrace ~
    /// body_item* ~ rbrace }`.
    fn declaration(&mut self) -> Option<Declaration> {
        let start = self.pos;
        let allows = self.suppressions();
        self.skip();
        let kind = self.decl_kind()?;
        self.skip();
        let name = self.ident()?;
        let name = self.spanned_text(name);
        self.skip();
        self.punct(b'{')?;
        self.skip();
        let mut body = Vec::new();
        self.repeat(&mut body, Self::body_item);
        self.skip();
        self.punct(b'}')?;
        Some(Declaration {
            kind,
            name,
            allows,
            body,
            span: self.span(start, self.pos),
            group_namespace: None,
            group_defaults: Arc::from([]),
        })
    }

    /// `decl_kind = { kw_objectstore | kw_filesystem | ... }`.
    fn decl_kind(&mut self) -> Option<Spanned<DeclKind>> {
        // The grammar's order of alternatives, which DeclKind::ALL keeps.
        DeclKind::ALL.into_iter().find_map(|kind| {
            self.keyword(kind.keyword())
                .map(|span| Spanned::new(kind, span))
        })
    }

    /// `body_item = _{ policy | lifecycle | block | attribute }`.
    fn body_item(&mut self) -> Option<BodyItem> {
        if let Some(policy) = self.attempt(Self::policy) {
            return Some(BodyItem::Policy(policy));
        }
        if let Some(lifecycle) = self.attempt(Self::lifecycle) {
            return Some(BodyItem::Lifecycle(lifecycle));
        }
        if let Some(block) = self.attempt(Self::block) {
            return Some(BodyItem::Block(block));
        }
        self.attempt(Self::attribute).map(BodyItem::Attribute)
    }

    /// `attribute = { ident ~ eq ~ value }`.
    fn attribute(&mut self) -> Option<Attribute> {
        let key = self.ident()?;
        let key = self.spanned_text(key);
        self.assignment(key)
    }

    /// `eq ~ value` after the key of an attribute or an entry.
    fn assignment(&mut self, key: Spanned<String>) -> Option<Attribute> {
        self.skip();
        self.punct(b'=')?;
        self.skip();
        let value = self.value()?;
        Some(Attribute {
            span: key.span.to(value.span),
            key,
            value,
        })
    }

    /// `block = { ident ~ lbrace ~ entry* ~ rbrace }`.
    fn block(&mut self) -> Option<Block> {
        let start = self.pos;
        let name = self.ident()?;
        let name = self.spanned_text(name);
        self.skip();
        self.punct(b'{')?;
        self.skip();
        let mut entries = Vec::new();
        self.repeat(&mut entries, Self::entry);
        self.skip();
        self.punct(b'}')?;
        Some(Block {
            name,
            entries,
            span: self.span(start, self.pos),
        })
    }

    /// `entry = { (ident | string) ~ eq ~ value }`.
    fn entry(&mut self) -> Option<Attribute> {
        let key = match self.attempt(Self::ident) {
            Some(range) => self.spanned_text(range),
            None => self.string()?,
        };
        self.assignment(key)
    }

    /// `value = { string | number | boolean | list | ident }`.
    fn value(&mut self) -> Option<Value> {
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

mod policy;
mod settings;
