//! What `rookc import` says about each input document: notes, warnings
//! (what the language cannot express, and context it had to invent), and
//! whether the imported object round-trips.

use std::path::PathBuf;

/// How much a finding matters. A warning makes the import exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// For information: a skipped document, a StorageClass read for context.
    Note,
    /// Context that was not among the inputs and had to be assumed (which
    /// store a StorageClass serves): review it, but the manifests are
    /// reproduced, so it does not fail the import. Repositories often keep
    /// their StorageClasses elsewhere.
    Assumed,
    /// Something was lost or changed: review the source.
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub message: String,
    /// Whether the message also goes above the object's declaration (not
    /// for context the declaration of a store or filesystem explains).
    pub in_source: bool,
}

/// The identity of a Kubernetes object.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjectKey {
    pub kind: String,
    /// `None` for cluster-scoped objects.
    pub namespace: Option<String>,
    pub name: String,
}

impl std::fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.namespace {
            Some(namespace) => write!(f, "{} {namespace}/{}", self.kind, self.name),
            None => write!(f, "{} {}", self.kind, self.name),
        }
    }
}

/// What became of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// Imported as a declaration that `rookc build` turns back into this
    /// object (the key of the object it builds).
    Imported(ObjectKey),
    /// Read for what it tells about other objects (a StorageClass naming
    /// an object store); rookc does not write it.
    Context,
    /// Not imported.
    Skipped,
}

/// Everything import says about one input document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectReport {
    pub file: PathBuf,
    /// 1-based position of the document in its file.
    pub document: usize,
    /// `kind` and `metadata.name` as written ("?" when missing).
    pub kind: String,
    pub name: String,
    pub role: Role,
    pub findings: Vec<Finding>,
    /// For an imported object: `Ok` when `rookc build` of the imported
    /// source gives it back (equal as data), else why not.
    pub round_trip: Option<Result<(), RoundTripError>>,
}

/// Why an imported object does not come back from `rookc build`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoundTripError {
    /// The imported source has errors.
    DoesNotCompile,
    /// The build writes no object of this kind, namespace and name.
    NotWritten { object: String },
    /// The first difference, as data, between input and output.
    Differs { difference: String },
}

impl std::fmt::Display for RoundTripError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RoundTripError::DoesNotCompile => write!(f, "the imported source does not compile"),
            RoundTripError::NotWritten { object } => {
                write!(f, "`rookc build` does not write {object}")
            }
            RoundTripError::Differs { difference } => f.write_str(difference),
        }
    }
}

impl ObjectReport {
    /// `deploy/obc.yaml[3] ObjectBucketClaim/logs`.
    pub fn label(&self) -> String {
        let place = format!("{}[{}]", self.file.display(), self.document);
        match (self.kind.as_str(), self.name.as_str()) {
            ("?", _) => place,
            (kind, "?") => format!("{place} {kind}"),
            (kind, name) => format!("{place} {kind}/{name}"),
        }
    }

    pub fn note(&mut self, message: impl Into<String>) {
        self.push(Severity::Note, message, false);
    }

    pub fn warn(&mut self, message: impl Into<String>) {
        self.push(Severity::Warning, message, true);
    }

    /// A warning about context that was assumed; the declaration of the
    /// store or filesystem carries the comment.
    pub fn assumed(&mut self, message: impl Into<String>) {
        self.push(Severity::Assumed, message, false);
    }

    fn push(&mut self, severity: Severity, message: impl Into<String>, in_source: bool) {
        self.findings.push(Finding {
            severity,
            message: message.into(),
            in_source,
        });
    }

    pub fn has_warnings(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == Severity::Warning)
    }

    /// Whether the object was imported and round-trips.
    pub fn round_trips(&self) -> bool {
        matches!(self.round_trip, Some(Ok(())))
    }

    /// The report's lines, each starting with the label.
    pub fn lines(&self) -> Vec<String> {
        let label = self.label();
        let mut lines: Vec<String> = self
            .findings
            .iter()
            .map(|f| {
                let severity = match f.severity {
                    Severity::Note => "note",
                    Severity::Assumed => "assumed",
                    Severity::Warning => "warning",
                };
                format!("{label}: {severity}: {}", f.message)
            })
            .collect();
        match &self.round_trip {
            Some(Ok(())) => lines.push(format!("{label}: round-trips")),
            Some(Err(difference)) => {
                lines.push(format!("{label}: does not round-trip: {difference}"))
            }
            None => {}
        }
        lines
    }
}
