//! Inputs and outputs rookc cannot use: files that are empty, too large,
//! not UTF-8 or unreadable, directories without `.rook` files, output
//! places that cannot be written. Each gets a clear message and exit code
//! 2, and nothing is written.
//!
//! The tests run as root in CI, where permissions do not stop reads or
//! writes; the assertions that need them are skipped then.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::{read_tree, rookc, Run};

const GOOD: &str = "objectstore s3 { namespace = \"rook-ceph\"  storage_class = \"bucket\" }\nbucket logs { store = s3  namespace = \"apps\" }\n";

fn assert_exit_2(run: &Run, needle: &str) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(run.stderr.contains(needle), "{needle:?} in {}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

/// The names in `dir`, to show that a failed run left nothing behind.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Whether permissions stop this process (they do not stop root).
fn permissions_apply(locked: &Path) -> bool {
    fs::read(locked).is_err() && fs::read_dir(locked).is_err()
}

#[test]
fn empty_and_blank_files_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("empty.rook"), "").expect("write");
    fs::write(dir.path().join("blank.rook"), " \n\t\r\n").expect("write");
    fs::write(dir.path().join("comment.rook"), "# only a comment\n").expect("write");
    for file in ["empty.rook", "blank.rook"] {
        let run = rookc(&["check", file], dir.path());
        assert_exit_2(&run, &format!("`{file}` is empty"));
    }
    // A file with only a comment is kept on purpose: it is not empty.
    assert_eq!(rookc(&["check", "comment.rook"], dir.path()).code, 0);
}

#[test]
fn files_over_the_size_limit_exit_2_unread() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Sparse: the test writes nothing, and rookc must not read it.
    let file = fs::File::create(dir.path().join("huge.rook")).expect("create");
    file.set_len(rookc::load::MAX_FILE_SIZE + 1).expect("grow");
    let run = rookc(&["check", "huge.rook"], dir.path());
    assert_exit_2(&run, "`huge.rook` is too large (65 MiB)");
    assert!(run.stderr.contains("up to 64 MiB"), "{}", run.stderr);
}

#[test]
fn files_that_are_not_utf8_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.rook"), GOOD).expect("write");
    fs::write(
        dir.path().join("b.rook"),
        b"# \xc3\xa9t\xc3\xa9\r\nuser caf\xe9 { }\n",
    )
    .expect("write");
    let run = rookc(&["build", ".", "-o", "out"], dir.path());
    // The place as an editor shows it (line 2, the 9th character), not
    // only the byte offset.
    assert_exit_2(
        &run,
        "`b.rook` is not UTF-8 text (invalid byte 0xE9 at line 2, column 9, byte offset 17)",
    );
    fs::write(dir.path().join("b.rook"), b"# one\rtwo\r\xff").expect("write");
    let run = rookc(&["check", "b.rook"], dir.path());
    assert_exit_2(
        &run,
        "(invalid byte 0xFF at line 3, column 1, byte offset 10)",
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn directories_without_rook_files_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(dir.path().join("docs/deep")).expect("dirs");
    fs::write(dir.path().join("docs/README.md"), "# notes\n").expect("write");
    fs::write(dir.path().join("docs/deep/old.rook.bak"), GOOD).expect("write");
    let run = rookc(&["check", "docs"], dir.path());
    assert_exit_2(&run, "no `.rook` files in `docs`");
}

#[test]
fn unreadable_files_and_directories_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("locked.rook"), GOOD).expect("write");
    fs::create_dir(dir.path().join("closed")).expect("dir");
    fs::write(dir.path().join("closed/a.rook"), GOOD).expect("write");
    let lock = |path: &Path, mode| {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod")
    };
    lock(&dir.path().join("locked.rook"), 0o000);
    lock(&dir.path().join("closed"), 0o000);
    if permissions_apply(&dir.path().join("closed")) {
        let run = rookc(&["check", "locked.rook"], dir.path());
        assert_exit_2(&run, "cannot read `locked.rook`: Permission denied");
        let run = rookc(&["check", "closed"], dir.path());
        assert_exit_2(&run, "cannot read directory `closed`: Permission denied");
    } else {
        eprintln!("running with privileges that ignore file permissions: not checked");
    }
    lock(&dir.path().join("closed"), 0o755);
}

#[test]
fn output_places_that_cannot_be_created_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.rook"), GOOD).expect("write");
    fs::write(dir.path().join("file.txt"), "keep me\n").expect("write");
    let before = entries(dir.path());

    let under_a_file = rookc(&["build", "a.rook", "-o", "file.txt/out"], dir.path());
    assert_exit_2(&under_a_file, "`file.txt` is a file, not a directory");
    let deeper = rookc(&["build", "a.rook", "-o", "file.txt/a/b"], dir.path());
    assert_exit_2(&deeper, "`file.txt` is a file, not a directory");
    let a_file = rookc(&["build", "a.rook", "-o", "file.txt"], dir.path());
    assert_exit_2(&a_file, "`file.txt` exists and is not a directory");
    let nowhere = rookc(&["build", "a.rook", "-o", "/proc/forbidden/x"], dir.path());
    assert_exit_2(&nowhere, "cannot create `/proc/forbidden`");

    assert_eq!(entries(dir.path()), before, "nothing half-written");
    assert_eq!(
        fs::read_to_string(dir.path().join("file.txt")).expect("read"),
        "keep me\n"
    );
}

#[test]
fn output_directories_without_write_permission_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.rook"), GOOD).expect("write");
    let parent = dir.path().join("ro");
    fs::create_dir(&parent).expect("dir");
    fs::set_permissions(&parent, fs::Permissions::from_mode(0o555)).expect("chmod");
    let probe = parent.join("probe");
    let privileged = fs::create_dir(&probe).is_ok();
    if privileged {
        let _ = fs::remove_dir(&probe);
        eprintln!("running with privileges that ignore file permissions: not checked");
    } else {
        let run = rookc(&["build", "a.rook", "-o", "ro/out"], dir.path());
        assert_exit_2(&run, "Permission denied");
        assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
        assert!(entries(&parent).is_empty());
    }
    fs::set_permissions(&parent, fs::Permissions::from_mode(0o755)).expect("chmod");
    // And a build into a writable place works, replacing nothing else.
    let run = rookc(&["build", "a.rook", "-o", "ro/out"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(read_tree(&parent.join("out")).len(), 2);
}

#[test]
fn standard_output_that_cannot_be_written_exits_2() {
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("no /dev/full: not checked");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.rook"), GOOD).expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_rookc"))
        .args(["build", "a.rook", "--stdout"])
        .current_dir(dir.path())
        .stdout(Stdio::from(full))
        .output()
        .expect("rookc runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot write to standard output: No space left on device"),
        "{stderr}"
    );
}
