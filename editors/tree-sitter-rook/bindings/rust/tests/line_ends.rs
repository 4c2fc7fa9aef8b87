//! Line ends: `\n`, `\r\n` and a lone `\r` all separate tokens, as in
//! rookc; a comment runs to a `\n` (or `\r\n`), so after a lone `\r` it
//! goes on, as rookc's comment rule does.

use tree_sitter::{Node, Tree};

use crate::support::{files_under, parse, read, repository_root, shown, syntax_errors};

fn comments<'t>(node: Node<'t>, found: &mut Vec<Node<'t>>) {
    if node.kind() == "comment" {
        found.push(node);
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        comments(child, found);
    }
}

fn comment_texts(tree: &Tree, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    comments(tree.root_node(), &mut found);
    found
        .iter()
        .map(|c| text[c.byte_range()].to_string())
        .collect()
}

#[test]
fn examples_with_crlf_line_ends_give_the_same_trees() {
    let examples = files_under(&repository_root().join("examples"), ".rook");
    assert!(examples.len() >= 5, "{examples:?}");
    for path in &examples {
        let text = read(path);
        let crlf = text.replace('\n', "\r\n");
        let (tree, crlf_tree) = (parse(&text), parse(&crlf));
        let name = shown(path);
        assert_eq!(syntax_errors(&crlf_tree), Vec::<String>::new(), "{name}");
        assert_eq!(
            tree.root_node().to_sexp(),
            crlf_tree.root_node().to_sexp(),
            "{name}"
        );
        assert_eq!(
            comment_texts(&tree, &text),
            comment_texts(&crlf_tree, &crlf),
            "{name}: a comment ends before `\\r\\n`"
        );
    }
}

#[test]
fn a_lone_carriage_return_separates_tokens() {
    let lf = "bucket b {\n  owner = loki\n  quota { size = 1Gi }\n  policy { allow x read }\n}\n";
    let cr = lf.replace('\n', "\r");
    let (lf_tree, cr_tree) = (parse(lf), parse(&cr));
    assert_eq!(syntax_errors(&cr_tree), Vec::<String>::new());
    assert_eq!(lf_tree.root_node().to_sexp(), cr_tree.root_node().to_sexp());
}

#[test]
fn a_comment_runs_past_a_lone_carriage_return_to_the_line_feed() {
    let text = "# one\rbucket b {}\nbucket c { # two\r\n}\r\n";
    let tree = parse(text);
    assert_eq!(syntax_errors(&tree), Vec::<String>::new());
    assert_eq!(comment_texts(&tree, text), ["# one\rbucket b {}", "# two"]);
    assert_eq!(
        tree.root_node().to_sexp(),
        "(source_file (comment) (declaration name: (identifier) (comment)))"
    );
}
