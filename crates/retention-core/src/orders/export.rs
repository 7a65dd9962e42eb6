//! The inactive customers as a file for a win-back mail, and the contact columns every
//! customer file shares.

use super::summary::{summarise_orders, InactiveCustomer, SummaryOptions};
use super::OrderLog;
use crate::{CsvWriter, Locale};

/// Writes inactive customers as CSV text for a mail tool or spreadsheet: a header row, then
/// one row per customer with the id, e-mail and name (when the export has them), last order
/// (ISO date), days inactive, orders, spend and segment (named in `locale`), by the one
/// [`CsvWriter`]: `;` and `1234,50` in `Locale::Nl`, `,` and `1234.50` in `Locale::En`, ids
/// that a spreadsheet would run as a formula neutralised.
///
/// ```
/// use retention_core::{inactive_csv, Date, InactiveCustomer, Locale, Segment};
/// let customers = [InactiveCustomer {
///     id: "K-17".into(),
///     email: Some("ann@example.com".into()),
///     name: None,
///     last_order: Date::from_ymd(2024, 1, 31).unwrap(),
///     days_inactive: 45,
///     orders: 3,
///     spend: 1234.5,
///     segment: Segment::AtRisk,
/// }];
/// assert_eq!(
///     inactive_csv(&customers, Locale::Nl),
///     "customer;email;last_order;days_inactive;orders;spend;segment\r\n\
///      K-17;ann@example.com;2024-01-31;45;3;1234,50;Risico op vertrek\r\n"
/// );
/// ```
pub fn inactive_csv(customers: &[InactiveCustomer], locale: Locale) -> String {
    let contacts = ContactColumns::of(
        customers
            .iter()
            .map(|c| (c.email.as_deref(), c.name.as_deref())),
    );
    let mut csv = CsvWriter::new(locale);
    csv.text("customer");
    contacts.header(&mut csv);
    csv.row(&["last_order", "days_inactive", "orders", "spend", "segment"]);
    for c in customers {
        csv.text(&c.id);
        contacts.cells(&mut csv, c.email.as_deref(), c.name.as_deref());
        csv.text(&c.last_order.to_string())
            .count(u64::from(c.days_inactive))
            .count(u64::from(c.orders))
            .number(c.spend, 2)
            .text(c.segment.label(locale))
            .end_row();
    }
    csv.finish()
}

/// The win-back file: every customer inactive by `options`, whatever `options.inactive_limit`
/// says (that limit only shortens the list a page shows).
pub fn win_back_csv(log: &OrderLog, options: &SummaryOptions, locale: Locale) -> String {
    let everyone = SummaryOptions {
        inactive_limit: None,
        ..*options
    };
    inactive_csv(&summarise_orders(log, &everyone).inactive, locale)
}

/// Which contact columns a file of customers has: an `email` column when at least one of its
/// customers has an e-mail address, a `name` column likewise, both after the customer id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ContactColumns {
    email: bool,
    name: bool,
}

impl ContactColumns {
    /// The columns for these customers' (e-mail, name).
    pub fn of<'a>(contacts: impl Iterator<Item = (Option<&'a str>, Option<&'a str>)>) -> Self {
        let mut columns = ContactColumns {
            email: false,
            name: false,
        };
        for (email, name) in contacts {
            columns.email |= email.is_some();
            columns.name |= name.is_some();
        }
        columns
    }

    /// Their header cells.
    pub fn header(self, csv: &mut CsvWriter) {
        if self.email {
            csv.text("email");
        }
        if self.name {
            csv.text("name");
        }
    }

    /// One customer's cells: empty where they have none.
    pub fn cells(self, csv: &mut CsvWriter, email: Option<&str>, name: Option<&str>) {
        if self.email {
            csv.text(email.unwrap_or_default());
        }
        if self.name {
            csv.text(name.unwrap_or_default());
        }
    }
}
