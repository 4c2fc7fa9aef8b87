//! LSP positions (0-based line, UTF-16 column). Lines end at `\n`, `\r\n`
//! or a lone `\r`, as LSP counts them; the file's
//! [`LineIndex`](crate::source::LineIndex) finds them.

use lsp_types::{Position, Range};

use crate::source::{floor_char_boundary, SourceFile};

/// The LSP position of a byte offset.
pub fn position(file: &SourceFile, offset: usize) -> Position {
    let text = &file.text;
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let line = file.lines().line_of(offset);
    let line_start = file.lines().line_start(line).unwrap_or(0);
    let offset = offset.max(line_start);
    let character: usize = if file.lines().is_ascii_line(line) {
        offset - line_start
    } else {
        text[line_start..offset].chars().map(char::len_utf16).sum()
    };
    Position::new(line as u32, character as u32)
}

pub fn range(file: &SourceFile, start: usize, end: usize) -> Range {
    Range::new(position(file, start), position(file, end))
}

/// The byte offset of an LSP position (clamped to the text).
pub fn offset(file: &SourceFile, position: Position) -> usize {
    let text = &file.text;
    let line = position.line as usize;
    let character = position.character as usize;
    let Some(line_range) = file.lines().line_range(text, line) else {
        return text.len();
    };
    let mut units = 0;
    for (i, c) in text[line_range.clone()].char_indices() {
        if units >= character {
            return line_range.start + i;
        }
        units += c.len_utf16();
    }
    line_range.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        for text in ["ab\nçé𝄞x\n", "ab\r\nçé𝄞x\r\n", "ab\rçé𝄞x\r"] {
            let mut sources = crate::source::SourceMap::new();
            let id = sources.add("a.rook", text);
            let file = sources.get(id);
            let second = text.find('ç').expect("ç");
            assert_eq!(position(file, second), Position::new(1, 0));
            let x = text.find('x').expect("x");
            assert_eq!(position(file, x), Position::new(1, 4));
            assert_eq!(offset(file, Position::new(1, 4)), x);
            assert_eq!(offset(file, Position::new(1, 9)), x + 1);
            assert_eq!(offset(file, Position::new(9, 0)), text.len());
        }
    }
}
