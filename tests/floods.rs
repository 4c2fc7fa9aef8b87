//! Many diagnostics, and diagnostics on very long lines: a snippet shows a
//! window of its line, not the whole line; human output stops after 100
//! diagnostics per file and says how many more there were; machine
//! formats report everything unless `--max-diagnostics` says otherwise.

use std::fs;

use rookc::source::SourceMap;

use crate::support::rookc;

/// `n` unused users (one warning each), all on one line.
fn one_long_line(n: usize) -> String {
    let mut text = String::from("objectstore s3 { namespace = \"rook-ceph\" } ");
    for i in 0..n {
        text.push_str(&format!("user u{i} {{ store = s3 }} "));
    }
    text.push('\n');
    text
}

#[test]
fn a_snippet_shows_a_window_of_a_long_line() {
    let text = one_long_line(2_000);
    let mut sources = SourceMap::new();
    sources.add("long.rook", text.as_str());
    let compilation = rookc::compile(&sources).expect("emit");
    let warnings = compilation.diagnostics.len();
    assert!(warnings >= 2_000, "{warnings}");
    let rendered = rookc::diag::render::render(&sources, &compilation.diagnostics, false);
    let widest = rendered
        .lines()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    assert!(widest < 260, "a line of {widest} characters");
    // The last user's warning: the window ends at the line's end, and the
    // caret is under its name, at the true column.
    let last = rendered
        .split("\n\n")
        .find(|d| d.contains("`u1999`"))
        .expect("u1999 warned");
    let column = text.find("u1999").expect("u1999") + 1;
    assert!(last.contains(&format!("long.rook:1:{column}")), "{last}");
    let mut lines = last.lines().skip_while(|l| !l.starts_with("1 │ "));
    let source = lines.next().expect("source line");
    let carets = lines.next().expect("caret line");
    assert!(
        source.starts_with("1 │ ...") && !source.ends_with("..."),
        "{source}"
    );
    let caret = carets.find('^').expect("caret");
    assert_eq!(&source[caret..caret + 5], "u1999", "{last}");
}

#[test]
fn a_window_in_the_middle_is_cut_on_both_sides() {
    let text = one_long_line(100);
    let mut sources = SourceMap::new();
    sources.add("long.rook", text.as_str());
    let compilation = rookc::compile(&sources).expect("emit");
    let rendered = rookc::diag::render::render(&sources, &compilation.diagnostics, false);
    let middle = rendered
        .split("\n\n")
        .find(|d| d.contains("`u50`"))
        .expect("u50 warned");
    insta::assert_snapshot!(middle);
}

#[test]
fn human_output_shows_100_per_file_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken: String = (0..250).map(|_| "user = = =\n").collect();
    fs::write(dir.path().join("a.rook"), &broken).expect("write");
    fs::write(dir.path().join("b.rook"), "user = =\n").expect("write");

    let run = rookc(&["check", "--color", "never", "."], dir.path());
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.matches("error[E0101]").count(),
        101,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "note: 150 more diagnostics in a.rook were not shown (at most 100 per file; `--max-diagnostics 0` shows all)\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with(
            "error: 251 errors, 0 warnings\nfor more about this error, try `rookc explain E0101`\n"
        ),
        "{}",
        run.stderr
    );

    let all = rookc(
        &["check", "--color", "never", "--max-diagnostics", "0"],
        dir.path(),
    );
    assert_eq!(all.stderr.matches("error[E0101]").count(), 251);
    assert!(!all.stderr.contains("not shown"));

    let three = rookc(
        &["check", "--color", "never", "--max-diagnostics", "3"],
        dir.path(),
    );
    assert_eq!(three.stderr.matches("error[E0101]").count(), 4);
    assert!(three
        .stderr
        .contains("note: 247 more diagnostics in a.rook were not shown (at most 3 per file"));
}

#[test]
fn machine_formats_report_everything_by_default() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken: String = (0..250).map(|_| "user = = =\n").collect();
    fs::write(dir.path().join("a.rook"), &broken).expect("write");
    for format in ["json", "github"] {
        let run = rookc(&["check", "--format", format], dir.path());
        assert_eq!(run.stdout.lines().count(), 250, "{format}");
        assert!(run.stderr.is_empty(), "{format}: {}", run.stderr);
        let capped = rookc(
            &["check", "--format", format, "--max-diagnostics", "10"],
            dir.path(),
        );
        assert_eq!(capped.stdout.lines().count(), 10, "{format}");
        assert!(
            capped.stderr.contains("240 more diagnostics"),
            "{}",
            capped.stderr
        );
    }
}
