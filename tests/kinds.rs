//! The kind table (`src/kinds/`) against everything that must agree with
//! it (`grammar_kinds.rs` holds the grammar to it): the checker, the emitter, the reference pages and
//! `rookc explain`. A kind added to one and not the others fails here.

use std::collections::BTreeSet;

use rookc::ast::DeclKind;
use rookc::diag::{Code, Severity};
use rookc::kinds::{Requirement, ValueType};
use rookc::source::SourceMap;

use crate::support::{rookc, root};

fn compile(text: &str) -> rookc::Compilation {
    let mut sources = SourceMap::new();
    sources.add("kind.rook", text.to_string());
    rookc::compile(&sources).expect("emit never fails")
}

fn codes(compilation: &rookc::Compilation) -> Vec<Code> {
    compilation.diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn every_kinds_example_compiles_cleanly_and_emits_what_the_table_says() {
    for kind in DeclKind::ALL {
        let def = kind.def();
        let compilation = compile(def.example);
        // Notes about the build (N06xx, such as a client's Secret) are
        // not problems of the example.
        let problems = compilation
            .diagnostics
            .iter()
            .filter(|d| d.severity() != Severity::Note)
            .count();
        assert!(
            problems == 0,
            "{}: the example has diagnostics {:?}",
            def.keyword,
            codes(&compilation)
        );
        assert!(
            def.example
                .lines()
                .any(|line| line.starts_with(&format!("{} ", def.keyword))),
            "{}: the example declares no {}",
            def.keyword,
            def.noun
        );
        // What the example's other declarations emit is not this kind's.
        let others: BTreeSet<&str> = DeclKind::ALL
            .iter()
            .filter(|k| **k != kind && def.example.contains(&format!("\n{} ", k.keyword())))
            .flat_map(|k| k.def().emits.iter().map(|m| m.kind))
            .collect();
        let emitted: BTreeSet<String> = compilation
            .manifests
            .iter()
            .flatten()
            .filter_map(|m| {
                let value: serde_yaml::Value = serde_yaml::from_str(&m.yaml).ok()?;
                Some(value.get("kind")?.as_str()?.to_string())
            })
            .filter(|k| !others.contains(k.as_str()))
            .collect();
        let declared: BTreeSet<String> = def.emits.iter().map(|m| m.kind.to_string()).collect();
        assert_eq!(emitted, declared, "{}: emitted kinds", def.keyword);
    }
}

#[test]
fn every_emitted_manifest_kind_belongs_to_a_kind_of_the_table() {
    let declared: BTreeSet<(&str, &str)> = DeclKind::ALL
        .iter()
        .flat_map(|k| k.def().emits.iter().map(|m| (m.api_version, m.kind)))
        .collect();
    let (_, compilation) = crate::support::compile_dir(&root().join("examples/homelab"));
    for manifest in compilation.manifests.iter().flatten() {
        let value: serde_yaml::Value = serde_yaml::from_str(&manifest.yaml).expect("yaml");
        let api_version = value["apiVersion"].as_str().unwrap_or_default();
        let kind = value["kind"].as_str().unwrap_or_default();
        assert!(
            declared.contains(&(api_version, kind)),
            "{}: {api_version} {kind} is emitted but no kind of the table says so",
            manifest.path
        );
    }
}

#[test]
fn a_required_attribute_taken_away_is_reported_as_missing() {
    for kind in DeclKind::ALL {
        let def = kind.def();
        for attribute in def.attributes {
            if attribute.requirement != Requirement::Required {
                continue;
            }
            let without: String = def
                .example
                .lines()
                .filter(|line| {
                    // The attribute's lines, not a declaration whose
                    // keyword is the same word (`topic = x` and `topic x {`).
                    let line = line.trim_start();
                    !(line.starts_with(&format!("{} =", attribute.key))
                        || line.starts_with(&format!("{} {{", attribute.key)))
                })
                .map(|line| format!("{line}\n"))
                .collect();
            let compilation = compile(&without);
            assert!(
                codes(&compilation).contains(&Code::MissingAttribute),
                "{} without `{}` is not E0302: {:?}",
                def.keyword,
                attribute.key,
                codes(&compilation)
            );
        }
    }
}

#[test]
fn every_attribute_and_entry_is_documented_and_has_the_declared_shape() {
    for kind in DeclKind::ALL {
        let def = kind.def();
        assert!(!def.summary.is_empty(), "{}: no summary", def.keyword);
        let mut keys = BTreeSet::new();
        for attribute in def.attributes {
            assert!(
                keys.insert(attribute.key),
                "{}: `{}` twice",
                def.keyword,
                attribute.key
            );
            assert!(
                attribute.doc.len() > 10,
                "{}: `{}` has no doc",
                def.keyword,
                attribute.key
            );
            if attribute.requirement != Requirement::Optional || attribute.refers_to().is_some() {
                assert!(
                    !attribute.example.is_empty(),
                    "{}: `{}` needs an example value for help lines",
                    def.keyword,
                    attribute.key
                );
            }
            for entry in attribute.entries() {
                assert!(
                    entry.doc.len() > 10,
                    "{}: `{} {{ {} }}` has no doc",
                    def.keyword,
                    attribute.key,
                    entry.key
                );
            }
            // A value of the wrong shape is reported, never taken.
            let wrong = match attribute.value.shape() {
                rookc::kinds::Shape::Attribute => format!("{} {{ }}", attribute.key),
                _ => format!("{} = 1", attribute.key),
            };
            let text: String = def
                .example
                .lines()
                .map(|line| {
                    if line.starts_with(&format!("{} ", def.keyword)) {
                        format!("{line}\n  {wrong}\n")
                    } else {
                        format!("{line}\n")
                    }
                })
                .collect();
            let compilation = compile(&text);
            assert!(
                compilation
                    .diagnostics
                    .iter()
                    .any(|d| d.severity() == Severity::Error),
                "{}: `{wrong}` is accepted",
                def.keyword
            );
        }
    }
}

#[test]
fn references_name_kinds_that_are_checked_before_the_referring_kind() {
    for (position, kind) in DeclKind::ALL.iter().enumerate() {
        for attribute in kind.def().attributes {
            // A volume's sources are resolved once every declaration is
            // lowered (they name volumes and the snapshots of volumes).
            if *kind == DeclKind::Volume && rookc::kinds::LATE_REFERENCES.contains(&attribute.key) {
                continue;
            }
            if let ValueType::Reference(target) = attribute.value {
                let target_position = DeclKind::ALL.iter().position(|k| *k == target);
                assert!(
                    target_position < Some(position),
                    "{} `{}` refers to {}, which is lowered later",
                    kind.keyword(),
                    attribute.key,
                    target.keyword()
                );
            }
        }
    }
}

/// The backticked names in the first column of a page's attribute table.
fn page_attributes(page: &str) -> BTreeSet<String> {
    let mut in_table = false;
    let mut keys = BTreeSet::new();
    for line in page.lines() {
        if line.starts_with("| attribute |") {
            in_table = true;
            continue;
        }
        if !line.starts_with('|') {
            in_table = false;
        }
        if !in_table || line.starts_with("|---") {
            continue;
        }
        let first = line.split('|').nth(1).unwrap_or_default();
        for name in first.split('`').skip(1).step_by(2) {
            let word = name.split_whitespace().next().unwrap_or_default();
            keys.insert(word.to_string());
        }
    }
    keys
}

#[test]
fn every_kind_has_a_reference_page_listing_its_attributes() {
    for kind in DeclKind::ALL {
        let def = kind.def();
        let path = root().join(format!("docs/kinds/{}.md", def.keyword));
        let page =
            std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("no page {}", path.display()));
        assert_eq!(def.page, page, "the binary embeds {}", path.display());
        assert!(
            page.starts_with(&format!("# `{}`\n", def.keyword)),
            "{}: heading",
            path.display()
        );
        let table: BTreeSet<String> = def.attributes.iter().map(|a| a.key.to_string()).collect();
        assert_eq!(
            page_attributes(&page),
            table,
            "{}: the attribute table lists what the kind has",
            path.display()
        );
        let run = rookc(&["explain", def.keyword], &root());
        assert_eq!(run.code, 0, "rookc explain {}", def.keyword);
        assert_eq!(run.stdout, page, "rookc explain {}", def.keyword);
    }
}

#[test]
fn every_page_links_from_the_language_reference() {
    let language = std::fs::read_to_string(root().join("docs/language.md")).expect("language");
    for kind in DeclKind::ALL {
        let link = format!("(kinds/{}.md)", kind.keyword());
        assert!(language.contains(&link), "docs/language.md lacks {link}");
    }
}

#[test]
fn a_users_caps_entries_are_the_capabilities_the_checker_maps() {
    let table: Vec<&str> = DeclKind::User
        .attribute("caps")
        .expect("users have caps")
        .entries()
        .iter()
        .map(|e| e.key)
        .collect();
    let checker: Vec<&str> = rookc::check::CAPABILITIES.iter().map(|(k, _)| *k).collect();
    assert_eq!(table, checker);
}
