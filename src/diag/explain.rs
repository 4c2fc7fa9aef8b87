//! `rookc explain CODE`: the long explanation of each code, from
//! `docs/errors/<CODE>.md`.

use super::Code;

/// The explanation page of a code, as Markdown.
pub fn page(code: Code) -> &'static str {
    code.page()
}

/// The page's first paragraph after its heading: what the code means.
pub fn summary_paragraph(code: Code) -> String {
    let body = code.page().split_once("\n\n").map_or("", |(_, rest)| rest);
    let paragraph = body.split("\n\n").next().unwrap_or("");
    paragraph.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_is_one_line_of_the_first_paragraph() {
        let summary = summary_paragraph(Code::UnknownName);
        assert!(
            summary.starts_with("A reference names nothing"),
            "{summary}"
        );
        assert!(!summary.contains('\n'));
    }
}
