//! LSP positions (0-based line, UTF-16 column) and `file://` URIs. Lines
//! end at `\n`, `\r\n` or a lone `\r`, as LSP counts them; the file's
//! [`LineIndex`](crate::source::LineIndex) finds them.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::source::{floor_char_boundary, SourceFile};

/// The LSP position of a byte offset.
pub fn position(file: &SourceFile, offset: usize) -> Value {
    let text = &file.text;
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let line = file.lines().line_of(offset);
    let line_start = file.lines().line_start(line).unwrap_or(0);
    let character: usize = if file.lines().is_ascii_line(line) {
        offset - line_start
    } else {
        text[line_start..offset].chars().map(char::len_utf16).sum()
    };
    json!({ "line": line, "character": character })
}

pub fn range(file: &SourceFile, start: usize, end: usize) -> Value {
    json!({ "start": position(file, start), "end": position(file, end) })
}

/// The byte offset of an LSP position (clamped to the text).
pub fn offset(file: &SourceFile, position: &Value) -> usize {
    let text = &file.text;
    let line = position["line"].as_u64().unwrap_or(0) as usize;
    let character = position["character"].as_u64().unwrap_or(0) as usize;
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

/// `file:///a/b%20c.rook` for `/a/b c.rook`.
pub fn path_to_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// The path of a `file://` URI; `None` for other schemes.
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let bytes = rest.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&rest[i + 1..i + 3], 16) {
                decoded.push(byte);
                i += 3;
                continue;
            }
        }
        decoded.push(bytes[i]);
        i += 1;
    }
    Some(PathBuf::from(
        String::from_utf8_lossy(&decoded).into_owned(),
    ))
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
            assert_eq!(position(file, second), json!({"line": 1, "character": 0}));
            let x = text.find('x').expect("x");
            assert_eq!(position(file, x), json!({"line": 1, "character": 4}));
            assert_eq!(offset(file, &json!({"line": 1, "character": 4})), x);
            assert_eq!(offset(file, &json!({"line": 1, "character": 9})), x + 1);
            assert_eq!(
                offset(file, &json!({"line": 9, "character": 0})),
                text.len()
            );
        }
    }

    #[test]
    fn uris_round_trip() {
        let path = Path::new("/work/my storage/a.rook");
        let uri = path_to_uri(path);
        assert_eq!(uri, "file:///work/my%20storage/a.rook");
        assert_eq!(uri_to_path(&uri).as_deref(), Some(path));
        assert_eq!(uri_to_path("untitled:1"), None);
    }
}
