use super::*;
use crate::ast::DeclKind;

fn parse(text: &str) -> (ast::File, Diagnostics) {
    let mut diags = Diagnostics::new();
    let file = parse_file(FileId(0), text, &mut diags);
    (file, diags)
}

#[test]
fn numbers_keep_digits_and_units_apart() {
    let (file, diags) = parse("volume v { size = 1_500Gi }");
    assert!(diags.is_empty());
    let ast::Item::Declaration(decl) = &file.items[0] else {
        panic!("expected a declaration")
    };
    let ast::BodyItem::Attribute(attr) = &decl.body[0] else {
        panic!("expected an attribute")
    };
    match &attr.value.kind {
        ast::ValueKind::Number { digits, unit } => {
            assert_eq!((digits.as_str(), unit.as_str()), ("1500", "Gi"))
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn comments_are_kept() {
    let (file, diags) = parse("# top\nuser a { store = s } # trailing\n");
    assert!(diags.is_empty());
    let texts: Vec<&str> = file.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, [" top", " trailing"]);
}

#[test]
fn escapes_are_decoded_and_unknown_ones_reported() {
    let (file, diags) = parse(r#"user a { display_name = "a\"b\\c\q" }"#);
    let ast::Item::Declaration(decl) = &file.items[0] else {
        panic!("expected a declaration")
    };
    let ast::BodyItem::Attribute(attr) = &decl.body[0] else {
        panic!("expected an attribute")
    };
    assert!(matches!(&attr.value.kind, ast::ValueKind::Str(s) if s == "a\"b\\cq"));
    let codes: Vec<Code> = diags.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::InvalidEscape]);
}

#[test]
fn errors_are_reported_per_declaration() {
    let text =
        "user a { store = }\nuser b { store = s }\nbucket c { store }\nvolume d { size = 1Gi }\n";
    let (file, diags) = parse(text);
    assert_eq!(diags.iter().filter(|d| d.code == Code::Syntax).count(), 2);
    let names: Vec<&str> = file
        .items
        .iter()
        .map(|item| match item {
            ast::Item::Declaration(d) => d.name.value.as_str(),
            ast::Item::Group(_) => "group",
            ast::Item::Settings(_) => "rook",
        })
        .collect();
    assert_eq!(names, ["b", "d"]);
    assert_eq!(
        file.broken,
        [
            (DeclKind::User, "a".to_string()),
            (DeclKind::Bucket, "c".to_string())
        ]
    );
}

#[test]
fn syntax_errors_use_words() {
    let (_, diags) = parse("bucket b { store homelab }");
    let message = &diags
        .iter()
        .next()
        .map(|d| d.message.clone())
        .unwrap_or_default();
    assert!(message.contains("expected"), "{message}");
    assert!(
        !message.contains("ident") && !message.contains("Rule"),
        "{message}"
    );
}

#[test]
fn keywords_need_a_word_boundary() {
    let (file, diags) = parse("bucket b { policy { allow allowed read } }");
    assert!(diags.is_empty(), "{:?}", diags.iter().collect::<Vec<_>>());
    let ast::Item::Declaration(decl) = &file.items[0] else {
        panic!("expected a declaration")
    };
    let ast::BodyItem::Policy(policy) = &decl.body[0] else {
        panic!("expected a policy")
    };
    assert!(
        matches!(&policy.statements[0].principals[0], ast::Principal::User(u) if u.value == "allowed")
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let text = format!(
        "objectstore s {{ namespace = {}{} }}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let (file, diags) = parse(&text);
    assert!(file.items.is_empty());
    let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages, ["blocks and lists nest deeper than 64 levels"]);
    let nested_in_string = format!("objectstore s {{ namespace = \"{}\" }}", "[".repeat(100));
    assert!(parse(&nested_in_string).1.is_empty());
}

#[test]
fn a_settings_block_is_an_item_of_its_own() {
    let text = "rook {\n  obc_fields = [\"maxSize\"]\n}\nuser rook { store = s }\n";
    let (file, diags) = parse(text);
    assert!(diags.is_empty(), "{diags:?}");
    let [ast::Item::Settings(settings), ast::Item::Declaration(user)] = file.items.as_slice()
    else {
        panic!("a settings block, then a declaration: {:?}", file.items);
    };
    assert_eq!(&text[settings.keyword.start..settings.keyword.end], "rook");
    assert_eq!(settings.attributes[0].key.value, "obc_fields");
    assert_eq!(user.name.value, "rook");
}
