//! Splitting delimited text into records and fields, byte by byte.
//!
//! Quotes follow RFC 4180 leniently: a field that starts with `"` (after optional spaces) runs
//! to the next lone `"`, may hold delimiters and line breaks, and writes a quote as `""`; text
//! after the closing quote is kept. Lines end in LF, CRLF or CR. Each record's fields are
//! copied into one reusable buffer, so scanning a million rows allocates nothing per row.
//!
//! The scanner splits at ASCII bytes only, so it reads UTF-8 and Windows-1252 alike. Over a
//! piece of a longer text ([`Scanner::partial`]) it stops before a record that the piece may
//! not hold whole, and says so ([`Next::Incomplete`]): the streaming reader keeps that tail
//! and scans it again with the next chunk.

use serde::{Deserialize, Serialize};

/// The most fields a record keeps; the rest are only counted, so a line of a million commas
/// costs no memory. More than any export has: the sniffer rejects wider files.
pub(crate) const MAX_FIELDS: usize = 1001;

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
    /// Fields past [`MAX_FIELDS`], counted but not kept.
    dropped: usize,
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
        Record::of_bytes(text.as_bytes())
    }

    /// An empty record for the fields of `bytes` (UTF-8 or Windows-1252).
    pub fn of_bytes(text: &'a [u8]) -> Record<'a> {
        Record {
            text,
            buf: Vec::new(),
            spans: Vec::new(),
            dropped: 0,
            line: 0,
            unclosed_quote: false,
        }
    }

    /// The fields kept: at most [`MAX_FIELDS`].
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// How many fields the record has, kept or not.
    pub fn count(&self) -> usize {
        self.spans.len() + self.dropped
    }

    /// Field `i`, trimmed of surrounding spaces and tabs.
    pub fn field(&self, i: usize) -> &[u8] {
        let Span { start, end, copied } = self.spans[i];
        let source = if copied { &self.buf } else { self.text };
        trim(&source[start..end])
    }

    /// Field `i` as text: UTF-8, its invalid bytes read as Windows-1252.
    pub fn text(&self, i: usize) -> String {
        super::decode::field_text(self.field(i)).into_owned()
    }

    /// No field holds anything but white space: an empty line, or `;;;` from a spreadsheet.
    pub fn is_blank(&self) -> bool {
        (0..self.len()).all(|i| self.field(i).is_empty())
    }

    fn clear(&mut self) {
        self.buf.clear();
        self.spans.clear();
        self.dropped = 0;
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

/// What [`Scanner::next`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    /// A record, in the record passed in.
    Record,
    /// The rest of the piece may be the start of a longer record: nothing was read.
    Incomplete,
    /// Nothing left.
    End,
}

/// Reads records one after the other.
pub(crate) struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    delimiter: Delimiter,
    /// The bytes end the text; otherwise more may follow.
    last: bool,
    /// The record being read ran into the end of a piece that is not the last.
    short: bool,
}

impl<'a> Scanner<'a> {
    /// A scanner over a whole text; starts after a UTF-8 byte order mark, if there is one.
    pub fn new(text: &'a str, delimiter: Delimiter) -> Scanner<'a> {
        let bytes = text.as_bytes();
        let pos = if bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        Scanner {
            pos,
            ..Scanner::partial(bytes, delimiter, 1, true)
        }
    }

    /// A scanner over a piece of a text whose first record starts on `line`; `last` when
    /// nothing follows the piece. A byte order mark is the caller's to remove.
    pub fn partial(bytes: &'a [u8], delimiter: Delimiter, line: usize, last: bool) -> Scanner<'a> {
        Scanner {
            bytes,
            pos: 0,
            line,
            delimiter,
            last,
            short: false,
        }
    }

    /// How far the scanner has read, in bytes.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The line the next record starts on.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Reads the next record into `record` (made for the same text); `false` at the end, or
    /// before a record that a piece may hold only in part.
    pub fn next_record(&mut self, record: &mut Record<'a>) -> bool {
        self.next(record) == Next::Record
    }

    /// Reads the next record into `record` (made for the same text).
    pub fn next(&mut self, record: &mut Record<'a>) -> Next {
        let (pos, line) = (self.pos, self.line);
        let found = self.read(record);
        if self.short {
            self.short = false;
            (self.pos, self.line) = (pos, line);
            record.clear();
            return Next::Incomplete;
        }
        if found {
            Next::Record
        } else {
            Next::End
        }
    }

    fn read(&mut self, record: &mut Record<'a>) -> bool {
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
            if record.spans.len() < MAX_FIELDS {
                record.spans.push(span);
            } else {
                record.dropped += 1;
            }
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
                self.short |= !self.last;
                break self.pos;
            }
            if self.pos + 1 == bytes.len() && !self.last {
                // A quote at the end of a piece may be the first of a doubled one.
                self.short = true;
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
        // The end of a piece, or a CR at its end (the LF may follow), ends nothing yet.
        let rest = self.bytes.len() - self.pos;
        if !self.last && (rest == 0 || (rest == 1 && self.bytes[self.pos] == b'\r')) {
            self.short = true;
            return;
        }
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
