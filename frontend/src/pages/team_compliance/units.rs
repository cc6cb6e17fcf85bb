//! A unit's own figures, and the table of its child units to drill into,
//! each with how many of its open cases are overdue for discussion (F3.7),
//! how many of its records were shared late (F4.3) and how many of its
//! supervisors have had their practice observed in the last year (F8.3).

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

use supervision_shared::ComplianceCategory;

use super::location::ReportLocation;
use super::trend::column_heading;
use crate::api::ApiError;
use crate::api::observation::ObservationFigures;
use crate::api::report::{CaseFigures, LateSharing, UnitFigures};
use crate::components::compliance_tag::figure_text;
use crate::dates;

/// Late sharing for the unit and its children, loaded apart from the rest
/// of the report so that the report still shows if it fails.
pub type LateResource = LocalResource<Option<Result<Vec<LateSharing>, ApiError>>>;

/// Open and overdue cases for the unit and its children, loaded apart from
/// the rest of the report in the same way.
pub type CasesResource = LocalResource<Option<Result<Vec<CaseFigures>, ApiError>>>;

/// Observation of practice for the unit and its children, loaded apart
/// from the rest of the report in the same way.
pub type ObservationsResource = LocalResource<Option<Result<Vec<ObservationFigures>, ApiError>>>;

/// What "Observed" means.
const OBSERVED_EXPLANATION: &str = "Observed: supervisors whose practice in supervision was observed, and the observation signed by both, within the last year (or who began supervising less than a year ago).";

/// "4 of 5 in date"; none when the unit has no supervisors.
fn observed_parts(figures: &ObservationFigures) -> Option<String> {
    (figures.supervisors > 0)
        .then(|| format!("{} of {} in date", figures.in_date, figures.supervisors))
}

/// A unit's "Observed" figure as it loads.
fn observed_figure(observations: ObservationsResource, unit_id: Uuid) -> impl IntoView {
    move || match observations.get() {
        None | Some(None) => view! { <span class="muted">"Loading\u{2026}"</span> }.into_any(),
        Some(Some(Err(_))) => view! { <span class="muted">"Could not load"</span> }.into_any(),
        Some(Some(Ok(list))) => {
            match list
                .iter()
                .find(|o| o.unit_id == unit_id)
                .map(observed_parts)
            {
                Some(Some(counts)) => view! { <span class="nowrap">{counts}</span> }.into_any(),
                Some(None) => view! { <span class="muted">"No supervisors"</span> }.into_any(),
                None => view! { <span class="muted">"\u{2014}"</span> }.into_any(),
            }
        }
    }
}

/// The unit's own observation of practice, for a unit with no child units.
pub fn unit_observations(unit_id: Uuid, observations: ObservationsResource) -> impl IntoView {
    view! {
        <p class="late-summary">
            <strong>"Observed: "</strong>
            {observed_figure(observations, unit_id)}
        </p>
        <p class="hint">{OBSERVED_EXPLANATION}</p>
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

/// A unit's "Cases overdue" figure as it loads: "2 of 7 open", "No open
/// cases", or a short message when it could not be loaded.
fn cases_figure(cases: CasesResource, unit_id: Uuid) -> impl IntoView {
    move || match cases.get() {
        None | Some(None) => view! { <span class="muted">"Loading\u{2026}"</span> }.into_any(),
        Some(Some(Err(_))) => view! { <span class="muted">"Could not load"</span> }.into_any(),
        Some(Some(Ok(list))) => match list.iter().find(|c| c.unit_id == unit_id).map(cases_parts) {
            Some(Some(counts)) => view! {
                <span class="nowrap">{counts}</span>
                " open"
            }
            .into_any(),
            Some(None) => view! { <span class="muted">"No open cases"</span> }.into_any(),
            None => view! { <span class="muted">"\u{2014}"</span> }.into_any(),
        },
    }
}

/// The unit's own overdue cases, for a unit with no child units (a unit
/// with children shows them as the first row of their table).
pub fn unit_case_discussions(
    unit_id: Uuid,
    as_at: NaiveDate,
    cases: CasesResource,
) -> impl IntoView {
    view! {
        <p class="late-summary">
            <strong>"Cases overdue: "</strong>
            {cases_figure(cases, unit_id)}
        </p>
        <p class="hint">
            {cases_explanation(as_at)}
        </p>
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

/// A unit's "Shared late" figure as it loads: "12.5% (3 of 24)", "No
/// records", or a short message when it could not be loaded.
fn late_figure(late: LateResource, unit_id: Uuid) -> impl IntoView {
    move || match late.get() {
        None | Some(None) => view! { <span class="muted">"Loading\u{2026}"</span> }.into_any(),
        Some(Some(Err(_))) => view! { <span class="muted">"Could not load"</span> }.into_any(),
        Some(Some(Ok(list))) => match list.iter().find(|l| l.unit_id == unit_id).map(late_parts) {
            Some(Some((percent, counts))) => view! {
                <span class="nowrap">{percent}</span>
                " "
                <span class="nowrap">{counts}</span>
            }
            .into_any(),
            Some(None) => view! { <span class="muted">"No records"</span> }.into_any(),
            None => view! { <span class="muted">"\u{2014}"</span> }.into_any(),
        },
    }
}

/// The unit's own late sharing, for a unit with no child units (a unit
/// with children shows it as the first row of their table).
pub fn unit_late_sharing(unit_id: Uuid, as_at: NaiveDate, late: LateResource) -> impl IntoView {
    view! {
        <p class="late-summary">
            <strong>"Shared late: "</strong>
            {late_figure(late, unit_id)}
        </p>
        <p class="hint">
            {late_explanation(as_at)}
        </p>
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
    late: LateResource,
    cases: CasesResource,
    observations: ObservationsResource,
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
            <td>{cases_figure(cases, parent_id)}</td>
            <td>{late_figure(late, parent_id)}</td>
            <td>{observed_figure(observations, parent_id)}</td>
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
                    <td>{cases_figure(cases, child.unit_id)}</td>
                    <td>{late_figure(late, child.unit_id)}</td>
                    <td>{observed_figure(observations, child.unit_id)}</td>
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
            // On a phone the table is wider than the screen: it scrolls in
            // its own box (from the keyboard too, being focusable), and says
            // so; the shadow at its edge shows there is more.
            <p class="hint scroll-hint" aria-hidden="true">"Scroll the table sideways to see every column."</p>
            <div class="table-scroll" role="region" aria-labelledby="units-heading" tabindex="0">
                <table
                    class="report-table"
                    aria-labelledby="units-heading"
                    aria-describedby="units-hint units-cases-hint units-late-hint units-observed-hint"
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
    fn no_records_is_not_zero_per_cent() {
        assert_eq!(late_parts(&shared(0, 0, None)), None);
    }
}
