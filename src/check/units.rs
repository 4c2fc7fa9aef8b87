//! Numbers with units: byte sizes, object counts and durations. Pure rule
//! functions over the digits and unit the parser split apart; the caller
//! turns an [`UnitError`] into a diagnostic.

/// A byte size as written (`500Gi`) and its value in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Size {
    /// Kubernetes quantity text: digits without `_`, then the suffix.
    pub quantity: String,
    pub bytes: u128,
}

/// Why a number does not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitError {
    /// A unit that the language does not know at all.
    UnknownUnit {
        unit: String,
        suggestion: Option<&'static str>,
    },
    /// A known unit of the wrong kind (a size where days are wanted).
    WrongUnit { unit: String },
    /// No unit where one is required.
    MissingUnit,
    /// A fraction where only whole numbers make sense.
    Fraction,
    /// Zero or negative.
    NotPositive,
    /// A size greater than zero but smaller than one byte (`0.0001Ki`).
    BelowOneByte,
    /// Larger than Rook or Kubernetes can hold.
    TooLarge,
}

/// The largest value Rook reads (quantities become Go `int64`).
pub const MAX_VALUE: u128 = i64::MAX as u128;

/// Longest duration accepted, in days (a hundred years).
pub const MAX_DAYS: u64 = 36_500;

const BINARY: [(&str, u32); 6] = [
    ("Ki", 10),
    ("Mi", 20),
    ("Gi", 30),
    ("Ti", 40),
    ("Pi", 50),
    ("Ei", 60),
];
const DECIMAL: [(&str, u32); 6] = [
    ("k", 3),
    ("M", 6),
    ("G", 9),
    ("T", 12),
    ("P", 15),
    ("E", 18),
];

fn binary_multiplier(unit: &str) -> Option<u128> {
    BINARY
        .iter()
        .find(|(s, _)| *s == unit)
        .map(|(_, p)| 1u128 << p)
}

fn decimal_multiplier(unit: &str) -> Option<u128> {
    DECIMAL
        .iter()
        .find(|(s, _)| *s == unit)
        .map(|(_, p)| 10u128.pow(*p))
}

/// Whether `unit` is one the language knows for anything.
fn known(unit: &str) -> bool {
    unit == "d" || binary_multiplier(unit).is_some() || decimal_multiplier(unit).is_some()
}

/// The Kubernetes suffix a person probably meant (`GB` -> `G`, `gi` -> `Gi`).
pub fn suggest_unit(unit: &str) -> Option<&'static str> {
    let trimmed = unit.strip_suffix(['B', 'b']).unwrap_or(unit);
    BINARY
        .iter()
        .chain(DECIMAL.iter())
        .map(|(s, _)| *s)
        .find(|s| s.eq_ignore_ascii_case(trimmed) || s.eq_ignore_ascii_case(unit))
        .or(match unit.to_ascii_lowercase().as_str() {
            "day" | "days" => Some("d"),
            _ => None,
        })
}

fn unknown(unit: &str) -> UnitError {
    UnitError::UnknownUnit {
        unit: unit.to_string(),
        suggestion: suggest_unit(unit),
    }
}

/// Splits `1.5` into mantissa digits `15` and one decimal place; rejects
/// negatives.
fn mantissa(digits: &str) -> Result<(u128, u32), UnitError> {
    if digits.starts_with('-') {
        return Err(UnitError::NotPositive);
    }
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let places = u32::try_from(fraction.len()).map_err(|_| UnitError::TooLarge)?;
    let mut value: u128 = 0;
    for c in whole.chars().chain(fraction.chars()) {
        let digit = c.to_digit(10).ok_or(UnitError::TooLarge)?;
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u128::from(digit)))
            .ok_or(UnitError::TooLarge)?;
    }
    Ok((value, places))
}

/// A byte size: a number with a Kubernetes suffix (`500M`, `10Gi`, `1.5T`).
pub fn size(digits: &str, unit: &str) -> Result<Size, UnitError> {
    if unit.is_empty() {
        return Err(UnitError::MissingUnit);
    }
    let multiplier = binary_multiplier(unit)
        .or_else(|| decimal_multiplier(unit))
        .ok_or_else(|| {
            if known(unit) {
                UnitError::WrongUnit {
                    unit: unit.to_string(),
                }
            } else {
                unknown(unit)
            }
        })?;
    let (value, places) = mantissa(digits)?;
    let scale = 10u128.checked_pow(places).ok_or(UnitError::TooLarge)?;
    let exact = value.checked_mul(multiplier).ok_or(UnitError::TooLarge)?;
    if exact == 0 {
        return Err(UnitError::NotPositive);
    }
    // Storage is counted in whole bytes: a size below one is a slip.
    if exact < scale {
        return Err(UnitError::BelowOneByte);
    }
    let bytes = exact.div_ceil(scale);
    if bytes > MAX_VALUE {
        return Err(UnitError::TooLarge);
    }
    Ok(Size {
        quantity: format!("{digits}{unit}"),
        bytes,
    })
}

/// An object or bucket count: a whole number, optionally with a decimal
/// suffix (`10k`, `5M`).
pub fn count(digits: &str, unit: &str) -> Result<u64, UnitError> {
    let multiplier = if unit.is_empty() {
        1
    } else {
        decimal_multiplier(unit).ok_or_else(|| {
            if known(unit) {
                UnitError::WrongUnit {
                    unit: unit.to_string(),
                }
            } else {
                unknown(unit)
            }
        })?
    };
    let (value, places) = mantissa(digits)?;
    let scale = 10u128.checked_pow(places).ok_or(UnitError::TooLarge)?;
    let scaled = value.checked_mul(multiplier).ok_or(UnitError::TooLarge)?;
    // `1.5k` is a whole 1500; `1.5` is not a count.
    if scaled % scale != 0 {
        return Err(UnitError::Fraction);
    }
    let total = scaled / scale;
    if total == 0 {
        return Err(UnitError::NotPositive);
    }
    if total > MAX_VALUE {
        return Err(UnitError::TooLarge);
    }
    u64::try_from(total).map_err(|_| UnitError::TooLarge)
}

/// A duration in whole days (`30d`).
pub fn days(digits: &str, unit: &str) -> Result<u32, UnitError> {
    match unit {
        "d" => {}
        "" => return Err(UnitError::MissingUnit),
        other if known(other) => {
            return Err(UnitError::WrongUnit {
                unit: other.to_string(),
            })
        }
        other => return Err(unknown(other)),
    }
    let (value, places) = mantissa(digits)?;
    if places > 0 {
        return Err(UnitError::Fraction);
    }
    if value == 0 {
        return Err(UnitError::NotPositive);
    }
    if value > u128::from(MAX_DAYS) {
        return Err(UnitError::TooLarge);
    }
    u32::try_from(value).map_err(|_| UnitError::TooLarge)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_accept_kubernetes_suffixes() {
        assert_eq!(size("10", "Gi").map(|s| s.bytes), Ok(10 << 30));
        assert_eq!(size("500", "M").map(|s| s.bytes), Ok(500_000_000));
        assert_eq!(size("1.5", "Ki").map(|s| s.bytes), Ok(1536));
        assert_eq!(size("2", "Ti").map(|s| s.quantity), Ok("2Ti".to_string()));
    }

    #[test]
    fn sizes_reject_missing_unknown_and_wrong_units() {
        assert_eq!(size("500", ""), Err(UnitError::MissingUnit));
        assert_eq!(
            size("10", "GB"),
            Err(UnitError::UnknownUnit {
                unit: "GB".into(),
                suggestion: Some("G")
            })
        );
        assert_eq!(
            size("30", "d"),
            Err(UnitError::WrongUnit { unit: "d".into() })
        );
        assert_eq!(size("0", "Gi"), Err(UnitError::NotPositive));
        assert_eq!(size("-1", "Gi"), Err(UnitError::NotPositive));
        assert_eq!(size("9", "Ei"), Err(UnitError::TooLarge));
        assert_eq!(size("0.0000001", "Ki"), Err(UnitError::BelowOneByte));
        assert_eq!(
            size("0.001", "k"),
            Ok(Size {
                quantity: "0.001k".into(),
                bytes: 1
            })
        );
        assert_eq!(size("0.0", "Gi"), Err(UnitError::NotPositive));
    }

    #[test]
    fn counts_take_decimal_suffixes_only() {
        assert_eq!(count("5", ""), Ok(5));
        assert_eq!(count("10", "M"), Ok(10_000_000));
        assert_eq!(count("1", "k"), Ok(1000));
        assert_eq!(
            count("10", "Gi"),
            Err(UnitError::WrongUnit { unit: "Gi".into() })
        );
        assert_eq!(count("1.5", "k"), Ok(1500));
        assert_eq!(count("1.5", ""), Err(UnitError::Fraction));
        assert_eq!(count("1.0005", "k"), Err(UnitError::Fraction));
        assert_eq!(count("0", ""), Err(UnitError::NotPositive));
        assert_eq!(count("99999999999999999999", ""), Err(UnitError::TooLarge));
    }

    #[test]
    fn durations_are_whole_days() {
        assert_eq!(days("30", "d"), Ok(30));
        assert_eq!(days("30", ""), Err(UnitError::MissingUnit));
        assert_eq!(
            days("30", "Gi"),
            Err(UnitError::WrongUnit { unit: "Gi".into() })
        );
        assert_eq!(
            days("3", "h"),
            Err(UnitError::UnknownUnit {
                unit: "h".into(),
                suggestion: None
            })
        );
        assert_eq!(days("0", "d"), Err(UnitError::NotPositive));
        assert_eq!(days("40000", "d"), Err(UnitError::TooLarge));
    }

    #[test]
    fn units_are_suggested() {
        assert_eq!(suggest_unit("gi"), Some("Gi"));
        assert_eq!(suggest_unit("MiB"), Some("Mi"));
        assert_eq!(suggest_unit("days"), Some("d"));
        assert_eq!(suggest_unit("parsec"), None);
    }
}
