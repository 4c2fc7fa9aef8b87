//! CephFS import: Rook v1.20.6's `deploy/examples/csi/cephfs/storageclass.yaml`,
//! `storageclass-ec.yaml` and `pvc.yaml` become `fileclass` and `volume`
//! declarations that build back the same objects as data; static volumes
//! (ceph-csi's `docs/static-pvc.md`, Rook's "Consume the Shared Filesystem
//! across namespaces") are a claim and its PersistentVolume together; a
//! claim's `volumeName` and finalizers are carried or reported.

use std::path::{Path, PathBuf};

use rookc::import::{Import, Role};

use crate::support::root;

fn import_case(relative: &str) -> Import {
    let path = root().join(relative);
    let relative = path.strip_prefix(root()).expect("inside the package");
    rookc::import::import(&[PathBuf::from(relative)], Path::new("imported.rook"))
        .expect("readable manifests")
}

fn round_tripped(imported: &Import) -> Vec<String> {
    imported
        .reports
        .iter()
        .filter(|r| matches!(r.role, Role::Imported(_)) && r.round_trips())
        .map(|r| r.label())
        .collect()
}

#[test]
fn rooks_cephfs_examples_round_trip_as_data() {
    let imported = import_case("tests/import/ok/rook-cephfs.yaml");
    assert_eq!(
        round_tripped(&imported),
        [
            "tests/import/ok/rook-cephfs.yaml[1] StorageClass/rook-cephfs",
            "tests/import/ok/rook-cephfs.yaml[2] PersistentVolumeClaim/cephfs-pvc",
        ],
        "{}",
        imported.report_text()
    );
    assert!(imported.is_complete(), "{}", imported.report_text());
    assert!(
        imported.source.contains("fileclass rook-cephfs {"),
        "{}",
        imported.source
    );
    let ec = import_case("tests/import/ok/rook-cephfs-ec.yaml");
    assert!(ec.is_complete(), "{}", ec.report_text());
    assert!(
        ec.source.contains("pool       = \"myfs-ec-erasurecoded\""),
        "{}",
        ec.source
    );
}

#[test]
fn a_static_volume_is_its_claim_and_its_persistent_volume() {
    let imported = import_case("tests/import/ok/ceph-csi-static-pvc.yaml");
    assert_eq!(
        round_tripped(&imported),
        [
            "tests/import/ok/ceph-csi-static-pvc.yaml[1] PersistentVolume/cephfs-static-pv",
            "tests/import/ok/ceph-csi-static-pvc.yaml[2] PersistentVolumeClaim/cephfs-static-pvc",
        ],
        "{}",
        imported.report_text()
    );
    assert!(imported.is_complete(), "{}", imported.report_text());
}

#[test]
fn rooks_shared_filesystem_recipe_loses_only_what_static_volumes_ignore() {
    let imported = import_case("tests/import/lossy/rook-shared-filesystem.yaml");
    assert_eq!(
        round_tripped(&imported),
        ["tests/import/lossy/rook-shared-filesystem.yaml[2] PersistentVolumeClaim/second-pvc"],
        "{}",
        imported.report_text()
    );
    let report = imported.report_text();
    for attribute in ["csiProvisionerIdentity", "subvolumeName", "subvolumePath"] {
        assert!(
            report.contains(&format!("{attribute}\" ="))
                || report.contains(&format!("{attribute} =")),
            "{attribute}: {report}"
        );
    }
    assert!(report.contains("the protection finalizer"), "{report}");
}

#[test]
fn a_bound_claims_volume_name_and_finalizers_are_reported() {
    let imported = import_case("tests/import/lossy/bound-claim.yaml");
    let report = imported.report_text();
    assert!(
        report
            .contains("PersistentVolumeClaim/photos: warning: its `spec.volumeName: pvc-3f1c0d2e"),
        "{report}"
    );
    assert!(
        report.contains("PersistentVolumeClaim/backups: warning: not carried over (the language has no place for it): metadata.finalizers"),
        "{report}"
    );
    assert!(
        report.contains("PersistentVolume/unclaimed: note: skipped: no claim"),
        "{report}"
    );
}
