//! Splitting delimited text into records and fields, byte by byte.
//!
//! Quotes follow RFC 4180 leniently: a field that starts with `"` (after optional spaces) runs
//! to the next lone `"`, may hold delimiters and line breaks, and writes a quote as `""`; text
//! after the closing quote is kept. Lines end in LF, CRLF or CR. Each record's fields are
//! copied into one reusable buffer, so scanning a million rows allocates nothing per row.

use serde::{Deserialize, Serialize};

/// What separates the fields of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Delimiter {
    /// `,`
    Comma,
    /// `;`, the habit of Dutch spreadsheets, whose decimal separator is the comma.
    Semicolon,
    /// A tab, as a spreadsheet copies cells.
    Tab,
    /// Runs of spaces or tabs, as in aligned text.
    Whitespace,
}

impl Delimiter {
    /// Every delimiter, in the order the sniffer prefers them when several fit.
    pub const ALL: [Delimiter; 4] = [
        Delimiter::Tab,
        Delimiter::Semicolon,
        Delimiter::Comma,
        Delimiter::Whitespace,
    ];

    /// The delimiting byte; `None` for runs of white space.
    pub fn byte(self) -> Option<u8> {
        match self {
            Delimiter::Comma => Some(b','),
            Delimiter::Semicolon => Some(b';'),
            Delimiter::Tab => Some(b'\t'),
            Delimiter::Whitespace => None,
        }
    }
}

/// One row's fields: slices of the text, or of a buffer for the few fields that had to be
/// unquoted (a doubled quote, or text after the closing quote).
#[derive(Debug)]
pub(crate) struct Record<'a> {
    text: &'a [u8],
    buf: Vec<u8>,
    spans: Vec<Span>,
    /// The line the record starts on, counting from 1.
    pub line: usize,
    /// The text ended inside a quoted field.
    pub unclosed_quote: bool,
}

/// Where a field is: `text[start..end]`, or `buf[start..end]` when `copied`.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    copied: bool,
}

impl<'a> Record<'a> {
    /// An empty record for the fields of `text`.
    pub fn new(text: &'a str) -> Record<'a> {
        Record {
            text: text.as_bytes(),
            buf: Vec::new(),
            spans: Vec::new(),
            line: 0,
            unclosed_quote: false,
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Field `i`, trimmed of surrounding spaces and tabs.
    pub fn field(&self, i: usize) -> &[u8] {
        let Span { start, end, copied } = self.spans[i];
        let source = if copied { &self.buf } else { self.text };
        trim(&source[start..end])
    }

    /// Field `i` as text. Fields are cut at ASCII bytes of a `&str`, so they are valid
    /// UTF-8; the lossy conversion never replaces anything.
    pub fn text(&self, i: usize) -> String {
        String::from_utf8_lossy(self.field(i)).into_owned()
    }

    /// No field holds anything but white space: an empty line, or `;;;` from a spreadsheet.
    pub fn is_blank(&self) -> bool {
        (0..self.len()).all(|i| self.field(i).is_empty())
    }

    fn clear(&mut self) {
        self.buf.clear();
        self.spans.clear();
        self.unclosed_quote = false;
    }
}

pub(crate) fn trim(mut bytes: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = bytes {
        bytes = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = bytes {
        bytes = rest;
    }
    bytes
}

/// Reads records one after the other.
pub(crate) struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    delimiter: Delimiter,
}

impl<'a> Scanner<'a> {
    /// Starts after a UTF-8 byte order mark, if there is one.
    pub fn new(text: &'a str, delimiter: Delimiter) -> Scanner<'a> {
        let bytes = text.as_bytes();
        let pos = if bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        Scanner {
            bytes,
            pos,
            line: 1,
            delimiter,
        }
    }

    /// How far the scanner has read, in bytes.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Reads the next record into `record` (made for the same text); `false` at the end.
    pub fn next_record(&mut self, record: &mut Record<'a>) -> bool {
        record.clear();
        record.line = self.line;
        if self.pos >= self.bytes.len() {
            return false;
        }
        let spaces = self.delimiter == Delimiter::Whitespace;
        loop {
            if spaces {
                self.skip_blanks();
                if self.at_line_end() {
                    self.end_line();
                    return true;
                }
            }
            let span = self.field(record);
            record.spans.push(span);
            if self.at_line_end() {
                self.end_line();
                return true;
            }
            // At a delimiter: step over it. (Runs of spaces are skipped at the next field.)
            self.pos += 1;
        }
    }

    /// Reads one field up to (not over) the next delimiter or line end.
    fn field(&mut self, record: &mut Record<'a>) -> Span {
        let bytes = self.bytes;
        let mut quote_at = self.pos;
        while bytes.get(quote_at) == Some(&b' ') {
            quote_at += 1;
        }
        if bytes.get(quote_at) != Some(&b'"') {
            let start = self.pos;
            self.skip_to_stop();
            return Span {
                start,
                end: self.pos,
                copied: false,
            };
        }
        // Quoted: a slice of the text, unless a doubled quote or text after the closing quote
        // makes it a copy. `copied` is where the copy starts in the buffer, `seg` the first
        // byte of the text not copied yet.
        let start = quote_at + 1;
        self.pos = start;
        let mut copied = None;
        let mut seg = start;
        let end = loop {
            while self.pos < bytes.len() && bytes[self.pos] != b'"' {
                self.line += usize::from(bytes[self.pos] == b'\n');
                self.pos += 1;
            }
            if self.pos >= bytes.len() {
                record.unclosed_quote = true;
                break self.pos;
            }
            if bytes.get(self.pos + 1) != Some(&b'"') {
                self.pos += 1;
                break self.pos - 1;
            }
            // A doubled quote is one quote: copy up to and including the first.
            copied.get_or_insert(record.buf.len());
            record.buf.extend_from_slice(&bytes[seg..=self.pos]);
            self.pos += 2;
            seg = self.pos;
        };
        let tail = self.pos;
        self.skip_to_stop();
        if copied.is_none() && trim(&bytes[tail..self.pos]).is_empty() {
            return Span {
                start,
                end,
                copied: false,
            };
        }
        let from = *copied.get_or_insert(record.buf.len());
        record.buf.extend_from_slice(&bytes[seg..end]);
        record.buf.extend_from_slice(&bytes[tail..self.pos]);
        Span {
            start: from,
            end: record.buf.len(),
            copied: true,
        }
    }

    /// Moves to the next delimiter, line end or the end of the text.
    fn skip_to_stop(&mut self) {
        let rest = &self.bytes[self.pos..];
        let found = match self.delimiter.byte() {
            Some(d) => rest
                .iter()
                .position(|&b| b == d || b == b'\n' || b == b'\r'),
            None => rest
                .iter()
                .position(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')),
        };
        self.pos += found.unwrap_or(rest.len());
    }

    fn skip_blanks(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    fn at_line_end(&self) -> bool {
        matches!(self.bytes.get(self.pos), None | Some(b'\n' | b'\r'))
    }

    /// Steps over LF, CRLF or a lone CR.
    fn end_line(&mut self) {
        match self.bytes.get(self.pos) {
            Some(b'\r') if self.bytes.get(self.pos + 1) == Some(&b'\n') => self.pos += 2,
            Some(b'\r' | b'\n') => self.pos += 1,
            _ => return,
        }
        self.line += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str, delimiter: Delimiter) -> Vec<(usize, Vec<String>)> {
        let mut scanner = Scanner::new(text, delimiter);
        let mut record = Record::new(text);
        let mut out = Vec::new();
        while scanner.next_record(&mut record) {
            let fields = (0..record.len()).map(|i| record.text(i)).collect();
            out.push((record.line, fields));
        }
        out
    }

    #[test]
    fn quotes_line_ends_and_blanks() {
        let text = "\u{feff}a,\"b,\"\"c\"\"\"\r\n\r\n \"multi\nline\" ,x\rlast,\"open";
        assert_eq!(
            records(text, Delimiter::Comma),
            [
                (1, vec!["a".into(), "b,\"c\"".into()]),
                (2, vec!["".into()]),
                (3, vec!["multi\nline".into(), "x".into()]),
                (5, vec!["last".into(), "open".into()]),
            ]
        );
    }

    #[test]
    fn quoted_fields_that_need_a_copy() {
        assert_eq!(
            records("\"a\"\"b\"c,\"x\"y,\"\"\"\"\n", Delimiter::Comma),
            [(1, vec!["a\"bc".into(), "xy".into(), "\"".into()])]
        );
    }

    #[test]
    fn whitespace_runs() {
        assert_eq!(
            records("  a   b\t c  \n\nd \"e f\"\n", Delimiter::Whitespace),
            [
                (1, vec!["a".into(), "b".into(), "c".into()]),
                (2, vec![]),
                (3, vec!["d".into(), "e f".into()]),
            ]
        );
    }

    #[test]
    fn a_trailing_delimiter_is_an_empty_field() {
        assert_eq!(
            records("a;b;\n", Delimiter::Semicolon),
            [(1, vec!["a".into(), "b".into(), "".into()])]
        );
    }
}
