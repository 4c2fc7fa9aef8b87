//! The command line: exit codes, messages, colour and help.

use std::fs;

use crate::support::{rookc, root};

#[test]
fn check_of_a_clean_program_exits_0() {
    let run = rookc(&["check", "examples/homelab"], &root());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn errors_exit_1_and_are_all_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("a.rook"),
        "objectstore s3 { namespace = \"rook-ceph\" }\nuser a { store = s4 }\nuser b { store = s5 }\n",
    )
    .expect("write");
    let run = rookc(&["check", "--color", "never"], dir.path());
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.matches("error[E0201]").count(),
        2,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with(
            "error: 2 errors, 2 warnings\nfor more about this error, try `rookc explain E0201`\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("┌─ a.rook:2:18"),
        "paths are shown as found: {}",
        run.stderr
    );
}

#[test]
fn warnings_alone_exit_0() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("a.rook"),
        "objectstore s3 { namespace = \"rook-ceph\" }\nuser a { store = s3 }\n",
    )
    .expect("write");
    let run = rookc(&["check"], dir.path());
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("warning[W0502]"), "{}", run.stderr);
}

#[test]
fn io_and_usage_errors_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = rookc(&["check", "nope"], dir.path());
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("cannot read `nope`"),
        "{}",
        missing.stderr
    );

    let empty = rookc(&["check"], dir.path());
    assert_eq!(empty.code, 2);
    assert!(
        empty.stderr.contains("no `.rook` files"),
        "{}",
        empty.stderr
    );

    fs::write(dir.path().join("latin1.rook"), b"user caf\xe9 { }").expect("write");
    let not_utf8 = rookc(&["check", "latin1.rook"], dir.path());
    assert_eq!(not_utf8.code, 2);
    assert!(not_utf8.stderr.contains("not UTF-8"), "{}", not_utf8.stderr);

    assert_eq!(rookc(&["check", "--bogus"], dir.path()).code, 2);
    assert_eq!(rookc(&["build", "-o", "x", "--stdout"], dir.path()).code, 2);
    assert_eq!(
        rookc(&["check", "--color", "sometimes"], dir.path()).code,
        2
    );
}

#[test]
fn colour_follows_the_flag() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.rook"), "user a { }\n").expect("write");
    let always = rookc(&["check", "--color", "always"], dir.path());
    let never = rookc(&["check", "--color", "never"], dir.path());
    assert!(always.stderr.contains("\u{1b}["), "{}", always.stderr);
    assert!(!never.stderr.contains('\u{1b}'), "{}", never.stderr);
    let auto = rookc(&["check"], dir.path());
    assert!(
        !auto.stderr.contains('\u{1b}'),
        "not a terminal: {}",
        auto.stderr
    );
}

#[test]
fn help_explains_the_commands() {
    let run = rookc(&["build", "--help"], &root());
    assert_eq!(run.code, 0);
    for needle in [
        "kustomization.yaml",
        "--output <DIR>",
        "--stdout",
        "--color <WHEN>",
        "Examples:",
    ] {
        assert!(
            run.stdout.contains(needle),
            "missing {needle:?} in:\n{}",
            run.stdout
        );
    }
    let top = rookc(&["--help"], &root());
    assert!(
        top.stdout.contains("build") && top.stdout.contains("check"),
        "{}",
        top.stdout
    );
}
