//! The words the page, the command line and the exports share: figure names, formulas in
//! symbols and with the user's numbers, quantities with their units, period names and the
//! short verdict labels. One home, so the CLI, a CSV file and the page never word a figure
//! differently. Sentences only the page shows live in the app's `i18n`.
//!
//! Every text picks its language with [`Locale::pick`], Dutch first.

use crate::{
    format::money, format_count, format_decimal, format_money, format_percent, ColumnKind,
    Currency, Explanation, ExportFormat, Field, Figure, Grouping, ImportStats, Locale, Period,
    Quantity, RatioVerdict, Segment, SegmentAction, Token, Verdict, NBSP,
};

impl Figure {
    /// The figure's name.
    ///
    /// ```
    /// use retention_core::{Figure, Locale};
    /// assert_eq!(Figure::Lifespan.label(Locale::Nl), "Verwachte klantlevensduur");
    /// assert_eq!(Figure::RetentionRate.label(Locale::En), "Customer retention rate (CRR)");
    /// ```
    pub fn label(self, locale: Locale) -> &'static str {
        let l = locale;
        match self {
            Figure::RetentionRate => l.pick("Klantretentie (CRR)", "Customer retention rate (CRR)"),
            Figure::Retained => l.pick("Behouden klanten", "Customers retained"),
            Figure::Lost => l.pick("Verloren klanten", "Customers lost"),
            Figure::ChurnRate => l.pick("Churn", "Churn rate"),
            Figure::AnnualRetention => l.pick("Retentie per jaar", "Retention per year"),
            Figure::AnnualChurn => l.pick("Churn per jaar", "Churn per year"),
            Figure::Lifespan => l.pick("Verwachte klantlevensduur", "Expected customer lifespan"),
            Figure::Clv => "Customer lifetime value (CLV)",
            Figure::ProfitClv => l.pick("CLV in brutowinst", "Profit CLV"),
            Figure::DiscountedClv => l.pick("Verdisconteerde CLV", "Discounted CLV"),
            Figure::ClvCacRatio => "CLV : CAC",
            Figure::Payback => l.pick("Terugverdientijd", "Payback time"),
        }
    }

    /// The formula in symbols, before the user's numbers go in. Exponents are superscript.
    ///
    /// ```
    /// use retention_core::{Figure, Locale, Period};
    /// assert_eq!(Figure::RetentionRate.formula(Period::Year, Locale::Nl), "CRR = (E − N) / S × 100");
    /// assert_eq!(Figure::AnnualRetention.formula(Period::Month, Locale::En), "retention per year = CRR¹²");
    /// ```
    pub fn formula(self, period: Period, locale: Locale) -> String {
        let l = locale;
        let n = superscript(period.per_year());
        match self {
            Figure::RetentionRate => "CRR = (E − N) / S × 100".into(),
            Figure::Retained => l.pick("behouden = E − N", "retained = E − N").into(),
            Figure::Lost => l.pick("verloren = S − (E − N)", "lost = S − (E − N)").into(),
            Figure::ChurnRate => l
                .pick("churn = verloren / S × 100", "churn = lost / S × 100")
                .into(),
            Figure::AnnualRetention => {
                format!("{} = CRR{n}", l.pick("retentie per jaar", "retention per year"))
            }
            Figure::AnnualChurn => {
                format!("{} = 1 − (1 − churn){n}", l.pick("churn per jaar", "churn per year"))
            }
            Figure::Lifespan => one_over_churn(l.pick("levensduur", "lifespan"), period, l),
            Figure::Clv => l
                .pick(
                    "CLV = besteding × aankopen per jaar × levensduur",
                    "CLV = spend × purchases a year × lifespan",
                )
                .into(),
            Figure::ProfitClv => l
                .pick("CLV in brutowinst = CLV × marge", "profit CLV = CLV × margin")
                .into(),
            Figure::DiscountedClv => l
                .pick(
                    "CLV = m × r / (1 + d − r), m = marge per jaar, r = retentie per jaar, d = disconteringsvoet",
                    "CLV = m × r / (1 + d − r), m = margin a year, r = retention a year, d = discount rate",
                )
                .into(),
            Figure::ClvCacRatio => "CLV : CAC = CLV / CAC".into(),
            Figure::Payback => l
                .pick(
                    "terugverdientijd = CAC / (marge per jaar / 12)",
                    "payback = CAC / (margin a year / 12)",
                )
                .into(),
        }
    }
}

impl Quantity {
    /// The quantity with its unit in `locale`'s habits: `85,0 %`, `€ 1.500,00`, `€ 1.500`,
    /// `6,67 jaar`.
    ///
    /// ```
    /// use retention_core::{Currency, Locale, Period, Quantity};
    /// let (nl, en) = (Locale::Nl, Locale::En);
    /// assert_eq!(Quantity::Years(6.6667).text(nl, Currency::Eur), "6,67\u{a0}jaar");
    /// assert_eq!(Quantity::Periods(26.67, Period::Month).text(en, Currency::Usd), "26.7\u{a0}months");
    /// assert_eq!(Quantity::Money(1500.0).text(en, Currency::Gbp), "£1,500.00");
    /// assert_eq!(Quantity::RoundMoney(1499.5).text(nl, Currency::Eur), "€\u{a0}1.500");
    /// ```
    pub fn text(self, locale: Locale, currency: Currency) -> String {
        match self {
            Quantity::Count(n) => format_count(n, locale),
            Quantity::Percent(p) => format_percent(p, 1, locale),
            Quantity::Money(m) => format_money(m, currency, locale),
            Quantity::RoundMoney(m) => money(m, 0, currency, locale),
            Quantity::Number(x) => format_decimal(x, 0, 2, locale),
            Quantity::Years(y) => format!(
                "{}{NBSP}{}",
                format_decimal(y, 0, 2, locale),
                self.unit(locale, currency)
            ),
            Quantity::Periods(n, _) => format!(
                "{}{NBSP}{}",
                format_decimal(n, 0, 1, locale),
                self.unit(locale, currency)
            ),
            Quantity::Ratio(x) => format!("{}{NBSP}:{NBSP}1", format_decimal(x, 1, 1, locale)),
        }
    }

    /// The plain number for a spreadsheet, and the most decimals worth keeping of it.
    pub fn number(self) -> (f64, usize) {
        match self {
            Quantity::Count(n) => (n as f64, 0),
            Quantity::Money(m) | Quantity::RoundMoney(m) => (m, 2),
            Quantity::Percent(x)
            | Quantity::Number(x)
            | Quantity::Years(x)
            | Quantity::Periods(x, _)
            | Quantity::Ratio(x) => (x, 4),
        }
    }

    /// The unit on its own, as a file's unit column writes it: `klanten`, `%`, `EUR`, `jaar`,
    /// `months`, `: 1`; empty for a plain number.
    pub fn unit(self, locale: Locale, currency: Currency) -> &'static str {
        match self {
            Quantity::Count(_) => locale.pick("klanten", "customers"),
            Quantity::Percent(_) => "%",
            Quantity::Money(_) | Quantity::RoundMoney(_) => currency.code(),
            Quantity::Number(_) => "",
            Quantity::Years(_) => Period::Year.unit(locale),
            Quantity::Periods(_, period) => period.unit(locale),
            Quantity::Ratio(_) => ": 1",
        }
    }
}

impl Explanation {
    /// The formula with the user's numbers, exponents as `^n`: `(1.050 − 200) / 1.000 × 100`.
    pub fn numbers(&self, locale: Locale, currency: Currency) -> String {
        numbers(&self.formula, locale, currency)
    }

    /// The whole formula as plain text, for copying and the command line:
    /// `CRR = (E − N) / S × 100 = (1.050 − 200) / 1.000 × 100 = 85,0 %`.
    ///
    /// ```
    /// use retention_core::{calculate, explain, Currency, Inputs, Locale, Period};
    /// let crr = &explain(&calculate(&Inputs::example()))[0];
    /// assert_eq!(
    ///     crr.formula_text(Period::Year, Locale::En, Currency::Usd),
    ///     "CRR = (E − N) / S × 100 = (1,050 − 200) / 1,000 × 100 = 85.0%"
    /// );
    /// ```
    pub fn formula_text(&self, period: Period, locale: Locale, currency: Currency) -> String {
        format!(
            "{} = {} = {}",
            self.figure.formula(period, locale),
            self.numbers(locale, currency),
            self.value.text(locale, currency)
        )
    }
}

impl Period {
    /// The period as a menu choice: `Maand`, `Quarter`.
    pub fn label(self, locale: Locale) -> &'static str {
        let l = locale;
        match self {
            Period::Month => l.pick("Maand", "Month"),
            Period::Quarter => l.pick("Kwartaal", "Quarter"),
            Period::Year => l.pick("Jaar", "Year"),
        }
    }

    /// The unit of a number of periods: `maanden`, `quarters`, `jaar`.
    pub fn unit(self, locale: Locale) -> &'static str {
        let l = locale;
        match self {
            Period::Month => l.pick("maanden", "months"),
            Period::Quarter => l.pick("kwartalen", "quarters"),
            Period::Year => l.pick("jaar", "years"),
        }
    }
}

impl Verdict {
    /// The short word on a verdict badge.
    pub fn label(self, locale: Locale) -> &'static str {
        let l = locale;
        match self {
            Verdict::Above => l.pick("Boven de 85%-norm", "Above the 85% target"),
            Verdict::OnTarget => l.pick("Op de 85%-norm", "On the 85% target"),
            Verdict::Near => l.pick("Net onder de 85%-norm", "Just below the 85% target"),
            Verdict::Below => l.pick("Onder de 85%-norm", "Below the 85% target"),
        }
    }
}

impl RatioVerdict {
    /// The short word on a CLV : CAC badge.
    pub fn label(self, locale: Locale) -> &'static str {
        let l = locale;
        match self {
            RatioVerdict::Healthy => l.pick("Gezond (3 : 1 of beter)", "Healthy (3 : 1 or better)"),
            RatioVerdict::Thin => l.pick("Krap (onder 3 : 1)", "Thin (below 3 : 1)"),
            RatioVerdict::Losing => l.pick("Verlies (onder 1 : 1)", "Losing (below 1 : 1)"),
        }
    }
}

impl Field {
    /// The unit of what is typed in the field, as a file's unit column writes it.
    pub fn unit(self, locale: Locale, currency: Currency) -> &'static str {
        match self {
            Field::Start | Field::End | Field::New => Quantity::Count(0).unit(locale, currency),
            Field::Spend | Field::Cac => currency.code(),
            Field::Margin | Field::DiscountRate => "%",
            Field::Lifespan => Period::Year.unit(locale),
            Field::Frequency => "",
        }
    }
}

impl ExportFormat {
    /// The export named as in "Looks like a Shopify orders export".
    ///
    /// ```
    /// use retention_core::{ExportFormat, Locale};
    /// assert_eq!(ExportFormat::Shopify.label(Locale::En), "a Shopify orders export");
    /// assert_eq!(ExportFormat::Mollie.label(Locale::Nl), "een betalingenexport van Mollie");
    /// ```
    pub fn label(self, locale: Locale) -> &'static str {
        let (nl, en) = match self {
            ExportFormat::Shopify => ("een orderexport van Shopify", "a Shopify orders export"),
            ExportFormat::WooCommerce => (
                "een orderexport van WooCommerce",
                "a WooCommerce orders export",
            ),
            ExportFormat::Lightspeed => (
                "een orderexport van Lightspeed",
                "a Lightspeed orders export",
            ),
            ExportFormat::Magento => ("een orderexport van Magento", "a Magento orders export"),
            ExportFormat::Stripe => (
                "een betalingenexport van Stripe",
                "a Stripe payments export",
            ),
            ExportFormat::Mollie => (
                "een betalingenexport van Mollie",
                "a Mollie payments export",
            ),
            ExportFormat::LineItems => ("een export van orderregels", "an export of order lines"),
        };
        locale.pick(nl, en)
    }
}

impl ColumnKind {
    /// The role of a column, as a mapping names it: `order total`, `e-mail`.
    pub fn label(self, locale: Locale) -> &'static str {
        let l = locale;
        match self {
            ColumnKind::Customer => l.pick("klant", "customer"),
            ColumnKind::Date => l.pick("datum", "date"),
            ColumnKind::Amount => l.pick("bedrag", "amount"),
            ColumnKind::Order => l.pick("order", "order"),
            ColumnKind::Total => l.pick("ordertotaal", "order total"),
            ColumnKind::Quantity => l.pick("aantal", "quantity"),
            ColumnKind::UnitPrice => l.pick("stukprijs", "unit price"),
            ColumnKind::Status => l.pick("status", "status"),
            ColumnKind::CancelledAt => l.pick("geannuleerd op", "cancelled at"),
            ColumnKind::Refunded => l.pick("terugbetaald", "refunded"),
            ColumnKind::Email => l.pick("e-mail", "e-mail"),
            ColumnKind::Name => l.pick("naam", "name"),
            ColumnKind::Other => l.pick("overig", "other"),
        }
    }
}

impl ImportStats {
    /// What the counting rules set aside or decided, one sentence each, for the page and the
    /// command line alike: one order per customer a day without an order column, orders left
    /// out (by status, with counts), refunds, refunds of nobody, guest rows and orders whose
    /// rows disagree on the total (with their first lines).
    ///
    /// ```
    /// use retention_core::{parse_orders, sniff_orders, Locale};
    /// let text = "order,customer,date,amount,status\n1,ann,2024-01-05,10,paid\n2,,2024-01-06,5,paid\n3,bob,2024-01-07,8,cancelled\n";
    /// let log = parse_orders(text, &sniff_orders(text).mapping.unwrap(), |_, _| true).unwrap();
    /// assert_eq!(
    ///     log.stats().notes(Locale::En),
    ///     [
    ///         "1 order is left out: 1 cancelled.",
    ///         "1 row without a customer id, e-mail or name (a guest) is left out (line 3).",
    ///     ]
    /// );
    /// ```
    pub fn notes(&self, locale: Locale) -> Vec<String> {
        let l = locale;
        let n = |v: usize| format_count(v as u64, l);
        let lines = |lines: &[usize], of: usize| {
            let mut listed: Vec<String> = lines.iter().take(10).map(|l| l.to_string()).collect();
            if of > listed.len() {
                listed.push("…".into());
            }
            listed.join(", ")
        };
        let mut notes = Vec::new();
        if self.grouping == Grouping::CustomerDay {
            notes.push(
                l.pick(
                    "Geen kolom met ordernummers: elke dag waarop een klant kocht telt als één order.",
                    "No order-number column: each day a customer bought counts as one order.",
                )
                .to_string(),
            );
        }
        if self.left_out > 0 {
            let mut why: Vec<String> = self
                .statuses
                .iter()
                .filter(|s| s.left_out && s.orders > 0)
                .map(|s| format!("{} {}", n(s.orders), s.status))
                .collect();
            let by_status: usize = self
                .statuses
                .iter()
                .filter(|s| s.left_out)
                .map(|s| s.orders)
                .sum();
            if by_status < self.left_out {
                let cancelled = n(self.left_out - by_status);
                why.push(l.pick(
                    format!("{cancelled} met een annuleringsdatum"),
                    format!("{cancelled} with a cancellation date"),
                ));
            }
            let (count, why) = (n(self.left_out), why.join(", "));
            notes.push(match self.left_out {
                1 => l.pick(
                    format!("1 order telt niet mee: {why}."),
                    format!("1 order is left out: {why}."),
                ),
                _ => l.pick(
                    format!("{count} orders tellen niet mee: {why}."),
                    format!("{count} orders are left out: {why}."),
                ),
            });
        }
        if self.refunds > 0 {
            let count = n(self.refunds);
            notes.push(match self.refunds {
                1 => l.pick(
                    "1 terugbetaling of creditnota verlaagt de besteding van de klant.".to_string(),
                    "1 refund or credit note lowers its customer's spend.".to_string(),
                ),
                _ => l.pick(
                    format!("{count} terugbetalingen of creditnota's verlagen de besteding van hun klanten."),
                    format!("{count} refunds or credit notes lower their customers' spend."),
                ),
            });
        }
        if self.unmatched_refunds > 0 {
            let count = n(self.unmatched_refunds);
            notes.push(l.pick(
                format!("Daarvan horen er {count} bij klanten zonder aankoop in het bestand."),
                format!("Of these, {count} are of customers without a purchase in the file."),
            ));
        }
        if self.guest_rows > 0 {
            let (count, at) = (
                n(self.guest_rows),
                lines(&self.guest_lines, self.guest_orders),
            );
            notes.push(match self.guest_rows {
                1 => l.pick(
                    format!("1 regel zonder klantnummer, e-mail of naam (een gast) telt niet mee (regel {at})."),
                    format!("1 row without a customer id, e-mail or name (a guest) is left out (line {at})."),
                ),
                _ => l.pick(
                    format!("{count} regels zonder klantnummer, e-mail of naam (gasten) tellen niet mee (regels {at})."),
                    format!("{count} rows without a customer id, e-mail or name (guests) are left out (lines {at})."),
                ),
            });
        }
        if self.conflicting_totals > 0 {
            let count = n(self.conflicting_totals);
            let at = lines(&self.conflicting_total_lines, self.conflicting_totals);
            notes.push(match self.conflicting_totals {
                1 => l.pick(
                    format!("1 order geeft op zijn regels verschillende totalen; het grootste (in absolute waarde) telt (regel {at})."),
                    format!("1 order gives different totals on its rows; the largest in size counts (line {at})."),
                ),
                _ => l.pick(
                    format!("{count} orders geven op hun regels verschillende totalen; het grootste (in absolute waarde) telt (regels {at})."),
                    format!("{count} orders give different totals on their rows; the largest in size counts (lines {at})."),
                ),
            });
        }
        notes
    }
}

impl Segment {
    /// The segment's name.
    ///
    /// ```
    /// use retention_core::{Locale, Segment};
    /// assert_eq!(Segment::CantLose.label(Locale::En), "Can't lose them");
    /// assert_eq!(Segment::Champions.label(Locale::Nl), "Kampioenen");
    /// ```
    pub fn label(self, locale: Locale) -> &'static str {
        let l = locale;
        match self {
            Segment::Champions => l.pick("Kampioenen", "Champions"),
            Segment::Loyal => l.pick("Trouwe klanten", "Loyal customers"),
            Segment::PotentialLoyalists => l.pick("Potentieel trouw", "Potential loyalists"),
            Segment::New => l.pick("Nieuwe klanten", "New customers"),
            Segment::Promising => l.pick("Veelbelovend", "Promising"),
            Segment::NeedsAttention => l.pick("Aandacht nodig", "Needs attention"),
            Segment::AboutToSleep => l.pick("Dreigen in te slapen", "About to sleep"),
            Segment::AtRisk => l.pick("Risico op vertrek", "At risk"),
            Segment::CantLose => l.pick("Niet kwijtraken", "Can't lose them"),
            Segment::Hibernating => l.pick("Slapend", "Hibernating"),
            Segment::Lost => l.pick("Verloren", "Lost"),
        }
    }

    /// Who the segment's customers are, in a sentence.
    pub fn description(self, locale: Locale) -> &'static str {
        let l = locale;
        match self {
            Segment::Champions => l.pick(
                "Kochten het laatst en kopen het vaakst.",
                "Bought most recently and buy most often.",
            ),
            Segment::Loyal => l.pick(
                "Kopen vaak, al is de laatste aankoop niet bij iedereen heel recent.",
                "Buy often, though not all of them very recently.",
            ),
            Segment::PotentialLoyalists => l.pick(
                "Kochten kort geleden, op een gemiddeld aantal dagen.",
                "Bought recently, on an average number of days.",
            ),
            Segment::New => l.pick(
                "Kochten het laatst, maar (nog) op weinig dagen: vaak de eerste aankoop.",
                "Bought most recently, but on few days (yet): often their first purchase.",
            ),
            Segment::Promising => l.pick(
                "Kochten vrij kort geleden, maar op weinig dagen.",
                "Bought fairly recently, but on few days.",
            ),
            Segment::NeedsAttention => l.pick(
                "Gemiddeld op beide: ze kunnen nog alle kanten op.",
                "Average on both: they can still go either way.",
            ),
            Segment::AboutToSleep => l.pick(
                "Kochten een tijd geleden voor het laatst, en op weinig dagen.",
                "Last bought a while ago, and on few days.",
            ),
            Segment::AtRisk => l.pick(
                "Kochten vaak, maar al lang niet meer.",
                "Used to buy often, but not for a long time.",
            ),
            Segment::CantLose => l.pick(
                "Hoorden bij wie het vaakst kocht, en zijn al lang stil.",
                "Were among the most frequent buyers, and have long gone quiet.",
            ),
            Segment::Hibernating => l.pick(
                "Kochten lang geleden voor het laatst, en op weinig dagen.",
                "Last bought long ago, and on few days.",
            ),
            Segment::Lost => l.pick(
                "Kochten het langst geleden, en op de minste dagen.",
                "Bought longest ago, and on the fewest days.",
            ),
        }
    }
}

impl SegmentAction {
    /// The step, in a sentence.
    ///
    /// ```
    /// use retention_core::{Locale, Segment, SegmentAction};
    /// assert_eq!(Segment::AtRisk.actions()[0], SegmentAction::WinBackMail);
    /// assert!(SegmentAction::WinBackMail.text(Locale::En).starts_with("Send a win-back mail"));
    /// ```
    pub fn text(self, locale: Locale) -> &'static str {
        let l = locale;
        match self {
            SegmentAction::RewardVip => l.pick(
                "Beloon ze: nieuwe producten als eerste, een VIP-status of een persoonlijk bedankje. Korting hebben ze niet nodig.",
                "Reward them: early access to new products, a VIP tier or a personal thank-you. They need no discount.",
            ),
            SegmentAction::AskReferral => l.pick(
                "Vraag om een review of een aanbeveling, met een code die de nieuwe klant en hen allebei iets oplevert.",
                "Ask for a review or a referral, with a code that rewards both them and the friend they bring.",
            ),
            SegmentAction::Upsell => l.pick(
                "Bied duurdere producten en bundels aan die passen bij wat ze al kopen.",
                "Offer higher-value products and bundles that fit what they already buy.",
            ),
            SegmentAction::LoyaltyProgramme => l.pick(
                "Nodig ze uit voor een spaarprogramma of lidmaatschap, zodat elke volgende aankoop iets oplevert.",
                "Invite them to a loyalty programme or membership, so that every next purchase earns something.",
            ),
            SegmentAction::Recommend => l.pick(
                "Stuur persoonlijke aanbevelingen op basis van wat ze kochten.",
                "Send personal recommendations based on what they bought.",
            ),
            SegmentAction::Onboarding => l.pick(
                "Verwelkom ze met een reeks mails: hoe ze het meest uit hun aankoop halen, de service, wat anderen daarna kochten.",
                "Welcome them with a series of mails: how to get the most out of their purchase, the service, what others bought next.",
            ),
            SegmentAction::SecondPurchase => l.pick(
                "Geef een reden voor een tweede aankoop, zoals een aanbod op de volgende bestelling dat 30 dagen geldig is.",
                "Give a reason for a second purchase, such as an offer on the next order that is valid for 30 days.",
            ),
            SegmentAction::LimitedOffer => l.pick(
                "Doe een aanbod voor korte tijd, voordat ze afhaken.",
                "Make a time-limited offer before they drift off.",
            ),
            SegmentAction::WinBackMail => l.pick(
                "Stuur een win-backmail: wat er nieuw is sinds hun laatste bestelling, met een aanbod om terug te komen.",
                "Send a win-back mail: what is new since their last order, with an offer to come back.",
            ),
            SegmentAction::PersonalContact => l.pick(
                "Neem persoonlijk contact op, telefonisch of met een mail van een medewerker, en vraag wat ze terug zou brengen.",
                "Contact them personally, by phone or with a mail from a person, and ask what would bring them back.",
            ),
            SegmentAction::AskWhy => l.pick(
                "Vraag in een korte enquête waarom ze niet meer kopen, en verhelp wat eruit komt.",
                "Ask in a short survey why they stopped buying, and fix what comes up.",
            ),
            SegmentAction::CheapReactivation => l.pick(
                "Heractiveer ze goedkoop: de nieuwsbrief met bestsellers, geen dure kortingen.",
                "Reactivate them at low cost: the newsletter with bestsellers, no costly discounts.",
            ),
            SegmentAction::LastChance => l.pick(
                "Doe nog één laatste aanbod om terug te komen.",
                "Make one last offer to come back.",
            ),
            SegmentAction::StopMailing => l.pick(
                "Reageren ze niet, mail ze dan niet meer: dat spaart kosten en beschermt je reputatie als afzender.",
                "If they do not react, stop mailing them: it saves costs and protects your reputation as a sender.",
            ),
        }
    }
}

/// Formula tokens as plain text, exponents as `^n`; for every explanation, shop or members.
pub(crate) fn numbers(formula: &[Token], locale: Locale, currency: Currency) -> String {
    let mut out = String::new();
    for token in formula {
        match *token {
            Token::Text(t) => out.push_str(t),
            Token::Value(v) => out.push_str(&v.text(locale, currency)),
            Token::Power(n) => out.push_str(&format!("^{n}")),
        }
    }
    out
}

/// Digits as superscript, for exponents in plain text.
pub(crate) fn superscript(n: u32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .bytes()
        .map(|d| DIGITS[usize::from(d - b'0')])
        .collect()
}

/// "lifespan = 1 / churn", and over a shorter period "… periods, divided by 12": the formula
/// of a lifespan or tenure, `name`.
pub(crate) fn one_over_churn(name: &str, period: Period, l: Locale) -> String {
    match period {
        Period::Year => format!("{name} = 1 / churn"),
        _ => format!(
            "{name} = 1 / churn {} {}",
            l.pick("periodes, gedeeld door", "periods, divided by"),
            period.per_year()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_import_note_is_worded_in_both_languages() {
        use crate::StatusCount;
        let status = |status: &str, orders, left_out| StatusCount {
            status: status.into(),
            orders,
            left_out,
        };
        let stats = ImportStats {
            grouping: Grouping::CustomerDay,
            left_out: 5,
            statuses: vec![status("paid", 9, false), status("voided", 3, true)],
            refunds: 2,
            unmatched_refunds: 1,
            guest_rows: 12,
            guest_orders: 12,
            guest_lines: (2..14).collect(),
            conflicting_totals: 1,
            conflicting_total_lines: vec![40],
            ..ImportStats::default()
        };
        let (nl, en) = (stats.notes(Locale::Nl), stats.notes(Locale::En));
        assert_eq!((nl.len(), en.len()), (6, 6));
        for (nl, en) in nl.iter().zip(&en) {
            assert_ne!(nl, en);
            assert!(nl.ends_with('.') && en.ends_with('.'), "{nl} / {en}");
        }
        // Three orders by their status, two by a cancellation date; ten lines, then more.
        assert_eq!(
            en[1],
            "5 orders are left out: 3 voided, 2 with a cancellation date."
        );
        assert_eq!(
            en[4],
            "12 rows without a customer id, e-mail or name (guests) are left out (lines 2, 3, 4, \
             5, 6, 7, 8, 9, 10, 11, …)."
        );
        assert!(ImportStats::default().notes(Locale::En).is_empty());
    }

    #[test]
    fn every_segment_and_action_is_worded_in_both_languages() {
        for segment in Segment::ALL {
            for text in [Segment::label, Segment::description] {
                let (nl, en) = (text(segment, Locale::Nl), text(segment, Locale::En));
                assert!(!nl.is_empty() && !en.is_empty(), "{segment:?}");
            }
            assert_ne!(
                segment.description(Locale::Nl),
                segment.description(Locale::En)
            );
            assert!((2..=3).contains(&segment.actions().len()), "{segment:?}");
            for action in segment.actions() {
                let (nl, en) = (action.text(Locale::Nl), action.text(Locale::En));
                assert_ne!(nl, en);
                assert!(nl.ends_with('.') && en.ends_with('.'), "{nl} / {en}");
            }
        }
    }

    #[test]
    fn superscripts() {
        assert_eq!(superscript(12), "¹²");
        assert_eq!(superscript(4), "⁴");
        assert_eq!(superscript(90), "⁹⁰");
    }

    #[test]
    fn every_figure_has_a_name_and_formula_in_both_languages() {
        for figure in Figure::ALL {
            for period in Period::ALL {
                for locale in Locale::ALL {
                    assert!(!figure.label(locale).is_empty());
                    assert!(figure.formula(period, locale).contains(" = "), "{figure:?}");
                }
            }
        }
    }
}
