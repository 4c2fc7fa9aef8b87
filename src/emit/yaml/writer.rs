//! The text of a YAML document in block style: indentation, indicators and
//! line breaks, tracked the way libyaml's emitter tracks them (column,
//! "just wrote whitespace", "at an indentation point"), so that the output
//! is the same to the byte.

/// Spaces per indentation level.
const INDENT: i32 = 2;

/// Keys longer than this (in bytes) are written as `? key` / `: value`.
pub const MAX_SIMPLE_KEY: usize = 128;

pub struct Writer {
    pub out: String,
    column: usize,
    pub whitespace: bool,
    pub indention: bool,
    indent: i32,
    indents: Vec<i32>,
}

impl Writer {
    pub fn new() -> Self {
        Writer {
            // Most documents fit (an ObjectBucketClaim with a policy is
            // about 1.5 KB); `finish` gives back what is left over.
            out: String::with_capacity(2048),
            column: 0,
            whitespace: true,
            indention: true,
            indent: -1,
            indents: Vec::new(),
        }
    }

    pub fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    /// Writes text without line breaks.
    pub fn put_str(&mut self, text: &str) {
        self.out.push_str(text);
        self.column += if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
    }

    pub fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    /// Writes a line break from the value: `\n` as such, the others as
    /// themselves.
    pub fn write_break(&mut self, c: char) {
        if c == '\n' {
            self.put_break();
        } else {
            self.out.push(c);
            self.column = 0;
        }
    }

    pub fn write_indent(&mut self) {
        let indent = self.indent.max(0) as usize;
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    pub fn indicator(
        &mut self,
        indicator: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        self.put_str(indicator);
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    pub fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { INDENT } else { 0 };
        } else if !indentless {
            self.indent += INDENT;
        }
    }

    pub fn decrease_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    /// Ends the document. (serde_yaml never ended the stream, so a
    /// document is never followed by `...`.)
    pub fn finish(mut self) -> String {
        self.write_indent();
        // A build holds every document at once: no spare capacity.
        self.out.shrink_to_fit();
        self.out
    }
}
