//! The text encodings of export files, decided once from the first bytes and streamed.
//!
//! - A UTF-16 byte order mark (`FF FE` or `FE FF`) makes the file UTF-16, little- or
//!   big-endian: it is turned into UTF-8 as it streams, a character split between two chunks
//!   included. Lone surrogates become U+FFFD.
//! - Anything else is read as UTF-8 (after its byte order mark, if any), and a byte that is no
//!   part of valid UTF-8 as Windows-1252, which is what Excel on Windows writes as "CSV"
//!   (`€` is byte 0x80). So a Windows-1252 file whose first megabytes are plain ASCII is read
//!   right too. Both share the ASCII bytes that separate fields and rows, so the scanner cuts
//!   the raw bytes and only fields that are read as text are decoded.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// How a file's text was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Encoding {
    /// UTF-8 (or plain ASCII), with or without a byte order mark.
    #[default]
    Utf8,
    /// Not valid UTF-8: some bytes were read as Windows-1252.
    Windows1252,
    /// UTF-16, little-endian, by its byte order mark.
    Utf16Le,
    /// UTF-16, big-endian, by its byte order mark.
    Utf16Be,
}

/// Windows-1252 for the bytes 0x80–0x9F; the others are Latin-1.
const CP1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// One byte as Windows-1252.
pub(crate) fn cp1252(b: u8) -> char {
    match b {
        0x80..=0x9f => CP1252[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// A field as text: UTF-8, with every byte that is not part of valid UTF-8 read as
/// Windows-1252. Borrowed when the field is valid UTF-8, which is almost always.
pub(crate) fn field_text(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(lossy_1252(bytes)),
    }
}

/// The text of a whole export file, decoded as the import reads it: UTF-16 by its byte order
/// mark, else UTF-8 with every byte that is not part of valid UTF-8 read as Windows-1252,
/// which is what Excel on Windows writes as "CSV" (`€` included). The flag says whether the
/// Windows-1252 fallback was used. A byte order mark is dropped.
///
/// ```
/// use retention_core::decode_text;
/// assert_eq!(decode_text(b"k1;\x80 12,50".to_vec()), ("k1;€ 12,50".to_string(), true));
/// assert_eq!(decode_text("k1;€ 12,50".as_bytes().to_vec()), ("k1;€ 12,50".to_string(), false));
/// assert_eq!(decode_text(vec![0xff, 0xfe, b'k', 0, b'1', 0]), ("k1".to_string(), false));
/// ```
pub fn decode_text(bytes: Vec<u8>) -> (String, bool) {
    if let [0xff, 0xfe, ..] | [0xfe, 0xff, ..] | [0xef, 0xbb, 0xbf, ..] = bytes[..] {
        let (text, _) = decode_sample(&bytes);
        let windows1252 = !is_utf8(&text);
        return (field_text(&text).into_owned(), windows1252);
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(e) => (lossy_1252(e.as_bytes()), true),
    }
}

/// Whether `bytes` needs the Windows-1252 fallback anywhere.
pub(crate) fn is_utf8(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok()
}

fn lossy_1252(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 8);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                out.push_str(text);
                return out;
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                // The first invalid byte as Windows-1252, then on.
                out.push(cp1252(rest[0]));
                bytes = &rest[1..];
            }
        }
    }
}

/// Turns the bytes of a file, chunk by chunk, into bytes the scanner reads: UTF-8 (with
/// Windows-1252 bytes left in place for [`field_text`]) without a byte order mark.
#[derive(Debug, Clone, Default)]
pub(crate) struct Decoder {
    /// The first bytes, until there are enough to look for a byte order mark.
    start: Vec<u8>,
    encoding: Option<Encoding>,
    /// UTF-16: an odd byte left from the last chunk.
    odd: Option<u8>,
    /// UTF-16: a high surrogate waiting for its low half.
    high: Option<u16>,
}

impl Decoder {
    /// The encoding found, once there were enough bytes to tell (always after [`Decoder::end`]).
    pub fn encoding(&self) -> Option<Encoding> {
        self.encoding
    }

    /// Decodes `input`, appending to `out`.
    pub fn push(&mut self, input: &[u8], out: &mut Vec<u8>) {
        let mut input = input;
        let joined;
        if self.encoding.is_none() {
            self.start.extend_from_slice(input);
            if self.start.len() < 3 {
                return;
            }
            joined = std::mem::take(&mut self.start);
            input = self.detect(&joined);
        }
        match self.encoding {
            Some(Encoding::Utf16Le) => self.utf16(input, out, u16::from_le_bytes),
            Some(Encoding::Utf16Be) => self.utf16(input, out, u16::from_be_bytes),
            _ => out.extend_from_slice(input),
        }
    }

    /// The end of the input: flushes what is held back.
    pub fn end(&mut self, out: &mut Vec<u8>) {
        if self.encoding.is_none() {
            let start = std::mem::take(&mut self.start);
            let rest = self.detect(&start);
            out.extend_from_slice(rest);
        }
        if self.odd.take().is_some() || self.high.take().is_some() {
            push_char(out, char::REPLACEMENT_CHARACTER);
        }
    }

    /// Decides the encoding from the first bytes and returns them without the byte order mark.
    fn detect<'b>(&mut self, bytes: &'b [u8]) -> &'b [u8] {
        let (encoding, bom) = match bytes {
            [0xff, 0xfe, ..] => (Encoding::Utf16Le, 2),
            [0xfe, 0xff, ..] => (Encoding::Utf16Be, 2),
            [0xef, 0xbb, 0xbf, ..] => (Encoding::Utf8, 3),
            _ => (Encoding::Utf8, 0),
        };
        self.encoding = Some(encoding);
        &bytes[bom..]
    }

    fn utf16(&mut self, mut input: &[u8], out: &mut Vec<u8>, unit: fn([u8; 2]) -> u16) {
        out.reserve(input.len());
        if let (Some(first), Some((&second, rest))) = (self.odd, input.split_first()) {
            self.odd = None;
            self.unit(unit([first, second]), out);
            input = rest;
        }
        let mut pairs = input.chunks_exact(2);
        for pair in &mut pairs {
            self.unit(unit([pair[0], pair[1]]), out);
        }
        if let [last] = pairs.remainder() {
            self.odd = Some(*last);
        }
    }

    fn unit(&mut self, u: u16, out: &mut Vec<u8>) {
        match (self.high.take(), u) {
            (Some(high), 0xdc00..=0xdfff) => {
                let c = 0x10000 + ((u32::from(high) - 0xd800) << 10) + (u32::from(u) - 0xdc00);
                push_char(
                    out,
                    char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER),
                );
            }
            (high, _) => {
                if high.is_some() {
                    push_char(out, char::REPLACEMENT_CHARACTER);
                }
                match u {
                    0xd800..=0xdbff => self.high = Some(u),
                    0xdc00..=0xdfff => push_char(out, char::REPLACEMENT_CHARACTER),
                    _ => push_char(
                        out,
                        char::from_u32(u32::from(u)).unwrap_or(char::REPLACEMENT_CHARACTER),
                    ),
                }
            }
        }
    }
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut buf = [0; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

/// Decodes a whole sample at once: the bytes the scanner reads and the encoding.
pub(crate) fn decode_sample(bytes: &[u8]) -> (Cow<'_, [u8]>, Encoding) {
    match bytes {
        [0xff, 0xfe, ..] | [0xfe, 0xff, ..] => {
            let mut decoder = Decoder::default();
            let mut out = Vec::with_capacity(bytes.len());
            decoder.push(bytes, &mut out);
            decoder.end(&mut out);
            let encoding = decoder.encoding().unwrap_or_default();
            (Cow::Owned(out), encoding)
        }
        [0xef, 0xbb, 0xbf, rest @ ..] => (Cow::Borrowed(rest), utf8_or_1252(rest)),
        _ => (Cow::Borrowed(bytes), utf8_or_1252(bytes)),
    }
}

/// UTF-8 unless a byte needs the Windows-1252 fallback. A sample may end inside a character:
/// an incomplete sequence at its very end does not count.
fn utf8_or_1252(bytes: &[u8]) -> Encoding {
    match std::str::from_utf8(bytes) {
        Ok(_) => Encoding::Utf8,
        Err(e) if e.error_len().is_none() => Encoding::Utf8,
        Err(_) => Encoding::Windows1252,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_in_pieces(bytes: &[u8], size: usize) -> (Vec<u8>, Option<Encoding>) {
        let mut decoder = Decoder::default();
        let mut out = Vec::new();
        for piece in bytes.chunks(size) {
            decoder.push(piece, &mut out);
        }
        decoder.end(&mut out);
        (out, decoder.encoding())
    }

    #[test]
    fn utf16_in_any_pieces() {
        let text = "klant;bedrag\r\nAnn 😀;€ 12,50\r\n";
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        for size in 1..=7 {
            assert_eq!(
                decode_in_pieces(&le, size),
                (text.as_bytes().to_vec(), Some(Encoding::Utf16Le))
            );
            assert_eq!(
                decode_in_pieces(&be, size),
                (text.as_bytes().to_vec(), Some(Encoding::Utf16Be))
            );
        }
        // A lone surrogate and an odd last byte are replaced, not dropped silently.
        let broken = [0xff, 0xfe, 0x3d, 0xd8, b'a', 0, b'b'];
        assert_eq!(
            decode_in_pieces(&broken, 2).0,
            "\u{fffd}a\u{fffd}".as_bytes()
        );
    }

    #[test]
    fn utf8_passes_through_without_its_mark() {
        let bytes = b"\xef\xbb\xbfk1;\x80 12,50\n";
        for size in 1..=4 {
            let (out, encoding) = decode_in_pieces(bytes, size);
            assert_eq!(out, b"k1;\x80 12,50\n");
            assert_eq!(encoding, Some(Encoding::Utf8));
        }
        assert_eq!(decode_in_pieces(b"a", 1).0, b"a");
        assert_eq!(field_text(b"\x80 12,50"), "€ 12,50");
        assert_eq!(field_text("€ 12,50".as_bytes()), "€ 12,50");
        assert_eq!(field_text(b"caf\xe9 \xc3\xa9"), "café é");
    }

    #[test]
    fn samples() {
        assert_eq!(decode_sample(b"a,b\n").1, Encoding::Utf8);
        assert_eq!(decode_sample(b"a,\x80\n").1, Encoding::Windows1252);
        // Cut inside a character: still UTF-8.
        assert_eq!(decode_sample(&"a,€".as_bytes()[..4]).1, Encoding::Utf8);
        let (text, encoding) = decode_sample(&[0xff, 0xfe, b'a', 0, b',', 0]);
        assert_eq!((&*text, encoding), (&b"a,"[..], Encoding::Utf16Le));
    }
}
