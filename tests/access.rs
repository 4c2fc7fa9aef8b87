//! `rookc access` and the evaluator behind it: snapshots of the table and
//! the JSON on examples/homelab and on one small case per rule
//! (`tests/access/*.rook`), decisions asserted directly, policies read back
//! from the emitted JSON evaluated like the model, and the CLI's exit codes.

use std::fs;
use std::path::Path;

use rookc::access::{self, document, BucketFacts, Principal, Summary};
use rookc::source::SourceMap;

use crate::support::{compile_dir, rookc, root};

/// The table and the JSON of a program.
fn outputs(sources: &SourceMap, program: &rookc::model::Program) -> (String, String) {
    let report = access::evaluate(program);
    (
        access::render::human(sources, &report),
        access::render::json(sources, &report),
    )
}

fn case(path: &Path) -> (SourceMap, rookc::Compilation) {
    let relative = path.strip_prefix(root()).expect("inside the package");
    let mut sources = SourceMap::new();
    sources.add(relative, fs::read_to_string(path).expect("readable case"));
    let compilation = rookc::compile(&sources).expect("emit never fails");
    assert!(!compilation.has_errors(), "{}", relative.display());
    (sources, compilation)
}

/// The JSON report, each bucket's fields and then each principal on a
/// line of its own: the same content as the output, easier to review.
fn one_line_per_principal(json: &str) -> String {
    let mut report: serde_json::Value = serde_json::from_str(json).expect("JSON");
    let mut out = format!("version {}\n", report["version"]);
    let buckets = report["buckets"].as_array_mut().expect("buckets");
    for bucket in buckets {
        let principals = bucket
            .as_object_mut()
            .and_then(|b| b.remove("principals"))
            .expect("principals");
        out.push_str(&format!("{bucket}\n"));
        for principal in principals.as_array().expect("principals") {
            out.push_str(&format!("  {principal}\n"));
        }
    }
    out
}

#[test]
fn cases() {
    insta::glob!("access/*.rook", |path| {
        let (sources, compilation) = case(path);
        let (human, json) = outputs(&sources, &compilation.program);
        let text = &sources.get(rookc::source::FileId(0)).text;
        let rule = "=".repeat(72);
        let json = one_line_per_principal(&json);
        insta::assert_snapshot!(format!("{text}\n{rule}\n{human}{rule}\n{json}"));
    });
}

#[test]
fn homelab() {
    let (sources, compilation) = compile_dir(Path::new("examples/homelab"));
    let (human, json) = outputs(&sources, &compilation.program);
    insta::assert_snapshot!("homelab-human", human);
    insta::assert_snapshot!("homelab-json", json);
    let view = access::evaluate_user(&compilation.program, "loki").expect("loki is declared");
    insta::assert_snapshot!(
        "homelab-user-loki",
        access::render::user_human(&sources, &view)
    );
    insta::assert_snapshot!(
        "homelab-user-grafana-json",
        access::render::user_json(
            &sources,
            &access::evaluate_user(&compilation.program, "grafana").expect("declared")
        )
    );
}

/// docs/access.md shows what `rookc access` really prints for
/// examples/homelab (the README's quick start is run by tests/quickstart.rs).
#[test]
fn readme_shows_real_output() {
    let readme = fs::read_to_string(root().join("docs/access.md")).expect("docs/access.md");
    for bucket in ["loki-chunks", "homelab-backups"] {
        let run = rookc(&["access", "examples/homelab", "--bucket", bucket], &root());
        assert_eq!(run.code, 0, "{}", run.stderr);
        let shown = format!(
            "$ rookc access examples/homelab --bucket {bucket}\n{}",
            run.stdout
        );
        assert!(
            readme.contains(&shown),
            "docs/access.md must show:\n{shown}"
        );
    }
}

fn bucket_of<'a>(report: &'a access::AccessReport, name: &str) -> &'a access::BucketAccess {
    report
        .buckets
        .iter()
        .find(|b| b.facts.name == name)
        .expect("the bucket")
}

fn summary(bucket: &access::BucketAccess, principal: &Principal, group: &str) -> Summary {
    let row = bucket
        .principals
        .iter()
        .find(|r| r.principal == *principal)
        .expect("the principal");
    row.groups
        .iter()
        .find(|g| g.group == group)
        .expect("the group")
        .summary
}

#[test]
fn decisions_follow_rgw() {
    let load = |name: &str| case(&root().join("tests/access").join(name));
    let app = Principal::User("app".into());
    let owner = Principal::Owner(Some("owner".into()));

    let (_, c) = load("deny-wins.rook");
    let report = access::evaluate(&c.program);
    let data = bucket_of(&report, "data");
    assert_eq!(summary(data, &app, "write"), Summary::Allowed);
    assert_eq!(summary(data, &app, "delete"), Summary::Denied);

    let (_, c) = load("owner-implicit.rook");
    let report = access::evaluate(&c.program);
    let data = bucket_of(&report, "data");
    assert_eq!(summary(data, &owner, "read"), Summary::Allowed);
    assert_eq!(
        summary(data, &owner, "delete"),
        Summary::Limited,
        "deny anyone applies to the owner"
    );
    assert_eq!(
        summary(data, &Principal::OtherUser, "read"),
        Summary::Denied
    );

    let (_, c) = load("list-deny-on-prefix.rook");
    let report = access::evaluate(&c.program);
    let data = bucket_of(&report, "data");
    let row = data
        .principals
        .iter()
        .find(|r| r.principal == app)
        .expect("app");
    let listing = row.groups[0].listing.as_ref().expect("list has a listing");
    assert!(listing.unprefixed);
    assert_eq!(listing.denied_but_visible, ["secret/"]);

    let (_, c) = load("arn-principal.rook");
    let report = access::evaluate(&c.program);
    let data = bucket_of(&report, "data");
    let bob = Principal::Arn("arn:aws:iam::acme:user/bob".into());
    assert_eq!(summary(data, &bob, "write"), Summary::Allowed);
    assert_eq!(
        summary(
            data,
            &Principal::Arn("arn:aws:iam::acme:root".into()),
            "list"
        ),
        Summary::Allowed
    );
    assert_eq!(
        summary(data, &Principal::OtherUser, "list"),
        Summary::Denied
    );

    let (_, c) = load("anyone.rook");
    let report = access::evaluate(&c.program);
    let site = bucket_of(&report, "site");
    assert_eq!(summary(site, &Principal::Anyone, "read"), Summary::Limited);
    assert_eq!(summary(site, &Principal::Anyone, "write"), Summary::Denied);
}

/// `rookc diff` evaluates policies read back from manifests: the emitted
/// JSON must mean exactly what the model means, for every bucket.
#[test]
fn emitted_policies_evaluate_like_the_model() {
    let mut dirs = vec![root().join("tests/access")];
    dirs.extend(["homelab", "policy", "bucket"].map(|d| root().join("examples").join(d)));
    let mut compared = 0;
    for dir in dirs {
        let (_, compilation) = compile_dir(&dir);
        for bucket in &compilation.program.buckets {
            let Some(policy) = &bucket.policy else {
                continue;
            };
            let json: serde_json::Value =
                serde_json::from_str(&rookc::emit::policy_pretty(policy)).expect("emitted JSON");
            let read = document::statements(&json).expect("rookc reads what it emits");
            let from_model = access::evaluate_bucket(BucketFacts::of(bucket), &policy.statements);
            let from_json = access::evaluate_bucket(BucketFacts::of(bucket), &read);
            assert_eq!(
                from_model.principals, from_json.principals,
                "{}",
                bucket.meta.name
            );
            assert_eq!(from_model.scopes, from_json.scopes, "{}", bucket.meta.name);
            compared += 1;
        }
    }
    assert!(compared >= 8, "only {compared} policies compared");
}

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("bad.rook"),
        "bucket b { store = nowhere }\n",
    )
    .expect("write");
    let run = rookc(&["access", "bad.rook", "--color", "never"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("E0201"), "{}", run.stderr);

    let homelab = root().join("examples/homelab");
    let homelab = homelab.to_str().expect("utf-8 path");
    let run = rookc(&["access", homelab, "--bucket", "nope"], &root());
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (2, "error: the program has no bucket named `nope`\n")
    );
    let run = rookc(&["access", homelab, "--user", "nobody"], &root());
    assert_eq!(run.code, 2);
    let run = rookc(&["access", homelab, "--format", "yaml"], &root());
    assert_eq!(run.code, 2);

    let run = rookc(
        &["access", homelab, "--user", "grafana", "--format", "json"],
        &root(),
    );
    assert_eq!(run.code, 0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["user"]["name"], "grafana");
}
