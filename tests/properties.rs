//! Property tests over generated programs: random but mostly valid
//! programs built from the grammar's pieces (declarations with random
//! attributes, values of every type, units, policy statements, lifecycle
//! rules, `namespace` groups), sometimes damaged by one edit. Whatever the
//! program, compiling it must not panic, every diagnostic must point
//! inside its file on character boundaries, rendering must work, and the
//! fast parser must agree with pest.

use proptest::prelude::*;
use proptest::sample::select;
use rookc::ast::DeclKind;
use rookc::source::SourceMap;

use crate::robustness::assert_parsers_agree;

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(&["s3", "fs", "loki", "grafana", "logs", "data", "media", "grp", "a"][..])
            .prop_map(str::to_string),
        2 => "[a-z][a-z0-9-]{0,10}",
        1 => select(&["Bad_Name", "_x", "a-", "user", "on", "allow", "true"][..])
            .prop_map(str::to_string),
    ]
}

fn string_literal() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(&[
            "rook-ceph", "monitoring", "apps", "rook-ceph-bucket", "rook-cephfs", "index/",
            "tmp/", "", "COLD", "s3:GetObject", "s3:Nope", "arn:aws:iam:::user/x",
            "app.kubernetes.io/part-of", "a\\\"b", "tab\\there", "é", "a b", "-1",
        ][..])
        .prop_map(str::to_string),
        1 => "[ -!#-\\[\\]-~]{0,12}",
    ]
    .prop_map(|s| format!("\"{s}\""))
}

fn number() -> impl Strategy<Value = String> {
    (
        select(
            &[
                "0",
                "1",
                "5",
                "10",
                "1_000",
                "1.5",
                "-3",
                "99999999999999999999999",
            ][..],
        ),
        select(&["", "", "Gi", "Mi", "Ti", "G", "k", "M", "d", "h", "x", "Ki"][..]),
    )
        .prop_map(|(digits, unit)| format!("{digits}{unit}"))
}

fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        string_literal(),
        number(),
        select(&["true", "false"][..]).prop_map(str::to_string),
        name(),
        select(&["once", "many", "read-only", "read", "write"][..]).prop_map(str::to_string),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop::collection::vec(inner, 0..4).prop_map(|items| format!("[{}]", items.join(", ")))
    })
}

fn attribute() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        6 => select(&[
            "store", "namespace", "name", "generate", "owner", "storage_class",
            "allow_users_in", "display_name", "size", "access", "group", "filesystem",
            "quota", "pool", "operator_namespace",
        ][..])
        .prop_map(str::to_string),
        1 => name(),
    ];
    (key, value()).prop_map(|(key, value)| format!("{key} = {value}"))
}

fn block() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        name(),
        select(&["size", "objects", "buckets", "bucket", "usage"][..]).prop_map(str::to_string),
        string_literal(),
    ];
    (
        select(&["quota", "labels", "annotations", "caps", "other"][..]),
        prop::collection::vec((key, value()), 0..4),
    )
        .prop_map(|(block, entries)| {
            let entries: Vec<String> = entries.iter().map(|(k, v)| format!("{k} = {v}")).collect();
            format!("{block} {{ {} }}", entries.join("  "))
        })
}

fn principal() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("anyone".to_string()),
        name(),
        string_literal(),
        prop::collection::vec(name(), 1..3).prop_map(|names| format!("[{}]", names.join(", "))),
    ]
}

fn statement() -> impl Strategy<Value = String> {
    let action = prop_oneof![
        select(&["read", "write", "delete", "list", "bogus"][..]).prop_map(str::to_string),
        select(&["\"s3:GetObject\"", "\"s3:ListBucket\"", "\"s3:*\""][..]).prop_map(str::to_string),
    ];
    let resources = prop_oneof![
        Just(String::new()),
        string_literal().prop_map(|r| format!(" on {r}")),
        prop::collection::vec(string_literal(), 1..3)
            .prop_map(|r| format!(" on [{}]", r.join(", "))),
    ];
    (
        select(&["", "@allow(public-principal) ", "@allow(nope) "][..]),
        select(&["allow", "deny"][..]),
        principal(),
        prop::collection::vec(action, 1..4),
        resources,
    )
        .prop_map(|(allow, effect, principal, actions, resources)| {
            format!(
                "{allow}{effect} {principal} {}{resources}",
                actions.join(" ")
            )
        })
}

fn lifecycle_rule() -> impl Strategy<Value = String> {
    (
        select(
            &[
                "expire",
                "expire-noncurrent",
                "expire-delete-markers",
                "abort-uploads",
                "transition",
                "transition-noncurrent",
                "bogus",
            ][..],
        ),
        prop::option::of(string_literal()),
        prop::option::of((number(), prop::option::of(string_literal()))),
        prop::option::of(rule_options()),
    )
        .prop_map(|(action, prefix, timing, options)| {
            let prefix = prefix.map(|p| format!(" {p}")).unwrap_or_default();
            let timing = timing
                .map(|(after, target)| {
                    let target = target.map(|t| format!(" to {t}")).unwrap_or_default();
                    format!(" after {after}{target}")
                })
                .unwrap_or_default();
            let options = options.map(|o| format!(" {o}")).unwrap_or_default();
            format!("{action}{prefix}{timing}{options}")
        })
}

/// `{ id = "..."  tags { k = "v" } }` after a lifecycle rule, sometimes
/// spread over lines and commented.
fn rule_options() -> impl Strategy<Value = String> {
    let item = prop_oneof![
        3 => attribute(),
        1 => block(),
        1 => (string_literal()).prop_map(|id| format!("id = {id}")),
        1 => number().prop_map(|n| format!("larger_than = {n}")),
        1 => number().prop_map(|n| format!("newer_versions = {n}")),
    ];
    (prop::collection::vec(item, 0..3), any::<bool>()).prop_map(|(items, spread)| {
        if spread {
            format!("{{ # options\n      {}\n    }}", items.join("\n      "))
        } else {
            format!("{{ {} }}", items.join("  "))
        }
    })
}

fn body_item() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => attribute(),
        2 => block(),
        2 => prop::collection::vec(statement(), 0..4)
            .prop_map(|s| format!("policy {{\n    {}\n  }}", s.join("\n    "))),
        1 => prop::collection::vec(lifecycle_rule(), 0..3)
            .prop_map(|r| format!("lifecycle {{\n    {}\n  }}", r.join("\n    "))),
    ]
}

fn declaration() -> impl Strategy<Value = String> {
    (
        select(&["", "", "@allow(unused-user)\n", "@allow(unknown-name) "][..]),
        // Every kind of the table, so that a new kind is generated too.
        select(
            DeclKind::ALL
                .iter()
                .map(|kind| kind.keyword())
                .collect::<Vec<_>>(),
        ),
        name(),
        prop::collection::vec(body_item(), 0..6),
    )
        .prop_map(|(allow, kind, name, body)| {
            format!("{allow}{kind} {name} {{\n  {}\n}}\n", body.join("\n  "))
        })
}

fn item() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => declaration(),
        1 => (
            string_literal(),
            prop::collection::vec(attribute(), 0..3),
            prop::collection::vec(declaration(), 0..4),
        )
            .prop_map(|(namespace, defaults, declarations)| {
                format!(
                    "namespace {namespace} {{\n{}\n{}}}\n",
                    defaults.join("\n"),
                    declarations.concat()
                )
            }),
        1 => Just("# a comment\n".to_string()),
    ]
}

/// A file: items, sometimes damaged by deleting or inserting one character.
fn file() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(item(), 0..6),
        0usize..8,
        any::<prop::sample::Index>(),
        select(&['{', '}', '"', '=', '#', '\n', 'x', '[', ',', 'é'][..]),
    )
        .prop_map(|(items, damage, at, insert)| {
            let mut text = items.concat();
            let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            if !boundaries.is_empty() {
                let i = boundaries[at.index(boundaries.len())];
                match damage {
                    0 => {
                        text.remove(i);
                    }
                    1 => text.insert(i, insert),
                    _ => {}
                }
            }
            text
        })
}

/// A string literal holding any text, escaped as the language wants.
fn any_text_literal() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z0-9 .:/#'-]{0,20}",
        1 => any::<String>(),
        1 => select(&["", " x", "x ", "a\nb", "line\n", "\n\n", "true", "007", "~", "- x", "{a}"][..])
            .prop_map(str::to_string),
    ]
    .prop_map(|text| {
        let mut out = String::from("\"");
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    })
}

/// Mostly a valid size, sometimes any number.
fn size() -> impl Strategy<Value = String> {
    prop_oneof![
        20 => select(&["1Gi", "10Gi", "500Mi", "2Ti", "1G", "100M"][..]).prop_map(str::to_string),
        1 => number(),
    ]
}

/// Mostly a valid object count, sometimes any number.
fn count() -> impl Strategy<Value = String> {
    prop_oneof![
        20 => select(&["1", "1000", "1M", "10k", "1_000_000"][..]).prop_map(str::to_string),
        1 => number(),
    ]
}

/// Mostly a statement about declared users (`u0`, `u1`), sometimes any.
fn user_statement() -> impl Strategy<Value = String> {
    let valid = (
        select(&["allow", "deny"][..]),
        select(&["u0", "u1", "[u0, u1]", "\"arn:aws:iam::tenant:user/x\""][..]),
        prop::collection::vec(
            select(&["read", "write", "delete", "list", "\"s3:GetObject\""][..]),
            1..3,
        ),
        select(&["", " on \"logs/\"", " on [\"a/\", \"b/\"]"][..]),
    )
        .prop_map(|(effect, who, actions, on)| format!("{effect} {who} {}{on}", actions.join(" ")));
    prop_oneof![15 => valid, 1 => statement()]
}

/// Mostly a valid lifecycle rule, sometimes any.
fn user_lifecycle_rule() -> impl Strategy<Value = String> {
    prop_oneof![
        15 => select(&[
            "expire after 30d", "expire \"tmp/\" after 1d", "abort-uploads after 2d",
            "expire-noncurrent after 14d", "transition after 30d to \"COLD\"",
            "expire-delete-markers", "expire-noncurrent after 7d { newer_versions = 2 }",
            "transition-noncurrent after 7d to \"COLD\" { id = \"cold\" }",
            "expire \"logs/\" after 3d { tags { env = \"dev\" }  larger_than = 1Mi }",
        ][..])
        .prop_map(str::to_string),
        1 => lifecycle_rule(),
    ]
}

/// A program whose declarations fit together (one store, one
/// filesystem, users, buckets that refer to them, volumes), with random
/// optional parts and values: it mostly compiles, so emit runs too.
fn coherent_program() -> impl Strategy<Value = String> {
    let user = (
        any::<bool>(),
        prop::option::of(any_text_literal()),
        prop::option::of((size(), count())),
    );
    let bucket = (
        select(&["apps", "monitoring", "rook-ceph"][..]),
        prop::option::of(0usize..4),
        prop_oneof![3 => Just(0u8), 1 => Just(1u8), 3 => Just(2u8)],
        prop::option::of((count(), size())),
        prop::option::of(any_text_literal()),
        prop::collection::vec(user_statement(), 0..3),
        prop::collection::vec(user_lifecycle_rule(), 0..2),
    );
    let volume = (
        size(),
        select(&["once", "many", "read-only"][..]),
        any::<bool>(),
    );
    (
        prop::collection::vec(user, 2..4),
        prop::collection::vec(bucket, 0..5),
        prop::collection::vec(volume, 0..3),
    )
        .prop_map(|(users, buckets, volumes)| {
            let mut text = String::from(
                "objectstore s3 {\n  namespace = \"rook-ceph\"\n  storage_class = \"rook-ceph-bucket\"\n  allow_users_in = [\"apps\"]\n}\nfilesystem fs {\n  namespace = \"rook-ceph\"\n  storage_class = \"rook-cephfs\"\n}\n",
            );
            for (i, (in_apps, display, quota)) in users.iter().enumerate() {
                let mut body = String::new();
                if let Some(display) = display {
                    body.push_str(&format!("  display_name = {display}\n"));
                }
                if let Some((size, objects)) = quota {
                    body.push_str(&format!("  quota {{ size = {size}  objects = {objects} }}\n"));
                }
                let user = format!("user u{i} {{\n  store = s3\n{body}}}\n");
                if *in_apps {
                    text.push_str(&format!("namespace \"apps\" {{\n{user}}}\n"));
                } else {
                    text.push_str(&user);
                }
            }
            for (i, (ns, owner, naming, quota, annotation, statements, rules)) in
                buckets.iter().enumerate()
            {
                text.push_str(&format!("bucket bucket-{i} {{\n  store = s3\n  namespace = \"{ns}\"\n"));
                if let Some(owner) = owner {
                    text.push_str(&format!("  owner = u{}\n", owner % users.len()));
                }
                match naming {
                    0 => text.push_str(&format!("  name = \"bucket-{i}\"\n")),
                    1 => text.push_str("  generate = \"gen-\"\n"),
                    _ => {}
                }
                if let Some((objects, size)) = quota {
                    text.push_str(&format!("  quota {{ objects = {objects}  size = {size} }}\n"));
                }
                if let Some(annotation) = annotation {
                    text.push_str(&format!("  annotations {{ \"example.com/note\" = {annotation} }}\n"));
                    text.push_str(&format!("  labels {{ team = \"t{i}\" }}\n"));
                }
                // A policy needs a fixed name: mostly give one when it has a policy.
                if !statements.is_empty() && (*naming != 1 || i % 4 == 0) {
                    text.push_str(&format!("  policy {{\n    {}\n  }}\n", statements.join("\n    ")));
                }
                if !rules.is_empty() {
                    text.push_str(&format!("  lifecycle {{\n    {}\n  }}\n", rules.join("\n    ")));
                }
                text.push_str("}\n");
            }
            for (i, (size, access, in_group)) in volumes.iter().enumerate() {
                let volume = format!("volume v{i} {{\n  size = {size}\n  access = {access}\n}}\n");
                if *in_group {
                    text.push_str(&format!("namespace \"apps\" {{\n  filesystem = fs\n{volume}}}\n"));
                } else {
                    text.push_str(&volume.replace("{\n", "{\n  filesystem = fs\n  namespace = \"apps\"\n"));
                }
            }
            text
        })
}

/// Compiles the files and checks what every generated program must meet.
fn assert_compiles_soundly(files: &[String]) -> Result<rookc::Compilation, TestCaseError> {
    let mut sources = SourceMap::new();
    for (i, text) in files.iter().enumerate() {
        assert_parsers_agree(text, &format!("file {i}"));
        sources.add(format!("f{i}.rook"), text.as_str());
    }
    let compilation = rookc::compile(&sources).expect("emit never fails on a checked program");
    for diagnostic in &compilation.diagnostics {
        for label in std::iter::once(&diagnostic.primary).chain(&diagnostic.secondary) {
            let span = label.span;
            let text = &files[span.file.0];
            prop_assert!(
                span.start <= span.end && span.end <= text.len(),
                "span {:?} outside its file for {}",
                span,
                diagnostic.code.as_str()
            );
            prop_assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "span {:?} splits a character",
                span
            );
        }
    }
    let _ = rookc::diag::render::render(&sources, &compilation.diagnostics, false);
    Ok(compilation)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_programs_compile_soundly(files in prop::collection::vec(file(), 1..3)) {
        assert_compiles_soundly(&files)?;
    }

    #[test]
    fn coherent_programs_compile_and_emit_soundly(program in coherent_program()) {
        let compilation = assert_compiles_soundly(&[program])?;
        if let Some(manifests) = &compilation.manifests {
            let _ = rookc::emit::stream(manifests);
            let _ = rookc::emit::kustomization(manifests);
        }
    }
}
