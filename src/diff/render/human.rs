//! The report for people: what the change means, by category, then every
//! object that differs, field by field, then one summary line.

use serde_json::Value;

use super::{count, counts, heading, show, verbs};
use crate::diff::{Category, Mode, ObjectDiff, Report, Status};

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let arrow = match report.mode {
        Mode::Change => "->",
        Mode::Drift => "-> (drift: the cluster against its declaration)",
    };
    out.push_str(&format!(
        "rookc diff: {} {arrow} {}\n",
        report.old_label, report.new_label
    ));
    for category in Category::ALL {
        let findings: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.category == category)
            .collect();
        if findings.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}:\n", heading(category)));
        for finding in findings {
            out.push_str(&format!("  {} {}\n", marker(category), finding.message));
            for note in &finding.notes {
                out.push_str(&format!("      {note}\n"));
            }
            if let Some(place) = &finding.location {
                out.push_str(&format!(
                    "      at {}:{}:{}\n",
                    place.file, place.line, place.column
                ));
            }
        }
    }
    if !report.objects.is_empty() {
        out.push_str("\nobjects:\n");
        for object in &report.objects {
            object_lines(object, &mut out);
        }
    }
    out.push('\n');
    out.push_str(&summary(report));
    out.push('\n');
    out
}

fn marker(category: Category) -> &'static str {
    match category {
        Category::Destructive | Category::PossiblyDestructive => "!",
        Category::Refused | Category::Ignored | Category::GrantsUnknown => "?",
        Category::GrantAdded | Category::Undeclared => "+",
        Category::GrantRemoved | Category::Missing => "-",
        Category::ChangedByHand => "~",
    }
}

fn object_lines(object: &ObjectDiff, out: &mut String) {
    let renamed = |verb: &str| {
        object
            .renamed
            .as_ref()
            .map(|other| format!(" ({verb} `{}`)", other.qualified_name()))
            .unwrap_or_default()
    };
    match &object.status {
        Status::Added => out.push_str(&format!("  + {}{}\n", object.key, renamed("renamed from"))),
        Status::Removed => out.push_str(&format!("  - {}{}\n", object.key, renamed("renamed to"))),
        Status::Changed(changes) => {
            out.push_str(&format!("  ~ {}\n", object.key));
            for change in changes {
                out.push_str(&format!(
                    "      {}: {}\n",
                    change.path,
                    describe(&change.old, &change.new)
                ));
            }
        }
    }
}

/// `old -> new`; for two lists of plain values, what was added and removed.
fn describe(old: &Option<Value>, new: &Option<Value>) -> String {
    match (old, new) {
        (Some(Value::Array(a)), Some(Value::Array(b)))
            if a.iter().chain(b).all(|v| !v.is_object() && !v.is_array()) =>
        {
            let added: Vec<String> = b.iter().filter(|v| !a.contains(v)).map(show).collect();
            let removed: Vec<String> = a.iter().filter(|v| !b.contains(v)).map(show).collect();
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("+ {}", added.join(", ")));
            }
            if !removed.is_empty() {
                parts.push(format!("- {}", removed.join(", ")));
            }
            if parts.is_empty() {
                parts.push(format!(
                    "{} -> {}",
                    show(&Value::Array(a.clone())),
                    show(&Value::Array(b.clone()))
                ));
            }
            parts.join("; ")
        }
        (Some(a), Some(b)) => format!("{} -> {}", show(a), show(b)),
        (Some(a), None) => format!("{} -> (absent)", show(a)),
        (None, Some(b)) => format!("(absent) -> {}", show(b)),
        (None, None) => String::new(),
    }
}

/// `3 objects differ (1 added, 1 removed, 1 changed), 4 unchanged; 1 destructive, ...`.
pub fn summary(report: &Report) -> String {
    let (added, removed, changed) = counts(report);
    let [a, r, c] = verbs(report);
    let differ = added + removed + changed;
    let plural = if differ == 1 {
        "object differs"
    } else {
        "objects differ"
    };
    let mut line = format!(
        "{differ} {plural} ({added} {a}, {removed} {r}, {changed} {c}), {} unchanged",
        report.unchanged
    );
    if report.unmanaged > 0 {
        line.push_str(&format!(
            "; {} object{} of the cluster not labelled as rookc's left out",
            report.unmanaged,
            if report.unmanaged == 1 { "" } else { "s" }
        ));
    }
    let found: Vec<String> = Category::ALL
        .iter()
        .filter(|c| count(report, **c) > 0)
        .map(|c| {
            let n = count(report, *c);
            let grants = if n == 1 { "grant" } else { "grants" };
            let name = match c {
                Category::GrantAdded => format!("{grants} added"),
                Category::GrantRemoved => format!("{grants} removed"),
                Category::Destructive
                | Category::PossiblyDestructive
                | Category::Refused
                | Category::Ignored
                | Category::GrantsUnknown
                | Category::Undeclared
                | Category::Missing
                | Category::ChangedByHand => c.as_str().replace('-', " "),
            };
            format!("{n} {name}")
        })
        .collect();
    if found.is_empty() {
        line.push_str("; nothing destructive, refused or granted");
    } else {
        line.push_str("; ");
        line.push_str(&found.join(", "));
    }
    line
}
