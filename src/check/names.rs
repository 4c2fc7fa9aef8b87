//! Naming rules of Kubernetes and RGW as pure functions: each returns why a
//! name is rejected, a [`NameError`] whose message finishes the sentence
//! "… because it …".

use std::fmt;

/// Why a name breaks a naming rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    Empty,
    /// `length` characters where at most `max` are allowed.
    TooLong {
        length: usize,
        max: usize,
    },
    /// `length` characters, outside the 3 to 63 of an S3 bucket name.
    BucketNameLength(usize),
    /// `length` characters, outside the 1 to 36 of a cluster ID.
    ClusterIdLength(usize),
    /// A DNS subdomain with `a..b`, or a leading or trailing dot.
    EmptyDotPart,
    /// An uppercase letter where only lowercase is allowed.
    Uppercase {
        letter: char,
        allowed: Charset,
    },
    /// A character outside the `allowed` set.
    Character {
        found: char,
        allowed: Charset,
    },
    /// A DNS label that starts or ends with `-`.
    HyphenAtEnd,
    /// A name that starts or ends with something other than a letter or
    /// digit.
    NotAlphanumericAtEnds,
    /// An S3 bucket name with `..`, `.-` or `-.`.
    DotNextToDotOrHyphen,
    /// An S3 bucket name of four all-digit parts.
    IpAddress,
    /// A label key `prefix/name` whose prefix is no DNS subdomain.
    Prefix {
        prefix: String,
        why: Box<NameError>,
    },
    /// A label key `prefix/` with nothing after the slash.
    EmptyNamePart,
    /// A `generateBucketName` prefix that, cut to its first 26 characters
    /// (`kept`) and with a UUID appended, is no valid bucket name.
    GeneratedNames {
        kept: String,
        why: Box<NameError>,
    },
}

/// The characters a kind of name may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    DnsLabel,
    DnsSubdomain,
    LabelValue,
    S3BucketName,
    ClusterId,
}

impl fmt::Display for Charset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Charset::DnsLabel => "lowercase letters, digits and `-`",
            Charset::DnsSubdomain | Charset::S3BucketName => {
                "lowercase letters, digits, `-` and `.`"
            }
            Charset::LabelValue => "letters, digits, `-`, `_` and `.`",
            Charset::ClusterId => "letters, digits, `-` and `_`",
        })
    }
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameError::Empty => f.write_str("is empty"),
            NameError::TooLong { length: n, max } => {
                write!(f, "{}; at most {max} are allowed", Length(*n))
            }
            NameError::BucketNameLength(n) => {
                write!(f, "{}; S3 bucket names have 3 to 63", Length(*n))
            }
            NameError::ClusterIdLength(n) => {
                write!(f, "{}; cluster IDs have 1 to 36", Length(*n))
            }
            NameError::EmptyDotPart => f.write_str("has an empty part between dots"),
            NameError::Uppercase { letter, allowed } => write!(
                f,
                "contains the uppercase letter `{letter}`; only {allowed} are allowed"
            ),
            NameError::Character { found, allowed } => {
                write!(f, "contains `{found}`; only {allowed} are allowed")
            }
            NameError::HyphenAtEnd => {
                f.write_str("starts or ends with `-`; it must start and end with a letter or digit")
            }
            NameError::NotAlphanumericAtEnds => {
                f.write_str("must start and end with a letter or digit")
            }
            NameError::DotNextToDotOrHyphen => f.write_str("contains `..`, `.-` or `-.`"),
            NameError::IpAddress => f.write_str("looks like an IP address"),
            NameError::Prefix { prefix, why } => write!(f, "has a prefix `{prefix}` that {why}"),
            NameError::EmptyNamePart => f.write_str("has an empty name part"),
            NameError::GeneratedNames { kept, why } => {
                write!(f, "would give invalid S3 names: `{kept}-<uuid>` {why}")
            }
        }
    }
}

impl std::error::Error for NameError {}

/// "is 5 characters long", "is 1 character long".
struct Length(usize);

impl fmt::Display for Length {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0;
        write!(f, "is {n} character{} long", if n == 1 { "" } else { "s" })
    }
}

/// A DNS-1123 label: namespaces (≤ 63, `[a-z0-9-]`, alphanumeric ends).
pub fn dns_label(name: &str) -> Result<(), NameError> {
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.len() > 63 {
        return Err(too_long(name, 63));
    }
    label_chars(name, Charset::DnsLabel)
}

/// A DNS-1123 subdomain: object names (≤ 253, dot-separated labels).
pub fn dns_subdomain(name: &str) -> Result<(), NameError> {
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.len() > 253 {
        return Err(too_long(name, 253));
    }
    for part in name.split('.') {
        if part.is_empty() {
            return Err(NameError::EmptyDotPart);
        }
        label_chars(part, Charset::DnsSubdomain)?;
    }
    Ok(())
}

/// A key of a Secret's or ConfigMap's `data` (≤ 253, `[-._a-zA-Z0-9]`,
/// not `.` or `..`): a client's cephx name is one.
pub fn config_key(name: &str) -> Result<(), NameError> {
    if name.is_empty() || name == "." || name == ".." {
        return Err(NameError::Empty);
    }
    if name.len() > 253 {
        return Err(too_long(name, 253));
    }
    match name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-._".contains(*c)))
    {
        Some(found) => Err(NameError::Character {
            found,
            allowed: Charset::LabelValue,
        }),
        None => Ok(()),
    }
}

fn too_long(text: &str, max: usize) -> NameError {
    NameError::TooLong {
        length: text.len(),
        max,
    }
}

fn label_chars(part: &str, allowed: Charset) -> Result<(), NameError> {
    if let Some(bad) = part
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(if bad.is_ascii_uppercase() {
            NameError::Uppercase {
                letter: bad,
                allowed,
            }
        } else {
            NameError::Character {
                found: bad,
                allowed,
            }
        });
    }
    if part.starts_with('-') || part.ends_with('-') {
        return Err(NameError::HyphenAtEnd);
    }
    Ok(())
}

/// A label value (≤ 63 of `[A-Za-z0-9-_.]`, alphanumeric ends, may be empty).
pub fn label_value(value: &str) -> Result<(), NameError> {
    if value.is_empty() {
        return Ok(());
    }
    qualified_part(value)
}

fn qualified_part(text: &str) -> Result<(), NameError> {
    if text.len() > 63 {
        return Err(too_long(text, 63));
    }
    if let Some(bad) = text
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-_.".contains(*c)))
    {
        return Err(NameError::Character {
            found: bad,
            allowed: Charset::LabelValue,
        });
    }
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if !alnum(text.chars().next()) || !alnum(text.chars().last()) {
        return Err(NameError::NotAlphanumericAtEnds);
    }
    Ok(())
}

/// A label or annotation key: `[prefix/]name`, the prefix a DNS subdomain.
pub fn qualified_key(key: &str) -> Result<(), NameError> {
    let (prefix, name) = match key.rsplit_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, key),
    };
    if let Some(prefix) = prefix {
        dns_subdomain(prefix).map_err(|why| NameError::Prefix {
            prefix: prefix.to_string(),
            why: Box::new(why),
        })?;
    }
    if name.is_empty() {
        return Err(NameError::EmptyNamePart);
    }
    qualified_part(name)
}

/// RGW's strict S3 bucket-name rules (`rgw_relaxed_s3_bucket_names = false`).
pub fn s3_bucket_name(name: &str) -> Result<(), NameError> {
    if !(3..=63).contains(&name.len()) {
        return Err(NameError::BucketNameLength(name.len()));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '.'))
    {
        return Err(NameError::Character {
            found: bad,
            allowed: Charset::S3BucketName,
        });
    }
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if !alnum(name.chars().next()) || !alnum(name.chars().last()) {
        return Err(NameError::NotAlphanumericAtEnds);
    }
    if name.contains("..") || name.contains(".-") || name.contains("-.") {
        return Err(NameError::DotNextToDotOrHyphen);
    }
    let parts: Vec<&str> = name.split('.').collect();
    if parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(NameError::IpAddress);
    }
    Ok(())
}

/// Length of the UUID (with its `-`) the bucket provisioner appends to a
/// `generateBucketName` prefix.
const GENERATED_SUFFIX: &str = "-00000000-0000-0000-0000-000000000000";

/// A valid S3 bucket name close to `name` (lowercase, `_` and spaces as
/// `-`), when there is one.
pub fn s3_bucket_name_fix(name: &str) -> Option<String> {
    let fixed: String = name
        .chars()
        .map(|c| match c {
            '_' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    (fixed != name && s3_bucket_name(&fixed).is_ok()).then_some(fixed)
}

/// A `generateBucketName` prefix: the provisioner cuts it to 26 characters
/// and appends `-<uuid>`; the result must be a valid bucket name.
pub fn s3_bucket_prefix(prefix: &str) -> Result<(), NameError> {
    if prefix.is_empty() {
        return Err(NameError::Empty);
    }
    let kept: String = prefix.chars().take(26).collect();
    s3_bucket_name(&format!("{kept}{GENERATED_SUFFIX}")).map_err(|why| NameError::GeneratedNames {
        kept,
        why: Box::new(why),
    })
}

/// A CSI cluster ID of a subvolume group (1–36 of `[a-zA-Z0-9_-]`).
pub fn cluster_id(id: &str) -> Result<(), NameError> {
    if id.is_empty() || id.len() > 36 {
        return Err(NameError::ClusterIdLength(id.len()));
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(NameError::Character {
            found: bad,
            allowed: Charset::ClusterId,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubernetes_names() {
        assert!(dns_subdomain("loki-chunks").is_ok());
        assert!(dns_subdomain("a.b").is_ok());
        assert_eq!(
            dns_subdomain("Loki"),
            Err(NameError::Uppercase {
                letter: 'L',
                allowed: Charset::DnsSubdomain
            })
        );
        assert!(dns_subdomain("-x").is_err());
        assert!(dns_subdomain("a..b").is_err());
        assert!(dns_subdomain(&"a".repeat(254)).is_err());
        assert!(dns_label("a.b").is_err());
        assert!(dns_label(&"a".repeat(64)).is_err());
        assert_eq!(
            dns_label("my_app").map_err(|e| e.to_string()),
            Err("contains `_`; only lowercase letters, digits and `-` are allowed".to_string())
        );
    }

    #[test]
    fn labels() {
        assert!(qualified_key("app.kubernetes.io/part-of").is_ok());
        assert!(qualified_key("team").is_ok());
        assert!(qualified_key("Bad Key").is_err());
        assert!(qualified_key("UPPER.example/x").is_err());
        assert!(label_value("").is_ok());
        assert!(label_value("v1.2_3").is_ok());
        assert!(label_value("-x").is_err());
        assert!(label_value(&"a".repeat(64)).is_err());
    }

    #[test]
    fn bucket_names() {
        assert!(s3_bucket_name("loki-chunks").is_ok());
        assert!(s3_bucket_name("my.bucket.1").is_ok());
        assert!(s3_bucket_name("ab").is_err());
        assert!(s3_bucket_name("Logs").is_err());
        assert!(s3_bucket_name("a..b").is_err());
        assert!(s3_bucket_name("a.-b").is_err());
        assert!(s3_bucket_name("-ab").is_err());
        assert_eq!(s3_bucket_name("192.168.1.1"), Err(NameError::IpAddress));
        assert!(s3_bucket_name(&"a".repeat(64)).is_err());
    }

    #[test]
    fn bucket_prefixes() {
        assert!(
            s3_bucket_prefix("loki-").is_ok(),
            "`loki--<uuid>` is a valid name"
        );
        assert!(
            s3_bucket_prefix("loki.").is_err(),
            "`loki.-<uuid>` holds `.-`"
        );
        assert!(s3_bucket_prefix("loki").is_ok());
        assert!(
            s3_bucket_prefix(&"a".repeat(40)).is_ok(),
            "long prefixes are cut to 26"
        );
        assert!(s3_bucket_prefix("Loki").is_err());
        assert!(s3_bucket_prefix("").is_err());
    }

    #[test]
    fn cluster_ids() {
        assert!(cluster_id("homefs-media").is_ok());
        assert!(cluster_id(&"a".repeat(37)).is_err());
        assert!(cluster_id("a.b").is_err());
    }
}
