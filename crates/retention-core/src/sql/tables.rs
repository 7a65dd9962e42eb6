//! From purchases to the calculator's tables: per-customer histories, S, E and N per period,
//! and cohorts.

use super::{Ctes, Dialect, WarehouseQuery};
use crate::Period;

/// Every month from year 1 to 9999: the most periods a table can span.
const MAX_MONTHS: u64 = 120_000;

/// `purchase_days`, `histories` and `customers`: each customer's history as the models read it.
pub(super) fn customers(q: &WarehouseQuery, ctes: &mut Ctes) {
    let d = q.dialect;
    ctes.add(
        "Purchase days. A customer's purchases are counted per day: several on one day are\n\
         one purchase, worth their sum.",
        "purchase_days",
        "SELECT\n  customer_key,\n  order_day,\n  SUM(net_amount) AS day_amount,\n  \
         MIN(order_day) OVER (PARTITION BY customer_key) AS first_day\n\
         FROM purchases\n\
         GROUP BY customer_key, order_day",
    );
    ctes.add(
        "Each customer's history. frequency = purchase days - 1 (a repeat customer bought on\n\
         two or more days); repeat_amount = what the days after the first were worth.",
        "histories",
        "SELECT\n  customer_key,\n  COUNT(*) - 1 AS frequency,\n  MIN(order_day) AS first_day,\n  \
         MAX(order_day) AS last_day,\n  \
         SUM(CASE WHEN order_day > first_day THEN day_amount ELSE 0 END) AS repeat_amount\n\
         FROM purchase_days\n\
         GROUP BY customer_key",
    );
    ctes.add(
        "Each customer as the models read them: recency = days from the first purchase to\n\
         the last; T = days from the first purchase to the observation end; monetary_value =\n\
         the mean of the repeat purchase days' amounts, 0 without a repeat purchase.",
        "customers",
        &format!(
            "SELECT\n  h.customer_key,\n  h.frequency,\n  {} AS recency,\n  {} AS age_days,\n  \
             CASE WHEN h.frequency > 0 THEN h.repeat_amount / h.frequency ELSE {} END \
             AS monetary_value\n\
             FROM histories AS h\nCROSS JOIN observation AS o",
            d.days_between("h.first_day", "h.last_day"),
            d.days_between("h.first_day", "o.end_day"),
            d.number(0.0),
        ),
    );
}

/// The final `SELECT` of the summary: per customer, or grouped by identical history.
pub(super) fn summary(d: Dialect, compact: bool, sql: &mut String, ctes: &Ctes) {
    let q = |name: &str| d.quote(name);
    let columns = format!(
        "frequency AS {},\n  recency AS {},\n  age_days AS {},\n  monetary_value AS {}",
        q("frequency"),
        q("recency"),
        q("T"),
        q("monetary_value")
    );
    if compact {
        ctes.finish(
            sql,
            "One row per distinct history, with how many customers have it. One-time buyers\n\
             (monetary_value 0) collapse to one row per T.",
            &format!(
                "SELECT\n  {columns},\n  COUNT(*) AS {}\nFROM customers\n\
                 GROUP BY frequency, recency, age_days, monetary_value\n\
                 ORDER BY frequency, recency, age_days, monetary_value",
                q("count")
            ),
        );
    } else {
        ctes.finish(
            sql,
            "One row per customer, in lifetimes' names.",
            &format!(
                "SELECT\n  customer_key AS {},\n  {columns}\nFROM customers",
                q("customer")
            ),
        );
    }
}

/// `CAST(FLOOR(expr / n) AS INT)`: whole periods, also for negative month indices.
fn floor_div(expr: &str, n: i64) -> String {
    format!("CAST(FLOOR(({expr}) / {n}.0) AS INT)")
}

/// Months since January of year 0 of a date.
fn month_index(date: &str) -> String {
    format!(
        "(CAST(EXTRACT(YEAR FROM {date}) AS INT) * 12 + CAST(EXTRACT(MONTH FROM {date}) AS INT) - 1)"
    )
}

fn months_per(period: Period) -> i64 {
    i64::from(12 / period.per_year())
}

/// The period index (months since year 0 divided by the period's length) of a month index.
fn period_index(month: &str, period: Period) -> String {
    match months_per(period) {
        1 => month.to_string(),
        len => floor_div(month, len),
    }
}

/// The label of a period index: `2024-03`, `2024-Q1` or `2024`, as the calculator writes it.
fn label(d: Dialect, index: &str, period: Period) -> String {
    let text = d.text();
    match period {
        Period::Month => {
            let year = floor_div(index, 12);
            format!(
                "CAST({year} AS {text}) || '-' || LPAD(CAST({index} - 12 * {year} + 1 AS {text}), 2, '0')"
            )
        }
        Period::Quarter => {
            let year = floor_div(index, 4);
            format!("CAST({year} AS {text}) || '-Q' || CAST({index} - 4 * {year} + 1 AS {text})")
        }
        Period::Year => format!("CAST({index} AS {text})"),
    }
}

/// S, E and N per period, the way the calculator's import counts them.
pub(super) fn periods(q: &WarehouseQuery, ctes: &mut Ctes, sql: &mut String) {
    let d = q.dialect;
    let period = q.period;
    let len = months_per(period);
    let window = i64::from(q.window_months);
    let pi = |month: &str| period_index(month, period);
    ctes.add(
        "The periods: each is a number, months since January of year 0 divided by the\n\
         period's length. A period is complete when it ended on or before the observation\n\
         end; the last one may still run, and is measured at the observation end.\n\
         window_start: the first day of the window that ends at the observation end.\n\
         first_month: the month of the first purchase.",
        "period_bounds",
        &format!(
            "SELECT\n  {} AS first_period,\n  {} AS last_period,\n  {} - 1 AS last_full,\n  \
             {} AS window_start,\n  {} AS first_month\n\
             FROM observation AS o\n\
             CROSS JOIN (SELECT MIN(order_day) AS first_day FROM purchases) AS f",
            pi(&month_index("f.first_day")),
            pi(&month_index("o.end_day")),
            pi(&month_index(&d.add_days("o.end_day", 1))),
            d.add_months(&d.add_days("o.end_day", 1), -window),
            month_index("f.first_day"),
        ),
    );
    ctes.add(
        "The months in which each customer bought, and what each keeps active. Complete\n\
         periods' ends: a purchase in month m keeps its customer active at the ends of the\n\
         periods from its own (lo) to the one holding month m + window - 1 (hi); an empty\n\
         span (hi < lo) when the window is shorter than a period and ends before it does.",
        "month_spans",
        &format!(
            "SELECT\n  customer_key,\n  month_index,\n  {} AS lo,\n  {} AS hi\n\
             FROM (SELECT DISTINCT customer_key, {} AS month_index FROM purchases) AS m",
            pi("month_index"),
            floor_div(&format!("month_index + {}", window - len), len),
            month_index("order_day"),
        ),
    );
    ctes.add(
        "covered_to: the last period end the customer's earlier months keep them active at\n\
         (spans only grow later as the months do).",
        "coverage",
        "SELECT\n  customer_key,\n  lo,\n  hi,\n  \
         MAX(CASE WHEN lo <= hi THEN hi END) OVER (\n    PARTITION BY customer_key ORDER BY month_index\n    \
         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING\n  ) AS covered_to\n\
         FROM month_spans",
    );
    ctes.add(
        "Each customer's first purchase period and last purchase day.",
        "customer_bounds",
        &format!(
            "SELECT customer_key, {} AS first_period, MAX(order_day) AS last_day\n\
             FROM purchases\nGROUP BY customer_key",
            pi(&month_index("MIN(order_day)")),
        ),
    );
    ctes.add(
        "The complete periods at whose end a customer is active, as pieces that do not\n\
         overlap: each month adds the periods its span covers beyond covered_to. A piece that\n\
         starts after a gap starts a run: the customer is new (N) at its first period, a\n\
         first-time buyer when that is the period of their first purchase, else reactivated.",
        "pieces",
        "SELECT\n  c.customer_key,\n  \
         CASE WHEN c.covered_to IS NULL OR c.lo > c.covered_to + 1 THEN c.lo ELSE c.covered_to + 1 END AS piece_from,\n  \
         CASE WHEN c.hi < b.last_full THEN c.hi ELSE b.last_full END AS piece_to,\n  \
         CASE WHEN c.covered_to IS NULL OR c.lo > c.covered_to + 1 THEN 1 ELSE 0 END AS starts_run,\n  \
         CASE WHEN c.lo = f.first_period THEN 1 ELSE 0 END AS in_first_period\n\
         FROM coverage AS c\n\
         JOIN customer_bounds AS f ON f.customer_key = c.customer_key\n\
         CROSS JOIN period_bounds AS b\n\
         WHERE c.lo <= c.hi\n  \
         AND (c.covered_to IS NULL OR c.hi > c.covered_to)\n  \
         AND CASE WHEN c.covered_to IS NULL OR c.lo > c.covered_to + 1 THEN c.lo ELSE c.covered_to + 1 END <= b.last_full",
    );
    ctes.add(
        "The period still running at the observation end: active when the last purchase is on\n\
         or after window_start; new when not active at the last complete period's end.",
        "running_period",
        "SELECT\n  f.customer_key,\n  b.last_period,\n  \
         CASE WHEN MAX(CASE WHEN c.lo <= b.last_full AND c.hi >= b.last_full AND c.lo <= c.hi THEN 1 ELSE 0 END) = 1\n    \
         THEN 0 ELSE 1 END AS is_new,\n  \
         CASE WHEN f.first_period = b.last_period THEN 1 ELSE 0 END AS in_first_period\n\
         FROM customer_bounds AS f\n\
         JOIN coverage AS c ON c.customer_key = f.customer_key\n\
         CROSS JOIN period_bounds AS b\n\
         WHERE b.last_full < b.last_period\n  \
         AND f.last_day >= b.window_start\n\
         GROUP BY f.customer_key, b.last_period, f.first_period",
    );
    ctes.add(
        "Changes per period: E rises by one where a piece starts and falls after it ends.",
        "period_changes",
        "SELECT period_index, SUM(delta) AS delta, SUM(new_customers) AS new_customers, \
         SUM(first_time) AS first_time\n\
         FROM (\n  \
         SELECT piece_from AS period_index, 1 AS delta, starts_run AS new_customers,\n    \
         starts_run * in_first_period AS first_time\n  FROM pieces\n  \
         UNION ALL\n  \
         SELECT piece_to + 1, -1, 0, 0 FROM pieces\n  \
         UNION ALL\n  \
         SELECT last_period, 1, is_new, is_new * in_first_period FROM running_period\n\
         ) AS d\n\
         GROUP BY period_index",
    );
    ctes.add(
        "Purchases and their amount per period.",
        "period_sales",
        &format!(
            "SELECT period_index, COUNT(*) AS orders, SUM(net_amount) AS revenue\n\
             FROM (SELECT {} AS period_index, net_amount FROM purchases) AS p\n\
             GROUP BY period_index",
            pi(&month_index("order_day")),
        ),
    );
    ctes.add(
        "Every period from the first purchase's to the observation end's.",
        "period_numbers",
        &d.numbers(MAX_MONTHS / len as u64),
    );
    ctes.add(
        "",
        "period_grid",
        "SELECT b.first_period + k.n AS period_index, b.last_full\n\
         FROM period_bounds AS b\n\
         CROSS JOIN period_numbers AS k\n\
         WHERE k.n <= b.last_period - b.first_period",
    );
    ctes.add(
        "E: the changes added up, period by period.",
        "period_counts",
        "SELECT\n  g.period_index,\n  g.last_full,\n  \
         SUM(COALESCE(c.delta, 0)) OVER (ORDER BY g.period_index ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS active_end,\n  \
         COALESCE(c.new_customers, 0) AS new_customers,\n  COALESCE(c.first_time, 0) AS first_time\n\
         FROM period_grid AS g\n\
         LEFT JOIN period_changes AS c ON c.period_index = g.period_index",
    );
    let qn = |name: &str| d.quote(name);
    ctes.finish(
        sql,
        "S = E of the period before (0 for the first); reactivated = N - first_time.\n\
         window_full: the window that ends on the day before the period starts begins in or\n\
         after the month of the first purchase; before that nearly everyone still looks\n\
         active and retention reads near 100 %.",
        &format!(
            "SELECT\n  {} AS {},\n  c.period_index <= c.last_full AS {},\n  \
             c.period_index * {len} - {window} >= b.first_month AS {},\n  \
             COALESCE(LAG(c.active_end) OVER (ORDER BY c.period_index), 0) AS {},\n  \
             c.active_end AS {},\n  c.new_customers AS {},\n  c.first_time AS {},\n  \
             c.new_customers - c.first_time AS {},\n  \
             COALESCE(s.orders, 0) AS {},\n  COALESCE(s.revenue, 0) AS {}\n\
             FROM period_counts AS c\n\
             CROSS JOIN period_bounds AS b\n\
             LEFT JOIN period_sales AS s ON s.period_index = c.period_index\n\
             ORDER BY c.period_index",
            label(d, "c.period_index", period),
            qn("period"),
            qn("complete"),
            qn("window_full"),
            qn("start"),
            qn("end"),
            qn("new"),
            qn("first_time"),
            qn("reactivated"),
            qn("orders"),
            qn("revenue"),
        ),
    );
}

/// Customers per first-purchase month and months since, as the calculator's import counts
/// them: a month without a buyer of the cohort has no row.
pub(super) fn cohorts(q: &WarehouseQuery, ctes: &mut Ctes, sql: &mut String) {
    let d = q.dialect;
    ctes.add(
        "The months in which each customer bought, as months since January of year 0.",
        "customer_months",
        &format!(
            "SELECT DISTINCT customer_key, {} AS month_index\nFROM purchases",
            month_index("order_day")
        ),
    );
    ctes.add(
        "A customer's cohort is the month of their first purchase; months_since counts from\n\
         it (0: the first month, where every customer of the cohort bought).",
        "cohort_cells",
        "SELECT f.first_month, m.month_index - f.first_month AS months_since, COUNT(*) AS customers\n\
         FROM customer_months AS m\n\
         JOIN (\n  SELECT customer_key, MIN(month_index) AS first_month\n  FROM customer_months\n  \
         GROUP BY customer_key\n) AS f ON f.customer_key = m.customer_key\n\
         GROUP BY f.first_month, m.month_index - f.first_month",
    );
    let qn = |name: &str| d.quote(name);
    ctes.finish(
        sql,
        "size: the cohort's customers; customers: how many of them bought months_since months\n\
         after their first month. Months without such a buyer have no row.",
        &format!(
            "SELECT\n  {} AS {},\n  \
             MAX(CASE WHEN months_since = 0 THEN customers END) OVER (PARTITION BY first_month) AS {},\n  \
             months_since AS {},\n  customers AS {}\n\
             FROM cohort_cells\n\
             ORDER BY first_month, months_since",
            label(d, "first_month", Period::Month),
            qn("cohort"),
            qn("size"),
            qn("months_since"),
            qn("customers"),
        ),
    );
}
