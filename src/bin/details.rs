//! The details' module (every other figure, charts, what-if, periods, share): a part a
//! calculator loads once its first screen is drawn and its details are open. `web/embed.js`
//! loads it; the seam is `retention_app::parts`.

retention_app::export_part!(retention_app::details::Details);

fn main() {}
