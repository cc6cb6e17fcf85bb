//! "My units": a head of service's home starts with the figures of the
//! units they oversee (issue 17, finding 3), judged as at today, so
//! "up to date" means what it says; the full report, with the month-end
//! view to plan by, is Team compliance.

use leptos::prelude::*;
use leptos_router::components::A;
use supervision_shared::ComplianceCategory;
use supervision_shared::standing::category_label;

use crate::api::ApiError;
use crate::api::report::{UnitFigures, my_report_units, team_compliance};
use crate::components::compliance_tag::figure_text;
use crate::components::status::LoadError;
use crate::dates;
use crate::pages::team_compliance::location::ReportLocation;

/// Each unit the caller oversees, with its figures as at today.
pub async fn my_units_today() -> Result<Vec<UnitFigures>, ApiError> {
    let today = dates::today();
    let mut figures = Vec::new();
    for unit in my_report_units().await? {
        figures.push(team_compliance(unit.unit_id, Some(today)).await?.unit);
    }
    Ok(figures)
}

/// The section; nothing until the answer has come (the home page waits for
/// it before drawing).
#[component]
pub fn MyUnitsSection(
    /// As [`my_units_today`] answered.
    units: LocalResource<Result<Vec<UnitFigures>, ApiError>>,
) -> impl IntoView {
    view! {
        <section class="page-section my-units" aria-labelledby="my-units-heading">
            <h2 id="my-units-heading">"My units"</h2>
            <p class="muted">{format!("Up to date with supervision today, {}.", dates::long(dates::today()))}</p>
            {move || match units.get() {
                None => None,
                Some(Err(err)) => Some(view! { <LoadError error=err /> }.into_any()),
                Some(Ok(list)) if list.is_empty() => {
                    Some(view! { <p>"You do not oversee any unit yet."</p> }.into_any())
                }
                Some(Ok(list)) => {
                    Some(
                        view! { <ul class="unit-cards">{list.into_iter().map(unit_card).collect_view()}</ul> }
                            .into_any(),
                    )
                }
            }}
        </section>
    }
}

/// A unit: its name, how many people, each kind's figure, and the way into
/// its report.
fn unit_card(unit: UnitFigures) -> impl IntoView {
    let href = ReportLocation {
        unit: Some(unit.unit_id),
        ..ReportLocation::default()
    }
    .href();
    let people = match unit.people {
        1 => "1 person".to_owned(),
        n => format!("{n} people"),
    };
    let rows = [
        (ComplianceCategory::Clinical, unit.clinical_percent),
        (ComplianceCategory::Management, unit.management_percent),
        (ComplianceCategory::Case, unit.case_percent),
    ];
    view! {
        <li class="record-card">
            <h3 class="unit-card-name">{unit.name.clone()}</h3>
            <p class="muted">{people}</p>
            <dl class="record-facts">
                {rows
                    .into_iter()
                    .map(|(kind, percent)| {
                        view! {
                            <div>
                                <dt>{category_label(kind)}</dt>
                                <dd>{figure_text(unit.people, percent)}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
            <A href=href>{format!("Team compliance for {}", unit.name)}</A>
        </li>
    }
}
