//! The base protocol: messages framed by a `Content-Length` header over
//! standard input and output. A malformed frame or body is reported and
//! skipped; only the end of input ends the loop.

use std::io::{self, BufRead, Write};

use serde_json::Value;

/// What reading one frame gave.
pub enum Incoming {
    Message(Value),
    /// The frame could not be read as JSON: the reason.
    Malformed(String),
    /// Standard input ended.
    End,
}

/// Reads the next frame.
pub fn read(input: &mut impl BufRead) -> io::Result<Incoming> {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            return Ok(Incoming::End);
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let Some(length) = length.filter(|l| *l <= MAX_MESSAGE) else {
        return Ok(Incoming::Malformed(
            "missing, invalid or too large Content-Length header".into(),
        ));
    };
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(match serde_json::from_slice(&body) {
        Ok(value) => Incoming::Message(value),
        Err(error) => Incoming::Malformed(format!("the body is not JSON: {error}")),
    })
}

/// The largest message accepted (64 MiB): a bound on memory, far above any
/// real document.
const MAX_MESSAGE: usize = 64 << 20;

/// Writes one message.
pub fn write(output: &mut impl Write, message: &Value) -> io::Result<()> {
    let body = serde_json::to_string(message).unwrap_or_default();
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}
