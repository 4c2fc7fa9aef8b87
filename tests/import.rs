//! `rookc import`: the compiled output of every example imports to a
//! program that builds the very same manifests; hand-written manifests in
//! the shapes Rook's documentation shows round-trip; what the language
//! cannot express is reported and kept in comments; malformed YAML is a
//! usage error that names the file and line.

use std::fs;
use std::path::{Path, PathBuf};

use rookc::diag::Diagnostics;
use rookc::import::{Import, Role};
use rookc::source::SourceMap;

use crate::examples::{example_dirs, relative};
use crate::support::{compile_dir, rookc, root, tree_text};

fn import(paths: &[PathBuf]) -> Import {
    rookc::import::import(paths, Path::new("imported.rook")).expect("readable manifests")
}

/// A case of `tests/import/`, by its path relative to the package root
/// (the tests run there), so that reports name it the same everywhere.
fn import_case(path: &Path) -> Import {
    let relative = path.strip_prefix(root()).expect("inside the package");
    import(&[relative.to_path_buf()])
}

/// The imported source, then the report.
fn shown(imported: &Import) -> String {
    format!(
        "{}# ---- report\n{}",
        imported.source,
        imported.report_text()
    )
}

fn imported_reports(imported: &Import) -> impl Iterator<Item = &rookc::import::ObjectReport> {
    imported
        .reports
        .iter()
        .filter(|r| matches!(r.role, Role::Imported(_)))
}

fn assert_formatted(source: &str) {
    let mut sources = SourceMap::new();
    let id = sources.add("imported.rook", source);
    let formatted = rookc::format_source(&sources, id, &mut Diagnostics::new())
        .expect("formattable")
        .expect("parses");
    assert_eq!(formatted, source, "the imported source is not formatted");
}

#[test]
fn every_example_round_trips() {
    for dir in example_dirs() {
        let (_, compilation) = compile_dir(&relative(&dir));
        let manifests = compilation
            .manifests
            .as_ref()
            .expect("the example compiles");
        let out = tempfile::tempdir().expect("temp dir");
        let built = out.path().join("build");
        rookc::output::write_dir(&built, manifests, &Default::default()).expect("written");
        let imported = import(&[built]);
        let name = dir
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let report = imported.report_text();
        assert_eq!(
            imported_reports(&imported).count(),
            manifests.len(),
            "{name}:\n{report}"
        );
        for object in imported_reports(&imported) {
            assert!(object.round_trips(), "{name}: {}\n{report}", object.label());
        }
        assert!(imported.extras.is_empty(), "{name}:\n{report}");
        assert_formatted(&imported.source);

        // Independently of import's own check: the imported source builds
        // the example's output byte for byte.
        let mut sources = SourceMap::new();
        sources.add("imported.rook", imported.source.clone());
        let rebuilt = rookc::compile(&sources).expect("emit");
        assert_eq!(tree_text(&rebuilt), tree_text(&compilation), "{name}");
        if name == "homelab" {
            insta::assert_snapshot!("import-homelab", imported.source);
        }
    }
}

#[test]
fn hand_written_manifests_round_trip() {
    insta::glob!("import/ok/*.yaml", |path| {
        let imported = import_case(path);
        assert!(imported_reports(&imported).count() > 0);
        for object in imported_reports(&imported) {
            assert!(object.round_trips(), "{}", shown(&imported));
        }
        assert!(imported.is_complete(), "{}", shown(&imported));
        assert_formatted(&imported.source);
        insta::assert_snapshot!(shown(&imported));
    });
}

#[test]
fn what_the_language_cannot_express_is_reported_and_kept() {
    insta::glob!("import/lossy/*.yaml", |path| {
        let imported = import_case(path);
        assert!(!imported.is_complete(), "{}", shown(&imported));
        assert_formatted(&imported.source);
        insta::assert_snapshot!(shown(&imported));
    });
    let imported = import_case(&root().join("tests/import/lossy/inexpressible-policies.yaml"));
    let report = imported.report_text();
    for (label, words) in [
        ("ObjectBucketClaim/audit: warning:", "uses `NotPrincipal`"),
        ("ObjectBucketClaim/website: warning:", "IpAddress"),
        ("ObjectBucketClaim/audit: does not round-trip", ""),
        ("Deployment/website: note: skipped:", "not `Deployment`"),
    ] {
        assert!(
            report
                .lines()
                .any(|l| l.contains(label) && l.contains(words)),
            "no `{label} ... {words}` in:\n{report}"
        );
    }
    let losses = import_case(&root().join("tests/import/lossy/losses.yaml")).report_text();
    assert!(
        losses.contains("ObjectBucketClaim/settings: warning: not carried over (the language has no place for it): spec.additionalConfig = {\"bucketPolicy\":{\"Version\":\"2012-10-17\"}}"),
        "a policy that is not a string is reported:\n{losses}"
    );
    // The policies are kept, whole, in comments next to their buckets.
    assert!(
        imported.source.contains("#         \"NotPrincipal\": {"),
        "{}",
        imported.source
    );
    assert!(
        imported.source.contains(
            "#       \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"192.168.0.0/16\"}}"
        ),
        "{}",
        imported.source
    );
}

#[test]
fn malformed_yaml_is_reported_with_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("a.yaml"),
        "apiVersion: v1\nkind: ConfigMap\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("b.yml"),
        "apiVersion: v1\nkind: ConfigMap\n---\nmetadata:\n  name: [x,\n  y: }\n",
    )
    .expect("write");
    // With a valid file besides it: reported, and the import goes on.
    let run = rookc(&["import", "."], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("b.yml:6:") && run.stderr.contains("not valid YAML"),
        "{}",
        run.stderr
    );
    // Alone: a usage error, and nothing is written.
    let run = rookc(&["import", "b.yml"], dir.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.starts_with("error: b.yml:6:") && run.stderr.contains("not valid YAML"),
        "{}",
        run.stderr
    );
}

#[test]
fn exit_codes_and_output_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("storage.rook");
    let case = "tests/import/ok/pvc-rwo.yaml";
    let run = rookc(
        &["import", case, "-o", out.to_str().expect("utf-8")],
        &root(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .contains("PersistentVolumeClaim/cephfs-pvc: round-trips"),
        "{}",
        run.stderr
    );
    let written = fs::read_to_string(&out).expect("written");
    assert_eq!(written, import(&[PathBuf::from(case)]).source);

    let lossy = rookc(&["import", "tests/import/lossy/losses.yaml"], &root());
    assert_eq!(lossy.code, 1, "{}", lossy.stderr);
    assert!(
        lossy.stdout.contains("bucket uploads {"),
        "the source is still written"
    );
    assert!(
        lossy.stderr.contains("does not round-trip"),
        "{}",
        lossy.stderr
    );

    assert_eq!(
        rookc(&["import"], dir.path()).code,
        2,
        "FILES_OR_DIRS is required"
    );
    let missing = rookc(&["import", "nope.yaml"], dir.path());
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("cannot read `nope.yaml`"),
        "{}",
        missing.stderr
    );
    fs::create_dir(dir.path().join("empty")).expect("mkdir");
    let empty = rookc(&["import", "empty"], dir.path());
    assert_eq!(empty.code, 2);
    assert!(
        empty
            .stderr
            .contains("no `.yaml` or `.yml` files in `empty`"),
        "{}",
        empty.stderr
    );
}

#[test]
fn rooks_rbd_examples_round_trip_as_data() {
    let imported = import_case(&root().join("tests/import/ok/rook-rbd.yaml"));
    let round_tripped: Vec<String> = imported_reports(&imported)
        .filter(|r| r.round_trips())
        .map(|r| r.label())
        .collect();
    assert_eq!(
        round_tripped,
        [
            "tests/import/ok/rook-rbd.yaml[2] StorageClass/rook-ceph-block",
            "tests/import/ok/rook-rbd.yaml[3] PersistentVolumeClaim/rbd-pvc",
            "tests/import/ok/rook-rbd.yaml[4] PersistentVolumeClaim/raw-block-rbd-pvc",
        ],
        "{}",
        shown(&imported)
    );
    assert!(imported.is_complete(), "{}", shown(&imported));
    assert!(
        imported.source.contains("mode  = block"),
        "{}",
        imported.source
    );
}

#[test]
fn rooks_rbd_and_client_examples_round_trip_together() {
    // With a CephBlockPool among the inputs the clients' pools are checked
    // (E0360): import declares the pools they name, in their cluster.
    let cases: Vec<PathBuf> = [
        "tests/import/ok/rook-rbd.yaml",
        "tests/import/ok/rook-ceph-client.yaml",
        "tests/import/ok/rook-sqlitevfs-client.yaml",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    let imported = import(&cases);
    assert!(imported.is_complete(), "{}", shown(&imported));
    let clients: Vec<String> = imported_reports(&imported)
        .filter(|r| r.round_trips() && r.label().contains("CephClient"))
        .map(|r| r.label())
        .collect();
    assert_eq!(clients.len(), 3, "{}", shown(&imported));
    for pool in ["example", "images", "vms", "volumes"] {
        let declared = format!(
            "# rookc import: named by the caps of client `{}`; assumed to be a pool of its cluster\nblockpool {pool} {{\n  namespace = \"rook-ceph\"\n}}",
            match pool {
                "example" => "sqlitevfs",
                "images" => "glance",
                _ => "cinder",
            }
        );
        assert!(imported.source.contains(&declared), "{}", imported.source);
    }
}

/// Rook's own object, block and client example files, imported together
/// as one program. They are not one valid program (two topics and two
/// notifications of one name, in different namespaces): the objects that
/// would keep it from compiling are left out and reported with the error,
/// and every other object still round-trips.
#[test]
fn rooks_examples_together_leave_out_only_what_cannot_live_beside_the_rest() {
    let mut paths: Vec<PathBuf> = Vec::new();
    for dir in ["tests/import/ok", "tests/import/rook-notifications"] {
        let mut files: Vec<PathBuf> = fs::read_dir(root().join(dir))
            .expect("case directory")
            .map(|entry| entry.expect("entry").path())
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                name.ends_with(".yaml")
                    && (name.starts_with("rook-") || dir.ends_with("notifications"))
            })
            .map(|p| p.strip_prefix(root()).expect("inside").to_path_buf())
            .collect();
        files.sort();
        paths.extend(files);
    }
    let imported = import(&paths);
    assert!(
        imported
            .diagnostics
            .iter()
            .all(|d| d.severity() != rookc::diag::Severity::Error),
        "{}",
        shown(&imported)
    );
    let report = imported.report_text();
    for object in imported_reports(&imported) {
        // Rook's deploy/examples topic and notification have no namespace;
        // rookc gives them `default`, where kubectl would put them.
        let namespaceless = object.file.to_string_lossy().contains("deploy-bucket-");
        match &object.round_trip {
            Some(Ok(())) => assert!(!namespaceless),
            Some(Err(why)) => assert!(
                namespaceless && why.to_string().starts_with("metadata.namespace is missing"),
                "{}: {why}\n{report}",
                object.label()
            ),
            None => panic!("{} was not compared", object.label()),
        }
    }
    for (label, words) in [
        (
            "docs.yaml[1] CephBucketTopic/my-topic: warning: not imported:",
            "error E0203",
        ),
        (
            "docs.yaml[2] CephBucketNotification/my-notification: warning: not imported:",
            "error E0203",
        ),
        (
            "docs.yaml[3] ObjectBucketClaim/ceph-notification-bucket: warning: not imported:",
            "error E0225",
        ),
    ] {
        assert!(
            report
                .lines()
                .any(|l| l.contains(label) && l.contains(words)),
            "no `{label} ... {words}` in:\n{report}"
        );
    }
    assert!(imported_reports(&imported).count() >= 16, "{report}");
}
