//! Measures reporting many diagnostics: the CPU time of rendering 20,000
//! diagnostics in each format (human, json, github, sarif), and of checking
//! and rendering one 200 KB line that holds 8,000 warnings.
//!
//! Run: `cargo run --release --example diag_bench`. With `-- --write DIR`
//! it also writes the two programs (`many.rook`, `one-line.rook`) to DIR,
//! for measuring the binary's time and memory:
//!
//! ```sh
//! /usr/bin/time -v target/release/rookc check --format json DIR/many.rook > /dev/null
//! /usr/bin/time -v target/release/rookc check --max-diagnostics 0 DIR/one-line.rook 2> /dev/null
//! ```

use std::io::{self, Write};
use std::time::Instant;

use rookc::diag::Diagnostic;
use rookc::source::SourceMap;

/// 10,000 users of a store that does not exist: an error and a warning
/// each, one user per line.
fn many(users: usize) -> String {
    let mut text = String::from(
        "objectstore s3 {\n  namespace = \"rook-ceph\"\n  storage_class = \"s3\"\n}\n",
    );
    for i in 0..users {
        text.push_str(&format!("user u{i} {{ store = s4 }}\n"));
    }
    text
}

/// `users` unused users (a warning each), all on one line.
fn one_line(users: usize) -> String {
    let mut text =
        String::from("objectstore s3 { namespace = \"rook-ceph\" storage_class = \"s3\" } ");
    for i in 0..users {
        text.push_str(&format!("user u{i} {{ store = s3 }} "));
    }
    text.push('\n');
    text
}

/// CPU time (user + system) of this process so far, in milliseconds, from
/// /proc (Linux); 0 elsewhere.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after `)`.
    (ticks(11) + ticks(12)) * 10.0
}

/// Runs `f`, printing its CPU and wall time; returns the CPU time.
fn measure(what: &str, f: impl FnOnce() -> usize) -> f64 {
    let cpu = cpu_ms();
    let wall = Instant::now();
    let bytes = f();
    let cpu = cpu_ms() - cpu;
    println!(
        "{what:<34} {cpu:>8.0} ms CPU {:>8.0} ms wall {:>10} bytes",
        wall.elapsed().as_secs_f64() * 1000.0,
        bytes
    );
    cpu
}

fn compile(path: &str, text: &str) -> (SourceMap, Vec<Diagnostic>) {
    let mut sources = SourceMap::new();
    sources.add(path, text);
    let compilation = rookc::compile(&sources).expect("emit");
    (sources, compilation.diagnostics)
}

/// A sink that counts what it is given.
struct Count(usize);

impl Write for Count {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let many_text = many(10_000);
    let one_line_text = one_line(8_000);
    if let Some(dir) = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1))
    {
        std::fs::write(format!("{dir}/many.rook"), &many_text).expect("write many.rook");
        std::fs::write(format!("{dir}/one-line.rook"), &one_line_text)
            .expect("write one-line.rook");
    }

    let (sources, diagnostics) = compile("many.rook", &many_text);
    println!(
        "{} diagnostics in {} lines",
        diagnostics.len(),
        many_text.lines().count()
    );
    let human = measure("human (all, no colour)", || {
        let mut out = Count(0);
        rookc::diag::render::render_to(&sources, &diagnostics, false, &mut out).expect("sink");
        out.0
    });
    for (name, render) in [
        (
            "json",
            rookc::diag::json::render as fn(&SourceMap, &[Diagnostic]) -> String,
        ),
        ("github", rookc::diag::github::render),
        ("sarif", rookc::diag::sarif::render),
    ] {
        let cpu = measure(name, || render(&sources, &diagnostics).len());
        println!("{:<34} {:>8.2}x human", "", cpu / human.max(1.0));
    }

    println!(
        "one line of {} bytes with 8,000 unused users",
        one_line_text.len()
    );
    let mut checked = None;
    measure("check", || {
        checked = Some(compile("one-line.rook", &one_line_text));
        0
    });
    let (sources, diagnostics) = checked.expect("checked");
    measure(&format!("human, all {}", diagnostics.len()), || {
        let mut out = Count(0);
        rookc::diag::render::render_to(&sources, &diagnostics, false, &mut out).expect("sink");
        out.0
    });
}
