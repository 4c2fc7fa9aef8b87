//! The language features: diagnostics, hover, definition, references,
//! rename, completion, formatting and document symbols. Each takes the
//! analysed workspace and the request's parameters and returns the result
//! as JSON.

use serde_json::{json, Value};

use super::position::{offset, range};
use super::{docs, Workspace};
use crate::ast::{self, DeclKind, Item};
use crate::diag::{Diagnostic, Severity};
use crate::model::BucketNaming;
use crate::source::{FileId, SourceFile, Span};

fn location(workspace: &Workspace, span: Span) -> Value {
    let file = workspace.sources.get(span.file);
    json!({ "uri": workspace.uris[span.file.0], "range": range(file, span.start, span.end) })
}

/// One diagnostic in LSP form, with its code, help and related places.
pub fn diagnostic(workspace: &Workspace, diagnostic: &Diagnostic) -> Value {
    let span = diagnostic.primary.span;
    let file = workspace.sources.get(span.file);
    let mut message = diagnostic.message.clone();
    for note in &diagnostic.notes {
        message.push_str(&format!("\nnote: {note}"));
    }
    if let Some(help) = &diagnostic.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let related: Vec<Value> = diagnostic
        .secondary
        .iter()
        .map(|label| json!({ "location": location(workspace, label.span), "message": label.message }))
        .collect();
    json!({
        "range": range(file, span.start, span.end),
        "severity": match diagnostic.severity() { Severity::Error => 1, Severity::Warning => 2, Severity::Note => 3 },
        "code": diagnostic.code.as_str(),
        "source": "rookc",
        "message": message,
        "relatedInformation": related,
    })
}

fn cursor(workspace: &Workspace, file: FileId, params: &Value) -> usize {
    offset(workspace.sources.get(file), &params["position"])
}

/// The word (identifier characters, `@`) around `at`.
fn word_at(text: &str, at: usize) -> Option<(usize, &str)> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '@';
    let start = text[..at.min(text.len())]
        .rfind(|c: char| !is_word(c))
        .map_or(0, |i| i + 1);
    let end = text[start..]
        .find(|c: char| !is_word(c))
        .map_or(text.len(), |i| start + i);
    (start < end).then(|| (start, &text[start..end]))
}

pub fn definition(workspace: &Workspace, file: FileId, params: &Value) -> Result<Value, String> {
    let at = cursor(workspace, file, params);
    let Some((kind, name)) = workspace.index.at(file, at) else {
        return Ok(Value::Null);
    };
    Ok(workspace
        .index
        .definition(kind, name)
        .map_or(Value::Null, |d| location(workspace, d.span)))
}

pub fn references(workspace: &Workspace, file: FileId, params: &Value) -> Result<Value, String> {
    let at = cursor(workspace, file, params);
    let Some((kind, name)) = workspace.index.at(file, at) else {
        return Ok(Value::Null);
    };
    let with_declaration = params["context"]["includeDeclaration"]
        .as_bool()
        .unwrap_or(true);
    let definitions: Vec<Span> = workspace
        .index
        .definitions
        .iter()
        .filter(|d| d.kind == kind && d.name == name)
        .map(|d| d.span)
        .collect();
    let spans: Vec<Value> = workspace
        .index
        .occurrences(kind, name)
        .into_iter()
        .filter(|span| with_declaration || !definitions.contains(span))
        .map(|span| location(workspace, span))
        .collect();
    Ok(Value::Array(spans))
}

pub fn rename(workspace: &Workspace, file: FileId, params: &Value) -> Result<Value, String> {
    let at = cursor(workspace, file, params);
    let new_name = params["newName"].as_str().unwrap_or("");
    let Some((kind, name)) = workspace.index.at(file, at) else {
        return Err("there is no declaration or reference here to rename".into());
    };
    let valid = new_name.starts_with(|c: char| c.is_ascii_lowercase())
        && new_name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !new_name.ends_with('-');
    if !valid {
        return Err(format!("`{new_name}` is not a valid name: lowercase letters, digits and `-`, starting with a letter"));
    }
    if new_name != name && workspace.index.definition(kind, new_name).is_some() {
        return Err(format!(
            "there is already a {} named `{new_name}`",
            kind.noun()
        ));
    }
    let mut changes = serde_json::Map::new();
    for span in workspace.index.occurrences(kind, name) {
        let source = workspace.sources.get(span.file);
        let edit = json!({ "range": range(source, span.start, span.end), "newText": new_name });
        let entry = changes
            .entry(workspace.uris[span.file.0].clone())
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(edits) = entry {
            edits.push(edit);
        }
    }
    Ok(json!({ "changes": changes }))
}

pub fn formatting(workspace: &Workspace, file: FileId, _params: &Value) -> Result<Value, String> {
    let source = workspace.sources.get(file);
    let mut diags = crate::diag::Diagnostics::new();
    match crate::format_source(&workspace.sources, file, &mut diags) {
        Ok(Some(formatted)) if formatted != source.text => {
            let all = range(source, 0, source.text.len());
            Ok(json!([{ "range": all, "newText": formatted }]))
        }
        Ok(_) => Ok(json!([])),
        Err(error) => Err(error.0),
    }
}

/// LSP symbol kinds for declarations.
fn symbol_kind(kind: DeclKind) -> u32 {
    match kind {
        DeclKind::ObjectStore | DeclKind::Filesystem => 4, // Package
        DeclKind::SubvolumeGroup => 2,                     // Module
        DeclKind::User => 5,                               // Class
        DeclKind::Bucket => 23,                            // Struct
        DeclKind::Volume => 19,                            // Object
    }
}

fn decl_symbol(text: &SourceFile, decl: &ast::Declaration) -> Value {
    json!({
        "name": decl.name.value,
        "detail": decl.kind.value.keyword(),
        "kind": symbol_kind(decl.kind.value),
        "range": range(text, decl.span.start, decl.span.end),
        "selectionRange": range(text, decl.name.span.start, decl.name.span.end),
    })
}

pub fn document_symbols(
    workspace: &Workspace,
    file: FileId,
    _params: &Value,
) -> Result<Value, String> {
    let text = workspace.sources.get(file);
    let Some(ast) = workspace.analysis.files.get(file.0) else {
        return Ok(json!([]));
    };
    let symbols: Vec<Value> = ast
        .items
        .iter()
        .map(|item| match item {
            Item::Declaration(decl) => decl_symbol(text, decl),
            Item::Group(group) => json!({
                "name": group.namespace.value,
                "detail": "namespace",
                "kind": 3, // Namespace
                "range": range(text, group.span.start, group.span.end),
                "selectionRange": range(text, group.namespace.span.start, group.namespace.span.end),
                "children": group.declarations.iter().map(|d| decl_symbol(text, d)).collect::<Vec<_>>(),
            }),
        })
        .collect();
    Ok(Value::Array(symbols))
}

/// The declaration that contains `at`, if any.
fn enclosing(ast: &ast::File, at: usize) -> Option<&ast::Declaration> {
    let inside = |span: &Span| span.start <= at && at <= span.end;
    ast.items.iter().find_map(|item| match item {
        Item::Declaration(decl) => inside(&decl.span).then_some(decl),
        Item::Group(group) => group.declarations.iter().find(|d| inside(&d.span)),
    })
}

pub fn hover(workspace: &Workspace, file: FileId, params: &Value) -> Result<Value, String> {
    let at = cursor(workspace, file, params);
    let text = workspace.text(file);
    let markdown = if let Some((kind, name)) = workspace.index.at(file, at) {
        Some(super::hover::declaration(workspace, kind, name))
    } else if let Some((_, word)) = word_at(text, at) {
        let ast = workspace.analysis.files.get(file.0);
        let attribute = ast.and_then(|ast| enclosing(ast, at)).and_then(|decl| {
            docs::attribute(decl.kind.value, word)
                .map(|doc| format!("**{word}** ({})\n\n{doc}", decl.kind.value.keyword()))
        });
        attribute.or_else(|| docs::keyword(word).map(|doc| format!("**{word}**\n\n{doc}")))
    } else {
        None
    };
    Ok(markdown.map_or(
        Value::Null,
        |value| json!({ "contents": { "kind": "markdown", "value": value } }),
    ))
}

pub fn completion(workspace: &Workspace, file: FileId, params: &Value) -> Result<Value, String> {
    let at = cursor(workspace, file, params);
    Ok(Value::Array(super::complete::items(workspace, file, at)))
}

/// The S3 name a bucket gets, for hovers.
pub(super) fn s3_name(naming: &BucketNaming) -> String {
    match naming {
        BucketNaming::Fixed(name) => format!("`{name}`"),
        BucketNaming::Generated(prefix) => format!("generated: `{prefix}-<uuid>`"),
    }
}
