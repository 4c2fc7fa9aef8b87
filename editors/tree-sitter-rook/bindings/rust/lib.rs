//! The rook storage language of rookc (`*.rook`) for tree-sitter: the
//! language and its queries.
//!
//! ```
//! let mut parser = tree_sitter::Parser::new();
//! parser.set_language(&tree_sitter_rook::LANGUAGE.into()).expect("rook loads");
//! let tree = parser.parse("bucket logs { owner = loki }\n", None).expect("a tree");
//! assert!(!tree.root_node().has_error());
//! ```

use tree_sitter_language::LanguageFn;

extern "C" {
    fn tree_sitter_rook() -> *const ();
}

/// The rook language, for `tree_sitter::Parser::set_language`.
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_rook) };

/// The highlight query (capture names as `tree-sitter highlight`, Neovim
/// and Zed use them).
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");

/// The node types of the grammar, as generated.
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");
