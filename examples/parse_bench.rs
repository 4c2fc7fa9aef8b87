//! Measures what the hand-written fast parser buys over pest: the wall
//! time of parsing a generated program with each, next to the time of the
//! whole `compile` (parse, check, emit) of the same program.
//!
//! Run: `cargo run --release --example parse_bench -- 100000` (the size
//! is `gen`'s N; default 10,000). Each figure is the best of three runs.

use std::time::{Duration, Instant};

use rookc::diag::Diagnostics;
use rookc::source::{FileId, SourceMap};

#[path = "gen.rs"]
mod gen;

fn best_of_three(mut run: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(10_000);
    let text = gen::program(n);
    let fast = best_of_three(|| {
        let file = rookc::syntax::parse_file_fast(FileId(0), &text);
        assert!(file.is_some(), "the fast path accepts gen's programs");
    });
    let pest = best_of_three(|| {
        let mut diags = Diagnostics::new();
        rookc::syntax::parse_file_with_pest(FileId(0), &text, &mut diags);
        assert!(diags.is_empty(), "gen's programs parse");
    });
    let mut sources = SourceMap::new();
    sources.add("gen.rook", text.as_str());
    let compile = best_of_three(|| {
        let compilation = rookc::compile(&sources).expect("gen's programs compile");
        assert!(compilation.manifests.is_some());
    });
    let saved = pest.saturating_sub(fast);
    println!(
        "N = {n} ({} bytes)\nfast path  {fast:>10.1?}\npest       {pest:>10.1?}\ncompile    {compile:>10.1?} (with the fast path)\nthe fast path saves {saved:.1?}, {:.0}% of compile with pest",
        text.len(),
        100.0 * saved.as_secs_f64() / (compile + saved).as_secs_f64()
    );
}
