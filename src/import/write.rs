//! The imported program as rook source text: declarations, namespace
//! groups and comments, written plainly and then laid out by the formatter
//! (`rookc fmt`), so the result is in the canonical layout.

use crate::ast::DeclKind;

/// A line of a `policy` or `lifecycle` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Comment lines above it (without `# `).
    pub comments: Vec<String>,
    /// The statement or rule; `None` for comments alone.
    pub text: Option<String>,
    /// A comment after it on its line.
    pub trailing: Option<String>,
}

/// An item of a declaration's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// `key = value`, the value as source text.
    Attribute(String, String),
    /// `key { k = v  ... }`, keys and values as source text.
    Block(String, Vec<(String, String)>),
    Policy(Vec<Line>),
    Lifecycle(Vec<Line>),
}

/// One declaration, with the comment lines above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decl {
    pub kind: DeclKind,
    pub name: String,
    pub comments: Vec<String>,
    pub items: Vec<Item>,
}

impl Decl {
    pub fn new(kind: DeclKind, name: &str) -> Self {
        Decl {
            kind,
            name: name.to_string(),
            comments: Vec::new(),
            items: Vec::new(),
        }
    }

    pub fn attribute(&mut self, key: &str, value: String) {
        self.items.push(Item::Attribute(key.to_string(), value));
    }

    /// `labels { ... }` or `annotations { ... }` from string pairs.
    pub fn string_block(&mut self, key: &str, entries: &[(String, String)]) {
        if !entries.is_empty() {
            let entries = entries
                .iter()
                .map(|(k, v)| (entry_key(k), quote(v)))
                .collect();
            self.items.push(Item::Block(key.to_string(), entries));
        }
    }
}

/// `namespace "NAME" { defaults  declarations }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub namespace: String,
    /// `store = x`, `filesystem = y`.
    pub defaults: Vec<(String, String)>,
    pub decls: Vec<Decl>,
}

/// The whole program: comments, top-level declarations, then groups.
pub fn program(header: &[String], decls: &[Decl], groups: &[Group]) -> String {
    let mut out = String::new();
    comments(&mut out, header, 0);
    for decl in decls {
        out.push('\n');
        declaration(&mut out, decl, 0);
    }
    for group in groups {
        out.push_str(&format!("\nnamespace {} {{\n", quote(&group.namespace)));
        for (key, value) in &group.defaults {
            out.push_str(&format!("  {key} = {value}\n"));
        }
        for decl in &group.decls {
            out.push('\n');
            declaration(&mut out, decl, 1);
        }
        out.push_str("}\n");
    }
    out
}

fn comments(out: &mut String, lines: &[String], depth: usize) {
    for line in lines {
        let text = if line.is_empty() {
            "#".to_string()
        } else {
            format!("# {line}")
        };
        out.push_str(&format!("{}{text}\n", "  ".repeat(depth)));
    }
}

fn declaration(out: &mut String, decl: &Decl, depth: usize) {
    let pad = "  ".repeat(depth);
    comments(out, &decl.comments, depth);
    out.push_str(&format!("{pad}{} {} {{\n", decl.kind.keyword(), decl.name));
    for item in &decl.items {
        match item {
            Item::Attribute(key, value) => out.push_str(&format!("{pad}  {key} = {value}\n")),
            Item::Block(key, entries) => {
                let entries: Vec<String> =
                    entries.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                out.push_str(&format!("{pad}  {key} {{ {} }}\n", entries.join("  ")));
            }
            Item::Policy(lines) => block(out, "policy", lines, depth + 1),
            Item::Lifecycle(lines) => block(out, "lifecycle", lines, depth + 1),
        }
    }
    out.push_str(&format!("{pad}}}\n"));
}

fn block(out: &mut String, keyword: &str, lines: &[Line], depth: usize) {
    let pad = "  ".repeat(depth);
    out.push_str(&format!("{pad}{keyword} {{\n"));
    for line in lines {
        comments(out, &line.comments, depth + 1);
        if let Some(text) = &line.text {
            out.push_str(&format!("{pad}  {text}"));
            if let Some(trailing) = &line.trailing {
                out.push_str(&format!("  # {trailing}"));
            }
            out.push('\n');
        }
    }
    out.push_str(&format!("{pad}}}\n"));
}

/// A string literal of the language.
pub fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `a` for one item, `[a, b]` for several.
pub fn one_or_list(items: &[String]) -> String {
    match items {
        [one] => one.clone(),
        _ => format!("[{}]", items.join(", ")),
    }
}

/// JSON text as lines for a comment: as written when it has line breaks,
/// else laid out one value per line, keys in the order written.
pub fn json_lines(text: &str) -> Vec<String> {
    let text = text.trim();
    if text.contains('\n') {
        return text.lines().map(|l| l.trim_end().to_string()).collect();
    }
    let mut out = String::new();
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                depth += 1;
                out.push(c);
                newline(&mut out, depth);
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out.lines().map(str::to_string).collect()
}

/// A list of strings: `["a", "b"]`.
pub fn string_list(items: &[String]) -> String {
    format!(
        "[{}]",
        items
            .iter()
            .map(|i| quote(i))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Whether `name` can name a declaration and be referred to: an identifier
/// that is also a Kubernetes object name (`[a-z]`, then `[a-z0-9-]`,
/// ending in a letter or digit), and not `true` or `false`, which read as
/// booleans.
pub fn is_decl_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_lowercase)
        && bytes
            .last()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && name.len() <= 253
        && !["true", "false"].contains(&name)
}

/// Whether a user can be named as a policy principal: a declaration name
/// that is not one of the policy's own words.
pub fn is_principal_name(name: &str) -> bool {
    is_decl_name(name) && !["allow", "deny", "anyone", "on"].contains(&name)
}

/// A label or annotation key as source: bare when it is an identifier,
/// quoted otherwise.
pub fn entry_key(key: &str) -> String {
    let bytes = key.as_bytes();
    let ident = bytes
        .first()
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-');
    if ident {
        key.to_string()
    } else {
        quote(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_strings() {
        assert!(is_decl_name("loki-chunks"));
        assert!(!is_decl_name("a.b"));
        assert!(!is_decl_name("1st"));
        assert!(!is_decl_name("x-"));
        assert!(!is_decl_name("true"));
        assert!(is_decl_name("on") && !is_principal_name("on"));
        assert_eq!(quote("a\"b\\c\n"), r#""a\"b\\c\n""#);
        assert_eq!(entry_key("team"), "team");
        assert_eq!(
            entry_key("app.kubernetes.io/name"),
            "\"app.kubernetes.io/name\""
        );
        assert_eq!(
            json_lines(r#"{"a":["x,y",1]}"#),
            ["{", "  \"a\": [", "    \"x,y\",", "    1", "  ]", "}"]
        );
    }
}
