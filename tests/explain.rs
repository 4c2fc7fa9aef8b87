//! The explanation pages in `docs/errors/`: one per code, in the agreed
//! shape, and every example behaves as the page claims: each `rook,fails`
//! block yields the page's code, each `rook` block compiles without error
//! and without that code.
//!
//! Examples of size limits would be megabytes long, so an example may
//! abbreviate them ([`expand`]).

use rookc::diag::{Code, Severity};
use rookc::source::SourceMap;

use crate::support::{expand, root};

/// The fenced code blocks of a page: (info string, body).
fn blocks(page: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in page.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) => current = Some((info.trim().to_string(), String::new())),
            (Some(_), Some(_)) => blocks.extend(current.take()),
            (Some((_, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

fn codes_of(source: &str) -> (Vec<Code>, bool) {
    let source = expand(source);
    let mut sources = SourceMap::new();
    sources.add("example.rook", source);
    let compilation = rookc::compile(&sources).expect("emit never fails");
    let codes = compilation.diagnostics.iter().map(|d| d.code).collect();
    let errors = compilation
        .diagnostics
        .iter()
        .any(|d| d.severity() == Severity::Error);
    (codes, errors)
}

#[test]
fn every_code_has_a_page_whose_examples_behave_as_claimed() {
    for &code in Code::ALL {
        let path = root().join(format!("docs/errors/{}.md", code.as_str()));
        let page =
            std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("no page {}", path.display()));
        assert_eq!(
            rookc::diag::explain::page(code),
            page,
            "the binary embeds {}",
            path.display()
        );
        let heading = format!("# {}: {}\n", code.as_str(), code.name());
        assert!(
            page.starts_with(&heading),
            "{} must start with {heading:?}",
            path.display()
        );
        let blocks = blocks(&page);
        let failing: Vec<&String> = blocks
            .iter()
            .filter(|(info, _)| info == "rook,fails")
            .map(|(_, b)| b)
            .collect();
        let fixed: Vec<&String> = blocks
            .iter()
            .filter(|(info, _)| info == "rook")
            .map(|(_, b)| b)
            .collect();
        assert!(
            !failing.is_empty(),
            "{}: no `rook,fails` example",
            path.display()
        );
        assert!(!fixed.is_empty(), "{}: no `rook` fix", path.display());
        for example in failing {
            let (codes, _) = codes_of(example);
            assert!(
                codes.contains(&code),
                "{}: the failing example yields {codes:?}, not {}:\n{example}",
                path.display(),
                code.as_str()
            );
        }
        for example in fixed {
            let (codes, errors) = codes_of(example);
            assert!(
                !errors && !codes.contains(&code),
                "{}: the fix yields {codes:?}:\n{example}",
                path.display()
            );
        }
    }
}

#[test]
fn abbreviations_are_written_out() {
    assert_eq!(
        expand("a\n  b{n} = \"{x 3}\"  # × 2\n"),
        "a\n  b1 = \"xxx\"\n  b2 = \"xxx\"\n"
    );
}

#[test]
fn the_block_reader_finds_info_strings() {
    let page = "# X\n```rook,fails\na\n```\ntext\n```rook\nb\n```\n```yaml\nc\n```\n";
    let found = blocks(page);
    assert_eq!(found.len(), 3);
    assert_eq!(found[0], ("rook,fails".to_string(), "a\n".to_string()));
    assert_eq!(found[1], ("rook".to_string(), "b\n".to_string()));
}
