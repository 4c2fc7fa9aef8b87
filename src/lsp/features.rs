//! The language features: diagnostics, hover, definition, references,
//! rename, formatting and document symbols. Each takes the analysed
//! workspace, the document and the request's parameters, and returns the
//! result (an `Err` is a [`FeatureError`], a message for the user).

use std::collections::HashMap;

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, DocumentFormattingParams, DocumentSymbol,
    DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams, GotoDefinitionResponse,
    Hover, HoverContents, HoverParams, Location, MarkupContent, MarkupKind, NumberOrString,
    Position, ReferenceParams, RenameParams, SymbolKind, TextEdit, WorkspaceEdit,
};

use super::error::FeatureError;
use super::position::{offset, range};
use super::{docs, Workspace};
use crate::ast::{self, DeclKind, Item};
use crate::diag::{Diagnostic, Severity};
use crate::kinds::GROUP_BLOCKS;
use crate::model::BucketNaming;
use crate::source::{FileId, SourceFile, Span};

fn location(workspace: &Workspace, span: Span) -> Location {
    let file = workspace.sources.get(span.file);
    Location::new(
        workspace.uris[span.file.0].clone(),
        range(file, span.start, span.end),
    )
}

/// One diagnostic in LSP form, with its code, help and related places.
pub fn diagnostic(workspace: &Workspace, diagnostic: &Diagnostic) -> lsp_types::Diagnostic {
    let span = diagnostic.primary.span;
    let file = workspace.sources.get(span.file);
    let mut message = diagnostic.message.clone();
    for note in &diagnostic.notes {
        message.push_str(&format!("\nnote: {note}"));
    }
    if let Some(help) = &diagnostic.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let related = diagnostic
        .secondary
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: location(workspace, label.span),
            message: label.message.clone(),
        })
        .collect();
    lsp_types::Diagnostic {
        range: range(file, span.start, span.end),
        severity: Some(match diagnostic.severity() {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Note => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(diagnostic.code.as_str().to_string())),
        source: Some("rookc".into()),
        message,
        related_information: Some(related),
        ..lsp_types::Diagnostic::default()
    }
}

pub(super) fn cursor(workspace: &Workspace, file: FileId, position: Position) -> usize {
    offset(workspace.sources.get(file), position)
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

pub fn definition(
    workspace: &Workspace,
    file: FileId,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>, FeatureError> {
    let at = cursor(
        workspace,
        file,
        params.text_document_position_params.position,
    );
    let Some((kind, name)) = workspace.index.at(file, at) else {
        return Ok(None);
    };
    Ok(workspace
        .index
        .definition(kind, name)
        .map(|d| GotoDefinitionResponse::Scalar(location(workspace, d.span))))
}

pub fn references(
    workspace: &Workspace,
    file: FileId,
    params: ReferenceParams,
) -> Result<Option<Vec<Location>>, FeatureError> {
    let at = cursor(workspace, file, params.text_document_position.position);
    let Some((kind, name)) = workspace.index.at(file, at) else {
        return Ok(None);
    };
    let with_declaration = params.context.include_declaration;
    let definitions: Vec<Span> = workspace
        .index
        .definitions
        .iter()
        .filter(|d| d.kind == kind && d.name == name)
        .map(|d| d.span)
        .collect();
    let locations = workspace
        .index
        .occurrences(kind, name)
        .into_iter()
        .filter(|span| with_declaration || !definitions.contains(span))
        .map(|span| location(workspace, span))
        .collect();
    Ok(Some(locations))
}

pub fn rename(
    workspace: &Workspace,
    file: FileId,
    params: RenameParams,
) -> Result<Option<WorkspaceEdit>, FeatureError> {
    let at = cursor(workspace, file, params.text_document_position.position);
    let new_name = params.new_name.as_str();
    let Some((kind, name)) = workspace.index.at(file, at) else {
        return Err(FeatureError::NothingToRename);
    };
    let valid = new_name.starts_with(|c: char| c.is_ascii_lowercase())
        && new_name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !new_name.ends_with('-');
    if !valid {
        return Err(FeatureError::InvalidName(new_name.to_string()));
    }
    if new_name != name && workspace.index.definition(kind, new_name).is_some() {
        return Err(FeatureError::NameTaken {
            kind,
            name: new_name.to_string(),
        });
    }
    let mut changes: HashMap<lsp_types::Uri, Vec<TextEdit>> = HashMap::new();
    for span in workspace.index.occurrences(kind, name) {
        let file = workspace.sources.get(span.file);
        let edit = TextEdit::new(range(file, span.start, span.end), new_name.to_string());
        changes
            .entry(workspace.uris[span.file.0].clone())
            .or_default()
            .push(edit);
    }
    // The map's order does not reach the client: the server sends JSON
    // objects with sorted keys.
    Ok(Some(WorkspaceEdit::new(changes)))
}

pub fn formatting(
    workspace: &Workspace,
    file: FileId,
    _params: DocumentFormattingParams,
) -> Result<Option<Vec<TextEdit>>, FeatureError> {
    let text = workspace.text(file);
    let mut diags = crate::diag::Diagnostics::new();
    match crate::format_source(&workspace.sources, file, &mut diags) {
        Ok(Some(formatted)) if formatted != text => Ok(Some(vec![TextEdit::new(
            range(workspace.sources.get(file), 0, text.len()),
            formatted,
        )])),
        Ok(_) => Ok(Some(Vec::new())),
        Err(error) => Err(FeatureError::Format(error)),
    }
}

/// LSP symbol kinds for declarations.
fn symbol_kind(kind: DeclKind) -> SymbolKind {
    match kind {
        DeclKind::ObjectStore | DeclKind::Filesystem | DeclKind::BlockPool => SymbolKind::PACKAGE,
        DeclKind::BlockClass | DeclKind::FileClass => SymbolKind::INTERFACE,
        DeclKind::SubvolumeGroup | DeclKind::BucketClass => SymbolKind::MODULE,
        DeclKind::Account => SymbolKind::NAMESPACE,
        DeclKind::User => SymbolKind::CLASS,
        DeclKind::Bucket => SymbolKind::STRUCT,
        DeclKind::Volume => SymbolKind::OBJECT,
        DeclKind::Topic => SymbolKind::EVENT,
        DeclKind::Notification => SymbolKind::INTERFACE,
        DeclKind::Client => SymbolKind::KEY,
        DeclKind::SnapshotClass => SymbolKind::INTERFACE,
        DeclKind::Snapshot => SymbolKind::CONSTANT,
    }
}

fn symbol(
    name: &str,
    detail: &str,
    kind: SymbolKind,
    (file, full, selection): (&SourceFile, Span, Span),
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    #[allow(deprecated)] // `deprecated` is a field of the struct in lsp-types
    DocumentSymbol {
        name: name.to_string(),
        detail: Some(detail.to_string()),
        kind,
        tags: None,
        deprecated: None,
        range: range(file, full.start, full.end),
        selection_range: range(file, selection.start, selection.end),
        children,
    }
}

fn decl_symbol(file: &SourceFile, decl: &ast::Declaration) -> DocumentSymbol {
    let kind = decl.kind.value;
    let spans = (file, decl.span, decl.name.span);
    symbol(
        &decl.name.value,
        kind.keyword(),
        symbol_kind(kind),
        spans,
        None,
    )
}

pub fn document_symbols(
    workspace: &Workspace,
    file: FileId,
    _params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>, FeatureError> {
    let source = workspace.sources.get(file);
    let Some(ast) = workspace.analysis.files.get(file.0) else {
        return Ok(Some(DocumentSymbolResponse::Nested(Vec::new())));
    };
    let symbols = ast
        .items
        .iter()
        .map(|item| match item {
            Item::Declaration(decl) => decl_symbol(source, decl),
            Item::Group(group) => symbol(
                &group.namespace.value,
                "namespace",
                SymbolKind::NAMESPACE,
                (source, group.span, group.namespace.span),
                Some(
                    group
                        .declarations
                        .iter()
                        .map(|d| decl_symbol(source, d))
                        .collect(),
                ),
            ),
            Item::Settings(settings) => symbol(
                "rook",
                "settings",
                SymbolKind::MODULE,
                (source, settings.span, settings.keyword),
                None,
            ),
        })
        .collect();
    Ok(Some(DocumentSymbolResponse::Nested(symbols)))
}

/// The declaration that contains `at`, if any.
fn enclosing(ast: &ast::File, at: usize) -> Option<&ast::Declaration> {
    let inside = |span: &Span| span.start <= at && at <= span.end;
    ast.items.iter().find_map(|item| match item {
        Item::Declaration(decl) => inside(&decl.span).then_some(decl),
        Item::Group(group) => group.declarations.iter().find(|d| inside(&d.span)),
        Item::Settings(_) => None,
    })
}

/// The hover of a `namespace` group's block (`budget`) or of one of its
/// entries, when `word` at `at` is one.
fn group_block_doc(ast: &ast::File, at: usize, word: &str) -> Option<String> {
    let inside = |span: &Span| span.start <= at && at <= span.end;
    let block = ast.items.iter().find_map(|item| match item {
        Item::Group(group) => group.blocks.iter().find(|b| inside(&b.span)),
        Item::Declaration(_) | Item::Settings(_) => None,
    })?;
    let def = GROUP_BLOCKS.iter().find(|b| b.key == block.name.value)?;
    if inside(&block.name.span) {
        return Some(format!("**{word}** (namespace)\n\n{}", def.doc));
    }
    let entry = def.entries().iter().find(|e| e.key == word)?;
    Some(format!("**{word}** ({})\n\n{}", def.key, entry.doc))
}

/// Whether `at` is inside a `rook { }` settings block.
fn in_settings(ast: &ast::File, at: usize) -> bool {
    ast.items.iter().any(|item| match item {
        Item::Settings(settings) => settings.span.start <= at && at <= settings.span.end,
        Item::Declaration(_) | Item::Group(_) => false,
    })
}

/// Whether `at` is inside a bucket's `lifecycle { }` block.
fn in_lifecycle(ast: &ast::File, at: usize) -> bool {
    enclosing(ast, at).is_some_and(|decl| {
        decl.body.iter().any(|item| match item {
            ast::BodyItem::Lifecycle(l) => l.span.start <= at && at <= l.span.end,
            ast::BodyItem::Attribute(_) | ast::BodyItem::Block(_) | ast::BodyItem::Policy(_) => {
                false
            }
        })
    })
}

pub fn hover(
    workspace: &Workspace,
    file: FileId,
    params: HoverParams,
) -> Result<Option<Hover>, FeatureError> {
    let at = cursor(
        workspace,
        file,
        params.text_document_position_params.position,
    );
    let text = workspace.text(file);
    let markdown = if let Some((kind, name)) = workspace.index.at(file, at) {
        Some(super::hover::declaration(workspace, kind, name))
    } else if let Some((_, word)) = word_at(text, at) {
        let ast = workspace.analysis.files.get(file.0);
        let setting = ast
            .filter(|ast| in_settings(ast, at))
            .and_then(|_| docs::setting(word))
            .map(|doc| format!("**{word}** (rook)\n\n{doc}"));
        let setting = setting.or_else(|| {
            ast.filter(|ast| in_lifecycle(ast, at))
                .and_then(|_| docs::lifecycle(word))
                .map(|doc| format!("**{word}** (lifecycle)\n\n{doc}"))
        });
        let group_block = setting.or_else(|| ast.and_then(|ast| group_block_doc(ast, at, word)));
        let attribute = group_block.or_else(|| {
            ast.and_then(|ast| enclosing(ast, at)).and_then(|decl| {
                docs::attribute(decl.kind.value, word)
                    .map(|doc| format!("**{word}** ({})\n\n{doc}", decl.kind.value.keyword()))
            })
        });
        attribute.or_else(|| docs::keyword(word).map(|doc| format!("**{word}**\n\n{doc}")))
    } else {
        None
    };
    Ok(markdown.map(|value| Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: None,
    }))
}

/// The S3 name a bucket gets, for hovers.
pub(super) fn s3_name(naming: &BucketNaming) -> String {
    match naming {
        BucketNaming::Fixed(name) => format!("`{name}`"),
        BucketNaming::Generated(prefix) => format!("generated: `{prefix}-<uuid>`"),
    }
}
