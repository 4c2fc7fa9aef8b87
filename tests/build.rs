//! `rookc build -o DIR`: the written tree, atomic replacement, and refusal
//! to replace what rookc did not write.

use std::fs;

use crate::support::{read_tree, rookc, root};

const GOOD: &str = r#"
objectstore s3 { namespace = "rook-ceph"  storage_class = "bucket" }
bucket logs { store = s3  namespace = "apps" }
bucket media { store = s3  namespace = "apps" }
"#;

const SMALLER: &str = r#"
objectstore s3 { namespace = "rook-ceph"  storage_class = "bucket" }
bucket logs { store = s3  namespace = "apps" }
"#;

const BROKEN: &str = r#"
objectstore s3 { namespace = "rook-ceph"  storage_class = "bucket" }
bucket logs { store = s4  namespace = "apps" }
"#;

fn project(source: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("src")).expect("src dir");
    fs::write(dir.path().join("src/main.rook"), source).expect("write source");
    dir
}

#[test]
fn writes_one_file_per_object_and_a_kustomization() {
    let dir = project(GOOD);
    let run = rookc(&["build", "src", "-o", "out"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let tree = read_tree(&dir.path().join("out"));
    let paths: Vec<&str> = tree.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "apps/objectbucketclaim-logs.yaml",
            "apps/objectbucketclaim-media.yaml",
            "kustomization.yaml"
        ]
    );
    insta::assert_snapshot!(tree
        .iter()
        .map(|(p, t)| format!("# --- {p}\n{t}"))
        .collect::<String>());
}

#[test]
fn a_failing_build_leaves_the_previous_output_untouched() {
    let dir = project(GOOD);
    assert_eq!(rookc(&["build", "src", "-o", "out"], dir.path()).code, 0);
    let before = read_tree(&dir.path().join("out"));
    fs::write(dir.path().join("src/main.rook"), BROKEN).expect("write source");
    let run = rookc(&["build", "src", "-o", "out"], dir.path());
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("E0201"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(read_tree(&dir.path().join("out")), before);
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn a_rebuild_removes_objects_that_are_gone() {
    let dir = project(GOOD);
    assert_eq!(rookc(&["build", "src", "-o", "out"], dir.path()).code, 0);
    fs::write(dir.path().join("src/main.rook"), SMALLER).expect("write source");
    assert_eq!(rookc(&["build", "src", "-o", "out"], dir.path()).code, 0);
    let paths: Vec<String> = read_tree(&dir.path().join("out"))
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(
        paths,
        ["apps/objectbucketclaim-logs.yaml", "kustomization.yaml"]
    );
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn refuses_to_replace_a_directory_rookc_did_not_write() {
    let dir = project(GOOD);
    fs::create_dir(dir.path().join("out")).expect("out dir");
    fs::write(dir.path().join("out/notes.txt"), "mine").expect("write");
    let run = rookc(&["build", "src", "-o", "out"], dir.path());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not written by rookc"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("out/notes.txt")).expect("kept"),
        "mine"
    );
}

#[test]
fn stdout_holds_the_same_documents_as_the_directory() {
    let dir = project(GOOD);
    let run = rookc(&["build", "src", "--stdout"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(rookc(&["build", "src", "-o", "out"], dir.path()).code, 0);
    let files: String = read_tree(&dir.path().join("out"))
        .into_iter()
        .filter(|(p, _)| p != "kustomization.yaml")
        .map(|(_, t)| format!("---\n{t}"))
        .collect();
    assert_eq!(run.stdout, files);
}

#[test]
fn homelab_output_is_the_same_from_any_working_directory() {
    let from_root = rookc(&["build", "examples/homelab"], &root());
    let from_examples = rookc(&["build", "homelab"], &root().join("examples"));
    assert_eq!(from_root.code, 0, "{}", from_root.stderr);
    assert_eq!(from_root.stdout, from_examples.stdout);
}

/// Staging or backup directories left beside the output.
fn leftovers(dir: &std::path::Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("rookc-"))
        .collect()
}
