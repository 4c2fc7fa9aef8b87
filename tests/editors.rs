//! The editor support under `editors/` against the grammar: every keyword of
//! `grammar/rook.pest` is in each editor's keyword lists and nothing else
//! is; the generated TextMate JSON is its YAML source; and the annotated
//! sample files the editors' own tests highlight are rook as the parser
//! reads it.
//!
//! How each editor file keeps its keyword lists:
//! - TextMate JSON: regexes of the form
//!   `(?<![A-Za-z0-9_-])(word|word)(?![A-Za-z0-9_-])`;
//! - Vim, Sublime, Emacs: the lines between `keywords: begin` and
//!   `keywords: end` comments, one named list per line, each list used
//!   elsewhere in the file;
//! - tree-sitter: the string tokens of the generated `src/grammar.json`
//!   (what the parser lexes), and the quoted tokens of each highlight query
//!   (tree-sitter's own, Helix's and Zed's).

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use rookc::diag::{Diagnostics, Severity};
use rookc::source::FileId;

use crate::support::root;

const BEFORE: &str = "(?<![A-Za-z0-9_-])(";
const AFTER: &str = ")(?![A-Za-z0-9_-])";

fn read(path: &str) -> String {
    fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The literal of every keyword-like rule: `NAME = @{ "word" ~ !ident_char }`
/// (the `kw_*` rules and `at_allow`).
fn grammar_keywords(pest: &str) -> BTreeSet<String> {
    pest.lines()
        .filter_map(|line| {
            let (_, rule) = line.split_once('=')?;
            let rule = rule.trim().strip_prefix("@{")?.strip_suffix('}')?;
            let (literal, rest) = rule.trim().strip_prefix('"')?.split_once('"')?;
            (rest.split_whitespace().collect::<Vec<_>>() == ["~", "!ident_char"])
                .then(|| literal.to_string())
        })
        .collect()
}

/// A keyword as an editor list may hold it: a word, or `@` and a word.
fn is_keyword_shaped(word: &str) -> bool {
    let letters = word.strip_prefix('@').unwrap_or(word);
    !letters.is_empty() && letters.bytes().all(|b| b.is_ascii_lowercase())
}

/// The lines strictly between the `keywords: begin` and `keywords: end`
/// markers, and the file without them.
fn marked_region<'a>(text: &'a str, path: &str) -> (Vec<&'a str>, String) {
    let lines: Vec<&str> = text.lines().collect();
    let marker = |word: &str| {
        let found: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].trim_end().ends_with(&format!("keywords: {word}")))
            .collect();
        assert_eq!(found.len(), 1, "{path}: one `keywords: {word}` marker");
        found[0]
    };
    let (begin, end) = (marker("begin"), marker("end"));
    assert!(
        begin < end,
        "{path}: `keywords: begin` before `keywords: end`"
    );
    let outside = lines[..begin]
        .iter()
        .chain(&lines[end + 1..])
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    (lines[begin + 1..end].to_vec(), outside)
}

/// Quoted strings in `text`, between `quote` characters (no escapes).
fn quoted(text: &str, quote: char) -> Vec<String> {
    text.split(quote)
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// A named list from the marked region: the name must be used outside it.
fn check_used(name: &str, usage: &str, outside: &str, path: &str) {
    assert!(
        outside.contains(usage),
        "{path}: the keyword list `{name}` is never used (no `{usage}` outside the markers)"
    );
}

fn vim_keywords(text: &str, path: &str) -> BTreeSet<String> {
    let (region, outside) = marked_region(text, path);
    let mut words = BTreeSet::new();
    for line in region {
        let (name, list) = line
            .strip_prefix("let ")
            .and_then(|l| l.split_once(" = "))
            .unwrap_or_else(|| panic!("{path}: `let s:NAME = [...]` expected, not `{line}`"));
        check_used(name, name, &outside, path);
        words.extend(quoted(list, '\''));
    }
    words
}

fn sublime_keywords(text: &str, path: &str) -> BTreeSet<String> {
    let (region, outside) = marked_region(text, path);
    let mut words = BTreeSet::new();
    for line in region {
        let (name, value) = line
            .trim()
            .split_once(": ")
            .unwrap_or_else(|| panic!("{path}: `NAME: word|word` expected, not `{line}`"));
        check_used(name, &format!("{{{{{name}}}}}"), &outside, path);
        words.extend(value.trim_matches('\'').split('|').map(str::to_string));
    }
    words
}

fn emacs_keywords(text: &str, path: &str) -> BTreeSet<String> {
    let (region, outside) = marked_region(text, path);
    let region = region.join("\n");
    let mut words = BTreeSet::new();
    for definition in region.split("(defconst ").skip(1) {
        let name = definition.split_whitespace().next().unwrap_or("");
        check_used(name, name, &outside, path);
        let list = definition
            .split_once("'(")
            .and_then(|(_, rest)| rest.split_once(')'))
            .map(|(list, _)| list)
            .unwrap_or_else(|| panic!("{path}: `{name}` has no '(\"word\" ...) list"));
        words.extend(quoted(list, '"'));
    }
    words
}

/// Every string under a `match`, `begin` or `end` key of a TextMate grammar.
fn textmate_regexes(value: &serde_json::Value, found: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("match" | "begin" | "end", serde_json::Value::String(regex)) => {
                        found.push(regex.clone())
                    }
                    _ => textmate_regexes(value, found),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                textmate_regexes(item, found);
            }
        }
        _ => {}
    }
}

fn textmate_keywords(text: &str, path: &str) -> BTreeSet<String> {
    let grammar: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut regexes = Vec::new();
    textmate_regexes(&grammar, &mut regexes);
    let mut words = BTreeSet::new();
    for regex in &regexes {
        for (at, _) in regex.match_indices(BEFORE) {
            let rest = &regex[at + BEFORE.len()..];
            let Some(close) = rest.find(')') else {
                continue;
            };
            let alternatives: Vec<&str> = rest[..close].split('|').collect();
            if rest[close..].starts_with(AFTER) && alternatives.iter().all(|w| is_keyword_shaped(w))
            {
                words.extend(alternatives.iter().map(|w| w.to_string()));
            }
        }
    }
    words
}

/// The keywords of a tree-sitter query: its quoted anonymous nodes
/// (`"bucket" @keyword`) and the `keyword_nodes` it names (`(anyone)`).
fn query_keywords(text: &str, keyword_nodes: &BTreeSet<String>) -> BTreeSet<String> {
    let code: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim_start().starts_with(';'))
        .collect();
    let code = code.join("\n");
    let named = keyword_nodes
        .iter()
        .filter(|node| code.contains(&format!("({node})")))
        .cloned();
    quoted(&code, '"')
        .into_iter()
        .filter(|w| is_keyword_shaped(w))
        .chain(named)
        .collect()
}

/// The rules of a tree-sitter `grammar.json` that are one keyword named
/// after itself (`anyone: _ => 'anyone'`): named nodes, not quoted tokens.
fn keyword_nodes(text: &str, path: &str) -> BTreeSet<String> {
    let grammar: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let Some(rules) = grammar["rules"].as_object() else {
        panic!("{path}: no rules");
    };
    rules
        .iter()
        .filter(|(name, rule)| rule["type"] == "STRING" && rule["value"] == name.as_str())
        .map(|(name, _)| name.clone())
        .collect()
}

/// Every `STRING` rule's value in a tree-sitter `grammar.json`.
fn grammar_json_strings(rule: &serde_json::Value, found: &mut BTreeSet<String>) {
    match rule {
        serde_json::Value::Object(map) => {
            if let (Some("STRING"), Some(serde_json::Value::String(value))) =
                (map.get("type").and_then(|t| t.as_str()), map.get("value"))
            {
                found.insert(value.clone());
            }
            for value in map.values() {
                grammar_json_strings(value, found);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                grammar_json_strings(item, found);
            }
        }
        _ => {}
    }
}

fn tree_sitter_keywords(text: &str, path: &str) -> BTreeSet<String> {
    let grammar: serde_json::Value =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut strings = BTreeSet::new();
    grammar_json_strings(&grammar["rules"], &mut strings);
    strings
        .into_iter()
        .filter(|w| is_keyword_shaped(w))
        .collect()
}

/// The editors' keyword lists: (file, words).
fn editor_keyword_lists() -> Vec<(&'static str, BTreeSet<String>)> {
    let mut lists = Vec::new();
    let path = "editors/vscode/syntaxes/rook.tmLanguage.json";
    lists.push((path, textmate_keywords(&read(path), path)));
    let path = "editors/vim/syntax/rook.vim";
    lists.push((path, vim_keywords(&read(path), path)));
    let path = "editors/sublime/rook.sublime-syntax";
    lists.push((path, sublime_keywords(&read(path), path)));
    let path = "editors/emacs/rook-mode.el";
    lists.push((path, emacs_keywords(&read(path), path)));
    let path = "editors/tree-sitter-rook/src/grammar.json";
    let grammar_json = read(path);
    lists.push((path, tree_sitter_keywords(&grammar_json, path)));
    let nodes = keyword_nodes(&grammar_json, path);
    for path in [
        "editors/tree-sitter-rook/queries/highlights.scm",
        "editors/helix/runtime/queries/rook/highlights.scm",
        "editors/zed/languages/rook/highlights.scm",
    ] {
        lists.push((path, query_keywords(&read(path), &nodes)));
    }
    lists
}

#[test]
fn the_grammar_has_the_documented_keywords() {
    let keywords = grammar_keywords(&read("grammar/rook.pest"));
    for word in [
        "objectstore",
        "namespace",
        "policy",
        "anyone",
        "to",
        "@allow",
    ] {
        assert!(keywords.contains(word), "`{word}` in {keywords:?}");
    }
    assert!(
        keywords.iter().all(|w| is_keyword_shaped(w)),
        "{keywords:?}"
    );
    // Every declaration kind of the kind table, so the editors have them.
    for kind in rookc::ast::DeclKind::ALL {
        assert!(
            keywords.contains(kind.keyword()),
            "the kind `{}` is not a grammar keyword",
            kind.keyword()
        );
    }
}

#[test]
fn every_editor_has_exactly_the_grammar_keywords() {
    let keywords = grammar_keywords(&read("grammar/rook.pest"));
    let mut problems = Vec::new();
    for (path, words) in editor_keyword_lists() {
        let missing: Vec<&String> = keywords.difference(&words).collect();
        let extra: Vec<&String> = words.difference(&keywords).collect();
        if !missing.is_empty() {
            problems.push(format!("{path} lacks the grammar keywords {missing:?}"));
        }
        if !extra.is_empty() {
            problems.push(format!(
                "{path} lists {extra:?}, which are not grammar keywords"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn keyword_lists_are_read_the_way_they_are_written() {
    let pest = r#"
kw_user      = @{ "user" ~ !ident_char }
at_allow     = @{ "@allow" ~ !ident_char }
ident        = @{ (ASCII_ALPHA | "_") ~ ident_char* }
"#;
    let words = |list: &[&str]| list.iter().map(|w| w.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(grammar_keywords(pest), words(&["user", "@allow"]));

    let json = r#"{"patterns": [
        {"match": "(?<![A-Za-z0-9_-])(user|bucket)(?![A-Za-z0-9_-])\\s+(x)"},
        {"begin": "(?<![A-Za-z0-9_-])(@allow)(?![A-Za-z0-9_-])", "end": "x"},
        {"match": "(?<![A-Za-z0-9_-])([A-Za-z_][A-Za-z0-9_-]*)\\s*(=)"}]}"#;
    assert_eq!(
        textmate_keywords(json, "test"),
        words(&["user", "bucket", "@allow"])
    );

    let vim = "\" keywords: begin\nlet s:a = ['user', 'bucket']\n\" keywords: end\ncall F(s:a)\n";
    assert_eq!(vim_keywords(vim, "test"), words(&["user", "bucket"]));

    let sublime = "variables:\n  # keywords: begin\n  a: user|bucket\n  b: '@allow'\n  # keywords: end\nx: '{{a}} {{b}}'\n";
    assert_eq!(
        sublime_keywords(sublime, "test"),
        words(&["user", "bucket", "@allow"])
    );

    let grammar_json = r#"{"rules": {"a": {"type": "SEQ", "members": [
        {"type": "STRING", "value": "bucket"}, {"type": "STRING", "value": "{"},
        {"type": "ALIAS", "content": {"type": "STRING", "value": "@allow"}},
        {"type": "PATTERN", "value": "user"}]},
        "anyone": {"type": "STRING", "value": "anyone"}}}"#;
    assert_eq!(
        tree_sitter_keywords(grammar_json, "test"),
        words(&["bucket", "@allow", "anyone"])
    );
    let nodes = keyword_nodes(grammar_json, "test");
    assert_eq!(nodes, words(&["anyone"]));

    let query = "; \"comment\" words (anyone)\n[\"user\" \"{\"] @keyword\n\"@allow\" @attribute\n";
    assert_eq!(query_keywords(query, &nodes), words(&["user", "@allow"]));
    let query = "(anyone) @constant.builtin\n";
    assert_eq!(query_keywords(query, &nodes), words(&["anyone"]));

    let emacs = ";; keywords: begin\n(defconst rook-a '(\"user\" \"bucket\")\n  \"Doc with \\\"quotes\\\".\")\n;; keywords: end\n(rook--words rook-a)\n";
    assert_eq!(emacs_keywords(emacs, "test"), words(&["user", "bucket"]));
}

#[test]
#[should_panic(expected = "is never used")]
fn an_unused_keyword_list_is_reported() {
    let vim = "\" keywords: begin\nlet s:a = ['user']\n\" keywords: end\n";
    vim_keywords(vim, "test");
}

#[test]
fn the_textmate_json_is_the_yaml_converted() {
    let yaml: serde_json::Value =
        serde_yaml::from_str(&read("editors/vscode/syntaxes/rook.tmLanguage.yaml"))
            .expect("the YAML grammar parses");
    let mut json: serde_json::Value =
        serde_json::from_str(&read("editors/vscode/syntaxes/rook.tmLanguage.json"))
            .expect("the JSON grammar parses");
    json.as_object_mut()
        .expect("a JSON object")
        .remove("information_for_contributors");
    assert!(
        yaml == json,
        "editors/vscode/syntaxes/rook.tmLanguage.json is not the conversion of the YAML: \
         run `node editors/vscode/scripts/build-grammar.js`"
    );
}

/// The codes a sample file declares on a `# expect syntax = [...]` line.
fn declared_syntax_codes(text: &str) -> BTreeSet<String> {
    text.lines()
        .find_map(|line| line.strip_prefix("# expect syntax = ["))
        .map(|list| {
            list.trim_end_matches(']')
                .split(',')
                .map(|code| code.trim().trim_matches('"').to_string())
                .filter(|code| !code.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn editor_samples_parse_as_rook() {
    let mut samples = Vec::new();
    for dir in [
        "editors/vscode/tests",
        "editors/vim/tests",
        "editors/emacs/tests",
    ] {
        for entry in fs::read_dir(root().join(dir)).expect(dir) {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "rook") {
                samples.push(path);
            }
        }
    }
    samples.sort();
    assert!(samples.len() >= 7, "{samples:?}");
    for path in &samples {
        let text = fs::read_to_string(path).expect("readable sample");
        let mut diags = Diagnostics::new();
        rookc::syntax::parse_file(FileId(0), &text, &mut diags);
        let codes: BTreeSet<String> = diags
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .map(|d| d.code.as_str().to_string())
            .collect();
        let relative = path.strip_prefix(root()).unwrap_or(Path::new(""));
        assert_eq!(
            codes,
            declared_syntax_codes(&text),
            "{}: syntax errors other than its `# expect syntax` line declares",
            relative.display()
        );
    }
}
