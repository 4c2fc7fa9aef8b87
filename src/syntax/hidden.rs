//! Trojan Source (CVE-2021-42574): characters that change the order in
//! which text is displayed, or that are not displayed at all, make a file
//! read differently from how it compiles. Each one is error E0103, found
//! on the raw text before parsing, wherever it stands.
//!
//! The set: every character with Unicode's `Bidi_Control` property
//! (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the
//! zero-width characters U+200B–U+200D, U+2060–U+2064 and U+FEFF. A
//! U+FEFF at the very start of a file is a byte-order mark, which editors
//! write and hide; [`bom_len`] lets the parsers skip it.

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::source::{FileId, Span};

const BOM: char = '\u{FEFF}';

/// How many bytes of byte-order mark start `text`: 3 or 0.
pub fn bom_len(text: &str) -> usize {
    if text.starts_with(BOM) {
        BOM.len_utf8()
    } else {
        0
    }
}

/// What a hidden character does to the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    /// Reorders the text that follows it on screen.
    Direction,
    /// Takes no room on screen.
    Invisible,
}

/// The lowercase Unicode name and effect of a character in the set.
fn hidden(c: char) -> Option<(&'static str, Effect)> {
    use Effect::{Direction, Invisible};
    Some(match c {
        '\u{061C}' => ("arabic letter mark", Direction),
        '\u{200E}' => ("left-to-right mark", Direction),
        '\u{200F}' => ("right-to-left mark", Direction),
        '\u{202A}' => ("left-to-right embedding", Direction),
        '\u{202B}' => ("right-to-left embedding", Direction),
        '\u{202C}' => ("pop directional formatting", Direction),
        '\u{202D}' => ("left-to-right override", Direction),
        '\u{202E}' => ("right-to-left override", Direction),
        '\u{2066}' => ("left-to-right isolate", Direction),
        '\u{2067}' => ("right-to-left isolate", Direction),
        '\u{2068}' => ("first strong isolate", Direction),
        '\u{2069}' => ("pop directional isolate", Direction),
        '\u{200B}' => ("zero width space", Invisible),
        '\u{200C}' => ("zero width non-joiner", Invisible),
        '\u{200D}' => ("zero width joiner", Invisible),
        '\u{2060}' => ("word joiner", Invisible),
        '\u{2061}' => ("function application", Invisible),
        '\u{2062}' => ("invisible times", Invisible),
        '\u{2063}' => ("invisible separator", Invisible),
        '\u{2064}' => ("invisible plus", Invisible),
        BOM => ("zero width no-break space", Invisible),
        _ => return None,
    })
}

/// Whether the character at byte `at` of `text` is one E0103 reports (the
/// syntax error pest would give there is then left out).
pub fn is_hidden_at(text: &str, at: usize) -> bool {
    at >= bom_len(text)
        && text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| hidden(c).is_some())
}

/// Where in the file a character stands, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Comment,
    String,
    Code,
}

/// Reports every hidden character of `text` once (E0103).
pub fn check_hidden_characters(file: FileId, text: &str, diags: &mut Diagnostics) {
    // Every character of the set is encoded with one of these lead bytes;
    // most files hold none, and are passed over at memory speed.
    if !text.bytes().any(|b| matches!(b, 0xD8 | 0xE2 | 0xEF)) {
        return;
    }
    let start = bom_len(text);
    let mut place = Place::Code;
    let mut escaped = false;
    for (offset, c) in text[start..].char_indices() {
        let at = start + offset;
        if let Some((name, effect)) = hidden(c) {
            diags.push(diagnostic(file, at, c, name, effect, place));
        }
        place = next_place(place, c, &mut escaped);
    }
}

/// The lexical place after `c`, as the grammar reads comments and strings.
fn next_place(place: Place, c: char, escaped: &mut bool) -> Place {
    match (place, c) {
        (_, '\n' | '\r') => {
            *escaped = false;
            Place::Code
        }
        (Place::Code, '#') => Place::Comment,
        (Place::Code, '"') => Place::String,
        (Place::String, _) if *escaped => {
            *escaped = false;
            Place::String
        }
        (Place::String, '\\') => {
            *escaped = true;
            Place::String
        }
        (Place::String, '"') => Place::Code,
        (other, _) => other,
    }
}

fn diagnostic(
    file: FileId,
    at: usize,
    c: char,
    name: &str,
    effect: Effect,
    place: Place,
) -> Diagnostic {
    let point = format!("U+{:04X}", u32::from(c));
    let place = match place {
        Place::Comment => "in a comment",
        Place::String => "in a string",
        Place::Code => "in the code",
    };
    let (message, label) = match effect {
        Effect::Direction => (
            format!(
                "unicode code point {point} ({name}) changes the visible direction of text {place}"
            ),
            "reorders the text after it on screen",
        ),
        Effect::Invisible => (
            format!("invisible unicode code point {point} ({name}) {place}"),
            "an invisible character",
        ),
    };
    Diagnostic::new(
        Code::HiddenCharacter,
        message,
        Span::new(file, at, at + c.len_utf8()),
        label,
    )
    .with_note("such characters make a file read differently from how it compiles (Trojan Source, CVE-2021-42574)")
    .with_help("delete the character; an editor that shows invisible characters helps find it")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes_at(text: &str) -> Vec<(usize, String)> {
        let mut diags = Diagnostics::new();
        check_hidden_characters(FileId(0), text, &mut diags);
        diags
            .into_sorted()
            .into_iter()
            .map(|d| (d.primary.span.start, d.message))
            .collect()
    }

    #[test]
    fn each_character_is_named_once_with_its_place() {
        let found = codes_at("# a\u{202E}b\nuser x { display_name = \"\u{200B}\" }\u{2066}");
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].0, 3);
        assert!(found[0].1.contains("U+202E (right-to-left override)"));
        assert!(found[0].1.ends_with("in a comment"));
        assert!(found[1].1.contains("U+200B (zero width space) in a string"));
        assert!(found[2].1.ends_with("in the code"));
    }

    #[test]
    fn a_leading_byte_order_mark_is_not_reported() {
        assert!(codes_at("\u{FEFF}user x { }").is_empty());
        assert_eq!(codes_at("\u{FEFF}\u{FEFF}user x { }").len(), 1);
        assert!(is_hidden_at("\u{FEFF}\u{FEFF}", 3));
        assert!(!is_hidden_at("\u{FEFF}", 0));
    }

    #[test]
    fn ordinary_non_ascii_text_passes() {
        assert!(codes_at("# café, naïve, 日本語, \u{2192}\n").is_empty());
    }
}
