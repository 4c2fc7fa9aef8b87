//! What rookc prints for people never carries control characters from a
//! file name or a program to the terminal: an ESC sequence in a file name
//! used to reach it as it was (recolouring or rewriting the screen).

use std::fs;

use crate::support::rookc;

const ESC_NAME: &str = "evil\u{1b}[31m.rook";

/// No raw ESC, and the escaped form where the name is printed.
fn assert_escaped(output: &str, what: &str) {
    assert!(!output.contains('\u{1b}'), "{what}: raw ESC in {output:?}");
    assert!(output.contains("evil\\u{1b}[31m.rook"), "{what}: {output}");
}

#[test]
fn diagnostics_escape_file_names_and_source_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join(ESC_NAME),
        "user a { store = s4 } # \u{1b}]0;owned\u{7} \u{1b}[2J\n",
    )
    .expect("write");
    let run = rookc(&["check", "--color", "never", "."], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_escaped(&run.stderr, "check");
    assert!(
        run.stderr.contains("# \\u{1b}]0;owned\\u{7} \\u{1b}[2J"),
        "{}",
        run.stderr
    );
}

#[test]
fn messages_quoting_user_text_are_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("a.rook"),
        "bucket b { namespace = \"x\u{1b}[8m\" }\n",
    )
    .expect("write");
    let run = rookc(&["check", "--color", "never"], dir.path());
    assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
    assert!(
        run.stderr
            .contains("namespace name `x\\u{1b}[8m` contains `\\u{1b}`"),
        "{}",
        run.stderr
    );
}

#[test]
fn fmt_and_build_escape_the_paths_they_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join(ESC_NAME),
        "objectstore s3 {\n  namespace     = \"rook-ceph\"\n   storage_class = \"s3\"\n}\n",
    )
    .expect("write");
    let check = rookc(&["fmt", "--check", "."], dir.path());
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert_escaped(&check.stdout, "fmt --check");

    let out = "out\u{1b}[31m.rook";
    let build = rookc(&["build", ".", "-o", out], dir.path());
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(!build.stderr.contains('\u{1b}'), "{:?}", build.stderr);
    assert!(
        build.stderr.contains("out\\u{1b}[31m.rook"),
        "{}",
        build.stderr
    );

    let missing = rookc(&["check", "gone\u{1b}[31m.rook"], dir.path());
    assert_eq!(missing.code, 2);
    assert!(!missing.stderr.contains('\u{1b}'), "{:?}", missing.stderr);
}
