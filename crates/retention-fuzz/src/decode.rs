//! Decoding a whole file (`decode_text`: UTF-8, Windows-1252, UTF-16 by its byte order mark)
//! against a decoder of our own built on the standard library.

use retention_core::decode_text;

/// Windows-1252 for 0x80–0x9F, from unicode.org's CP1252.TXT; the five bytes it leaves
/// undefined stand for the C1 controls of the same number, as the WHATWG encoding standard
/// reads them.
const HIGH: [u32; 32] = [
    0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039,
    0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc,
    0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/// Decodes `data` as a whole file; panics when the text differs from the reference.
pub fn decode(data: &[u8]) {
    let (text, windows_1252) = decode_text(data.to_vec());
    let (expected, expected_1252) = reference(data);
    assert_eq!(text, expected, "{data:?}");
    assert_eq!(windows_1252, expected_1252, "{data:?}");
}

fn reference(bytes: &[u8]) -> (String, bool) {
    match bytes {
        [0xff, 0xfe, rest @ ..] => (utf16(rest, u16::from_le_bytes), false),
        [0xfe, 0xff, rest @ ..] => (utf16(rest, u16::from_be_bytes), false),
        [0xef, 0xbb, 0xbf, rest @ ..] => utf8_or_1252(rest),
        _ => utf8_or_1252(bytes),
    }
}

/// The standard library's UTF-16 decoder, a lone surrogate as U+FFFD; an odd last byte is
/// one more U+FFFD, unless it follows a lone high surrogate (WHATWG: one error at the end).
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let pairs = bytes.chunks_exact(2);
    let odd = !pairs.remainder().is_empty();
    let units: Vec<u16> = pairs.map(|p| unit([p[0], p[1]])).collect();
    let mut text: String = char::decode_utf16(units.iter().copied())
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    let ends_high = units.last().is_some_and(|u| (0xd800..=0xdbff).contains(u));
    if odd && !ends_high {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
}

/// UTF-8, each byte of an invalid sequence read as Windows-1252.
fn utf8_or_1252(bytes: &[u8]) -> (String, bool) {
    let mut text = String::new();
    let mut fell_back = false;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        for &b in chunk.invalid() {
            fell_back = true;
            let c = match b {
                0x80..=0x9f => char::from_u32(HIGH[usize::from(b - 0x80)]).unwrap_or('?'),
                _ => char::from(b),
            };
            text.push(c);
        }
    }
    (text, fell_back)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_decoder() {
        assert_eq!(
            reference(b"\x80 12,50 caf\xe9"),
            ("€ 12,50 café".into(), true)
        );
        assert_eq!(
            reference(&[0xfe, 0xff, 0, b'k', 0xd8, 0x3d, 0xde, 0]),
            ("k😀".into(), false)
        );
        assert_eq!(
            reference(&[0xff, 0xfe, b'k', 0, 0x3d, 0xd8]),
            ("k\u{fffd}".into(), false)
        );
        assert_eq!(
            reference(&[0xff, 0xfe, b'k', 0, 0x3d, 0xd8, 1]),
            ("k\u{fffd}".into(), false)
        );
        assert_eq!(
            reference(&[0xff, 0xfe, b'k', 0, 1]),
            ("k\u{fffd}".into(), false)
        );
        assert_eq!(reference(b"\xef\xbb\xbfk\xe2\x82"), ("kâ‚".into(), true));
    }
}
