//! Implicit typing: the plain strings that would read back as null, a
//! boolean or a number (or, with leading zeros, as an octal number to a
//! YAML 1.1 reader), which serde_yaml single-quoted so that they stay
//! strings.

/// Whether a plain `value` would be read as null, a boolean or a number
/// (or is a number-like string with leading zeros).
pub(super) fn reads_back_as_non_string(value: &str) -> bool {
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
