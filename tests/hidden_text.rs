//! Text that hides what it says (issue 10, item 8): bidirectional controls
//! and zero-width characters are E0103 wherever they stand, each reported
//! once; a byte-order mark at the start of a file is accepted silently by
//! the compiler and kept by the formatter.

use rookc::diag::{Code, Diagnostics};
use rookc::source::SourceMap;

use crate::support::{rookc, root};

/// The documented set (docs/errors/E0103.md).
const HIDDEN: &[char] = &[
    '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}',
    '\u{2061}', '\u{2062}', '\u{2063}', '\u{2064}', '\u{FEFF}',
];

const BOM: &str = "\u{FEFF}";

fn example() -> String {
    let stores = std::fs::read_to_string(root().join("examples/homelab/stores.rook"));
    let monitoring = std::fs::read_to_string(root().join("examples/homelab/monitoring.rook"));
    format!(
        "{}\n{}",
        stores.expect("example"),
        monitoring.expect("example")
    )
}

/// Codes and manifests of one file.
fn compile(text: &str) -> (Vec<(Code, usize)>, Option<String>) {
    let mut sources = SourceMap::new();
    sources.add("case.rook", text);
    let compilation = rookc::compile(&sources).expect("emit");
    let codes = compilation
        .diagnostics
        .iter()
        .map(|d| (d.code, d.primary.span.start))
        .collect();
    (
        codes,
        compilation.manifests.as_deref().map(rookc::emit::stream),
    )
}

#[test]
fn every_hidden_character_is_an_error_in_comments_strings_and_code() {
    for &c in HIDDEN {
        for (text, at) in [
            (format!("# a{c}b\n"), 3),
            (format!("user u {{ display_name = \"a{c}\" }}\n"), 26),
            (format!("user u{c} {{ }}\n"), 6),
        ] {
            let (codes, manifests) = compile(&text);
            let hidden: Vec<usize> = codes
                .iter()
                .filter(|(code, _)| *code == Code::HiddenCharacter)
                .map(|&(_, start)| start)
                .collect();
            assert_eq!(
                hidden,
                [at],
                "U+{:04X} in {text:?}: {codes:?}",
                u32::from(c)
            );
            // No syntax error on top of it, and nothing is emitted.
            assert!(
                !codes.iter().any(|(code, _)| *code == Code::Syntax),
                "{text:?}: {codes:?}"
            );
            assert!(manifests.is_none());
        }
    }
}

#[test]
fn a_byte_order_mark_at_the_start_is_accepted_silently() {
    let plain = example();
    let with_bom = format!("{BOM}{plain}");
    assert_eq!(compile(&with_bom).1, compile(&plain).1, "same manifests");
    let codes: Vec<Code> = compile(&with_bom).0.into_iter().map(|(c, _)| c).collect();
    let plain_codes: Vec<Code> = compile(&plain).0.into_iter().map(|(c, _)| c).collect();
    assert_eq!(codes, plain_codes);
    // Both parsers skip it, and agree.
    crate::robustness::assert_parsers_agree(&with_bom, "BOM");
    let mut diags = Diagnostics::new();
    let file = rookc::syntax::parse_file_with_pest(rookc::source::FileId(0), &with_bom, &mut diags);
    assert!(diags.is_empty());
    assert!(!file.items.is_empty());
}

#[test]
fn fmt_keeps_a_byte_order_mark() {
    let dir = tempfile::tempdir().expect("temp dir");
    let messy = format!("{BOM}# storage\nuser a{{store=s3}}\n");
    std::fs::write(dir.path().join("a.rook"), &messy).expect("write");
    let run = rookc(&["fmt", "a.rook"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let formatted = std::fs::read_to_string(dir.path().join("a.rook")).expect("read");
    assert_eq!(
        formatted,
        format!("{BOM}# storage\nuser a {{\n  store = s3\n}}\n")
    );
    let again = rookc(&["fmt", "--check", "a.rook"], dir.path());
    assert_eq!(again.code, 0, "formatted, BOM and all: {}", again.stderr);
}
