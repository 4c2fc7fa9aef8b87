//! Semantic tokens (`textDocument/semanticTokens/full`): the kind of every
//! word of a document, from its AST and the name index, so that editors
//! colour declared names, references and attribute keys apart whatever
//! their own grammar knows. Keywords the AST keeps no span for (`namespace`,
//! `@allow`, `on`, `after`, `to`) are found right before or after the
//! spans that it does keep.

use lsp_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensLegend,
    SemanticTokensParams, SemanticTokensResult,
};

use super::error::FeatureError;
use super::Workspace;
use crate::ast::{self, Action, BodyItem, Item, Principal, ValueKind};
use crate::source::FileId;

/// The token types, in the order of the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Declaration keywords and the words of policies and lifecycles.
    Keyword,
    /// The name a declaration introduces.
    Declared,
    /// A name that refers to a declaration.
    Reference,
    /// An attribute or block key.
    Key,
    /// A `namespace "..."` group's name.
    Namespace,
    Str,
    Number,
    /// An enumerated word: `many`, `read`, a lint name.
    Word,
    /// `@allow`.
    Decorator,
    Comment,
}

impl Kind {
    const ALL: [Kind; 10] = [
        Kind::Keyword,
        Kind::Declared,
        Kind::Reference,
        Kind::Key,
        Kind::Namespace,
        Kind::Str,
        Kind::Number,
        Kind::Word,
        Kind::Decorator,
        Kind::Comment,
    ];

    fn token_type(self) -> SemanticTokenType {
        match self {
            Kind::Keyword => SemanticTokenType::KEYWORD,
            Kind::Declared => SemanticTokenType::TYPE,
            Kind::Reference => SemanticTokenType::VARIABLE,
            Kind::Key => SemanticTokenType::PROPERTY,
            Kind::Namespace => SemanticTokenType::NAMESPACE,
            Kind::Str => SemanticTokenType::STRING,
            Kind::Number => SemanticTokenType::NUMBER,
            Kind::Word => SemanticTokenType::ENUM_MEMBER,
            Kind::Decorator => SemanticTokenType::DECORATOR,
            Kind::Comment => SemanticTokenType::COMMENT,
        }
    }

    /// The bit set of modifiers: `declaration` (bit 0) on declared names.
    fn modifiers(self) -> u32 {
        u32::from(self == Kind::Declared)
    }
}

/// The legend the server announces in `initialize`.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: Kind::ALL.iter().map(|k| k.token_type()).collect(),
        token_modifiers: vec![SemanticTokenModifier::DECLARATION],
    }
}

pub fn full(
    workspace: &Workspace,
    file: FileId,
    _params: SemanticTokensParams,
) -> Result<Option<SemanticTokensResult>, FeatureError> {
    let text = workspace.text(file);
    let mut tokens = Tokens {
        text,
        found: Vec::new(),
    };
    // Names first: where the AST walk finds the same span, they win.
    for definition in workspace.index.definitions.iter() {
        if definition.span.file == file {
            tokens.add(definition.span, Kind::Declared);
        }
    }
    for reference in workspace.index.references.iter() {
        if reference.span.file == file {
            tokens.add(reference.span, Kind::Reference);
        }
    }
    if let Some(ast) = workspace.analysis.files.get(file.0) {
        tokens.file(ast);
    }
    Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
        result_id: None,
        data: encode(text, tokens.found),
    })))
}

/// The tokens of one file, as byte ranges, in any order.
struct Tokens<'a> {
    text: &'a str,
    found: Vec<(usize, usize, Kind)>,
}

impl Tokens<'_> {
    fn add(&mut self, span: crate::source::Span, kind: Kind) {
        self.found.push((span.start, span.end, kind));
    }

    /// `word` at `from` (after blanks), if it is there.
    fn word_after(&mut self, from: usize, word: &str, kind: Kind) {
        let Some(rest) = self.text.get(from..) else {
            return;
        };
        let start = from + (rest.len() - rest.trim_start().len());
        let end = start + word.len();
        let followed_by_word = self.text[start..]
            .chars()
            .nth(word.len())
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if self.text[start..].starts_with(word) && !followed_by_word {
            self.found.push((start, end, kind));
        }
    }

    /// `@allow(` before the first silenced name.
    fn allows(&mut self, allows: &[crate::source::Spanned<String>]) {
        let Some(first) = allows.first() else {
            return;
        };
        let before = self.text.get(..first.span.start).unwrap_or("").trim_end();
        if let Some(at) = before.strip_suffix('(').map(str::trim_end) {
            if at.ends_with("@allow") {
                self.found
                    .push((at.len() - "@allow".len(), at.len(), Kind::Decorator));
            }
        }
        for name in allows {
            self.add(name.span, Kind::Word);
        }
    }

    fn file(&mut self, ast: &ast::File) {
        for comment in &ast.comments {
            self.add(comment.span, Kind::Comment);
        }
        for item in &ast.items {
            match item {
                Item::Declaration(decl) => self.declaration(decl),
                Item::Group(group) => {
                    self.word_after(group.span.start, "namespace", Kind::Keyword);
                    self.add(group.namespace.span, Kind::Namespace);
                    for attribute in &group.attributes {
                        self.attribute(attribute);
                    }
                    for block in &group.blocks {
                        self.add(block.name.span, Kind::Key);
                        for entry in &block.entries {
                            self.attribute(entry);
                        }
                    }
                    for decl in &group.declarations {
                        self.declaration(decl);
                    }
                }
                Item::Settings(settings) => {
                    self.add(settings.keyword, Kind::Keyword);
                    for attribute in &settings.attributes {
                        self.attribute(attribute);
                    }
                }
            }
        }
    }

    fn declaration(&mut self, decl: &ast::Declaration) {
        self.allows(&decl.allows);
        self.add(decl.kind.span, Kind::Keyword);
        for item in &decl.body {
            match item {
                BodyItem::Attribute(attribute) => self.attribute(attribute),
                BodyItem::Block(block) => {
                    self.add(block.name.span, Kind::Key);
                    for entry in &block.entries {
                        self.attribute(entry);
                    }
                }
                BodyItem::Policy(policy) => {
                    self.add(policy.keyword, Kind::Keyword);
                    for statement in &policy.statements {
                        self.statement(statement);
                    }
                }
                BodyItem::Lifecycle(lifecycle) => {
                    self.add(lifecycle.keyword, Kind::Keyword);
                    for rule in &lifecycle.rules {
                        self.rule(rule);
                    }
                }
            }
        }
    }

    fn attribute(&mut self, attribute: &ast::Attribute) {
        self.add(attribute.key.span, Kind::Key);
        self.value(&attribute.value);
    }

    fn value(&mut self, value: &ast::Value) {
        let kind = match &value.kind {
            ValueKind::Str(_) => Kind::Str,
            ValueKind::Number { .. } => Kind::Number,
            ValueKind::Bool(_) => Kind::Keyword,
            // References were added from the index; this is any other word.
            ValueKind::Ident(_) => Kind::Word,
            ValueKind::List(values) => {
                for value in values {
                    self.value(value);
                }
                return;
            }
        };
        self.add(value.span, kind);
    }

    fn statement(&mut self, statement: &ast::Statement) {
        self.allows(&statement.allows);
        self.add(statement.effect.span, Kind::Keyword);
        let mut end = statement.effect.span.end;
        for principal in &statement.principals {
            match principal {
                Principal::Anyone(span) => self.add(*span, Kind::Keyword),
                Principal::User(_) => {} // a reference, from the index
                Principal::Arn(arn) => self.add(arn.span, Kind::Str),
            }
            end = principal.span().end;
        }
        for action in &statement.actions {
            let span = match action {
                Action::Group(group) => {
                    self.add(group.span, Kind::Word);
                    group.span
                }
                Action::Literal(literal) => {
                    self.add(literal.span, Kind::Str);
                    literal.span
                }
            };
            end = span.end;
        }
        if !statement.resources.is_empty() {
            self.word_after(end, "on", Kind::Keyword);
        }
        for resource in &statement.resources {
            self.add(resource.span, Kind::Str);
        }
    }

    fn rule(&mut self, rule: &ast::LifecycleRule) {
        self.add(rule.action.span, Kind::Keyword);
        let mut end = rule.action.span.end;
        if let Some(prefix) = &rule.prefix {
            self.add(prefix.span, Kind::Str);
            end = prefix.span.end;
        }
        if let Some(after) = &rule.after {
            self.word_after(end, "after", Kind::Keyword);
            self.value(after);
            if let Some(target) = &rule.target {
                self.word_after(after.span.end, "to", Kind::Keyword);
                self.add(target.span, Kind::Str);
            }
        }
        for option in rule.options.iter().flat_map(|o| &o.items) {
            match option {
                ast::RuleOption::Attribute(attribute) => self.attribute(attribute),
                ast::RuleOption::Block(block) => {
                    self.add(block.name.span, Kind::Key);
                    for entry in &block.entries {
                        self.attribute(entry);
                    }
                }
            }
        }
    }
}

/// The LSP encoding: tokens in order, one line each, positions in UTF-16
/// units relative to the previous token. Overlapping tokens keep the one
/// added first; a token across lines is cut at each line break.
fn encode(text: &str, mut found: Vec<(usize, usize, Kind)>) -> Vec<SemanticToken> {
    // Stable: among tokens at one place, the first added stays first.
    found.sort_by_key(|&(start, _, _)| start);
    let mut data = Vec::with_capacity(found.len());
    // Where the walk is: byte offset, line and UTF-16 column.
    let (mut at, mut line, mut column) = (0, 0u32, 0u32);
    let (mut last_line, mut last_column) = (0, 0);
    let mut chars = text.char_indices().peekable();
    for (start, end, kind) in found {
        if start < at || end <= start || end > text.len() {
            continue; // overlaps the previous token, or empty
        }
        let mut piece: Option<(u32, u32)> = None; // line and column of the piece's start
        let mut length = 0;
        while let Some(&(offset, c)) = chars.peek() {
            if offset >= end {
                break;
            }
            chars.next();
            let inside = offset >= start;
            let line_break =
                c == '\n' || (c == '\r' && chars.peek().is_none_or(|&(_, n)| n != '\n'));
            if inside && !line_break && c != '\r' && piece.is_none() {
                piece = Some((line, column));
            }
            if line_break {
                if let Some((piece_line, piece_column)) = piece.take() {
                    push(
                        &mut data,
                        (&mut last_line, &mut last_column),
                        piece_line,
                        piece_column,
                        length,
                        kind,
                    );
                }
                length = 0;
                line += 1;
                column = 0;
                continue;
            }
            let units = c.len_utf16() as u32;
            column += units;
            if inside && c != '\r' {
                length += units;
            }
        }
        if let Some((piece_line, piece_column)) = piece {
            push(
                &mut data,
                (&mut last_line, &mut last_column),
                piece_line,
                piece_column,
                length,
                kind,
            );
        }
        at = end;
    }
    data
}

fn push(
    data: &mut Vec<SemanticToken>,
    (last_line, last_column): (&mut u32, &mut u32),
    line: u32,
    column: u32,
    length: u32,
    kind: Kind,
) {
    let delta_line = line - *last_line;
    let delta_start = if delta_line == 0 {
        column - *last_column
    } else {
        column
    };
    data.push(SemanticToken {
        delta_line,
        delta_start,
        length,
        token_type: kind as u32, // its index in `Kind::ALL`
        token_modifiers_bitset: kind.modifiers(),
    });
    (*last_line, *last_column) = (line, column);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_utf16_columns_and_one_line_each() {
        let text = "é𝄞 ab\r\ncd\nef";
        let ab = text.find("ab").expect("ab");
        let cd = text.find("cd").expect("cd");
        let found = vec![
            (ab, ab + 2, Kind::Str),
            (ab, text.len(), Kind::Comment), // overlaps: dropped
            (cd, text.len(), Kind::Str),     // two lines: two tokens
        ];
        let encoded: Vec<[u32; 3]> = encode(text, found)
            .iter()
            .map(|t| [t.delta_line, t.delta_start, t.length])
            .collect();
        assert_eq!(encoded, [[0, 4, 2], [1, 0, 2], [1, 0, 2]]);
    }
}
