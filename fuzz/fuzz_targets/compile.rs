//! Any text through the whole compiler: parse, check, emit. No input may
//! panic, make emit fail, or give a diagnostic whose primary or secondary
//! span is outside the text or splits a character. And the fast parser
//! must accept exactly the texts pest parses without a diagnostic, giving
//! the same AST. Each input is also tried with its line breaks written as
//! a lone `\r` and as `\r\n`, and behind a UTF-8 byte-order mark, so that
//! every line-ending and BOM path sees the fuzzer's texts.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rookc::diag::Diagnostics;
use rookc::source::SourceMap;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    check(text);
    if text.contains('\n') {
        check(&text.replace("\r\n", "\n").replace('\n', "\r"));
        check(&text.replace("\r\n", "\n").replace('\n', "\r\n"));
    }
    check(&format!("\u{feff}{text}"));
});

fn check(text: &str) {
    let mut sources = SourceMap::new();
    let file = sources.add("fuzz.rook", text);
    let compilation = match rookc::compile(&sources) {
        Ok(compilation) => compilation,
        Err(error) => panic!("internal error: {error}"),
    };
    for diagnostic in &compilation.diagnostics {
        for label in std::iter::once(&diagnostic.primary).chain(&diagnostic.secondary) {
            let span = label.span;
            assert_eq!(span.file, file, "{}", diagnostic.code.as_str());
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "span {span:?} outside the text for {}",
                diagnostic.code.as_str()
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "span {span:?} splits a character for {}",
                diagnostic.code.as_str()
            );
        }
    }
    // Rendering (every format) must not panic either.
    let _ = rookc::diag::render::render(&sources, &compilation.diagnostics, false);
    let _ = rookc::diag::json::render(&sources, &compilation.diagnostics);

    let mut diags = Diagnostics::new();
    let reference = rookc::syntax::parse_file_with_pest(file, text, &mut diags);
    match rookc::syntax::parse_file_fast(file, text) {
        Some(fast) => {
            assert!(diags.is_empty(), "the fast path accepted a file pest reports on");
            assert_eq!(format!("{fast:?}"), format!("{reference:?}"), "the parsers disagree");
        }
        None => assert!(!diags.is_empty(), "the fast path gave up on a file pest accepts"),
    }
}
