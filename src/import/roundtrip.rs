//! The round trip: the imported source is compiled like `rookc build`
//! would, and every imported object is compared, as data (see `normal`),
//! with the manifest rookc writes for it.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::normal;
use super::read::Document;
use super::report::{ObjectKey, ObjectReport, Role, RoundTripError};
use super::yaml;
use crate::diag::Diagnostic;
use crate::source::SourceMap;

/// What compiling the imported source gave.
pub struct Compiled {
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    /// Objects rookc writes that are not among the inputs.
    pub extras: Vec<ObjectKey>,
    /// Whether the source compiled.
    pub ok: bool,
}

/// Compiles `source` and records in each imported object's report whether
/// it round-trips.
pub fn check(
    source: &str,
    path: &Path,
    documents: &[Document],
    reports: &mut [ObjectReport],
) -> Compiled {
    let mut sources = SourceMap::new();
    sources.add(path, source);
    let (diagnostics, manifests) = match crate::compile(&sources) {
        Ok(compilation) => (compilation.diagnostics, compilation.manifests),
        Err(_) => (Vec::new(), None),
    };
    let Some(manifests) = manifests else {
        for report in reports
            .iter_mut()
            .filter(|r| matches!(r.role, Role::Imported(_)))
        {
            report.round_trip = Some(Err(RoundTripError::DoesNotCompile));
        }
        return Compiled {
            sources,
            diagnostics,
            extras: Vec::new(),
            ok: false,
        };
    };
    let mut built: BTreeMap<ObjectKey, Value> = BTreeMap::new();
    for manifest in &manifests {
        if let Some(value) = yaml::documents(&manifest.yaml)
            .ok()
            .and_then(|d| d.into_iter().next())
        {
            built.insert(key_of(&value), value);
        }
    }
    for (report, document) in reports.iter_mut().zip(documents) {
        let Role::Imported(key) = &report.role else {
            continue;
        };
        report.round_trip = Some(match built.remove(key) {
            None => Err(RoundTripError::NotWritten {
                object: key.to_string(),
            }),
            Some(output) => {
                let output = normal::comparable(&output);
                let mut input = normal::comparable(&document.value);
                normal::align_bucket_quota(&mut input, &output);
                match normal::difference(&input, &output) {
                    None => Ok(()),
                    Some(difference) => Err(RoundTripError::Differs { difference }),
                }
            }
        });
    }
    Compiled {
        sources,
        diagnostics,
        extras: built.into_keys().collect(),
        ok: true,
    }
}

fn key_of(value: &Value) -> ObjectKey {
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    let metadata = value.get("metadata");
    ObjectKey {
        kind: text(value.get("kind")).unwrap_or_default(),
        namespace: text(metadata.and_then(|m| m.get("namespace"))),
        name: text(metadata.and_then(|m| m.get("name"))).unwrap_or_default(),
    }
}
