//! A unit's own figures, and the table of its child units to drill into,
//! each with how many of its open cases are overdue for discussion (F3.7),
//! how many of its records were shared late (F4.3), how many of its
//! supervisors have had their practice observed in the last year (F8.3) and
//! how many of its booked sessions were called off (F9.3).

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

use supervision_shared::ComplianceCategory;

use super::figures::{FiguresResource, UnitFigure, figure, unit_line};
use super::location::ReportLocation;
use super::trend::column_heading;
use crate::api::booking::CancellationFigures;
use crate::api::observation::ObservationFigures;
use crate::api::report::{CaseFigures, LateSharing, UnitFigures};
use crate::components::compliance_tag::figure_text;
use crate::dates;

/// Late sharing for the unit and its children.
pub type LateResource = FiguresResource<LateSharing>;

/// Open and overdue cases for the unit and its children.
pub type CasesResource = FiguresResource<CaseFigures>;

/// Observation of practice for the unit and its children.
pub type ObservationsResource = FiguresResource<ObservationFigures>;

/// Booked sessions called off, for the unit and its children.
pub type CancellationsResource = FiguresResource<CancellationFigures>;

/// The figures loaded apart from the report, for the table.
#[derive(Clone, Copy)]
pub struct Apart {
    /// Late sharing.
    pub late: LateResource,
    /// Overdue cases.
    pub cases: CasesResource,
    /// Observation of practice.
    pub observations: ObservationsResource,
    /// Sessions called off.
    pub cancellations: CancellationsResource,
}

/// The unit's own figures loaded apart, for a unit with no child units.
pub fn unit_lines(unit_id: Uuid, as_at: NaiveDate, apart: Apart) -> impl IntoView {
    view! {
        {unit_line("Shared late", late_explanation(as_at), apart.late, unit_id)}
        {unit_line("Cases overdue", cases_explanation(as_at), apart.cases, unit_id)}
        {unit_line("Observed", OBSERVED_EXPLANATION.to_owned(), apart.observations, unit_id)}
        {unit_line("Called off", called_off_explanation(as_at), apart.cancellations, unit_id)}
    }
}

/// What "Observed" means.
const OBSERVED_EXPLANATION: &str = "Observed: supervisors whose practice in supervision was observed, and the observation signed by both, within the last year (or who began supervising less than a year ago).";

impl UnitFigure for ObservationFigures {
    const NOTHING: &'static str = "No supervisors";

    fn unit_id(&self) -> Uuid {
        self.unit_id
    }

    /// "4 of 5 in date"; none when the unit has no supervisors.
    fn parts(&self) -> Option<Vec<String>> {
        (self.supervisors > 0)
            .then(|| vec![format!("{} of {} in date", self.in_date, self.supervisors)])
    }
}

/// What "Cases overdue" means, as at the date judged.
fn cases_explanation(as_at: NaiveDate) -> String {
    format!(
        "Cases overdue: open cases not discussed in supervision within 8 weeks, as at {}.",
        dates::long(as_at)
    )
}

/// The overdue count out of the open cases ("2 of 7"); none when the unit
/// has no open cases.
fn cases_parts(figures: &CaseFigures) -> Option<String> {
    (figures.open_cases > 0).then(|| format!("{} of {}", figures.overdue_cases, figures.open_cases))
}

impl UnitFigure for CaseFigures {
    const NOTHING: &'static str = "No open cases";

    fn unit_id(&self) -> Uuid {
        self.unit_id
    }

    /// "2 of 7 open".
    fn parts(&self) -> Option<Vec<String>> {
        cases_parts(self).map(|counts| vec![counts, "open".to_owned()])
    }
}

/// What "Shared late" means, in the year to the date judged.
fn late_explanation(as_at: NaiveDate) -> String {
    format!(
        "Shared late: records shared more than 10 working days after the session, in the year to {}.",
        dates::long(as_at)
    )
}

/// "12.5%", or "13%" when whole: one decimal place at most.
fn late_percent_text(percent: f64) -> String {
    let tenths = (percent.clamp(0.0, 100.0) * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}%")
    } else {
        format!("{tenths:.1}%")
    }
}

/// The percentage and the counts behind it ("12.5%", "(3 of 24)"); none
/// when the unit had no records in the year.
fn late_parts(figures: &LateSharing) -> Option<(String, String)> {
    if figures.records == 0 {
        return None;
    }
    let percent = figures
        .late_percent
        .unwrap_or_else(|| f64::from(figures.late) * 100.0 / f64::from(figures.records));
    Some((
        late_percent_text(percent),
        format!("({} of {})", figures.late, figures.records),
    ))
}

impl UnitFigure for LateSharing {
    const NOTHING: &'static str = "No records";

    fn unit_id(&self) -> Uuid {
        self.unit_id
    }

    /// "12.5% (3 of 24)".
    fn parts(&self) -> Option<Vec<String>> {
        late_parts(self).map(|(percent, counts)| vec![percent, counts])
    }
}

/// What "Called off" means, in the year to the date judged.
pub fn called_off_explanation(as_at: NaiveDate) -> String {
    format!(
        "Called off: booked sessions cancelled or that did not happen, of those booked for a day in the year to {}, and how many of them were rearranged (a group session once per supervisee).",
        dates::long(as_at)
    )
}

impl UnitFigure for CancellationFigures {
    const NOTHING: &'static str = "None booked";

    fn unit_id(&self) -> Uuid {
        self.unit_id
    }

    /// "2 of 12", "(1 rearranged)"; none when nothing was booked.
    fn parts(&self) -> Option<Vec<String>> {
        (self.booked > 0).then(|| {
            vec![
                format!("{} of {}", self.called_off, self.booked),
                format!("({} rearranged)", self.rearranged),
            ]
        })
    }
}

/// "12 people" / "1 person".
fn people_text(count: u32) -> String {
    match count {
        1 => "1 person".to_owned(),
        n => format!("{n} people"),
    }
}

/// The unit's percentages compliant, one card per kind.
pub fn unit_figures(unit: &UnitFigures) -> impl IntoView + use<> {
    let people = unit.people;
    let figures = [
        ("Clinical", unit.clinical_percent),
        ("Line management", unit.management_percent),
        ("Case", unit.case_percent),
    ];
    view! {
        <p>{format!("{} counted, including every unit within it.", people_text(unit.people))}</p>
        <dl class="figure-list">
            {figures
                .into_iter()
                .map(|(label, percent)| {
                    view! {
                        <div class="figure">
                            <dt>{label}</dt>
                            <dd>
                                <span class="figure-value">{figure_text(people, percent)}</span>
                                {percent.map(|_| view! { " compliant" })}
                            </dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}

/// The child units, each name a link one level down.
pub fn child_units(
    parent: &UnitFigures,
    children: Vec<UnitFigures>,
    here: &ReportLocation,
    as_at: NaiveDate,
    apart: Apart,
) -> impl IntoView + use<> {
    let parent_id = parent.unit_id;
    let heading = format!("Units in {}", parent.name);
    let whole = view! {
        <tr class="report-whole">
            <th scope="row">{format!("All of {}", parent.name)}</th>
            <td>{parent.people}</td>
            <td>{figure_text(parent.people, parent.clinical_percent)}</td>
            <td>{figure_text(parent.people, parent.management_percent)}</td>
            <td>{figure_text(parent.people, parent.case_percent)}</td>
            <td>{figure(apart.cases, parent_id)}</td>
            <td>{figure(apart.late, parent_id)}</td>
            <td>{figure(apart.observations, parent_id)}</td>
            <td>{figure(apart.cancellations, parent_id)}</td>
        </tr>
    };
    let rows = children
        .into_iter()
        .map(|child| {
            let href = here.down_to(parent_id, child.unit_id).href();
            view! {
                <tr>
                    <th scope="row">
                        <A href=href>{child.name.clone()}</A>
                    </th>
                    <td>{child.people}</td>
                    <td>{figure_text(child.people, child.clinical_percent)}</td>
                    <td>{figure_text(child.people, child.management_percent)}</td>
                    <td>{figure_text(child.people, child.case_percent)}</td>
                    <td>{figure(apart.cases, child.unit_id)}</td>
                    <td>{figure(apart.late, child.unit_id)}</td>
                    <td>{figure(apart.observations, child.unit_id)}</td>
                    <td>{figure(apart.cancellations, child.unit_id)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="page-section" aria-labelledby="units-heading">
            <h2 id="units-heading">{heading}</h2>
            <p class="hint" id="units-hint">
                "Per cent compliant. Choose a unit to see its teams and people."
            </p>
            <p class="hint" id="units-cases-hint">
                {cases_explanation(as_at)}
            </p>
            <p class="hint" id="units-late-hint">
                {late_explanation(as_at)}
            </p>
            <p class="hint" id="units-observed-hint">
                {OBSERVED_EXPLANATION}
            </p>
            <p class="hint" id="units-called-off-hint">
                {called_off_explanation(as_at)}
            </p>
            // On a phone the table is wider than the screen: it scrolls in
            // its own box (from the keyboard too, being focusable), and says
            // so; the shadow at its edge shows there is more.
            <p class="hint scroll-hint" aria-hidden="true">"Scroll the table sideways to see every column."</p>
            <div class="table-scroll" role="region" aria-labelledby="units-heading" tabindex="0">
                <table
                    class="report-table"
                    aria-labelledby="units-heading"
                    aria-describedby="units-hint units-cases-hint units-late-hint units-observed-hint units-called-off-hint"
                >
                    <thead>
                        <tr>
                            <th scope="col">"Unit"</th>
                            <th scope="col">"People"</th>
                            <th scope="col">"Clinical"</th>
                            <th scope="col">{column_heading(ComplianceCategory::Management)}</th>
                            <th scope="col">"Case"</th>
                            <th scope="col">"Cases overdue"</th>
                            <th scope="col">"Shared late"</th>
                            <th scope="col">"Observed"</th>
                            <th scope="col">"Called off"</th>
                        </tr>
                    </thead>
                    <tbody>{whole} {rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_person_is_not_one_people() {
        assert_eq!(people_text(1), "1 person");
        assert_eq!(people_text(0), "0 people");
        assert_eq!(people_text(12), "12 people");
    }

    fn shared(records: u32, late: u32, late_percent: Option<f64>) -> LateSharing {
        LateSharing {
            unit_id: Uuid::nil(),
            name: "Therapies".to_owned(),
            records,
            late,
            late_percent,
        }
    }

    #[test]
    fn late_sharing_shows_the_percentage_and_the_counts_behind_it() {
        assert_eq!(
            late_parts(&shared(24, 3, Some(12.5))),
            Some(("12.5%".to_owned(), "(3 of 24)".to_owned()))
        );
        assert_eq!(
            late_parts(&shared(10, 0, Some(0.0))),
            Some(("0%".to_owned(), "(0 of 10)".to_owned()))
        );
        // Worked out here if the server leaves the percentage out.
        assert_eq!(
            late_parts(&shared(3, 1, None)),
            Some(("33.3%".to_owned(), "(1 of 3)".to_owned()))
        );
    }

    fn cases(open_cases: u32, overdue_cases: u32) -> CaseFigures {
        CaseFigures {
            unit_id: Uuid::nil(),
            name: "Therapies".to_owned(),
            open_cases,
            overdue_cases,
        }
    }

    #[test]
    fn overdue_cases_are_counted_out_of_the_open_ones() {
        assert_eq!(cases_parts(&cases(7, 2)), Some("2 of 7".to_owned()));
        assert_eq!(cases_parts(&cases(3, 0)), Some("0 of 3".to_owned()));
        assert_eq!(cases_parts(&cases(0, 0)), None);
    }

    #[test]
    fn sessions_called_off_are_counted_out_of_those_booked() {
        let figures = |booked, called_off, rearranged| CancellationFigures {
            unit_id: Uuid::nil(),
            booked,
            called_off,
            rearranged,
        };
        assert_eq!(
            figures(12, 2, 1).parts(),
            Some(vec!["2 of 12".to_owned(), "(1 rearranged)".to_owned()])
        );
        assert_eq!(figures(0, 0, 0).parts(), None);
        assert_eq!(
            cases(7, 2).parts(),
            Some(vec!["2 of 7".to_owned(), "open".to_owned()])
        );
    }

    #[test]
    fn no_records_is_not_zero_per_cent() {
        assert_eq!(late_parts(&shared(0, 0, None)), None);
    }
}
