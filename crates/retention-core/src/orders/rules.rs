//! The counting rules: what in an export is a purchase, a refund or left out.
//!
//! One home for every reader of an export: the in-browser import, the command-line tool and
//! the warehouse SQL (the same rules written as SQL text) all follow these.
//!
//! - **Customer.** The customer id; else the e-mail address (compared without case); else the
//!   name. A row with none of them is a guest row: counted and reported, never a customer.
//!   An order's customer is that of its first row that has one.
//! - **Order.** With an order-number column, the rows that share an order number are one
//!   order, wherever they stand in the file. Its amount is the order total when there is a
//!   total column (taken once per order, from the first row of the order that has one; orders
//!   whose rows give different totals are reported), else the sum of quantity × unit price of
//!   its rows, else the sum of its line amounts. A unit price alone is never an amount. Its
//!   date and status are those of its first row that has one.
//!   Without an order-number column, a customer's rows of one day are one order; a row left
//!   out by its status is left out on its own.
//! - **Status.** An order whose status is one of [`LEFT_OUT_STATUSES`] (after
//!   [`normalise_status`]; a mapping may carry another list), or whose cancelled-at field is
//!   filled, is left out: it is no purchase and no refund. Any other status counts.
//! - **Refund.** A refunded-amount column lowers its order's net amount by its size (taken
//!   once per order; `10.00` and `-10.00` alike). An order whose net amount is below zero (a
//!   credit note, a cancellation invoice such as Online Retail's `C536379` with negative
//!   quantities, a return) is a refund: it lowers its customer's net spend and is no
//!   purchase. Every other counted order is a purchase, zero amounts included.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_written_as_normalise_status_writes() {
        for s in LEFT_OUT_STATUSES {
            assert_eq!(normalise_status(s), *s);
        }
    }
}
