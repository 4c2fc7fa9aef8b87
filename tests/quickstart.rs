//! The README's quick start works as written: its program is written to the
//! file it names, each `$ ` command of its console block is run in a fresh
//! directory, and what each prints is what the README shows.
//!
//! The binary is the one built for the tests, or `ROOKC_BIN` when set (CI
//! sets it to the `rookc` that the README's install line installed).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::root;

/// The text of the README section that starts with `heading`.
fn section<'a>(readme: &'a str, heading: &str) -> &'a str {
    let start = readme
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("README has no `{heading}`"));
    let rest = &readme[start + heading.len() + 2..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    &rest[..end]
}

/// The fenced blocks of `text` whose info string is `lang`, in order.
fn blocks<'a>(text: &'a str, lang: &str) -> Vec<&'a str> {
    let open = format!("```{lang}\n");
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(&open) {
        let body = &rest[at + open.len()..];
        let end = body.find("\n```").expect("closed block");
        found.push(&body[..end + 1]);
        rest = &body[end..];
    }
    found
}

/// `(command, expected output)` of a console block.
fn session(block: &str) -> Vec<(String, String)> {
    let mut steps: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        match line.strip_prefix("$ ") {
            Some(command) => steps.push((command.to_string(), String::new())),
            None => {
                let (_, output) = steps.last_mut().expect("a block starts with `$ `");
                output.push_str(line);
                output.push('\n');
            }
        }
    }
    steps
}

fn binary() -> PathBuf {
    std::env::var_os("ROOKC_BIN")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_rookc")), PathBuf::from)
}

fn run(command: &str, dir: &Path) -> String {
    let bin_dir = binary()
        .canonicalize()
        .expect("the rookc binary exists")
        .parent()
        .expect("a directory")
        .to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("PATH");
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("{command} 2>&1"))
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .output()
        .expect("sh runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_install_line_installs_the_rookc_binary() {
    let readme = fs::read_to_string(root().join("README.md")).expect("README");
    let install = section(&readme, "## Install");
    let commands = blocks(install, "sh");
    assert_eq!(
        commands,
        ["cargo install --locked --path . && rookc check examples/homelab\n"]
    );
    // What follows the install runs as written (CI runs the install itself).
    let run = crate::support::rookc(&["check", "examples/homelab"], &root());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest = fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    assert!(manifest.contains("[[bin]]\nname = \"rookc\""));
    // Within the first screen of the README.
    let line = readme
        .lines()
        .position(|l| l.starts_with("cargo install --locked --path . "));
    assert!(line.is_some_and(|l| l < 40), "install line at {line:?}");
}

#[test]
fn the_quick_start_works_as_written() {
    let readme = fs::read_to_string(root().join("README.md")).expect("README");
    let quick = section(&readme, "## Quick start");
    let [program] = blocks(quick, "rook")[..] else {
        panic!("the quick start has one rook block");
    };
    let file = quick
        .split('`')
        .find(|word| word.ends_with(".rook"))
        .expect("the quick start names its file");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(file);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(&path, program).expect("write the program");
    let consoles = blocks(quick, "console");
    assert!(!consoles.is_empty(), "the quick start shows a session");
    for console in consoles {
        for (command, expected) in session(console) {
            let printed = run(&command, dir.path());
            assert_eq!(printed, expected, "`{command}` printed otherwise");
        }
    }
}
