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
//! Each rule of the grammar is one function, named after the rule (the
//! tokens in `tokens.rs`, values in `value.rs`, policies and lifecycles in
//! `policy.rs`); `skip` is pest's implicit `(WHITESPACE | COMMENT)*`
//! between the parts of a sequence. It names no declaration kind and no
//! attribute: kind keywords come from [`DeclKind::ALL`], and attributes and
//! blocks are the grammar's generic `name = value` and `name { ... }`, so a
//! new kind or attribute needs no edit here. What literals mean is decided
//! by `syntax::literal`, for both parsers.

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
    Block(Block),
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
    /// declaration | !decl_kind ~ block)* ~ rbrace }`.
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
            if let Some(declaration) = p.attempt(Self::declaration) {
                return Some(Member::Declaration(declaration));
            }
            // `!decl_kind`: a lookahead, which consumes nothing.
            let mark = p.mark();
            let kind_keyword = p.decl_kind().is_some();
            p.reset(mark);
            if kind_keyword {
                return None;
            }
            p.attempt(Self::block).map(Member::Block)
        });
        self.skip();
        self.punct(b'}')?;
        let mut attributes = Vec::new();
        let mut blocks = Vec::new();
        let mut declarations = Vec::new();
        for member in members {
            match member {
                Member::Default(attribute) => attributes.push(attribute),
                Member::Declaration(declaration) => declarations.push(declaration),
                Member::Block(block) => blocks.push(block),
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
            blocks,
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

    /// `decl_kind = { kw_... | ... }`, one keyword per kind.
    fn decl_kind(&mut self) -> Option<Spanned<DeclKind>> {
        // Any order gives pest's result: every keyword must end at a word
        // boundary, so at most one of them matches.
        DeclKind::ALL.iter().copied().find_map(|kind| {
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
}

mod policy;
mod settings;
mod tokens;
mod value;
