//! Drift: a cluster's export against the sources (or manifests) it should
//! run. Objects labelled as rookc's that nobody declares, declared objects
//! the cluster does not have, and fields someone changed by hand.

use super::{Category, Finding, Pair, Status};

pub fn findings(pair: &Pair) -> Vec<Finding> {
    pair.objects
        .iter()
        .map(|object| {
            let name = object.key.qualified_name();
            let kind = &object.key.kind;
            match &object.status {
                Status::Added => Finding::new(
                    Category::Undeclared,
                    &object.key,
                    format!("{kind} `{name}` is on the cluster, labelled as rookc's, but not declared"),
                )
                .note("it was removed from the sources without being deleted, or made by hand; `kubectl delete` it or declare it"),
                Status::Removed => Finding::new(
                    Category::Missing,
                    &object.key,
                    format!("{kind} `{name}` is declared but not on the cluster"),
                )
                .note("the sources were not applied yet, or it was deleted by hand"),
                Status::Changed(changes) => {
                    let fields: Vec<String> = changes.iter().map(|c| format!("`{}`", c.path)).collect();
                    let mut finding = Finding::new(
                        Category::ChangedByHand,
                        &object.key,
                        format!("{kind} `{name}` was changed on the cluster: {}", fields.join(", ")),
                    )
                    .note("the next sync puts the declared values back");
                    finding.field = changes.first().map(|c| c.path.clone());
                    finding
                }
            }
        })
        .collect()
}
