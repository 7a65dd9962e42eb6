//! The words of what a member file shows beyond survival: cohorts by start month, members in
//! and out per period, the sBG per cohort, and the members at risk — headings, and sentences
//! with the user's numbers, verdicts and next steps.

use retention_core::{
    format_decimal, CancellationCluster, ClusterKind, CohortSpread, FlowTrend, Locale, Period,
    PlanRisk, Quantity, TenureFocus, TenureRisk,
};

use super::Words;

/// A fixed text of the member file's views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberViewText {
    CohortsTitle,
    CohortsHelp,
    CohortSize,
    MonthsLater,
    FlowsTitle,
    FlowsHelp,
    ChurnChart,
    ChurnChartHelp,
    FlowChart,
    FlowChartHelp,
    Period,
    AtStart,
    New,
    Cancelled,
    AtEnd,
    Churn,
    NewPerMember,
    NetChange,
    NetGrowth,
    Running,
    FitsTitle,
    FitsHelp,
    Cohort,
    Members,
    StillMembers,
    Del,
    ResidualLifetime,
    Clv,
    Pooled,
    TooSmall,
    ProjectionChart,
    ProjectionHelp,
    SbgSeries,
    ConstantSeries,
    RiskTitle,
    PlansTitle,
    Plan,
    OtherPlans,
    ChurnMonth,
    Survival3,
    Survival12,
    MeanFee,
    TenureTitle,
    Tenure,
    ActiveNow,
    ExpectedLeaving,
    ClustersTitle,
    NoClusters,
}

/// A fixed text of the member file's views, in `locale`.
pub fn member_view_text(text: MemberViewText, locale: Locale) -> &'static str {
    use MemberViewText as T;
    let l = locale;
    match text {
        T::CohortsTitle => l.pick("Cohorten per startmaand: wie is er later nog lid?", "Cohorts by start month: who is still a member later?"),
        T::CohortsHelp => l.pick(
            "Elke rij zijn de leden die in die maand begonnen, elke kolom een maand sinds de start, en elk vak het deel dat toen nog lid was. Bij recente maanden tellen alleen de leden die al zo lang gevolgd zijn.",
            "Each row is the members who started in that month, each column a month since the start, and each cell the share still a member then. For recent months only the members followed that long count.",
        ),
        T::CohortSize => l.pick("leden", "members"),
        T::MonthsLater => l.pick("Maanden na de start", "Months after the start"),
        T::FlowsTitle => l.pick("Leden erbij en eraf", "Members in and out"),
        T::FlowsHelp => l.pick(
            "Per periode van de calculator (maand, kwartaal of jaar): de leden aan het begin, wie erbij kwam, wie opzegde, en wat dat netto deed. Churn is het deel van de leden aan het begin dat in de periode opzegde; nieuwe leden die meteen weer opzegden, tellen daar niet in mee.",
            "Per period of the calculator (month, quarter or year): the members at the start, who joined, who cancelled, and what that did net. Churn is the share of the members at the start who cancelled in the period; new members who cancelled straight away do not count in it.",
        ),
        T::ChurnChart => l.pick("Churn per periode", "Churn per period"),
        T::ChurnChartHelp => l.pick(
            "Het deel van de leden aan het begin van elke afgesloten periode dat in die periode opzegde.",
            "The share of the members at the start of each complete period who cancelled in it.",
        ),
        T::FlowChart => l.pick("Nieuwe en opgezegde leden per periode", "New and cancelled members per period"),
        T::FlowChartHelp => l.pick(
            "Hoeveel leden er per periode bij kwamen en hoeveel er opzegden: waar de eerste lijn boven de tweede ligt, groeide je ledenbestand.",
            "How many members joined and how many cancelled in each period: where the first line is above the second, your membership grew.",
        ),
        T::Period => l.pick("Periode", "Period"),
        T::AtStart => l.pick("Leden aan het begin", "Members at the start"),
        T::New => l.pick("Nieuw", "New"),
        T::Cancelled => l.pick("Opgezegd", "Cancelled"),
        T::AtEnd => l.pick("Leden aan het eind", "Members at the end"),
        T::Churn => l.pick("Churn", "Churn"),
        T::NewPerMember => l.pick("Nieuw per bestaand lid", "New per existing member"),
        T::NetChange => l.pick("Netto", "Net"),
        T::NetGrowth => l.pick("Nettogroei", "Net growth"),
        T::Running => l.pick("(loopt nog)", "(still running)"),
        T::FitsTitle => l.pick("Het sBG-model per startmaand", "The sBG model by start month"),
        T::FitsHelp => l.pick(
            "Elke startmaand met genoeg leden krijgt zijn eigen α en β. De verwachting na de horizon is het aantal leden van die maand dat er dan naar verwachting nog is; de verdisconteerde duur is hoeveel maanden een lid dat zo begint naar verwachting betaalt; de resterende duur hoeveel maanden de leden van die maand die er nog zijn nog betalen; de waarde is contributie × marge × verdisconteerde duur.",
            "Each start month with enough members gets its own α and β. The expectation after the horizon is how many of that month's members are expected to be there then; the discounted lifetime is how many months a member who starts that way is expected to pay; the residual lifetime how many more months that month's members still there are expected to pay; the value is fee × margin × discounted lifetime.",
        ),
        T::Cohort => l.pick("Startmaand", "Start month"),
        T::Members => l.pick("Leden", "Members"),
        T::StillMembers => l.pick("Nog lid", "Still members"),
        T::Del => l.pick("Verdisconteerde duur nieuw lid", "Discounted lifetime of a new member"),
        T::ResidualLifetime => l.pick("Resterende duur huidige leden", "Residual lifetime of today's members"),
        T::Clv => l.pick("Waarde nieuw lid", "Value of a new member"),
        T::Pooled => l.pick("Alle leden samen", "All members together"),
        T::TooSmall => l.pick("te weinig leden voor een eigen model", "too few members for a model of its own"),
        T::ProjectionChart => l.pick("Je huidige leden in de komende maanden", "Today's members over the coming months"),
        T::ProjectionHelp => l.pick(
            "Hoeveel van de leden van vandaag er naar verwachting nog zijn, elk vanaf de duur die ze al hebben: volgens het sBG-model en volgens een vaste opzegkans.",
            "How many of today's members are expected to be there, each from the tenure they have: by the sBG model and at constant churn.",
        ),
        T::SbgSeries => l.pick("sBG-model", "sBG model"),
        T::ConstantSeries => l.pick("Vaste opzegkans", "Constant churn"),
        T::RiskTitle => l.pick("Leden die risico lopen", "Members at risk"),
        T::PlansTitle => l.pick("Per abonnement", "By plan"),
        T::Plan => l.pick("Abonnement", "Plan"),
        T::OtherPlans => l.pick("(overige abonnementen)", "(other plans)"),
        T::ChurnMonth => l.pick("Churn per maand", "Churn a month"),
        T::Survival3 => l.pick("Nog lid na 3 maanden", "Still there after 3 months"),
        T::Survival12 => l.pick("Nog lid na 12 maanden", "Still there after 12 months"),
        T::MeanFee => l.pick("Contributie per maand", "Fee a month"),
        T::TenureTitle => l.pick("Per duur van het lidmaatschap", "By tenure"),
        T::Tenure => l.pick("Lid sinds", "Member for"),
        T::ActiveNow => l.pick("Leden nu", "Members now"),
        T::ExpectedLeaving => l.pick("Verwacht op te zeggen in hun volgende maand", "Expected to cancel in their coming month"),
        T::ClustersTitle => l.pick("Maanden waarin opzeggingen zich ophopen", "Months in which cancellations cluster"),
        T::NoClusters => l.pick(
            "Geen maand van het lidmaatschap springt eruit: de opzeggingen zijn over de maanden verspreid.",
            "No month of membership stands out: cancellations are spread over the months.",
        ),
    }
}

fn count(n: u64, words: Words) -> String {
    words.q(Quantity::Count(n))
}

/// A count of members with the noun in the right number: `1 lid`, `3 members`.
fn members(n: u64, words: Words) -> String {
    let noun = match n {
        1 => words.locale.pick("lid", "member"),
        _ => words.locale.pick("leden", "members"),
    };
    format!("{} {noun}", count(n, words))
}

fn about(x: f64, words: Words) -> String {
    count(x.round().max(0.0) as u64, words)
}

fn pct(x: f64, words: Words) -> String {
    words.q(Quantity::Percent(x))
}

/// Members who started before the heatmap's first row.
pub fn before_cohorts_sentence(members: u64, words: Words) -> String {
    let n = self::members(members, words);
    words.locale.pick(
        format!("{n} begonnen vóór de eerste rij; ze tellen mee in alle andere cijfers."),
        format!("{n} started before the first row; they count in every other figure."),
    )
}

/// The best and worst start month after some months, with what to do about it.
pub fn cohort_spread_sentence(s: &CohortSpread, words: Words) -> String {
    let (m, n) = (s.month, s.cohorts);
    let (bl, bs, br, bsize) = (
        &s.best.label,
        pct(s.best.share, words),
        count(s.best.retained, words),
        count(s.best.size, words),
    );
    let (wl, ws, wr, wsize) = (
        &s.worst.label,
        pct(s.worst.share, words),
        count(s.worst.retained, words),
        count(s.worst.size, words),
    );
    words.locale.pick(
        format!("Na {m} maanden was van de leden die in {bl} begonnen nog {bs} lid ({br} van {bsize}), van {wl} maar {ws} ({wr} van {wsize}); vergeleken zijn {n} startmaanden die zo lang gevolgd zijn. Zoek uit wat er in {bl} anders ging — de actie, de prijs, het seizoen, de begeleiding in de eerste weken — en doe dat opnieuw."),
        format!("After {m} months, {bs} of the members who started in {bl} were still members ({br} of {bsize}), of {wl} only {ws} ({wr} of {wsize}); {n} start months followed that long are compared. Find out what was different in {bl} — the campaign, the price, the season, the first weeks' guidance — and do it again."),
    )
}

/// The last periods' flows: what happened, a verdict, and a next step.
pub fn flow_trend_sentence(t: &FlowTrend, period: Period, words: Words) -> String {
    let l = words.locale;
    let unit = period.unit(l);
    let (p, from, to) = (t.periods, &t.from, &t.to);
    let (start, end, new, cancelled) = (
        count(t.start, words),
        members(t.end, words),
        members(t.new, words),
        count(t.cancelled, words),
    );
    // Dutch verbs agree with one member or more: "kwam er 1 lid bij", "zegden er 27 op".
    let came = if t.new == 1 { "kwam" } else { "kwamen" };
    let quit = if t.cancelled == 1 { "zegde" } else { "zegden" };
    let churn = pct(t.mean_churn, words);
    let per = words.q(Quantity::Number(t.mean_new_per_member));
    let needed = about(t.needed_new, words);
    let happened = l.pick(
        format!("Over de laatste {p} afgesloten {unit} ({from} tot en met {to}) {came} er {new} bij en {quit} er {cancelled} op: van {start} naar {end}. De churn was gemiddeld {churn} per periode, met {per} nieuwe leden per bestaand lid."),
        format!("Over the last {p} complete {unit} ({from} to {to}) {new} joined and {cancelled} cancelled: from {start} to {end}. Churn averaged {churn} a period, with {per} new members per existing member."),
    );
    let verdict = match t.net_change {
        n if n > 0 => l.pick(
            format!("Je ledenbestand groeit: de nieuwe leden maken de opzeggingen meer dan goed. Bij deze churn verlies je zo'n {needed} leden per periode; houd de instroom minstens zo hoog en werk aan de eerste maanden, waar de meeste opzeggingen vallen."),
            format!("Your membership grows: new members more than make up for the cancellations. At this churn you lose about {needed} members a period; keep at least that many joining, and work on the first months, where most cancellations fall."),
        ),
        0 => l.pick(
            format!("Je ledenbestand staat stil: er komen evenveel leden bij als er vertrekken, zo'n {needed} per periode. Elk lid dat je langer houdt, is groei."),
            format!("Your membership stands still: as many join as leave, about {needed} a period. Every member you keep longer is growth."),
        ),
        _ => l.pick(
            format!("Je ledenbestand krimpt: er vertrekken meer leden dan er bijkomen. Om bij deze churn op {end} te blijven, heb je zo'n {needed} nieuwe leden per periode nodig; minder opzeggingen (een pauze in plaats van opzeggen, een jaarabonnement, oud-leden terugwinnen) is meestal goedkoper dan meer werven."),
            format!("Your membership shrinks: more members leave than join. To stay at {end} at this churn you need about {needed} new members a period; fewer cancellations (a pause instead of cancelling, an annual plan, winning back former members) is usually cheaper than recruiting more."),
        ),
    };
    format!("{happened} {verdict}")
}

/// A tenure band's name: `0–3 maanden`, `24+ months`.
pub fn tenure_band(risk: &TenureRisk, locale: Locale) -> String {
    let unit = locale.pick("maanden", "months");
    match risk.to_month {
        Some(to) => format!("{}–{to} {unit}", risk.from_month),
        None => format!("{}+ {unit}", risk.from_month),
    }
}

/// Where next month's cancellations are expected to come from, and what to do.
pub fn tenure_focus_sentence(f: &TenureFocus, band: &TenureRisk, words: Words) -> String {
    let l = words.locale;
    // Expected members, not counted ones: a decimal, so that 0.4 does not read as none.
    let (leaving, total) = (
        format_decimal(f.leaving, 0, 1, l),
        format_decimal(f.total, 0, 1, l),
    );
    let name = tenure_band(band, l);
    let active = members(band.active, words);
    let churn = band
        .churn_rate
        .map(|c| pct(c, words))
        .unwrap_or_else(|| "–".into());
    let said = l.pick(
        format!("Van de zo'n {total} leden die naar verwachting in hun volgende maand opzeggen, komen er {leaving} uit de groep die {name} lid is ({active} nu, {churn} churn per maand bij die duur)."),
        format!("Of the about {total} members expected to cancel in their coming month, {leaving} are among those who have been members for {name} ({active} now, {churn} churn a month at that tenure)."),
    );
    let next = if band.from_month == 0 {
        l.pick(
            "Dat zijn nieuwe leden: een goede start (een welkom, een afspraak in de eerste week, een check-in na een maand) houdt ze binnen de eerste 90 dagen.",
            "These are new members: a good start (a welcome, an appointment in the first week, a check-in after a month) keeps them through the first 90 days.",
        )
    } else {
        l.pick(
            "Neem contact op met deze leden voordat ze opzeggen: vraag hoe het gaat, bied een pauze of een ander abonnement aan.",
            "Contact these members before they cancel: ask how it is going, offer a pause or another plan.",
        )
    };
    format!("{said} {next}")
}

/// The plan that loses members fastest against the one that keeps them best.
pub fn plan_spread_sentence(riskiest: &PlanRisk, safest: &PlanRisk, words: Words) -> String {
    let l = words.locale;
    let churn = |p: &PlanRisk| pct(p.churn_rate.unwrap_or_default(), words);
    let (r, rc, rn, rm) = (
        &riskiest.plan,
        churn(riskiest),
        count(riskiest.cancelled, words),
        count(riskiest.members, words),
    );
    let (s, sc, sn, sm) = (
        &safest.plan,
        churn(safest),
        count(safest.cancelled, words),
        count(safest.members, words),
    );
    l.pick(
        format!("Leden met “{r}” zeggen het snelst op: {rc} per maand ({rn} van {rm} opgezegd). Met “{s}” is dat {sc} ({sn} van {sm}). Laat leden met “{r}” overstappen naar “{s}”, bijvoorbeeld met korting, en vraag wie opzegt waarom."),
        format!("Members on “{r}” cancel fastest: {rc} a month ({rn} of {rm} cancelled). On “{s}” it is {sc} ({sn} of {sm}). Move members on “{r}” to “{s}”, with a discount for instance, and ask those who cancel why."),
    )
}

/// A month of tenure in which cancellations cluster, with what to do.
pub fn cluster_sentence(c: &CancellationCluster, kind: ClusterKind, words: Words) -> String {
    let l = words.locale;
    let m = c.month;
    let (left, at_risk) = (count(c.left, words), count(c.at_risk, words));
    let (churn, baseline) = (pct(c.churn_rate, words), pct(c.baseline, words));
    let (excess, approaching) = (about(c.excess, words), count(c.approaching, words));
    let said = l.pick(
        format!("In maand {m} van het lidmaatschap zegden {left} van de {at_risk} leden op ({churn}), tegen {baseline} in de maanden eromheen: zo'n {excess} meer dan gewoonlijk. {approaching} van je huidige leden komen nu in die maand."),
        format!("In month {m} of membership {left} of the {at_risk} members cancelled ({churn}), against {baseline} in the months around it: about {excess} more than usual. {approaching} of today's members are entering that month now."),
    );
    let next = match kind {
        ClusterKind::FirstMonths => l.pick(
            "Leden haken af na hun eerste maand: zorg dat ze in de eerste weken resultaat zien en terugkomen, en bel wie nog niet geweest is.",
            "Members drop out after their first month: make sure they see results and come back in the first weeks, and call those who have not been in yet.",
        ),
        ClusterKind::YearEnd => l.pick(
            "Dit is het eind van een jaarabonnement: herinner leden een maand vooraf aan wat ze bereikt hebben, en bied verlenging met voordeel of een pauze aan in plaats van opzeggen.",
            "This is the end of an annual plan: remind members a month ahead of what they achieved, and offer a renewal with a benefit, or a pause instead of cancelling.",
        ),
        ClusterKind::TermEnd => l.pick(
            "Dit valt samen met het eind van een termijn van drie of zes maanden: spreek leden vóór die maand aan en bied een langer abonnement of een pauze aan.",
            "This falls at the end of a three- or six-month term: reach out before that month and offer a longer plan or a pause.",
        ),
        ClusterKind::Other => l.pick(
            "Kijk wat er in die maand van het lidmaatschap gebeurt — een prijsverhoging, het eind van een actie, een vaste incassodatum — en spreek leden vóór die maand aan.",
            "Look at what happens in that month of membership — a price rise, the end of a promotion, a billing date — and reach out to members before it.",
        ),
    };
    format!("{said} {next}")
}

/// The heading of the members expected after the horizon.
pub fn projected_heading(horizon: u32, locale: Locale) -> String {
    locale.pick(
        format!("Verwacht nog lid over {horizon} maanden"),
        format!("Expected still there in {horizon} months"),
    )
}
