//! `retention analyze --segments`: the RFM segments as text tables, and `--segment-csv DIR`:
//! a file per segment for a mailing tool.

use std::path::Path;

use retention_core::{OrderLog, ScoreRange, Segmentation, Segmenter};

use super::Printer;
use crate::Failure;

/// Writes a file per segment with customers into `dir` (made if missing), named as the
/// page's downloads are: `segment-at-risk.csv`.
pub(super) fn write_files(
    dir: &str,
    log: &OrderLog,
    segments: &Segmenter,
    locale: retention_core::Locale,
) -> Result<(), Failure> {
    let failed = |e: std::io::Error| Failure::Input(format!("cannot write to {dir}: {e}"));
    std::fs::create_dir_all(dir).map_err(failed)?;
    for summary in &segments.segmentation().segments {
        if summary.customers == 0 {
            continue;
        }
        let path = Path::new(dir).join(summary.segment.file_name());
        let text = segments.csv(log, Some(summary.segment), locale);
        std::fs::write(&path, text)
            .map_err(|e| Failure::Input(format!("cannot write {}: {e}", path.to_string_lossy())))?;
    }
    Ok(())
}

impl Printer {
    pub(super) fn segments(&mut self, s: &Segmentation) {
        outln!(self.out);
        let reference = s.reference.map(|r| r.to_string()).unwrap_or_default();
        outln!(
            self.out,
            "RFM segments on {reference}: {} customers by recency and frequency quintiles (ties \
             score alike){}",
            self.count(s.customers),
            if s.forecast {
                ""
            } else {
                "; no forecast, so no CLV or P(alive)"
            }
        );
        let optional = |v: Option<f64>, f: &dyn Fn(f64) -> String| v.map_or("–".into(), f);
        outln!(
            self.out,
            "  {:<24} {:>9} {:>7} {:>8} {:>11} {:>6} {:>11} {:>8}",
            "segment",
            "customers",
            "share",
            "revenue",
            "avg spend",
            "days",
            "avg CLV",
            "P(alive)"
        );
        for x in &s.segments {
            outln!(
                self.out,
                "  {:<24} {:>9} {:>7} {:>8} {:>11} {:>6} {:>11} {:>8}",
                x.segment.label(self.locale),
                self.count(x.customers),
                self.percent(x.customer_share),
                optional(x.revenue_share, &|v| self.percent(v)),
                optional(x.mean_spend, &|v| self.money(v)),
                optional(x.mean_days_since, &|v| format!("{v:.0}")),
                optional(x.mean_predicted_clv, &|v| self.money(v)),
                optional(x.mean_p_alive, &|v| self.percent(v * 100.0)),
            );
        }
        outln!(
            self.out,
            "  share: of customers; revenue: share of net spend; days: since the last order"
        );
        outln!(self.out);
        outln!(
            self.out,
            "R × F grid: customers and segment per cell (R 5 bought most recently, F 5 on the \
             most days)"
        );
        let mut header = String::from("     ");
        for f in 1..=5 {
            header.push_str(&format!(" {:<21}", format!("F {f}")));
        }
        outln!(self.out, "{}", header.trim_end());
        for r in (1..=5u8).rev() {
            let cells: Vec<_> = s.grid.iter().filter(|c| c.recency == r).collect();
            let (mut counts, mut names) = (format!("  R {r}"), String::from("     "));
            for cell in cells {
                counts.push_str(&format!(" {:<21}", self.count(cell.customers)));
                names.push_str(&format!(" {:<21}", cell.segment.label(self.locale)));
            }
            outln!(self.out, "{}", counts.trim_end());
            outln!(self.out, "{}", names.trim_end());
        }
        outln!(self.out);
        outln!(self.out, "What each score covers:");
        self.ranges("R (days since)", &s.recency, 0);
        self.ranges("F (purchase days)", &s.frequency, 0);
        self.ranges("M (net spend)", &s.monetary, 2);
        outln!(self.out);
        outln!(self.out, "What to do:");
        for x in s.segments.iter().filter(|x| x.customers > 0) {
            outln!(self.out, "  {}:", x.segment.label(self.locale));
            for action in &x.actions {
                outln!(self.out, "    - {}", action.text(self.locale));
            }
        }
    }

    fn ranges(&mut self, name: &str, ranges: &[ScoreRange], decimals: usize) {
        let value = |v: f64| retention_core::format_decimal(v, decimals, decimals, self.locale);
        let parts: Vec<String> = ranges
            .iter()
            .map(|r| match (r.lowest, r.highest) {
                (Some(lo), Some(hi)) if lo == hi => format!("{} {}", r.score, value(lo)),
                (Some(lo), Some(hi)) => format!("{} {}–{}", r.score, value(lo), value(hi)),
                _ => format!("{} none", r.score),
            })
            .collect();
        outln!(self.out, "  {name:<18} {}", parts.join(" · "));
    }
}
