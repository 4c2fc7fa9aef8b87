// Starts `rookc lsp` for .rook files: diagnostics as you type, hover, go to
// definition, references, rename, completion, formatting and the outline.
// The server binary is the `rook.server.path` setting (default: `rookc` on
// the PATH).
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("rook").get("server.path") || "rookc";
  const server = { command, args: ["lsp"] };
  client = new LanguageClient(
    "rook",
    "rookc language server",
    { run: server, debug: server },
    {
      documentSelector: [{ scheme: "file", language: "rook" }],
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher("**/*.rook"),
      },
    }
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
