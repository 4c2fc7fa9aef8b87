//! `rookc check` does not emit, yet gives every verdict `rookc build`
//! gives: at each size limit (a program one byte under it and one byte
//! over), on a generated program, and on every ui case.

use std::fs;
use std::path::Path;

use rookc::diag::Severity;
use rookc::model::Bucket;
use rookc::source::SourceMap;

use crate::generated::gen;
use crate::support::{expand, rookc, root};

/// A size limit, and programs to reach it a byte at a time.
struct Limit {
    code: &'static str,
    max: usize,
    /// The body of bucket `dashboards`: `items` items of one size, and one
    /// whose text is `padding` bytes longer than its shortest.
    body: fn(items: usize, padding: usize) -> String,
    /// What the limit measures, in a bucket that has no error.
    size: fn(&Bucket) -> usize,
}

const LIMITS: [Limit; 3] = [
    Limit {
        code: "E0410",
        max: rookc::limits::MAX_POLICY_BYTES,
        body: |items, padding| {
            let mut body = String::from("  policy {\n");
            for n in 0..items {
                body += &format!(
                    "    allow grafana write on \"{n:05}-{}/\"\n",
                    "x".repeat(500)
                );
            }
            body += &format!(
                "    allow grafana write on \"pad-{}/\"\n  }}\n",
                "x".repeat(padding)
            );
            body
        },
        size: |bucket| {
            let policy = bucket.policy.as_ref().expect("a policy");
            rookc::emit::policy_size(policy).expect("serializable")
        },
    },
    Limit {
        code: "E0309",
        max: rookc::limits::MAX_OBJECT_BYTES,
        body: |items, padding| {
            // A policy of about 930 KB and annotations of 200 KB (each
            // under its own limit), a lifecycle for the rest.
            let mut body = String::from("  policy {\n");
            for n in 0..850 {
                body += &format!(
                    "    allow grafana write on \"{n:05}-{}/\"\n",
                    "x".repeat(900)
                );
            }
            body += "  }\n  annotations {\n";
            for n in 0..200 {
                body += &format!(
                    "    \"example.com/note-{n:05}\" = \"{}\"\n",
                    "x".repeat(1000)
                );
            }
            body += &format!(
                "    \"example.com/pad\" = \"{}\"\n  }}\n",
                "x".repeat(padding)
            );
            // Each rule's ID stays within RGW's 255 characters.
            body += "  lifecycle {\n";
            for n in 0..items {
                body += &format!("    expire \"{n:05}-{}/\" after 30d\n", "x".repeat(230));
            }
            body += "  }\n";
            body
        },
        size: |bucket| rookc::emit::claim_size(bucket).expect("serializable"),
    },
    Limit {
        code: "E0210",
        // Kubernetes' `TotalAnnotationSizeLimitB` (the checker's constant
        // is private to it).
        max: 256 * 1024,
        body: |items, padding| {
            let mut body = String::from("  annotations {\n");
            for n in 0..items {
                body += &format!(
                    "    \"example.com/note-{n:05}\" = \"{}\"\n",
                    "x".repeat(1000)
                );
            }
            body += &format!(
                "    \"example.com/pad\" = \"{}\"\n  }}\n",
                "x".repeat(padding)
            );
            body
        },
        size: |bucket| {
            let annotations = &bucket.meta.annotations;
            annotations.iter().map(|(k, v)| k.len() + v.len()).sum()
        },
    },
];

fn program(body: &str) -> String {
    format!(
        "objectstore homelab {{ namespace = \"rook-ceph\"  storage_class = \"rook-ceph-bucket\" }}\n\
         user grafana {{ store = homelab }}\n\
         user mimir {{ store = homelab }}\n\
         bucket dashboards {{\n  store = homelab\n  namespace = \"monitoring\"\n  owner = mimir\n{body}}}\n"
    )
}

/// The measured size of bucket `dashboards`, which may be over the limit
/// but must have no other error.
fn measure(limit: &Limit, items: usize, padding: usize) -> usize {
    let mut sources = SourceMap::new();
    sources.add("main.rook", program(&(limit.body)(items, padding)));
    let analysis = rookc::diagnose(&sources);
    let errors: Vec<&str> = (analysis.diagnostics.iter())
        .filter(|d| d.severity() == Severity::Error)
        .map(|d| d.code.as_str())
        .filter(|&code| code != limit.code)
        .collect();
    assert!(
        errors.is_empty(),
        "{}, {items} items: {errors:?}",
        limit.code
    );
    let bucket = analysis
        .program
        .buckets
        .iter()
        .find(|b| b.meta.name == "dashboards");
    (limit.size)(bucket.expect("bucket `dashboards`"))
}

/// The programs of `limit.max` bytes and of one byte more.
fn at_the_limit(limit: &Limit) -> (String, String) {
    let one = measure(limit, 1, 0);
    let per_item = measure(limit, 2, 0) - one;
    // Numbers in the emitted text (statement ids) gain digits as items
    // are added, so an item costs more than the first two did: from the
    // estimate, step down until the program fits.
    let mut items = 1 + (limit.max - one) / per_item;
    let mut size = measure(limit, items, 0);
    while size > limit.max {
        items -= (size - limit.max).div_ceil(per_item);
        size = measure(limit, items, 0);
    }
    let padding = limit.max - size;
    // The padding fits in one item (a key pattern within S3's 1024 bytes).
    assert!(padding < 1000, "{}: {padding} bytes of padding", limit.code);
    assert_eq!(measure(limit, items, padding), limit.max, "{}", limit.code);
    let under = program(&(limit.body)(items, padding));
    let over = program(&(limit.body)(items, padding + 1));
    (under, over)
}

/// Runs `rookc check` and `rookc build` on one program in `dir`: both
/// exit codes and JSON reports must be the same; returns them.
fn check_and_build(dir: &Path, text: &str) -> (i32, String) {
    fs::write(dir.join("main.rook"), text).expect("write");
    let check = rookc(&["check", "--format", "json", "main.rook"], dir);
    let build = rookc(
        &["build", "--format", "json", "-o", "out", "main.rook"],
        dir,
    );
    assert_eq!(check.code, build.code, "{}", build.stdout);
    assert_eq!(check.stdout, build.stdout);
    (check.code, check.stdout)
}

#[test]
fn check_and_build_agree_a_byte_under_and_over_each_size_limit() {
    for limit in &LIMITS {
        let (under, over) = at_the_limit(limit);
        let dir = tempfile::tempdir().expect("temp dir");
        let (code, report) = check_and_build(dir.path(), &under);
        assert_eq!(code, 0, "{} at the limit: {report}", limit.code);
        assert!(!report.contains("\"severity\":\"error\""), "{report}");
        let (code, report) = check_and_build(dir.path(), &over);
        assert_eq!(code, 1, "{} a byte over: {report}", limit.code);
        assert_eq!(
            report.matches("\"severity\":\"error\"").count(),
            1,
            "{report}"
        );
        assert!(
            report.contains(&format!("\"code\":\"{}\"", limit.code)),
            "{} a byte over: {report}",
            limit.code
        );
    }
}

#[test]
fn check_and_build_agree_on_a_generated_program() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, report) = check_and_build(dir.path(), &gen::program(200));
    assert_eq!(code, 0, "{report}");
    assert!(report.contains("\"code\":\"N0601\""), "{report}");
}

#[test]
fn diagnose_reports_what_compile_reports_on_every_ui_case() {
    insta::glob!("ui/**/*.rook", |path| {
        let text = fs::read_to_string(path).expect("readable case");
        let relative = path.strip_prefix(root()).expect("inside the package");
        let mut sources = SourceMap::new();
        sources.add(relative, expand(&text));
        let checked = rookc::diagnose(&sources);
        let built = rookc::compile(&sources).expect("emit never fails");
        assert_eq!(
            checked.diagnostics,
            built.diagnostics,
            "{}",
            relative.display()
        );
        assert!(checked.manifests.is_none());
    });
}
