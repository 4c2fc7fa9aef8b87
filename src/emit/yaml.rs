//! Serialisation to YAML and JSON text.
//!
//! YAML is written by our own serde serializer: block style, two-space
//! indentation, sequences in mappings not indented, and every scalar in
//! the style serde_yaml 0.9 (libyaml) chose, so that the bytes are the same
//! as when serde_yaml wrote them (`scalar.rs` has the rules; `tests.rs`
//! compares the two on generated documents). serde_yaml itself was archived
//! upstream and spent most of a build's time; emit no longer uses it. It
//! stays a dependency of the crate because `rookc import` and `rookc diff`
//! read YAML with it, and the tests compare our output with its.

mod error;
mod scalar;
mod writer;

pub use error::EmitError;

use serde::ser::{self, Serialize};

use scalar::Style;
use writer::Writer;

/// One YAML document, ending in a line break.
pub fn to_yaml<T: Serialize>(value: &T) -> Result<String, EmitError> {
    let mut serializer = Serializer {
        writer: Writer::new(),
        stack: Vec::new(),
    };
    value.serialize(&mut serializer)?;
    Ok(serializer.writer.finish())
}

/// Compact JSON, as the strings inside `additionalConfig` hold it.
pub fn to_json<T: Serialize>(value: &T) -> Result<String, EmitError> {
    serde_json::to_string(value).map_err(EmitError::Json)
}

/// What comes next in an open mapping.
#[derive(Clone, Copy)]
enum Slot {
    Key,
    /// The value of a key written as `key:`.
    SimpleValue,
    /// The value of a key written as `? key`.
    Value,
}

/// An open mapping or sequence. Nothing is written when it opens: an empty
/// one is written `{}` or `[]` when it closes.
enum Frame {
    Mapping { started: bool, next: Slot },
    Sequence { started: bool, in_mapping: bool },
}

struct Serializer {
    writer: Writer,
    stack: Vec<Frame>,
}

/// Where a node goes.
struct Place {
    /// A mapping's key or value.
    in_mapping: bool,
    /// A key written as `key:`.
    simple_key: bool,
}

impl Serializer {
    /// Writes what goes before a node (`- `, `key:`, the indentation) and
    /// says where the node is. `simple` is whether the node could be a
    /// `key:` key.
    fn before_node(&mut self, simple: bool) -> Place {
        let w = &mut self.writer;
        match self.stack.last_mut() {
            None => Place {
                in_mapping: false,
                simple_key: false,
            },
            Some(Frame::Sequence {
                started,
                in_mapping,
            }) => {
                if !*started {
                    let indentless = *in_mapping && !w.indention;
                    w.increase_indent(false, indentless);
                    *started = true;
                }
                w.write_indent();
                w.indicator("-", true, false, true);
                Place {
                    in_mapping: false,
                    simple_key: false,
                }
            }
            Some(Frame::Mapping { started, next }) => match *next {
                Slot::Key => {
                    if !*started {
                        w.increase_indent(false, false);
                        *started = true;
                    }
                    w.write_indent();
                    if simple {
                        *next = Slot::SimpleValue;
                    } else {
                        w.indicator("?", true, false, true);
                        *next = Slot::Value;
                    }
                    Place {
                        in_mapping: true,
                        simple_key: simple,
                    }
                }
                Slot::SimpleValue | Slot::Value => {
                    if let Slot::Value = *next {
                        w.write_indent();
                        w.indicator(":", true, false, true);
                    } else {
                        w.indicator(":", false, false, false);
                    }
                    *next = Slot::Key;
                    Place {
                        in_mapping: true,
                        simple_key: false,
                    }
                }
            },
        }
    }

    fn scalar(&mut self, value: &str, requested: Style) -> Result<(), EmitError> {
        let analysis = scalar::analyze(value);
        let simple = !analysis.multiline && value.len() <= writer::MAX_SIMPLE_KEY;
        let place = self.before_node(simple);
        let style = scalar::select(requested, &analysis, value.is_empty(), place.simple_key);
        self.writer.increase_indent(true, false);
        self.writer.scalar(value, style);
        self.writer.decrease_indent();
        Ok(())
    }

    fn open(&mut self, mapping: bool) -> Result<(), EmitError> {
        if let Some(Frame::Mapping {
            next: Slot::Key, ..
        }) = self.stack.last()
        {
            return Err(EmitError::ComplexKey);
        }
        let place = self.before_node(false);
        self.stack.push(if mapping {
            Frame::Mapping {
                started: false,
                next: Slot::Key,
            }
        } else {
            Frame::Sequence {
                started: false,
                in_mapping: place.in_mapping,
            }
        });
        Ok(())
    }

    fn close(&mut self) -> Result<(), EmitError> {
        let (started, empty) = match self.stack.pop() {
            Some(Frame::Mapping { started, .. }) => (started, "{}"),
            Some(Frame::Sequence { started, .. }) => (started, "[]"),
            None => return Err(EmitError::Unbalanced),
        };
        let w = &mut self.writer;
        if started {
            w.decrease_indent();
        } else {
            w.indicator(&empty[..1], true, true, false);
            w.indicator(&empty[1..], false, false, false);
        }
        Ok(())
    }

    fn unsupported(what: &'static str) -> Result<(), EmitError> {
        Err(EmitError::Unsupported(what))
    }
}

impl ser::Serializer for &mut Serializer {
    type Ok = ();
    type Error = EmitError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = ser::Impossible<(), EmitError>;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = ser::Impossible<(), EmitError>;

    fn serialize_bool(self, v: bool) -> Result<(), EmitError> {
        self.scalar(if v { "true" } else { "false" }, Style::Plain)
    }
    fn serialize_i8(self, v: i8) -> Result<(), EmitError> {
        self.serialize_i128(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), EmitError> {
        self.serialize_i128(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), EmitError> {
        self.serialize_i128(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), EmitError> {
        self.serialize_i128(v.into())
    }
    fn serialize_i128(self, v: i128) -> Result<(), EmitError> {
        self.scalar(&v.to_string(), Style::Plain)
    }
    fn serialize_u8(self, v: u8) -> Result<(), EmitError> {
        self.serialize_u128(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), EmitError> {
        self.serialize_u128(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), EmitError> {
        self.serialize_u128(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), EmitError> {
        self.serialize_u128(v.into())
    }
    fn serialize_u128(self, v: u128) -> Result<(), EmitError> {
        self.scalar(&v.to_string(), Style::Plain)
    }
    fn serialize_f32(self, v: f32) -> Result<(), EmitError> {
        self.serialize_f64(v.into())
    }
    /// A finite number as serde_yaml writes it: `0.5`, and `1.0` rather
    /// than `1`, so that it reads back as a float.
    fn serialize_f64(self, v: f64) -> Result<(), EmitError> {
        if !v.is_finite() {
            return Serializer::unsupported("an infinite or NaN number");
        }
        let mut text = v.to_string();
        if !text.contains(['.', 'e', 'E']) {
            text.push_str(".0");
        }
        self.scalar(&text, Style::Plain)
    }
    fn serialize_char(self, v: char) -> Result<(), EmitError> {
        self.scalar(v.encode_utf8(&mut [0; 4]), Style::SingleQuoted)
    }
    fn serialize_str(self, v: &str) -> Result<(), EmitError> {
        self.scalar(v, scalar::string_style(v))
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), EmitError> {
        Serializer::unsupported("a byte string")
    }
    fn serialize_none(self) -> Result<(), EmitError> {
        self.serialize_unit()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), EmitError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), EmitError> {
        self.scalar("null", Style::Plain)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), EmitError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), EmitError> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), EmitError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), EmitError> {
        Serializer::unsupported("an enum variant with data")
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, EmitError> {
        self.open(false)?;
        Ok(self)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self, EmitError> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self, EmitError> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, EmitError> {
        Err(EmitError::Unsupported("an enum variant with data"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self, EmitError> {
        self.open(true)?;
        Ok(self)
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, EmitError> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, EmitError> {
        Err(EmitError::Unsupported("an enum variant with data"))
    }
}

impl ser::SerializeSeq for &mut Serializer {
    type Ok = ();
    type Error = EmitError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), EmitError> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), EmitError> {
        self.close()
    }
}

impl ser::SerializeTuple for &mut Serializer {
    type Ok = ();
    type Error = EmitError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), EmitError> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), EmitError> {
        self.close()
    }
}

impl ser::SerializeTupleStruct for &mut Serializer {
    type Ok = ();
    type Error = EmitError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), EmitError> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), EmitError> {
        self.close()
    }
}

impl ser::SerializeMap for &mut Serializer {
    type Ok = ();
    type Error = EmitError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), EmitError> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), EmitError> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), EmitError> {
        self.close()
    }
}

impl ser::SerializeStruct for &mut Serializer {
    type Ok = ();
    type Error = EmitError;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), EmitError> {
        ser::Serializer::serialize_str(&mut **self, key)?;
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), EmitError> {
        self.close()
    }
}

#[cfg(test)]
mod tests;
