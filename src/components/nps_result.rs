use retention_core::{explain_nps, Nps, NpsAdvice, NpsFigure};
use yew::prelude::*;

use crate::components::nps_how::NpsHow;
use crate::i18n::{
    band_class, band_sentence, interval_text, nps_advice, nps_band, nps_meaning, nps_text,
    score_with_margin, too_small, use_words, NpsText,
};

#[derive(Properties, PartialEq)]
pub struct NpsResultProps {
    pub nps: Nps,
    /// Which survey it is, when there are two.
    #[prop_or_default]
    pub title: Option<AttrValue>,
    /// Whether to give next steps: a comparison gives its own.
    #[prop_or(true)]
    pub advice: bool,
}

/// One survey's NPS with its margin of error, its band, what it means in the survey's
/// numbers, how it was worked out on demand, and what to do next.
#[component]
pub fn NpsResult(props: &NpsResultProps) -> Html {
    let locale = use_words().locale;
    let nps = &props.nps;
    let explanations = explain_nps(nps);
    let band = nps.band;
    let meaning = nps_meaning(NpsFigure::Score, nps, locale);
    let sub = format!(
        "{}: {} · n = {}",
        nps_text(NpsText::Interval, locale),
        interval_text(nps.interval.low, nps.interval.high, locale),
        retention_core::format_count(nps.respondents, locale),
    );
    html! {
        <div class="rc-nps-result" data-nps-result="">
            if let Some(title) = &props.title {
                <h4>{ title.clone() }</h4>
            }
            <div role="status" aria-live="polite" aria-atomic="true">
                <p class={classes!("rc-nps-badge", format!("rc-badge-{}", band_class(band)))} data-band={band.name()}>
                    { nps_band(band, locale) }
                </p>
                <div class="rc-big">
                    <p class="rc-big-label">{ "NPS" }</p>
                    <p class="rc-big-value" data-nps-figure="score"><span class="rc-value">{ score_with_margin(nps, locale) }</span></p>
                    <p class="rc-big-sub" data-nps-figure="interval">{ sub }</p>
                </div>
                <p class="rc-answer-text" data-nps-meaning="">{ meaning }{ " " }{ band_sentence(band, locale) }</p>
                if nps.too_small {
                    <p class="rc-warning" data-nps-too-small="">{ too_small(locale) }</p>
                }
            </div>
            <NpsHow explanations={explanations.clone()} nps={*nps} />
            if props.advice {
                <NextSteps advice={explanations[0].advice.clone()} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct NextStepsProps {
    pub advice: Vec<NpsAdvice>,
}

/// The next steps the core chose for the situation.
#[component]
pub fn NextSteps(props: &NextStepsProps) -> Html {
    let locale = use_words().locale;
    html! {
        <div class="rc-nps-steps" data-nps-advice="">
            <h4>{ nps_text(NpsText::NextSteps, locale) }</h4>
            <ul>
                { for props.advice.iter().map(|a| html! {
                    <li data-advice={advice_name(*a)}>{ nps_advice(*a, locale) }</li>
                }) }
            </ul>
        </div>
    }
}

/// The figure as the page's attributes name it (the JS API's camelCase names).
pub fn figure_name(figure: NpsFigure) -> &'static str {
    match figure {
        NpsFigure::Score => "score",
        NpsFigure::StandardError => "standardError",
        NpsFigure::MarginOfError => "marginOfError",
        NpsFigure::Change => "change",
        NpsFigure::ChangeStandardError => "changeStandardError",
        NpsFigure::ZScore => "zScore",
        NpsFigure::PValue => "pValue",
        NpsFigure::SampleToBeSignificant => "sampleToBeSignificant",
        NpsFigure::SampleToDetect => "sampleToDetect",
    }
}

fn advice_name(advice: NpsAdvice) -> &'static str {
    match advice {
        NpsAdvice::CloseTheLoop => "closeTheLoop",
        NpsAdvice::FixTopComplaint => "fixTopComplaint",
        NpsAdvice::ActivatePassives => "activatePassives",
        NpsAdvice::AskForReviews => "askForReviews",
        NpsAdvice::ReferralProgramme => "referralProgramme",
        NpsAdvice::SurveyAgain => "surveyAgain",
        NpsAdvice::AskMore => "askMore",
    }
}
