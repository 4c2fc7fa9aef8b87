//! The real-RGW suite (`tests/rgw/`): what `rookc access` claims and every
//! emitted lifecycle, checked against a throwaway Ceph RGW. It needs Ceph
//! (root and apt to install it), so a plain `cargo test` lists it as
//! ignored, with the reason, rather than passing it; `.ci/run` runs
//! `tests/rgw/run` as a step of its own. Run it from here with
//! `cargo test --test lib real_rgw -- --ignored`.

use std::process::Command;

#[test]
#[ignore = "real-RGW suite: needs Ceph; runs via tests/rgw/run (.ci/run does), or `cargo test --test lib real_rgw -- --ignored`"]
fn real_rgw_suite() {
    let status = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/rgw/run"))
        // The binary this test run built: `run` builds nothing then.
        .env("ROOKC", env!("CARGO_BIN_EXE_rookc"))
        .status()
        .expect("tests/rgw/run starts");
    assert!(
        status.success(),
        "tests/rgw/run failed; its report is above"
    );
}
