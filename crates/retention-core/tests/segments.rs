//! RFM segments: scores by quintiles with ties, the R × F segment map, the per-segment files
//! and their agreement with the win-back list. Every expected score and segment is worked out
//! by hand from how the file was built, never read from the program.

use std::collections::HashMap;

use retention_core::{
    customer_summaries, forecast_orders, parse_orders, predict, rfm_scores, segment_customers,
    summarise_orders, win_back, Date, Delimiter, ForecastOptions, Locale, Mapping, OrderLog,
    Segment, SummaryOptions, MAX_CONTACT_CHARS,
};

mod common;
mod sim;
use common::rfm_segment;
use sim::Rng;

use Segment::*;

fn date(days: i32) -> String {
    Date::from_days(days).to_string()
}

fn log(text: &str, mapping: &Mapping) -> OrderLog {
    parse_orders(text, mapping, |_, _| true).unwrap()
}

/// customer, date, amount.
fn three_columns() -> Mapping {
    Mapping {
        customer: Some(0),
        date: 1,
        amount: Some(2),
        ..Mapping::new(Delimiter::Comma, true, 3)
    }
}

/// The day the hand-built files end on: 2024-06-30.
fn reference() -> i32 {
    Date::from_ymd(2024, 6, 30).unwrap().days()
}

/// 25 customers, one for each cell of the grid. With 25 distinct values a score is
/// `1 + ⌊b / 5⌋` (b: customers with a worse value), so the customer meant for R r and F f
/// gets recency place 5(r − 1) + (f − 1) and frequency place 5(f − 1) + (r − 1) (both
/// distinct over the 25), and monetary place 7 × (recency place) mod 25 (7 and 25 share no
/// factor, so that too is a permutation). Place p from the worst: last bought 24 − p days
/// before the reference day, on p + 1 days, for 100 + 10 p.
fn one_per_cell() -> (String, Vec<(String, u8, u8, u8)>) {
    let mut text = String::from("customer,date,amount\n");
    let mut meant = Vec::new();
    for r in 1..=5u8 {
        for f in 1..=5u8 {
            let (rp, fp) = (5 * (r - 1) + f - 1, 5 * (f - 1) + r - 1);
            let mp = 7 * u32::from(rp) % 25;
            let id = format!("r{r}f{f}");
            let last = reference() - (24 - i32::from(rp));
            let days = i32::from(fp) + 1;
            let spend = 100 + 10 * mp;
            // Every purchase 1.00 but the last, which brings the total to `spend`.
            for k in (0..days).rev() {
                let amount = if k == 0 { spend + 1 - days as u32 } else { 1 };
                text += &format!("{id},{},{amount}.00\n", date(last - 3 * k));
            }
            meant.push((id, r, f, 1 + (mp / 5) as u8));
        }
    }
    (text, meant)
}

#[test]
fn every_customer_lands_in_the_cell_and_segment_built_for_it() {
    let (text, meant) = one_per_cell();
    let log = log(&text, &three_columns());
    let scored = rfm_scores(&log, None);
    assert_eq!(scored.len(), 25);
    for (c, (id, r, f, m)) in scored.iter().zip(&meant) {
        assert_eq!(log.customer(c.index).id, id);
        assert_eq!((c.recency, c.frequency, c.monetary), (*r, *f, *m), "{id}");
        assert_eq!(c.segment, rfm_segment(*r, *f), "{id}");
        assert_eq!(
            c.days_since,
            24 - (5 * (u32::from(*r) - 1) + u32::from(*f) - 1)
        );
    }
    let segments = segment_customers(&log, None, None);
    let s = segments.segmentation();
    assert_eq!(s.reference, Some(Date::from_days(reference())));
    // Each cell holds its one customer and the map's segment.
    assert_eq!(s.grid.len(), 25);
    for cell in &s.grid {
        assert_eq!(cell.customers, 1);
        assert_eq!(cell.segment, rfm_segment(cell.recency, cell.frequency));
    }
    // Counted from RFM_MAP: champions 2, loyal 4, potential loyalists 4, new 1, promising 1,
    // needs attention 1, about to sleep 2, at risk 4, can't lose 2, hibernating 3, lost 1.
    let counts: Vec<u64> = s.segments.iter().map(|x| x.customers).collect();
    assert_eq!(counts, [2, 4, 4, 1, 1, 1, 2, 4, 2, 3, 1]);
    let order: Vec<Segment> = s.segments.iter().map(|x| x.segment).collect();
    assert_eq!(order, Segment::ALL);
    // Five customers a score, over the values each place gives.
    for (k, range) in s.recency.iter().enumerate() {
        // R k+1: places 5k..5k+4, so 24 − 5k − 4 ..= 24 − 5k days since.
        let top = 24.0 - 5.0 * k as f64;
        assert_eq!(
            (range.score, range.customers, range.lowest, range.highest),
            (k as u8 + 1, 5, Some(top - 4.0), Some(top))
        );
    }
    for (k, range) in s.frequency.iter().enumerate() {
        let low = 5.0 * k as f64 + 1.0;
        assert_eq!(
            (range.lowest, range.highest),
            (Some(low), Some(low + 4.0)),
            "F {}",
            k + 1
        );
    }
    let m3 = &s.monetary[2];
    assert_eq!((m3.lowest, m3.highest), (Some(200.0), Some(240.0)));
    // Champions: r5f4 (places R 23, F 19, M 7·23 mod 25 = 11: 20 purchase days, 210) and r5f5
    // (R 24, F 24, M 18: 25 days, 280), bought 1 and 0 days before the reference day.
    let champions = s.segment(Champions);
    assert_eq!(champions.customer_share, 8.0);
    assert_eq!(champions.revenue, 490.0);
    assert_eq!(champions.mean_spend, Some(245.0));
    assert_eq!(champions.mean_days_since, Some(0.5));
    assert_eq!(champions.mean_purchase_days, Some(22.5));
    // 25 customers for 100 + 10 × (0 + 1 + … + 24) = 5,500.
    assert_eq!(s.revenue, 5500.0);
    assert_eq!(champions.revenue_share, Some(490.0 * 100.0 / 5500.0));
    assert_eq!(
        (champions.mean_p_alive, champions.mean_predicted_clv),
        (None, None)
    );
    assert!(!s.forecast);
}

/// Ten customers, worked by hand. Days since the last purchase: 0 0 10 10 10 40 40 90 90 200;
/// purchase days: six customers 1, two 2, one 3, one 5.
#[test]
fn quintile_edges_with_ties() {
    // (id, days since, purchase days, then the scores and segment by hand)
    let customers = [
        ("c0", 0, 1, 5, 1, New),
        ("c1", 0, 5, 5, 5, Champions),
        ("c2", 10, 1, 3, 1, AboutToSleep),
        ("c3", 10, 2, 3, 4, Loyal),
        ("c4", 10, 1, 3, 1, AboutToSleep),
        ("c5", 40, 1, 2, 1, Hibernating),
        ("c6", 40, 3, 2, 5, CantLose),
        ("c7", 90, 2, 1, 4, AtRisk),
        ("c8", 90, 1, 1, 1, Lost),
        ("c9", 200, 1, 1, 1, Lost),
    ];
    // Recency, worst first: 200 (b 0: R 1), 90 90 (b 1: 1 + ⌊5/10⌋ = 1), 40 40 (b 3: 1 + ⌊15/10⌋
    // = 2), 10 10 10 (b 5: 1 + ⌊25/10⌋ = 3), 0 0 (b 8: 1 + ⌊40/10⌋ = 5). Nobody scores R 4: the
    // three at 10 days run from place 5 to 7, past the 60 % edge.
    // Frequency: the six 1s (b 0: F 1), the 2s (b 6: 1 + 3 = 4), the 3 (b 8: 5), the 5 (b 9:
    // 1 + ⌊45/10⌋ = 5). F 2 and F 3 stay empty.
    let mut text = String::from("customer,date,amount\n");
    for (id, since, days, ..) in customers {
        for k in 0..days {
            text += &format!("{id},{},10.00\n", date(reference() - since - 7 * k));
        }
    }
    let log = log(&text, &three_columns());
    let scored = rfm_scores(&log, None);
    for (c, (id, _, _, r, f, segment)) in scored.iter().zip(customers) {
        assert_eq!(log.customer(c.index).id, id);
        assert_eq!((c.recency, c.frequency, c.segment), (r, f, segment), "{id}");
    }
    let s = segment_customers(&log, None, None);
    let s = s.segmentation();
    let customers_per = |ranges: &[retention_core::ScoreRange]| -> Vec<u64> {
        ranges.iter().map(|r| r.customers).collect()
    };
    assert_eq!(customers_per(&s.recency), [3, 2, 3, 0, 2]);
    assert_eq!(customers_per(&s.frequency), [6, 0, 0, 2, 2]);
    assert_eq!((s.recency[3].lowest, s.recency[3].highest), (None, None));
    assert_eq!(
        (s.recency[0].lowest, s.recency[0].highest),
        (Some(90.0), Some(200.0))
    );
    assert_eq!(
        (s.frequency[4].lowest, s.frequency[4].highest),
        (Some(3.0), Some(5.0))
    );
}

#[test]
fn equal_spend_scores_equal_however_it_was_summed() {
    // 0.1 + 0.2 is 0.30000000000000004 in binary, 0.3 is not: the cents are equal, and so
    // must the monetary scores be. Spends, worst first: 0.30 0.30 (b 0), 1 (b 2), 2 (b 3), 3 (b 4).
    let text = "customer,date,amount\n\
                a,2024-01-01,0.1\na,2024-01-01,0.2\nb,2024-01-02,0.3\n\
                c,2024-01-03,1\nd,2024-01-04,2\ne,2024-01-05,3\n";
    let scored = rfm_scores(&log(text, &three_columns()), None);
    let m: Vec<u8> = scored.iter().map(|c| c.monetary).collect();
    assert_eq!(m, [1, 1, 3, 4, 5]);
}

/// A simulated shop: customers arriving over 39 weeks and buying as the BG/NBD and
/// Gamma-Gamma story goes (CDNOW's fitted parameters), observed for 78 weeks, with an e-mail
/// for two in three and a name for half. Returns the export and its reference day.
fn simulated(customers: usize, seed: u64) -> (String, i32) {
    let model = retention_core::BgNbd {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
    };
    let spend = retention_core::GammaGamma {
        p: 6.25,
        q: 3.74,
        gamma: 15.44,
    };
    let start = Date::from_ymd(2023, 1, 2).unwrap().days();
    let end = start + 78 * 7;
    let mut rng = Rng(seed);
    let mut text = String::from("customer,email,name,date,amount\n");
    for k in 0..customers {
        let first = start + rng.below(39 * 7) as i32;
        let history = sim::simulate(&mut rng, &model, &spend, f64::from(end - first) / 7.0);
        let email = if k % 3 < 2 {
            format!("C{k}@Example.com")
        } else {
            String::new()
        };
        let name = if k % 2 == 0 {
            format!("\"Name {k}, Jr.\"")
        } else {
            String::new()
        };
        let first_amount = 5.0 + rng.below(5000) as f64 / 100.0;
        text += &format!("k{k},{email},{name},{},{first_amount:.2}\n", date(first));
        for (t, amount) in history.repeats.iter().zip(&history.spends) {
            let day = first + (t * 7.0) as i32;
            text += &format!("k{k},,,{},{amount:.2}\n", date(day));
        }
    }
    (text, end)
}

fn five_columns() -> Mapping {
    Mapping {
        customer: Some(0),
        email: Some(1),
        name: Some(2),
        date: 3,
        amount: Some(4),
        ..Mapping::new(Delimiter::Comma, true, 5)
    }
}

#[test]
fn shares_add_up_and_the_grid_matches_the_segments() {
    let (text, _) = simulated(3_000, 11);
    let log = log(&text, &five_columns());
    let forecast = forecast_orders(&log, None, ForecastOptions::default()).unwrap();
    let segments = segment_customers(&log, None, Some(&forecast));
    let s = segments.segmentation();
    assert_eq!(s.customers, 3_000);
    assert!(s.forecast);
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9 * b.abs().max(1.0);
    let customers: f64 = s.segments.iter().map(|x| x.customer_share).sum();
    let revenue: f64 = s.segments.iter().filter_map(|x| x.revenue_share).sum();
    assert!(close(customers, 100.0), "{customers}");
    assert!(close(revenue, 100.0), "{revenue}");
    let spent: f64 = s.segments.iter().map(|x| x.revenue).sum();
    assert!(close(spent, s.revenue));
    // The grid's cells add up to their segments, and the score ranges to everyone.
    for summary in &s.segments {
        let in_cells: u64 = s
            .grid
            .iter()
            .filter(|c| c.segment == summary.segment)
            .map(|c| c.customers)
            .sum();
        assert_eq!(in_cells, summary.customers, "{:?}", summary.segment);
        assert_eq!(summary.actions, summary.segment.actions());
    }
    for ranges in [&s.recency, &s.frequency, &s.monetary] {
        assert_eq!(ranges.iter().map(|r| r.customers).sum::<u64>(), 3_000);
    }
    // Most of them bought once: they all score F 1, and the scores their group runs past
    // are empty.
    let once = segments
        .customers()
        .iter()
        .filter(|c| c.purchase_days == 1)
        .count() as u64;
    assert!(once * 5 > 3_000 * 2, "{once}");
    assert_eq!(s.frequency[0].customers, once);
    assert_eq!(s.frequency[1].customers, 0);
    // The means of the forecast per segment are those of its customers' predictions,
    // predicted here from the fitted models on their own.
    let f = forecast.forecast();
    let end = log.span().unwrap().1;
    let summaries = customer_summaries(&log, Date::from_days(end));
    let plain: Vec<_> = summaries.iter().map(|(_, s)| *s).collect();
    let predictions = predict(&f.purchases, &f.spend, &plain, 52.0, None);
    let by_index: HashMap<u32, _> = summaries
        .iter()
        .map(|(i, _)| *i)
        .zip(&predictions)
        .collect();
    for summary in &s.segments {
        let members: Vec<_> = segments
            .customers()
            .iter()
            .filter(|c| c.segment == summary.segment)
            .map(|c| by_index[&c.index])
            .filter(|p| p.clv.is_finite())
            .collect();
        if members.is_empty() {
            assert_eq!(summary.mean_p_alive, None);
            continue;
        }
        let n = members.len() as f64;
        let p_alive = members.iter().map(|p| p.p_alive).sum::<f64>() / n;
        let clv = members.iter().map(|p| p.clv).sum::<f64>() / n;
        assert!(close(summary.mean_p_alive.unwrap(), p_alive));
        assert!(close(summary.mean_predicted_clv.unwrap(), clv));
    }
    // Champions are expected to bring more than the lost. (Not P(alive): BG/NBD gives 1 to
    // everyone who never bought again, and the lost mostly never did.)
    let clv = |x: Segment| s.segment(x).mean_predicted_clv.unwrap();
    assert!(
        clv(Champions) > 10.0 * clv(Lost),
        "{} {}",
        clv(Champions),
        clv(Lost)
    );
}

#[test]
fn the_win_back_list_links_to_the_segments() {
    let (text, end) = simulated(2_000, 12);
    let log = log(&text, &five_columns());
    let options = SummaryOptions {
        reference: Some(Date::from_days(end)),
        inactive_limit: Some(50),
        ..SummaryOptions::default()
    };
    let summary = summarise_orders(&log, &options);
    let segments = segment_customers(&log, options.reference, None);
    let by_id: HashMap<&str, _> = segments
        .customers()
        .iter()
        .map(|c| (log.customer(c.index).id, c))
        .collect();
    assert_eq!(summary.inactive.len(), 50);
    for inactive in &summary.inactive {
        let c = by_id[inactive.id.as_str()];
        assert_eq!(inactive.segment, c.segment, "{}", inactive.id);
        assert_eq!(inactive.days_inactive, c.days_since);
        assert_eq!(inactive.last_order, c.last_order);
    }
    // The counts cover every inactive customer, listed or not.
    assert_eq!(summary.inactive_segments.len(), Segment::ALL.len());
    let mut expected = HashMap::new();
    for c in segments.customers().iter().filter(|c| c.days_since >= 30) {
        *expected.entry(c.segment).or_insert(0u64) += 1;
    }
    for count in &summary.inactive_segments {
        let want = expected.get(&count.segment).copied().unwrap_or(0);
        assert_eq!(count.customers, want, "{:?}", count.segment);
    }
    let total: u64 = summary.inactive_segments.iter().map(|c| c.customers).sum();
    assert_eq!(total as usize, summary.inactive_count);
}

#[test]
fn the_customers_to_win_back_carry_their_segment() {
    let (text, end) = simulated(2_000, 12);
    let log = log(&text, &five_columns());
    let reference = Some(Date::from_days(end));
    let segments = segment_customers(&log, reference, None);
    let by_id: HashMap<&str, _> = segments
        .customers()
        .iter()
        .map(|c| (log.customer(c.index).id, c))
        .collect();
    let list = win_back(&log, reference, Some(30), &|_| None, 50);
    assert_eq!(list.customers.len(), 50);
    for at_risk in &list.customers {
        let c = by_id[at_risk.id.as_str()];
        assert_eq!(at_risk.segment, c.segment, "{}", at_risk.id);
        assert_eq!(at_risk.days_inactive, c.days_since);
        assert!(c.days_since >= 30);
    }
}

/// Reads a file the core wrote with an independent CSV reader.
fn read_back(text: &str, locale: Locale) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(locale.pick(b';', b','))
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn a_segment_file_reads_back_cell_by_cell() {
    // Two hostile customers among simulated ones, so that the forecast fits: an id that a
    // spreadsheet would run, a name with the separator and quotes, an e-mail as first written
    // (the second row's other address is not kept).
    let (mut text, end) = simulated(400, 13);
    let hostile = "\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"";
    let day = |d: i32| date(end - d);
    text += &format!(
        "{hostile},Evil@Example.com,\"Eve; \"\"the\"\" Hacker\",{},1200.50\n",
        day(400)
    );
    text += &format!("{hostile},other@example.com,,{},34.00\n", day(390));
    text += &format!("{hostile},,,{},100.25\n", day(380));
    text += &format!("-12,,,{},5.00\n", day(0));
    let log = log(&text, &five_columns());
    let forecast = forecast_orders(&log, None, ForecastOptions::default()).unwrap();
    let segments = segment_customers(&log, None, Some(&forecast));
    let evil_id = "=HYPERLINK(\"http://evil\",\"x\")";
    let evil = segments
        .customers()
        .iter()
        .find(|c| log.customer(c.index).id == evil_id)
        .copied()
        .unwrap();
    // Bought on three days 380–400 days ago: among the longest quiet of these customers.
    assert_eq!(
        (evil.orders, evil.purchase_days, evil.days_since),
        (3, 3, 380)
    );
    let prediction = {
        let summaries = customer_summaries(&log, Date::from_days(end));
        let at = summaries
            .iter()
            .position(|(i, _)| *i == evil.index)
            .unwrap();
        let f = forecast.forecast();
        predict(&f.purchases, &f.spend, &[summaries[at].1], 52.0, None)[0]
    };
    for locale in [Locale::Nl, Locale::En] {
        let text = segments.csv(&log, Some(evil.segment), locale);
        let rows = read_back(&text, locale);
        let header = "customer email name last_order orders purchase_days spend predicted_clv \
                      p_alive segment recency_score frequency_score monetary_score";
        assert_eq!(rows[0], header.split_whitespace().collect::<Vec<_>>());
        let members = segments
            .customers()
            .iter()
            .filter(|c| c.segment == evil.segment)
            .count();
        assert_eq!(rows.len(), members + 1);
        let row = rows.iter().find(|r| r[0].contains("HYPERLINK")).unwrap();
        // A spreadsheet shows the id rather than running it: a leading apostrophe.
        assert_eq!(row[0], format!("'{evil_id}"));
        assert_eq!(row[1], "Evil@Example.com");
        assert_eq!(row[2], "Eve; \"the\" Hacker");
        assert_eq!(row[3], date(end - 380));
        assert_eq!((row[4].as_str(), row[5].as_str()), ("3", "3"));
        let decimal = |x: &str| x.replace(',', ".").parse::<f64>().unwrap();
        assert_eq!(row[6], locale.pick("1334,75", "1334.75"));
        assert!(
            (decimal(&row[7]) - prediction.clv).abs() < 0.005,
            "{}",
            row[7]
        );
        assert!((decimal(&row[8]) - prediction.p_alive).abs() <= 0.000051);
        assert_eq!(row[9], evil.segment.label(locale));
        let scores = (evil.recency, evil.frequency, evil.monetary);
        assert_eq!(
            row[10..13],
            [scores.0, scores.1, scores.2].map(|s| s.to_string())
        );
        // Highest spend first.
        let spends: Vec<f64> = rows[1..].iter().map(|r| decimal(&r[6])).collect();
        assert!(spends.windows(2).all(|w| w[0] >= w[1]));
    }
    // "-12" is a number, not a formula: left as it is. It bought on the last day, which
    // made that the reference day.
    let everyone = read_back(&segments.csv(&log, None, Locale::En), Locale::En);
    assert_eq!(everyone.len(), 1 + 402);
    let minus = everyone.iter().find(|r| r[0] == "-12").unwrap();
    assert_eq!((minus[1].as_str(), minus[2].as_str()), ("", ""));
}

#[test]
fn contacts_are_kept_only_for_the_columns_the_mapping_has() {
    // Line items: the e-mail stands on the order's second row only, the name on its first.
    let text = "order,customer,email,name,date,amount\n\
                1,k1,,Ann,2024-01-05,10\n\
                1,k1,ann@example.com,,2024-01-05,5\n\
                2,k2,bob@example.com,Bob,2024-01-06,7\n\
                3,k1,ann.other@example.com,Annie,2024-02-06,7\n";
    let mapping = Mapping {
        order: Some(0),
        customer: Some(1),
        email: Some(2),
        name: Some(3),
        date: 4,
        amount: Some(5),
        ..Mapping::new(Delimiter::Comma, true, 6)
    };
    let with = log(text, &mapping);
    let ann = with.customer(0);
    // Of a customer's values the smallest is kept, so the rows' order does not matter:
    // "ann.other@…" sorts before "ann@…" ('.' < '@'), "Ann" before "Annie".
    assert_eq!(
        (ann.email, ann.name),
        (Some("ann.other@example.com"), Some("Ann"))
    );
    assert_eq!(with.customer(1).email, Some("bob@example.com"));
    let without = log(
        text,
        &Mapping {
            email: None,
            name: None,
            ..mapping
        },
    );
    assert_eq!(
        (without.customer(0).email, without.customer(0).name),
        (None, None)
    );
    assert!(without.heap_bytes() < with.heap_bytes());
    let header = |log: &OrderLog| {
        let csv = segment_customers(log, None, None).csv(log, None, Locale::En);
        csv.lines().next().unwrap().to_string()
    };
    assert!(header(&with).starts_with("customer,email,name,last_order,"));
    assert!(header(&without).starts_with("customer,last_order,"));
    // A name of 1,000 characters is kept to its first 254.
    let long = "x".repeat(1000);
    let text = format!("customer,name,date,amount\nk1,{long},2024-01-01,5\n");
    let mapping = Mapping {
        customer: Some(0),
        name: Some(1),
        date: 2,
        amount: Some(3),
        ..Mapping::new(Delimiter::Comma, true, 4)
    };
    let kept = log(&text, &mapping);
    assert_eq!(kept.customer(0).name.map(str::len), Some(MAX_CONTACT_CHARS));
}

#[test]
fn a_larger_log_in_bounded_memory() {
    // 40,000 customers: segmenting needs a few words a customer beside the log. Times are the
    // benchmark's business (scripts/bench.sh); this only checks that it works at size.
    let (text, _) = simulated(40_000, 14);
    let log = log(&text, &five_columns());
    let started = std::time::Instant::now();
    let segments = segment_customers(&log, None, None);
    let csv = segments.csv(&log, Some(Lost), Locale::Nl);
    let took = started.elapsed();
    let s = segments.segmentation();
    assert_eq!(s.customers, 40_000);
    assert_eq!(csv.lines().count() as u64, s.segment(Lost).customers + 1);
    // Per customer: the scores, a prediction slot, and the sort keys while scoring.
    let per_customer = std::mem::size_of::<retention_core::CustomerRfm>()
        + std::mem::size_of::<Option<retention_core::Prediction>>();
    eprintln!(
        "40,000 customers, {} purchases: segmented and one file written in {took:?}; \
         log {} KB, segments {} KB",
        log.purchase_count(),
        log.heap_bytes() / 1024,
        40_000 * per_customer / 1024
    );
}
