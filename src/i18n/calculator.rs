//! The calculator's words: the form, the figure cards, charts, what-if, several periods,
//! notices and export.

use retention_core::{
    format_count, format_decimal, format_percent, Acquisition, Advice, Explanation, Field, Figure,
    InputError, Inputs, Locale, Period, Quantity, RatioVerdict, Retention, RowProblem, Value,
    Verdict, TARGET_RETENTION,
};

use super::common::{self, mistake, Mistake, Who};
use super::Words;
use crate::settings::Notice;

/// Fixed texts of the calculator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Title,
    Intro,
    Language,
    CustomersLegend,
    ValueLegend,
    Period,
    Currency,
    WhatNow,
    ResetExample,
    ClearAll,
    PendingRetention,
    PendingValue,
    PendingAcquisition,
    Source,
    Dismiss,
    Answer,
    MoreSettings,
    MoreDetails,
    ToolsLoading,
    ToolsFailed,
    DetailsFailed,
    HowCalculated,
    OtherFigures,
    GrossProfit,
    ClvShort,
    RevenuePerCustomer,
}

/// A fixed text.
pub fn text(text: Text, locale: Locale) -> &'static str {
    let l = locale;
    match text {
        Text::Title => l.pick("Klantretentie-calculator", "Customer retention calculator"),
        Text::Intro => l.pick(
            "Vul je klantaantallen in en zie meteen je klantretentie en klantwaarde, met uitleg bij elk getal.",
            "Enter your customer counts and see your retention and customer value at once, each figure explained.",
        ),
        Text::Language => l.pick("Taal", "Language"),
        Text::CustomersLegend => l.pick("Je klanten", "Your customers"),
        Text::ValueLegend => l.pick("Wat een klant besteedt", "What a customer spends"),
        Text::Period => l.pick("Periode", "Period"),
        Text::Currency => l.pick("Valuta", "Currency"),
        Text::WhatNow => l.pick("Wat kun je doen?", "What to do next"),
        Text::ResetExample => l.pick("Voorbeeld herstellen", "Restore example"),
        Text::ClearAll => l.pick("Alles wissen", "Clear all"),
        Text::PendingRetention => l.pick(
            "Retentie, churn en levensduur verschijnen zodra de gemarkeerde velden kloppen.",
            "Retention, churn and lifespan appear once the marked fields are correct.",
        ),
        Text::PendingValue => l.pick(
            "De customer lifetime value verschijnt zodra de gemarkeerde velden kloppen.",
            "Customer lifetime value appears once the marked fields are correct.",
        ),
        Text::PendingAcquisition => l.pick(
            "CLV : CAC en de terugverdientijd verschijnen zodra de gemarkeerde velden kloppen.",
            "CLV : CAC and the payback time appear once the marked fields are correct.",
        ),
        Text::Source => l.pick(
            "Alles wordt in je browser berekend; er gaat niets naar een server.",
            "Everything is calculated in your browser; nothing is sent to a server.",
        ),
        Text::Dismiss => l.pick("Sluiten", "Dismiss"),
        Text::Answer => l.pick("Je uitkomst", "Your result"),
        Text::MoreSettings => l.pick("Meer instellingen", "More settings"),
        Text::MoreDetails => l.pick("Meer details", "More details"),
        Text::ToolsLoading => l.pick("Even laden…", "Loading…"),
        Text::ToolsFailed => l.pick(
            "Dit deel van de calculator (importeren, leden, NPS) kon niet laden. Controleer je verbinding en laad de pagina opnieuw.",
            "This part of the calculator (import, members, NPS) could not load. Check your connection and reload the page.",
        ),
        Text::DetailsFailed => l.pick(
            "De details (alle cijfers, grafieken, wat-als, delen) konden niet laden. Controleer je verbinding en laad de pagina opnieuw.",
            "The details (every figure, charts, what-if, sharing) could not load. Check your connection and reload the page.",
        ),
        Text::HowCalculated => l.pick("Hoe berekend?", "How is this worked out?"),
        Text::OtherFigures => l.pick("Alle andere cijfers", "Every other figure"),
        Text::GrossProfit => l.pick("brutowinst", "gross profit"),
        Text::ClvShort => l.pick("Klantwaarde (CLV)", "Lifetime value (CLV)"),
        Text::RevenuePerCustomer => l.pick("omzet per klant", "revenue per customer"),
    }
}

/// The label of an input.
pub fn field_label(field: Field, locale: Locale) -> &'static str {
    let l = locale;
    match field {
        Field::Start => l.pick("Klanten aan het begin (S)", "Customers at the start (S)"),
        Field::End => l.pick("Klanten aan het eind (E)", "Customers at the end (E)"),
        Field::New => l.pick("Nieuwe klanten (N)", "New customers (N)"),
        Field::Spend => l.pick("Besteding per aankoop", "Spend per purchase"),
        Field::Frequency => l.pick("Aankopen per jaar", "Purchases a year"),
        Field::Margin => l.pick("Brutomarge", "Gross margin"),
        Field::Lifespan => l.pick("Levensduur van een klant", "Customer lifespan"),
        Field::DiscountRate => l.pick("Disconteringsvoet", "Discount rate"),
        Field::Cac => l.pick(
            "Wervingskosten per klant (CAC)",
            "Cost to win a customer (CAC)",
        ),
    }
}

/// A short hint under an input.
pub fn field_hint(field: Field, locale: Locale) -> &'static str {
    let l = locale;
    match field {
        Field::Start => l.pick("Op de eerste dag.", "On the first day."),
        Field::End => l.pick(
            "Op de laatste dag, nieuwe meegeteld.",
            "On the last day, new ones included.",
        ),
        Field::New => l.pick(
            "Voor het eerst gekocht in de periode.",
            "First bought in the period.",
        ),
        Field::Spend => l.pick(
            "Gemiddeld, zoals 75 of 49,95.",
            "On average, such as 75 or 49.95.",
        ),
        Field::Frequency => l.pick("Per klant; 2,5 mag ook.", "Per customer; 2.5 is fine."),
        Field::Margin => l.pick(
            "Leeg laten als je alleen omzet wilt zien.",
            "Leave empty to see revenue only.",
        ),
        Field::Lifespan => l.pick(
            "Leeg laten: dan volgt de levensduur uit de churn.",
            "Leave empty to estimate it from churn.",
        ),
        Field::DiscountRate => l.pick(
            "Per jaar: geld dat later binnenkomt is nu minder waard. 8 tot 12% is gebruikelijk.",
            "A year: money that comes in later is worth less today. 8 to 12% is common.",
        ),
        Field::Cac => l.pick(
            "Marketing- en verkoopkosten gedeeld door het aantal nieuwe klanten.",
            "Marketing and sales cost divided by the number of new customers.",
        ),
    }
}

/// The message next to a field with a mistake.
pub fn error_message(error: &InputError, locale: Locale) -> String {
    let l = locale;
    let words = match error {
        InputError::Missing { .. } => return mistake(Mistake::Missing, l),
        InputError::NotANumber { .. } => return mistake(Mistake::NotANumber, l),
        InputError::Negative { .. } => return mistake(Mistake::Negative, l),
        InputError::NotWhole { .. } => l.pick(
            "Klanten tel je in hele getallen, zonder decimalen.",
            "Customers come in whole numbers, without decimals.",
        ),
        InputError::NotPositive { .. } => {
            l.pick("Dit moet meer dan nul zijn.", "This must be more than zero.")
        }
        InputError::TooLarge { max, .. } => return mistake(Mistake::TooLarge(*max), l),
        InputError::StartIsZero => l.pick(
            "Met 0 klanten aan het begin valt er niets te behouden. Vul meer dan 0 in.",
            "With 0 customers at the start there is no one to retain. Enter more than 0.",
        ),
        InputError::NewExceedsEnd => l.pick(
            "Er kunnen niet meer nieuwe klanten (N) zijn dan klanten aan het eind (E).",
            "New customers (N) cannot be more than customers at the end (E).",
        ),
        InputError::RetainedExceedsStart => l.pick(
            "E − N is meer dan S: je kunt niet meer klanten behouden dan je had. Is N te laag of E te hoog?",
            "E − N is more than S: you cannot keep more customers than you had. Is N too low or E too high?",
        ),
        InputError::NotAPercentage { .. } => return mistake(Mistake::NotAPercentage, l),
        InputError::LifespanNeeded => l.pick(
            "Je verloor geen enkele klant, dus de levensduur valt niet uit deze periode te schatten. Vul een verwachte levensduur in jaren in.",
            "You lost no customers, so the lifespan cannot be estimated from this period. Enter an expected lifespan in years.",
        ),
    };
    words.to_string()
}

/// A setting that could not be used, worded.
pub fn notice(notice: &Notice, locale: Locale) -> String {
    let l = locale;
    match notice {
        Notice::UnknownParameter(key) => l.pick(
            format!("Onbekende instelling „{key}” genegeerd."),
            format!("Ignored the unknown setting “{key}”."),
        ),
        Notice::BadValue { key, value } => l.pick(
            format!("Kon „{value}” niet lezen als {key}; de standaardwaarde wordt gebruikt."),
            format!("Could not read “{value}” as {key}; using the default instead."),
        ),
        Notice::UnsupportedVersion(v) => l.pick(
            format!("Deze link komt uit een andere versie van de calculator (v={v}); je ziet het standaardvoorbeeld."),
            format!("This link comes from another version of the calculator (v={v}); showing the default example."),
        ),
        Notice::TooLong { key, max } => l.pick(
            format!("De waarde van {key} is ingekort tot {max} tekens."),
            format!("The value of {key} was cut to {max} characters."),
        ),
        Notice::LinkTooLong { max } => l.pick(
            format!("Deze link is langer dan {} tekens en is genegeerd; je ziet het standaardvoorbeeld.", format_count(*max as u64, l)),
            format!("This link is longer than {} characters and was ignored; showing the default example.", format_count(*max as u64, l)),
        ),
        Notice::MoreNotices(more) => l.pick(
            format!("En nog {} andere instellingen die niet gebruikt konden worden.", format_count(*more as u64, l)),
            format!("And {} more settings that could not be used.", format_count(*more as u64, l)),
        ),
        Notice::NoSuchCalculator(calc) => l.pick(
            format!("Deze link is voor calculator „{calc}”, maar die staat niet op deze pagina; je ziet het standaardvoorbeeld."),
            format!("This link is for calculator “{calc}”, which is not on this page; showing the default example."),
        ),
    }
}

/// "the month", "het kwartaal", ...
fn the_period(period: Period, locale: Locale) -> &'static str {
    let l = locale;
    match period {
        Period::Month => l.pick("de maand", "the month"),
        Period::Quarter => l.pick("het kwartaal", "the quarter"),
        Period::Year => l.pick("het jaar", "the year"),
    }
}

/// The figures an explanation refers to, and the words to write them in.
pub struct Situation<'a> {
    pub words: Words,
    pub retention: Option<&'a Retention>,
    pub value: Option<&'a Value>,
    pub acquisition: Option<&'a Acquisition>,
}

impl Situation<'_> {
    fn q(&self, q: Quantity) -> String {
        self.words.q(q)
    }
    fn pct(&self, p: f64) -> String {
        self.q(Quantity::Percent(p))
    }
    fn count(&self, n: u64) -> String {
        self.q(Quantity::Count(n))
    }
    /// An estimate of money, in whole units.
    fn money(&self, m: f64) -> String {
        self.q(Quantity::RoundMoney(m))
    }
}

/// One plain sentence on what a figure means.
pub fn meaning(e: &Explanation, cx: &Situation) -> String {
    let l = cx.words.locale;
    match (e.figure, cx.retention, cx.value) {
        (Figure::RetentionRate, Some(r), _) => {
            let (pct, kept, start) = (
                cx.pct(r.retention_rate),
                cx.count(r.retained),
                cx.count(r.start),
            );
            let p = the_period(r.period, l);
            l.pick(
                format!("Je hield {pct} van de klanten waarmee je {p} begon: {kept} van de {start}. Nieuwe klanten tellen niet mee."),
                format!("You kept {pct} of the customers you started {p} with: {kept} of {start}. New customers do not count."),
            )
        }
        (Figure::Retained, Some(r), _) => {
            let (kept, new, end) = (cx.count(r.retained), cx.count(r.new), cx.count(r.end));
            l.pick(
                format!("Van je {end} klanten aan het eind waren er {kept} al klant aan het begin; de andere {new} zijn nieuw."),
                format!("Of your {end} customers at the end, {kept} were already customers at the start; the other {new} are new."),
            )
        }
        (Figure::Lost, Some(r), _) => {
            let (lost, start) = (cx.count(r.lost), cx.count(r.start));
            let p = the_period(r.period, l);
            l.pick(
                format!("{lost} van je {start} klanten kochten of bleven niet meer in {p}."),
                format!("{lost} of your {start} customers left during {p}."),
            )
        }
        (Figure::ChurnRate, Some(r), _) => {
            let (churn, crr) = (cx.pct(r.churn_rate), cx.pct(r.retention_rate));
            let p = the_period(r.period, l);
            l.pick(
                format!("Je verliest {churn} van je klanten in {p}; samen met de retentie van {crr} is dat 100%."),
                format!("You lose {churn} of your customers in {p}; together with the retention of {crr} that makes 100%."),
            )
        }
        (Figure::AnnualRetention, Some(r), _) => {
            let (annual, n) = (cx.pct(r.annual_retention_rate), r.period.per_year());
            l.pick(
                format!("Houdt dit tempo een jaar aan, dan heb je na {n} periodes nog {annual} van je klanten. Dit getal vergelijk je met de 85%-norm."),
                format!("If this rate holds for a year, {annual} of your customers are still there after {n} periods. This is the figure to compare with the 85% target."),
            )
        }
        (Figure::AnnualChurn, Some(r), _) => {
            let annual = cx.pct(r.annual_churn_rate);
            let naive = cx.pct(r.churn_rate * f64::from(r.period.per_year()));
            l.pick(
                format!("Over een jaar verlies je {annual} van je klanten, niet {naive}: elke periode verlies je een deel van een kleinere groep."),
                format!("Over a year you lose {annual} of your customers, not {naive}: each period you lose a share of a smaller group."),
            )
        }
        (Figure::Lifespan, Some(r), _) => {
            let (years, churn) = (cx.q(e.value), cx.pct(r.churn_rate));
            l.pick(
                format!("Met {churn} churn blijft een klant gemiddeld {years}. Dat is een schatting: hij gaat ervan uit dat de churn gelijk blijft."),
                format!("With {churn} churn a customer stays {years} on average. It is an estimate that assumes churn stays the same."),
            )
        }
        (Figure::Clv, _, Some(v)) => {
            let (clv, per_year) = (cx.money(v.clv), cx.money(v.annual_revenue));
            let years = cx.q(Quantity::Years(v.lifespan_years));
            l.pick(
                format!("Een gemiddelde klant levert {clv} omzet op: {per_year} per jaar, {years} lang."),
                format!("An average customer brings in {clv} in revenue: {per_year} a year for {years}."),
            )
        }
        (Figure::ProfitClv, _, Some(v)) => {
            let profit = cx.money(v.profit_clv.unwrap_or_default());
            l.pick(
                format!("Daarvan is {profit} brutowinst: het meeste dat je aan het werven en houden van een klant kunt uitgeven zonder verlies."),
                format!("Of that, {profit} is gross profit: the most you can spend to win and keep a customer without losing money."),
            )
        }
        (Figure::DiscountedClv, _, Some(v)) => {
            let clv = cx.q(e.value);
            let simple = cx.money(v.profit_clv.unwrap_or(v.clv));
            l.pick(
                format!("Geld dat later binnenkomt is nu minder waard. Tel je wat een klant de komende jaren oplevert in geld van vandaag, dan is hij {clv} waard, tegen {simple} zonder die correctie. Handig bij abonnementen en contracten, en om een klant met een investering te vergelijken."),
                format!("Money that comes in later is worth less today. Counting what a customer brings in over the coming years in today's money, they are worth {clv}, against {simple} without that correction. Useful for subscriptions and contracts, and to compare a customer with an investment."),
            )
        }
        (Figure::ClvCacRatio, _, Some(_)) => {
            let ratio = match e.value {
                Quantity::Ratio(x) => format_decimal(x, 1, 1, l),
                _ => String::new(),
            };
            l.pick(
                format!("Elke euro die je uitgeeft om een klant te werven, levert {ratio} euro op over de hele klantrelatie."),
                format!("Every unit of money spent on winning a customer brings back {ratio} over the whole relationship."),
            )
        }
        (Figure::Payback, _, Some(v)) => {
            let months = cx.q(e.value);
            let years = cx.q(Quantity::Years(v.lifespan_years));
            if cx.acquisition.is_some_and(|a| a.pays_back) {
                l.pick(
                    format!("Een nieuwe klant verdient zijn wervingskosten terug in {months}, ruim binnen de verwachte levensduur van {years}."),
                    format!("A new customer pays back what winning them cost in {months}, within the expected lifespan of {years}."),
                )
            } else {
                l.pick(
                    format!("Een nieuwe klant verdient zijn wervingskosten pas terug in {months}: later dan de verwachte levensduur van {years}."),
                    format!("A new customer only pays back what winning them cost in {months}: later than the expected lifespan of {years}."),
                )
            }
        }
        _ => String::new(),
    }
}

/// How CLV : CAC compares with the 3 : 1 rule of thumb.
fn ratio_sentence(verdict: RatioVerdict, e: &Explanation, cx: &Situation) -> String {
    let l = cx.words.locale;
    let head = match verdict {
        RatioVerdict::Healthy => l.pick(
            "Gezond: de vuistregel is 3 : 1 of beter.",
            "Healthy: the rule of thumb is 3 : 1 or better.",
        ),
        RatioVerdict::Thin => l.pick(
            "Krap: onder de vuistregel van 3 : 1 blijft er weinig over voor overhead en winst.",
            "Thin: below the 3 : 1 rule of thumb little is left for overhead and profit.",
        ),
        RatioVerdict::Losing => l.pick(
            "Verlieslatend: een klant kost meer dan hij oplevert.",
            "Losing money: a customer costs more than they bring in.",
        ),
    };
    match (e.figure, e.at_target) {
        (Figure::ClvCacRatio, Some(at)) => {
            let target = format_percent(TARGET_RETENTION, 0, l);
            let at = cx.q(at);
            l.pick(
                format!("{head} Bij {target} retentie per jaar zou het {at} zijn."),
                format!("{head} At {target} retention a year it would be {at}."),
            )
        }
        _ => head.to_string(),
    }
}

/// How retention compares with the 85 % target, in one sentence.
fn verdict_sentence(verdict: Verdict, cx: &Situation) -> String {
    let Some(r) = cx.retention else {
        return String::new();
    };
    common::verdict_sentence(
        verdict,
        r.annual_retention_rate,
        r.period,
        Who::Customers,
        cx.words,
    )
}

/// A next step, worded.
pub fn advice(advice: Advice, locale: Locale) -> &'static str {
    let l = locale;
    match advice {
        Advice::Onboarding => l.pick(
            "Verbeter de onboarding: een welkomstreeks en een persoonlijke check-in in de eerste 30 dagen na de eerste aankoop.",
            "Improve onboarding: a welcome series and a personal check-in in the first 30 days after the first purchase.",
        ),
        Advice::Feedback => l.pick(
            "Vraag klanten die weggingen of stil werden waarom, met een korte enquête, en pak de belangrijkste reden aan.",
            "Ask customers who left or went quiet why, with a short survey, and fix the main reason.",
        ),
        Advice::WinBack => l.pick(
            "Stuur klanten die 30 dagen niets kochten een win-backmail met een persoonlijk aanbod.",
            "Send customers who have not bought for 30 days a win-back mail with a personal offer.",
        ),
        Advice::PersonalFollowUp => l.pick(
            "Volg klanten persoonlijk op na de eerste en tweede aankoop: daar haken de meesten af.",
            "Follow up personally after the first and second purchase: that is where most customers drop off.",
        ),
        Advice::Loyalty => l.pick(
            "Beloon trouwe klanten met een loyaliteitsprogramma: punten, voorrang of gratis verzending.",
            "Reward loyal customers with a loyalty programme: points, early access or free shipping.",
        ),
        Advice::Referral => l.pick(
            "Start een referral-programma: tevreden klanten brengen goedkoop nieuwe klanten binnen.",
            "Start a referral programme: happy customers bring in new ones at a low cost.",
        ),
        Advice::Upsell => l.pick(
            "Bied upgrades, bundels en aanvullende producten aan om de besteding per aankoop te verhogen.",
            "Offer upgrades, bundles and related products to raise the spend per purchase.",
        ),
        Advice::Frequency => l.pick(
            "Verhoog de aankoopfrequentie met herinneringen, aanvulmails of een abonnement.",
            "Raise purchase frequency with reminders, replenishment mails or a subscription.",
        ),
        Advice::Margin => l.pick(
            "Verhoog je marge met bundels en prijsstelling, of verlaag de kosten per klant.",
            "Raise your margin with bundles and pricing, or lower the cost to serve a customer.",
        ),
        Advice::AcquisitionBudget => l.pick(
            "Geef aan het werven van een klant hooguit een derde van de CLV in brutowinst uit (CLV : CAC = 3 : 1).",
            "Spend at most a third of the profit CLV on winning a customer (CLV : CAC = 3 : 1).",
        ),
        Advice::CheaperChannels => l.pick(
            "Verlaag je wervingskosten: meer organische kanalen (SEO, content, doorverwijzingen) en stop campagnes waarvan de klanten niet blijven.",
            "Lower your acquisition cost: more organic channels (SEO, content, referrals), and stop campaigns whose customers do not stay.",
        ),
        Advice::InvestInGrowth => l.pick(
            "Je kunt meer in werving investeren: schaal de kanalen op die klanten brengen die blijven.",
            "You can afford to invest more in acquisition: scale up the channels that bring customers who stay.",
        ),
        Advice::RelyOnAcquisition => l.pick(
            "Je won meer nieuwe klanten dan je er hield: je groei leunt op werving, en werven kost meestal meer dan behouden.",
            "You won more new customers than you kept: your growth leans on acquisition, which usually costs more than keeping customers.",
        ),
    }
}

/// How a figure compares with the 85 % target, in one sentence: the verdict itself for the
/// retention rates, the same figure at the target for the others.
pub fn comparison(e: &Explanation, cx: &Situation) -> Option<String> {
    if let Some(verdict) = e.ratio_verdict {
        return Some(ratio_sentence(verdict, e, cx));
    }
    let verdict = e.verdict?;
    let l = cx.words.locale;
    let target = format_percent(TARGET_RETENTION, 0, l);
    let period = cx
        .retention
        .map(|r| the_period(r.period, l))
        .unwrap_or_default();
    let start = cx.retention.map(|r| cx.count(r.start)).unwrap_or_default();
    let at = e.at_target.map(|q| cx.q(q)).unwrap_or_default();
    Some(match e.figure {
        Figure::RetentionRate | Figure::AnnualRetention => verdict_sentence(verdict, cx),
        Figure::Retained => l.pick(
            format!("Bij de norm van {target} per jaar houd je er minstens {at} van de {start}."),
            format!("At the target of {target} a year you would keep at least {at} of {start}."),
        ),
        Figure::Lost => l.pick(
            format!("Bij de norm van {target} per jaar verlies je er hooguit {at} in {period}."),
            format!("At the target of {target} a year you would lose at most {at} in {period}."),
        ),
        Figure::ChurnRate => l.pick(
            format!("Bij de norm van {target} per jaar is de churn hooguit {at} in {period}."),
            format!("At the target of {target} a year churn is at most {at} in {period}."),
        ),
        Figure::AnnualChurn => l.pick(
            format!("De norm van {target} retentie laat hooguit {at} churn per jaar toe."),
            format!("The target of {target} retention allows at most {at} churn a year."),
        ),
        Figure::Lifespan => l.pick(
            format!("Bij de norm van {target} per jaar blijft een klant gemiddeld {at}."),
            format!("At the target of {target} a year a customer stays {at} on average."),
        ),
        Figure::Clv => l.pick(
            format!("Bij de norm van {target} per jaar zou de CLV {at} zijn."),
            format!("At the target of {target} a year CLV would be {at}."),
        ),
        Figure::ProfitClv => l.pick(
            format!("Bij de norm van {target} per jaar zou de CLV in brutowinst {at} zijn."),
            format!("At the target of {target} a year profit CLV would be {at}."),
        ),
        Figure::DiscountedClv => l.pick(
            format!("Bij de norm van {target} per jaar zou de verdisconteerde CLV {at} zijn."),
            format!("At the target of {target} a year discounted CLV would be {at}."),
        ),
        Figure::ClvCacRatio | Figure::Payback => return None,
    })
}

/// "per maand", "a quarter": after a figure of one period.
pub fn per_period(period: Period, locale: Locale) -> &'static str {
    let l = locale;
    match period {
        Period::Month => l.pick("per maand", "a month"),
        Period::Quarter => l.pick("per kwartaal", "a quarter"),
        Period::Year => l.pick("per jaar", "a year"),
    }
}

/// The two headline figures in one sentence, in the user's numbers: of every 100 customers,
/// how many are left after a year, and what a customer brings in.
pub fn answer_sentence(
    retention: Option<&Retention>,
    value: Option<&Value>,
    words: Words,
) -> String {
    let l = words.locale;
    let q = |q: Quantity| words.q(q);
    let kept = retention.map(|r| {
        let left = format_decimal(r.annual_retention_rate, 0, 0, l);
        let target = format_decimal(TARGET_RETENTION, 0, 0, l);
        let of_100 = l.pick(
            format!("van elke 100 klanten heb je er na een jaar nog {left} (de norm is {target})"),
            format!("of every 100 customers, {left} are still with you after a year (the target is {target})"),
        );
        match r.period {
            Period::Year => of_100,
            period => format!(
                "{} {} is {} {}: {of_100}",
                q(Quantity::Percent(r.retention_rate)),
                per_period(period, l),
                q(Quantity::Percent(r.annual_retention_rate)),
                per_period(Period::Year, l),
            ),
        }
    });
    let brings = value.map(|v| {
        let (clv, years) = (
            q(Quantity::RoundMoney(v.clv)),
            q(Quantity::Years(v.lifespan_years)),
        );
        l.pick(
            format!("een klant brengt in {years} gemiddeld {clv} omzet op"),
            format!("a customer brings in {clv} in revenue over {years} on average"),
        )
    });
    let mut sentence = match (kept, brings) {
        (Some(k), Some(b)) => format!("{k}; {b}."),
        (Some(one), None) | (None, Some(one)) => format!("{one}."),
        (None, None) => return String::new(),
    };
    // Each part starts with a digit or a plain letter ("van", "een", "of", "a").
    if let Some(first) = sentence.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    sentence
}

/// The optional settings in use, under the folded "Meer instellingen":
/// "marge 60,0 % · CAC € 300,00 · disconteringsvoet 10,0 %".
pub fn settings_in_use(inputs: &Inputs, words: Words) -> String {
    let l = words.locale;
    [
        Field::Margin,
        Field::Lifespan,
        Field::Cac,
        Field::DiscountRate,
    ]
    .into_iter()
    .filter_map(|field| {
        let v = inputs.get(field).filter(|v| v.is_finite())?;
        let (name, q) = match field {
            Field::Margin => (l.pick("marge", "margin"), Quantity::Percent(v)),
            Field::Lifespan => (l.pick("levensduur", "lifespan"), Quantity::Years(v)),
            Field::Cac => ("CAC", Quantity::Money(v)),
            _ => (
                l.pick("disconteringsvoet", "discount rate"),
                Quantity::Percent(v),
            ),
        };
        Some(format!("{name} {}", words.q(q)))
    })
    .collect::<Vec<_>>()
    .join(" · ")
}

/// Under retention over a year: "850 van de 1.000 klanten gebleven".
pub fn retained_of(retained: u64, start: u64, words: Words) -> String {
    let (kept, start) = (
        words.q(Quantity::Count(retained)),
        words.q(Quantity::Count(start)),
    );
    words.locale.pick(
        format!("{kept} van de {start} klanten gebleven"),
        format!("{kept} of {start} customers kept"),
    )
}

/// The line above the steps: which figure they are aimed at, and why.
pub fn focus_lead(figure: Figure, cx: &Situation) -> String {
    let l = cx.words.locale;
    match (figure, cx.retention, cx.acquisition) {
        (Figure::ClvCacRatio, _, Some(a)) => {
            let ratio = cx.q(Quantity::Ratio(a.ratio));
            match a.verdict {
                RatioVerdict::Losing => l.pick(
                    format!("Begin bij je wervingskosten: een klant kost meer dan hij oplevert (CLV : CAC is {ratio})."),
                    format!("Start with what winning a customer costs: a customer costs more than they bring in (CLV : CAC is {ratio})."),
                ),
                RatioVerdict::Thin => l.pick(
                    format!("Begin bij je wervingskosten: CLV : CAC is {ratio}, onder de vuistregel van 3 : 1."),
                    format!("Start with what winning a customer costs: CLV : CAC is {ratio}, below the 3 : 1 rule of thumb."),
                ),
                RatioVerdict::Healthy => l.pick(
                    format!("Retentie en CLV : CAC ({ratio}) zijn gezond: je kunt groeien."),
                    format!("Retention and CLV : CAC ({ratio}) are healthy: you can grow."),
                ),
            }
        }
        (Figure::RetentionRate | Figure::AnnualRetention, Some(r), _) => {
            let gap = format_decimal(TARGET_RETENTION - r.annual_retention_rate, 1, 1, l);
            match r.verdict {
                Verdict::Below | Verdict::Near => l.pick(
                    format!("Begin bij je retentie: die ligt {gap} procentpunt onder de norm."),
                    format!("Start with retention: it is {gap} points below the target."),
                ),
                Verdict::OnTarget | Verdict::Above => l
                    .pick(
                        "Je retentie haalt de norm. Houd dat vast en bouw erop voort:",
                        "Your retention meets the target. Keep it there and build on it:",
                    )
                    .to_string(),
            }
        }
        _ => l
            .pick(
                "Verhoog wat een klant oplevert:",
                "Raise what a customer brings in:",
            )
            .to_string(),
    }
}

/// A few plain words after a figure whose name is jargon, or `None`.
pub fn gloss(figure: Figure, locale: Locale) -> Option<&'static str> {
    let l = locale;
    Some(match figure {
        Figure::ChurnRate | Figure::AnnualChurn => {
            l.pick("het deel dat wegging", "the share who left")
        }
        Figure::DiscountedClv => l.pick(
            "geld dat later binnenkomt is nu minder waard",
            "money that comes in later is worth less today",
        ),
        Figure::ClvCacRatio => l.pick(
            "wat een klant oplevert tegen wat werven kost",
            "what a customer brings in against what winning one costs",
        ),
        _ => return None,
    })
}

/// The survival chart in a sentence: how many of today's customers are left at the horizon,
/// and when half are gone.
pub fn survival_description(
    end: u64,
    horizon: u32,
    left: f64,
    half_life: Option<f64>,
    period: Period,
    locale: Locale,
) -> String {
    let l = locale;
    let (now, unit) = (format_count(end, l), period.unit(l));
    let left = format_count(left.round() as u64, l);
    match half_life.map(|h| format_decimal(h, 0, 1, l)) {
        Some(h) => l.pick(
            format!("Van je {now} klanten nu zijn er na {horizon} {unit} nog {left} over; na {h} {unit} is de helft weg."),
            format!("Of your {now} customers now, {left} are left after {horizon} {unit}; half are gone after {h} {unit}."),
        ),
        None => l.pick(
            format!("Je {now} klanten blijven allemaal."),
            format!("All your {now} customers stay."),
        ),
    }
}

/// The waterfall chart in a sentence.
pub fn waterfall_description(r: &Retention, locale: Locale) -> String {
    let l = locale;
    let n = |v| format_count(v, l);
    let (start, lost, new, end) = (n(r.start), n(r.lost), n(r.new), n(r.end));
    l.pick(
        format!("Je begon met {start} klanten, verloor er {lost}, won er {new} nieuwe bij en eindigde met {end}."),
        format!("You started with {start} customers, lost {lost}, won {new} new ones and ended with {end}."),
    )
}

/// What more retention brings, under the what-if table.
pub fn what_if_gain(points: f64, revenue: f64, clv: Option<f64>, words: Words) -> String {
    let l = words.locale;
    let points = format_decimal(points, 0, 1, l);
    let revenue = words.q(Quantity::RoundMoney(revenue));
    let clv = clv.map(|c| words.q(Quantity::RoundMoney(c)));
    l.pick(
        format!(
            "Met {points} procentpunt meer retentie brengen je huidige klanten komend jaar {revenue} meer op{}.",
            clv.as_ref().map(|c| format!(", en is een klant {c} meer waard")).unwrap_or_default()
        ),
        format!(
            "With {points} more points of retention your current customers bring in {revenue} more next year{}.",
            clv.as_ref().map(|c| format!(", and a customer is worth {c} more")).unwrap_or_default()
        ),
    )
}

/// The trend of pasted periods in a sentence: retention in the first and the last.
pub fn trend_description(first: (&str, f64), last: (&str, f64), words: Words) -> String {
    let (a, b) = (
        words.q(Quantity::Percent(first.1)),
        words.q(Quantity::Percent(last.1)),
    );
    let (from, to) = (first.0, last.0);
    words.locale.pick(
        format!("De retentie ging van {a} in {from} naar {b} in {to}."),
        format!("Retention went from {a} in {from} to {b} in {to}."),
    )
}

/// Why a pasted line was not used.
pub fn row_problem(problem: &RowProblem, locale: Locale) -> String {
    let l = locale;
    match problem {
        RowProblem::Columns { found } => l.pick(
            format!("verwacht 4 kolommen (periode, S, E, N), gevonden: {found}."),
            format!("expected 4 columns (period, S, E, N), found {found}."),
        ),
        RowProblem::Figures { error } => {
            let symbol = match error.field() {
                Field::Start => "S",
                Field::End => "E",
                _ => "N",
            };
            format!("{symbol}: {}", error_message(error, l))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of every mistake. The match below lists every variant without a wildcard, so a
    /// new variant does not compile until it is added here, and so worded and tested.
    fn every_error() -> Vec<InputError> {
        let field = Field::Margin;
        let all = vec![
            InputError::Missing { field },
            InputError::NotANumber { field },
            InputError::Negative { field },
            InputError::NotWhole { field },
            InputError::NotPositive { field },
            InputError::TooLarge { field, max: 1e10 },
            InputError::StartIsZero,
            InputError::NewExceedsEnd,
            InputError::RetainedExceedsStart,
            InputError::NotAPercentage { field },
            InputError::LifespanNeeded,
        ];
        for e in &all {
            match e {
                InputError::Missing { .. }
                | InputError::NotANumber { .. }
                | InputError::Negative { .. }
                | InputError::NotWhole { .. }
                | InputError::NotPositive { .. }
                | InputError::TooLarge { .. }
                | InputError::StartIsZero
                | InputError::NewExceedsEnd
                | InputError::RetainedExceedsStart
                | InputError::NotAPercentage { .. }
                | InputError::LifespanNeeded => {}
            }
        }
        all
    }

    #[test]
    fn every_error_has_words_in_both_languages() {
        let errors = every_error();
        for locale in Locale::ALL {
            let words: Vec<String> = errors.iter().map(|e| error_message(e, locale)).collect();
            for (e, w) in errors.iter().zip(&words) {
                assert!(w.ends_with('.') || w.ends_with('?'), "{e:?}: {w}");
                assert_eq!(words.iter().filter(|other| *other == w).count(), 1, "{w}");
            }
        }
        for e in &errors {
            assert_ne!(
                error_message(e, Locale::Nl),
                error_message(e, Locale::En),
                "{e:?}"
            );
        }
        assert_eq!(
            error_message(
                &InputError::TooLarge {
                    field: Field::Start,
                    max: 1e10
                },
                Locale::Nl
            ),
            "Dat is meer dan 10.000.000.000. Klopt dit getal?"
        );
    }
}
