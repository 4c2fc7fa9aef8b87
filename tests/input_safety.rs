//! Paths that are not plain files or directories: a FIFO, socket or
//! device named `*.rook` (or `*.yaml` for import) is an error naming it,
//! exit 2, never a hang; a directory reached twice through a link, or a
//! file named twice, is read once.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Run;

const GOOD: &str = "objectstore s3 { namespace = \"rook-ceph\"  storage_class = \"bucket\" }\nbucket logs { store = s3  namespace = \"apps\" }\n";

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Runs rookc, killing it if it has not ended after a minute: a run that
/// blocks on a FIFO must fail the test, not hang the suite. (A watchdog,
/// not a speed goal: these runs take milliseconds.)
fn rookc_or_kill(args: &[&str], cwd: &Path) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rookc"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the rookc binary runs");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`rookc {}` hung", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn assert_exit_2(run: &Run, message: &str) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr, format!("error: {message}\n"));
}

const FIFO: &str = "it is a named pipe (FIFO), not a regular file; rookc reads only regular files";

#[test]
fn a_fifo_named_or_found_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("src")).expect("dir");
    fs::write(dir.path().join("src/a.rook"), GOOD).expect("write");
    mkfifo(&dir.path().join("src/pipe.rook"));
    symlink("pipe.rook", dir.path().join("src/link.rook")).expect("link");
    let named = format!("cannot read `src/pipe.rook`: {FIFO}");
    let found = format!("cannot read `src/link.rook`: {FIFO}");
    for args in [
        &["check", "src/pipe.rook"][..],
        &["build", "src/a.rook", "src/pipe.rook", "-o", "out"],
        &["fmt", "src/pipe.rook"],
    ] {
        assert_exit_2(&rookc_or_kill(args, dir.path()), &named);
    }
    for args in [
        &["check", "src"][..],
        &["build", "src", "-o", "out"],
        &["fmt", "src"],
    ] {
        assert_exit_2(&rookc_or_kill(args, dir.path()), &found);
    }
    assert!(!dir.path().join("out").exists());
    // Other files with the name of a FIFO's are not wanted: no error.
    fs::remove_file(dir.path().join("src/link.rook")).expect("remove");
    fs::rename(
        dir.path().join("src/pipe.rook"),
        dir.path().join("src/pipe"),
    )
    .expect("rename");
    assert_eq!(rookc_or_kill(&["check", "src"], dir.path()).code, 0);
}

#[test]
fn a_fifo_among_the_manifests_to_import_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("deploy")).expect("dir");
    mkfifo(&dir.path().join("deploy/pipe.yaml"));
    let run = rookc_or_kill(&["import", "deploy"], dir.path());
    assert_exit_2(&run, &format!("cannot read `deploy/pipe.yaml`: {FIFO}"));
    let run = rookc_or_kill(&["import", "deploy/pipe.yaml"], dir.path());
    assert_exit_2(&run, &format!("cannot read `deploy/pipe.yaml`: {FIFO}"));
}

#[test]
fn devices_are_errors_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    // /dev/zero never ends; the size limit would stop it only after 64 MiB.
    symlink("/dev/zero", dir.path().join("zero.rook")).expect("link");
    let run = rookc_or_kill(&["check", "zero.rook"], dir.path());
    assert_exit_2(
        &run,
        "cannot read `zero.rook`: it is a device, not a regular file; rookc reads only regular files",
    );
}

#[test]
fn a_directory_link_loop_reads_each_file_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(dir.path().join("src/sub")).expect("dir");
    fs::write(dir.path().join("src/a.rook"), GOOD).expect("write");
    fs::write(
        dir.path().join("src/sub/b.rook"),
        "bucket media { store = s3  namespace = \"apps\" }\n",
    )
    .expect("write");
    symlink(".", dir.path().join("src/loop")).expect("link");
    symlink("..", dir.path().join("src/sub/up")).expect("link");
    symlink("a.rook", dir.path().join("src/same.rook")).expect("link");
    for args in [
        &["check", "src"][..],
        &[
            "check",
            "src",
            "src/loop",
            "./src/a.rook",
            "src/sub/up/a.rook",
        ],
    ] {
        let run = rookc_or_kill(args, dir.path());
        assert_eq!(run.code, 0, "{:?}: {}", args, run.stderr);
        assert!(!run.stderr.contains("twice"), "{}", run.stderr);
    }
    // A link out of the walk's root is followed: that is a directory too.
    let elsewhere = tempfile::tempdir().expect("temp dir");
    fs::write(
        elsewhere.path().join("c.rook"),
        "bucket other { store = s3  namespace = \"apps\" }\n",
    )
    .expect("write");
    symlink(elsewhere.path(), dir.path().join("src/shared")).expect("link");
    let run = rookc_or_kill(&["build", "src"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.matches("kind: ObjectBucketClaim").count(), 3);
}
