//! `rookc lsp`: a Language Server Protocol server over standard input and
//! output, for a whole workspace of `.rook` files (declarations are global
//! across files, as in a build).
//!
//! Every change re-analyses the workspace (parse, check) from the texts in
//! memory: open documents as the editor has them, other files as on disk.
//! That keeps one way through the compiler; it is fast enough for
//! thousands of lines (see the README's performance figures).

mod complete;
mod docs;
mod features;
mod hover;
mod position;
mod transport;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, BufReader, Write};
use std::path::PathBuf;

use serde_json::{json, Value};

use crate::index::Index;
use crate::source::{FileId, SourceMap};
use crate::Analysis;
use transport::Incoming;

/// JSON-RPC error codes.
const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;
const INVALID_PARAMS: i64 = -32602;
const INTERNAL_ERROR: i64 = -32603;

/// Runs the server until `exit` or the end of input; returns the exit code.
pub fn run() -> i32 {
    let stdin = io::stdin();
    let mut input = BufReader::new(stdin.lock());
    let stdout = io::stdout();
    let mut output = stdout.lock();
    let mut server = Server::default();
    loop {
        let incoming = match transport::read(&mut input) {
            Ok(incoming) => incoming,
            Err(_) => return 1,
        };
        let message = match incoming {
            Incoming::End => return if server.shutdown { 0 } else { 1 },
            Incoming::Malformed(reason) => {
                let _ = transport::write(
                    &mut output,
                    &error_response(Value::Null, PARSE_ERROR, &reason),
                );
                continue;
            }
            Incoming::Message(message) => message,
        };
        if message["method"] == "exit" {
            return if server.shutdown { 0 } else { 1 };
        }
        // A bug in one feature must not take the editor's server down: the
        // request fails, the cached analysis is dropped, the server goes on.
        let handled =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| server.handle(&message)));
        let outgoing = handled.unwrap_or_else(|_| {
            server.workspace = None;
            match message.get("id") {
                Some(id) => vec![error_response(
                    id.clone(),
                    INTERNAL_ERROR,
                    "internal error in rookc; please report it",
                )],
                None => Vec::new(),
            }
        });
        for outgoing in outgoing {
            if transport::write(&mut output, &outgoing).is_err() {
                return 1;
            }
        }
        let _ = output.flush();
    }
}

fn response(id: Value, result: Value) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "result": result })
}

fn error_response(id: Value, code: i64, message: &str) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } })
}

fn notification(method: &str, params: Value) -> Value {
    json!({ "jsonrpc": "2.0", "method": method, "params": params })
}

/// The analysed workspace: texts, their analysis and the name index.
pub struct Workspace {
    pub sources: SourceMap,
    /// URI of each file, by `FileId`.
    pub uris: Vec<String>,
    pub analysis: Analysis,
    pub index: Index,
}

impl Workspace {
    pub fn file(&self, uri: &str) -> Option<FileId> {
        self.uris.iter().position(|u| u == uri).map(FileId)
    }

    pub fn text(&self, file: FileId) -> &str {
        &self.sources.get(file).text
    }
}

#[derive(Default)]
struct Server {
    root: Option<PathBuf>,
    /// Every known file's text by URI: the editor's for open documents,
    /// the disk's for the others.
    texts: BTreeMap<String, String>,
    open: BTreeSet<String>,
    workspace: Option<Workspace>,
    /// URIs that got diagnostics last time (to clear them when fixed).
    published: BTreeSet<String>,
    shutdown: bool,
}

impl Server {
    fn handle(&mut self, message: &Value) -> Vec<Value> {
        let method = message["method"].as_str().unwrap_or("");
        let params = &message["params"];
        let id = message.get("id").cloned();
        if method.is_empty() {
            // A response from the client, or garbage that parsed as JSON.
            return match id {
                Some(id) if message.get("result").is_none() && message.get("error").is_none() => {
                    vec![error_response(
                        id,
                        INVALID_REQUEST,
                        "a request needs a method",
                    )]
                }
                _ => Vec::new(),
            };
        }
        match id {
            Some(id) => vec![self.request(id, method, params)],
            None => self.notify(method, params),
        }
    }

    fn request(&mut self, id: Value, method: &str, params: &Value) -> Value {
        if self.shutdown && method != "shutdown" {
            return error_response(id, INVALID_REQUEST, "the server is shutting down");
        }
        let result = match method {
            "initialize" => Ok(self.initialize(params)),
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            "textDocument/hover" => self.with_document(params, features::hover),
            "textDocument/definition" => self.with_document(params, features::definition),
            "textDocument/references" => self.with_document(params, features::references),
            "textDocument/rename" => self.with_document(params, features::rename),
            "textDocument/completion" => self.with_document(params, features::completion),
            "textDocument/formatting" => self.with_document(params, features::formatting),
            "textDocument/documentSymbol" => self.with_document(params, features::document_symbols),
            _ => Err((
                METHOD_NOT_FOUND,
                format!("rookc does not handle `{method}`"),
            )),
        };
        match result {
            Ok(value) => response(id, value),
            Err((code, message)) => error_response(id, code, &message),
        }
    }

    /// Runs a feature on the document a request names.
    fn with_document(
        &mut self,
        params: &Value,
        feature: fn(&Workspace, FileId, &Value) -> Result<Value, String>,
    ) -> Result<Value, (i64, String)> {
        let uri = params["textDocument"]["uri"]
            .as_str()
            .ok_or((INVALID_PARAMS, "missing textDocument.uri".to_string()))?;
        let workspace = self.workspace();
        let Some(file) = workspace.file(uri) else {
            return Ok(Value::Null);
        };
        feature(workspace, file, params).map_err(|message| (INVALID_PARAMS, message))
    }

    fn initialize(&mut self, params: &Value) -> Value {
        let root = params["rootUri"]
            .as_str()
            .or_else(|| params["workspaceFolders"][0]["uri"].as_str())
            .and_then(position::uri_to_path)
            .or_else(|| params["rootPath"].as_str().map(PathBuf::from));
        self.root = root;
        self.scan();
        json!({
            "capabilities": {
                "textDocumentSync": { "openClose": true, "change": 1, "save": { "includeText": false } },
                "hoverProvider": true,
                "definitionProvider": true,
                "referencesProvider": true,
                "renameProvider": true,
                "completionProvider": { "triggerCharacters": [" ", "=", "[", "@"] },
                "documentFormattingProvider": true,
                "documentSymbolProvider": true,
            },
            "serverInfo": { "name": "rookc", "version": env!("CARGO_PKG_VERSION") },
        })
    }

    /// Reads every `.rook` file under the root (open documents keep the
    /// editor's text).
    fn scan(&mut self) {
        let Some(root) = self.root.clone() else {
            return;
        };
        let Ok(files) = crate::load::find_workspace_files(&root) else {
            return;
        };
        self.texts.retain(|uri, _| self.open.contains(uri));
        for path in files {
            let uri = position::path_to_uri(&path);
            if self.open.contains(&uri) {
                continue;
            }
            if let Some(text) = read_regular(&path) {
                self.texts.insert(uri, text);
            }
        }
        self.workspace = None;
    }

    fn notify(&mut self, method: &str, params: &Value) -> Vec<Value> {
        let uri = params["textDocument"]["uri"].as_str().map(str::to_string);
        match (method, uri) {
            ("initialized", _) | ("workspace/didChangeWatchedFiles", _) => {
                self.scan();
            }
            ("textDocument/didOpen", Some(uri)) => {
                let text = params["textDocument"]["text"]
                    .as_str()
                    .unwrap_or("")
                    .to_string();
                self.open.insert(uri.clone());
                self.texts.insert(uri, text);
                self.workspace = None;
            }
            ("textDocument/didChange", Some(uri)) => {
                // Full synchronisation: the last change holds the whole text.
                let changes = params["contentChanges"].as_array();
                let Some(text) = changes
                    .and_then(|c| c.last())
                    .and_then(|c| c["text"].as_str())
                else {
                    return Vec::new();
                };
                self.texts.insert(uri, text.to_string());
                self.workspace = None;
            }
            ("textDocument/didClose", Some(uri)) => {
                self.open.remove(&uri);
                match position::uri_to_path(&uri).and_then(|path| read_regular(&path)) {
                    Some(text) => self.texts.insert(uri, text),
                    None => self.texts.remove(&uri),
                };
                self.workspace = None;
            }
            ("textDocument/didSave", Some(_)) => {}
            _ => return Vec::new(),
        }
        self.publish()
    }

    /// The analysed workspace, analysing it when a text changed.
    fn workspace(&mut self) -> &Workspace {
        let texts = &self.texts;
        self.workspace.get_or_insert_with(|| {
            let mut sources = SourceMap::new();
            let mut uris = Vec::new();
            for (uri, text) in texts {
                let path = position::uri_to_path(uri).unwrap_or_else(|| PathBuf::from(uri));
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
    /// whose problems are gone.
    fn publish(&mut self) -> Vec<Value> {
        let previous = std::mem::take(&mut self.published);
        let workspace = self.workspace();
        let mut by_uri: BTreeMap<String, Vec<Value>> = workspace
            .uris
            .iter()
            .map(|u| (u.clone(), Vec::new()))
            .collect();
        for diagnostic in &workspace.analysis.diagnostics {
            let uri = &workspace.uris[diagnostic.primary.span.file.0];
            if let Some(list) = by_uri.get_mut(uri) {
                list.push(features::diagnostic(workspace, diagnostic));
            }
        }
        let mut published = BTreeSet::new();
        let mut out = Vec::new();
        for uri in previous.iter().filter(|u| !by_uri.contains_key(*u)) {
            out.push(notification(
                "textDocument/publishDiagnostics",
                json!({ "uri": uri, "diagnostics": [] }),
            ));
        }
        for (uri, diagnostics) in by_uri {
            if diagnostics.is_empty() && !previous.contains(&uri) {
                continue;
            }
            if !diagnostics.is_empty() {
                published.insert(uri.clone());
            }
            out.push(notification(
                "textDocument/publishDiagnostics",
                json!({ "uri": uri, "diagnostics": diagnostics }),
            ));
        }
        self.published = published;
        out
    }
}

/// The text of a file on disk, when it is a regular UTF-8 file: a FIFO in
/// the workspace must not block the server.
fn read_regular(path: &std::path::Path) -> Option<String> {
    let mut text = String::new();
    io::Read::read_to_string(&mut crate::load::open_regular(path).ok()?, &mut text).ok()?;
    Some(text)
}
