//! `retention members` and `retention survivors`: memberships and subscriptions. Every word
//! the CLI says about members is in this file; every figure comes from the core.
//!
//! - `retention members FILE`: a member export (member id, start date, end date empty while
//!   still a member, optionally fee and plan) — cohorts, survival, members in and out, the
//!   sBG, residual value and the members at risk;
//! - `retention members --start S --cancelled C --new N [--fee F]`: the members calculator;
//! - `retention survivors [FILE]`: a survivors table (from stdin without FILE or with `-`).

use std::io::Read;

use retention_core::{
    analyse_members, analyse_survivors, calculate_members, explain_members, format_count,
    format_decimal, format_input, format_money, format_percent, is_workbook, parse_members,
    parse_survivors, read_number, sheet_text, sniff_members, Currency, Locale, MemberExplanation,
    MemberField, MemberImportStats, MemberInputs, MemberMapping, MemberOptions, MemberPreview,
    MemberReport, MemberSummary, Period, SurvivorInsight, SurvivorOptions, Survivors,
    SurvivorsReport,
};
use serde::Serialize;

use crate::args::{flag, Args};
use crate::{
    amount_habit, calculator_output, column_name, delimiter_words, emit, figure_row,
    not_compressed, over, print_json, Failure,
};

/// Months of the survival table printed, where the data reach them.
const SURVIVAL_MONTHS: [u32; 12] = [1, 2, 3, 6, 9, 12, 18, 24, 36, 48, 60, 120];
/// Columns of the cohort grid printed: months 0 to 24.
const COHORT_COLUMNS: usize = 25;

pub fn run(args: &[String]) -> Result<(), Failure> {
    // A flag for each field of the calculator, named after it: --discount-rate.
    let flags = MemberField::ALL.map(|f| flag(f.name()));
    let mut valued: Vec<&str> = flags.iter().map(String::as_str).collect();
    valued.extend([
        "period",
        "locale",
        "currency",
        "reference",
        "fee-period",
        "horizon",
        "sheet",
    ]);
    let args = Args::parse(args, &valued, &["json", "help"])?;
    if args.has("help") {
        return emit(crate::USAGE);
    }
    let printer = Printer::new(&args)?;
    match args.positional.as_slice() {
        [] => calculator(&args, &printer),
        [path] => file(path, &args, &printer),
        _ => Err(Failure::Usage(
            "members takes one FILE, or --start, --cancelled and --new".into(),
        )),
    }
}

pub fn run_survivors(args: &[String]) -> Result<(), Failure> {
    let args = Args::parse(
        args,
        &[
            "period",
            "horizon",
            "discount-rate",
            "fee",
            "margin",
            "locale",
            "currency",
        ],
        &["json", "help"],
    )?;
    if args.has("help") {
        return emit(crate::USAGE);
    }
    let printer = Printer::new(&args)?;
    let (name, bytes) = match args.positional.as_slice() {
        [] => ("stdin".to_string(), read_stdin()?),
        [path] if path == "-" => ("stdin".to_string(), read_stdin()?),
        [path] => (path.clone(), read(path)?),
        _ => return Err(Failure::Usage("survivors takes at most one FILE".into())),
    };
    let (text, _) = retention_core::decode_text(bytes);
    let table = parse_survivors(&text, printer.locale)
        .map_err(|e| Failure::Input(format!("{name}: {e}")))?;
    let options = SurvivorOptions {
        period: args.period(Period::Year)?,
        horizon: args.whole("horizon", 10)?,
        discount_rate: printer.number(&args, "discount-rate")?.unwrap_or(10.0),
        fee: printer.number(&args, "fee")?,
        margin: printer.number(&args, "margin")?,
    };
    let report = analyse_survivors(&table, &options)
        .map_err(|e| Failure::Input(format!("{name}: cannot fit the sBG: {e}")))?;
    if args.has("json") {
        #[derive(Serialize)]
        struct Json<'a> {
            survivors: &'a Survivors,
            report: &'a SurvivorsReport,
        }
        return print_json(&Json {
            survivors: &table,
            report: &report,
        });
    }
    let mut text = String::new();
    printer.survivors(&mut text, &report);
    emit(&text)
}

fn read(path: &str) -> Result<Vec<u8>, Failure> {
    let bytes =
        std::fs::read(path).map_err(|e| Failure::Input(format!("cannot read {path}: {e}")))?;
    not_compressed(path, bytes)
}

fn read_stdin() -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Input(format!("cannot read stdin: {e}")))?;
    not_compressed("stdin", bytes)
}

fn calculator(args: &Args, printer: &Printer) -> Result<(), Failure> {
    let mut inputs = MemberInputs {
        period: args.period(Period::Month)?,
        ..MemberInputs::default()
    };
    for (field, value) in args.typed(&MemberField::ALL, MemberField::name, printer.locale) {
        inputs.set(field, value);
    }
    let report = calculate_members(&inputs);
    let explanations = explain_members(&report);
    calculator_output(
        args.has("json"),
        &report,
        &explanations,
        &report.errors,
        || {
            let mut text = String::new();
            printer.calculator(&mut text, &report, &explanations);
            text
        },
    )
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileJson<'a> {
    file: &'a str,
    mapping: &'a MemberMapping,
    import: &'a MemberImportStats,
    summary: &'a MemberSummary,
}

fn file(path: &str, args: &Args, printer: &Printer) -> Result<(), Failure> {
    let reference = args.date("reference")?;
    let fee_period = args.period_flag("fee-period", Period::Month)?;
    let options = MemberOptions {
        reference,
        period: args.period(Period::Month)?,
        fee: printer.number(args, "fee")?,
        fee_period,
        margin: printer.number(args, "margin")?,
        discount_rate: printer.number(args, "discount-rate")?.unwrap_or(10.0),
        horizon: args.whole("horizon", 12)?,
    };
    let bytes = read(path)?;
    let text = if is_workbook(&bytes) {
        sheet_text(&bytes, args.value("sheet"))
            .map_err(|e| Failure::Input(format!("{path}: {e}")))?
    } else if args.value("sheet").is_some() {
        return Err(Failure::Usage(format!(
            "--sheet is for spreadsheets, and {path} is a text file"
        )));
    } else {
        let (text, fallback) = retention_core::decode_text(bytes);
        if fallback {
            eprintln!("retention: note: {path} is not UTF-8; reading it as Windows-1252");
        }
        text
    };
    let preview = sniff_members(&text);
    let Some(mapping) = preview.mapping else {
        return Err(Failure::Input(format!(
            "cannot find a member and a start date column in {path} ({} columns)",
            preview.columns.len()
        )));
    };
    let log = parse_members(&text, &mapping, |_, _| true)
        .map_err(|e| Failure::Input(format!("{path}: {e}")))?;
    let summary = analyse_members(&log, &options);
    if args.has("json") {
        print_json(&FileJson {
            file: path,
            mapping: &mapping,
            import: log.stats(),
            summary: &summary,
        })?;
    } else {
        let mut text = String::new();
        printer.import(&mut text, path, &preview, &mapping, log.stats());
        if summary.members > 0 {
            printer.overview(&mut text, &summary);
            printer.survival(&mut text, &summary);
            printer.pooled(&mut text, &summary);
            printer.periods(&mut text, &summary);
            printer.cohorts(&mut text, &summary);
            printer.at_risk(&mut text, &summary);
            printer.fill(&mut text, &summary);
        }
        emit(&text)?;
    }
    if log.is_empty() {
        return Err(Failure::Input(format!(
            "no memberships could be read from {path}"
        )));
    }
    Ok(())
}

/// Writes members figures as text, numbers in `locale`.
struct Printer {
    locale: Locale,
    currency: Currency,
}

impl Printer {
    fn new(args: &Args) -> Result<Printer, Failure> {
        let locale = args.locale(Locale::En)?;
        let currency = args.currency(locale)?;
        Ok(Printer { locale, currency })
    }

    /// A number flag, read as typed in the locale.
    fn number(&self, args: &Args, flag: &str) -> Result<Option<f64>, Failure> {
        match args.value(flag) {
            None => Ok(None),
            Some(text) => match read_number(text, self.locale) {
                Some(v) if v.is_finite() && v >= 0.0 => Ok(Some(v)),
                _ => Err(Failure::Usage(format!(
                    "--{flag} must be a number of zero or more, not '{text}'"
                ))),
            },
        }
    }

    fn count(&self, n: u64) -> String {
        format_count(n, self.locale)
    }

    fn percent(&self, p: f64) -> String {
        format_percent(p, 1, self.locale)
    }

    fn decimal(&self, x: f64, decimals: usize) -> String {
        if x.is_finite() {
            format_decimal(x, decimals, decimals, self.locale)
        } else {
            "–".into()
        }
    }

    fn money(&self, x: f64) -> String {
        format_money(x, self.currency, self.locale)
    }

    fn calculator(
        &self,
        out: &mut String,
        report: &MemberReport,
        explanations: &[MemberExplanation],
    ) {
        let l = self.locale;
        let period = report.retention.map(|r| r.period).unwrap_or(Period::Month);
        if let Some(r) = &report.retention {
            outln!(
                out,
                "{}: S {} · C {} · N {} · E {}",
                over(r.period, l),
                self.count(r.start),
                self.count(r.cancelled),
                self.count(r.new),
                self.count(r.end)
            );
            outln!(out);
        }
        let mut verdict_shown = false;
        for e in explanations {
            let note = match e.verdict.filter(|_| !verdict_shown) {
                Some(v) => {
                    verdict_shown = true;
                    format!("  [{}]", v.label(l))
                }
                None => String::new(),
            };
            figure_row(
                out,
                e.figure.label(l),
                &e.value.text(l, self.currency),
                &e.figure.formula(period, l),
                &e.numbers(l, self.currency),
                &note,
            );
        }
        if report.value.is_none() && report.errors.is_empty() {
            if let Some(r) = report.retention.filter(|r| r.cancelled == 0) {
                outln!(
                    out,
                    "No member cancelled over the {}, so churn gives no tenure or member CLV.",
                    r.period.name()
                );
            }
        }
    }

    fn import(
        &self,
        out: &mut String,
        path: &str,
        preview: &MemberPreview,
        m: &MemberMapping,
        s: &MemberImportStats,
    ) {
        outln!(
            out,
            "{path}: {} rows: {} memberships of {} members ({} came back), {} bad rows",
            self.count(s.read.rows as u64),
            self.count(s.subscriptions as u64),
            self.count(s.members as u64),
            self.count(s.returning as u64),
            self.count(s.read.bad_row_count as u64),
        );
        let name = |c: usize| column_name(c, Some(&preview.columns[c].name));
        let mut roles = vec![
            format!("member = {}", name(m.member)),
            format!("start = {} ({})", name(m.start), m.date_format.pattern()),
        ];
        roles.push(match m.end {
            Some(c) => format!("end = {}", name(c)),
            None => "no end column: everyone is still a member".into(),
        });
        if let Some(c) = m.fee {
            roles.push(format!("fee = {} ({})", name(c), amount_habit(m.locale)));
        }
        if let Some(c) = m.plan {
            roles.push(format!("plan = {}", name(c)));
        }
        let delimiter = delimiter_words(m.delimiter);
        outln!(
            out,
            "  read: {}; {delimiter}{}",
            roles.join(", "),
            if m.has_header { ", header row" } else { "" }
        );
        if s.other_plans > 0 {
            outln!(
                out,
                "  {} memberships have a plan beyond the first {} names: counted as one other plan",
                self.count(s.other_plans as u64),
                s.plans.len()
            );
        }
        if s.read.bad_row_count > 0 {
            let shown = s.read.bad_rows.len().min(10);
            outln!(
                out,
                "  bad rows (first {shown} of {}):",
                self.count(s.read.bad_row_count as u64)
            );
            for bad in &s.read.bad_rows[..shown] {
                outln!(out, "    line {}: {}", bad.line, bad.reason);
            }
        }
        outln!(out);
    }

    fn overview(&self, out: &mut String, s: &MemberSummary) {
        let reference = s.reference.map(|d| d.to_string()).unwrap_or_default();
        outln!(
            out,
            "Members on {reference}: {} of {} who started from {} (ended: {}{})",
            self.count(s.active),
            self.count(s.members),
            s.first_start.map(|d| d.to_string()).unwrap_or_default(),
            self.count(s.cancelled),
            if s.later > 0 {
                format!("; {} start later and are left out", self.count(s.later))
            } else {
                String::new()
            }
        );
        if let Some(fee) = s.monthly_fee {
            outln!(out, "Average fee a month: {}", self.money(fee));
        }
        outln!(out);
    }

    fn survival(&self, out: &mut String, s: &MemberSummary) {
        outln!(out, "Still a member, by months since the start (Kaplan–Meier; recent members are followed as far as they go):");
        outln!(
            out,
            "  {:>6} {:>10} {:>8} {:>12} {:>17}",
            "month",
            "at risk",
            "left",
            "still there",
            "95% interval"
        );
        for step in s
            .survival
            .iter()
            .filter(|p| SURVIVAL_MONTHS.contains(&p.month))
        {
            outln!(
                out,
                "  {:>6} {:>10} {:>8} {:>12} {:>17}",
                step.month,
                self.count(step.at_risk),
                self.count(step.left),
                self.percent(step.survival),
                format!(
                    "{} – {}",
                    self.percent(step.lower),
                    self.percent(step.upper)
                ),
            );
        }
        outln!(out);
    }

    fn pooled(&self, out: &mut String, s: &MemberSummary) {
        let Some(p) = &s.pooled else {
            let why = s.pooled_error.map_or(String::new(), |e| e.to_string());
            outln!(out, "sBG over all members: none, {why}.");
            outln!(out);
            return;
        };
        let m = p.fit.model;
        outln!(
            out,
            "sBG over all members (Fader & Hardie 2007), months: alpha {} beta {} (log-likelihood {}); constant churn {} a month",
            self.decimal(m.alpha, 3),
            self.decimal(m.beta, 3),
            self.decimal(p.fit.log_likelihood, 1),
            self.percent(p.constant.churn * 100.0),
        );
        if p.fit.homogeneous {
            outln!(out, "  Retention does not rise with tenure: the members look alike, and constant churn fits as well.");
        } else {
            let at = |t: usize| p.retention.get(t - 1).map(|r| self.percent(*r));
            let points: Vec<String> = [1, 3, 12, 24]
                .iter()
                .filter_map(|&t| at(t).map(|r| format!("month {t} {r}")))
                .collect();
            outln!(
            out,
                "  Retention by tenure: {} — it rises because the members likely to leave leave first.",
                points.join(", ")
            );
        }
        let h = p.projection.len() - 1;
        outln!(
            out,
            "  Today's {} members in {h} months: {} by the sBG, {} at constant churn.",
            self.count(s.active),
            self.decimal(p.projection[h], 0),
            self.decimal(p.constant_projection[h], 0),
        );
        let rate = self.percent(s.options.discount_rate);
        let mean = p.mean_lifetime.map_or("unbounded (alpha ≤ 1)".into(), |m| {
            format!("{} months", self.decimal(m, 1))
        });
        outln!(
            out,
            "  A new member: expected lifetime {mean}; discounted at {rate} a year {} months (constant churn {}).",
            self.decimal(p.del, 1),
            self.decimal(p.constant_del, 1),
        );
        if let (Some(clv), Some(constant)) = (p.clv, p.constant_clv) {
            outln!(
                out,
                "  A new member's value: {} (constant churn {}).",
                self.money(clv),
                self.money(constant)
            );
        }
        if let (Some(lifetime), Some(constant)) =
            (p.residual_lifetime, p.constant_residual_lifetime)
        {
            outln!(
                out,
                "  Today's members: on average {} more months, discounted (constant churn {}).",
                self.decimal(lifetime, 1),
                self.decimal(constant, 1)
            );
        }
        if let (Some(value), Some(constant)) = (p.residual_value, p.constant_residual_value) {
            outln!(
                out,
                "  Residual value of today's members: {} (constant churn {}).",
                self.money(value),
                self.money(constant)
            );
        }
        outln!(out);
    }

    fn periods(&self, out: &mut String, s: &MemberSummary) {
        outln!(
            out,
            "{:<9} {:>9} {:>8} {:>10} {:>9} {:>8} {:>8} {:>11} {:>10}",
            "period",
            "S",
            "new",
            "cancelled",
            "E",
            "churn",
            "net",
            "growth",
            "new/member"
        );
        for p in &s.periods {
            let optional = |v: Option<f64>| v.map_or("–".into(), |v| self.percent(v));
            outln!(
                out,
                "{:<9} {:>9} {:>8} {:>10} {:>9} {:>8} {:>8} {:>11} {:>10}",
                format!("{}{}", p.label, if p.complete { "" } else { "*" }),
                self.count(p.start),
                self.count(p.new),
                self.count(p.cancelled),
                self.count(p.end),
                optional(p.churn_rate),
                p.net_change,
                optional(p.net_growth_rate),
                p.new_per_member.map_or("–".into(), |v| self.decimal(v, 2)),
            );
        }
        outln!(
            out,
            "S, E: members at the start and end; churn: members from the start who cancelled."
        );
        if s.periods_left_out > 0 {
            outln!(out, "({} earlier periods not shown.)", s.periods_left_out);
        }
        if s.periods.last().is_some_and(|p| !p.complete) {
            outln!(out, "* not over yet: E is counted on the reference day.");
        }
        outln!(out);
    }

    fn cohorts(&self, out: &mut String, s: &MemberSummary) {
        outln!(
            out,
            "Cohorts: share of each start month still a member k months later"
        );
        let width = s
            .cohorts
            .iter()
            .map(|c| c.shares.len())
            .max()
            .unwrap_or(0)
            .min(COHORT_COLUMNS);
        let mut header = format!("{:<9} {:>7}", "month", "size");
        for k in 0..width {
            header.push_str(&format!(" {k:>5}"));
        }
        outln!(out, "{header}   sBG alpha/beta");
        for c in &s.cohorts {
            let mut line = format!("{:<9} {:>7}", c.label, self.count(c.size));
            for share in c.shares.iter().take(width) {
                line.push_str(&format!(" {:>5}", format_percent(*share, 0, self.locale)));
            }
            for _ in c.shares.len().min(width)..width {
                line.push_str("      ");
            }
            match c.fit {
                Some(f) if f.homogeneous => line.push_str("   alike: constant churn"),
                Some(f) => line.push_str(&format!(
                    "   {} / {}",
                    self.decimal(f.model.alpha, 2),
                    self.decimal(f.model.beta, 2)
                )),
                None => {}
            }
            outln!(out, "{line}");
        }
        if s.members_before_cohorts > 0 {
            outln!(
                out,
                "({} members who started earlier are counted everywhere but here.)",
                self.count(s.members_before_cohorts)
            );
        }
        outln!(out);
    }

    fn at_risk(&self, out: &mut String, s: &MemberSummary) {
        if !s.plans.is_empty() {
            outln!(out, "By plan:");
            outln!(
                out,
                "  {:<20} {:>9} {:>9} {:>13} {:>14} {:>15}",
                "plan",
                "members",
                "active",
                "churn/month",
                "after 3 mo.",
                "after 12 mo."
            );
            for p in &s.plans {
                let optional = |v: Option<f64>| v.map_or("–".into(), |v| self.percent(v));
                let plan = if p.plan.is_empty() {
                    "(other)"
                } else {
                    &p.plan
                };
                outln!(
                    out,
                    "  {:<20} {:>9} {:>9} {:>13} {:>14} {:>15}",
                    plan,
                    self.count(p.members),
                    self.count(p.active),
                    optional(p.churn_rate),
                    optional(p.survival_3),
                    optional(p.survival_12),
                );
            }
            outln!(out);
        }
        outln!(out, "Today's members by tenure:");
        outln!(
            out,
            "  {:<12} {:>9} {:>13} {:>22}",
            "months",
            "active",
            "churn/month",
            "expected to leave next"
        );
        for t in &s.tenure {
            let band = match t.to_month {
                Some(to) => format!("{}–{}", t.from_month, to - 1),
                None => format!("{}+", t.from_month),
            };
            outln!(
                out,
                "  {:<12} {:>9} {:>13} {:>22}",
                band,
                self.count(t.active),
                t.churn_rate.map_or("–".into(), |v| self.percent(v)),
                self.decimal(t.expected_leaving, 0),
            );
        }
        for c in &s.clusters {
            outln!(
            out,
                "  Cancellations cluster in month {}: {} left of {} ({}, against {} in the months around it); {} of today's members reach it next.",
                c.month,
                self.count(c.left),
                self.count(c.at_risk),
                self.percent(c.churn_rate),
                self.percent(c.baseline),
                self.count(c.approaching),
            );
        }
        outln!(out);
    }

    fn fill(&self, out: &mut String, s: &MemberSummary) {
        let (Some(from), Some(start), Some(cancelled), Some(new)) =
            (&s.fill_period, s.fill.start, s.fill.cancelled, s.fill.new)
        else {
            outln!(
                out,
                "Calculator inputs: no complete period with members at its start yet."
            );
            return;
        };
        let input = |v: f64| format_input((v * 100.0).round() / 100.0, self.locale);
        let mut command = format!(
            "retention members --start {} --cancelled {} --new {}",
            input(start),
            input(cancelled),
            input(new)
        );
        if let Some(fee) = s.fill.fee {
            command.push_str(&format!(" --fee {}", input(fee)));
        }
        command.push_str(&format!(" --period {}", s.fill.period.name()));
        if self.locale == Locale::Nl {
            command.push_str(" --locale nl");
        }
        outln!(
            out,
            "Calculator inputs from {from} (the last complete period):"
        );
        outln!(out, "  {command}");
    }

    fn survivors(&self, out: &mut String, r: &SurvivorsReport) {
        let m = r.fit.model;
        let unit = r.options.period.name();
        outln!(
            out,
            "sBG (Fader & Hardie 2007): alpha {} beta {} (log-likelihood {}); constant churn {} a {unit}",
            self.decimal(m.alpha, 3),
            self.decimal(m.beta, 3),
            self.decimal(r.fit.log_likelihood, 2),
            self.percent(r.constant.churn * 100.0),
        );
        outln!(out);
        outln!(
            out,
            "{:>6} {:<12} {:>9} {:>11} {:>11} {:>12} {:>12}",
            unit,
            "label",
            "actual",
            "sBG",
            "constant",
            "retention",
            "sBG ret."
        );
        for p in &r.curve {
            outln!(
                out,
                "{:>6} {:<12} {:>9} {:>11} {:>11} {:>12} {:>12}",
                format!("{}{}", p.period, if p.projected { "*" } else { "" }),
                p.label.as_deref().unwrap_or(""),
                p.actual.map_or(String::new(), |a| self.count(a)),
                self.decimal(p.fitted, 1),
                self.decimal(p.constant, 1),
                p.actual_retention
                    .map_or(String::new(), |v| self.percent(v)),
                p.retention.map_or(String::new(), |v| self.percent(v)),
            );
        }
        outln!(out, "* projected");
        outln!(out);
        for insight in &r.insights {
            outln!(out, "{}", self.insight(insight, unit));
        }
        outln!(out);
        for e in &r.explanations {
            outln!(
                out,
                "{:<46} {:>14}  = {}   (constant churn {})",
                e.figure.label(self.locale),
                e.value.text(self.locale, self.currency),
                e.numbers(self.locale, self.currency),
                e.constant.text(self.locale, self.currency),
            );
        }
        outln!(out);
        let rate = self.percent(r.options.discount_rate);
        outln!(
            out,
            "Residual lifetime of a member, discounted at {rate} a year ({} a {unit}), in {unit}s:",
            self.percent(r.period_discount_rate)
        );
        let money = r.options.fee.is_some();
        outln!(
            out,
            "  {:>9} {:>9} {:>9}{}",
            "renewals",
            "sBG",
            "constant",
            if money {
                format!(" {:>14} {:>14}", "value", "constant")
            } else {
                String::new()
            }
        );
        for x in &r.residual {
            let values = match (x.value, x.constant_value) {
                (Some(v), Some(c)) => format!(" {:>14} {:>14}", self.money(v), self.money(c)),
                _ => String::new(),
            };
            outln!(
                out,
                "  {:>9} {:>9} {:>9}{values}",
                x.renewals,
                self.decimal(x.derl, 2),
                self.decimal(x.constant_derl, 2)
            );
        }
        let mean = r
            .mean_lifetime
            .map_or("unbounded (alpha ≤ 1)".into(), |m| self.decimal(m, 1));
        outln!(
            out,
            "A new member: expected lifetime {mean} {unit}s; discounted {} (constant churn {}).",
            self.decimal(r.del, 2),
            self.decimal(r.constant_del, 2)
        );
        if let (Some(clv), Some(constant)) = (r.clv, r.constant_clv) {
            outln!(
                out,
                "A new member's value: {} (constant churn {}).",
                self.money(clv),
                self.money(constant)
            );
        }
    }

    fn insight(&self, insight: &SurvivorInsight, unit: &str) -> String {
        match *insight {
            SurvivorInsight::RetentionRises {
                first,
                last,
                projected,
            } => format!(
                "Retention rises with tenure, from {} in the first {unit} to {} in the table's last and {} at the end of the projection: the members likely to leave leave first, so those who stay are the loyal ones.",
                self.percent(first),
                self.percent(last),
                self.percent(projected)
            ),
            SurvivorInsight::Homogeneous => "Retention does not rise with tenure: the members look alike, and constant churn describes them as well.".into(),
            SurvivorInsight::ConstantChurnUnderestimates { period, sbg, constant } => format!(
                "After {period} {unit}s constant churn expects {} members, the sBG {}: constant churn writes the loyal members off too soon.",
                self.decimal(constant, 0),
                self.decimal(sbg, 0)
            ),
            SurvivorInsight::ConstantChurnOverestimates { period, sbg, constant } => format!(
                "After {period} {unit}s constant churn expects {} members, the sBG {}.",
                self.decimal(constant, 0),
                self.decimal(sbg, 0)
            ),
            SurvivorInsight::LoyalMembersWorthMore { renewals, derl, new_member, constant } => format!(
                "A member with {renewals} renewals is expected to stay {} more {unit}s (discounted), a new one {}; constant churn says {} for both.",
                self.decimal(derl, 2),
                self.decimal(new_member, 2),
                self.decimal(constant, 2)
            ),
        }
    }
}
