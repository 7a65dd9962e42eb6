//! The calculator's parts, one component a file.

pub mod answer;
pub mod charts_panel;
pub mod choice_field;
pub mod cohort_heatmap;
pub mod export_bar;
pub mod figure_table;
pub mod forecast_view;
pub mod formula;
pub mod how_calculated;
pub mod import_panel;
pub mod import_results;
pub mod line_chart;
pub mod locale_switch;
pub mod mapping_form;
pub mod member_field;
pub mod member_how;
pub mod members;
pub mod members_answer;
pub mod mode_switch;
pub mod notices;
pub mod number_field;
pub mod periods_panel;
pub mod survivors_panel;
pub mod waterfall_chart;
pub mod what_if;
