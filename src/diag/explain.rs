//! `rookc explain CODE`: the long explanation of each code.

use super::Code;

/// The explanation page of a code, as Markdown.
pub fn page(code: Code) -> String {
    format!(
        "# {}: {}\n\n{}.\n",
        code.as_str(),
        code.name(),
        code.summary()
    )
}
