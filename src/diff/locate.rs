//! The `.rook` lines behind each change, when the new side is sources:
//! the declaration an object came from, and in it the attribute or block
//! that writes the changed field (the policy statement, for a statement).
//! A field no item writes (a default, a group's `store`) is shown at the
//! declaration's name.

use crate::ast::{BodyItem, Declaration};
use crate::source::{SourceMap, Span};

use super::key::{ObjectKey, CLAIM, GROUP, STORAGE_CLASS, USER, VOLUME};
use super::side::Compiled;
use super::{Location, Report};

pub fn locate(report: &mut Report, compiled: &Compiled) {
    for object in &mut report.objects {
        object.location =
            span_of(compiled, &object.key, None).map(|s| location(&compiled.sources, s));
    }
    for finding in &mut report.findings {
        // A renamed object's findings are shown at its new declaration.
        let renamed = report
            .objects
            .iter()
            .find(|o| o.key == finding.object)
            .and_then(|o| o.renamed.as_ref());
        finding.location = span_of(compiled, &finding.object, finding.field.as_deref())
            .or_else(|| span_of(compiled, renamed?, None))
            .map(|s| location(&compiled.sources, s));
    }
}

fn location(sources: &SourceMap, span: Span) -> Location {
    let (line, column) = sources.line_col(span.file, span.start);
    let (end_line, end_column) = sources.line_col(span.file, span.end);
    Location {
        file: sources.path(span.file).to_string_lossy().replace('\\', "/"),
        line,
        column,
        end_line,
        end_column,
    }
}

/// Where the object was declared (the name of its declaration).
fn origin(compiled: &Compiled, key: &ObjectKey) -> Option<Span> {
    let program = &compiled.program;
    let matches =
        |meta: &crate::model::Meta| meta.name == key.name && meta.namespace == key.namespace;
    match key.kind.as_str() {
        CLAIM => program
            .buckets
            .iter()
            .find(|b| matches(&b.meta))
            .map(|b| b.origin),
        USER => program
            .users
            .iter()
            .find(|u| matches(&u.meta))
            .map(|u| u.origin),
        VOLUME => program
            .volumes
            .iter()
            .find(|v| matches(&v.meta))
            .map(|v| v.origin),
        GROUP => program
            .subvolume_groups
            .iter()
            .find(|g| matches(&g.meta))
            .map(|g| g.origin),
        // A CephFS class is written for a file class or a subvolume group.
        STORAGE_CLASS => program
            .storage_classes
            .iter()
            .find(|c| matches(&c.meta))
            .map(|c| c.origin),
        _ => None,
    }
}

fn span_of(compiled: &Compiled, key: &ObjectKey, field: Option<&str>) -> Option<Span> {
    let origin = origin(compiled, key)?;
    let declaration = compiled
        .files
        .iter()
        .flat_map(|f| f.declarations())
        .find(|d| d.name.span == origin);
    let Some(declaration) = declaration else {
        return Some(origin);
    };
    Some(
        field
            .and_then(|f| item_span(declaration, f))
            .unwrap_or(origin),
    )
}

/// The body item that writes `field`.
fn item_span(declaration: &Declaration, field: &str) -> Option<Span> {
    let keys = writers(field);
    let item = declaration
        .body
        .iter()
        .find(|item| keys.contains(&item.key().0))?;
    if let BodyItem::Policy(policy) = item {
        // Statement ids are `s<N>-...`, N counting from 1 in source order.
        let statement = field
            .split_once("Statement[s")
            .and_then(|(_, rest)| rest.split(['-', ']']).next())
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| policy.statements.get(n.checked_sub(1)?));
        if let Some(statement) = statement {
            return Some(statement.span);
        }
    }
    if let BodyItem::Lifecycle(lifecycle) = item {
        // A rule's ID is its `id` option, or `<action>[-<class>][:<prefix>]`.
        let id = field.split_once("Rules[").and_then(|(_, rest)| {
            rest.strip_suffix(']')
                .or(rest.split_once(']').map(|(id, _)| id))
        });
        let rule = id.and_then(|id| {
            let by_option = lifecycle.rules.iter().find(|r| user_id(r) == Some(id));
            by_option.or_else(|| {
                lifecycle.rules.iter().find(|r| {
                    user_id(r).is_none() && {
                        let prefix = r.prefix.as_ref().map_or("", |p| p.value.as_str());
                        let class = r.target.as_ref().map(|t| t.value.as_str());
                        let class = class.filter(|_| r.action.value.starts_with("transition"));
                        crate::model::generated_rule_id(&r.action.value, class, prefix) == id
                    }
                })
            })
        });
        if let Some(rule) = rule {
            return Some(rule.span);
        }
    }
    Some(item.span_of())
}

/// The `id` a lifecycle rule is given in its options.
fn user_id(rule: &crate::ast::LifecycleRule) -> Option<&str> {
    use crate::ast::{RuleOption, ValueKind};
    rule.options
        .iter()
        .flat_map(|o| &o.items)
        .find_map(|item| match item {
            RuleOption::Attribute(a) if a.key.value == "id" => match &a.value.kind {
                ValueKind::Str(id) => Some(id.as_str()),
                ValueKind::Number { .. }
                | ValueKind::Bool(_)
                | ValueKind::List(_)
                | ValueKind::Ident(_) => None,
            },
            RuleOption::Attribute(_) | RuleOption::Block(_) => None,
        })
}

/// The attribute or block names that write a manifest field.
fn writers(field: &str) -> &'static [&'static str] {
    const TABLE: &[(&str, &[&str])] = &[
        ("metadata.labels", &["labels"]),
        ("metadata.annotations", &["annotations"]),
        ("spec.additionalConfig.bucketPolicy", &["policy"]),
        ("spec.additionalConfig.bucketLifecycle", &["lifecycle"]),
        ("spec.additionalConfig.bucketOwner", &["owner"]),
        ("spec.additionalConfig", &["quota"]),
        ("spec.bucketName", &["name"]),
        ("spec.generateBucketName", &["generate"]),
        ("spec.storageClassName", &["store", "filesystem", "group"]),
        ("spec.displayName", &["display_name"]),
        ("spec.quotas", &["quota"]),
        ("spec.capabilities", &["caps"]),
        ("spec.store", &["store"]),
        ("spec.resources", &["size"]),
        ("spec.accessModes", &["access"]),
        ("spec.clusterID", &["cluster_id"]),
        ("spec.filesystemName", &["filesystem"]),
        ("spec.quota", &["quota"]),
        ("spec.dataPoolName", &["pool", "data_pool"]),
        ("spec.pinning", &["pinning"]),
        (
            "spec.csiMetadataRadosNamespace",
            &["csi_metadata_rados_namespace"],
        ),
        ("spec.name", &["name"]),
        ("parameters.pool", &["pool", "data_pool"]),
        ("parameters.clusterID", &["cluster_id"]),
    ];
    TABLE
        .iter()
        .find(|(prefix, _)| field.starts_with(prefix))
        .map_or(&[], |(_, keys)| keys)
}

trait ItemSpan {
    fn span_of(&self) -> Span;
}

impl ItemSpan for BodyItem {
    fn span_of(&self) -> Span {
        match self {
            BodyItem::Attribute(a) => a.span,
            BodyItem::Block(b) => b.span,
            BodyItem::Policy(p) => p.span,
            BodyItem::Lifecycle(l) => l.span,
        }
    }
}
