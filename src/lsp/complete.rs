//! Completion. The context comes from the text before the cursor rather
//! than the AST, because the declaration being typed usually does not
//! parse yet: the open `{` blocks around the cursor say where it is, and
//! the start of the line says what is expected.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, InsertTextFormat,
    InsertTextMode,
};

use super::error::FeatureError;
use super::{docs, Workspace};
use crate::ast::DeclKind;
use crate::check;
use crate::kinds::{self, AttributeDef, EntryDef, Shape, ValueType, GROUP_BLOCKS, GROUP_DEFAULTS};
use crate::source::FileId;

const PROPERTY: CompletionItemKind = CompletionItemKind::PROPERTY;
const UNIT: CompletionItemKind = CompletionItemKind::UNIT;
const VALUE: CompletionItemKind = CompletionItemKind::VALUE;
const KEYWORD: CompletionItemKind = CompletionItemKind::KEYWORD;
const REFERENCE: CompletionItemKind = CompletionItemKind::REFERENCE;
const ENUM_MEMBER: CompletionItemKind = CompletionItemKind::ENUM_MEMBER;

/// Where the cursor is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Context {
    TopLevel,
    Group,
    /// In `rook { }`.
    Settings,
    Declaration(DeclKind),
    Block(DeclKind, String),
    /// In a block of a `namespace` group (`budget { }`).
    GroupBlock(String),
    Policy,
    Lifecycle,
    /// In `{ }` after a lifecycle rule.
    RuleOptions,
    /// In a block inside a rule's options (`tags { }`).
    RuleBlock,
}

fn item(label: &str, kind: CompletionItemKind, detail: Option<&str>) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: detail.map(str::to_string),
        ..CompletionItem::default()
    }
}

/// `textDocument/completion`; `snippets` when the client takes them.
pub fn completion(
    workspace: &Workspace,
    file: FileId,
    params: CompletionParams,
    snippets: bool,
) -> Result<Option<CompletionResponse>, FeatureError> {
    let position = params.text_document_position.position;
    let at = super::features::cursor(workspace, file, position);
    let items = items(workspace, file, at, snippets);
    Ok(Some(CompletionResponse::Array(items)))
}

/// An attribute of a declaration, with what follows its key: `key = `
/// before the value, a block with its closing brace.
fn attribute(attribute: &AttributeDef, snippets: bool) -> CompletionItem {
    let key = attribute.key;
    let mut entry = item(key, PROPERTY, Some(attribute.doc));
    match attribute.shape() {
        Shape::Attribute => entry.insert_text = Some(format!("{key} = ")),
        Shape::Block | Shape::Policy | Shape::Lifecycle if snippets => {
            // Two spaces as `rookc fmt` indents; the client indents the
            // lines below as the line being completed.
            entry.insert_text = Some(format!("{key} {{\n  $0\n}}"));
            entry.insert_text_format = Some(InsertTextFormat::SNIPPET);
            entry.insert_text_mode = Some(InsertTextMode::ADJUST_INDENTATION);
        }
        Shape::Block | Shape::Policy | Shape::Lifecycle => {
            entry.insert_text = Some(format!("{key} {{}}"));
        }
    }
    entry
}

fn items(workspace: &Workspace, file: FileId, at: usize, snippets: bool) -> Vec<CompletionItem> {
    let text = workspace.text(file);
    let at = at.min(text.len());
    let before = &text[..at];
    let context = context(before);
    let line = &before[before.rfind(['\n', '\r']).map_or(0, |i| i + 1)..];
    let words: Vec<&str> = line.split_whitespace().collect();
    let typing_word = !line.ends_with(char::is_whitespace) && !line.is_empty();
    let done: Vec<&str> = if typing_word {
        words[..words.len().saturating_sub(1)].to_vec()
    } else {
        words.clone()
    };
    if let Some(unit_items) = units(line, &context) {
        return unit_items;
    }
    if let Some(key) = value_key(line) {
        return values(workspace, &context, key);
    }
    match &context {
        Context::Policy => policy(workspace, &done),
        Context::Lifecycle if done.is_empty() => check::LIFECYCLE_ACTIONS
            .iter()
            .map(|a| item(a, KEYWORD, Some("lifecycle action")))
            .collect(),
        Context::Lifecycle => vec![item("after", KEYWORD, None), item("to", KEYWORD, None)],
        Context::RuleOptions => check::RULE_OPTIONS
            .iter()
            .map(|key| CompletionItem {
                insert_text: Some(if *key == "tags" {
                    "tags { ".to_string()
                } else {
                    format!("{key} = ")
                }),
                ..item(key, PROPERTY, docs::lifecycle(key))
            })
            .collect(),
        Context::RuleBlock => Vec::new(),
        _ if !done.is_empty() => Vec::new(),
        Context::TopLevel | Context::Group => {
            let mut items: Vec<CompletionItem> = DeclKind::ALL
                .iter()
                .map(|k| item(k.keyword(), KEYWORD, docs::keyword(k.keyword())))
                .collect();
            if context == Context::Group {
                for key in GROUP_DEFAULTS {
                    let refers_to = kinds::reference_kind(None, key).map(DeclKind::noun);
                    let detail = refers_to.map(|noun| format!("default {noun}"));
                    items.push(item(key, PROPERTY, detail.as_deref()));
                }
                items.extend(GROUP_BLOCKS.iter().map(|b| attribute(b, snippets)));
            } else {
                items.push(item("namespace", KEYWORD, docs::keyword("namespace")));
                items.push(item("rook", KEYWORD, docs::keyword("rook")));
                items.push(item("@allow", KEYWORD, docs::keyword("@allow")));
            }
            items
        }
        Context::Settings => check::SETTINGS_ATTRIBUTES
            .iter()
            .map(|key| CompletionItem {
                insert_text: Some(format!("{key} = ")),
                ..item(key, PROPERTY, docs::setting(key))
            })
            .collect(),
        Context::Declaration(kind) => kind
            .def()
            .attributes
            .iter()
            .map(|a| attribute(a, snippets))
            .collect(),
        Context::Block(kind, block) => kind
            .attribute(block)
            .map_or(&[][..], AttributeDef::entries)
            .iter()
            .map(entry)
            .collect(),
        Context::GroupBlock(block) => group_block(block).iter().map(entry).collect(),
    }
}

/// An entry of a block: `key = `.
fn entry(entry: &EntryDef) -> CompletionItem {
    CompletionItem {
        insert_text: Some(format!("{} = ", entry.key)),
        ..item(entry.key, PROPERTY, Some(entry.doc))
    }
}

/// The entries of a `namespace` group's block `key`.
fn group_block(key: &str) -> &'static [EntryDef] {
    GROUP_BLOCKS
        .iter()
        .find(|b| b.key == key)
        .map_or(&[][..], AttributeDef::entries)
}

/// The blocks open at the end of `before`, innermost last.
fn context(before: &str) -> Context {
    let mut frames: Vec<String> = Vec::new();
    let mut header = String::new();
    let mut in_string = false;
    let mut in_comment = false;
    let mut escaped = false;
    for c in before.chars() {
        if in_comment {
            in_comment = c != '\n' && c != '\r';
            continue;
        }
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            header.push(c);
            continue;
        }
        match c {
            '#' => in_comment = true,
            '"' => {
                in_string = true;
                header.push(c);
            }
            '{' => frames.push(std::mem::take(&mut header)),
            '}' => {
                frames.pop();
                header.clear();
            }
            '\n' | '\r' | '=' => header.clear(),
            _ => header.push(c),
        }
    }
    let mut context = Context::TopLevel;
    for frame in &frames {
        let words: Vec<&str> = frame
            .split_whitespace()
            .filter(|w| !w.starts_with("@allow"))
            .collect();
        let first = words.first().copied().unwrap_or("");
        context = match (first, &context) {
            ("namespace", Context::TopLevel) => Context::Group,
            ("rook", Context::TopLevel) => Context::Settings,
            ("policy", Context::Declaration(_)) => Context::Policy,
            ("lifecycle", Context::Declaration(_)) => Context::Lifecycle,
            (_, Context::Lifecycle) => Context::RuleOptions,
            (_, Context::RuleOptions | Context::RuleBlock) => Context::RuleBlock,
            (block, Context::Group) if DeclKind::from_keyword(block).is_none() => {
                Context::GroupBlock(block.to_string())
            }
            (block, Context::Declaration(kind)) => Context::Block(*kind, block.to_string()),
            (keyword, _) => match DeclKind::from_keyword(keyword) {
                Some(kind) => Context::Declaration(kind),
                None => context.clone(),
            },
        };
    }
    context
}

/// `key = partial` at the end of the line: the key.
fn value_key(line: &str) -> Option<&str> {
    let (key, value) = line.rsplit_once('=')?;
    let key = key.split_whitespace().last()?;
    let value = value.trim_start();
    value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        .then_some(key)
}

fn values(workspace: &Workspace, context: &Context, key: &str) -> Vec<CompletionItem> {
    if *context == Context::Settings && key == "obc_fields" {
        return check::OBC_FIELDS
            .iter()
            .map(|field| {
                item(
                    &format!("[\"{field}\"]"),
                    VALUE,
                    Some("ObjectBucketClaim field"),
                )
            })
            .collect();
    }
    // The value's type, from the definition of the kind (or block) the
    // cursor is in.
    let value = match context {
        Context::Declaration(kind) => kind.attribute(key).map(|a| a.value),
        Context::Block(kind, block) => kind
            .attribute(block)
            .and_then(|a| a.entries().iter().find(|e| e.key == key))
            .map(|e| e.value),
        Context::Group => kinds::reference_kind(None, key).map(ValueType::Reference),
        Context::TopLevel
        | Context::Settings
        | Context::Policy
        | Context::Lifecycle
        | Context::RuleOptions
        | Context::RuleBlock => None,
        Context::GroupBlock(block) => group_block(block)
            .iter()
            .find(|e| e.key == key)
            .map(|e| e.value),
    };
    match value {
        Some(ValueType::Grant) => ["read", "write", "[read, write]", "\"*\""]
            .iter()
            .map(|v| item(v, VALUE, None))
            .collect(),
        Some(ValueType::Word(words) | ValueType::WordList(words)) => {
            words.iter().map(|w| item(w, ENUM_MEMBER, None)).collect()
        }
        Some(ValueType::Bool) => ["true", "false"]
            .iter()
            .map(|w| item(w, ENUM_MEMBER, None))
            .collect(),
        Some(ValueType::Reference(kind) | ValueType::ReferenceList(kind)) => workspace
            .index
            .names(kind)
            .into_iter()
            .map(|name| item(name, REFERENCE, Some(kind.noun())))
            .collect(),
        Some(
            ValueType::String
            | ValueType::StringList
            | ValueType::Size
            | ValueType::Count
            | ValueType::Number
            | ValueType::Entries(_)
            | ValueType::StringMap
            | ValueType::Policy
            | ValueType::Lifecycle,
        )
        | None => Vec::new(),
    }
}

/// A number being typed: the units that fit.
fn units(line: &str, context: &Context) -> Option<Vec<CompletionItem>> {
    let last = line
        .split(|c: char| c.is_whitespace() || c == '=')
        .next_back()?;
    let digits = last.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty()
        || !digits.starts_with(|c: char| c.is_ascii_digit())
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '_' || c == '.')
    {
        return None;
    }
    let units: &[&str] = match context {
        Context::Lifecycle => &["d"],
        Context::Block(_, _) | Context::GroupBlock(_)
            if line.contains("objects") || line.contains("buckets") =>
        {
            &["k", "M", "G"]
        }
        _ => &["Ki", "Mi", "Gi", "Ti", "Pi", "k", "M", "G", "T", "P"],
    };
    Some(
        units
            .iter()
            .map(|u| item(&format!("{digits}{u}"), UNIT, None))
            .collect(),
    )
}

/// In a policy: principals after `allow`/`deny`, then access groups.
fn policy(workspace: &Workspace, done: &[&str]) -> Vec<CompletionItem> {
    match done {
        [] => ["allow", "deny", "@allow"]
            .iter()
            .map(|k| item(k, KEYWORD, docs::keyword(k)))
            .collect(),
        [_effect] => {
            let mut items: Vec<CompletionItem> = workspace
                .index
                .names(DeclKind::User)
                .into_iter()
                .map(|u| item(u, REFERENCE, Some("user")))
                .collect();
            items.push(item("anyone", KEYWORD, docs::keyword("anyone")));
            items
        }
        words if words.contains(&"on") => Vec::new(),
        _ => {
            let mut items: Vec<CompletionItem> = check::ACCESS_GROUPS
                .iter()
                .map(|(group, _, what)| item(group, ENUM_MEMBER, Some(what)))
                .collect();
            items.push(item("on", KEYWORD, docs::keyword("on")));
            items
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_follows_open_blocks() {
        assert_eq!(
            context("bucket b {\n  "),
            Context::Declaration(DeclKind::Bucket)
        );
        assert_eq!(
            context("bucket b {\n  policy {\n    allow "),
            Context::Policy
        );
        assert_eq!(
            context("user u {\n  caps { bucket = "),
            Context::Block(DeclKind::User, "caps".into())
        );
        assert_eq!(context("namespace \"a{\" {\n  "), Context::Group);
        assert_eq!(
            context("namespace \"a\" {\n  bucket b { }\n  "),
            Context::Group
        );
        assert_eq!(
            context("namespace \"a\" {\n  budget { si"),
            Context::GroupBlock("budget".into())
        );
        assert_eq!(context("# bucket {\n"), Context::TopLevel);
        assert_eq!(context("rook {\n  "), Context::Settings);
        assert_eq!(
            context("@allow(unused-user)\nuser u {\n "),
            Context::Declaration(DeclKind::User)
        );
    }

    #[test]
    fn value_keys() {
        assert_eq!(value_key("  store = ho"), Some("store"));
        assert_eq!(value_key("  store ="), Some("store"));
        assert_eq!(value_key("  name = \"x"), None);
    }
}
