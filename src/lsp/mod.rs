//! `rookc lsp`: a Language Server Protocol server over standard input and
//! output, for a whole workspace of `.rook` files (declarations are global
//! across files, as in a build).
//!
//! Every change re-analyses the workspace (parse, check) from the texts in
//! memory: open documents as the editor has them, other files as on disk
//! (kept current by `workspace/didChangeWatchedFiles`). That keeps one way
//! through the compiler; it is fast enough for thousands of lines (see the
//! docs/performance.md figures).
//!
//! The framing (`transport`) and the dispatch (`server`) are ours; the
//! messages themselves are lsp-types' structs, so their field names and
//! shapes follow the specification rather than our spelling of it.

mod capabilities;
mod complete;
mod docs;
mod error;
mod features;
mod hover;
mod position;
mod semantic;
mod server;
mod texts;
mod transport;
mod uri;

use std::io::{self, BufReader, Write};

use lsp_types::Uri;
use serde_json::{json, Value};

use crate::index::Index;
use crate::source::{FileId, SourceMap};
use crate::Analysis;
use server::Server;
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
        let id = message.get("id").cloned();
        // A bug in one feature must not take the editor's server down: the
        // request fails, the cached analysis is dropped, the server goes on.
        let handled =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| server.handle(message)));
        let outgoing = handled.unwrap_or_else(|_| {
            server.workspace = None;
            match id {
                Some(id) => vec![error_response(
                    id,
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

/// A request from the server to the client.
fn request(id: &str, method: &str, params: Value) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params })
}

/// The analysed workspace: texts, their analysis and the name index.
pub struct Workspace {
    pub sources: SourceMap,
    /// URI of each file, by `FileId`.
    pub uris: Vec<Uri>,
    pub analysis: Analysis,
    pub index: Index,
}

impl Workspace {
    pub fn file(&self, uri: &Uri) -> Option<FileId> {
        self.uris.iter().position(|u| u == uri).map(FileId)
    }

    pub fn text(&self, file: FileId) -> &str {
        &self.sources.get(file).text
    }
}
