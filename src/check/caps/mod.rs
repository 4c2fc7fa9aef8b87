//! Ceph cap specs: the strings of a client's `caps { }`, read with a small
//! grammar of the forms Ceph's cap parsers (`MonCap`, `OSDCap`, `MDSCap`,
//! `MgrCap`) accept for a client:
//!
//! ```text
//! caps    := grant ((',' | ';') grant)*
//! grant   := 'allow' item+ | 'profile' NAME match*
//! item    := perm | match | 'service' NAME | 'module' NAME | 'command' STR
//!          | 'class' NAME [METHOD] | 'tag' APP KEY '=' VALUE | 'root_squash'
//! perm    := '*' | 'all' | letters of rwxps | 'class-read' | 'class-write'
//! match   := KEY ['='] VALUE     (pool, namespace, fsname, path, object_prefix,
//!                                  uid, gids, network)
//! ```
//!
//! Which keys, letters and profiles fit which daemon is part of the
//! grammar: a cap Ceph would reject (or silently read as granting nothing,
//! like an unknown OSD profile) is an error here rather than a CephClient
//! that never reconciles.

use std::fmt;

mod daemon;

pub use daemon::Daemon;

use super::suggest::did_you_mean;

/// One grant of a cap string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The grant as written, trimmed.
    pub text: String,
    pub form: Form,
    /// `key = value` pairs, in order (`tag cephfs data=x` is `tag` ->
    /// `cephfs data=x`).
    pub matches: Vec<(String, String)>,
}

impl Grant {
    pub fn value(&self, key: &str) -> Option<&str> {
        self.matches
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    /// `allow ...`: the permission words (`*` for `*` and `all`).
    Allow { perms: Vec<String> },
    /// `profile NAME ...`.
    Profile { name: String },
}

/// Why a cap string is not one Ceph accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CapError {
    Empty,
    /// A grant that starts with neither `allow` nor `profile`.
    NotAGrant {
        grant: String,
    },
    /// A word an `allow` of this daemon does not take.
    UnknownWord {
        grant: String,
        word: String,
    },
    /// `key=` without a value, or an unclosed quote.
    Incomplete {
        grant: String,
    },
    UnknownProfile {
        name: String,
        suggestion: Option<&'static str>,
    },
    /// A form another daemon takes (`fsname=` on the OSDs, a profile on
    /// the MDS).
    WrongDaemon {
        grant: String,
        what: String,
    },
}

impl CapError {
    /// E0341 for unknown profiles, E0342 for the wrong daemon, else E0340.
    pub fn kind(&self) -> CapErrorKind {
        match self {
            CapError::Empty
            | CapError::NotAGrant { .. }
            | CapError::UnknownWord { .. }
            | CapError::Incomplete { .. } => CapErrorKind::Invalid,
            CapError::UnknownProfile { .. } => CapErrorKind::UnknownProfile,
            CapError::WrongDaemon { .. } => CapErrorKind::WrongDaemon,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapErrorKind {
    Invalid,
    UnknownProfile,
    WrongDaemon,
}

impl fmt::Display for CapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CapError::Empty => write!(f, "is empty"),
            CapError::NotAGrant { grant } => {
                write!(
                    f,
                    "has `{grant}`, which starts with neither `allow` nor `profile`"
                )
            }
            CapError::UnknownWord { grant, word } => {
                write!(
                    f,
                    "has `{word}` in `{grant}`, which is no permission or key"
                )
            }
            CapError::Incomplete { grant } => write!(f, "has an incomplete `{grant}`"),
            CapError::UnknownProfile { name, .. } => write!(f, "names no profile `{name}`"),
            CapError::WrongDaemon { grant, what } => write!(f, "has `{grant}`: {what}"),
        }
    }
}

/// Reads the cap string of `daemon`.
pub fn parse(daemon: Daemon, text: &str) -> Result<Vec<Grant>, CapError> {
    let mut grants = Vec::new();
    for part in split_grants(text)? {
        let part = part.trim();
        if part.is_empty() {
            if text.trim().is_empty() {
                return Err(CapError::Empty);
            }
            return Err(CapError::Incomplete {
                grant: text.trim().to_string(),
            });
        }
        grants.push(parse_grant(daemon, part)?);
    }
    Ok(grants)
}

/// Splits at `,` and `;` outside quotes.
fn split_grants(text: &str) -> Result<Vec<&str>, CapError> {
    let mut parts = Vec::new();
    let (mut start, mut quote) = (0, None);
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            (None, ',' | ';') => {
                parts.push(&text[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    if quote.is_some() {
        return Err(CapError::Incomplete {
            grant: text[start..].trim().to_string(),
        });
    }
    parts.push(&text[start..]);
    Ok(parts)
}

/// The words of a grant: quoted strings are one word, `=` is a word of its
/// own.
fn words(grant: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quote = None;
    for c in grant.chars() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), _) if c == open => {
                quote = None;
                words.push(std::mem::take(&mut current));
            }
            (Some(_), _) => current.push(c),
            (None, '=') => {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
                words.push("=".to_string());
            }
            (None, c) if c.is_whitespace() => {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
            }
            (None, c) => current.push(c),
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

fn parse_grant(daemon: Daemon, grant: &str) -> Result<Grant, CapError> {
    let words = words(grant);
    let incomplete = || CapError::Incomplete {
        grant: grant.to_string(),
    };
    let (form, rest) = match words.first().map(String::as_str) {
        Some("allow") => (
            Form::Allow { perms: Vec::new() },
            words.get(1..).unwrap_or_default(),
        ),
        Some("profile") => {
            let mut rest = words.get(1..).unwrap_or_default();
            if rest.first().map(String::as_str) == Some("=") {
                rest = rest.get(1..).unwrap_or_default();
            }
            let name = rest.first().ok_or_else(incomplete)?.clone();
            if daemon.profiles().is_empty() {
                return Err(CapError::WrongDaemon {
                    grant: grant.to_string(),
                    what: format!("`{}` caps take no profiles", daemon.key()),
                });
            }
            if !daemon.profiles().contains(&name.as_str()) {
                return Err(CapError::UnknownProfile {
                    suggestion: did_you_mean(&name, daemon.profiles().iter().copied()),
                    name,
                });
            }
            (Form::Profile { name }, rest.get(1..).unwrap_or_default())
        }
        _ => {
            return Err(CapError::NotAGrant {
                grant: grant.to_string(),
            })
        }
    };
    let mut parsed = Grant {
        text: grant.to_string(),
        form,
        matches: Vec::new(),
    };
    read_items(daemon, grant, rest, &mut parsed)?;
    if let Form::Allow { perms } = &parsed.form {
        let only_matches = perms.is_empty()
            && !parsed
                .matches
                .iter()
                .any(|(k, _)| matches!(k.as_str(), "command" | "class"));
        if only_matches && daemon != Daemon::Mds {
            return Err(incomplete());
        }
    }
    Ok(parsed)
}

/// Reads the permissions and `key=value` matches after `allow` or the
/// profile name.
fn read_items(
    daemon: Daemon,
    grant: &str,
    mut rest: &[String],
    parsed: &mut Grant,
) -> Result<(), CapError> {
    let incomplete = || CapError::Incomplete {
        grant: grant.to_string(),
    };
    while let Some(word) = rest.first() {
        rest = &rest[1..];
        let is_profile = matches!(parsed.form, Form::Profile { .. });
        if let (Form::Allow { perms }, Some(perm)) = (&mut parsed.form, permission(daemon, word)) {
            perms.push(perm);
            continue;
        }
        let key = word.as_str();
        if !daemon.keys().contains(&key) {
            return Err(
                other_daemon(daemon, grant, key).unwrap_or(CapError::UnknownWord {
                    grant: grant.to_string(),
                    word: word.clone(),
                }),
            );
        }
        if is_profile && !matches!(key, "pool" | "namespace" | "network") {
            return Err(CapError::UnknownWord {
                grant: grant.to_string(),
                word: word.clone(),
            });
        }
        let value = match key {
            "root_squash" => String::new(),
            "tag" => {
                // tag APP KEY=VALUE
                let (app, pair) = (rest.first(), rest.get(1..4));
                let (Some(app), Some([k, eq, v])) = (app, pair) else {
                    return Err(incomplete());
                };
                if eq != "=" {
                    return Err(incomplete());
                }
                rest = &rest[4..];
                format!("{app} {k}={v}")
            }
            _ => {
                if rest.first().map(String::as_str) == Some("=") {
                    rest = &rest[1..];
                }
                let value = rest.first().ok_or_else(incomplete)?.clone();
                rest = &rest[1..];
                value
            }
        };
        parsed.matches.push((key.to_string(), value));
    }
    Ok(())
}

/// A permission word of `daemon`: `*`/`all`, letters, `class-read`,
/// `class-write` (OSDs).
fn permission(daemon: Daemon, word: &str) -> Option<String> {
    match word {
        "*" | "all" => Some("*".to_string()),
        "class-read" | "class-write" if daemon == Daemon::Osd => Some(word.to_string()),
        _ if !word.is_empty() && word.chars().all(|c| daemon.letters().contains(c)) => {
            Some(word.to_string())
        }
        _ => None,
    }
}

/// A key that another daemon's caps take.
fn other_daemon(daemon: Daemon, grant: &str, key: &str) -> Option<CapError> {
    let owners: Vec<&str> = [Daemon::Mon, Daemon::Osd, Daemon::Mds, Daemon::Mgr]
        .into_iter()
        .filter(|d| d.keys().contains(&key))
        .map(Daemon::key)
        .collect();
    (!owners.is_empty()).then(|| CapError::WrongDaemon {
        grant: grant.to_string(),
        what: format!(
            "`{key}` belongs in `{}` caps, not `{}`",
            owners.join("` or `"),
            daemon.key()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rooks_example_caps_parse() {
        let osd =
            "profile rbd pool=volumes, profile rbd pool=vms, profile rbd-read-only pool=images";
        let grants = parse(Daemon::Osd, osd).expect("parses");
        assert_eq!(grants.len(), 3);
        assert_eq!(grants[2].value("pool"), Some("images"));
        assert!(parse(Daemon::Mon, "profile rbd").is_ok());
        assert!(parse(Daemon::Mon, "allow r").is_ok());
        assert!(parse(Daemon::Mds, "allow r, allow rw path=/bar").is_ok());
        assert!(parse(Daemon::Mds, "allow rw fsname=myfs path=/shared").is_ok());
        assert!(parse(Daemon::Osd, "allow rw tag cephfs data=myfs").is_ok());
        assert!(parse(Daemon::Mon, "allow command \"osd blocklist\"").is_ok());
        assert!(parse(Daemon::Osd, "allow class-read object_prefix rbd_children").is_ok());
    }

    #[test]
    fn mistakes_are_reported() {
        assert_eq!(parse(Daemon::Mon, " "), Err(CapError::Empty));
        assert!(matches!(
            parse(Daemon::Osd, "alow rw"),
            Err(CapError::NotAGrant { .. })
        ));
        assert!(matches!(
            parse(Daemon::Mon, "allow rwq"),
            Err(CapError::UnknownWord { .. })
        ));
        assert!(matches!(
            parse(Daemon::Osd, "profile rbd-readonly pool=x"),
            Err(CapError::UnknownProfile {
                suggestion: Some("rbd-read-only"),
                ..
            })
        ));
        assert!(matches!(
            parse(Daemon::Osd, "allow rw fsname=x"),
            Err(CapError::WrongDaemon { .. })
        ));
        assert!(matches!(
            parse(Daemon::Mds, "profile rbd"),
            Err(CapError::WrongDaemon { .. })
        ));
        assert!(matches!(
            parse(Daemon::Osd, "allow rw pool="),
            Err(CapError::Incomplete { .. })
        ));
        assert!(matches!(
            parse(Daemon::Osd, "allow rw,"),
            Err(CapError::Incomplete { .. })
        ));
    }
}
