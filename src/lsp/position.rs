//! LSP positions (0-based line, UTF-16 column).

use lsp_types::{Position, Range};

/// The LSP position of a byte offset.
pub fn position(text: &str, offset: usize) -> Position {
    let offset = floor(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    Position::new(line as u32, character as u32)
}

pub fn range(text: &str, start: usize, end: usize) -> Range {
    Range::new(position(text, start), position(text, end))
}

/// The byte offset of an LSP position (clamped to the text).
pub fn offset(text: &str, position: Position) -> usize {
    let line = position.line as usize;
    let character = position.character as usize;
    let mut line_start = 0;
    for _ in 0..line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let mut units = 0;
    for (i, c) in text[line_start..line_end].char_indices() {
        if units >= character {
            return line_start + i;
        }
        units += c.len_utf16();
    }
    line_end
}

fn floor(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        let text = "ab\nçé𝄞x\n";
        assert_eq!(position(text, 3), Position::new(1, 0));
        let x = text.find('x').expect("x");
        assert_eq!(position(text, x), Position::new(1, 4));
        assert_eq!(offset(text, Position::new(1, 4)), x);
        assert_eq!(offset(text, Position::new(9, 0)), text.len());
    }
}
