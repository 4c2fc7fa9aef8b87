//! Turns pest's "expected rules" into the words a person reads. Every rule
//! of the grammar that pest can report has a description here.

use super::Rule;

/// How an expected rule is described in a syntax error.
pub fn describe(rule: Rule) -> &'static str {
    match rule {
        Rule::kw_objectstore => "`objectstore`",
        Rule::kw_filesystem => "`filesystem`",
        Rule::kw_subvolumegroup => "`subvolumegroup`",
        Rule::kw_account => "`account`",
        Rule::kw_user => "`user`",
        Rule::kw_bucket => "`bucket`",
        Rule::kw_volume => "`volume`",
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
        Rule::decl_kind | Rule::declaration | Rule::item => {
            "a declaration (`objectstore`, `filesystem`, `subvolumegroup`, `user`, `bucket` or `volume`)"
        }
        Rule::attribute => "an attribute (`name = value`)",
        Rule::block => "a block",
        Rule::entry => "an entry (`key = value`)",
        Rule::principals | Rule::principal => "a user name, `anyone` or an ARN string",
        Rule::action => "an access group or an action string",
        Rule::resources => "a key pattern string",
        Rule::lifecycle_rule => "a lifecycle rule",
        Rule::EOI => "the end of the file",
        Rule::file | Rule::WHITESPACE | Rule::COMMENT => "more text",
    }
}

/// "`=` or `{`", "one of `=`, `{` or `[`".
pub fn join(mut words: Vec<&'static str>) -> String {
    words.sort_unstable();
    words.dedup();
    match words.as_slice() {
        [] => "something else".to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}
