//! Rook v1.20.6's own bucket StorageClass examples
//! (`deploy/examples/storageclass-bucket-delete.yaml` and
//! `storageclass-bucket-retain.yaml`, contents below as Rook ships them)
//! can be written in the language: `rookc import` of each, and of both
//! as one program, then `rookc build`, gives the same objects as data,
//! apart from rookc's managed-by label.

use std::collections::BTreeMap;
use std::path::Path;

use rookc::check::MANAGED_BY_LABEL;
use rookc::source::SourceMap;
use serde_yaml::Value;

const DELETE: &str = "apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
   name: rook-ceph-delete-bucket
provisioner: rook-ceph.ceph.rook.io/bucket # driver:namespace:cluster
# set the reclaim policy to delete the bucket and all objects
# when its OBC is deleted.
reclaimPolicy: Delete
parameters:
   objectStoreName: my-store
   objectStoreNamespace: rook-ceph # namespace:cluster
   # To accommodate brownfield cases reference the existing bucket name here instead
   # of in the ObjectBucketClaim (OBC). In this case the provisioner will grant
   # access to the bucket by creating a new user, attaching it to the bucket, and
   # providing the credentials via a Secret in the namespace of the requesting OBC.
   #bucketName:
";

const RETAIN: &str = "apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
   name: rook-ceph-retain-bucket
provisioner: rook-ceph.ceph.rook.io/bucket # driver:namespace:cluster
# set the reclaim policy to retain the bucket when its OBC is deleted
reclaimPolicy: Retain
parameters:
   objectStoreName: my-store # port 80 assumed
   objectStoreNamespace: rook-ceph # namespace:cluster
   # To accommodate brownfield cases reference the existing bucket name here instead
   # of in the ObjectBucketClaim (OBC). In this case the provisioner will grant
   # access to the bucket by creating a new user, attaching it to the bucket, and
   # providing the credentials via a Secret in the namespace of the requesting OBC.
   #bucketName:
";

/// Objects by (kind, name), without rookc's managed-by label (and the
/// labels map it leaves empty).
fn objects(documents: impl IntoIterator<Item = Value>) -> BTreeMap<(String, String), Value> {
    let mut out = BTreeMap::new();
    for mut value in documents {
        if let Some(metadata) = value.get_mut("metadata").and_then(Value::as_mapping_mut) {
            if let Some(labels) = metadata.get_mut("labels").and_then(Value::as_mapping_mut) {
                labels.remove(MANAGED_BY_LABEL);
                if labels.is_empty() {
                    metadata.remove("labels");
                }
            }
        }
        let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
        let key = (text(value.get("kind")), text(value["metadata"].get("name")));
        out.insert(key, value);
    }
    out
}

/// Imports `files`, builds the imported source, and compares.
fn import_then_build(files: &[(&str, &str)]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut paths = Vec::new();
    let mut inputs = Vec::new();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("written");
        paths.push(path);
        inputs.push(serde_yaml::from_str::<Value>(text).expect("Rook's YAML"));
    }
    let imported =
        rookc::import::import(&paths, Path::new("imported.rook")).expect("readable manifests");
    assert!(imported.is_complete(), "{}", imported.report_text());
    let mut sources = SourceMap::new();
    sources.add("imported.rook", imported.source.clone());
    let compilation = rookc::compile(&sources).expect("emit never fails");
    let manifests = compilation.manifests.expect("the imported source builds");
    let built = manifests
        .iter()
        .map(|m| serde_yaml::from_str::<Value>(&m.yaml).expect("emitted YAML"));
    assert_eq!(
        objects(built),
        objects(inputs),
        "imported source:\n{}",
        imported.source
    );
}

#[test]
fn rooks_delete_bucket_class_imports_and_builds_back() {
    import_then_build(&[("storageclass-bucket-delete.yaml", DELETE)]);
}

#[test]
fn rooks_retain_bucket_class_imports_and_builds_back() {
    import_then_build(&[("storageclass-bucket-retain.yaml", RETAIN)]);
}

#[test]
fn rooks_two_bucket_classes_of_one_store_are_one_program() {
    import_then_build(&[
        ("storageclass-bucket-delete.yaml", DELETE),
        ("storageclass-bucket-retain.yaml", RETAIN),
    ]);
}
