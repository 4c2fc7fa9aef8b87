//! Turns pest's "expected rules" into the words a person reads. Every rule
//! of the grammar that pest can report has a description here.

use std::sync::OnceLock;

use super::Rule;
use crate::ast::DeclKind;

/// How an expected rule is described in a syntax error.
pub fn describe(rule: Rule) -> &'static str {
    match rule {
        Rule::kw_objectstore => "`objectstore`",
        Rule::kw_filesystem => "`filesystem`",
        Rule::kw_subvolumegroup => "`subvolumegroup`",
        Rule::kw_account => "`account`",
        Rule::kw_user => "`user`",
        Rule::kw_bucket => "`bucket`",
        Rule::kw_bucketclass => "`bucketclass`",
        Rule::kw_volume => "`volume`",
        Rule::kw_blockpool => "`blockpool`",
        Rule::kw_blockclass => "`blockclass`",
        Rule::kw_fileclass => "`fileclass`",
        Rule::kw_topic => "`topic`",
        Rule::kw_notification => "`notification`",
        Rule::kw_client => "`client`",
        Rule::kw_snapshotclass => "`snapshotclass`",
        Rule::kw_snapshot => "`snapshot`",
        Rule::kw_namespace | Rule::group => "`namespace`",
        Rule::kw_rook | Rule::settings => "`rook`",
        Rule::kw_policy | Rule::policy => "`policy`",
        Rule::kw_lifecycle | Rule::lifecycle => "`lifecycle`",
        Rule::kw_allow => "`allow`",
        Rule::kw_deny => "`deny`",
        Rule::effect | Rule::statement => "`allow` or `deny`",
        Rule::kw_anyone => "`anyone`",
        Rule::kw_on => "`on`",
        Rule::kw_after => "`after`",
        Rule::kw_to => "`to`",
        Rule::kw_true | Rule::kw_false | Rule::boolean => "`true` or `false`",
        Rule::lbrace => "`{`",
        Rule::rbrace => "`}`",
        Rule::lbracket => "`[`",
        Rule::rbracket => "`]`",
        Rule::lparen => "`(`",
        Rule::rparen => "`)`",
        Rule::eq => "`=`",
        Rule::comma => "`,`",
        Rule::at_allow | Rule::suppression => "`@allow(...)`",
        Rule::ident | Rule::ref_ident => "a name",
        Rule::string | Rule::string_inner => "a string",
        Rule::number => "a number",
        Rule::list => "a list",
        Rule::value => "a value",
        Rule::ident_char => "a letter, digit, `-` or `_`",
        Rule::reserved => "`allow`, `deny`, `anyone` or `on`",
        Rule::body_item => "an attribute (`name = value`) or a block",
        Rule::decl_kind | Rule::declaration | Rule::item => a_declaration(),
        Rule::attribute => "an attribute (`name = value`)",
        Rule::block => "a block",
        Rule::entry => "an entry (`key = value`)",
        Rule::principals | Rule::principal => "a user name, `anyone` or an ARN string",
        Rule::action => "an access group or an action string",
        Rule::resources => "a key pattern string",
        Rule::lifecycle_rule => "a lifecycle rule",
        Rule::rule_options => "`{`",
        Rule::unit_word => "a unit",
        Rule::EOI => "the end of the file",
        Rule::file | Rule::WHITESPACE | Rule::COMMENT => "more text",
    }
}

/// "a declaration (`objectstore`, ... or `volume`)": every kind's keyword,
/// in the kind table's order.
fn a_declaration() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let keywords: Vec<String> = DeclKind::ALL
            .iter()
            .map(|kind| format!("`{}`", kind.keyword()))
            .collect();
        format!("a declaration ({})", in_words(&keywords))
    })
}

/// "a", "a or b", "a, b or c".
fn in_words(words: &[impl AsRef<str>]) -> String {
    match words {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} or {}", init.join(", "), last.as_ref())
        }
    }
}

/// "`=` or `{`", "one of `=`, `{` or `[`".
pub fn join(mut words: Vec<&'static str>) -> String {
    words.sort_unstable();
    words.dedup();
    if words.is_empty() {
        return "something else".to_string();
    }
    in_words(&words)
}
