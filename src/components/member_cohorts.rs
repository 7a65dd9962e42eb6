use std::rc::Rc;

use retention_core::{cohort_spread, MemberSummary};
use yew::prelude::*;

use crate::components::cohort_heatmap::{HeatRow, Heatmap};
use crate::i18n::{
    before_cohorts_sentence, cohort_spread_sentence, member_view_text, use_words,
    MemberViewText as T,
};

/// The month since the start at which start months are compared in words: a quarter in,
/// past the first weeks' drop-outs and soon enough for recent cohorts to count.
const COMPARED_MONTH: u32 = 3;

#[derive(Properties, PartialEq)]
pub struct MemberCohortsProps {
    pub summary: Rc<MemberSummary>,
}

/// Members by start month against the months since: the retention heatmap, and the best and
/// worst start month in words.
#[component]
pub fn MemberCohorts(props: &MemberCohortsProps) -> Html {
    let words = use_words();
    let locale = words.locale;
    let s = &props.summary;
    if s.cohorts.is_empty() {
        return html! {};
    }
    let rows: Vec<HeatRow> = s
        .cohorts
        .iter()
        .map(|c| HeatRow::new(&c.label, c.size, &c.shares))
        .collect();
    let spread = cohort_spread(&s.cohorts, COMPARED_MONTH);
    html! {
        <div class="rc-member-cohorts" data-member-view="cohorts">
            <Heatmap
                {rows}
                name="members"
                title={member_view_text(T::CohortsTitle, locale)}
                help={member_view_text(T::CohortsHelp, locale)}
                size_label={member_view_text(T::CohortSize, locale)}
                caption={member_view_text(T::MonthsLater, locale)}
            />
            if let Some(spread) = &spread {
                <p class="rc-advice" data-cohort-spread={spread.best.label.clone()}>{ cohort_spread_sentence(spread, words) }</p>
            }
            if s.members_before_cohorts > 0 {
                <p class="rc-hint">{ before_cohorts_sentence(s.members_before_cohorts, words) }</p>
            }
        </div>
    }
}
