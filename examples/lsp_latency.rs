//! Measures `rookc lsp`'s diagnostics latency: the time from sending an
//! edit (`didChange`) to receiving its `publishDiagnostics`, on a generated
//! workspace of about 5,000 lines in 10 files.
//!
//! Run: `cargo build --release && cargo run --release --example lsp_latency`
//! (optionally `-- PATH_TO_ROOKC EDITS`). Prints the line count, then the
//! median, 95th percentile and maximum latency over the edits.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FILES: usize = 10;
/// Buckets per file; each with its user is about 20 lines.
const BUCKETS_PER_FILE: usize = 28;

fn file_text(file: usize) -> String {
    let mut text = String::new();
    if file == 0 {
        text.push_str("objectstore homelab {\n  namespace      = \"rook-ceph\"\n  storage_class  = \"rook-ceph-bucket\"\n  allow_users_in = [\"*\"]\n}\n\n");
    }
    text.push_str(&format!(
        "namespace \"team-{file}\" {{\n  store = homelab\n"
    ));
    for bucket in 0..BUCKETS_PER_FILE {
        let name = format!("app-{file}-{bucket}");
        text.push_str(&format!(
            "\n  user {name} {{\n    display_name = \"App {file} {bucket}\"\n    quota {{ buckets = 5  size = 100Gi }}\n  }}\n\n  bucket {name}-data {{\n    owner = {name}\n    quota {{ objects = 1M  size = 50Gi }}\n    policy {{\n      allow reader-{file} read on \"exports/\"\n      deny anyone delete on \"archive/\"\n    }}\n    lifecycle {{\n      expire \"tmp/\" after 7d\n      abort-uploads after 2d\n    }}\n  }}\n"
        ));
    }
    text.push_str(&format!("\n  user reader-{file} {{ }}\n}}\n"));
    text
}

fn send(stdin: &mut impl Write, message: &serde_json::Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
    stdin.flush().expect("flush");
}

fn receive(reader: &mut impl BufRead) -> serde_json::Value {
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("read");
        let line = line.trim();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse().expect("length");
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).expect("body");
    serde_json::from_slice(&body).expect("json")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rookc = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "target/release/rookc".to_string());
    let edits: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(100);
    let dir = std::env::temp_dir().join(format!("rookc-lsp-latency-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let mut lines = 0;
    for file in 0..FILES {
        let text = file_text(file);
        lines += text.lines().count();
        std::fs::write(dir.join(format!("team-{file}.rook")), text).expect("write");
    }
    let mut child = Command::new(&rookc)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start rookc lsp");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
    let root = format!("file://{}", dir.display());
    send(
        &mut stdin,
        &serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"rootUri": root, "capabilities": {}}}),
    );
    while receive(&mut reader).get("id").is_none() {}
    send(
        &mut stdin,
        &serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    let uri = format!("{root}/team-3.rook");
    let original = file_text(3);
    send(
        &mut stdin,
        &serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "rook", "version": 1, "text": original}}}),
    );
    // Let the first analyses finish: a round trip.
    send(
        &mut stdin,
        &serde_json::json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": uri}}}),
    );
    while receive(&mut reader).get("id") != Some(&serde_json::json!(2)) {}
    let mut latencies = Vec::with_capacity(edits);
    for edit in 0..edits {
        // Alternate a typo (an unknown owner) and its fix.
        let text = if edit % 2 == 0 {
            original.replacen("owner = app-3-7", "owner = app-3-7x", 1)
        } else {
            original.clone()
        };
        let started = Instant::now();
        send(
            &mut stdin,
            &serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": edit + 2}, "contentChanges": [{"text": text}]}}),
        );
        loop {
            let message = receive(&mut reader);
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri.as_str()
            {
                break;
            }
        }
        latencies.push(started.elapsed());
    }
    send(
        &mut stdin,
        &serde_json::json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}),
    );
    send(
        &mut stdin,
        &serde_json::json!({"jsonrpc": "2.0", "method": "exit"}),
    );
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("workspace: {FILES} files, {lines} lines; {edits} edits");
    println!(
        "didChange -> publishDiagnostics: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(1.0))
    );
}
