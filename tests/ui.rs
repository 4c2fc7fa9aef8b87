//! One small `.rook` case per rule under `tests/ui/<area>/`: its first line
//! says which codes it must produce (`# expect = ["E0201"]`), and the
//! snapshot holds the source followed by the rendered diagnostics. Notes
//! (N codes) count only in cases that expect one.

use std::fs;
use std::path::Path;

use rookc::diag::{Code, Severity};
use rookc::source::SourceMap;

use crate::support::{expand, root};

fn expected_codes(text: &str, path: &Path) -> Vec<String> {
    let line = text.lines().next().unwrap_or("");
    let list = line
        .strip_prefix("# expect = [")
        .and_then(|rest| rest.strip_suffix(']'))
        .unwrap_or_else(|| {
            panic!(
                "{}: the first line must be `# expect = [...]`",
                path.display()
            )
        });
    let mut codes: Vec<String> = list
        .split(',')
        .map(|code| code.trim().trim_matches('"').to_string())
        .filter(|code| !code.is_empty())
        .collect();
    codes.sort();
    codes
}

#[test]
fn ui_cases() {
    insta::glob!("ui/**/*.rook", |path| {
        let text = fs::read_to_string(path).expect("readable case");
        let relative = path.strip_prefix(root()).expect("inside the package");
        let mut sources = SourceMap::new();
        // Cases of size limits are abbreviated; the snapshot shows the case
        // as written, the diagnostics the text written out.
        sources.add(relative, expand(&text));
        let compilation = rookc::compile(&sources).expect("emit never fails");
        let expected = expected_codes(&text, path);
        // Notes about the build are compared only where a case expects one.
        let with_notes = expected.iter().any(|code| code.starts_with('N'));
        let mut codes: Vec<String> = compilation
            .diagnostics
            .iter()
            .filter(|d| with_notes || d.severity() != Severity::Note)
            .map(|d| d.code.as_str().to_string())
            .collect();
        codes.sort();
        assert_eq!(codes, expected, "{}", relative.display());
        let rendered = rookc::diag::render::render(&sources, &compilation.diagnostics, false);
        insta::assert_snapshot!(format!("{text}\n{}\n{rendered}", "=".repeat(72)));
    });
}

#[test]
fn every_code_has_a_ui_case() {
    let mut names = Vec::new();
    for area in fs::read_dir(root().join("tests/ui")).expect("tests/ui") {
        for case in fs::read_dir(area.expect("area").path()).expect("area dir") {
            names.push(
                case.expect("case")
                    .file_name()
                    .to_string_lossy()
                    .into_owned(),
            );
        }
    }
    for code in Code::ALL {
        assert!(
            names.iter().any(|name| name.starts_with(code.as_str())),
            "no ui case for {} ({})",
            code.as_str(),
            code.name()
        );
    }
}
