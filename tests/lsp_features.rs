//! `rookc lsp` features that depend on what the client can do: files
//! watched for the server, snippets; and semantic tokens, malformed URIs.
//! Same real binary and client as `tests/lsp.rs`.

use serde_json::{json, Value};

use crate::lsp::{frame, monitoring_text, workspace, Client};

/// A client that watches files and takes snippets, as VS Code does.
fn capable() -> Value {
    json!({
        "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } },
        "textDocument": { "completion": { "completionItem": { "snippetSupport": true } } },
    })
}

fn codes(diagnostics: &Value) -> Vec<String> {
    diagnostics
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

/// Reports a change on disk, after forgetting earlier notifications.
fn watched(client: &mut Client, file: &str, change: u32) {
    client.drain();
    let uri = client.uri(file);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri, "type": change }] }),
    );
}

#[test]
fn files_changed_behind_the_server_are_read_again() {
    let dir = workspace();
    let mut client = Client::start_with(dir.path(), capable());
    // `initialized` asks the client to watch the `.rook` files.
    let registration = loop {
        let message = client.next();
        if message["method"] == "client/registerCapability" {
            break message;
        }
    };
    insta::assert_json_snapshot!("lsp-watch-registration", registration);
    let reply = json!({ "jsonrpc": "2.0", "id": registration["id"], "result": null });
    client.send_raw(&frame(&reply.to_string()));
    client.drain();

    // Created on disk, never opened: analysed.
    let extra = dir.path().join("extra.rook");
    std::fs::write(
        &extra,
        "bucket extra {\n  namespace = \"monitoring\"\n  store = homelab\n  owner = nobody\n}\n",
    )
    .expect("write");
    watched(&mut client, "extra.rook", 1);
    assert_eq!(codes(&client.diagnostics("extra.rook")), ["E0201"]);
    // Changed on disk: read again.
    std::fs::write(
        &extra,
        "bucket extra {\n  namespace = \"monitoring\"\n  store = homelab\n  owner = loki\n}\n",
    )
    .expect("write");
    watched(&mut client, "extra.rook", 2);
    // (N0601, a note about owners, may stay.)
    assert!(!codes(&client.diagnostics("extra.rook")).contains(&"E0201".to_string()));
    // Deleted: its declarations are gone, and so are its diagnostics.
    std::fs::write(
        &extra,
        "bucket extra {\n  namespace = \"monitoring\"\n  store = nowhere\n}\n",
    )
    .expect("write");
    watched(&mut client, "extra.rook", 2);
    assert_eq!(codes(&client.diagnostics("extra.rook")), ["E0201"]);
    std::fs::remove_file(&extra).expect("delete");
    watched(&mut client, "extra.rook", 3);
    assert_eq!(client.diagnostics("extra.rook"), json!([]));
    std::fs::remove_file(dir.path().join("stores.rook")).expect("delete");
    watched(&mut client, "stores.rook", 3);
    let monitoring = codes(&client.diagnostics("monitoring.rook"));
    assert!(
        monitoring.contains(&"E0201".to_string()),
        "the store is gone: {monitoring:?}"
    );
    // An open document keeps the editor's text whatever the disk says.
    client.open("stores.rook", "objectstore homelab {\n  namespace = \"rook-ceph\"\n  storage_class = \"b\"\n  allow_users_in = [\"monitoring\"]\n}\n");
    watched(&mut client, "stores.rook", 3);
    client.drain();
    let hover = client.request("textDocument/hover", client.at("monitoring.rook", 1, 11));
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|h| h.contains("CephObjectStore")),
        "{hover}"
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_client_that_cannot_watch_is_not_asked_to() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    client.drain();
    let mut seen = client.notifications.clone();
    client.open("monitoring.rook", &monitoring_text());
    client.drain();
    seen.extend(client.notifications.clone());
    assert!(
        seen.iter()
            .all(|m| m["method"] != "client/registerCapability"),
        "{seen:?}"
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_malformed_uri_fails_its_request_only() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    // `%` before a three-byte character: not a URI. The old decoder
    // panicked on it, and on every analysis after it.
    let bad = format!("{}%€.rook", client.uri(""));
    client.notify("textDocument/didOpen", json!({ "textDocument": { "uri": bad, "languageId": "rook", "version": 1, "text": "user u { }\n" } }));
    // A notification cannot be answered: the server logs why it ignored it.
    let log = loop {
        let message = client.next();
        if message["method"] == "window/logMessage" {
            break message;
        }
    };
    let logged = log["params"]["message"].as_str().unwrap_or("");
    assert!(
        logged.starts_with("rookc ignored `textDocument/didOpen`: invalid parameters"),
        "{logged}"
    );
    let hover_bad = client.request_message(
        "textDocument/hover",
        json!({ "textDocument": { "uri": bad }, "position": { "line": 0, "character": 6 } }),
    );
    assert_eq!(hover_bad["error"]["code"], -32602, "{hover_bad}");
    // Every other request is still served.
    client.open("monitoring.rook", &monitoring_text());
    let hover = client.request("textDocument/hover", client.at("monitoring.rook", 3, 8));
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|h| h.contains("CephObjectStoreUser")),
        "{hover}"
    );
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": client.uri("monitoring.rook") } }),
    );
    assert!(symbols.as_array().is_some_and(|s| !s.is_empty()));
    assert_eq!(client.stop(), 0);
}

/// The completion of `key` at the start of line 1 of `bucket b {\n  \n}`.
fn completed(capabilities: Value, key: &str) -> Value {
    let dir = workspace();
    let mut client = Client::start_with(dir.path(), capabilities);
    client.open("new.rook", "bucket b {\n  \n}\n");
    let items = client.request("textDocument/completion", client.at("new.rook", 1, 2));
    let item = items
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["label"] == key)
        .cloned()
        .expect("offered");
    assert_eq!(client.stop(), 0);
    json!({ "insertText": item["insertText"], "insertTextFormat": item["insertTextFormat"] })
}

#[test]
fn blocks_complete_with_their_closing_brace() {
    assert_eq!(
        completed(capable(), "policy"),
        json!({ "insertText": "policy {\n  $0\n}", "insertTextFormat": 2 })
    );
    assert_eq!(
        completed(json!({}), "quota"),
        json!({ "insertText": "quota {}", "insertTextFormat": null })
    );
    assert_eq!(
        completed(json!({}), "owner"),
        json!({ "insertText": "owner = ", "insertTextFormat": null })
    );
}

const TOKENS_SAMPLE: &str = "# stores\nobjectstore s3 { namespace = \"rook-ceph\"  storage_class = \"b\" }\n\nnamespace \"apps\" {\n  store = s3\n  @allow(unused-user)\n  user ci { quota { size = 10Gi } }\n  bucket logs {\n    owner = ci\n    policy {\n      allow ci read on \"logs/\"\n      deny anyone \"s3:DeleteObject\"\n    }\n    lifecycle {\n      transition \"old/\" after 30d to \"COLD\"\n    }\n  }\n  volume data { filesystem = fs  access = once  size = 1Gi }\n}\n";

/// The tokens decoded: one line each, `line:column text type [modifiers]`.
fn decode(text: &str, data: &Value, legend: &Value) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let numbers: Vec<u64> = data
        .as_array()
        .expect("data")
        .iter()
        .filter_map(Value::as_u64)
        .collect();
    let (mut line, mut column) = (0, 0);
    let mut out = String::new();
    for token in numbers.chunks(5) {
        let [delta_line, delta_start, length, kind, modifiers] = token else {
            panic!("tokens come in fives");
        };
        if *delta_line > 0 {
            column = 0;
        }
        line += *delta_line as usize;
        column += *delta_start as usize;
        // The sample is ASCII: UTF-16 columns are byte columns.
        let word = &lines[line][column..column + *length as usize];
        let kind = legend["tokenTypes"][*kind as usize].as_str().unwrap_or("?");
        let modifiers = if *modifiers == 1 { " declaration" } else { "" };
        out.push_str(&format!("{}:{column} {word} {kind}{modifiers}\n", line + 1));
    }
    out
}

#[test]
fn semantic_tokens_tell_names_references_and_keys_apart() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    let provider = client.initialized["capabilities"]["semanticTokensProvider"].clone();
    assert_eq!(provider["full"], true);
    client.open("tokens.rook", TOKENS_SAMPLE);
    let tokens = client.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": client.uri("tokens.rook") } }),
    );
    let decoded = decode(TOKENS_SAMPLE, &tokens["data"], &provider["legend"]);
    insta::assert_snapshot!(
        "lsp-semantic-tokens",
        format!("legend: {}\n\n{decoded}", provider["legend"])
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn hovers_describe_block_pools_classes_and_raw_block_volumes() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    client.open(
        "block.rook",
        "blockpool replicapool {\n  namespace = \"rook-ceph\"\n}\n\nblockclass rbd {\n  pool = replicapool\n}\n\nvolume disk {\n  class = rbd\n  namespace = \"vm\"\n  size = 1Gi\n  mode = block\n}\n",
    );
    client.drain();
    let mut hover = |line: u32, character: u32| {
        let position = client.at("block.rook", line, character);
        let answer = client.request("textDocument/hover", position);
        answer["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let pool = hover(0, 12);
    assert!(pool.contains("an existing CephBlockPool"), "{pool}");
    let class = hover(4, 12);
    assert!(
        class.contains("`rook-ceph.rbd.csi.ceph.com`: pool `replicapool` of `rook-ceph`"),
        "{class}"
    );
    let volume = hover(8, 8);
    assert!(volume.contains("a raw block device"), "{volume}");
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_volumes_file_class_is_hovered_and_found_as_a_file_class() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    client.open(
        "files.rook",
        "filesystem myfs {\n  namespace = \"rook-ceph\"\n}\n\nfileclass keep {\n  filesystem = myfs\n  pool = \"myfs-replicated\"\n}\n\nvolume config {\n  class = keep\n  namespace = \"app\"\n  size = 1Gi\n}\n",
    );
    client.drain();
    let class = client.at("files.rook", 4, 11);
    let answer = client.request("textDocument/hover", class);
    let text = answer["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        text.contains("`rook-ceph.cephfs.csi.ceph.com`: filesystem `myfs` of `rook-ceph`, pool `myfs-replicated`"),
        "{text}"
    );
    let reference = client.at("files.rook", 10, 11);
    let definition = client.request("textDocument/definition", reference);
    assert_eq!(definition["range"]["start"]["line"], 4, "{definition}");
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_namespace_budget_is_completed_and_hovered() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    let text = "namespace \"apps\" {\n  \n  budget { size = 2Ti  buckets = 10 }\n  budget {\n    \n  }\n}\n";
    client.open("budget.rook", text);
    client.drain();
    let labels = |client: &mut Client, line: u32, character: u32| -> Vec<String> {
        let position = client.at("budget.rook", line, character);
        let result = client.request("textDocument/completion", position);
        let mut labels: Vec<String> = result
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["label"].as_str().unwrap_or("").to_string())
            .collect();
        labels.sort();
        labels
    };
    let in_group = labels(&mut client, 1, 2);
    assert!(in_group.contains(&"budget".to_string()), "{in_group:?}");
    assert_eq!(labels(&mut client, 4, 4), ["buckets", "size"]);
    let mut hover = |line: u32, character: u32| {
        let position = client.at("budget.rook", line, character);
        let answer = client.request("textDocument/hover", position);
        answer["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let budget = hover(2, 4);
    assert!(
        budget.contains("a ceiling for the namespace's buckets"),
        "{budget}"
    );
    let size = hover(2, 12);
    assert!(size.contains("**size** (budget)"), "{size}");
    assert_eq!(client.stop(), 0);
}

#[test]
fn hovers_describe_snapshot_classes_snapshots_and_restored_volumes() {
    let dir = workspace();
    let mut client = Client::start(dir.path());
    client.open(
        "snap.rook",
        "blockpool replicapool {\n  namespace = \"rook-ceph\"\n  storage_class = \"rook-ceph-block\"\n}\n\nsnapshotclass rbd-snaps {\n  pool = replicapool\n}\n\nnamespace \"db\" {\n  volume pg { pool = replicapool  size = 1Gi }\n  snapshot pg-snap { volume = pg  class = rbd-snaps }\n  volume pg-copy { pool = replicapool  size = 1Gi  restore = pg-snap }\n}\n",
    );
    client.drain();
    let mut hover = |line: u32, character: u32| {
        let position = client.at("snap.rook", line, character);
        let answer = client.request("textDocument/hover", position);
        answer["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let class = hover(5, 16);
    assert!(
        class.contains(
            "`rook-ceph.rbd.csi.ceph.com`: cluster ID `rook-ceph`, `deletionPolicy: Delete`"
        ),
        "{class}"
    );
    let snapshot = hover(11, 12);
    assert!(
        snapshot.contains("of volume `pg`, with snapshot class `rbd-snaps`"),
        "{snapshot}"
    );
    let copy = hover(12, 10);
    assert!(copy.contains("restored from snapshot `pg-snap`"), "{copy}");
    assert_eq!(client.stop(), 0);
}
