//! `rookc lsp` driven through its real binary over JSON-RPC on standard
//! input and output: the requests an editor sends, and the exact answers.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::root;

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: u64,
    /// Notifications received while waiting for responses.
    pub notifications: Vec<Value>,
    root: PathBuf,
    /// The result of `initialize`.
    pub initialized: Value,
}

pub fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

impl Client {
    pub fn start(root: &Path) -> Client {
        Client::start_with(root, json!({}))
    }

    /// Starts a server for a client with these capabilities.
    pub fn start_with(root: &Path, capabilities: Value) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rookc"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("rookc lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, messages) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(value) = line.strip_prefix("Content-Length:") {
                        length = value.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let message: Value = serde_json::from_slice(&body).expect("the server writes JSON");
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            next_id: 0,
            notifications: Vec::new(),
            root: root.to_path_buf(),
            initialized: Value::Null,
        };
        let uri = client.uri("");
        let result = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": uri.trim_end_matches('/'), "capabilities": capabilities }),
        );
        assert_eq!(result["serverInfo"]["name"], "rookc");
        client.initialized = result;
        client.notify("initialized", json!({}));
        client
    }

    pub fn uri(&self, file: &str) -> String {
        format!("file://{}/{file}", self.root.display())
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("write");
        self.stdin.flush().expect("flush");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        let body = json!({ "jsonrpc": "2.0", "method": method, "params": params }).to_string();
        self.send_raw(&frame(&body));
    }

    pub fn next(&mut self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(10))
            .expect("the server answers within 10 s")
    }

    /// The next message that is not a notification.
    pub fn next_response(&mut self) -> Value {
        loop {
            let message = self.next();
            if message.get("method").is_none() {
                return message;
            }
            self.notifications.push(message);
        }
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let message = self.request_message(method, params);
        assert!(message.get("error").is_none(), "{method} failed: {message}");
        message["result"].clone()
    }

    /// The whole response to a request: its result or its error.
    pub fn request_message(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let body =
            json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }).to_string();
        self.send_raw(&frame(&body));
        loop {
            let message = self.next();
            if message["id"] == id {
                return message;
            }
            self.notifications.push(message);
        }
    }

    /// Forgets the notifications sent so far (a round trip makes sure all
    /// have arrived).
    pub fn drain(&mut self) {
        self.request("textDocument/hover", json!({ "textDocument": { "uri": "file:///nowhere.rook" }, "position": { "line": 0, "character": 0 } }));
        self.notifications.clear();
    }

    /// The next `publishDiagnostics` for `file`.
    pub fn diagnostics(&mut self, file: &str) -> Value {
        let uri = self.uri(file);
        if let Some(index) = self
            .notifications
            .iter()
            .position(|n| n["params"]["uri"] == uri.as_str())
        {
            return self.notifications.remove(index)["params"]["diagnostics"].clone();
        }
        loop {
            let message = self.next();
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri.as_str()
            {
                return message["params"]["diagnostics"].clone();
            }
        }
    }

    pub fn open(&mut self, file: &str, text: &str) {
        let uri = self.uri(file);
        self.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri, "languageId": "rook", "version": 1, "text": text } }));
    }

    pub fn at(&self, file: &str, line: u32, character: u32) -> Value {
        json!({ "textDocument": { "uri": self.uri(file) }, "position": { "line": line, "character": character } })
    }

    pub fn stop(mut self) -> i32 {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        self.child.wait().expect("exits").code().unwrap_or(-1)
    }
}

/// A copy of tests/lsp/workspace in a temporary directory.
pub fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["stores.rook", "monitoring.rook"] {
        std::fs::copy(
            root().join("tests/lsp/workspace").join(name),
            dir.path().join(name),
        )
        .expect("copy");
    }
    dir
}

/// Paths in answers depend on the temporary directory.
pub fn relative(value: &Value, root: &Path) -> Value {
    let text = value
        .to_string()
        .replace(&format!("file://{}/", root.display()), "file:///ws/");
    serde_json::from_str(&text).expect("json")
}

pub fn monitoring_text() -> String {
    std::fs::read_to_string(root().join("tests/lsp/workspace/monitoring.rook")).expect("text")
}

#[test]
fn diagnostics_follow_edits() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    client.drain();
    let broken = monitoring_text().replace("owner = loki", "owner = lokki");
    client.open("monitoring.rook", &broken);
    let diagnostics = client.diagnostics("monitoring.rook");
    insta::assert_json_snapshot!("lsp-diagnostics", relative(&diagnostics, dir.path()));
    let uri = client.uri("monitoring.rook");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": monitoring_text() }] }),
    );
    let fixed = client.diagnostics("monitoring.rook");
    let codes: Vec<&str> = fixed
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(
        codes,
        ["N0601"],
        "fixed: only the note about the operator setting is left"
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn navigation_hover_rename_and_symbols() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    client.open("monitoring.rook", &monitoring_text());
    // `owner = loki` is on line 10, `loki` at column 12.
    let definition = client.request(
        "textDocument/definition",
        client.at("monitoring.rook", 10, 13),
    );
    let references = client.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": client.uri("monitoring.rook") }, "position": { "line": 10, "character": 13 }, "context": { "includeDeclaration": true } }),
    );
    // `store = homelab` (line 1) goes to the other file.
    let store = client.request(
        "textDocument/definition",
        client.at("monitoring.rook", 1, 11),
    );
    let hover_bucket = client.request("textDocument/hover", client.at("monitoring.rook", 9, 12));
    let hover_user = client.request("textDocument/hover", client.at("monitoring.rook", 3, 8));
    let hover_keyword = client.request("textDocument/hover", client.at("monitoring.rook", 11, 6));
    let renamed = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": client.uri("monitoring.rook") }, "position": { "line": 3, "character": 8 }, "newName": "loki-logs" }),
    );
    // Renaming the store edits both files.
    let rename_store = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": client.uri("monitoring.rook") }, "position": { "line": 1, "character": 11 }, "newName": "home-s3" }),
    );
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": client.uri("monitoring.rook") } }),
    );
    insta::assert_json_snapshot!(
        "lsp-navigation",
        relative(
            &json!({
                "definition": definition,
                "references": references,
                "store": store,
                "hover_bucket": hover_bucket,
                "hover_user": hover_user,
                "hover_keyword": hover_keyword,
                "rename": renamed,
                "rename_store": rename_store,
                "symbols": symbols,
            }),
            dir.path()
        )
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn completion_offers_what_fits_the_place() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    let text = "namespace \"monitoring\" {\n  store = \n  bucket b {\n    \n    policy {\n      allow \n      allow grafana \n    }\n    quota { size = 10 }\n  }\n}\n";
    client.open("new.rook", text);
    let labels = |client: &mut Client, line: u32, character: u32| -> Vec<String> {
        let result = client.request(
            "textDocument/completion",
            client.at("new.rook", line, character),
        );
        let mut labels: Vec<String> = result
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["label"].as_str().unwrap_or("").to_string())
            .collect();
        labels.sort();
        labels
    };
    assert_eq!(
        labels(&mut client, 1, 10),
        ["homelab"],
        "declared stores after `store =`"
    );
    let attributes = labels(&mut client, 3, 4);
    for expected in [
        "generate",
        "lifecycle",
        "name",
        "owner",
        "policy",
        "quota",
        "store",
    ] {
        assert!(attributes.contains(&expected.to_string()), "{attributes:?}");
    }
    assert_eq!(
        labels(&mut client, 5, 12),
        ["anyone", "grafana", "loki"],
        "principals"
    );
    assert_eq!(
        labels(&mut client, 6, 20),
        ["delete", "list", "on", "read", "write"],
        "access groups"
    );
    assert!(
        labels(&mut client, 8, 21).contains(&"10Gi".to_string()),
        "units"
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn formatting_returns_the_canonical_text() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    client.open("messy.rook", "user a{store=homelab}\n");
    let edits = client.request("textDocument/formatting", json!({ "textDocument": { "uri": client.uri("messy.rook") }, "options": { "tabSize": 2, "insertSpaces": true } }));
    assert_eq!(edits[0]["newText"], "user a {\n  store = homelab\n}\n");
    assert_eq!(
        edits[0]["range"],
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 1, "character": 0 } })
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn garbage_never_kills_the_server() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    client.send_raw(b"Content-Length: 5\r\n\r\n{oops");
    let error = client.next_response();
    assert_eq!(error["error"]["code"], -32700);
    client.send_raw(b"no header at all\r\n\r\n");
    assert_eq!(client.next_response()["error"]["code"], -32700);
    client.send_raw(&frame(
        r#"{"jsonrpc":"2.0","id":99,"method":"rookc/unknown"}"#,
    ));
    assert_eq!(client.next_response()["error"]["code"], -32601);
    // A file of garbage is diagnosed, not fatal.
    client.open("garbage.rook", "\u{0}\u{7f}}}}{{{ \" ]] @@@ \n bucket");
    let diagnostics = client.diagnostics("garbage.rook");
    assert!(diagnostics.as_array().is_some_and(|d| !d.is_empty()));
    let hover = client.request("textDocument/hover", client.at("garbage.rook", 0, 3));
    assert!(hover.is_null() || hover.is_object());
    let tokens = client.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": client.uri("garbage.rook") } }),
    );
    assert!(tokens["data"].is_array(), "{tokens}");
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_fifo_in_the_workspace_is_skipped_not_waited_for() {
    let dir = workspace();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.rook"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // Opening the FIFO would block the scan on `initialized` for ever.
    let mut client = Client::start(dir.path());
    client.open("monitoring.rook", &monitoring_text());
    let diagnostics = client.diagnostics("monitoring.rook");
    let codes: Vec<&str> = diagnostics
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["N0601"], "stores.rook was read: {diagnostics}");
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    client.drain();
    client.open("monitoring.rook", &format!("\u{FEFF}{}", monitoring_text()));
    let diagnostics = client.diagnostics("monitoring.rook");
    let codes: Vec<&str> = diagnostics
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["N0601"], "a leading BOM is no error");
    assert_eq!(client.stop(), 0);
}

#[test]
fn lifecycle_actions_and_rule_options_complete_and_hover() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    let text = "bucket b {\n  lifecycle {\n    \n    expire-delete-markers { }\n    expire after 3d { newer_versions = 2 }\n  }\n}\n";
    client.open("new.rook", text);
    let labels = |client: &mut Client, line: u32, character: u32| -> Vec<String> {
        let result = client.request(
            "textDocument/completion",
            client.at("new.rook", line, character),
        );
        let mut labels: Vec<String> = result
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["label"].as_str().unwrap_or("").to_string())
            .collect();
        labels.sort();
        labels
    };
    let actions = labels(&mut client, 2, 4);
    for action in ["expire-delete-markers", "transition-noncurrent", "expire"] {
        assert!(actions.contains(&action.to_string()), "{actions:?}");
    }
    assert_eq!(
        labels(&mut client, 3, 28),
        [
            "id",
            "larger_than",
            "newer_versions",
            "smaller_than",
            "tags"
        ],
        "rule options"
    );
    let hover = |client: &mut Client, line: u32, character: u32| -> String {
        let result = client.request("textDocument/hover", client.at("new.rook", line, character));
        result["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    let markers = hover(&mut client, 3, 8);
    assert!(markers.contains("ExpiredObjectDeleteMarker"), "{markers}");
    let newer = hover(&mut client, 4, 24);
    assert!(newer.contains("NewerNoncurrentVersions"), "{newer}");
    assert_eq!(client.stop(), 0);
}
