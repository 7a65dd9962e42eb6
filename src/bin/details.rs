//! The details' module (every other figure, charts, what-if, periods, share): for a calculator
//! that shows its details without its tools (an embed, once unfolded). `web/embed.js` loads
//! it; the seam is `retention_app::parts`.

retention_app::export_parts!(details => retention_app::details::Details);

fn main() {}
