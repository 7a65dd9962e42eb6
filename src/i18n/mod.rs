//! Every sentence the page shows, in Dutch and English. The numbers, and the words the page
//! shares with the command line and the exported files (figure names, formulas, quantities,
//! period names, verdict labels), come from the core; this module words the rest.
//!
//! - `calculator`: the calculator's words (form, cards, notices, and the sentences of its
//!   charts, what-if and periods);
//! - `details`: the fixed texts of its details (share, export, charts, what-if, periods), apart
//!   so that the first module does not carry them;
//! - `import`: the order import's words, apart, so the import can move to its own module;
//! - `segments`: the words of the import's customer segments;
//! - `nps`: the Net Promoter Score section's words;
//! - `members`: the members calculator and the survivors table;
//! - `member_import`: the member import's words;
//! - `common`: the sentences several of them say alike (a number field's mistakes, the
//!   verdict on annual retention);
//! - `warehouse`: the warehouse panel's and a dropped summary file's words;
//! - `member_views`: the member file's cohorts, flows, fits per cohort and members at risk.
//!
//! Every text picks its language the one way: `locale.pick(dutch, english)`, the two side by
//! side so they stay in step. Components get the language and currency from the [`Words`]
//! context, never as props.

mod calculator;
mod common;
mod details;
mod import;
mod member_import;
mod member_views;
mod members;
mod nps;
mod segments;
mod warehouse;

pub use calculator::*;
pub use details::*;
pub use import::*;
pub use member_import::*;
pub use member_views::*;
pub use members::*;
pub use nps::*;
use retention_core::{Currency, Locale, Quantity};
pub use segments::*;
pub use warehouse::*;
use yew::prelude::*;

/// The page's language and currency: how every word and number is written. The app
/// provides it once; components read it with [`use_words`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Words {
    pub locale: Locale,
    pub currency: Currency,
}

impl Words {
    /// A quantity with its unit, in the page's habits.
    pub fn q(self, quantity: Quantity) -> String {
        quantity.text(self.locale, self.currency)
    }
}

/// The page's [`Words`]; Dutch and euros outside a calculator (as in isolated tests).
#[hook]
pub fn use_words() -> Words {
    use_context::<Words>().unwrap_or_default()
}
