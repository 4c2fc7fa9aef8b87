//! libyaml's scalar analysis (`yaml_emitter_analyze_scalar`): which
//! styles can hold a string, from its indicators, spaces, line breaks and
//! unprintable characters. Two fast paths (a plain word, printable ASCII
//! without spaces) give the same answer as the full scan for the strings
//! manifests are mostly made of.

/// libyaml's analysis of a scalar: which styles can hold it.
pub struct Analysis {
    pub multiline: bool,
    pub(super) flow_plain_allowed: bool,
    pub(super) block_plain_allowed: bool,
    pub(super) single_quoted_allowed: bool,
    pub(super) block_allowed: bool,
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
pub(super) fn printable(c: char) -> bool {
    matches!(c, '\n' | ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && c != '\u{FEFF}'
}

pub(super) fn is_break(c: char) -> bool {
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
