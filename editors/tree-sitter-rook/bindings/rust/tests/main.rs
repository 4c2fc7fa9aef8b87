//! Tests of the rook tree-sitter grammar with the tree-sitter runtime:
//! every rook file of the repository parses (`repository`), the corpus of
//! `test/corpus/` gives its trees (`corpus`), line ends of every style
//! parse alike (`line_ends`), and the queries give the annotated captures
//! of `test/highlight/` in every editor's names (`highlight`).

mod corpus;
mod highlight;
mod line_ends;
mod repository;
mod support;
