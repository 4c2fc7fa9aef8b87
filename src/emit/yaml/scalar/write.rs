//! The text of each scalar style, as libyaml's emitter writes it: plain,
//! single-quoted (quotes doubled, line breaks folded), double-quoted (with
//! libyaml's escapes) and literal blocks with their indentation and
//! chomping indicators.

use super::super::writer::Writer;
use super::analysis::{is_break, printable};
use super::Style;

impl Writer {
    /// Writes `value` in `style` (as returned by [`select`]).
    pub fn scalar(&mut self, value: &str, style: Style) {
        match style {
            Style::Any | Style::Plain => self.plain(value),
            Style::SingleQuoted => self.single_quoted(value),
            Style::DoubleQuoted => self.double_quoted(value),
            Style::Literal => self.literal(value),
        }
    }

    fn plain(&mut self, value: &str) {
        if !self.whitespace && !value.is_empty() {
            self.put(' ');
        }
        // Plain scalars hold no line breaks, and lines are never folded.
        self.put_str(value);
        self.whitespace = false;
        self.indention = false;
    }

    fn single_quoted(&mut self, value: &str) {
        self.indicator("'", true, false, false);
        // Whether some byte is a quote, or starts a line break (`\n`, `\r`,
        // U+0085 from 0xC2, U+2028 and U+2029 from 0xE2): `contains` on
        // bytes is a fast memchr.
        let has = |byte: u8| value.as_bytes().contains(&byte);
        let breaks = has(b'\n') || has(b'\r') || has(0xC2) || has(0xE2);
        let quotes = has(b'\'');
        if !breaks && !quotes {
            self.put_str(value);
            self.indicator("'", false, false, false);
            self.indention = false;
            return;
        }
        if !breaks {
            // Quotes doubled.
            for (i, part) in value.split('\'').enumerate() {
                if i > 0 {
                    self.put_str("''");
                }
                self.put_str(part);
            }
            self.indicator("'", false, false, false);
            self.indention = false;
            return;
        }
        let mut breaks = false;
        for c in value.chars() {
            if c == ' ' {
                self.put(' ');
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                breaks = false;
            }
        }
        if breaks {
            self.write_indent();
        }
        self.indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn double_quoted(&mut self, value: &str) {
        self.indicator("\"", true, false, false);
        for c in value.chars() {
            if !printable(c) || c == '\u{FEFF}' || is_break(c) || c == '"' || c == '\\' {
                self.escape(c);
            } else {
                self.put(c);
            }
        }
        self.indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn escape(&mut self, c: char) {
        self.put('\\');
        let short = match c {
            '\0' => Some('0'),
            '\u{7}' => Some('a'),
            '\u{8}' => Some('b'),
            '\t' => Some('t'),
            '\n' => Some('n'),
            '\u{B}' => Some('v'),
            '\u{C}' => Some('f'),
            '\r' => Some('r'),
            '\u{1B}' => Some('e'),
            '"' => Some('"'),
            '\\' => Some('\\'),
            '\u{85}' => Some('N'),
            '\u{A0}' => Some('_'),
            '\u{2028}' => Some('L'),
            '\u{2029}' => Some('P'),
            _ => None,
        };
        if let Some(short) = short {
            self.put(short);
            return;
        }
        let code = u32::from(c);
        let (letter, digits) = match code {
            0..=0xFF => ('x', 2),
            0x100..=0xFFFF => ('u', 4),
            _ => ('U', 8),
        };
        self.put(letter);
        for k in (0..digits).rev() {
            let digit = (code >> (k * 4)) & 0xF;
            self.put(char::from_digit(digit, 16).map_or('0', |d| d.to_ascii_uppercase()));
        }
    }

    fn literal(&mut self, value: &str) {
        self.indicator("|", true, false, false);
        self.block_hints(value);
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for c in value.chars() {
            if is_break(c) {
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                breaks = false;
            }
        }
    }

    /// The indentation and chomping indicators after `|`.
    fn block_hints(&mut self, value: &str) {
        if value.starts_with(|c: char| c == ' ' || is_break(c)) {
            self.indicator("2", false, false, false);
        }
        let mut from_end = value.chars().rev();
        let chomp = match (from_end.next(), from_end.next()) {
            (None, _) => Some("-"),
            (Some(last), _) if !is_break(last) => Some("-"),
            (Some(_), None) => Some("+"),
            (Some(_), Some(before)) if is_break(before) => Some("+"),
            (Some(_), Some(_)) => None,
        };
        if let Some(chomp) = chomp {
            self.indicator(chomp, false, false, false);
        }
    }
}
