//! Benchmarks: parse, check, emit and the whole build of generated
//! programs (`examples/gen.rs`) of 100 to 100,000 buckets, with their
//! throughput in objects (declarations) per second.
//!
//! ```sh
//! cargo bench                      # everything, a few minutes
//! cargo bench -- 'build/10000$'    # one case
//! ```
//!
//! Not run in CI. The 100,000 case takes few samples so that a whole run
//! stays short; README.md (Performance) has figures and how they were taken.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use rookc::diag::Diagnostics;
use rookc::source::{FileId, SourceMap};

/// The allocator of the `rookc` binary, so that the figures match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../examples/gen.rs"]
#[allow(dead_code)]
mod gen;

const SIZES: [usize; 4] = [100, 1_000, 10_000, 100_000];

/// A generated program of `n` buckets, and how many objects it declares.
fn program(n: usize) -> (SourceMap, u64) {
    let mut sources = SourceMap::new();
    sources.add("generated.rook", gen::program(n));
    let users = if n == 0 { 0 } else { (n / 2).max(2) };
    // Buckets, users and volumes, plus the store, filesystem and group.
    let objects = n + users + n / 10 + 3;
    (sources, objects as u64)
}

fn parse(sources: &SourceMap) -> Vec<rookc::ast::File> {
    let mut diags = Diagnostics::new();
    let text = &sources.get(FileId(0)).text;
    vec![rookc::syntax::parse_file(FileId(0), text, &mut diags)]
}

fn check(files: Vec<rookc::ast::File>) -> rookc::model::Program {
    let mut diags = Diagnostics::new();
    let program = rookc::check::check(files, &mut diags);
    assert!(!diags.has_errors());
    program
}

/// One group per stage (`parse/10000`, `build/100000`, ...), each over
/// every size.
fn stages(c: &mut Criterion) {
    let programs: Vec<(usize, SourceMap, u64)> = SIZES
        .iter()
        .map(|&n| {
            let (sources, objects) = program(n);
            (n, sources, objects)
        })
        .collect();
    let models: Vec<rookc::model::Program> = programs
        .iter()
        .map(|(_, sources, _)| check(parse(sources)))
        .collect();
    for stage in ["parse", "check", "emit", "build"] {
        let mut group = c.benchmark_group(stage);
        for ((n, sources, objects), model) in programs.iter().zip(&models) {
            group.throughput(Throughput::Elements(*objects));
            if *n >= 100_000 {
                group
                    .sample_size(10)
                    .warm_up_time(Duration::from_secs(1))
                    .measurement_time(Duration::from_secs(8));
            }
            let id = BenchmarkId::from_parameter(n);
            match stage {
                "parse" => group.bench_function(id, |b| b.iter(|| parse(sources))),
                "check" => group.bench_function(id, |b| {
                    b.iter_batched(|| parse(sources), check, BatchSize::PerIteration)
                }),
                "emit" => {
                    group.bench_function(id, |b| b.iter(|| rookc::emit::emit(model).expect("emit")))
                }
                _ => group.bench_function(id, |b| b.iter(|| build(sources))),
            };
        }
        group.finish();
    }
}

/// What `rookc build --stdout` does after reading the files.
fn build(sources: &SourceMap) -> usize {
    let compilation = rookc::compile(sources).expect("compile");
    let manifests = compilation.manifests.expect("no errors");
    let mut out = Vec::with_capacity(1 << 20);
    rookc::emit::write_stream(&manifests, &mut out).expect("write");
    out.len()
}

criterion_group!(benches, stages);
criterion_main!(benches);
