//! Known exports: when the headers are those of a shop or payment system's export, the
//! preview names it and its own columns fill the mapping.
//!
//! Each format is recognised by a few headers that together only it writes, compared as
//! [`words`] writes them (`Lineitem quantity` is `lineitem quantity`, `order_total` is
//! `order total`). The fixtures in `tests/fixtures/` follow the formats' public descriptions.

use serde::{Deserialize, Serialize};

use super::sniff::{words, ColumnKind};

/// A known export layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExportFormat {
    /// Shopify's orders export: one row per line item, order fields (Total, Financial
    /// Status, Refunded Amount) on the order's first row, order name `#1001`.
    Shopify,
    /// WooCommerce's order export (Customer / Order CSV Export): `order_number`,
    /// `order_total`, `billing_email`, one row per line item.
    WooCommerce,
    /// Lightspeed eCom's order export: `Order - Number`, `Customer - Email address`.
    Lightspeed,
    /// Magento's order grid export: `ID`, `Purchase Date`, `Grand Total (Base)`.
    Magento,
    /// Stripe's payments export: `id`, `Created (UTC)`, `Amount`, `Amount Refunded`.
    Stripe,
    /// Mollie's payments export: `ID`, `Date`, `Amount`, `Status`, `Consumer name`.
    Mollie,
    /// Any other export of order lines: an order number with quantities and prices or line
    /// amounts.
    LineItems,
}

/// Headers that together only one format writes, and the headers of its roles (the first
/// present wins).
struct Signature {
    format: ExportFormat,
    requires: &'static [&'static str],
    roles: &'static [(ColumnKind, &'static [&'static str])],
    /// Roles the guesses must leave empty.
    not_guessed: &'static [ColumnKind],
}

use ColumnKind as K;

const SIGNATURES: &[Signature] = &[
    Signature {
        format: ExportFormat::Shopify,
        requires: &["financial status", "lineitem quantity"],
        roles: &[
            (K::Order, &["name"]),
            (K::Email, &["email"]),
            (K::Name, &["billing name", "shipping name"]),
            (K::Date, &["created at"]),
            (K::Total, &["total"]),
            (K::Quantity, &["lineitem quantity"]),
            (K::UnitPrice, &["lineitem price"]),
            (K::Status, &["financial status"]),
            (K::CancelledAt, &["cancelled at"]),
            (K::Refunded, &["refunded amount"]),
        ],
        not_guessed: &[K::Customer],
    },
    Signature {
        format: ExportFormat::WooCommerce,
        requires: &["order total", "billing email", "order date"],
        roles: &[
            (K::Order, &["order number", "order id"]),
            (K::Date, &["order date"]),
            (K::Total, &["order total"]),
            (K::Status, &["status", "order status"]),
            (K::Refunded, &["refunded total", "order refunded"]),
            (K::Email, &["billing email"]),
            (K::Quantity, &["item quantity"]),
            (K::UnitPrice, &["item price"]),
            (K::Amount, &["item total"]),
        ],
        // Guests have customer_id 0: the e-mail tells customers apart.
        not_guessed: &[K::Customer],
    },
    Signature {
        format: ExportFormat::Lightspeed,
        requires: &[
            "order number",
            "order grand total",
            "customer email address",
        ],
        roles: &[
            (K::Order, &["order number"]),
            (K::Date, &["order date"]),
            (K::Total, &["order grand total"]),
            (K::Status, &["order status"]),
            (K::Email, &["customer email address"]),
            (K::Quantity, &["product quantity"]),
            (K::UnitPrice, &["product price incl tax"]),
        ],
        not_guessed: &[K::Customer, K::Name],
    },
    Signature {
        format: ExportFormat::Magento,
        requires: &["purchase date", "grand total base"],
        roles: &[
            (K::Order, &["id"]),
            (K::Date, &["purchase date"]),
            (K::Total, &["grand total base", "grand total purchased"]),
            (K::Status, &["status"]),
            (K::Refunded, &["total refunded"]),
            (K::Email, &["customer email"]),
            (K::Name, &["bill to name", "customer name"]),
        ],
        not_guessed: &[K::Customer],
    },
    Signature {
        format: ExportFormat::Stripe,
        requires: &["amount refunded", "created utc"],
        roles: &[
            (K::Order, &["id"]),
            (K::Date, &["created utc"]),
            (K::Total, &["amount"]),
            (K::Refunded, &["amount refunded"]),
            (K::Status, &["status"]),
            (K::Customer, &["customer id"]),
            (K::Email, &["customer email"]),
        ],
        not_guessed: &[K::Name],
    },
    Signature {
        format: ExportFormat::Mollie,
        requires: &["consumer name", "amount refunded", "payment method"],
        roles: &[
            (K::Order, &["id"]),
            (K::Date, &["date"]),
            (K::Total, &["amount"]),
            (K::Refunded, &["amount refunded"]),
            (K::Status, &["status"]),
            (K::Customer, &["customer id"]),
            (K::Name, &["consumer name"]),
        ],
        not_guessed: &[],
    },
];

/// The known format whose headers these are, if any.
pub(crate) fn detect_format(names: &[String]) -> Option<ExportFormat> {
    let headers: Vec<String> = names.iter().map(|n| words(n)).collect();
    SIGNATURES
        .iter()
        .find(|s| s.requires.iter().all(|r| headers.iter().any(|h| h == r)))
        .map(|s| s.format)
}

impl ExportFormat {
    fn signature(self) -> Option<&'static Signature> {
        SIGNATURES.iter().find(|s| s.format == self)
    }

    /// The format's roles and the headers that hold them.
    pub(crate) fn roles(self) -> &'static [(ColumnKind, &'static [&'static str])] {
        self.signature().map_or(&[], |s| s.roles)
    }

    /// Roles the guesses leave empty for this format.
    pub(crate) fn not_guessed(self) -> &'static [ColumnKind] {
        self.signature().map_or(&[], |s| s.not_guessed)
    }
}
