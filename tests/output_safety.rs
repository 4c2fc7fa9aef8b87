//! `rookc build -o DIR` never destroys what the user did not mean to lose:
//! a DIR full of manifests is not emptied by a program that compiles to
//! nothing, sources inside DIR are not deleted with it, a DIR that is a
//! symbolic link keeps the link, and killed builds leave no trees behind
//! for ever. Refusals exit 2 and write nothing.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::Command;

use crate::support::{read_tree, rookc, Run};

const GOOD: &str = "objectstore s3 { namespace = \"rook-ceph\"  storage_class = \"bucket\" }\nbucket logs { store = s3  namespace = \"apps\" }\n";

const OTHER: &str = "objectstore s3 { namespace = \"rook-ceph\"  storage_class = \"bucket\" }\nbucket media { store = s3  namespace = \"web\" }\n";

fn assert_refused(run: &Run, needle: &str) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: refusing to "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(needle), "{needle:?} in {}", run.stderr);
}

/// The names in `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_program_of_no_manifests_does_not_empty_a_full_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.rook"), GOOD).expect("write");
    assert_eq!(rookc(&["build", "a.rook", "-o", "out"], dir.path()).code, 0);
    let before = read_tree(&dir.path().join("out"));

    fs::write(dir.path().join("a.rook"), "# everything was here\n").expect("write");
    let run = rookc(&["build", "a.rook", "-o", "out"], dir.path());
    assert_refused(
        &run,
        "refusing to empty `out`: the program compiles to no manifests, and `out` holds 1 file; check that the right files were given, or pass `--allow-empty` to empty it",
    );
    assert_eq!(read_tree(&dir.path().join("out")), before);

    let run = rookc(
        &["build", "a.rook", "-o", "out", "--allow-empty"],
        dir.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = read_tree(&dir.path().join("out"));
    let paths: Vec<&str> = after.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["kustomization.yaml"]);
    // Building nothing over nothing needs no flag.
    let run = rookc(&["build", "a.rook", "-o", "out"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = rookc(&["build", "a.rook", "-o", "new"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn sources_inside_the_output_directory_are_not_deleted() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(dir.path().join("deploy")).expect("dir");
    fs::write(dir.path().join("a.rook"), GOOD).expect("write");
    assert_eq!(
        rookc(&["build", "a.rook", "-o", "deploy"], dir.path()).code,
        0
    );
    fs::create_dir(dir.path().join("deploy/src")).expect("dir");
    fs::rename(
        dir.path().join("a.rook"),
        dir.path().join("deploy/src/a.rook"),
    )
    .expect("move");
    let before = read_tree(&dir.path().join("deploy"));

    let run = rookc(&["build", "deploy/src", "-o", "deploy"], dir.path());
    assert_refused(
        &run,
        "refusing to replace `deploy`: it contains the input file `deploy/src/a.rook`, which replacing it would delete; write the output to a directory outside the sources",
    );
    // Other spellings of the same places are caught too.
    let run = rookc(
        &["build", "deploy/src/a.rook", "-o", "./deploy/"],
        dir.path(),
    );
    assert_refused(&run, "the input file `deploy/src/a.rook`");
    symlink("deploy/src", dir.path().join("sources")).expect("link");
    let run = rookc(&["build", "sources", "-o", "deploy"], dir.path());
    assert_refused(&run, "the input file `sources/a.rook`");
    let run = rookc(&["build", "deploy", "-o", "deploy"], dir.path());
    assert_refused(&run, "the input file `deploy/src/a.rook`");
    assert_eq!(read_tree(&dir.path().join("deploy")), before);
}

#[test]
fn an_output_directory_that_is_a_link_is_written_through() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.rook"), GOOD).expect("write");
    fs::create_dir(dir.path().join("gitops")).expect("dir");
    assert_eq!(
        rookc(&["build", "a.rook", "-o", "gitops/storage"], dir.path()).code,
        0
    );
    symlink("gitops/storage", dir.path().join("deploy")).expect("link");

    fs::write(dir.path().join("a.rook"), OTHER).expect("write");
    for out in ["deploy", "deploy/"] {
        let run = rookc(&["build", "a.rook", "-o", out], dir.path());
        assert_eq!(run.code, 0, "{}", run.stderr);
        let link = fs::symlink_metadata(dir.path().join("deploy")).expect("link");
        assert!(link.file_type().is_symlink(), "the link is kept");
        let target = read_tree(&dir.path().join("gitops/storage"));
        let paths: Vec<&str> = target.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            ["kustomization.yaml", "web/objectbucketclaim-media.yaml"]
        );
        assert_eq!(entries(&dir.path().join("gitops")), ["storage"]);
        assert_eq!(entries(dir.path()), ["a.rook", "deploy", "gitops"]);
    }

    // Refusals name the link as it was given.
    fs::write(dir.path().join("a.rook"), "# nothing\n").expect("write");
    let run = rookc(&["build", "a.rook", "-o", "deploy"], dir.path());
    assert_refused(&run, "refusing to empty `deploy`: ");

    symlink("gitops/missing", dir.path().join("dangling")).expect("link");
    let run = rookc(&["build", "a.rook", "-o", "dangling"], dir.path());
    assert_refused(
        &run,
        "refusing to write through `dangling`: it is a symbolic link to `gitops/missing`, which does not exist; create the directory it points to, or remove the link",
    );
    assert!(!dir.path().join("gitops/missing").exists());
}

/// A pid no process has: one that ran and was waited for.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().expect("true runs");
    let pid = child.id();
    child.wait().expect("true ends");
    pid
}

#[test]
fn trees_of_killed_builds_are_removed_and_those_of_running_ones_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.rook"), GOOD).expect("write");
    assert_eq!(rookc(&["build", "a.rook", "-o", "out"], dir.path()).code, 0);
    let dead = dead_pid();
    let alive = std::process::id();
    let leftovers = [
        format!(".out.rookc-new-{dead}"),
        format!(".out.rookc-old-{dead}"),
    ];
    let kept = [
        // A concurrent build's (this test process is alive).
        format!(".out.rookc-new-{alive}"),
        format!(".out.rookc-old-{alive}"),
        // Another directory's, and names rookc does not write.
        format!(".other.rookc-new-{dead}"),
        ".out.rookc-new-abc".to_string(),
        format!(".out.rookc-new-+{dead}"),
    ];
    for name in leftovers.iter().chain(&kept) {
        fs::create_dir_all(dir.path().join(name).join("apps")).expect("dir");
        fs::write(dir.path().join(name).join("apps/x.yaml"), "x\n").expect("write");
    }

    let run = rookc(&["build", "a.rook", "-o", "out"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut expected: Vec<String> = kept.to_vec();
    expected.extend(["a.rook".to_string(), "out".to_string()]);
    expected.sort();
    assert_eq!(entries(dir.path()), expected);
}

#[test]
fn an_old_tree_is_kept_until_a_build_replaces_a_missing_directory() {
    // Killed between its two renames, a build leaves DIR missing and the
    // last output only in its old tree: a failing build must not delete it.
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.rook"), "bucket b { store = s4 }\n").expect("write");
    let old = format!(".out.rookc-old-{}", dead_pid());
    fs::create_dir(dir.path().join(&old)).expect("dir");
    let run = rookc(&["build", "a.rook", "-o", "out"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(entries(dir.path()), [old, "a.rook".to_string()]);
    fs::write(dir.path().join("a.rook"), GOOD).expect("write");
    let run = rookc(&["build", "a.rook", "-o", "out"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(entries(dir.path()), ["a.rook", "out"]);
}
