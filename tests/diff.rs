//! `rookc diff`: each case of `tests/diff/` against `tests/diff/base`, in
//! every format (snapshots); `--from` in a temporary git repository; a
//! hand-made live-cluster export, as drift and as the old side; exit codes.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::{rookc, root};

const CASES: [&str; 4] = ["renamed", "removed", "widened", "narrowed"];
const FORMATS: [&str; 4] = ["human", "json", "github", "sarif"];

/// `rookc diff tests/diff/base tests/diff/CASE` with the StorageClasses,
/// except for `removed`, which shows what an unknown reclaim policy gives.
fn diff_case(case: &str, format: &str, extra: &[&str]) -> crate::support::Run {
    let new = format!("tests/diff/{case}");
    let mut args = vec!["diff", "tests/diff/base", &new, "--format", format];
    if case != "removed" {
        args.extend(["--context", "tests/diff/classes.yaml"]);
    }
    args.extend(extra);
    rookc(&args, &root())
}

#[test]
fn every_case_in_every_format() {
    for case in CASES {
        for format in FORMATS {
            let run = diff_case(case, format, &[]);
            assert_eq!(run.code, 0, "{case} {format}: {}", run.stderr);
            assert!(run.stderr.is_empty(), "{case} {format}: {}", run.stderr);
            insta::assert_snapshot!(format!("diff-{case}-{format}"), run.stdout);
        }
    }
}

#[test]
fn json_and_sarif_are_json() {
    for case in CASES {
        for format in ["json", "sarif"] {
            let run = diff_case(case, format, &[]);
            let parsed: Result<serde_json::Value, _> = serde_json::from_str(&run.stdout);
            assert!(parsed.is_ok(), "{case} {format}: {}", run.stdout);
        }
    }
}

#[test]
fn deny_fails_only_on_what_it_names() {
    let destructive = diff_case("renamed", "human", &["--deny", "destructive"]);
    assert_eq!(destructive.code, 1, "{}", destructive.stderr);
    assert!(
        destructive.stderr.contains("`--deny`"),
        "{}",
        destructive.stderr
    );
    // The narrowed program shrinks a volume: destructive, and refused too.
    assert_eq!(
        diff_case("narrowed", "json", &["--deny", "refused"]).code,
        1
    );
    // Widening the policy changes grants, and nothing is refused.
    assert_eq!(
        diff_case("widened", "human", &["--deny", "refused"]).code,
        0
    );
    let same = rookc(
        &[
            "diff",
            "tests/diff/base",
            "tests/diff/base",
            "--deny",
            "destructive",
            "--deny",
            "grants",
        ],
        &root(),
    );
    assert_eq!(same.code, 0, "{}", same.stderr);
    assert!(same.stdout.contains("0 objects differ"), "{}", same.stdout);
}

#[test]
fn a_live_export_shows_drift_and_ignores_server_fields() {
    let run = rookc(
        &[
            "diff",
            "tests/diff/base",
            "tests/diff/live.yaml",
            "--deny",
            "drift",
        ],
        &root(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("diff-live-drift", run.stdout);
    let json = rookc(
        &[
            "diff",
            "tests/diff/base",
            "tests/diff/live.yaml",
            "--format",
            "json",
        ],
        &root(),
    );
    insta::assert_snapshot!("diff-live-drift-json", json.stdout);
}

#[test]
fn a_live_export_as_the_old_side_is_a_plan() {
    // The cluster's own StorageClass says `Retain`: removing `traces` keeps
    // its bucket, so it is not reported as destructive.
    let run = rookc(
        &["diff", "tests/diff/live.yaml", "tests/diff/removed"],
        &root(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stdout.contains("claim `apps/traces` is removed"),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!("diff-live-plan", run.stdout);
}

#[test]
fn changes_a_bound_claim_cannot_take_are_refused() {
    // The export says the claims are bound; the sources change a fixed
    // bucket name, a generated one's prefix, a volume's access mode and a
    // claim's labels.
    let run = rookc(
        &[
            "diff",
            "tests/diff/live.yaml",
            "tests/diff/immutable",
            "--deny",
            "refused",
        ],
        &root(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("diff-immutable", run.stdout);
}

#[test]
fn a_group_applied_with_the_old_default_cluster_id_is_refused() {
    // Manifests of rookc before it computed Rook's IDs, against today's
    // source: the group loses `spec.clusterID` and its class would change.
    let run = rookc(
        &[
            "diff",
            "tests/diff/migration.yaml",
            "tests/diff/migration",
            "--deny",
            "refused",
        ],
        &root(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("diff-cluster-id-migration", run.stdout);
    // Declaring the old ID keeps both objects as they are.
    let dir = tempfile::tempdir().expect("temp dir");
    let source = fs::read_to_string(root().join("tests/diff/migration/storage.rook"))
        .expect("fixture")
        .replace(
            "quota         = 1Ti",
            "quota         = 1Ti\n  cluster_id    = \"shared-builds\"",
        );
    fs::write(dir.path().join("storage.rook"), source).expect("write");
    let kept = rookc(
        &[
            "diff",
            "tests/diff/migration.yaml",
            dir.path().to_str().expect("utf-8 path"),
            "--deny",
            "refused",
        ],
        &root(),
    );
    assert_eq!(kept.code, 0, "{}", kept.stdout);
    assert!(kept.stdout.contains("0 objects differ"), "{}", kept.stdout);
}

#[test]
fn standard_input_is_a_manifest_side() {
    let live = fs::read(root().join("tests/diff/live.yaml")).expect("fixture");
    let mut child = Command::new(env!("CARGO_BIN_EXE_rookc"))
        .args(["diff", "tests/diff/base", "-", "--format", "json"])
        .current_dir(root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("rookc runs");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(&live).expect("write stdin");
    }
    let output = child.wait_with_output().expect("rookc ends");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(report["mode"], "drift");
    assert_eq!(report["new"], "standard input");
    assert_eq!(report["summary"]["unmanaged"], 1);
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn from_a_revision_reads_the_sources_through_git() {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = dir.path();
    let storage = repo.join("storage");
    fs::create_dir(&storage).expect("mkdir");
    let base = fs::read_to_string(root().join("tests/diff/base/storage.rook")).expect("base");
    fs::write(storage.join("storage.rook"), &base).expect("write");
    git(repo, &["init", "-q", "-b", "main"]);
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "base"]);
    let renamed = fs::read_to_string(root().join("tests/diff/renamed/storage.rook")).expect("case");
    fs::write(storage.join("storage.rook"), renamed).expect("write");
    // A file only in the working tree is not part of the old side.
    fs::write(storage.join("extra.rook"), "# nothing yet\n").expect("write");

    let run = rookc(&["diff", "--from", "main", "storage"], repo);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("rookc diff: storage at main -> storage\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("claim `apps/logs` is renamed to `apps/loki-logs`"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("at storage/storage.rook:32:10"),
        "{}",
        run.stdout
    );
    // The working tree is untouched, and the index too.
    assert!(fs::read_to_string(storage.join("storage.rook"))
        .expect("read")
        .contains("loki-logs"));
    let status = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(repo)
        .output()
        .expect("git status");
    assert_eq!(
        String::from_utf8_lossy(&status.stdout),
        " M storage/storage.rook\n?? storage/extra.rook\n"
    );

    // Against itself at the same revision: nothing differs.
    fs::write(storage.join("storage.rook"), base).expect("write");
    let same = rookc(
        &["diff", "--from", "HEAD", "storage", "--deny", "destructive"],
        repo,
    );
    assert_eq!(same.code, 0, "{}", same.stderr);
    assert!(same.stdout.contains("0 objects differ"), "{}", same.stdout);

    let unknown = rookc(&["diff", "--from", "nope", "storage"], repo);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("`nope` is not a revision"),
        "{}",
        unknown.stderr
    );
    // A directory of the working tree that the revision does not have.
    fs::create_dir(repo.join("elsewhere")).expect("mkdir");
    fs::write(repo.join("elsewhere/a.rook"), "# new\n").expect("write");
    let missing = rookc(&["diff", "--from", "main", "elsewhere"], repo);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("no `.rook` files in `elsewhere` at `main`"),
        "{}",
        missing.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let both = dir.path().join("both");
    fs::create_dir(&both).expect("mkdir");
    fs::write(both.join("a.rook"), "user a { store = s }\n").expect("write");
    fs::write(both.join("a.yaml"), "kind: X\n").expect("write");
    let ambiguous = rookc(&["diff", "both", "both"], dir.path());
    assert_eq!(ambiguous.code, 2);
    assert!(
        ambiguous.stderr.contains("`--old-as`"),
        "{}",
        ambiguous.stderr
    );
    // With --old-as and --new-as it is taken as said: the program has errors.
    let broken = rookc(
        &[
            "diff",
            "both",
            "both",
            "--old-as",
            "sources",
            "--new-as",
            "manifests",
        ],
        dir.path(),
    );
    assert_eq!(broken.code, 2, "{}", broken.stderr);
    assert!(
        broken.stderr.contains("does not compile"),
        "{}",
        broken.stderr
    );
    assert_eq!(rookc(&["diff", "only-one"], dir.path()).code, 2);
    let stdin_twice = rookc(&["diff", "-", "-"], dir.path());
    assert_eq!(stdin_twice.code, 2);
    assert!(
        stdin_twice.stderr.contains("only one of the sides"),
        "{}",
        stdin_twice.stderr
    );
    assert_eq!(
        rookc(&["diff", "a", "b", "--format", "xml"], dir.path()).code,
        2
    );
    fs::write(dir.path().join("bad.yaml"), "a: [\n").expect("write");
    let yaml = rookc(&["diff", "bad.yaml", "bad.yaml"], dir.path());
    assert_eq!(yaml.code, 2);
    assert!(yaml.stderr.contains("bad.yaml:"), "{}", yaml.stderr);
}

#[test]
fn the_docs_show_real_output() {
    let readme = fs::read_to_string(root().join("docs/diff.md")).expect("docs/diff.md");
    let widened = diff_case("widened", "human", &[]);
    assert!(
        readme.contains(&widened.stdout),
        "docs/diff.md: update the widened output to\n{}",
        widened.stdout
    );
    let drift = rookc(
        &["diff", "tests/diff/base", "tests/diff/live.yaml"],
        &root(),
    );
    assert!(
        readme.contains(&drift.stdout),
        "docs/diff.md: update the drift output to\n{}",
        drift.stdout
    );
}

#[test]
fn a_policy_the_evaluator_cannot_decide_is_unknown_grants() {
    let dir = tempfile::tempdir().expect("temp dir");
    let claim = |statement: &str| {
        format!(
            "apiVersion: objectbucket.io/v1alpha1\nkind: ObjectBucketClaim\nmetadata: {{name: x, namespace: n}}\nspec:\n  bucketName: x\n  storageClassName: c\n  additionalConfig:\n    bucketPolicy: '{{\"Statement\": [{statement}]}}'\n"
        )
    };
    let allow = r#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::x/*"}"#;
    let not_principal = r#"{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam:::user/a"}, "Action": "s3:*", "Resource": "arn:aws:s3:::x/*"}"#;
    fs::write(dir.path().join("old.yaml"), claim(allow)).expect("write");
    fs::write(dir.path().join("new.yaml"), claim(not_principal)).expect("write");
    let run = rookc(
        &[
            "diff", "old.yaml", "new.yaml", "--deny", "grants", "--format", "json",
        ],
        dir.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(
        report["summary"]["findings"]["grants-unknown"], 1,
        "{}",
        run.stdout
    );
    assert_eq!(
        report["summary"]["findings"]["grant-removed"], 0,
        "{}",
        run.stdout
    );
}

#[test]
fn a_rule_with_its_own_id_that_keeps_fewer_versions_is_destructive() {
    let program = |kept: u32| {
        format!(
            "objectstore s3 {{ namespace = \"rook-ceph\"  storage_class = \"bucket\" }}\n\
             bucket docs {{\n  store = s3\n  namespace = \"apps\"\n  lifecycle {{\n    \
             expire-noncurrent after 30d {{ id = \"Versions\"  newer_versions = {kept} }}\n    \
             expire-delete-markers {{ id = \"Markers\" }}\n  }}\n}}\n"
        )
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    for (side, kept) in [(&old, 5), (&new, 2)] {
        fs::create_dir(side).expect("dir");
        fs::write(side.join("storage.rook"), program(kept)).expect("write");
    }
    let path = |p: &Path| p.to_str().expect("utf-8 path").to_string();
    let run = rookc(&["diff", &path(&old), &path(&new)], &root());
    assert!(
        run.stdout
            .contains("now expires noncurrent versions (but the newest 2) in the whole bucket"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Rules[Versions]"), "{}", run.stdout);
    assert!(run.stdout.contains("storage.rook:6"), "{}", run.stdout);
    // Keeping more versions expires less: nothing destructive.
    let back = rookc(&["diff", &path(&new), &path(&old)], &root());
    assert!(!back.stdout.contains("now expires"), "{}", back.stdout);
}

#[test]
fn a_removed_snapshot_that_deletes_and_a_changed_restore_source_are_reported() {
    let run = rookc(
        &[
            "diff",
            "tests/diff/snapshots-old",
            "tests/diff/snapshots-new",
            "--deny",
            "destructive",
        ],
        &root(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    // The snapshot of the `retain` class keeps its Ceph snapshot.
    assert!(
        !run.stdout.contains("`db/postgres-archive` is removed"),
        "{}",
        run.stdout
    );
    insta::assert_snapshot!("diff-snapshots", run.stdout);
}
