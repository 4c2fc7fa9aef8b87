//! `\n`, `\r\n` and a lone `\r` are all line ends: the same program with
//! any of them compiles to the same bytes, gets the same diagnostics at the
//! same lines and columns, formats to the same (LF) text, and both parsers
//! agree on it. A lone `\r` used to leave a comment on line 1 running to
//! the end of the file, so that `build` wrote no manifests at all.

use std::fs;
use std::path::PathBuf;

use rookc::diag::Diagnostics;
use rookc::source::SourceMap;

use crate::robustness::assert_parsers_agree;
use crate::support::{rookc, root};

/// The text with every `\n` written as `ending`.
fn with_endings(text: &str, ending: &str) -> String {
    text.replace('\n', ending)
}

const ENDINGS: [(&str, &str); 2] = [("CRLF", "\r\n"), ("CR", "\r")];

/// Every `.rook` file of the examples and the ui cases.
fn cases() -> Vec<PathBuf> {
    rookc::load::find_files(&[root().join("examples"), root().join("tests/ui")]).expect("cases")
}

fn compile_as(path: &str, text: &str) -> (SourceMap, rookc::Compilation) {
    let mut sources = SourceMap::new();
    sources.add(path, text);
    let compilation = rookc::compile(&sources).expect("emit never fails");
    (sources, compilation)
}

#[test]
fn a_cr_only_file_starting_with_a_comment_is_not_one_comment() {
    let text = "# storage for the homelab\robjectstore s3 {\r  namespace = \"rook-ceph\"\r  storage_class = \"s3\"\r}\ruser loki { store = s3 }\rbucket logs {\r  owner = loki\r  store = s3\r  namespace = \"apps\"\r}\r";
    let (sources, compilation) = compile_as("cr.rook", text);
    let rendered = rookc::diag::render::render(&sources, &compilation.diagnostics, false);
    let manifests = compilation.manifests.expect("compiles");
    assert_eq!(manifests.len(), 2, "{rendered}");
}

#[test]
fn every_line_ending_compiles_to_the_same_bytes() {
    for path in cases() {
        let text = fs::read_to_string(&path).expect("readable");
        let (_, lf) = compile_as("case.rook", &text);
        let lf_stream = lf.manifests.as_deref().map(rookc::emit::stream);
        for (name, ending) in ENDINGS {
            let (_, other) = compile_as("case.rook", &with_endings(&text, ending));
            let stream = other.manifests.as_deref().map(rookc::emit::stream);
            assert_eq!(stream, lf_stream, "{} with {name}", path.display());
        }
    }
}

#[test]
fn diagnostics_are_at_the_same_lines_and_columns() {
    for path in cases() {
        let text = fs::read_to_string(&path).expect("readable");
        let (sources, lf) = compile_as("case.rook", &text);
        let rendered = rookc::diag::render::render(&sources, &lf.diagnostics, false);
        let places = json_places(&sources, &lf.diagnostics);
        for (name, ending) in ENDINGS {
            let (sources, other) = compile_as("case.rook", &with_endings(&text, ending));
            assert_eq!(
                rookc::diag::render::render(&sources, &other.diagnostics, false),
                rendered,
                "{} with {name}",
                path.display()
            );
            assert_eq!(
                json_places(&sources, &other.diagnostics),
                places,
                "{} with {name}",
                path.display()
            );
        }
    }
}

/// `(line, column)` of every label start and end in the JSON report.
fn json_places(sources: &SourceMap, diagnostics: &[rookc::diag::Diagnostic]) -> Vec<String> {
    let json = rookc::diag::json::render(sources, diagnostics);
    json.lines()
        .flat_map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("json");
            let labels = value["labels"].as_array().cloned().unwrap_or_default();
            labels.into_iter().map(|label| {
                format!(
                    "{}:{}-{}:{}",
                    label["start"]["line"],
                    label["start"]["column"],
                    label["end"]["line"],
                    label["end"]["column"]
                )
            })
        })
        .collect()
}

#[test]
fn both_parsers_agree_whatever_the_line_endings() {
    for path in cases() {
        let text = fs::read_to_string(&path).expect("readable");
        for (name, ending) in ENDINGS {
            let what = format!("{} with {name}", path.display());
            assert_parsers_agree(&with_endings(&text, ending), &what);
        }
    }
    // A lone `\r` inside a line ends a comment, and breaks a string.
    assert_parsers_agree("# a\ruser x { }\r# b\r\n", "comments before \\r");
    assert_parsers_agree("user x { store = \"a\rb\" }", "\\r in a string");
}

/// Formats a text; `None` when it has syntax errors.
fn format(text: &str) -> Option<String> {
    let mut sources = SourceMap::new();
    let id = sources.add("case.rook", text);
    rookc::format_source(&sources, id, &mut Diagnostics::new()).expect("formattable")
}

#[test]
fn fmt_writes_lf_whatever_the_line_endings() {
    for path in cases() {
        let text = fs::read_to_string(&path).expect("readable");
        let Some(lf) = format(&text) else { continue };
        for (name, ending) in ENDINGS {
            let formatted = format(&with_endings(&text, ending));
            assert_eq!(
                formatted.as_ref(),
                Some(&lf),
                "{} with {name}",
                path.display()
            );
        }
    }
}

#[test]
fn fmt_rewrites_a_cr_file_with_lf() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a.rook");
    fs::write(&file, "# keep me\r\ruser a {\r  store = s3\r}\r").expect("write");
    let run = rookc(&["fmt", "a.rook"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(&file).expect("read"),
        "# keep me\n\nuser a {\n  store = s3\n}\n"
    );
}
