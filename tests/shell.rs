//! What a user's shell gets from rookc: `--version`, completion scripts and
//! manual pages generated from the same definitions as `--help`.

use std::process::Command;

use crate::support::{rookc, root};

/// Every subcommand, as `rookc --help` lists them.
fn subcommands() -> Vec<String> {
    let help = rookc(&["--help"], &root());
    help.stdout
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn version_names_the_rook_release() {
    let run = rookc(&["--version"], &root());
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        format!(
            "rookc {} (for Rook {})\n",
            env!("CARGO_PKG_VERSION"),
            rookc::ROOK_VERSION
        )
    );
}

#[test]
fn completions_cover_every_subcommand() {
    let names = subcommands();
    assert!(names.len() >= 8, "{names:?}");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = rookc(&["completions", shell], &root());
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for name in &names {
            assert!(run.stdout.contains(name.as_str()), "{shell} lacks {name}");
        }
    }
    // The bash script is valid bash.
    let script = rookc(&["completions", "bash"], &root()).stdout;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rookc.bash");
    std::fs::write(&path, script).expect("write");
    let status = Command::new("bash").arg("-n").arg(&path).status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "bash -n rejects the script"
    );
}

#[test]
fn manual_pages_cover_every_subcommand() {
    let page = rookc(&["man"], &root());
    assert_eq!(page.code, 0, "{}", page.stderr);
    assert!(page.stdout.starts_with(".ie"), "{}", page.stdout);
    assert!(page.stdout.contains("Compile rook storage declarations"));
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("man1");
    let run = rookc(&["man", "-o", out.to_str().expect("utf-8")], &root());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join("rookc.1").is_file());
    for name in subcommands() {
        assert!(
            out.join(format!("rookc-{name}.1")).is_file(),
            "no page for {name}"
        );
    }
}

#[test]
fn the_cli_reference_lists_every_command_and_flag() {
    let reference = std::fs::read_to_string(root().join("docs/cli.md")).expect("docs/cli.md");
    let synopsis = reference
        .split("```\n")
        .nth(1)
        .expect("docs/cli.md opens with the synopsis");
    for name in subcommands() {
        // The command's lines: from `rookc NAME` to the next `rookc`.
        let start = synopsis
            .find(&format!("rookc {name} "))
            .or_else(|| synopsis.find(&format!("rookc {name}\n")))
            .unwrap_or_else(|| panic!("the synopsis lacks `rookc {name}`"));
        let rest = &synopsis[start + 6..];
        let end = rest.find("\nrookc ").map_or(rest.len(), |i| i);
        let lines = &rest[..end];
        let help = rookc(&[&name, "--help"], &root()).stdout;
        for line in help
            .lines()
            .map(str::trim_start)
            .filter(|l| l.starts_with('-'))
        {
            let mut words = line.split_whitespace().map(|w| w.trim_end_matches(','));
            let first = words.next().unwrap_or("");
            let (short, long) = if first.starts_with("--") {
                (None, first)
            } else {
                (Some(first), words.next().unwrap_or(""))
            };
            // Lines of a value's description (`- grants: ...`) name no flag.
            if !long.starts_with("--") {
                continue;
            }
            if matches!(long, "--help" | "--version") {
                continue;
            }
            let written = lines.contains(long)
                || short.is_some_and(|short| lines.contains(&format!("{short} ")));
            assert!(written, "`rookc {name}`: the synopsis lacks {long}");
        }
    }
}
