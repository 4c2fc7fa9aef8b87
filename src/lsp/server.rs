//! The server's state and the dispatch of each message to its feature.
//! Parameters are deserialised into lsp-types' structs first: a request
//! whose parameters do not fit (a malformed URI, a missing field) gets an
//! `InvalidParams` error, a notification a log message, and the server
//! goes on with the next message.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Initialized, LogMessage, Notification, PublishDiagnostics,
};
use lsp_types::request::{
    Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest, Initialize,
    References, RegisterCapability, Rename, Request, SemanticTokensFullRequest, Shutdown,
};
use lsp_types::{
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, FileSystemWatcher, GlobPattern, InitializeParams, InitializeResult,
    LogMessageParams, MessageType, PublishDiagnosticsParams, Registration, RegistrationParams,
    ServerInfo, Uri,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::capabilities::{self, ClientSupport};
use super::error::FeatureError;
use super::texts::Texts;
use super::{complete, features, semantic, uri, Workspace};
use super::{INVALID_PARAMS, INVALID_REQUEST, METHOD_NOT_FOUND};
use crate::index::Index;
use crate::source::{FileId, SourceMap};

/// A JSON-RPC error: code and message.
type Failure = (i64, String);

#[derive(Default)]
pub struct Server {
    root: Option<PathBuf>,
    texts: Texts,
    client: ClientSupport,
    /// The analysis of `texts`; `None` after a change.
    pub workspace: Option<Workspace>,
    /// URIs that got diagnostics last time (to clear them when fixed).
    published: BTreeSet<Uri>,
    pub shutdown: bool,
}

/// Parameters that name the document a request is about.
trait OnDocument {
    fn document(&self) -> &Uri;
}

macro_rules! on_document {
    ($($params:ty => $($field:ident).+;)*) => {
        $(impl OnDocument for $params {
            fn document(&self) -> &Uri {
                &self.$($field).+.uri
            }
        })*
    };
}

on_document! {
    lsp_types::HoverParams => text_document_position_params.text_document;
    lsp_types::GotoDefinitionParams => text_document_position_params.text_document;
    lsp_types::ReferenceParams => text_document_position.text_document;
    lsp_types::RenameParams => text_document_position.text_document;
    lsp_types::CompletionParams => text_document_position.text_document;
    lsp_types::DocumentFormattingParams => text_document;
    lsp_types::DocumentSymbolParams => text_document;
    lsp_types::SemanticTokensParams => text_document;
}

fn parse<P: DeserializeOwned>(params: Value) -> Result<P, Failure> {
    serde_json::from_value(params)
        .map_err(|error| (INVALID_PARAMS, format!("invalid parameters: {error}")))
}

fn to_json(value: impl Serialize) -> Value {
    // lsp-types' structs always serialise (their map keys are strings).
    serde_json::to_value(value).unwrap_or(Value::Null)
}

impl Server {
    /// Handles one message; returns what to send back.
    pub fn handle(&mut self, mut message: Value) -> Vec<Value> {
        let method = message["method"].as_str().unwrap_or("").to_string();
        let params = message.get_mut("params").map_or(Value::Null, Value::take);
        let id = message.get("id").cloned();
        if method.is_empty() {
            // A response from the client, or garbage that parsed as JSON.
            return match id {
                Some(id) if message.get("result").is_none() && message.get("error").is_none() => {
                    vec![super::error_response(
                        id,
                        INVALID_REQUEST,
                        "a request needs a method",
                    )]
                }
                _ => Vec::new(),
            };
        }
        match id {
            Some(id) => vec![self.request(id, &method, params)],
            None => self.notify(&method, params),
        }
    }

    fn request(&mut self, id: Value, method: &str, params: Value) -> Value {
        if self.shutdown && method != Shutdown::METHOD {
            return super::error_response(id, INVALID_REQUEST, "the server is shutting down");
        }
        let snippets = self.client.snippets;
        let result = match method {
            Initialize::METHOD => parse(params).map(|params| to_json(self.initialize(params))),
            Shutdown::METHOD => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            HoverRequest::METHOD => self.on_document::<HoverRequest>(params, features::hover),
            GotoDefinition::METHOD => {
                self.on_document::<GotoDefinition>(params, features::definition)
            }
            References::METHOD => self.on_document::<References>(params, features::references),
            Rename::METHOD => self.on_document::<Rename>(params, features::rename),
            Completion::METHOD => self.on_document::<Completion>(params, |w, file, params| {
                complete::completion(w, file, params, snippets)
            }),
            Formatting::METHOD => self.on_document::<Formatting>(params, features::formatting),
            DocumentSymbolRequest::METHOD => {
                self.on_document::<DocumentSymbolRequest>(params, features::document_symbols)
            }
            SemanticTokensFullRequest::METHOD => {
                self.on_document::<SemanticTokensFullRequest>(params, semantic::full)
            }
            _ => Err((
                METHOD_NOT_FOUND,
                format!("rookc does not handle `{method}`"),
            )),
        };
        match result {
            Ok(value) => super::response(id, value),
            Err((code, message)) => super::error_response(id, code, &message),
        }
    }

    /// Runs a feature on the document a request names (`null` for a
    /// document the server does not know).
    fn on_document<R>(
        &mut self,
        params: Value,
        feature: impl FnOnce(&Workspace, FileId, R::Params) -> Result<R::Result, FeatureError>,
    ) -> Result<Value, Failure>
    where
        R: Request,
        R::Params: OnDocument,
    {
        let params: R::Params = parse(params)?;
        let workspace = self.workspace();
        let Some(file) = workspace.file(params.document()) else {
            return Ok(Value::Null);
        };
        feature(workspace, file, params)
            .map(to_json)
            .map_err(|error| (INVALID_PARAMS, error.to_string()))
    }

    fn initialize(&mut self, params: InitializeParams) -> InitializeResult {
        // Older clients send only `rootUri` or `rootPath`.
        #[allow(deprecated)]
        let (root_uri, root_path) = (params.root_uri, params.root_path);
        let folder = params.workspace_folders.and_then(|f| f.into_iter().next());
        self.root = root_uri
            .as_ref()
            .and_then(uri::to_path)
            .or_else(|| folder.and_then(|f| uri::to_path(&f.uri)))
            .or_else(|| root_path.map(PathBuf::from));
        self.client = ClientSupport::of(&params.capabilities);
        self.scan();
        InitializeResult {
            capabilities: capabilities::server(),
            server_info: Some(ServerInfo {
                name: "rookc".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        }
    }

    /// Reads every `.rook` file under the root again.
    fn scan(&mut self) {
        if let Some(root) = &self.root {
            self.texts.scan(root);
            self.workspace = None;
        }
    }

    fn notify(&mut self, method: &str, params: Value) -> Vec<Value> {
        let handled = match method {
            Initialized::METHOD => {
                let mut out = self.watch_files();
                out.extend(self.publish());
                return out;
            }
            DidOpenTextDocument::METHOD => {
                parse(params).map(|params: DidOpenTextDocumentParams| {
                    self.scan();
                    let document = params.text_document;
                    self.texts.open(document.uri, document.text);
                    true
                })
            }
            DidChangeTextDocument::METHOD => {
                parse(params).map(|params: DidChangeTextDocumentParams| {
                    // Full synchronisation: the last change holds the whole text.
                    match params.content_changes.into_iter().last() {
                        Some(change) => {
                            self.texts.open(params.text_document.uri, change.text);
                            true
                        }
                        None => false,
                    }
                })
            }
            DidCloseTextDocument::METHOD => {
                parse(params).map(|params: DidCloseTextDocumentParams| {
                    self.scan();
                    self.texts.close(&params.text_document.uri);
                    true
                })
            }
            DidSaveTextDocument::METHOD => Ok(self.disk_without_watching()),
            DidChangeWatchedFiles::METHOD => {
                parse(params).map(|params: DidChangeWatchedFilesParams| {
                    self.texts.disk_changed(&params.changes)
                })
            }
            _ => return Vec::new(),
        };
        match handled {
            Ok(changed) => {
                if changed {
                    self.workspace = None;
                }
                self.publish()
            }
            Err((_, message)) => vec![super::notification(
                LogMessage::METHOD,
                to_json(LogMessageParams {
                    typ: MessageType::WARNING,
                    message: format!("rookc ignored `{method}`: {message}"),
                }),
            )],
        }
    }

    /// Asks the client to report changes to `.rook` files on disk, when
    /// it can (`client/registerCapability`).
    fn watch_files(&self) -> Vec<Value> {
        if !self.client.watches_files {
            return Vec::new();
        }
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String("**/*.rook".into()),
                kind: None, // created, changed and deleted
            }],
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "rookc-watch-rook-files".into(),
                method: DidChangeWatchedFiles::METHOD.into(),
                register_options: Some(to_json(options)),
            }],
        };
        vec![super::request(
            "rookc-register-watchers",
            RegisterCapability::METHOD,
            to_json(params),
        )]
    }

    /// A client that does not watch files (Neovim 0.7, for one) never
    /// says what changed on disk: read it again on save too (opening and
    /// closing a document always does, for the clients that only report
    /// their own writes, as Helix). `true` when it did.
    fn disk_without_watching(&mut self) -> bool {
        if self.client.watches_files {
            return false;
        }
        self.scan();
        true
    }

    /// The analysed workspace, analysing it when a text changed.
    fn workspace(&mut self) -> &Workspace {
        let texts = &self.texts;
        self.workspace.get_or_insert_with(|| {
            let mut sources = SourceMap::new();
            let mut uris = Vec::new();
            for (uri, text) in texts.iter() {
                let path = uri::to_path(uri).unwrap_or_else(|| PathBuf::from(uri.as_str()));
                sources.add(path, text.clone());
                uris.push(uri.clone());
            }
            let analysis = crate::analyze(&sources);
            let index = Index::build(&analysis.files);
            Workspace {
                sources,
                uris,
                analysis,
                index,
            }
        })
    }

    /// `textDocument/publishDiagnostics` for every file, clearing files
    /// whose problems are gone (or that are gone).
    fn publish(&mut self) -> Vec<Value> {
        let previous = std::mem::take(&mut self.published);
        let workspace = self.workspace();
        let mut by_uri: BTreeMap<&Uri, Vec<lsp_types::Diagnostic>> =
            workspace.uris.iter().map(|u| (u, Vec::new())).collect();
        for diagnostic in &workspace.analysis.diagnostics {
            let uri = &workspace.uris[diagnostic.primary.span.file.0];
            if let Some(list) = by_uri.get_mut(uri) {
                list.push(features::diagnostic(workspace, diagnostic));
            }
        }
        let message = |uri: &Uri, diagnostics| {
            super::notification(
                PublishDiagnostics::METHOD,
                to_json(PublishDiagnosticsParams {
                    uri: uri.clone(),
                    diagnostics,
                    version: None,
                }),
            )
        };
        let mut published = BTreeSet::new();
        let mut out = Vec::new();
        for uri in previous.iter().filter(|u| !by_uri.contains_key(u)) {
            out.push(message(uri, Vec::new()));
        }
        for (uri, diagnostics) in by_uri {
            if diagnostics.is_empty() && !previous.contains(uri) {
                continue;
            }
            if !diagnostics.is_empty() {
                published.insert(uri.clone());
            }
            out.push(message(uri, diagnostics));
        }
        self.published = published;
        out
    }
}
