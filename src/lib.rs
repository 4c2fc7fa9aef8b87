//! rookc: compiles the rook storage language to the manifests Rook-Ceph
//! reconciles.
//!
//! One way through the program: [`load`] reads the files, [`syntax`] parses
//! each into an [`ast`], [`check`] resolves and checks the whole program
//! into a [`model`], and [`emit`] turns the model into manifests, which
//! [`output`] writes. Every stage reports problems as [`diag::Diagnostic`]s.

pub mod ast;
pub mod check;
pub mod diag;
pub mod emit;
pub mod format;
pub mod import;
pub mod index;
pub mod load;
pub mod lsp;
pub mod model;
pub mod output;
pub mod source;
pub mod syntax;

use std::collections::BTreeSet;

use diag::{Code, Diagnostic, Diagnostics};
use emit::Manifest;
use source::SourceMap;

/// What compiling a program produced.
#[derive(Debug, Clone)]
pub struct Compilation {
    /// Every diagnostic, sorted by place.
    pub diagnostics: Vec<Diagnostic>,
    /// The manifests, when there was no error.
    pub manifests: Option<Vec<Manifest>>,
}

impl Compilation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity() == diag::Severity::Error)
    }
}

/// Formats one file: `Ok(None)` when it has syntax errors (they are in
/// `diags`), else the canonical text.
pub fn format_source(
    sources: &SourceMap,
    id: source::FileId,
    diags: &mut Diagnostics,
) -> Result<Option<String>, format::FormatError> {
    let text = &sources.get(id).text;
    let mut own = Diagnostics::new();
    let file = syntax::parse_file(id, text, &mut own);
    let broken = own.has_errors();
    for diagnostic in own.into_sorted() {
        diags.push(diagnostic);
    }
    if broken {
        return Ok(None);
    }
    format::format_file(&file, text).map(Some)
}

/// A parsed and checked program, before emitting.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// One AST per file, in the source map's order.
    pub files: Vec<ast::File>,
    /// Every diagnostic, sorted by place; the build note included when
    /// there is no error.
    pub diagnostics: Vec<Diagnostic>,
    /// The model; complete only without errors.
    pub program: model::Program,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity() == diag::Severity::Error)
    }
}

/// Parses and checks a whole program.
pub fn analyze(sources: &SourceMap) -> Analysis {
    let mut diags = Diagnostics::new();
    let files: Vec<ast::File> = sources
        .ids()
        .map(|id| syntax::parse_file(id, &sources.get(id).text, &mut diags))
        .collect();
    let program = check::check(&files, &mut diags);
    if !diags.has_errors() {
        if let Some(note) = allow_list_note(&program) {
            diags.push(note);
        }
    }
    Analysis {
        files,
        diagnostics: diags.into_sorted(),
        program,
    }
}

/// Parses, checks and emits a whole program.
pub fn compile(sources: &SourceMap) -> Result<Compilation, emit::yaml::EmitError> {
    let analysis = analyze(sources);
    let manifests = if analysis.has_errors() {
        None
    } else {
        Some(emit::emit(&analysis.program)?)
    };
    Ok(Compilation {
        diagnostics: analysis.diagnostics,
        manifests,
    })
}

/// N0601: the `additionalConfig` keys beyond Rook's default allow-list that
/// the build uses, once per build, at the first bucket that needs one.
fn allow_list_note(program: &model::Program) -> Option<Diagnostic> {
    let mut needed = BTreeSet::new();
    let mut first = None;
    for bucket in &program.buckets {
        let fields = emit::config_fields(bucket);
        if !fields.is_empty() && first.is_none_or(|span| bucket.origin < span) {
            first = Some(bucket.origin);
        }
        needed.extend(fields);
    }
    let span = first?;
    let order = [
        "maxObjects",
        "maxSize",
        "bucketMaxObjects",
        "bucketMaxSize",
        "bucketPolicy",
        "bucketLifecycle",
        "bucketOwner",
    ];
    let setting: Vec<&str> = order
        .iter()
        .copied()
        .filter(|f| emit::DEFAULT_ALLOWED_FIELDS.contains(f) || needed.contains(f))
        .collect();
    let setting = setting.join(",");
    Some(
        Diagnostic::new(
            Code::AdditionalConfigFields,
            format!(
                "these manifests use ObjectBucketClaim fields the Rook operator rejects by default: {}",
                needed.iter().copied().collect::<Vec<_>>().join(", ")
            ),
            span,
            "first bucket that needs them",
        )
        .with_note(format!("set ROOK_OBC_ALLOW_ADDITIONAL_CONFIG_FIELDS=\"{setting}\" in the operator's environment or the `rook-ceph-operator-config` ConfigMap (Helm value `obcAllowAdditionalConfigFields`)"))
        .with_note("the list is comma-separated without spaces, and replaces Rook's default of `maxObjects,maxSize`"),
    )
}
