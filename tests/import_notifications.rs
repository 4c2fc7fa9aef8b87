//! Rook v1.20's own bucket notification manifests
//! (`tests/import/rook-notifications/`, see its README): `rookc import`
//! writes each as `topic`, `notification` and a bucket's `notifications`,
//! and `rookc build` of the result gives the same objects back, equal as
//! data apart from rookc's managed-by label.

use std::fs;
use std::path::{Path, PathBuf};

use rookc::diag::Code;
use rookc::import::{Import, Role};

use crate::support::root;

const CASES: &str = "tests/import/rook-notifications";

fn import(paths: &[PathBuf]) -> Import {
    rookc::import::import(paths, Path::new("imported.rook")).expect("readable manifests")
}

fn imported(import: &Import) -> Vec<&rookc::import::ObjectReport> {
    import
        .reports
        .iter()
        .filter(|r| matches!(r.role, Role::Imported(_)))
        .collect()
}

fn case(name: &str) -> PathBuf {
    Path::new(CASES).join(name)
}

fn read(name: &str) -> String {
    fs::read_to_string(root().join(CASES).join(name)).expect("case file")
}

/// Rook's deploy examples have no namespace (they are applied into the
/// app's); the same files with the namespace Rook's doc gives them.
fn in_namespace(text: &str, namespace: &str) -> String {
    text.replacen(
        "metadata:\n  name: ",
        &format!("metadata:\n  namespace: {namespace}\n  name: "),
        1,
    )
}

#[test]
fn rooks_deploy_examples_in_a_namespace_round_trip_as_one_program() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut paths = Vec::new();
    for name in [
        "deploy-bucket-topic.yaml",
        "deploy-bucket-notification.yaml",
    ] {
        let path = dir.path().join(name);
        fs::write(&path, in_namespace(&read(name), "my-app-space")).expect("written");
        paths.push(path);
    }
    let result = import(&paths);
    let report = result.report_text();
    assert_eq!(imported(&result).len(), 2, "{report}");
    assert!(result.is_complete(), "{}\n{report}", result.source);
    assert!(
        result.source.contains("topic my-topic {"),
        "{}",
        result.source
    );
    assert!(
        result
            .source
            .contains("key { prefix = \"hello\"  suffix = \".png\"  regex = \"[a-z]*\\\\.*\" }"),
        "{}",
        result.source
    );
}

#[test]
fn rooks_deploy_examples_as_they_are_differ_only_in_the_namespace_rookc_gives_them() {
    let result = import(&[
        case("deploy-bucket-topic.yaml"),
        case("deploy-bucket-notification.yaml"),
    ]);
    let objects = imported(&result);
    assert_eq!(objects.len(), 2, "{}", result.report_text());
    for object in objects {
        let difference = object
            .round_trip
            .clone()
            .expect("checked")
            .unwrap_err()
            .to_string();
        assert_eq!(
            difference,
            "metadata.namespace is missing from the input and \"default\" in the output",
            "{}",
            object.label()
        );
        let messages: Vec<&str> = object.findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            ["it has no `metadata.namespace`; imported into namespace `default`"]
        );
    }
}

#[test]
fn a_notification_without_its_topic_is_left_out_with_the_reason() {
    let result = import(&[case("deploy-bucket-notification.yaml")]);
    assert!(imported(&result).is_empty());
    assert!(
        result.report_text().contains(
            "not imported: its topic `my-topic` is not among the inputs of its namespace"
        ),
        "{}",
        result.report_text()
    );
}

#[test]
fn the_notification_docs_examples_round_trip_with_the_claims_labels_as_notifications() {
    let result = import(&[case("docs.yaml")]);
    let report = result.report_text();
    // The topic, both notifications, the claim and its bucket class.
    assert_eq!(imported(&result).len(), 5, "{report}");
    assert!(result.is_complete(), "{}\n{report}", result.source);
    // The metadata and tag filters are carried over, and warned about.
    let warnings: Vec<Code> = result.diagnostics.iter().map(|d| d.code).collect();
    // (and the delete class of the docs' claim is noted once).
    assert_eq!(
        warnings,
        [
            Code::UnappliedFilter,
            Code::UnappliedFilter,
            Code::DeletingClasses
        ]
    );
    insta::assert_snapshot!("import-rook-notification-docs", result.source);
}

#[test]
fn a_claim_label_naming_no_imported_notification_is_reported_not_kept() {
    let docs = read("docs.yaml");
    let claim = docs
        .split("---\n")
        .find(|d| d.contains("kind: ObjectBucketClaim"))
        .expect("the doc's claim");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("claim.yaml");
    fs::write(&path, claim).expect("written");
    let result = import(&[path]);
    assert!(
        !result.source.contains("notifications ="),
        "{}",
        result.source
    );
    let report = result.report_text();
    assert!(
        report.contains(
            "the label `bucket-notification-my-notification: my-notification` is left out"
        ),
        "{report}"
    );
    assert!(!result.is_complete());
}
