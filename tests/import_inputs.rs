//! `rookc import` of inputs that used to go wrong: a key written twice,
//! one invalid file among valid ones, several object stores told apart
//! by their StorageClasses or by the owners of their buckets, and the
//! bucket StorageClasses the language cannot declare yet.

use std::fs;
use std::path::{Path, PathBuf};

use rookc::diag::Severity;
use rookc::import::{Import, Role};
use rookc::source::SourceMap;

use crate::support::{rookc, root, tree_text};

fn import(paths: &[PathBuf]) -> Import {
    rookc::import::import(paths, Path::new("imported.rook")).expect("readable manifests")
}

const CLAIM: &str = "apiVersion: objectbucket.io/v1alpha1
kind: ObjectBucketClaim
metadata:
  name: logs
  namespace: apps
spec:
  bucketName: app-logs
  storageClassName: rook-ceph-bucket
";

#[test]
fn a_key_written_twice_is_an_error_with_its_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.yaml"), CLAIM).expect("write");
    fs::write(
        dir.path().join("b.yaml"),
        format!("{CLAIM}  additionalConfig:\n    maxSize: 1G\n    maxSize: 2G\n"),
    )
    .expect("write");
    let run = rookc(&["import", "b.yaml"], dir.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: b.yaml:11:5: this is not valid YAML: spec.additionalConfig: the key `maxSize` is written twice in this mapping\n"
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn an_invalid_file_is_reported_and_the_others_imported() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.yaml"), CLAIM).expect("write");
    fs::write(dir.path().join("b.yml"), "metadata:\n  name: [x,\n  y: }\n").expect("write");
    fs::write(dir.path().join("c.yaml"), CLAIM.replace("logs", "traces")).expect("write");
    let run = rookc(&["import", "."], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    for bucket in ["bucket logs {", "bucket traces {"] {
        assert!(run.stdout.contains(bucket), "{}", run.stdout);
    }
    assert!(
        run.stdout
            .contains("# rookc import: not imported: b.yml:3:"),
        "{}",
        run.stdout
    );
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("b.yml:3:")
            && first.contains(": error: this is not valid YAML: ")
            && first.ends_with("; none of its documents is imported"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("c.yaml[1] ObjectBucketClaim/traces: round-trips"),
        "{}",
        run.stderr
    );

    assert!(
        run.stderr
            .contains("0 import warnings; 1 file not valid YAML\n"),
        "{}",
        run.stderr
    );

    // When no file is valid, nothing is imported: a usage error per file.
    fs::write(dir.path().join("a.yaml"), "a: 1\na: 2\n").expect("write");
    fs::remove_file(dir.path().join("c.yaml")).expect("remove");
    let run = rookc(&["import", "."], dir.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(
        lines[0].starts_with("error: a.yaml:2:1: "),
        "{}",
        run.stderr
    );
    assert!(lines[1].starts_with("error: b.yml:3:"), "{}", run.stderr);
}

/// Two object stores, a StorageClass each, four buckets each (with and
/// without owner).
const TWO_STORES: &str = r#"
objectstore east { namespace = "rook-ceph"  storage_class = "east-bucket" }
objectstore west { namespace = "rook-ceph"  storage_class = "west-bucket" }
user alice { store = east }
user bob { store = west }

namespace "apps" {
  bucket east-owned { store = east  owner = alice }
  bucket east-owned-quota { store = east  owner = alice  quota { size = 1Gi } }
  bucket east-free { store = east }
  bucket east-free-quota { store = east  quota { objects = 100 } }
  bucket west-owned { store = west  owner = bob }
  bucket west-owned-quota { store = west  owner = bob  quota { objects = 5 } }
  bucket west-free { store = west }
  bucket west-free-quota { store = west  quota { size = 2Gi } }
}
"#;

fn bucket_class(name: &str, store: &str) -> String {
    format!(
        "apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: {name}\n\
         provisioner: rook-ceph.ceph.rook.io/bucket\nparameters:\n  objectStoreName: {store}\n  \
         objectStoreNamespace: rook-ceph\n"
    )
}

#[test]
fn several_stores_are_told_apart_by_classes_and_owners() {
    let mut sources = SourceMap::new();
    sources.add("stores.rook", TWO_STORES);
    let compilation = rookc::compile(&sources).expect("emit");
    assert!(
        compilation
            .diagnostics
            .iter()
            .all(|d| d.severity() == Severity::Note),
        "{:?}",
        compilation.diagnostics
    );
    let manifests = compilation.manifests.as_ref().expect("compiles");
    let claims = manifests
        .iter()
        .filter(|m| m.yaml.contains("kind: ObjectBucketClaim"))
        .count();
    assert_eq!(claims, 8);
    for with_classes in [false, true] {
        let out = tempfile::tempdir().expect("temp dir");
        let built = out.path().join("build");
        rookc::output::write_dir(&built, manifests, &Default::default()).expect("written");
        if with_classes {
            for (class, store) in [("east-bucket", "east"), ("west-bucket", "west")] {
                fs::write(
                    built.join(format!("{class}.yaml")),
                    bucket_class(class, store),
                )
                .expect("write");
            }
        }
        let imported = import(&[built]);
        let report = imported.report_text();
        let round_trips = imported
            .reports
            .iter()
            .filter(|r| matches!(r.role, Role::Imported(_)) && r.round_trips())
            .count();
        // With their manifests, the two classes are imported too.
        assert_eq!(
            round_trips,
            manifests.len() + if with_classes { 2 } else { 0 },
            "classes: {with_classes}\n{report}"
        );
        assert!(imported.is_complete(), "classes: {with_classes}\n{report}");
        let mut again = SourceMap::new();
        again.add("imported.rook", imported.source.clone());
        let rebuilt = rookc::compile(&again).expect("emit");
        if with_classes {
            // The classes' own manifests come back beside the claims.
            let rebuilt = rebuilt.manifests.clone().unwrap_or_default();
            for manifest in compilation.manifests.iter().flatten() {
                assert!(rebuilt.contains(manifest), "{}", imported.source);
            }
        } else {
            assert_eq!(
                tree_text(&rebuilt),
                tree_text(&compilation),
                "{}",
                imported.source
            );
        }
    }
}

#[test]
fn a_claim_on_the_class_of_an_existing_bucket_is_not_a_new_bucket_silently() {
    let imported = import(&[root().join("tests/import/lossy/bucket-classes.yaml")]);
    let report = imported.report_text();
    // The classes are `bucketclass` declarations now: their reclaim policy
    // and existing bucket are carried, and the claim on the existing
    // bucket's class is written as a claim on that class.
    for (label, words) in [
        ("StorageClass/rook-ceph-retain-bucket: round-trips", ""),
        ("StorageClass/legacy-bucket: round-trips", ""),
        ("ObjectBucketClaim/legacy: round-trips", ""),
        (
            "ObjectBucketClaim/archive: warning: `bucketMaxObjects` becomes `quota { objects }`",
            "`maxObjects`",
        ),
        ("ObjectBucketClaim/archive: round-trips", ""),
        // Both levels of quota: `user_quota` beside `quota`.
        ("ObjectBucketClaim/both-quotas: round-trips", ""),
    ] {
        assert!(
            report
                .lines()
                .any(|l| l.contains(label) && l.contains(words)),
            "no `{label} ... {words}` in:\n{report}"
        );
    }
    for written in [
        "reclaim = retain",
        "bucket  = \"legacy-data\"",
        "storage_class = \"legacy-bucket\"",
        "user_quota { objects = 10 }",
    ] {
        assert!(
            imported.source.contains(written),
            "no `{written}` in:\n{}",
            imported.source
        );
    }
}
