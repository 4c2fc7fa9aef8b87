//! Hovers on declarations and references: what the declaration compiles
//! to.

use std::fmt::Write;

use super::features::s3_name;
use super::Workspace;
use crate::ast::DeclKind;
use crate::model::Meta;

fn object(kind: &str, meta: &Meta) -> String {
    match &meta.namespace {
        Some(namespace) => format!("**{kind}** `{namespace}/{}`", meta.name),
        None => format!("**{kind}** `{}`", meta.name),
    }
}

/// Markdown describing the declaration `kind` `name`.
pub fn declaration(workspace: &Workspace, kind: DeclKind, name: &str) -> String {
    let Some(definition) = workspace.index.definition(kind, name) else {
        return format!("no {} named `{name}` is declared", kind.noun());
    };
    let program = &workspace.analysis.program;
    let origin = definition.span;
    let mut out = String::new();
    match kind {
        DeclKind::ObjectStore => existing(&mut out, kind, name, "CephObjectStore"),
        DeclKind::Filesystem => existing(&mut out, kind, name, "CephFilesystem"),
        DeclKind::BlockPool => existing(&mut out, kind, name, "CephBlockPool"),
        DeclKind::BlockClass => match program.block_classes.iter().find(|c| c.meta.name == name) {
            Some(class) => {
                out.push_str(&object("StorageClass", &class.meta));
                let _ = write!(
                    out,
                    "\n\n`{}`: pool `{}` of `{}`, image features `{}`, {}",
                    class.provisioner,
                    class.pool,
                    class.cluster_namespace,
                    class.image_features,
                    class.fstype
                );
            }
            None => unresolved(&mut out, kind, name),
        },
        DeclKind::FileClass => match program.storage_classes.iter().find(|c| c.origin == origin) {
            Some(class) => {
                out.push_str(&object("StorageClass", &class.meta));
                let _ = write!(
                    out,
                    "\n\n`{}`: filesystem `{}` of `{}`",
                    class.provisioner, class.fs_name, class.secrets_namespace
                );
                if let Some(pool) = &class.pool {
                    let _ = write!(out, ", pool `{pool}`");
                }
            }
            None => unresolved(&mut out, kind, name),
        },
        DeclKind::Account => match program.accounts.iter().find(|a| a.origin == origin) {
            Some(account) => {
                out.push_str(&object("CephObjectStoreAccount", &account.meta));
                let _ = write!(out, "\n\nstore `{}`", account.store);
                match &account.account_id {
                    Some(id) => {
                        let _ = write!(out, "\n\naccount ID `{id}`");
                    }
                    None => out.push_str("\n\naccount ID: derived by Rook"),
                }
            }
            None => unresolved(&mut out, kind, name),
        },
        DeclKind::User => match program.users.iter().find(|u| u.origin == origin) {
            Some(user) => {
                out.push_str(&object("CephObjectStoreUser", &user.meta));
                let _ = write!(out, "\n\nstore `{}`", user.store);
                if let Some(cluster) = &user.cluster_namespace {
                    let _ = write!(out, " (in `{cluster}`)");
                }
                let quota: Vec<String> = [
                    user.max_buckets.map(|b| format!("{b} buckets")),
                    user.max_size.clone(),
                    user.max_objects.map(|o| format!("{o} objects")),
                ]
                .into_iter()
                .flatten()
                .collect();
                let _ = write!(
                    out,
                    "\n\nquota: {}",
                    if quota.is_empty() {
                        "none (buckets default to 1000)".to_string()
                    } else {
                        quota.join(", ")
                    }
                );
                if !user.capabilities.is_empty() {
                    let caps: Vec<String> = user
                        .capabilities
                        .iter()
                        .map(|(cap, value)| format!("`{cap}`: {value}"))
                        .collect();
                    let _ = write!(out, "\n\ncapabilities: {}", caps.join(", "));
                }
            }
            None => unresolved(&mut out, kind, name),
        },
        DeclKind::Bucket => match program.buckets.iter().find(|b| b.origin == origin) {
            Some(bucket) => {
                out.push_str(&object("ObjectBucketClaim", &bucket.meta));
                let _ = write!(out, "\n\nS3 bucket: {}", s3_name(&bucket.naming));
                let _ = write!(
                    out,
                    "\n\nowner: {}",
                    bucket.owner.as_ref().map_or(
                        "a user Rook generates for the claim".to_string(),
                        |o| format!("`{o}`")
                    )
                );
                match &bucket.policy {
                    Some(policy) => {
                        let _ = write!(
                            out,
                            "\n\npolicy in effect:\n\n```json\n{}\n```",
                            crate::emit::policy_pretty(policy)
                        );
                    }
                    None => out.push_str("\n\npolicy: none (only the owner has access)"),
                }
                if let Some(lifecycle) = &bucket.lifecycle {
                    let _ = write!(
                        out,
                        "\n\nlifecycle:\n\n```json\n{}\n```",
                        crate::emit::lifecycle_pretty(lifecycle)
                    );
                }
            }
            None => unresolved(&mut out, kind, name),
        },
        DeclKind::Volume => match program.volumes.iter().find(|v| v.origin == origin) {
            Some(volume) => {
                out.push_str(&object("PersistentVolumeClaim", &volume.meta));
                let _ = write!(
                    out,
                    "\n\n{} on StorageClass `{}`, {}",
                    volume.size,
                    volume.storage_class,
                    volume.access_mode.as_str()
                );
                if volume.volume_mode == crate::model::VolumeMode::Block {
                    out.push_str(", a raw block device");
                }
                match &volume.data_source {
                    Some(crate::model::DataSource::Snapshot(snapshot)) => {
                        let _ = write!(out, "\n\nrestored from snapshot `{snapshot}`");
                    }
                    Some(crate::model::DataSource::Volume(source)) => {
                        let _ = write!(out, "\n\na clone of volume `{source}`");
                    }
                    None => {}
                }
            }
            None => unresolved(&mut out, kind, name),
        },
        DeclKind::SnapshotClass => match program
            .snapshot_classes
            .iter()
            .find(|c| c.meta.name == name)
        {
            Some(class) => {
                out.push_str(&object("VolumeSnapshotClass", &class.meta));
                let _ = write!(
                    out,
                    "\n\n`{}`: cluster ID `{}`, `deletionPolicy: {}`",
                    class.driver,
                    class.cluster_id,
                    class.deletion.as_str()
                );
            }
            None => unresolved(&mut out, kind, name),
        },
        DeclKind::Snapshot => match program.snapshots.iter().find(|s| s.origin == origin) {
            Some(snapshot) => {
                out.push_str(&object("VolumeSnapshot", &snapshot.meta));
                let _ = write!(
                    out,
                    "\n\nof volume `{}`, with snapshot class `{}`",
                    snapshot.volume, snapshot.class
                );
            }
            None => unresolved(&mut out, kind, name),
        },
        DeclKind::BucketClass => match program.bucket_classes.iter().find(|c| c.origin == origin) {
            Some(class) => {
                out.push_str(&object("StorageClass", &class.meta));
                let _ = write!(
                    out,
                    "\n\nobject store `{}`, `reclaimPolicy: {}`",
                    class.store,
                    class.reclaim.as_str()
                );
                if let Some(bucket) = &class.existing_bucket {
                    let _ = write!(out, ", existing bucket `{bucket}`");
                }
            }
            None => unresolved(&mut out, kind, name),
        },
        DeclKind::Topic => match program.topics.iter().find(|t| t.origin == origin) {
            Some(topic) => {
                out.push_str(&object("CephBucketTopic", &topic.meta));
                let (kind, uri) = match &topic.endpoint {
                    crate::model::Endpoint::Http { uri, .. } => ("HTTP", uri),
                    crate::model::Endpoint::Amqp { uri, .. } => ("AMQP", uri),
                    crate::model::Endpoint::Kafka(kafka) => ("Kafka", &kafka.uri),
                };
                let _ = write!(
                    out,
                    "\n\nstore `{}`; {kind} endpoint `{uri}`{}",
                    topic.store,
                    if topic.persistent == Some(true) {
                        ", persistent"
                    } else {
                        ""
                    }
                );
            }
            None => unresolved(&mut out, kind, name),
        },
        DeclKind::Notification => match program.notifications.iter().find(|n| n.origin == origin) {
            Some(notification) => {
                out.push_str(&object("CephBucketNotification", &notification.meta));
                let events = if notification.events.is_empty() {
                    "`s3:ObjectCreated:*`, `s3:ObjectRemoved:*` (Rook's default)".to_string()
                } else {
                    let events: Vec<String> = notification
                        .events
                        .iter()
                        .map(|e| format!("`{e}`"))
                        .collect();
                    events.join(", ")
                };
                let _ = write!(out, "\n\ntopic `{}`; events {events}", notification.topic);
            }
            None => unresolved(&mut out, kind, name),
        },
        DeclKind::Client => match program.clients.iter().find(|c| c.origin == origin) {
            Some(client) => {
                out.push_str(&object("CephClient", &client.meta));
                let _ = write!(out, "\n\ncephx user `client.{}`", client.user_id());
                for (daemon, caps) in &client.caps {
                    let _ = write!(out, "\n\n{daemon}: `{caps}`");
                }
                if client.remove_secret != Some(true) {
                    let _ = write!(
                        out,
                        "\n\nkey in Secret `{}` (entry `{}`)",
                        client.secret(),
                        client.user_id()
                    );
                }
            }
            None => unresolved(&mut out, kind, name),
        },
        DeclKind::SubvolumeGroup => {
            match program.subvolume_groups.iter().find(|g| g.origin == origin) {
                Some(group) => {
                    out.push_str(&object("CephFilesystemSubVolumeGroup", &group.meta));
                    let _ = write!(
                        out,
                        "\n\nfilesystem `{}`, cluster ID `{}`{}",
                        group.filesystem,
                        group.cluster_id,
                        if group.cluster_id_declared {
                            ""
                        } else {
                            " (computed by Rook)"
                        }
                    );
                    if let Some(quota) = &group.quota {
                        let _ = write!(out, ", quota {quota}");
                    }
                }
                None => unresolved(&mut out, kind, name),
            }
        }
    }
    out
}

/// A declaration of an object that exists already.
fn existing(out: &mut String, kind: DeclKind, name: &str, object: &str) {
    let _ = write!(
        out,
        "**{}** `{name}`: an existing {object}; emits nothing",
        kind.keyword()
    );
}

fn unresolved(out: &mut String, kind: DeclKind, name: &str) {
    let _ = write!(
        out,
        "**{}** `{name}`: fix the errors of the program to see what it compiles to",
        kind.keyword()
    );
}
