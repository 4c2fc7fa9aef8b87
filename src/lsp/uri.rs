//! `file://` URIs (lsp-types' `Uri`, an RFC 3986 parser) and the paths
//! they name. A URI that is not valid RFC 3986, such as `%` before a
//! character that is not a hex digit, never reaches here: deserialising
//! the request's parameters fails, and that request gets an error.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::Uri;

/// `file:///a/b%20c.rook` for `/a/b c.rook`; `None` only for a path
/// that cannot be written as a URI at all (never for an absolute path).
pub fn from_path(path: &Path) -> Option<Uri> {
    let mut uri = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    Uri::from_str(&uri).ok()
}

/// The path of a `file://` URI on this machine; `None` for other schemes,
/// other hosts, and paths that do not decode to UTF-8.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme()?.eq_lowercase("file") {
        return None;
    }
    let host = uri.authority().map_or("", |a| a.host().as_str());
    if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
        return None;
    }
    let path = uri.path().as_estr().decode().into_string().ok()?;
    Some(PathBuf::from(path.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(text: &str) -> Uri {
        Uri::from_str(text).expect("a valid URI")
    }

    #[test]
    fn paths_round_trip() {
        let path = Path::new("/work/my storage/ça.rook");
        let uri = from_path(path).expect("uri");
        assert_eq!(uri.as_str(), "file:///work/my%20storage/%C3%A7a.rook");
        assert_eq!(to_path(&uri).as_deref(), Some(path));
        assert_eq!(
            to_path(&self::uri("file://localhost/a.rook")).as_deref(),
            Some(Path::new("/a.rook"))
        );
    }

    #[test]
    fn other_uris_have_no_path() {
        assert_eq!(to_path(&uri("untitled:1")), None);
        assert_eq!(to_path(&uri("file://server/share/a.rook")), None);
        assert_eq!(to_path(&uri("file:///%FF.rook")), None);
    }

    #[test]
    fn malformed_percent_escapes_are_rejected() {
        // Once a panic in the hand-written decoder (it sliced `%é` as hex).
        assert!(Uri::from_str("file:///a%é.rook").is_err());
        assert!(Uri::from_str("file:///a%€.rook").is_err());
        assert!(Uri::from_str("file:///a%4").is_err());
        assert!(serde_json::from_str::<Uri>("\"file:///a%\u{e9}b.rook\"").is_err());
    }
}
