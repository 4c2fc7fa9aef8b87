//! Quantities of manifests as the language writes them: sizes (`500Gi`,
//! emitted as written) and counts (emitted as plain integers).

use serde_json::Value;

use crate::check::units;

/// How a quantity of a manifest goes into the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Quantity {
    /// Written as this source text, which `rookc build` gives back as the
    /// very value of the manifest.
    Exact(String),
    /// Written as this source text, which means the same amount but is
    /// emitted differently (`1024` becomes `1Ki`, `"10k"` becomes `"10000"`).
    Rewritten(String),
    /// The language cannot hold it; the reason.
    Invalid(String),
}

/// A byte size: a string quantity such as `"500Gi"`, or a number of bytes.
pub fn size(value: &Value) -> Quantity {
    match value {
        Value::String(text) => {
            let (digits, unit) = split(text);
            if !plain_decimal(digits) {
                return Quantity::Invalid(format!("`{text}` is not a size the language can write"));
            }
            match units::size(digits, unit) {
                Ok(size) if size.quantity == *text => Quantity::Exact(text.clone()),
                Ok(size) => Quantity::Rewritten(size.quantity),
                Err(units::UnitError::MissingUnit) => {
                    bytes_text(digits).map_or_else(|| invalid_size(text), Quantity::Rewritten)
                }
                Err(_) => invalid_size(text),
            }
        }
        Value::Number(number) => number
            .as_u64()
            .and_then(|n| bytes_text(&n.to_string()))
            .map_or_else(|| invalid_size(&number.to_string()), Quantity::Rewritten),
        other => Quantity::Invalid(format!("{other} is not a size")),
    }
}

fn invalid_size(text: &str) -> Quantity {
    Quantity::Invalid(format!(
        "`{text}` is not a size the language can write (greater than zero, at most 2^63-1 bytes, with a unit such as Gi or G)"
    ))
}

/// A count: `Exact` when the manifest holds what rookc writes (a plain
/// integer, as a string in claims or a number in users).
pub fn count(value: &Value, as_string: bool) -> Quantity {
    let (text, is_string) = match value {
        Value::String(text) => (text.clone(), true),
        Value::Number(number) => (number.to_string(), false),
        other => return Quantity::Invalid(format!("{other} is not a count")),
    };
    let (digits, unit) = split(&text);
    if !plain_decimal(digits) {
        return Quantity::Invalid(format!("`{text}` is not a count the language can write"));
    }
    match units::count(digits, unit) {
        Ok(n) if n.to_string() == text && is_string == as_string => Quantity::Exact(n.to_string()),
        Ok(n) => Quantity::Rewritten(n.to_string()),
        Err(_) => Quantity::Invalid(format!(
            "`{text}` is not a count the language can write (a whole number greater than zero)"
        )),
    }
}

/// `500Gi` into `500` and `Gi`.
fn split(text: &str) -> (&str, &str) {
    let at = text
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    text.split_at(at)
}

/// Digits with an optional fraction, as the language's numbers take them.
fn plain_decimal(digits: &str) -> bool {
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.chars().all(|c| c.is_ascii_digit())
}

/// A whole number of bytes with the largest unit that keeps it exact:
/// `1073741824` is `1Gi`, `1500` is `1.5k`.
fn bytes_text(digits: &str) -> Option<String> {
    let n: u128 = digits.parse().ok()?;
    if n == 0 || n > units::MAX_VALUE {
        return None;
    }
    for (unit, power) in [
        ("Ei", 60),
        ("Pi", 50),
        ("Ti", 40),
        ("Gi", 30),
        ("Mi", 20),
        ("Ki", 10),
    ] {
        if n.is_multiple_of(1u128 << power) {
            return Some(format!("{}{unit}", n >> power));
        }
    }
    for (unit, power) in [
        ("E", 18),
        ("P", 15),
        ("T", 12),
        ("G", 9),
        ("M", 6),
        ("k", 3),
    ] {
        let scale = 10u128.pow(power);
        if n.is_multiple_of(scale) {
            return Some(format!("{}{unit}", n / scale));
        }
    }
    let fraction = format!("{:03}", n % 1000);
    Some(format!("{}.{}k", n / 1000, fraction.trim_end_matches('0')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sizes() {
        assert_eq!(size(&json!("500Gi")), Quantity::Exact("500Gi".into()));
        assert_eq!(size(&json!("1.5T")), Quantity::Exact("1.5T".into()));
        assert_eq!(
            size(&json!("1073741824")),
            Quantity::Rewritten("1Gi".into())
        );
        assert_eq!(size(&json!(1500)), Quantity::Rewritten("1.5k".into()));
        assert_eq!(size(&json!(2_000_000)), Quantity::Rewritten("2M".into()));
        assert!(matches!(size(&json!("500m")), Quantity::Invalid(_)));
        assert!(matches!(size(&json!("1e3")), Quantity::Invalid(_)));
        assert!(matches!(size(&json!("0")), Quantity::Invalid(_)));
        assert!(matches!(size(&json!("-1Gi")), Quantity::Invalid(_)));
    }

    #[test]
    fn counts() {
        assert_eq!(count(&json!("1000"), true), Quantity::Exact("1000".into()));
        assert_eq!(
            count(&json!("10k"), true),
            Quantity::Rewritten("10000".into())
        );
        assert_eq!(
            count(&json!(1000), true),
            Quantity::Rewritten("1000".into())
        );
        assert_eq!(count(&json!(5), false), Quantity::Exact("5".into()));
        assert_eq!(count(&json!("5"), false), Quantity::Rewritten("5".into()));
        assert!(matches!(count(&json!(0), false), Quantity::Invalid(_)));
        assert!(matches!(count(&json!(-1), false), Quantity::Invalid(_)));
        assert!(matches!(count(&json!("1.5"), true), Quantity::Invalid(_)));
    }
}
