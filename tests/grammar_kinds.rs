//! The grammar and the kind table agree: `grammar/rook.pest`'s `decl_kind`
//! rule lists exactly the keywords of `DeclKind::ALL`, and each of them
//! parses, with pest and with the fast path, as its own kind. A kind added
//! to one and not the other fails here.

use rookc::ast::{DeclKind, File, Item};
use rookc::diag::Diagnostics;
use rookc::source::FileId;

use crate::support::root;

/// The keywords the grammar's `decl_kind` rule accepts, read from its text:
/// `decl_kind = { kw_a | kw_b }` and each `kw_a = @{ "a" ~ !ident_char }`.
fn grammar_decl_keywords() -> Vec<String> {
    let grammar = std::fs::read_to_string(root().join("grammar/rook.pest")).expect("the grammar");
    let rule_of = |name: &str| {
        grammar
            .lines()
            .find_map(|line| {
                let (left, right) = line.split_once('=')?;
                (left.trim() == name).then(|| right.trim().to_string())
            })
            .unwrap_or_else(|| panic!("the grammar has no rule `{name}`"))
    };
    let alternatives = rule_of("decl_kind");
    let alternatives = alternatives
        .trim_start_matches('{')
        .trim_end_matches('}')
        .split('|')
        .map(str::trim);
    alternatives
        .map(|keyword_rule| {
            let body = rule_of(keyword_rule);
            let word = body
                .split('"')
                .nth(1)
                .unwrap_or_else(|| panic!("`{keyword_rule}` is not a quoted keyword: {body}"));
            assert_eq!(
                body,
                format!("@{{ \"{word}\" ~ !ident_char }}"),
                "`{keyword_rule}` must be a whole word"
            );
            word.to_string()
        })
        .collect()
}

fn only_kind(file: &File) -> Option<(DeclKind, &str)> {
    match file.items.as_slice() {
        [Item::Declaration(declaration)] => Some((declaration.kind.value, &declaration.name.value)),
        _ => None,
    }
}

#[test]
fn the_grammar_lists_exactly_the_kind_tables_keywords() {
    let mut grammar = grammar_decl_keywords();
    let mut table: Vec<String> = DeclKind::ALL
        .iter()
        .map(|kind| kind.keyword().to_string())
        .collect();
    grammar.sort();
    table.sort();
    assert_eq!(
        grammar, table,
        "grammar/rook.pest `decl_kind` vs DeclKind::ALL"
    );
}

#[test]
fn every_kind_parses_as_itself_with_both_parsers() {
    for kind in DeclKind::ALL.iter().copied() {
        let text = format!("{} x {{}}", kind.keyword());
        let mut diags = Diagnostics::new();
        let pest = rookc::syntax::parse_file_with_pest(FileId(0), &text, &mut diags);
        assert!(diags.is_empty(), "{text}: {diags:?}");
        assert_eq!(only_kind(&pest), Some((kind, "x")), "{text} with pest");
        let [Item::Declaration(declaration)] = pest.items.as_slice() else {
            unreachable!("checked above")
        };
        let keyword = declaration.kind.span;
        assert_eq!(&text[keyword.start..keyword.end], kind.keyword());
        let fast = rookc::syntax::parse_file_fast(FileId(0), &text);
        assert_eq!(
            fast.as_ref().and_then(only_kind),
            Some((kind, "x")),
            "{text} with the fast path"
        );
    }
}

#[test]
fn a_syntax_error_at_a_declaration_names_every_kind() {
    let mut diags = Diagnostics::new();
    // After `@allow(...)` only a declaration may follow.
    rookc::syntax::parse_file_with_pest(FileId(0), "@allow(unused-user) bukket x {}", &mut diags);
    let message = diags
        .iter()
        .next()
        .map(|d| d.message.clone())
        .unwrap_or_default();
    for kind in DeclKind::ALL {
        assert!(
            message.contains(&format!("`{}`", kind.keyword())),
            "`{}` missing from: {message}",
            kind.keyword()
        );
    }
}
