//! The tools' module (order import, members, NPS), which holds the details too: a calculator
//! that shows its tools and its details at once (its own page) loads this module alone.
//! `web/embed.js` loads it; the seam is `retention_app::parts`.

retention_app::export_parts!(
    tools => retention_app::tools::Tools,
    details => retention_app::details::Details,
);

fn main() {}
