//! Text for a terminal: what rookc prints for people (diagnostics, file
//! names, `wrote ...` lines, reports) goes through [`escape`], so that a
//! file name or a string in a program cannot send control sequences to the
//! terminal (an ESC in a file name could recolour, hide or rewrite lines)
//! or reorder what it shows (bidirectional overrides).

use std::borrow::Cow;

/// `text` with every control character except tab, and every invisible
/// character that changes how the text around it is shown (bidirectional
/// controls, zero-width characters), written as `\u{1b}`.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`escape`], line by line: the `\n`s of a multi-line text stay.
pub fn escape_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && needs_escape(c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(escape).collect();
    Cow::Owned(lines.join("\n"))
}

/// How many bytes `text` takes once escaped.
pub fn escaped_len(text: &str) -> usize {
    text.chars()
        .map(|c| {
            if needs_escape(c) {
                format!("\\u{{{:x}}}", u32::from(c)).len()
            } else {
                c.len_utf8()
            }
        })
        .sum()
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_written_out() {
        assert_eq!(escape("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(
            escape("x\u{202e}y\u{9b}\r\n"),
            "x\\u{202e}y\\u{9b}\\u{d}\\u{a}"
        );
        assert!(matches!(escape("plain\ttext é"), Cow::Borrowed(_)));
        assert_eq!(escape_lines("a\u{7}\nb\n"), "a\\u{7}\nb\n");
        for text in ["a\u{1b}b", "é\u{0}", "plain"] {
            assert_eq!(escaped_len(text), escape(text).len());
        }
    }
}
