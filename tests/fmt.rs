//! `rookc fmt`: the canonical layout (snapshots), idempotence, comments kept
//! in place, and meaning kept: the program compiles to the same bytes
//! before and after, over every example and every ui case that parses.

use std::fs;
use std::path::PathBuf;

use rookc::diag::Diagnostics;
use rookc::source::SourceMap;

use crate::support::{rookc, root};

/// Formats one text; `None` when it has syntax errors.
fn format(text: &str) -> Option<String> {
    let mut sources = SourceMap::new();
    let id = sources.add("case.rook", text);
    rookc::format_source(&sources, id, &mut Diagnostics::new()).expect("formattable")
}

fn compile(text: &str) -> (Option<String>, Vec<String>) {
    let mut sources = SourceMap::new();
    sources.add("case.rook", text);
    let compilation = rookc::compile(&sources).expect("emit");
    let stream = compilation.manifests.as_deref().map(rookc::emit::stream);
    let mut codes: Vec<String> = compilation
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code.as_str(), d.message))
        .collect();
    codes.sort();
    (stream, codes)
}

fn comments(text: &str) -> Vec<String> {
    let mut sources = SourceMap::new();
    let id = sources.add("case.rook", text);
    let file = rookc::syntax::parse_file(id, text, &mut Diagnostics::new());
    file.comments.iter().map(|c| c.text.clone()).collect()
}

fn rook_files(dir: &str) -> Vec<PathBuf> {
    rookc::load::find_files(&[root().join(dir)]).expect("files")
}

#[test]
fn messy_input_gets_the_canonical_layout() {
    let text = fs::read_to_string(root().join("tests/fmt/messy.rook")).expect("case");
    insta::assert_snapshot!(format(&text).expect("parses"));
}

#[test]
fn formatting_is_idempotent_keeps_comments_and_meaning() {
    let mut checked = 0;
    for path in rook_files("examples")
        .into_iter()
        .chain(rook_files("tests/ui"))
        .chain(rook_files("tests/fmt"))
    {
        let text = fs::read_to_string(&path).expect("text");
        let Some(once) = format(&text) else { continue };
        let twice = format(&once).expect("formatted text parses");
        assert_eq!(once, twice, "{}: fmt of fmt differs", path.display());
        assert_eq!(
            comments(&text),
            comments(&once),
            "{}: comments changed",
            path.display()
        );
        assert_eq!(
            compile(&text),
            compile(&once),
            "{}: meaning changed",
            path.display()
        );
        checked += 1;
    }
    assert!(checked > 100, "only {checked} files were checked");
}

#[test]
fn the_examples_are_formatted() {
    for path in rook_files("examples") {
        let text = fs::read_to_string(&path).expect("text");
        assert_eq!(
            format(&text).as_deref(),
            Some(text.as_str()),
            "{} is not formatted: run `rookc fmt examples`",
            path.display()
        );
    }
}

#[test]
fn fmt_check_lists_unformatted_files_and_fmt_rewrites_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.rook"), "user a{store=s}\n").expect("write");
    fs::write(dir.path().join("b.rook"), "user b {\n  store = s\n}\n").expect("write");
    let check = rookc(&["fmt", "--check"], dir.path());
    assert_eq!(check.code, 1);
    assert_eq!(check.stdout, "a.rook\n");
    assert_eq!(
        fs::read_to_string(dir.path().join("a.rook")).expect("kept"),
        "user a{store=s}\n"
    );
    let run = rookc(&["fmt"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.rook")).expect("formatted"),
        "user a {\n  store = s\n}\n"
    );
    assert_eq!(rookc(&["fmt", "--check"], dir.path()).code, 0);
}

#[test]
fn files_with_syntax_errors_are_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("bad.rook"), "user a { store = }\n").expect("write");
    let run = rookc(&["fmt", "--color", "never"], dir.path());
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[E0101]"), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("bad.rook")).expect("kept"),
        "user a { store = }\n"
    );
}

#[test]
fn a_linked_file_is_formatted_through_the_link() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("shared")).expect("dir");
    let messy = "objectstore s3 {namespace=\"rook-ceph\"}\n";
    fs::write(dir.path().join("shared/stores.rook"), messy).expect("write");
    std::os::unix::fs::symlink("shared/stores.rook", dir.path().join("stores.rook")).expect("link");
    let run = rookc(&["fmt", "stores.rook"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let link = fs::symlink_metadata(dir.path().join("stores.rook")).expect("link");
    assert!(link.file_type().is_symlink(), "the link is kept");
    let formatted = fs::read_to_string(dir.path().join("shared/stores.rook")).expect("read");
    assert_eq!(
        formatted,
        "objectstore s3 {\n  namespace = \"rook-ceph\"\n}\n"
    );
    assert_eq!(
        fs::read_dir(dir.path().join("shared"))
            .expect("dir")
            .count(),
        1
    );
}

#[test]
fn lifecycle_rule_options_go_on_the_rule_line() {
    let text = fs::read_to_string(root().join("tests/fmt/lifecycle-options.rook")).expect("case");
    insta::assert_snapshot!(format(&text).expect("parses"));
}

#[test]
fn a_group_budget_keeps_its_place_and_its_comment() {
    let text = "namespace \"apps\" {\n# the ceiling\nbudget {size=2Ti buckets=10}\n  store=s3\n  bucket logs { quota { size = 1Ti } }\n}\n";
    assert_eq!(
        format(text).expect("parses"),
        "namespace \"apps\" {\n  # the ceiling\n  budget { size = 2Ti  buckets = 10 }\n  store = s3\n\n  bucket logs {\n    quota { size = 1Ti }\n  }\n}\n"
    );
}
