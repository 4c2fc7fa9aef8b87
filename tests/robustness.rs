//! No input makes the compiler panic, and every diagnostic points inside
//! its file on character boundaries; the fast parser and pest agree on
//! every input. Inputs: every prefix and every one-character deletion of
//! each example file, every ui case, plus hostile snippets.

use rookc::diag::Diagnostics;
use rookc::source::{FileId, SourceMap};

use crate::support::root;

/// The fast path accepts exactly the files pest parses without a
/// diagnostic, and then gives the same AST.
pub fn assert_parsers_agree(text: &str, what: &str) {
    let mut diags = Diagnostics::new();
    let reference = rookc::syntax::parse_file_with_pest(FileId(0), text, &mut diags);
    let fast = rookc::syntax::parse_file_fast(FileId(0), text);
    match fast {
        Some(fast) => {
            assert!(
                diags.is_empty(),
                "{what}: the fast path accepted a file pest reports on"
            );
            assert_eq!(
                format!("{fast:?}"),
                format!("{reference:?}"),
                "{what}: the parsers disagree"
            );
        }
        None => assert!(
            !diags.is_empty(),
            "{what}: the fast path gave up on a file pest accepts"
        ),
    }
}

fn assert_sound(text: &str, what: &str) {
    assert_parsers_agree(text, what);
    let mut sources = SourceMap::new();
    sources.add("case.rook", text);
    let compilation = rookc::compile(&sources).unwrap_or_else(|e| panic!("{what}: {e}"));
    for diagnostic in &compilation.diagnostics {
        for label in std::iter::once(&diagnostic.primary).chain(&diagnostic.secondary) {
            let span = label.span;
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{what}: span {span:?} outside the text for {}",
                diagnostic.code.as_str()
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{what}: span {span:?} splits a character"
            );
        }
    }
    // Rendering must not fail or panic either.
    let _ = rookc::diag::render::render(&sources, &compilation.diagnostics, false);
}

#[test]
fn truncated_and_damaged_examples_never_panic() {
    let files = rookc::load::find_files(&[root().join("examples")]).expect("examples");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("text");
        assert_sound(&text, &file.display().to_string());
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for &cut in &boundaries {
            assert_sound(&text[..cut], &format!("{} cut at {cut}", file.display()));
            let next = text[cut..]
                .chars()
                .next()
                .map_or(cut, |c| cut + c.len_utf8());
            let damaged = format!("{}{}", &text[..cut], &text[next..]);
            assert_sound(
                &damaged,
                &format!("{} without the character at {cut}", file.display()),
            );
        }
    }
}

#[test]
fn hostile_snippets_never_panic() {
    let snippets = [
        "",
        "\u{feff}",
        "{",
        "}}}}",
        "\"",
        "bucket",
        "bucket b {",
        "bucket é { }",
        "bucket b { name = \"é\" }",
        "bucket b { quota { size = 99999999999999999999999999999999999999Ei } }",
        "bucket b { quota { size = 1.000000000000000000000000000000000000001Ki } }",
        "volume v { size = -0Gi }",
        "user u { caps { \"*\" = \"*\" } }",
        "namespace \"\" { }",
        "namespace \"a\" { namespace \"b\" { } }",
        "namespace \"a\" { budget { } bucket { } }",
        "namespace \"a\" { budget { size = 1Ti } bucketx { } policy { } }",
        "namespace \"a\" { budget { buckets = 99999999999999999999999999 size = 99999999999999Ei } }",
        "namespace \"a\" { budget { size = 1Ki } bucket b { quota { size = 99999999999999999999Ei } } }",
        "bucket b { policy { allow [] read } }",
        "bucket b { policy { deny anyone \"*\" on [] } }",
        "bucket b { lifecycle { expire \"\" after 0d to \"\" } }",
        "@allow() user u { }",
        "objectstore s { namespace = \"a\u{0}b\" }",
        "# only a comment",
        "\u{feff}\u{feff}user u { }",
        "\u{feff}# comment\nuser u\u{202e} { }",
        "user u { display_name = \"\\\u{200b}\" }",
        "bucket b { quota { size = 1__0Gi } } bucket c { quota { size = 1_Gi } }",
        "bucket b { policy { allow u read on \"${\" } }",
    ];
    for snippet in snippets {
        assert_sound(snippet, &format!("{snippet:?}"));
    }
}

#[test]
fn ui_cases_parse_alike_with_both_parsers() {
    let files = rookc::load::find_files(&[root().join("tests/ui")]).expect("ui cases");
    assert!(!files.is_empty());
    for file in files {
        let text = std::fs::read_to_string(&file).expect("text");
        assert_sound(&text, &file.display().to_string());
    }
}
