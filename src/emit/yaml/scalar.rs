//! Scalars: which style a string is written in, and the text of each style.
//!
//! The rules are those of serde_yaml 0.9 on libyaml (unsafe-libyaml 0.2),
//! which wrote rookc's manifests before this module did: a string that
//! would read back as something else (`null`, `true`, `1`, `0x1F`, `1e3`,
//! `007`, the empty string) is single-quoted; a string with a line feed is
//! a literal block (`|`); anything else is plain when libyaml's analysis
//! allows, else single-quoted, else double-quoted. The line width is
//! unlimited and non-ASCII text is written as is. The tests in
//! `src/emit/yaml/tests.rs` compare the output with serde_yaml's, byte for
//! byte.

use super::writer::Writer;

/// How a scalar is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Whatever the analysis allows, plain first.
    Any,
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}

/// The style serde_yaml asks for when it serialises a string.
pub fn string_style(value: &str) -> Style {
    if value.contains('\n') {
        Style::Literal
    } else if reads_back_as_non_string(value) {
        Style::SingleQuoted
    } else {
        Style::Any
    }
}

/// Whether a plain `value` would be read as null, a boolean or a number
/// (or is a number-like string with leading zeros).
fn reads_back_as_non_string(value: &str) -> bool {
    // Every non-string reading starts with one of these.
    let Some(first) = value.bytes().next() else {
        return true;
    };
    if !matches!(
        first,
        b'0'..=b'9' | b'+' | b'-' | b'.' | b'n' | b'N' | b'~' | b't' | b'T' | b'f' | b'F'
    ) {
        return false;
    }
    value.is_empty()
        || matches!(value, "null" | "Null" | "NULL" | "~")
        || matches!(
            value,
            "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
        )
        || unsigned_int(value)
        || negative_int(value)
        || digits_but_not_number(value)
        || float(value)
}

/// Leading zeros followed by digits: a string in YAML 1.2, quoted so that
/// YAML 1.1 readers do not take it for an octal number.
fn digits_but_not_number(value: &str) -> bool {
    let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
    digits.len() > 1 && digits.starts_with('0') && digits[1..].bytes().all(|b| b.is_ascii_digit())
}

fn unsigned_int(value: &str) -> bool {
    let unsigned = value.strip_prefix('+').unwrap_or(value);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unsigned.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return false;
            }
            if u128::from_str_radix(rest, radix).is_ok() {
                return true;
            }
        }
    }
    if unsigned.starts_with(['+', '-']) || digits_but_not_number(value) {
        return false;
    }
    unsigned.parse::<u128>().is_ok()
}

fn negative_int(value: &str) -> bool {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = value.strip_prefix(prefix) {
            if i128::from_str_radix(&format!("-{rest}"), radix).is_ok() {
                return true;
            }
        }
    }
    !digits_but_not_number(value) && value.parse::<i128>().is_ok()
}

fn float(value: &str) -> bool {
    let unsigned = match value.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return false,
        Some(rest) => rest,
        None => value,
    };
    matches!(unsigned, ".inf" | ".Inf" | ".INF")
        || matches!(
            value,
            "-.inf" | "-.Inf" | "-.INF" | ".nan" | ".NaN" | ".NAN"
        )
        || unsigned.parse::<f64>().is_ok_and(f64::is_finite)
}

/// libyaml's analysis of a scalar: which styles can hold it.
pub struct Analysis {
    pub multiline: bool,
    flow_plain_allowed: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

/// [`analyze`] for printable ASCII without spaces (such as a policy's
/// JSON): no break, space or special character, so only the indicators
/// count. A `:` or `-` is followed by whitespace only at the end.
fn analyze_graphic(value: &str) -> Analysis {
    let bytes = value.as_bytes();
    let first = bytes[0];
    let alone = bytes.len() == 1;
    let block = value.starts_with("---")
        || value.starts_with("...")
        || b"#,[]{}&*!|>'\"%@`".contains(&first)
        || (alone && b"?:-".contains(&first))
        || (!alone && bytes[bytes.len() - 1] == b':');
    let flow = block
        || first == b'?'
        || first == b':'
        || bytes[1..].iter().any(|b| b",?[]{}:".contains(b));
    Analysis {
        multiline: false,
        flow_plain_allowed: !flow,
        block_plain_allowed: !block,
        single_quoted_allowed: true,
        block_allowed: true,
    }
}

/// libyaml's "printable": what may appear unescaped.
fn printable(c: char) -> bool {
    matches!(c, '\n' | ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && c != '\u{FEFF}'
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Printable ASCII that is neither a space nor an indicator after a
/// scalar's first character: it changes nothing in the analysis but the
/// "previous character" flags.
const ORDINARY: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0x21;
    while b <= 0x7E {
        table[b] = !matches!(
            b as u8,
            b',' | b'?' | b'[' | b']' | b'{' | b'}' | b':' | b'#'
        );
        b += 1;
    }
    table
};

/// Printable ASCII but the space.
const GRAPHIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0x21;
    while b <= 0x7E {
        table[b] = true;
        b += 1;
    }
    table
};

/// The character at byte `at`, cheaply for ASCII.
fn char_at(value: &str, at: usize) -> Option<char> {
    match value.as_bytes().get(at) {
        None => None,
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => value[at..].chars().next(),
    }
}

/// Blank, line break or NUL (libyaml reads the NUL after a string's end).
fn blank_or_end(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => matches!(c, ' ' | '\t' | '\0') || is_break(c),
    }
}

pub fn analyze(value: &str) -> Analysis {
    if value.is_empty() {
        return Analysis {
            multiline: false,
            flow_plain_allowed: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let bytes = value.as_bytes();
    if bytes[0].is_ascii_alphanumeric() && bytes[1..].iter().all(|&b| ORDINARY[usize::from(b)]) {
        // A word such as a key, a name or a quantity: every style fits.
        return Analysis {
            multiline: false,
            flow_plain_allowed: true,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: true,
        };
    }
    // Without an early exit, so that the compiler checks many bytes at once.
    if bytes
        .iter()
        .fold(true, |all, &b| all & (b.wrapping_sub(0x21) < 0x5E))
    {
        return analyze_graphic(value);
    }
    let mut block_indicators = value.starts_with("---") || value.starts_with("...");
    let mut flow_indicators = block_indicators;
    let (mut line_breaks, mut special) = (false, false);
    let (mut leading_space, mut leading_break) = (false, false);
    let (mut trailing_space, mut trailing_break) = (false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let mut preceded_by_whitespace = true;
    let mut at = 0;
    let mut next = char_at(value, 0);
    while let Some(c) = next {
        let first = at == 0;
        // Once both kinds of indicator are found, the others change nothing.
        let ordinary = if flow_indicators && block_indicators {
            &GRAPHIC
        } else {
            &ORDINARY
        };
        if !first && c.is_ascii() && ordinary[c as usize] {
            // The common case, a run at a time: no indicator, space or break.
            at += bytes[at..]
                .iter()
                .position(|&b| !ordinary[usize::from(b)])
                .unwrap_or(bytes.len() - at);
            (previous_space, previous_break) = (false, false);
            preceded_by_whitespace = false;
            next = char_at(value, at);
            continue;
        }
        at += c.len_utf8();
        next = char_at(value, at);
        let followed_by_whitespace = blank_or_end(next);
        let last = next.is_none();
        if first {
            if matches!(
                c,
                '#' | ','
                    | '['
                    | ']'
                    | '{'
                    | '}'
                    | '&'
                    | '*'
                    | '!'
                    | '|'
                    | '>'
                    | '\''
                    | '"'
                    | '%'
                    | '@'
                    | '`'
            ) {
                flow_indicators = true;
                block_indicators = true;
            }
            if c == '?' || c == ':' {
                flow_indicators = true;
                block_indicators |= followed_by_whitespace;
            }
            if c == '-' && followed_by_whitespace {
                flow_indicators = true;
                block_indicators = true;
            }
        } else {
            if matches!(c, ',' | '?' | '[' | ']' | '{' | '}') {
                flow_indicators = true;
            }
            if c == ':' {
                flow_indicators = true;
                block_indicators |= followed_by_whitespace;
            }
            if c == '#' && preceded_by_whitespace {
                flow_indicators = true;
                block_indicators = true;
            }
        }
        special |= !printable(c);
        if c == ' ' {
            leading_space |= first;
            trailing_space |= last;
            break_space |= previous_break;
            (previous_space, previous_break) = (true, false);
        } else if is_break(c) {
            line_breaks = true;
            leading_break |= first;
            trailing_break |= last;
            space_break |= previous_space;
            (previous_space, previous_break) = (false, true);
        } else {
            (previous_space, previous_break) = (false, false);
        }
        preceded_by_whitespace = blank_or_end(Some(c));
    }
    let mut analysis = Analysis {
        multiline: line_breaks,
        flow_plain_allowed: true,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        analysis.flow_plain_allowed = false;
        analysis.block_plain_allowed = false;
    }
    if trailing_space {
        analysis.block_allowed = false;
    }
    if break_space {
        analysis.flow_plain_allowed = false;
        analysis.block_plain_allowed = false;
        analysis.single_quoted_allowed = false;
    }
    if space_break || special {
        analysis.flow_plain_allowed = false;
        analysis.block_plain_allowed = false;
        analysis.single_quoted_allowed = false;
        analysis.block_allowed = false;
    }
    if line_breaks {
        analysis.flow_plain_allowed = false;
        analysis.block_plain_allowed = false;
    }
    if flow_indicators {
        analysis.flow_plain_allowed = false;
    }
    if block_indicators {
        analysis.block_plain_allowed = false;
    }
    analysis
}

/// The style libyaml writes: the requested one, or the next one the
/// analysis allows. Only block context: rookc never writes flow
/// collections with content.
pub fn select(requested: Style, analysis: &Analysis, empty: bool, simple_key: bool) -> Style {
    let mut style = match requested {
        Style::Any => Style::Plain,
        other => other,
    };
    if simple_key && analysis.multiline {
        style = Style::DoubleQuoted;
    }
    if style == Style::Plain && (!analysis.block_plain_allowed || (empty && simple_key)) {
        style = Style::SingleQuoted;
    }
    if style == Style::SingleQuoted && !analysis.single_quoted_allowed {
        style = Style::DoubleQuoted;
    }
    if style == Style::Literal && (!analysis.block_allowed || simple_key) {
        style = Style::DoubleQuoted;
    }
    style
}

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
