//! The calculator's parts, one component a file.

pub mod choice_field;
pub mod formula;
pub mod locale_switch;
pub mod notices;
pub mod number_field;
pub mod result_card;
pub mod share_bar;
pub mod summary;
