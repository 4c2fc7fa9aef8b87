//! Naming rules of Kubernetes and RGW as pure functions: each returns why a
//! name is rejected, in words that finish the sentence "… because it …".

/// "is 5 characters long", "is 1 character long".
fn length(n: usize) -> String {
    format!("is {n} character{} long", if n == 1 { "" } else { "s" })
}

/// A DNS-1123 label: namespaces (≤ 63, `[a-z0-9-]`, alphanumeric ends).
pub fn dns_label(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("is empty".into());
    }
    if name.len() > 63 {
        return Err(format!("{}; at most 63 are allowed", length(name.len())));
    }
    label_chars(name, "lowercase letters, digits and `-`")
}

/// A DNS-1123 subdomain: object names (≤ 253, dot-separated labels).
pub fn dns_subdomain(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("is empty".into());
    }
    if name.len() > 253 {
        return Err(format!("{}; at most 253 are allowed", length(name.len())));
    }
    for part in name.split('.') {
        if part.is_empty() {
            return Err("has an empty part between dots".into());
        }
        label_chars(part, "lowercase letters, digits, `-` and `.`")?;
    }
    Ok(())
}

fn label_chars(part: &str, allowed: &str) -> Result<(), String> {
    if let Some(bad) = part
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(if bad.is_ascii_uppercase() {
            format!("contains the uppercase letter `{bad}`; only {allowed} are allowed")
        } else {
            format!("contains `{bad}`; only {allowed} are allowed")
        });
    }
    if part.starts_with('-') || part.ends_with('-') {
        return Err("starts or ends with `-`; it must start and end with a letter or digit".into());
    }
    Ok(())
}

/// A label value (≤ 63 of `[A-Za-z0-9-_.]`, alphanumeric ends, may be empty).
pub fn label_value(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Ok(());
    }
    qualified_part(value)
}

fn qualified_part(text: &str) -> Result<(), String> {
    if text.len() > 63 {
        return Err(format!("{}; at most 63 are allowed", length(text.len())));
    }
    if let Some(bad) = text
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-_.".contains(*c)))
    {
        return Err(format!(
            "contains `{bad}`; only letters, digits, `-`, `_` and `.` are allowed"
        ));
    }
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if !alnum(text.chars().next()) || !alnum(text.chars().last()) {
        return Err("must start and end with a letter or digit".into());
    }
    Ok(())
}

/// A label or annotation key: `[prefix/]name`, the prefix a DNS subdomain.
pub fn qualified_key(key: &str) -> Result<(), String> {
    let (prefix, name) = match key.rsplit_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, key),
    };
    if let Some(prefix) = prefix {
        dns_subdomain(prefix).map_err(|why| format!("has a prefix `{prefix}` that {why}"))?;
    }
    if name.is_empty() {
        return Err("has an empty name part".into());
    }
    qualified_part(name)
}

/// RGW's strict S3 bucket-name rules (`rgw_relaxed_s3_bucket_names = false`).
pub fn s3_bucket_name(name: &str) -> Result<(), String> {
    if !(3..=63).contains(&name.len()) {
        return Err(format!(
            "{}; S3 bucket names have 3 to 63",
            length(name.len())
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '.'))
    {
        return Err(format!(
            "contains `{bad}`; only lowercase letters, digits, `-` and `.` are allowed"
        ));
    }
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if !alnum(name.chars().next()) || !alnum(name.chars().last()) {
        return Err("must start and end with a letter or digit".into());
    }
    if name.contains("..") || name.contains(".-") || name.contains("-.") {
        return Err("contains `..`, `.-` or `-.`".into());
    }
    let parts: Vec<&str> = name.split('.').collect();
    if parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err("looks like an IP address".into());
    }
    Ok(())
}

/// Length of the UUID (with its `-`) the bucket provisioner appends to a
/// `generateBucketName` prefix.
const GENERATED_SUFFIX: &str = "-00000000-0000-0000-0000-000000000000";

/// A `generateBucketName` prefix: the provisioner cuts it to 26 characters
/// and appends `-<uuid>`; the result must be a valid bucket name.
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

pub fn s3_bucket_prefix(prefix: &str) -> Result<(), String> {
    if prefix.is_empty() {
        return Err("is empty".into());
    }
    let kept: String = prefix.chars().take(26).collect();
    s3_bucket_name(&format!("{kept}{GENERATED_SUFFIX}"))
        .map_err(|why| format!("would give invalid S3 names: `{kept}-<uuid>` {why}"))
}

/// A CSI cluster ID of a subvolume group (1–36 of `[a-zA-Z0-9_-]`).
pub fn cluster_id(id: &str) -> Result<(), String> {
    if id.is_empty() || id.len() > 36 {
        return Err(format!("{}; cluster IDs have 1 to 36", length(id.len())));
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(format!(
            "contains `{bad}`; only letters, digits, `-` and `_` are allowed"
        ));
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
        assert!(dns_subdomain("Loki").unwrap_err().contains("uppercase"));
        assert!(dns_subdomain("-x").is_err());
        assert!(dns_subdomain("a..b").is_err());
        assert!(dns_subdomain(&"a".repeat(254)).is_err());
        assert!(dns_label("a.b").is_err());
        assert!(dns_label(&"a".repeat(64)).is_err());
        assert!(dns_label("my_app").unwrap_err().contains('_'));
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
        assert!(s3_bucket_name("192.168.1.1").unwrap_err().contains("IP"));
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
