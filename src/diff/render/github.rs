//! `--format github`: GitHub Actions workflow commands. Each finding is an
//! annotation on the `.rook` line that causes it (when the new side is
//! sources): an error when destructive, a warning when refused, ignored or
//! drift, a notice for grants; then a notice per changed object.

use super::show;
use crate::diag::github::{escape_data, escape_property};
use crate::diff::{Category, Location, Report, Status};

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let command = match finding.category {
            Category::Destructive | Category::PossiblyDestructive => "error",
            Category::Refused
            | Category::Ignored
            | Category::GrantsUnknown
            | Category::Undeclared
            | Category::Missing
            | Category::ChangedByHand => "warning",
            Category::GrantAdded | Category::GrantRemoved => "notice",
        };
        let mut message = finding.message.clone();
        for note in &finding.notes {
            message.push_str(&format!("\n{note}"));
        }
        let title = format!("rookc diff: {}", finding.category.as_str());
        out.push_str(&command_line(command, &finding.location, &title, &message));
    }
    for object in &report.objects {
        let (title, message) = match &object.status {
            Status::Added => ("added", format!("{} is added", object.key)),
            Status::Removed => ("removed", format!("{} is removed", object.key)),
            Status::Changed(changes) => {
                let mut message = format!("{} changes:", object.key);
                for change in changes {
                    let side = |v: &Option<serde_json::Value>| {
                        v.as_ref().map_or("(absent)".to_string(), show)
                    };
                    message.push_str(&format!(
                        "\n{}: {} -> {}",
                        change.path,
                        side(&change.old),
                        side(&change.new)
                    ));
                }
                ("changed", message)
            }
        };
        out.push_str(&command_line(
            "notice",
            &object.location,
            &format!("rookc diff: {title}"),
            &message,
        ));
    }
    out
}

fn command_line(command: &str, place: &Option<Location>, title: &str, message: &str) -> String {
    let mut properties = Vec::new();
    if let Some(place) = place {
        // GitHub's end column is the last character's, not the one after.
        let end_column = if place.end_line == place.line {
            place.end_column.saturating_sub(1).max(place.column)
        } else {
            place.end_column
        };
        properties.push(format!("file={}", escape_property(&place.file)));
        properties.push(format!("line={}", place.line));
        properties.push(format!("col={}", place.column));
        properties.push(format!("endLine={}", place.end_line));
        properties.push(format!("endColumn={end_column}"));
    }
    properties.push(format!("title={}", escape_property(title)));
    format!(
        "::{command} {}::{}\n",
        properties.join(","),
        escape_data(message)
    )
}
