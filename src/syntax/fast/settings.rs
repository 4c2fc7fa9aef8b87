//! The fast path's rule for the program's settings block, `rook { ... }`.

use super::Parser;
use crate::ast::*;

impl Parser<'_> {
    /// `settings = { kw_rook ~ lbrace ~ attribute* ~ rbrace }`.
    pub(super) fn settings(&mut self) -> Option<Settings> {
        let start = self.pos;
        let keyword = self.keyword("rook")?;
        self.skip();
        self.punct(b'{')?;
        self.skip();
        let mut attributes = Vec::new();
        self.repeat(&mut attributes, Self::attribute);
        self.skip();
        self.punct(b'}')?;
        Some(Settings {
            keyword,
            attributes,
            span: self.span(start, self.pos),
        })
    }
}
