//! The program generator behind the benchmarks (`examples/gen.rs`) writes
//! programs that compile with no error and no warning.

#[path = "../examples/gen.rs"]
#[allow(dead_code)]
pub mod gen;

use rookc::diag::Severity;
use rookc::source::SourceMap;

fn compile_generated(n: usize) -> (SourceMap, rookc::Compilation) {
    let mut sources = SourceMap::new();
    sources.add("generated.rook", gen::program(n));
    let compilation = rookc::compile(&sources).expect("emit");
    (sources, compilation)
}

#[test]
fn generated_programs_compile_clean() {
    for n in [0, 1, 2, 3, 50] {
        let (sources, compilation) = compile_generated(n);
        let problems = compilation
            .diagnostics
            .iter()
            .filter(|d| d.severity() != Severity::Note)
            .count();
        assert_eq!(
            problems,
            0,
            "n = {n}:\n{}",
            rookc::diag::render::render(&sources, &compilation.diagnostics, false)
        );
        let manifests = compilation.manifests.expect("manifests");
        // Buckets, users and volumes, plus the subvolume group and its
        // StorageClass.
        let users = if n == 0 { 0 } else { (n / 2).max(2) };
        assert_eq!(manifests.len(), n + users + n / 10 + 2, "n = {n}");
    }
}
