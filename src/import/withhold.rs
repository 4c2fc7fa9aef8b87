//! When the imported program does not compile, the objects whose
//! declarations hold its errors are left out, each reported with the
//! error, and the rest is imported again. One object that cannot live
//! beside the others (two topics of one name in different namespaces, as
//! in Rook's own examples taken together) does not cost every other
//! object its round trip.

use std::collections::BTreeMap;

use crate::ast::{DeclKind, Item};
use crate::diag::{Diagnostic, Diagnostics, Severity};

/// At most this many attempts: each one leaves out at least one more
/// object, and errors that no placed object holds end the attempts.
pub const MAX_ATTEMPTS: usize = 8;

/// Where each placed declaration comes from: (kind, name, namespace of its
/// group) -> index of its input document.
pub type Origins = BTreeMap<(DeclKind, String, String), usize>;

/// The documents whose declarations hold an error of `diagnostics`, each
/// with the message its report gets.
pub fn blamed(source: &str, diagnostics: &[Diagnostic], origins: &Origins) -> Vec<(usize, String)> {
    let Some(first) = diagnostics.first() else {
        return Vec::new();
    };
    let file = crate::syntax::parse_file(first.primary.span.file, source, &mut Diagnostics::new());
    let mut out: Vec<(usize, String)> = Vec::new();
    for diagnostic in diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
    {
        let at = diagnostic.primary.span;
        let groups = file.items.iter().filter_map(|item| match item {
            Item::Group(group) => Some(group),
            Item::Declaration(_) | Item::Settings(_) => None,
        });
        for group in groups {
            let holder = group
                .declarations
                .iter()
                .find(|d| d.span.start <= at.start && at.end <= d.span.end);
            let Some(decl) = holder else {
                continue;
            };
            let key = (
                decl.kind.value,
                decl.name.value.clone(),
                group.namespace.value.clone(),
            );
            if let Some(&index) = origins.get(&key) {
                if !out.iter().any(|(i, _)| *i == index) {
                    out.push((
                        index,
                        format!(
                            "the imported program would have error {} with it: {}",
                            diagnostic.code.as_str(),
                            diagnostic.message
                        ),
                    ));
                }
            }
        }
    }
    out
}
