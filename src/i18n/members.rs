//! The members side's words: the mode switch, the members calculator (fields, answer, what
//! each figure means, next steps) and the survivors table (fit, curve, residual value,
//! mistakes). Figure names and formulas come from the core.

use retention_core::{
    format_decimal, format_percent, Locale, MemberAdvice, MemberError, MemberExplanation,
    MemberField, MemberFigure, MemberReport, MemberRetention, MemberValue, Period, Quantity,
    SbgError, SurvivorFigure, SurvivorInsight, SurvivorsError, TARGET_RETENTION,
};

use super::common::{mistake, verdict_sentence, Mistake, Who};
use super::Words;
use crate::members_state::Mode;

/// Fixed texts of the members side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberText {
    ModeLegend,
    MembersIntro,
    MembersLegend,
    FeeLegend,
    PendingRetention,
    PendingValue,
    ClvShort,
    FeeRevenue,
    GrossProfit,
    SurvivorsTitle,
    SurvivorsHelp,
    SurvivorsInput,
    SurvivorsPeriod,
    SurvivorsFee,
    SurvivorsExample,
    FitTitle,
    ChartTitle,
    Actual,
    Fitted,
    Constant,
    Projected,
    RetentionTitle,
    PeriodColumn,
    MembersColumn,
    ActualRetention,
    FittedRetention,
    ResidualTitle,
    ResidualHelp,
    Renewals,
    Derl,
    ConstantDerl,
    ResidualValue,
    ConstantValue,
    FiguresTitle,
    AtConstantChurn,
    Source,
}

pub fn member_text(text: MemberText, locale: Locale) -> &'static str {
    use MemberText::*;
    let l = locale;
    match text {
        ModeLegend => l.pick("Wat wil je berekenen?", "What do you want to work out?"),
        MembersIntro => l.pick(
            "Voor abonnementen en lidmaatschappen: een sportschool, een box, software, een club, een tijdschrift. Een lid dat opzegt is weg; hoe lang blijft een lid, en wat is een lid waard?",
            "For subscriptions and memberships: a gym, a box, software, a club, a magazine. A member who cancels is gone; how long does a member stay, and what is a member worth?",
        ),
        MembersLegend => l.pick("Je leden", "Your members"),
        FeeLegend => l.pick("Contributie", "Fee"),
        PendingRetention => l.pick(
            "Vul de leden aan het begin, de opzeggingen en de nieuwe leden in om de retentie te zien.",
            "Fill in the members at the start, the cancellations and the new members to see retention.",
        ),
        PendingValue => l.pick(
            "Vul de contributie in om te zien wat een lid waard is.",
            "Fill in the fee to see what a member is worth.",
        ),
        ClvShort => l.pick("Waarde van een lid", "Member lifetime value"),
        FeeRevenue => l.pick("aan contributie per lid", "in fees per member"),
        GrossProfit => l.pick("in brutowinst", "in gross profit"),
        SurvivorsTitle => l.pick(
            "Overlevingstabel: hoe lang blijven je leden?",
            "Survivors table: how long do your members stay?",
        ),
        SurvivorsHelp => l.pick(
            "Plak voor één groep leden die tegelijk begonnen (een cohort) per regel een periode en het aantal dat nog lid is, bijvoorbeeld \"0; 1000\" en \"1; 631\", of alleen de aantallen, één per regel. Het shifted-beta-geometric-model (sBG) van Fader & Hardie (2007) wordt erop geschat en doorgetrokken.",
            "For one group of members who started together (a cohort), paste a period and the members still active on each line, such as \"0; 1000\" and \"1; 631\", or just the numbers, one a line. The shifted-beta-geometric model (sBG) of Fader & Hardie (2007) is fitted to it and projected.",
        ),
        SurvivorsInput => l.pick("Periode; leden nog actief", "Period; members still active"),
        SurvivorsPeriod => l.pick("Lengte van een periode", "Length of a period"),
        SurvivorsFee => l.pick("Contributie per periode (optioneel)", "Fee per period (optional)"),
        SurvivorsExample => l.pick("Voorbeeld uit het artikel", "The paper's example"),
        FitTitle => l.pick("Het model", "The model"),
        ChartTitle => l.pick("Leden die blijven: werkelijk, sBG en constante churn", "Members who stay: actual, sBG and constant churn"),
        Actual => l.pick("Werkelijk", "Actual"),
        Fitted => l.pick("sBG", "sBG"),
        Constant => l.pick("Constante churn", "Constant churn"),
        Projected => l.pick("verwacht", "projected"),
        RetentionTitle => l.pick("Retentie naar lidmaatschapsduur", "Retention by tenure"),
        PeriodColumn => l.pick("Periode", "Period"),
        MembersColumn => l.pick("Leden", "Members"),
        ActualRetention => l.pick("Retentie (werkelijk)", "Retention (actual)"),
        FittedRetention => l.pick("Retentie (sBG)", "Retention (sBG)"),
        ResidualTitle => l.pick(
            "Resterende waarde van een lid dat n keer verlengde",
            "Residual value of a member who renewed n times",
        ),
        ResidualHelp => l.pick(
            "De verdisconteerde verwachte resterende duur (DERL, Fader & Hardie 2010): hoeveel periodes een lid dat nu nog actief is naar verwachting nog betaalt, in waarde van vandaag, de betaling van deze periode meegeteld.",
            "The discounted expected residual lifetime (DERL, Fader & Hardie 2010): how many more periods a member who is active now is expected to pay, at today's value, counting this period's payment.",
        ),
        Renewals => l.pick("Verlengingen n", "Renewals n"),
        Derl => l.pick("DERL (sBG)", "DERL (sBG)"),
        ConstantDerl => l.pick("DERL (constante churn)", "DERL (constant churn)"),
        ResidualValue => l.pick("Resterende waarde (sBG)", "Residual value (sBG)"),
        ConstantValue => l.pick("Resterende waarde (constant)", "Residual value (constant)"),
        FiguresTitle => l.pick("Uitgelegd", "Explained"),
        AtConstantChurn => l.pick("Bij constante churn", "At constant churn"),
        Source => l.pick(
            "Bronnen: Fader & Hardie, \"How to Project Customer Retention\" (Journal of Interactive Marketing, 2007) en \"Customer-Base Valuation in a Contractual Setting\" (Marketing Science, 2010).",
            "Sources: Fader & Hardie, \"How to Project Customer Retention\" (Journal of Interactive Marketing, 2007) and \"Customer-Base Valuation in a Contractual Setting\" (Marketing Science, 2010).",
        ),
    }
}

/// The name of a mode on the switch.
pub fn mode_label(mode: Mode, locale: Locale) -> &'static str {
    match mode {
        Mode::Shop => locale.pick("Winkel: klanten", "Shop: customers"),
        Mode::Members => locale.pick("Leden: abonnementen", "Members: subscriptions"),
    }
}

pub fn member_field_label(field: MemberField, locale: Locale) -> &'static str {
    let l = locale;
    match field {
        MemberField::Start => l.pick("Leden aan het begin (S)", "Members at the start (S)"),
        MemberField::Cancelled => l.pick("Opgezegd (C)", "Cancelled (C)"),
        MemberField::New => l.pick("Nieuwe leden (N)", "New members (N)"),
        MemberField::Fee => l.pick("Contributie per periode", "Fee per period"),
        MemberField::Margin => l.pick("Brutomarge", "Gross margin"),
        MemberField::DiscountRate => l.pick("Disconteringsvoet per jaar", "Discount rate a year"),
    }
}

pub fn member_field_hint(field: MemberField, locale: Locale) -> &'static str {
    let l = locale;
    match field {
        MemberField::Start => l.pick(
            "Actieve leden op de eerste dag van de periode.",
            "Active members on the first day of the period.",
        ),
        MemberField::Cancelled => l.pick(
            "Leden van het begin die in de periode opzegden of stopten.",
            "Members from the start who cancelled or stopped during the period.",
        ),
        MemberField::New => l.pick(
            "Leden die in de periode begonnen en aan het eind nog lid zijn.",
            "Members who joined during the period and are still members at its end.",
        ),
        MemberField::Fee => l.pick(
            "Wat een lid per periode betaalt, bijvoorbeeld per maand.",
            "What a member pays per period, for example a month.",
        ),
        MemberField::Margin => l.pick(
            "Optioneel: wat je van de contributie overhoudt na de kosten van een lid.",
            "Optional: what is left of the fee after the cost of serving a member.",
        ),
        MemberField::DiscountRate => l.pick(
            "Optioneel: voor de waarde van toekomstige contributie vandaag, vaak 10%.",
            "Optional: for the value of future fees today, often 10%.",
        ),
    }
}

/// A mistake in a members field, in the page's language.
pub fn member_error(error: &MemberError, locale: Locale) -> String {
    let l = locale;
    let words = match error {
        MemberError::Missing { .. } => return mistake(Mistake::Missing, l),
        MemberError::NotANumber { .. } => return mistake(Mistake::NotANumber, l),
        MemberError::Negative { .. } => return mistake(Mistake::Negative, l),
        MemberError::NotWhole { .. } => l.pick(
            "Leden tel je in hele getallen, zonder decimalen.",
            "Members come in whole numbers, without decimals.",
        ),
        MemberError::TooLarge { max, .. } => return mistake(Mistake::TooLarge(*max), l),
        MemberError::NotAPercentage { .. } => return mistake(Mistake::NotAPercentage, l),
        MemberError::StartIsZero => l.pick(
            "Met 0 leden aan het begin valt er niemand te behouden. Vul meer dan 0 in.",
            "With 0 members at the start there is no one to keep. Enter more than 0.",
        ),
        MemberError::CancelledExceedsStart => l.pick(
            "Er kunnen niet meer leden opzeggen (C) dan er aan het begin waren (S).",
            "More members cannot cancel (C) than there were at the start (S).",
        ),
    };
    words.to_string()
}

fn the_period(period: Period, locale: Locale) -> &'static str {
    match period {
        Period::Month => locale.pick("de maand", "the month"),
        Period::Quarter => locale.pick("het kwartaal", "the quarter"),
        Period::Year => locale.pick("het jaar", "the year"),
    }
}

fn a_period(period: Period, locale: Locale) -> &'static str {
    match period {
        Period::Month => locale.pick("maand", "month"),
        Period::Quarter => locale.pick("kwartaal", "quarter"),
        Period::Year => locale.pick("jaar", "year"),
    }
}

/// One plain sentence on what a members figure means, in the user's numbers.
pub fn member_meaning(e: &MemberExplanation, report: &MemberReport, words: Words) -> String {
    let l = words.locale;
    let q = |x: Quantity| words.q(x);
    let count = |n: u64| q(Quantity::Count(n));
    let pct = |p: f64| q(Quantity::Percent(p));
    let money = |m: f64| q(Quantity::RoundMoney(m));
    let Some(r) = report.retention.as_ref() else {
        return String::new();
    };
    let p = the_period(r.period, l);
    let value = report.value.as_ref();
    match e.figure {
        MemberFigure::RetentionRate => {
            let (rate, kept, start) = (pct(r.retention_rate), count(r.retained), count(r.start));
            l.pick(
                format!("Van de {start} leden waarmee je {p} begon, bleven er {kept}: {rate}. Nieuwe leden tellen niet mee."),
                format!("Of the {start} members you started {p} with, {kept} stayed: {rate}. New members do not count."),
            )
        }
        MemberFigure::ChurnRate => {
            let (c, s, churn) = (count(r.cancelled), count(r.start), pct(r.churn_rate));
            l.pick(
                format!("{c} van de {s} leden zegden op in {p}: {churn}. Een opzegging is een bekend verlies: dat lid is weg, anders dan een klant die alleen een tijd niets koopt."),
                format!("{c} of {s} members cancelled during {p}: {churn}. A cancellation is a known loss: that member is gone, unlike a customer who just has not bought for a while."),
            )
        }
        MemberFigure::AnnualRetention => {
            let (annual, n) = (pct(r.annual_retention_rate), r.period.per_year());
            l.pick(
                format!("Houdt dit tempo een jaar aan, dan is na {n} periodes nog {annual} van je leden lid. Dit getal vergelijk je met de 85%-norm."),
                format!("If this rate holds for a year, {annual} of your members are still members after {n} periods. This is the figure to compare with the 85% target."),
            )
        }
        MemberFigure::AnnualChurn => {
            let annual = pct(r.annual_churn_rate);
            let naive = pct(r.churn_rate * f64::from(r.period.per_year()));
            l.pick(
                format!("Over een jaar zegt {annual} van je leden op, niet {naive}: elke periode vertrekt een deel van een kleinere groep."),
                format!("Over a year {annual} of your members cancel, not {naive}: each period a share of a smaller group leaves."),
            )
        }
        MemberFigure::End => {
            let (s, c, n, e) = (
                count(r.start),
                count(r.cancelled),
                count(r.new),
                count(r.end),
            );
            l.pick(
                format!("Je begon {p} met {s} leden; {c} zegden op en {n} kwamen erbij, dus je eindigde met {e}."),
                format!("You started {p} with {s} members; {c} cancelled and {n} joined, so you ended with {e}."),
            )
        }
        MemberFigure::NewPerMember => {
            let per = format_decimal(r.new_per_member, 2, 3, l);
            let tail = match r.new_per_cancellation {
                Some(x) => {
                    let x = format_decimal(x, 1, 2, l);
                    l.pick(
                        format!(" Per opzegging kwamen er {x} nieuwe leden bij; bij 1 of meer krimpt je ledental niet."),
                        format!(" For every cancellation {x} new members joined; at 1 or more your membership does not shrink."),
                    )
                }
                None => String::new(),
            };
            l.pick(
                format!("Per lid aan het begin kwamen er {per} nieuwe leden bij in {p}.{tail}"),
                format!(
                    "For every member at the start, {per} new members joined during {p}.{tail}"
                ),
            )
        }
        MemberFigure::NetGrowth => {
            let (rate, net) = (
                pct(r.net_growth_rate.abs()),
                count(r.net_change.unsigned_abs()),
            );
            if r.net_change >= 0 {
                l.pick(
                    format!("Je ledental groeide in {p} met {net} leden ({rate}): er kwamen minstens zoveel leden bij als er opzegden."),
                    format!("Your membership grew by {net} members ({rate}) during {p}: at least as many members joined as cancelled."),
                )
            } else {
                l.pick(
                    format!("Je ledental kromp in {p} met {net} leden ({rate}): er zegden meer leden op dan er bijkwamen."),
                    format!("Your membership shrank by {net} members ({rate}) during {p}: more members cancelled than joined."),
                )
            }
        }
        MemberFigure::Tenure => {
            let (years, churn) = (q(e.value), pct(r.churn_rate));
            let unit = a_period(r.period, l);
            l.pick(
                format!("Met {churn} opzeggingen per {unit} blijft een lid gemiddeld {years}. Dat gaat uit van gelijkblijvende churn; in werkelijkheid blijven leden die al lang lid zijn vaak langer (zie de overlevingstabel)."),
                format!("With {churn} cancelling per {unit} a member stays {years} on average. That assumes churn stays the same; in reality long-standing members often stay longer (see the survivors table)."),
            )
        }
        MemberFigure::Clv => match value {
            Some(v) => {
                let (fee, clv) = (q(Quantity::Money(v.fee)), money(v.clv));
                let periods = q(Quantity::Periods(v.tenure_periods, r.period));
                l.pick(
                    format!("Een gemiddeld lid betaalt {fee} per {}, {periods} lang: {clv} aan contributie.", a_period(r.period, l)),
                    format!("An average member pays {fee} a {} for {periods}: {clv} in fees.", a_period(r.period, l)),
                )
            }
            None => String::new(),
        },
        MemberFigure::ProfitClv => match value.and_then(|v| v.profit_clv) {
            Some(profit) => {
                let profit = money(profit);
                l.pick(
                    format!("Daarvan is {profit} brutowinst: het meeste dat je aan het werven en houden van een lid kunt uitgeven zonder verlies."),
                    format!("Of that, {profit} is gross profit: the most you can spend to win and keep a member without losing money."),
                )
            }
            None => String::new(),
        },
        MemberFigure::DiscountedClv => match value {
            Some(MemberValue {
                discount_rate: Some(d),
                discounted_clv: Some(clv),
                ..
            }) => {
                let (d, clv) = (pct(*d), money(*clv));
                l.pick(
                    format!("Een euro later is minder waard dan een euro nu: elke toekomstige contributie telt bij {d} per jaar voor zijn waarde vandaag mee, de eerste direct. Zo is een nieuw lid {clv} waard."),
                    format!("Money later is worth less than money now: every future fee counts at its value today at {d} a year, the first one at once. So a new member is worth {clv}."),
                )
            }
            _ => String::new(),
        },
    }
}

/// The verdict on annual retention, in one sentence.
pub fn member_verdict_sentence(r: &MemberRetention, words: Words) -> String {
    verdict_sentence(
        r.verdict,
        r.annual_retention_rate,
        r.period,
        Who::Members,
        words,
    )
}

/// How a figure compares with what it would be at the 85 % target.
pub fn member_comparison(
    e: &MemberExplanation,
    report: &MemberReport,
    words: Words,
) -> Option<String> {
    let r = report.retention.as_ref()?;
    let l = words.locale;
    if matches!(
        e.figure,
        MemberFigure::RetentionRate | MemberFigure::AnnualRetention
    ) {
        return Some(member_verdict_sentence(r, words));
    }
    let at = words.q(e.at_target?);
    let target = format_percent(TARGET_RETENTION, 0, l);
    let p = the_period(r.period, l);
    Some(match e.figure {
        MemberFigure::ChurnRate => l.pick(
            format!("Bij de norm van {target} per jaar zegt hooguit {at} op in {p}."),
            format!("At the target of {target} a year at most {at} cancel during {p}."),
        ),
        MemberFigure::AnnualChurn => l.pick(
            format!("De norm van {target} retentie laat hooguit {at} opzeggingen per jaar toe."),
            format!("The target of {target} retention allows at most {at} cancelling a year."),
        ),
        MemberFigure::NewPerMember => l.pick(
            format!("Bij de norm van {target} per jaar heb je {at} nieuwe leden per lid nodig om gelijk te blijven."),
            format!("At the target of {target} a year you need {at} new members per member to stay level."),
        ),
        MemberFigure::NetGrowth => l.pick(
            format!("Met evenveel nieuwe leden en churn op de norm van {target} per jaar zou de groei {at} zijn."),
            format!("With as many new members and churn at the target of {target} a year, growth would be {at}."),
        ),
        MemberFigure::Tenure => l.pick(
            format!("Bij de norm van {target} per jaar blijft een lid gemiddeld {at}."),
            format!("At the target of {target} a year a member stays {at} on average."),
        ),
        _ => l.pick(
            format!("Bij de norm van {target} per jaar zou dit {at} zijn."),
            format!("At the target of {target} a year this would be {at}."),
        ),
    })
}

/// The answer in one sentence: how long a member stays and what they are worth.
pub fn member_answer_sentence(report: &MemberReport, words: Words) -> String {
    let l = words.locale;
    let Some(r) = report.retention.as_ref() else {
        return String::new();
    };
    let annual = words.q(Quantity::Percent(r.annual_retention_rate));
    let stay = match (r.tenure, report.value.as_ref()) {
        (Some(t), Some(v)) => {
            let (years, clv) = (
                words.q(Quantity::Years(t.years)),
                words.q(Quantity::RoundMoney(v.clv)),
            );
            l.pick(
                format!(" Een lid blijft gemiddeld {years} en betaalt in die tijd {clv}."),
                format!(" A member stays {years} on average and pays {clv} in that time."),
            )
        }
        (Some(t), None) => {
            let years = words.q(Quantity::Years(t.years));
            l.pick(
                format!(" Een lid blijft gemiddeld {years}."),
                format!(" A member stays {years} on average."),
            )
        }
        (None, _) => l
            .pick(
                " Niemand zegde op, dus de duur van een lidmaatschap valt hier niet uit af te leiden.",
                " Nobody cancelled, so the length of a membership cannot be worked out from this.",
            )
            .to_string(),
    };
    let per = format_decimal(r.new_per_member, 2, 3, l);
    let growth = words.q(Quantity::Percent(r.net_growth_rate));
    l.pick(
        format!("Je houdt {annual} van je leden per jaar.{stay} Per bestaand lid kwamen er {per} nieuwe bij; nettogroei {growth}."),
        format!("You keep {annual} of your members a year.{stay} {per} new members joined per existing member; net growth {growth}."),
    )
}

/// A next step for a membership business.
pub fn member_advice(advice: MemberAdvice, locale: Locale) -> &'static str {
    let l = locale;
    match advice {
        MemberAdvice::Onboarding => l.pick(
            "Begeleid nieuwe leden in hun eerste 90 dagen: een welkomstgesprek, een plan en een check-in na twee weken. Daar zeggen de meesten op.",
            "Guide new members through their first 90 days: a welcome call, a plan and a check-in after two weeks. That is when most of them cancel.",
        ),
        MemberAdvice::AnnualPlans => l.pick(
            "Bied een jaarabonnement aan, of korting bij vooruitbetalen: minder momenten om op te zeggen.",
            "Offer an annual plan, or a discount for paying a year ahead: fewer moments to cancel.",
        ),
        MemberAdvice::PauseInsteadOfCancel => l.pick(
            "Bied een pauze aan in plaats van opzeggen: een lid dat pauzeert komt vaak terug.",
            "Offer a pause instead of cancelling: a member who pauses often comes back.",
        ),
        MemberAdvice::WinBackCancelled => l.pick(
            "Benader opgezegde leden na een maand of twee met een aanbod om terug te komen.",
            "Approach cancelled members after a month or two with an offer to come back.",
        ),
        MemberAdvice::ExitSurvey => l.pick(
            "Vraag iedereen die opzegt waarom, in één vraag, en pak de belangrijkste reden aan.",
            "Ask everyone who cancels why, in one question, and fix the main reason.",
        ),
        MemberAdvice::FailedPayments => l.pick(
            "Probeer mislukte betalingen opnieuw en herinner leden aan een verlopen pas: onbedoelde opzeggingen zijn het makkelijkst te voorkomen.",
            "Retry failed payments and remind members of an expiring card: involuntary churn is the easiest to prevent.",
        ),
        MemberAdvice::Referral => l.pick(
            "Beloon leden die een vriend meenemen: tevreden leden werven goedkoop nieuwe leden.",
            "Reward members who bring a friend: happy members win new ones at a low cost.",
        ),
        MemberAdvice::Upgrade => l.pick(
            "Bied leden die het meest gebruiken een hoger abonnement of extra's aan.",
            "Offer a higher plan or extras to the members who use the service most.",
        ),
        MemberAdvice::Loyalty => l.pick(
            "Zet trouwe leden in het zonnetje: een bedankje bij elk jaar lidmaatschap.",
            "Recognise loyal members: a thank-you for every year of membership.",
        ),
        MemberAdvice::Acquisition => l.pick(
            "Er zeggen meer leden op dan er bijkomen: investeer in het werven van nieuwe leden.",
            "More members cancel than join: invest in winning new members.",
        ),
        MemberAdvice::Pricing => l.pick(
            "Kijk naar de contributie en de kosten per lid: een kleine prijsstap weegt over de hele lidmaatschapsduur.",
            "Review the fee and the cost of serving a member: a small price step counts over the whole tenure.",
        ),
    }
}

/// A mistake in a pasted survivors table, in the page's language.
pub fn survivors_error(error: &SurvivorsError, words: Words) -> String {
    let l = words.locale;
    let count = |n: u64| words.q(Quantity::Count(n));
    match error {
        SurvivorsError::TooFewPeriods { found, needed } => l.pick(
            format!("{found} getallen is te weinig: geef de leden aan het begin en na minstens twee periodes ({needed} getallen)."),
            format!("{found} numbers is too few: give the members at the start and after at least two periods ({needed} numbers)."),
        ),
        SurvivorsError::NoMembers => l
            .pick(
                "Het eerste getal is 0: er zijn geen leden om te volgen.",
                "The first number is 0: there are no members to follow.",
            )
            .into(),
        SurvivorsError::Rises { line, previous, count: c } => {
            let (prev, c) = (count(*previous), count(*c));
            l.pick(
                format!("Regel {line}: {c} leden is meer dan de {prev} ervoor. Een cohort kan alleen krimpen; nieuwe leden horen bij een nieuw cohort."),
                format!("Line {line}: {c} members is more than the {prev} before. A cohort can only shrink; new members belong to a new cohort."),
            )
        }
        SurvivorsError::NotACount { line, text } => {
            let text: String = text.chars().take(40).collect();
            l.pick(
                format!("Regel {line}: \"{text}\" is geen heel aantal leden."),
                format!("Line {line}: \"{text}\" is not a whole number of members."),
            )
        }
        SurvivorsError::Columns { line, found } => l.pick(
            format!("Regel {line} heeft {found} kolommen; geef een periode en het aantal leden dat nog actief is."),
            format!("Line {line} has {found} columns; give a period and the members still active."),
        ),
        SurvivorsError::TooManyRows { max } => l.pick(
            format!("Meer dan {max} regels: plak één cohort."),
            format!("More than {max} lines: paste one cohort."),
        ),
    }
}

/// Why the sBG could not be fitted, in the page's language.
pub fn sbg_error(error: &SbgError, words: Words) -> String {
    let l = words.locale;
    match error {
        SbgError::NoMembers => l.pick("Er zijn geen leden om te volgen.", "There are no members to follow.").into(),
        SbgError::TooFewMembers { found, needed } => {
            let (found, needed) = (words.q(Quantity::Count(*found)), words.q(Quantity::Count(*needed)));
            l.pick(
                format!("{found} leden is te weinig om het model te schatten; er zijn er minstens {needed} nodig."),
                format!("{found} members is too few to fit the model; at least {needed} are needed."),
            )
        }
        SbgError::NoChurn => l
            .pick(
                "Niemand zegde op, dus er is geen churn om te schatten: de retentie is 100%.",
                "Nobody cancelled, so there is no churn to fit: retention is 100%.",
            )
            .into(),
        SbgError::EveryoneLeft => l
            .pick(
                "Iedereen zegde in de eerste periode op: niets laat zien hoe de retentie met de duur verandert.",
                "Everyone cancelled in the first period: nothing shows how retention changes with tenure.",
            )
            .into(),
        SbgError::TooFewPeriods => l
            .pick(
                "Niemand is langer dan één periode gevolgd; er zijn er minstens twee nodig.",
                "Nobody was followed for more than one period; at least two are needed.",
            )
            .into(),
        SbgError::DidNotConverge => l
            .pick(
                "Het model kon niet op deze getallen worden geschat. Kloppen ze?",
                "The model could not be fitted to these numbers. Are they right?",
            )
            .into(),
    }
}

/// α and β in words: how churn differs between members.
pub fn fit_sentence(alpha: f64, beta: f64, homogeneous: bool, words: Words) -> String {
    let l = words.locale;
    let (a, b) = (
        format_decimal(alpha, 3, 3, l),
        format_decimal(beta, 3, 3, l),
    );
    let mean = words.q(Quantity::Percent(alpha / (alpha + beta) * 100.0));
    if homogeneous {
        return l.pick(
            format!("α = {a}, β = {b}. Je leden lijken op elkaar: ieder zegt met ongeveer dezelfde kans op, {mean} per periode."),
            format!("α = {a}, β = {b}. Your members look alike: each cancels with about the same chance, {mean} a period."),
        );
    }
    l.pick(
        format!("α = {a}, β = {b}. Elk lid heeft zijn eigen kans om op te zeggen; gemiddeld is die {mean} per periode, maar sommige leden zijn veel trouwer dan andere. Wie snel opzegt, vertrekt als eerste; de trouwe leden blijven."),
        format!("α = {a}, β = {b}. Every member has their own chance of cancelling; on average it is {mean} a period, but some members are far more loyal than others. Those likely to cancel leave first; the loyal ones stay."),
    )
}

/// What stands out in a fitted survivors table, in one sentence.
pub fn insight_sentence(insight: &SurvivorInsight, period: Period, words: Words) -> String {
    let l = words.locale;
    let pct = |p: f64| words.q(Quantity::Percent(p));
    let members = |n: f64| words.q(Quantity::Count(n.round().max(0.0) as u64));
    let unit = period.unit(l);
    let periods = |n: f64| words.q(Quantity::Periods(n, period));
    match *insight {
        SurvivorInsight::RetentionRises { first, last, projected } => {
            let (first, last, projected) = (pct(first), pct(last), pct(projected));
            l.pick(
                format!("De retentie stijgt met de duur: van {first} in de eerste periode naar {last} in de laatste periode van je tabel, en naar {projected} aan het eind van de projectie. Niet omdat leden trouwer worden, maar omdat de leden die snel opzeggen als eerste vertrekken en de trouwe overblijven."),
                format!("Retention rises with tenure: from {first} in the first period to {last} in the last period of your table, and to {projected} at the end of the projection. Not because members grow more loyal, but because the members likely to cancel leave first and the loyal ones remain."),
            )
        }
        SurvivorInsight::Homogeneous => l
            .pick(
                "De retentie stijgt niet met de duur: je leden lijken op elkaar, en constante churn beschrijft ze even goed.",
                "Retention does not rise with tenure: your members look alike, and constant churn describes them as well.",
            )
            .into(),
        SurvivorInsight::ConstantChurnUnderestimates { period: t, sbg, constant } => {
            let (sbg, constant) = (members(sbg), members(constant));
            l.pick(
                format!("Na {t} {unit} verwacht het sBG nog {sbg} leden, constante churn maar {constant}: constante churn schrijft de trouwe leden te vroeg af."),
                format!("After {t} {unit} the sBG expects {sbg} members still there, constant churn only {constant}: constant churn writes off the loyal members too soon."),
            )
        }
        SurvivorInsight::ConstantChurnOverestimates { period: t, sbg, constant } => {
            let (sbg, constant) = (members(sbg), members(constant));
            l.pick(
                format!("Na {t} {unit} verwacht het sBG nog {sbg} leden, constante churn {constant}: constante churn is hier te optimistisch."),
                format!("After {t} {unit} the sBG expects {sbg} members still there, constant churn {constant}: constant churn is too hopeful here."),
            )
        }
        SurvivorInsight::LoyalMembersWorthMore { renewals, derl, new_member, constant } => {
            let (derl, new_member, constant) = (periods(derl), periods(new_member), periods(constant));
            l.pick(
                format!("Een lid dat {renewals} keer verlengde, blijft naar verwachting nog {derl} (verdisconteerd), een nieuw lid {new_member}. Constante churn geeft beide {constant}: hij ziet niet dat trouwe leden meer waard zijn."),
                format!("A member who renewed {renewals} times is expected to stay {derl} more (discounted), a new member {new_member}. Constant churn gives both {constant}: it misses that loyal members are worth more."),
            )
        }
    }
}

/// What a survivors figure means.
pub fn survivor_meaning(figure: SurvivorFigure, locale: Locale) -> &'static str {
    let l = locale;
    match figure {
        SurvivorFigure::FirstPeriodChurn => l.pick(
            "Het deel van een nieuw cohort dat in de eerste periode opzegt: α / (α + β).",
            "The share of a new cohort that cancels in the first period: α / (α + β).",
        ),
        SurvivorFigure::RetentionByTenure => l.pick(
            "De kans dat een lid dat de laatste periode van je tabel haalde, ook die periode verlengde.",
            "The chance that a member who reached the last period of your table renewed for it.",
        ),
        SurvivorFigure::Projected => l.pick(
            "Hoeveel leden van het cohort er aan het eind van de projectie naar verwachting nog zijn.",
            "How many members of the cohort are expected to be left at the end of the projection.",
        ),
        SurvivorFigure::Del => l.pick(
            "Hoeveel periodes een nieuw lid naar verwachting betaalt, in waarde van vandaag.",
            "How many periods a new member is expected to pay, at today's value.",
        ),
        SurvivorFigure::Derl => l.pick(
            "Hoeveel periodes een lid dat de hele tabel bleef nog betaalt, in waarde van vandaag.",
            "How many more periods a member who stayed the whole table is expected to pay, at today's value.",
        ),
        SurvivorFigure::Clv => l.pick(
            "Wat een nieuw lid waard is: contributie × marge × DEL.",
            "What a new member is worth: fee × margin × DEL.",
        ),
    }
}

/// The survival chart for screen readers.
pub fn survivors_chart_description(points: usize, observed: usize, locale: Locale) -> String {
    locale.pick(
        format!("Leden die na elke periode nog lid zijn: de {observed} periodes van je tabel en de projectie tot periode {}, volgens het sBG en volgens constante churn.", points.saturating_sub(1)),
        format!("Members still there after each period: the {observed} periods of your table and the projection to period {}, by the sBG and by constant churn.", points.saturating_sub(1)),
    )
}
