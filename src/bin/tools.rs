//! The tools' module (order import, members, NPS): a part a calculator loads once its first
//! screen is drawn. `web/embed.js` loads it; the seam is `retention_app::parts`.

retention_app::export_part!(retention_app::tools::Tools);

fn main() {}
