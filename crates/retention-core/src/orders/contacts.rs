//! Each customer's e-mail address and name, kept beside the orders when the mapping has
//! those columns: for the files a mailing tool imports (a segment's customers, the win-back
//! list).
//!
//! The first value a customer's rows give is kept (a row of an order left out by its status
//! counts too: it is the same person), cut to [`MAX_CONTACT_CHARS`] characters. Memory: the
//! text plus 8 bytes a customer for each of the two columns the mapping has, nothing for a
//! column it does not have.

/// The most characters of an e-mail address or name kept: 254 is the longest address SMTP
/// carries (RFC 5321), and a longer name is no name.
pub const MAX_CONTACT_CHARS: usize = 254;

/// `value` cut to [`MAX_CONTACT_CHARS`].
fn cut(value: &str) -> &str {
    match value.char_indices().nth(MAX_CONTACT_CHARS) {
        Some((end, _)) => &value[..end],
        None => value,
    }
}

/// One column's values, by customer index: a span of `text` each, empty for none.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ContactColumn {
    text: String,
    spans: Vec<(u32, u32)>,
}

impl ContactColumn {
    /// Offers a value of customer `i` from one of their rows: the smallest (cut, by bytes)
    /// is kept, so the rows' order does not matter.
    pub fn offer(&mut self, i: u32, value: &str) {
        let value = cut(value);
        if self.get(i as usize).is_none_or(|old| value < old) {
            self.set(i, value);
        }
    }

    /// Sets customer `i`'s value, cut to [`MAX_CONTACT_CHARS`]; an empty value is none.
    pub fn set(&mut self, i: u32, value: &str) {
        let value = cut(value);
        let start = self.text.len();
        // Offsets are u32: past 4 GB of names (never in a browser) the rest go unnamed.
        if value.is_empty() || start + value.len() > u32::MAX as usize {
            return;
        }
        let i = i as usize;
        if self.spans.len() <= i {
            self.spans.resize(i + 1, (0, 0));
        }
        self.text.push_str(value);
        self.spans[i] = (start as u32, self.text.len() as u32);
    }

    /// Customer `i`'s value.
    pub fn get(&self, i: usize) -> Option<&str> {
        let &(start, end) = self.spans.get(i)?;
        (start < end).then(|| &self.text[start as usize..end as usize])
    }

    /// The values of the customers `kept` (old indices, in their new order), packed.
    pub fn keep(&self, kept: impl Iterator<Item = usize>) -> ContactColumn {
        let mut out = ContactColumn::default();
        for (new, old) in kept.enumerate() {
            match self.get(old) {
                Some(value) => out.set(new as u32, value),
                None => out.spans.push((0, 0)),
            }
        }
        out.text.shrink_to_fit();
        out.spans.shrink_to_fit();
        out
    }

    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.spans.capacity() * size_of::<(u32, u32)>()
    }
}

/// The e-mail and name columns: `None` where the mapping has no such column.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Contacts {
    pub email: Option<ContactColumn>,
    pub name: Option<ContactColumn>,
}

impl Contacts {
    /// Empty columns for those the mapping has.
    pub fn new(email: bool, name: bool) -> Contacts {
        Contacts {
            email: email.then(ContactColumn::default),
            name: name.then(ContactColumn::default),
        }
    }

    /// The contacts of the customers `kept` (old indices, in their new order).
    pub fn keep(&self, kept: impl Iterator<Item = usize> + Clone) -> Contacts {
        Contacts {
            email: self.email.as_ref().map(|c| c.keep(kept.clone())),
            name: self.name.as_ref().map(|c| c.keep(kept)),
        }
    }

    /// Customer `i`'s e-mail address and name.
    pub fn get(&self, i: usize) -> (Option<&str>, Option<&str>) {
        let email = self.email.as_ref().and_then(|c| c.get(i));
        (email, self.name.as_ref().and_then(|c| c.get(i)))
    }

    pub fn heap_bytes(&self) -> usize {
        [&self.email, &self.name]
            .into_iter()
            .flatten()
            .map(ContactColumn::heap_bytes)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smallest_values_are_kept_cut_and_renumbered() {
        let mut c = ContactColumn::default();
        c.set(2, "cat@example.com");
        assert!(c.get(0).is_none() && c.get(1).is_none() && c.get(7).is_none());
        assert_eq!(c.get(2), Some("cat@example.com"));
        c.set(0, "");
        assert!(c.get(0).is_none());
        // Offered values: the smallest stays, whichever comes first.
        c.offer(5, "dog@example.com");
        c.offer(5, "bat@example.com");
        assert_eq!(c.get(5), Some("bat@example.com"));
        let long = "é".repeat(300);
        c.set(0, &long);
        assert_eq!(c.get(0).map(|v| v.chars().count()), Some(MAX_CONTACT_CHARS));
        assert_eq!((c.get(1), c.get(9)), (None, None));
        let kept = c.keep([2, 1, 0].into_iter());
        assert_eq!(kept.get(0), Some("cat@example.com"));
        assert_eq!(kept.get(1), None);
        assert_eq!(kept.get(2), c.get(0));
        assert_eq!(
            kept.text.len(),
            "cat@example.com".len() + 2 * MAX_CONTACT_CHARS
        );
    }
}
