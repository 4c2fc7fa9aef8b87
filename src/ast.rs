//! The abstract syntax tree: what was written, with spans and comments, and
//! no meaning yet. Produced by `syntax`, read by `check`.

use std::sync::Arc;

pub use crate::kinds::DeclKind;
use crate::source::{FileId, Span, Spanned};

/// One parsed file.
#[derive(Debug, Clone)]
pub struct File {
    pub id: FileId,
    pub items: Vec<Item>,
    /// Every comment of the file, in order, kept for the formatter and the
    /// language server.
    pub comments: Vec<Comment>,
    /// Declarations the parser had to skip because of syntax errors, by kind
    /// and name: references to them are not reported again as unknown.
    pub broken: Vec<(DeclKind, String)>,
    /// Every word of the text skipped because of syntax errors: the names
    /// it mentions are not reported as unused.
    pub mentioned_in_skipped: Vec<String>,
}

impl File {
    /// Every declaration, in the order written, those in groups included.
    pub fn declarations(&self) -> impl Iterator<Item = &Declaration> {
        self.items.iter().flat_map(|item| match item {
            Item::Declaration(declaration) => std::slice::from_ref(declaration),
            Item::Group(group) => group.declarations.as_slice(),
            Item::Settings(_) => &[],
        })
    }
}

#[derive(Debug, Clone)]
pub struct Comment {
    /// The text after `#`.
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Item {
    Declaration(Declaration),
    Group(Group),
    Settings(Settings),
}

/// `rook { obc_fields = [...] }`: settings of the whole program.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The `rook` keyword.
    pub keyword: Span,
    pub attributes: Vec<Attribute>,
    pub span: Span,
}

/// `namespace "apps" { ... }`.
#[derive(Debug, Clone)]
pub struct Group {
    pub namespace: Spanned<String>,
    /// Defaults for the enclosed declarations (`store = x`).
    pub attributes: Vec<Attribute>,
    /// Blocks about the namespace itself (`budget { size = 2Ti }`).
    pub blocks: Vec<Block>,
    pub declarations: Vec<Declaration>,
    pub span: Span,
}

/// `bucket logs { ... }`.
#[derive(Debug, Clone)]
pub struct Declaration {
    pub kind: Spanned<DeclKind>,
    pub name: Spanned<String>,
    /// Warnings silenced with `@allow(...)` in front of it.
    pub allows: Vec<Spanned<String>>,
    pub body: Vec<BodyItem>,
    pub span: Span,
    /// Namespace of the enclosing group, if any.
    pub group_namespace: Option<Spanned<String>>,
    /// Attributes of the enclosing group (`store = x`), if any: shared by
    /// the group's declarations.
    pub group_defaults: Arc<[Attribute]>,
}

#[derive(Debug, Clone)]
pub enum BodyItem {
    Attribute(Attribute),
    Block(Block),
    Policy(Policy),
    Lifecycle(Lifecycle),
}

impl BodyItem {
    /// The keyword or key that starts the item, with its span.
    pub fn key(&self) -> (&str, Span) {
        match self {
            BodyItem::Attribute(a) => (&a.key.value, a.key.span),
            BodyItem::Block(b) => (&b.name.value, b.name.span),
            BodyItem::Policy(p) => ("policy", p.keyword),
            BodyItem::Lifecycle(l) => ("lifecycle", l.keyword),
        }
    }
}

/// `key = value`.
#[derive(Debug, Clone)]
pub struct Attribute {
    pub key: Spanned<String>,
    pub value: Value,
    pub span: Span,
}

/// `quota { ... }`, `labels { ... }`.
#[derive(Debug, Clone)]
pub struct Block {
    pub name: Spanned<String>,
    pub entries: Vec<Attribute>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Value {
    pub kind: ValueKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ValueKind {
    /// A decoded string literal.
    Str(String),
    /// A number as written, split into its digits (underscores removed) and
    /// its unit suffix (`10Gi` is `10` and `Gi`).
    Number {
        digits: String,
        unit: String,
    },
    Bool(bool),
    /// A bare word: a reference or an enumerated value.
    Ident(String),
    List(Vec<Value>),
}

impl ValueKind {
    /// How the value's type is called in a message.
    pub fn describe(&self) -> &'static str {
        match self {
            ValueKind::Str(_) => "a string",
            ValueKind::Number { unit, .. } if unit.is_empty() => "a number",
            ValueKind::Number { .. } => "a number with a unit",
            ValueKind::Bool(_) => "a boolean",
            ValueKind::Ident(_) => "a name",
            ValueKind::List(_) => "a list",
        }
    }
}

/// `policy { ... }`.
#[derive(Debug, Clone)]
pub struct Policy {
    pub keyword: Span,
    pub statements: Vec<Statement>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

/// `allow grafana read on "index/"`.
#[derive(Debug, Clone)]
pub struct Statement {
    pub allows: Vec<Spanned<String>>,
    pub effect: Spanned<Effect>,
    pub principals: Vec<Principal>,
    pub actions: Vec<Action>,
    /// Key patterns after `on`; empty for the whole bucket.
    pub resources: Vec<Spanned<String>>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Principal {
    Anyone(Span),
    /// A declared user.
    User(Spanned<String>),
    /// An explicit ARN string.
    Arn(Spanned<String>),
}

impl Principal {
    pub fn span(&self) -> Span {
        match self {
            Principal::Anyone(span) => *span,
            Principal::User(name) | Principal::Arn(name) => name.span,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Action {
    /// An access group: `read`.
    Group(Spanned<String>),
    /// A literal action: `"s3:GetObject"`.
    Literal(Spanned<String>),
}

/// `lifecycle { ... }`.
#[derive(Debug, Clone)]
pub struct Lifecycle {
    pub keyword: Span,
    pub rules: Vec<LifecycleRule>,
    pub span: Span,
}

/// `expire "tmp/" after 1d`, `transition after 30d to "COLD"`,
/// `expire-delete-markers { id = "markers" }`.
#[derive(Debug, Clone)]
pub struct LifecycleRule {
    pub action: Spanned<String>,
    pub prefix: Option<Spanned<String>>,
    /// The number after `after`; `None` without `after`.
    pub after: Option<Value>,
    pub target: Option<Spanned<String>>,
    pub options: Option<RuleOptions>,
    pub span: Span,
}

/// `{ id = "..."  tags { env = "dev" } }` after a lifecycle rule.
#[derive(Debug, Clone)]
pub struct RuleOptions {
    pub items: Vec<RuleOption>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum RuleOption {
    Attribute(Attribute),
    Block(Block),
}

impl RuleOption {
    pub fn span(&self) -> Span {
        match self {
            RuleOption::Attribute(a) => a.span,
            RuleOption::Block(b) => b.span,
        }
    }

    /// The option's name, with its span.
    pub fn key(&self) -> &Spanned<String> {
        match self {
            RuleOption::Attribute(a) => &a.key,
            RuleOption::Block(b) => &b.name,
        }
    }
}
