use std::rc::Rc;

use retention_core::{Explanation, Figure, Focus, Period, Report};
use yew::prelude::*;

use crate::components::answer_panel::{big, pending, AnswerPanel, NextSteps};
use crate::components::how_calculated::HowCalculated;
use crate::i18n::{
    advice, answer_sentence, focus_lead, per_period, retained_of, text, use_words, Situation, Text,
};

/// Which of the two headline figures a calculator shows: retention per year, and CLV (with
/// profit CLV under it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Headline {
    pub retention: bool,
    pub value: bool,
    pub profit: bool,
}

impl Headline {
    /// The headline figures `config` shows.
    pub fn of(config: &crate::config::Config) -> Headline {
        let shows = |figures: &[Figure]| figures.iter().any(|f| config.shows(*f));
        Headline {
            retention: shows(&[Figure::RetentionRate, Figure::AnnualRetention]),
            value: config.shows(Figure::Clv),
            profit: config.shows(Figure::ProfitClv),
        }
    }

    /// The figures the answer shows for `period`, first the one it leads with: retention per
    /// year (the period's own rate under it), then CLV. The other figures go in the table.
    pub fn figures(self, period: Period) -> Vec<Figure> {
        let mut figures = Vec::new();
        if self.retention {
            if period != Period::Year {
                figures.push(Figure::AnnualRetention);
            }
            figures.push(Figure::RetentionRate);
        }
        if self.value {
            figures.push(Figure::Clv);
        }
        if self.value && self.profit {
            figures.push(Figure::ProfitClv);
        }
        figures
    }
}

#[derive(Properties, PartialEq)]
pub struct AnswerProps {
    pub report: Rc<Report>,
    pub explanations: Rc<Vec<Explanation>>,
    pub headline: Headline,
    /// What to work on first, as the core chose it.
    pub focus: Option<Focus>,
    /// What more retention would bring, in a sentence.
    #[prop_or_default]
    pub gain: Option<String>,
    /// The answer is on screen: how it was worked out, folded, may be drawn now.
    pub painted: bool,
}

/// The answer: the verdict, retention per year and CLV in large type, one sentence on what
/// they mean, how they were worked out on demand, and the one thing to do first.
#[component]
pub fn Answer(props: &AnswerProps) -> Html {
    let words = use_words();
    let locale = words.locale;
    let report = &props.report;
    let h = props.headline;
    let period = report.retention.map(|r| r.period).unwrap_or_default();
    let figures = h.figures(period);
    let find = |figure: Figure| props.explanations.iter().find(|e| e.figure == figure);
    // A figure as the answer shows it: its name for the page, its value.
    let named = |figure: Figure| {
        let value = find(figure).map(|e| words.q(e.value)).unwrap_or_default();
        (figure.name(), value)
    };
    let retention = report.retention.filter(|_| h.retention);
    let clv = report.value.filter(|_| h.value);

    let retention_block = match retention {
        _ if !h.retention => html! {},
        None => pending("retention", text(Text::PendingRetention, locale)),
        Some(r) if r.period == Period::Year => big(
            Figure::AnnualRetention.label(locale),
            named(Figure::RetentionRate),
            None,
            &retained_of(r.retained, r.start, words),
        ),
        Some(r) => big(
            Figure::AnnualRetention.label(locale),
            named(Figure::AnnualRetention),
            Some(named(Figure::RetentionRate)),
            per_period(r.period, locale),
        ),
    };
    let value_block = match clv {
        _ if !h.value => html! {},
        None => pending("value", text(Text::PendingValue, locale)),
        Some(v) if h.profit && v.profit_clv.is_some() => big(
            text(Text::ClvShort, locale),
            named(Figure::Clv),
            Some(named(Figure::ProfitClv)),
            text(Text::GrossProfit, locale),
        ),
        Some(_) => big(
            text(Text::ClvShort, locale),
            named(Figure::Clv),
            None,
            text(Text::RevenuePerCustomer, locale),
        ),
    };
    let sentence = answer_sentence(retention.as_ref(), clv.as_ref(), words);
    let how: Vec<Html> = figures
        .iter()
        .filter_map(|f| find(*f))
        .map(|e| html! { <HowCalculated explanation={e.clone()} report={report.clone()} /> })
        .collect();
    let cx = Situation {
        words,
        retention: report.retention.as_ref(),
        value: report.value.as_ref(),
        acquisition: report.acquisition.as_ref(),
    };
    let next = props.focus.as_ref().map(|focus| NextSteps {
        focus: focus.figure.name(),
        lead: focus_lead(focus.figure, &cx),
        steps: focus.advice.iter().map(|a| advice(*a, locale)).collect(),
    });
    html! {
        <AnswerPanel
            title_id="rc-answer-title"
            verdict={retention.map(|r| r.verdict)}
            figures={html! { <>{ retention_block }{ value_block }</> }}
            {sentence}
            {how}
            draw_how={props.painted}
            {next}
        >
            if let Some(gain) = &props.gain {
                <p class="rc-gain" data-gain="answer">{ gain.clone() }</p>
            }
        </AnswerPanel>
    }
}
