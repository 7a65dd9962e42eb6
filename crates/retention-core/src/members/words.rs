//! The words the page, the command line and files share about members: figure names and
//! formulas in symbols, and formulas with the user's numbers. Like the shop's
//! [`words`](crate::Figure::label), one home in both languages; sentences only the page shows
//! live in the app's `i18n`.

use super::explain::{MemberExplanation, MemberFigure};
use super::survivors::{SurvivorExplanation, SurvivorFigure};
use crate::words::{numbers, superscript};
use crate::{Currency, Locale, Period};

impl MemberFigure {
    /// The figure's name.
    ///
    /// ```
    /// use retention_core::{Locale, MemberFigure};
    /// assert_eq!(MemberFigure::Tenure.label(Locale::Nl), "Verwachte lidmaatschapsduur");
    /// assert_eq!(MemberFigure::RetentionRate.label(Locale::En), "Member retention rate");
    /// ```
    pub fn label(self, locale: Locale) -> &'static str {
        let l = locale;
        match self {
            MemberFigure::RetentionRate => l.pick("Ledenretentie", "Member retention rate"),
            MemberFigure::ChurnRate => l.pick("Churn (opzeggingen)", "Churn rate"),
            MemberFigure::AnnualRetention => l.pick("Retentie per jaar", "Retention per year"),
            MemberFigure::AnnualChurn => l.pick("Churn per jaar", "Churn per year"),
            MemberFigure::End => l.pick("Leden aan het eind", "Members at the end"),
            MemberFigure::NewPerMember => l.pick("Nieuwe leden per lid", "New members per member"),
            MemberFigure::NetGrowth => l.pick("Nettogroei", "Net growth"),
            MemberFigure::Tenure => l.pick("Verwachte lidmaatschapsduur", "Expected tenure"),
            MemberFigure::Clv => l.pick("Waarde van een lid (CLV)", "Member lifetime value (CLV)"),
            MemberFigure::ProfitClv => l.pick("CLV in brutowinst", "Profit CLV"),
            MemberFigure::DiscountedClv => l.pick("Verdisconteerde CLV", "Discounted CLV"),
        }
    }

    /// The formula in symbols: S members at the start, C cancelled, N new. Exponents are
    /// superscript.
    ///
    /// ```
    /// use retention_core::{Locale, MemberFigure, Period};
    /// assert_eq!(MemberFigure::RetentionRate.formula(Period::Month, Locale::En), "retention = (S − C) / S × 100");
    /// assert_eq!(MemberFigure::End.formula(Period::Month, Locale::Nl), "E = S − C + N");
    /// ```
    pub fn formula(self, period: Period, locale: Locale) -> String {
        let l = locale;
        let n = superscript(period.per_year());
        match self {
            MemberFigure::RetentionRate => {
                format!("{} = (S − C) / S × 100", l.pick("retentie", "retention"))
            }
            MemberFigure::ChurnRate => "churn = C / S × 100".into(),
            MemberFigure::AnnualRetention => format!(
                "{} = {}{n}",
                l.pick("retentie per jaar", "retention per year"),
                l.pick("retentie", "retention")
            ),
            MemberFigure::AnnualChurn => {
                format!("{} = 1 − (1 − churn){n}", l.pick("churn per jaar", "churn per year"))
            }
            MemberFigure::End => "E = S − C + N".into(),
            MemberFigure::NewPerMember => {
                format!("{} = N / S", l.pick("nieuw per lid", "new per member"))
            }
            MemberFigure::NetGrowth => {
                format!("{} = (N − C) / S × 100", l.pick("nettogroei", "net growth"))
            }
            MemberFigure::Tenure => {
                crate::words::one_over_churn(l.pick("duur", "tenure"), period, l)
            }
            MemberFigure::Clv => l
                .pick("CLV = contributie × duur", "CLV = fee × tenure")
                .into(),
            MemberFigure::ProfitClv => l
                .pick("CLV in brutowinst = CLV × marge", "profit CLV = CLV × margin")
                .into(),
            MemberFigure::DiscountedClv => l
                .pick(
                    "CLV = m × (1 + d) / (d + churn), m = contributie × marge, d = disconteringsvoet per periode",
                    "CLV = m × (1 + d) / (d + churn), m = fee × margin, d = discount rate a period",
                )
                .into(),
        }
    }
}

impl MemberExplanation {
    /// The formula with the user's numbers, exponents as `^n`: `(1.000 − 50) / 1.000 × 100`.
    pub fn numbers(&self, locale: Locale, currency: Currency) -> String {
        numbers(&self.formula, locale, currency)
    }
}

impl SurvivorFigure {
    /// The figure's name.
    pub fn label(self, locale: Locale) -> &'static str {
        let l = locale;
        match self {
            SurvivorFigure::FirstPeriodChurn => {
                l.pick("Churn in de eerste periode", "Churn in the first period")
            }
            SurvivorFigure::RetentionByTenure => l.pick(
                "Retentie in de laatste periode",
                "Retention in the last period",
            ),
            SurvivorFigure::Projected => l.pick("Verwachte leden", "Members expected"),
            SurvivorFigure::Del => l.pick(
                "Verdisconteerde duur van een nieuw lid (DEL)",
                "Discounted lifetime of a new member (DEL)",
            ),
            SurvivorFigure::Derl => l.pick(
                "Verdisconteerde resterende duur (DERL)",
                "Discounted residual lifetime (DERL)",
            ),
            SurvivorFigure::Clv => l.pick("Waarde van een nieuw lid", "Value of a new member"),
        }
    }
}

impl SurvivorExplanation {
    /// The formula with the fitted numbers, as plain text.
    pub fn numbers(&self, locale: Locale, currency: Currency) -> String {
        numbers(&self.formula, locale, currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_has_a_name_and_formula_in_both_languages() {
        for figure in MemberFigure::ALL {
            for period in Period::ALL {
                let (nl, en) = (
                    figure.formula(period, Locale::Nl),
                    figure.formula(period, Locale::En),
                );
                assert!(nl.contains(" = ") && en.contains(" = "), "{figure:?}");
            }
            assert!(!figure.label(Locale::Nl).is_empty() && !figure.label(Locale::En).is_empty());
        }
    }
}
