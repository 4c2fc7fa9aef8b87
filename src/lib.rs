//! rookc: compiles the rook storage language to the manifests Rook-Ceph
//! reconciles.
//!
//! One way through the program: [`load`] reads the files, [`syntax`] parses
//! each into an [`ast`], [`check`] resolves and checks the whole program
//! into a [`model`], [`limits`] holds the sizes of what would be emitted
//! to Kubernetes' and RGW's limits, and [`emit`] turns the model into
//! manifests, which [`output`] writes. Every stage reports problems as [`diag::Diagnostic`]s.

pub mod access;
pub mod ast;
pub mod check;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod format;
pub mod import;
pub mod index;
pub mod kinds;
pub mod limits;
pub mod load;
pub mod lsp;
pub mod model;
pub mod output;
pub mod source;
pub mod syntax;

use std::collections::BTreeSet;

/// The Rook release whose CRDs and operator behaviour the language and its
/// output follow (`rookc --version` names it).
pub const ROOK_VERSION: &str = "v1.20";

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
    /// The checked program the manifests were emitted from; complete only
    /// when there was no error.
    pub program: model::Program,
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

/// How many declarations one program may have: far more than any real
/// program (a million buckets is about 300 MB of source), and few enough
/// that checking and emitting stay within a few gigabytes of memory.
pub const MAX_DECLARATIONS: usize = 1_000_000;

/// Parses every file of the program; `None` (with the diagnostic) when it
/// has more than [`MAX_DECLARATIONS`].
fn parse_program(sources: &SourceMap, diags: &mut Diagnostics) -> Option<Vec<ast::File>> {
    let mut files: Vec<ast::File> = Vec::with_capacity(sources.len());
    let mut declarations = 0;
    for id in sources.ids() {
        let file = syntax::parse_file(id, &sources.get(id).text, diags);
        declarations += file.declarations().count();
        files.push(file);
        if declarations > MAX_DECLARATIONS {
            // Stop reading more: report at the first declaration too many.
            if let Some(diagnostic) = too_many_declarations(&files, MAX_DECLARATIONS) {
                diags.push(diagnostic);
            }
            return None;
        }
    }
    Some(files)
}

/// Checks the parsed program, then what only the checked whole can tell:
/// the sizes of what would be emitted, and the claim fields the operator
/// must allow. The one checking step of `analyze` and `compile`.
fn check_program(files: Vec<ast::File>, diags: &mut Diagnostics) -> model::Program {
    let program = check::check(files, diags);
    if !diags.has_errors() {
        for diagnostic in limits::check_emitted_sizes(&program) {
            diags.push(diagnostic);
        }
    }
    if !diags.has_errors() {
        for diagnostic in claim_field_diagnostics(&program) {
            diags.push(diagnostic);
        }
        if let Some(note) = provided_keys_note(&program) {
            diags.push(note);
        }
        if let Some(note) = check::deleting_classes_note(&program) {
            diags.push(note);
        }
        if let Some(note) = client_secret_note(&program) {
            diags.push(note);
        }
    }
    program
}

/// Whether an analysis keeps the syntax trees: the checker consumes them
/// (it frees them as it goes), so keeping them costs a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trees {
    Keep,
    Drop,
}

/// Parses and checks a whole program: the one analysis behind [`analyze`],
/// [`diagnose`] and [`compile`].
fn analyze_program(sources: &SourceMap, trees: Trees) -> Analysis {
    let mut diags = Diagnostics::new();
    let Some(files) = parse_program(sources, &mut diags) else {
        return Analysis {
            files: Vec::new(),
            diagnostics: diags.into_sorted(),
            program: model::Program::default(),
        };
    };
    let (files, program) = match trees {
        Trees::Keep => {
            let program = check_program(files.clone(), &mut diags);
            (files, program)
        }
        Trees::Drop => (Vec::new(), check_program(files, &mut diags)),
    };
    Analysis {
        files,
        diagnostics: without_hidden_follow_ons(diags.into_sorted()),
        program,
    }
}

/// Parses and checks a whole program, keeping the syntax trees (for the
/// language server's navigation).
pub fn analyze(sources: &SourceMap) -> Analysis {
    analyze_program(sources, Trees::Keep)
}

/// Parses and checks a whole program without emitting it (`rookc check`):
/// every diagnostic [`compile`] reports, and `manifests` is `None`.
pub fn diagnose(sources: &SourceMap) -> Compilation {
    let analysis = analyze_program(sources, Trees::Drop);
    Compilation {
        diagnostics: analysis.diagnostics,
        manifests: None,
        program: analysis.program,
    }
}

/// Parses, checks and emits a whole program: [`diagnose`], then emit when
/// there is no error.
pub fn compile(sources: &SourceMap) -> Result<Compilation, emit::yaml::EmitError> {
    let mut compilation = diagnose(sources);
    if !compilation.has_errors() {
        compilation.manifests = Some(emit::emit(&compilation.program)?);
    }
    Ok(compilation)
}

/// Leaves out the diagnostics whose primary span holds a hidden character
/// (E0103): a name or string with a zero-width space in it is reported
/// once, as that, not again as an invalid name.
fn without_hidden_follow_ons(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let hidden: Vec<source::Span> = diagnostics
        .iter()
        .filter(|d| d.code == Code::HiddenCharacter)
        .map(|d| d.primary.span)
        .collect();
    if hidden.is_empty() {
        return diagnostics;
    }
    diagnostics
        .into_iter()
        .filter(|d| {
            let span = d.primary.span;
            d.code == Code::HiddenCharacter
                || !hidden
                    .iter()
                    .any(|h| h.file == span.file && h.start >= span.start && h.end <= span.end)
        })
        .collect()
}

/// E0101 at the first declaration beyond `limit`, if there is one.
fn too_many_declarations(files: &[ast::File], limit: usize) -> Option<Diagnostic> {
    let first_too_many = files.iter().flat_map(ast::File::declarations).nth(limit)?;
    Some(
        Diagnostic::new(
            Code::Syntax,
            format!("the program has more than {limit} declarations"),
            first_too_many.name.span,
            format!("declaration {} of the program", limit + 1),
        )
        .with_note(format!(
            "rookc compiles at most {limit} declarations at once; split the program into several"
        )),
    )
}

/// What the operator's `ROOK_OBC_ALLOW_ADDITIONAL_CONFIG_FIELDS` means for
/// the claims: checked against the program's `obc_fields` when it declares
/// the setting (E0310), else the reminder N0601.
fn claim_field_diagnostics(program: &model::Program) -> Vec<Diagnostic> {
    match &program.settings.obc_fields {
        Some(allowed) => fields_not_allowed(program, allowed),
        None => allow_list_note(program).into_iter().collect(),
    }
}

/// E0310: each claim field `obc_fields` does not list, once, at the first
/// bucket that needs it.
fn fields_not_allowed(program: &model::Program, allowed: &model::ObcFields) -> Vec<Diagnostic> {
    let mut first_use: std::collections::BTreeMap<&str, &model::Bucket> = Default::default();
    for bucket in &program.buckets {
        for field in emit::claim_fields(bucket) {
            if allowed.fields.iter().any(|f| f == field) {
                continue;
            }
            let first = first_use.entry(field).or_insert(bucket);
            if bucket.origin < first.origin {
                *first = bucket;
            }
        }
    }
    check::OBC_FIELDS
        .iter()
        .filter_map(|field| first_use.get(field).map(|bucket| (*field, *bucket)))
        .map(|(field, bucket)| {
            Diagnostic::new(
                Code::ObcFieldNotAllowed,
                format!(
                    "bucket `{}` needs the ObjectBucketClaim field `{field}`, which `obc_fields` does not allow",
                    bucket.meta.name
                ),
                bucket.origin,
                format!("its claim sets `{field}`"),
            )
            .with_secondary(allowed.span, "the fields the operator allows")
            .with_help(format!(
                "add `\"{field}\"` to `obc_fields`, and to the operator's `ROOK_OBC_ALLOW_ADDITIONAL_CONFIG_FIELDS`"
            ))
        })
        .collect()
}

/// N0615: users whose keys come from Secrets the build does not write,
/// once per build, at the first such user.
fn provided_keys_note(program: &model::Program) -> Option<Diagnostic> {
    let with_keys = program.users.iter().filter(|u| !u.keys.is_empty());
    let first = with_keys.clone().min_by_key(|u| u.origin)?;
    let secrets: BTreeSet<String> = with_keys
        .flat_map(|u| {
            let namespace = u.meta.namespace.clone().unwrap_or_default();
            u.keys
                .iter()
                .map(move |k| format!("`{namespace}/{}`", k.secret))
        })
        .collect();
    Some(
        Diagnostic::new(
            Code::UserProvidedKeys,
            format!(
                "users read their S3 keys from Secrets you provide: {}",
                secrets.into_iter().collect::<Vec<_>>().join(", ")
            ),
            first.origin,
            "first user with `keys`",
        )
        .with_note("rookc writes no Secret: create each one with the key names its `keys` gives, in the user's namespace, before applying; while `keys` is set, do not rely on Rook's own `rook-ceph-object-user-<store>-<name>` Secret (`rookc explain N0615`)"),
    )
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
    let setting: Vec<&str> = check::OBC_FIELDS
        .iter()
        .copied()
        .filter(|f| emit::DEFAULT_ALLOWED_FIELDS.contains(f) || needed.contains(f))
        .collect();
    let setting = setting.join(",");
    Some(
        Diagnostic::new(
            Code::AdditionalConfigFields,
            format!(
                "the Rook operator rejects these ObjectBucketClaim fields unless told to allow them: {}",
                needed.iter().copied().collect::<Vec<_>>().join(", ")
            ),
            span,
            "first bucket that needs them",
        )
        .with_note(format!("set ROOK_OBC_ALLOW_ADDITIONAL_CONFIG_FIELDS=\"{setting}\" on the operator (`rookc explain N0601`)")),
    )
}

/// N0620: the Secrets Rook writes the clients' cephx keys to, once per
/// build, at the first client that keeps its Secret.
fn client_secret_note(program: &model::Program) -> Option<Diagnostic> {
    let mut clients: Vec<&model::Client> = program
        .clients
        .iter()
        .filter(|c| c.remove_secret != Some(true))
        .collect();
    clients.sort_by_key(|c| c.origin);
    let first = clients.first()?;
    let secrets: Vec<String> = clients
        .iter()
        .map(|c| {
            format!(
                "`{}` in `{}` (entry `{}`)",
                c.secret(),
                c.meta.namespace.as_deref().unwrap_or_default(),
                c.user_id()
            )
        })
        .collect();
    Some(
        Diagnostic::new(
            Code::ClientSecret,
            format!("Rook writes the clients' cephx keys to Secrets: {}", secrets.join(", ")),
            first.origin,
            "first client",
        )
        .with_note("each Secret also holds `userID` (the client's object name) and `userKey`, the entries ceph-csi reads (`rookc explain N0620`)"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_beyond_the_limit_are_reported_at_the_first_one() {
        let text = "user a { }\nnamespace \"n\" { user b { }\n user c { } }\n";
        let mut diags = Diagnostics::new();
        let file = syntax::parse_file(source::FileId(0), text, &mut diags);
        let files = [file];
        assert!(too_many_declarations(&files, 3).is_none());
        let diagnostic = too_many_declarations(&files, 2).expect("c is one too many");
        assert_eq!(diagnostic.code, Code::Syntax);
        assert_eq!(
            &text[diagnostic.primary.span.start..diagnostic.primary.span.end],
            "c"
        );
        assert!(diagnostic.message.contains("more than 2 declarations"));
    }
}
