//! What the client can do (from `initialize`) and what the server offers
//! in return.

use lsp_types::{
    ClientCapabilities, CompletionOptions, HoverProviderCapability, OneOf, SaveOptions,
    SemanticTokensFullOptions, SemanticTokensOptions, SemanticTokensServerCapabilities,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};

use super::semantic;

/// What the client can do, from `initialize`.
#[derive(Default)]
pub struct ClientSupport {
    /// Completion items may be snippets (`$0` for the cursor).
    pub snippets: bool,
    /// The client watches files for the server when asked to.
    pub watches_files: bool,
}

impl ClientSupport {
    pub fn of(capabilities: &ClientCapabilities) -> ClientSupport {
        let completion_item = capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.completion.as_ref())
            .and_then(|c| c.completion_item.as_ref());
        let watching = capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref());
        ClientSupport {
            snippets: completion_item.and_then(|i| i.snippet_support) == Some(true),
            watches_files: watching.and_then(|w| w.dynamic_registration) == Some(true),
        }
    }
}

/// What the server offers.
pub fn server() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some([" ", "=", "[", "@"].map(String::from).to_vec()),
            ..CompletionOptions::default()
        }),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: semantic::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                ..SemanticTokensOptions::default()
            },
        )),
        ..ServerCapabilities::default()
    }
}
