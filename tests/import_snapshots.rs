//! Rook v1.20's snapshot, restore and clone manifests
//! (`tests/import/rook-snapshots/`, see its README): with the classes and
//! claims they need, `rookc import` writes them as `snapshotclass`,
//! `snapshot` and volumes with `restore` or `clone`, and `rookc build` of
//! the result gives the same objects back, equal as data apart from
//! rookc's managed-by label; alone, each is imported or left out with the
//! reason, never dropped silently.

use std::fs;
use std::path::{Path, PathBuf};

use rookc::import::{Import, Role};

use crate::support::root;

const CASES: &str = "tests/import/rook-snapshots";

/// Writes the named cases, namespaced objects in `default`, to a
/// temporary directory, and imports them.
fn import(names: &[&str]) -> Import {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut paths: Vec<PathBuf> = Vec::new();
    for name in names {
        let text = fs::read_to_string(root().join(CASES).join(name)).expect("case file");
        let namespaced = text.contains("kind: PersistentVolumeClaim\n")
            || text.contains("kind: VolumeSnapshot\n");
        let text = if namespaced {
            text.replacen(
                "metadata:\n  name: ",
                "metadata:\n  namespace: default\n  name: ",
                1,
            )
        } else {
            text
        };
        let path = dir.path().join(name);
        fs::write(&path, text).expect("written");
        paths.push(path);
    }
    rookc::import::import(&paths, Path::new("imported.rook")).expect("readable manifests")
}

/// Whether every object but the StorageClass round-trips without a
/// warning. (Rook's CephFS StorageClass has no controller-publish secret,
/// which the `fileclass` rookc writes it as adds: reported on the class,
/// not a matter of snapshots.)
fn snapshots_complete(result: &Import) -> bool {
    result.extras.is_empty()
        && result
            .reports
            .iter()
            .filter(|r| r.kind != "StorageClass" && r.kind != "CephBlockPool")
            .all(|r| matches!(r.role, Role::Imported(_)) && r.round_trips() && !r.has_warnings())
}

fn imported_kinds(result: &Import) -> Vec<String> {
    result
        .reports
        .iter()
        .filter(|r| matches!(r.role, Role::Imported(_)) && r.round_trips())
        .map(|r| format!("{}/{}", r.kind, r.name))
        .collect()
}

/// Each file with what it needs round-trips completely.
#[test]
fn rooks_snapshot_files_with_what_they_need_round_trip() {
    for family in ["cephfs", "rbd"] {
        let file = |name: &str| format!("{family}-{name}.yaml");
        let sets: [&[&str]; 4] = [
            &["storageclass", "snapshotclass"],
            &["storageclass", "pvc", "snapshotclass", "snapshot"],
            &[
                "storageclass",
                "pvc",
                "snapshotclass",
                "snapshot",
                "pvc-restore",
            ],
            &["storageclass", "pvc", "pvc-clone"],
        ];
        for set in sets {
            let names: Vec<String> = set.iter().map(|n| file(n)).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let result = import(&names);
            let report = result.report_text();
            assert!(
                snapshots_complete(&result),
                "{names:?}\n{}\n{report}",
                result.source
            );
            let last = set.last().copied().unwrap_or_default();
            let expected = match last {
                "snapshotclass" => "VolumeSnapshotClass",
                "snapshot" => "VolumeSnapshot",
                _ => "PersistentVolumeClaim",
            };
            assert!(
                imported_kinds(&result)
                    .iter()
                    .any(|k| k.starts_with(expected)),
                "{names:?}\n{report}"
            );
        }
    }
}

#[test]
fn all_of_rooks_snapshot_files_round_trip_as_one_program() {
    for family in ["cephfs", "rbd"] {
        let names: Vec<String> = [
            "storageclass",
            "pvc",
            "snapshotclass",
            "snapshot",
            "pvc-restore",
            "pvc-clone",
        ]
        .iter()
        .map(|n| format!("{family}-{n}.yaml"))
        .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let result = import(&names);
        assert!(
            snapshots_complete(&result),
            "{}\n{}",
            result.source,
            result.report_text()
        );
        assert_eq!(
            imported_kinds(&result).len(),
            if family == "rbd" { 6 } else { 5 }
        );
        insta::assert_snapshot!(format!("rook-{family}-snapshots"), result.source);
    }
}

/// Alone, a file is imported or left out, and the report says why.
#[test]
fn each_of_rooks_snapshot_files_alone_says_what_it_lacks() {
    let cases = [
        ("cephfs-snapshotclass.yaml", "no filesystem or subvolume group of the inputs is in cluster `rook-ceph`"),
        ("rbd-snapshotclass.yaml", "no block pool of the inputs is in cluster `rook-ceph`"),
        ("cephfs-snapshot.yaml", "its volume `cephfs-pvc` of namespace `default` is not imported from the inputs"),
        ("rbd-snapshot.yaml", "its volume `rbd-pvc` of namespace `default` is not imported from the inputs"),
        ("cephfs-pvc-restore.yaml", "its `dataSource` names snapshot `cephfs-pvc-snapshot`, which is not imported from the inputs"),
        ("cephfs-pvc-clone.yaml", "its `dataSource` names volume `cephfs-pvc`, which is not imported from the inputs"),
        ("rbd-pvc-restore.yaml", "StorageClass `rook-ceph-block` is not a CephFS StorageClass of the inputs"),
        ("rbd-pvc-clone.yaml", "StorageClass `rook-ceph-block` is not a CephFS StorageClass of the inputs"),
    ];
    for (name, why) in cases {
        let result = import(&[name]);
        assert!(
            !result.is_complete() || imported_kinds(&result).is_empty(),
            "{name}"
        );
        let report = result.report_text();
        assert!(report.contains(why), "{name}: {report}");
    }
}

/// A `dataSourceRef` that repeats the `dataSource` (as the API server
/// writes it back) is carried with it; one that differs is reported.
#[test]
fn a_mirrored_data_source_ref_is_carried_and_another_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let claim = |name: &str, reference: &str| {
        format!("---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: {name}\n  namespace: default\nspec:\n  storageClassName: rook-cephfs\n  dataSource:\n    kind: PersistentVolumeClaim\n    name: cephfs-pvc\n  dataSourceRef:\n    kind: PersistentVolumeClaim\n    name: {reference}\n  accessModes: [ReadWriteMany]\n  resources:\n    requests:\n      storage: 1Gi\n")
    };
    let text = format!(
        "{}{}",
        claim("mirrored", "cephfs-pvc"),
        claim("different", "other-pvc")
    );
    fs::write(dir.path().join("claims.yaml"), text).expect("written");
    let mut names = vec!["cephfs-storageclass.yaml", "cephfs-pvc.yaml"];
    let mut result_paths: Vec<PathBuf> = Vec::new();
    for name in names.drain(..) {
        let text = fs::read_to_string(root().join(CASES).join(name)).expect("case");
        let text = text.replacen(
            "metadata:\n  name: cephfs-pvc",
            "metadata:\n  namespace: default\n  name: cephfs-pvc",
            1,
        );
        let path = dir.path().join(name);
        fs::write(&path, text).expect("written");
        result_paths.push(path);
    }
    result_paths.push(dir.path().join("claims.yaml"));
    let result =
        rookc::import::import(&result_paths, Path::new("imported.rook")).expect("readable");
    let report = result.report_text();
    let round_trips = imported_kinds(&result);
    assert!(
        round_trips.contains(&"PersistentVolumeClaim/mirrored".to_string()),
        "{report}"
    );
    assert!(
        !round_trips.contains(&"PersistentVolumeClaim/different".to_string()),
        "{report}"
    );
    assert!(report.contains("spec.dataSourceRef"), "{report}");
}
