//! The counting rules: what in an export is a purchase, a refund or left out.
//!
//! One home for every reader of an export: the in-browser import, the command-line tool and
//! the warehouse SQL (the same rules written as SQL text, `sql/purchases.rs`) all follow
//! these. No rule depends on the order of the rows, which a warehouse table does not have: the
//! import and the SQL count the same purchases from the same rows in any order.
//!
//! - **Customer.** A row's customer key is its customer id; else its e-mail address (compared
//!   without case); else its name (the SQL reads the customer column only). A row with none of
//!   them is a guest row: counted and reported, never a customer.
//! - **Order.** With an order-number column, the rows that share an order number are one
//!   order, wherever they stand in the file; a row without an order number is a bad row (the
//!   import reports it, the SQL leaves it out). An order's customer is the smallest customer
//!   key of its rows (in byte order; an order none of whose rows has one is a guest order),
//!   its date the earliest date of its rows. Its amount is the order total when there is a
//!   total column: the one total its rows carry, repeated or on one of them; rows that give
//!   different totals are reported, and the total of the largest size counts
//!   ([`order_total`]: a credit note's −10.00 over a 0.00 on its other rows). Else it is the
//!   sum of quantity × unit price of its rows, else the sum of its line amounts. A unit price
//!   alone is never an amount.
//!   Without an order-number column, each row stands on its own: its amount is its total (or
//!   quantity × unit price, or line amount) less its refunded amount (a row without an amount
//!   or a date is a bad row), and a customer's rows of one day that are not left out are one
//!   order, worth the sum of those amounts.
//! - **Status.** An order is left out when any of its rows has a status in
//!   [`LEFT_OUT_STATUSES`] (after [`normalise_status`]; a mapping may carry another list) or a
//!   filled cancelled-at field (exports often fill these on an order's first row only): it is
//!   no purchase and no refund. Without an order-number column such a row is left out on its
//!   own. Any other status counts.
//! - **Refund.** A refunded-amount column lowers its order's net amount by its size (`10.00`
//!   and `-10.00` alike): the largest size its rows give, taken once per order. An order whose
//!   net amount is below zero (a credit note, a cancellation invoice such as Online Retail's
//!   `C536379` with negative quantities, a return) is a refund: it lowers its customer's net
//!   spend and is no purchase. Every other counted order is a purchase, zero amounts included.
//! - **Purchase day.** A customer's purchases are counted per day: a repeat customer bought
//!   on two or more days, and the models' frequency is the number of purchase days minus one.
//! - **Date.** The calendar date as written: a time, `T`, `Z` or offset after it is ignored,
//!   never used to move the date to another time zone.

/// The statuses whose orders are not purchases: cancelled, voided, failed, fully refunded
/// and never completed, in the spellings of common shop systems and Dutch exports, as
/// [`normalise_status`] writes them.
pub const LEFT_OUT_STATUSES: &[&str] = &[
    // English, as Shopify, WooCommerce, Magento, Stripe, Mollie and Lightspeed write them.
    "cancelled",
    "canceled",
    "voided",
    "void",
    "failed",
    "refunded",
    "fully_refunded",
    "declined",
    "expired",
    "closed",
    "abandoned",
    "draft",
    "checkout_draft",
    "trash",
    "chargeback",
    // Dutch.
    "geannuleerd",
    "geannuleerd_door_klant",
    "mislukt",
    "terugbetaald",
    "volledig_terugbetaald",
    "geweigerd",
    "verlopen",
    "vervallen",
    "afgebroken",
    "storno",
];

/// A status as the rules compare it: trimmed, lower case, and runs of spaces and hyphens
/// written as one `_` (`Partially Refunded` and `partially-refunded` are
/// `partially_refunded`).
///
/// ```
/// use retention_core::normalise_status;
/// assert_eq!(normalise_status("  Partially Refunded "), "partially_refunded");
/// assert_eq!(normalise_status("checkout-draft"), "checkout_draft");
/// assert_eq!(normalise_status("Geannuleerd"), "geannuleerd");
/// ```
pub fn normalise_status(status: &str) -> String {
    let mut out = String::with_capacity(status.len());
    let mut gap = false;
    for c in status.trim().chars() {
        if c == ' ' || c == '-' || c == '_' || c == '\t' {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push('_');
        }
        gap = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// Whether an order with this status is left out by default (see [`LEFT_OUT_STATUSES`]).
///
/// ```
/// use retention_core::left_out_by_default;
/// assert!(left_out_by_default("Voided"));
/// assert!(left_out_by_default("Geannuleerd"));
/// assert!(!left_out_by_default("partially_refunded"));
/// assert!(!left_out_by_default("paid"));
/// ```
pub fn left_out_by_default(status: &str) -> bool {
    LEFT_OUT_STATUSES.contains(&normalise_status(status).as_str())
}

/// Of two different totals the rows of one order give, the one the order carries: the larger
/// in size, the positive one of a pair such as 10 and −10. The SQL writes the same as
/// `CASE WHEN MAX(total) >= -MIN(total) THEN MAX(total) ELSE MIN(total) END`.
///
/// ```ignore
/// assert_eq!(order_total(0.0, -10.0), -10.0); // a credit note with 0.00 on its other rows
/// assert_eq!(order_total(30.0, 12.5), 30.0);
/// assert_eq!(order_total(-10.0, 10.0), 10.0);
/// ```
pub(crate) fn order_total(a: f64, b: f64) -> f64 {
    if b.abs() > a.abs() || (b.abs() == a.abs() && b > a) {
        b
    } else {
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_carries_the_total_of_the_largest_size_whatever_the_order_of_its_rows() {
        for (a, b, carried) in [
            (0.0, -10.0, -10.0),
            (30.0, 12.5, 30.0),
            (-10.0, 10.0, 10.0),
            (5.0, 5.0, 5.0),
        ] {
            assert_eq!(order_total(a, b), carried);
            assert_eq!(order_total(b, a), carried);
        }
        // Of many rows, folded in any order: the same as MAX and MIN would choose.
        let totals = [3.0, -7.5, 0.0, 7.5, -2.0];
        let max = totals.iter().copied().fold(f64::MIN, f64::max);
        let min = totals.iter().copied().fold(f64::MAX, f64::min);
        let sql = if max >= -min { max } else { min };
        for start in 0..totals.len() {
            let mut rotated = totals;
            rotated.rotate_left(start);
            let folded = rotated[1..]
                .iter()
                .fold(rotated[0], |t, &v| order_total(t, v));
            assert_eq!(folded, sql);
        }
    }

    #[test]
    fn the_list_is_written_as_normalise_status_writes() {
        for s in LEFT_OUT_STATUSES {
            assert_eq!(normalise_status(s), *s);
        }
    }
}
