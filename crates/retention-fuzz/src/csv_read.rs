//! A strict RFC 4180 reader, written apart from the core's lenient scanner, to read back what
//! the core's `CsvWriter` wrote: every row ends in CRLF, a field is either plain (no
//! separator, quote or line break in it) or quoted with inner quotes doubled. Anything else
//! is an error, so a writer that leaves a quote or a line break bare is caught.

/// Parses `text` into rows of cells, or says where it breaks the format.
pub fn read_csv(text: &str, separator: char) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut cell = String::new();
    loop {
        // At the start of a cell.
        match chars.peek().copied() {
            None if row.is_empty() && cell.is_empty() => return Ok(rows),
            None => return Err("the last row does not end in CRLF".into()),
            Some((_, '"')) => {
                chars.next();
                loop {
                    match chars.next() {
                        None => return Err("a quoted cell is never closed".into()),
                        Some((_, '"')) if chars.peek().map(|c| c.1) == Some('"') => {
                            chars.next();
                            cell.push('"');
                        }
                        Some((_, '"')) => break,
                        Some((_, c)) => cell.push(c),
                    }
                }
            }
            Some(_) => {
                while let Some(&(at, c)) = chars.peek() {
                    if c == separator || c == '\r' {
                        break;
                    }
                    if c == '"' || c == '\n' {
                        return Err(format!("a bare {c:?} at byte {at}"));
                    }
                    cell.push(c);
                    chars.next();
                }
            }
        }
        // After a cell: a separator or CRLF.
        match chars.next() {
            Some((_, c)) if c == separator => row.push(std::mem::take(&mut cell)),
            Some((at, '\r')) => {
                if chars.next().map(|c| c.1) != Some('\n') {
                    return Err(format!("a CR without LF at byte {at}"));
                }
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            Some((at, c)) => return Err(format!("{c:?} after a quoted cell at byte {at}")),
            None => return Err("the last row does not end in CRLF".into()),
        }
    }
}

/// The characters OWASP's "CSV Injection" page lists as starting a formula, with their
/// full-width forms.
pub const FORMULA_STARTS: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
];

/// A cell a spreadsheet would run as a formula: it starts with one of [`FORMULA_STARTS`]
/// and is not a plain number (a sign, digits, points and commas, nothing else).
pub fn runs_as_formula(cell: &str) -> bool {
    if !cell.starts_with(FORMULA_STARTS) {
        return false;
    }
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let plain = digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    !plain
}

/// The text a neutralised cell stood for: without the leading `'` the writer adds.
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_rfc_4180_allows_and_nothing_else() {
        assert_eq!(
            read_csv("a;\"b;\"\"c\"\"\r\nd\"\r\n;\r\n", ';').unwrap(),
            vec![vec!["a", "b;\"c\"\r\nd"], vec!["", ""]]
        );
        assert!(read_csv("a\r\nb", ',').is_err());
        assert!(read_csv("a\"b\r\n", ',').is_err());
        assert!(read_csv("a\nb\r\n", ',').is_err());
        assert!(read_csv("\"a\"b\r\n", ',').is_err());
        assert!(read_csv("\"a\r\n", ',').is_err());
        assert_eq!(read_csv("", ',').unwrap(), Vec::<Vec<String>>::new());
    }

    #[test]
    fn formulas_but_not_numbers() {
        for cell in [
            "=1+1",
            "+cmd",
            "-",
            "@SUM(1)",
            "\t=1",
            "\r=1",
            "\u{ff1d}1",
            "-1e5",
            "--5",
        ] {
            assert!(runs_as_formula(cell), "{cell:?}");
        }
        for cell in [
            "-12,50",
            "+31",
            "1+1",
            "'=1+1",
            "ann@example.com",
            "",
            "-0.5",
        ] {
            assert!(!runs_as_formula(cell), "{cell:?}");
        }
        assert_eq!(unneutralise("'=1+1"), "=1+1");
        assert_eq!(unneutralise("'quote"), "'quote");
    }
}
