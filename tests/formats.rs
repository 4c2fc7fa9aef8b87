//! `--format human|json|github|sarif` on one file with several errors and
//! warnings, `--deny-warnings`, `build --check` and `explain`.

use std::fs;

use crate::support::{read_tree, rookc, root};

const MIXED: &str = "tests/formats/mixed.rook";

/// The version changes with releases; snapshots should not.
fn without_version(text: &str) -> String {
    text.replace(env!("CARGO_PKG_VERSION"), "[version]")
}

#[test]
fn every_format_reports_the_same_diagnostics() {
    for format in ["human", "json", "github", "sarif"] {
        let run = rookc(
            &["check", MIXED, "--format", format, "--color", "never"],
            &root(),
        );
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        let report = if format == "human" {
            &run.stderr
        } else {
            &run.stdout
        };
        insta::assert_snapshot!(format!("format-{format}"), without_version(report));
    }
}

#[test]
fn json_lines_parse_and_carry_every_field() {
    let run = rookc(&["check", MIXED, "--format", "json"], &root());
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON object"))
        .collect();
    assert!(lines.len() >= 5, "{}", run.stdout);
    for object in &lines {
        for field in [
            "code", "name", "severity", "message", "file", "start", "end", "labels", "notes",
            "help",
        ] {
            assert!(object.get(field).is_some(), "missing {field} in {object}");
        }
        assert_eq!(object["labels"][0]["primary"], true);
    }
}

#[test]
fn sarif_names_a_rule_for_every_code() {
    let run = rookc(&["check", MIXED, "--format", "sarif"], &root());
    let log: serde_json::Value = serde_json::from_str(&run.stdout).expect("SARIF is JSON");
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), rookc::diag::Code::ALL.len());
    for result in log["runs"][0]["results"].as_array().expect("results") {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn warnings_fail_only_when_denied() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("a.rook"),
        "objectstore s3 { namespace = \"rook-ceph\" }\nuser a { store = s3 }\n",
    )
    .expect("write");
    assert_eq!(rookc(&["check"], dir.path()).code, 0);
    let denied = rookc(
        &["check", "--deny-warnings", "--color", "never"],
        dir.path(),
    );
    assert_eq!(denied.code, 1);
    assert!(
        denied
            .stderr
            .contains("error: 0 errors, 1 warning (warnings are denied)"),
        "{}",
        denied.stderr
    );
    let build = rookc(&["build", "-o", "out", "--deny-warnings"], dir.path());
    assert_eq!(build.code, 1);
    assert!(
        !dir.path().join("out").exists(),
        "a denied build writes nothing"
    );
}

#[test]
fn build_check_reports_fresh_stale_and_missing_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = "objectstore s3 { namespace = \"rook-ceph\"  storage_class = \"b\" }\nbucket logs { store = s3  namespace = \"apps\" }\n";
    fs::write(dir.path().join("a.rook"), source).expect("write");

    let missing = rookc(&["build", "a.rook", "-o", "out", "--check"], dir.path());
    assert_eq!(missing.code, 1);
    assert_eq!(
        missing.stdout,
        "out/apps/objectbucketclaim-logs.yaml: missing\nout/kustomization.yaml: missing\n"
    );
    assert!(!dir.path().join("out").exists(), "--check writes nothing");

    assert_eq!(rookc(&["build", "a.rook", "-o", "out"], dir.path()).code, 0);
    let fresh = rookc(&["build", "a.rook", "-o", "out", "--check"], dir.path());
    assert_eq!(fresh.code, 0, "{}", fresh.stderr);
    assert!(
        fresh.stderr.contains("out is up to date"),
        "{}",
        fresh.stderr
    );

    let before = read_tree(&dir.path().join("out"));
    fs::write(dir.path().join("a.rook"), source.replace("apps", "web")).expect("write");
    let stale = rookc(&["build", "a.rook", "-o", "out", "--check"], dir.path());
    assert_eq!(stale.code, 1);
    assert_eq!(
        stale.stdout,
        "out/apps/objectbucketclaim-logs.yaml: no longer generated\nout/kustomization.yaml: differs\nout/web/objectbucketclaim-logs.yaml: missing\n"
    );
    assert!(
        stale.stderr.contains("out is out of date: 3 files differ"),
        "{}",
        stale.stderr
    );
    assert_eq!(
        read_tree(&dir.path().join("out")),
        before,
        "--check writes nothing"
    );
}

#[test]
fn build_check_needs_an_output_directory() {
    let run = rookc(&["build", "--check"], &root());
    assert_eq!(run.code, 2);
}

#[test]
fn explain_prints_a_page_for_every_code() {
    for code in rookc::diag::Code::ALL {
        let run = rookc(&["explain", code.as_str()], &root());
        assert_eq!(run.code, 0);
        assert!(
            run.stdout
                .starts_with(&format!("# {}: {}\n", code.as_str(), code.name())),
            "{}",
            run.stdout
        );
    }
    let by_name = rookc(&["explain", "unknown-name"], &root());
    assert!(by_name.stdout.starts_with("# E0201"));
    let unknown = rookc(&["explain", "E9999"], &root());
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("not a rookc diagnostic code"),
        "{}",
        unknown.stderr
    );
}
