//! Members and subscriptions: contractual retention, where a member who cancels is known to
//! be gone.
//!
//! - [`calculate_members`]: the members calculator — retention, churn, tenure, member CLV and
//!   growth from S, C and N — with [`explain_members`] saying what each figure means;
//! - [`parse_survivors`] and [`analyse_survivors`]: a pasted survivors table, the sBG of
//!   Fader & Hardie (2007) fitted to it, its projection and residual value (Fader & Hardie
//!   2010), next to constant churn;
//! - [`sniff_members`], [`parse_members`] and [`analyse_members`]: a member export, read like
//!   the order import, into cohorts, Kaplan–Meier survival, members in and out, the sBG per
//!   cohort and pooled, and the members at risk.

mod analysis;
mod calculator;
mod explain;
mod findings;
mod import;
mod sbg;
mod sniff;
mod survivors;
mod words;

pub use analysis::{
    analyse_members, CancellationCluster, MemberCohort, MemberOptions, MemberPeriod, MemberSummary,
    PlanRisk, PooledFit, SurvivalStep, TenureRisk, MAX_MEMBER_COHORTS, MAX_MEMBER_HORIZON,
    MAX_MEMBER_PERIODS, MIN_COHORT_FIT, MIN_DISCOUNT_RATE,
};
pub use calculator::{
    calculate_members, MemberError, MemberField, MemberInputs, MemberReport, MemberRetention,
    MemberValue,
};
pub use explain::{explain_members, MemberAdvice, MemberExplanation, MemberFigure};
pub use findings::{
    cluster_kind, cohort_spread, flow_trend, plan_spread, tenure_focus, ClusterKind, CohortShare,
    CohortSpread, FlowTrend, TenureFocus, MIN_COMPARED, TREND_PERIODS,
};
pub use import::{
    parse_members, MemberBadRow, MemberBadRowReason, MemberImportError, MemberImportStats,
    MemberLog, Subscription, MAX_PLANS,
};
pub use sbg::{ConstantChurn, Lifetimes, Sbg, SbgError, SbgFit};
pub use sniff::{
    sniff_members, MemberColumnGuess, MemberColumnKind, MemberMapping, MemberPreview,
    MEMBER_PREVIEW_ROWS,
};
pub use survivors::{
    analyse_survivors, parse_survivors, Residual, SurvivalPoint, SurvivorExplanation,
    SurvivorFigure, SurvivorInsight, SurvivorOptions, Survivors, SurvivorsError, SurvivorsReport,
    MAX_HORIZON, MAX_SURVIVOR_ROWS, MIN_SURVIVOR_FIGURES,
};
