//! Emit: the [`model::Program`] to Kubernetes manifests, one per object,
//! each with a stable file name. Reads only the model.

mod account;
mod block;
mod bucket_class;
mod client;
mod lifecycle_json;
mod meta;
mod notifications;
mod obc;
mod policy_json;
mod snapshot;
mod static_volume;
mod user;
mod volume;
pub mod yaml;

pub use obc::{claim_fields, config_fields, DEFAULT_ALLOWED_FIELDS};

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::model::{
    Account, Bucket, BucketStorageClass, CephfsStorageClass, Client, Notification, Program,
    RbdStorageClass, Snapshot, SnapshotClass, SubvolumeGroup, Topic, User, Volume,
};

/// A bucket policy as indented JSON, for people to read (hovers); the
/// manifest carries the compact form.
pub fn policy_pretty(policy: &crate::model::Policy) -> String {
    serde_json::to_string_pretty(&policy_json::document(policy)).unwrap_or_default()
}

/// A lifecycle as indented JSON, for people to read.
pub fn lifecycle_pretty(lifecycle: &crate::model::Lifecycle) -> String {
    serde_json::to_string_pretty(&lifecycle_json::configuration(lifecycle)).unwrap_or_default()
}

/// The size in bytes of a bucket policy as the claim carries it (compact
/// JSON), which is the body Rook sends to RGW.
pub fn policy_size(policy: &crate::model::Policy) -> Result<usize, yaml::EmitError> {
    yaml::to_json(&policy_json::document(policy)).map(|json| json.len())
}

/// The size in bytes of a lifecycle as the claim carries it (compact JSON).
pub fn lifecycle_size(lifecycle: &crate::model::Lifecycle) -> Result<usize, yaml::EmitError> {
    yaml::to_json(&lifecycle_json::configuration(lifecycle)).map(|json| json.len())
}

/// The size in bytes of a bucket's ObjectBucketClaim as the API server
/// stores a custom resource in etcd: its JSON form.
pub fn claim_size(bucket: &Bucket) -> Result<usize, yaml::EmitError> {
    yaml::to_json(&obc::claim(bucket)?).map(|json| json.len())
}

/// One emitted object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// Path of its file in an output directory: `<namespace>/<kind>-<name>.yaml`,
    /// or `<kind>-<name>.yaml` for cluster-scoped objects.
    pub path: String,
    /// The YAML document, ending in a newline.
    pub yaml: String,
}

/// Emits every object of the program, sorted by file path (namespace
/// directory, then kind and name), so the order never depends on the
/// source.
///
/// Objects are independent, so a large program is emitted on every core:
/// workers take fixed runs of objects in turn, and the runs are put back
/// in their order before the sort, so the result is the same as on one.
pub fn emit(program: &Program) -> Result<Vec<Manifest>, yaml::EmitError> {
    let objects: Vec<Object> = (program.accounts.iter().map(Object::Account))
        .chain(program.users.iter().map(Object::User))
        .chain(program.buckets.iter().map(Object::Bucket))
        .chain(program.subvolume_groups.iter().map(Object::SubvolumeGroup))
        .chain(program.storage_classes.iter().map(Object::StorageClass))
        .chain(program.bucket_classes.iter().map(Object::BucketClass))
        .chain(program.block_classes.iter().map(Object::BlockClass))
        .chain(program.volumes.iter().map(Object::Volume))
        .chain(program.volumes.iter().filter_map(|v| {
            v.binding
                .as_ref()
                .map(|binding| Object::PersistentVolume(v, binding))
        }))
        .chain(program.topics.iter().map(Object::Topic))
        .chain(program.notifications.iter().map(Object::Notification))
        .chain(program.clients.iter().map(Object::Client))
        .chain(program.snapshot_classes.iter().map(Object::SnapshotClass))
        .chain(program.snapshots.iter().map(Object::Snapshot))
        .collect();
    let workers = if objects.len() < PARALLEL_FROM {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_WORKERS))
    };
    let mut manifests = if workers == 1 {
        objects
            .iter()
            .map(Object::manifest)
            .collect::<Result<Vec<_>, _>>()?
    } else {
        emit_in_parallel(&objects, workers)?
    };
    manifests.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(manifests)
}

/// Below this many objects, emit runs on the calling thread: it takes
/// under 30 ms there, and another thread's heap would cost more memory than
/// the time it saves.
const PARALLEL_FROM: usize = 20_000;
const MAX_WORKERS: usize = 8;
/// Objects per run a worker takes.
const RUN: usize = 256;

/// The calling thread is one of the `workers`: its half of the documents
/// reuses the memory the checker freed.
fn emit_in_parallel(objects: &[Object], workers: usize) -> Result<Vec<Manifest>, yaml::EmitError> {
    let runs: Vec<&[Object]> = objects.chunks(RUN).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut mine = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(run) = runs.get(index) else {
                return mine;
            };
            let run: Result<Vec<Manifest>, _> = run.iter().map(Object::manifest).collect();
            mine.push((index, run));
        }
    };
    let mut done = std::thread::scope(|scope| {
        let others: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for other in others {
            done.extend(
                other
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        done
    });
    done.sort_by_key(|(index, _)| *index);
    let mut manifests = Vec::with_capacity(objects.len());
    for (_, run) in done {
        manifests.extend(run?);
    }
    Ok(manifests)
}

/// One object of the model that becomes one manifest.
enum Object<'a> {
    Account(&'a Account),
    User(&'a User),
    Bucket(&'a Bucket),
    SubvolumeGroup(&'a SubvolumeGroup),
    StorageClass(&'a CephfsStorageClass),
    BucketClass(&'a BucketStorageClass),
    BlockClass(&'a RbdStorageClass),
    Volume(&'a Volume),
    /// A static volume's PersistentVolume.
    PersistentVolume(&'a Volume, &'a crate::model::StaticBinding),
    Topic(&'a Topic),
    Notification(&'a Notification),
    Client(&'a Client),
    SnapshotClass(&'a SnapshotClass),
    Snapshot(&'a Snapshot),
}

impl Object<'_> {
    fn manifest(&self) -> Result<Manifest, yaml::EmitError> {
        Ok(match self {
            Object::Account(account) => manifest(
                &account.meta,
                "cephobjectstoreaccount",
                yaml::to_yaml(&account::account(account))?,
            ),
            Object::User(user) => manifest(
                &user.meta,
                "cephobjectstoreuser",
                yaml::to_yaml(&user::user(user))?,
            ),
            Object::Bucket(bucket) => manifest(
                &bucket.meta,
                "objectbucketclaim",
                yaml::to_yaml(&obc::claim(bucket)?)?,
            ),
            Object::SubvolumeGroup(group) => manifest(
                &group.meta,
                "cephfilesystemsubvolumegroup",
                yaml::to_yaml(&volume::subvolume_group(group))?,
            ),
            Object::StorageClass(class) => manifest(
                &class.meta,
                "storageclass",
                yaml::to_yaml(&volume::storage_class(class))?,
            ),
            Object::BucketClass(class) => manifest(
                &class.meta,
                "storageclass",
                yaml::to_yaml(&bucket_class::storage_class(class))?,
            ),
            Object::BlockClass(class) => manifest(
                &class.meta,
                "storageclass",
                yaml::to_yaml(&block::storage_class(class))?,
            ),
            Object::Volume(volume) => manifest(
                &volume.meta,
                "persistentvolumeclaim",
                yaml::to_yaml(&volume::claim(volume))?,
            ),
            Object::PersistentVolume(volume, binding) => manifest(
                &static_volume::volume_meta(volume, binding),
                "persistentvolume",
                yaml::to_yaml(&static_volume::persistent_volume(volume, binding))?,
            ),
            Object::Topic(topic) => manifest(
                &topic.meta,
                "cephbuckettopic",
                yaml::to_yaml(&notifications::topic(topic))?,
            ),
            Object::Notification(notification) => manifest(
                &notification.meta,
                "cephbucketnotification",
                yaml::to_yaml(&notifications::notification(notification))?,
            ),
            Object::Client(client) => manifest(
                &client.meta,
                "cephclient",
                yaml::to_yaml(&client::client(client))?,
            ),
            Object::SnapshotClass(class) => manifest(
                &class.meta,
                "volumesnapshotclass",
                yaml::to_yaml(&snapshot::snapshot_class(class))?,
            ),
            Object::Snapshot(item) => manifest(
                &item.meta,
                "volumesnapshot",
                yaml::to_yaml(&snapshot::snapshot(item))?,
            ),
        })
    }
}

fn manifest(meta: &crate::model::Meta, kind: &str, yaml: String) -> Manifest {
    let path = match &meta.namespace {
        Some(namespace) => [namespace, "/", kind, "-", &meta.name, ".yaml"].concat(),
        None => [kind, "-", &meta.name, ".yaml"].concat(),
    };
    Manifest { path, yaml }
}

/// The `kustomization.yaml` listing every manifest.
pub fn kustomization(manifests: &[Manifest]) -> String {
    let mut out = String::from(
        "# Generated by rookc; do not edit. Rebuild with `rookc build`.\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n",
    );
    for manifest in manifests {
        out.push_str("- ");
        out.push_str(&manifest.path);
        out.push('\n');
    }
    out
}

/// All manifests as one multi-document YAML stream.
pub fn stream(manifests: &[Manifest]) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_stream(manifests, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the stream of [`stream`] without building it in memory first.
pub fn write_stream(manifests: &[Manifest], out: &mut impl std::io::Write) -> std::io::Result<()> {
    for manifest in manifests {
        out.write_all(b"---\n")?;
        out.write_all(manifest.yaml.as_bytes())?;
    }
    Ok(())
}
