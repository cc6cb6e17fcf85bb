//! A unit's own figures, and the table of its child units to drill into.

use leptos::prelude::*;
use leptos_router::components::A;

use supervision_shared::ComplianceCategory;

use super::location::ReportLocation;
use super::trend::column_heading;
use crate::api::report::UnitFigures;
use crate::components::compliance_tag::percent_text;

/// "12 people" / "1 person".
fn people_text(count: u32) -> String {
    match count {
        1 => "1 person".to_owned(),
        n => format!("{n} people"),
    }
}

/// The unit's percentages compliant, one card per kind.
pub fn unit_figures(unit: &UnitFigures) -> impl IntoView + use<> {
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
                                <span class="figure-value">{percent_text(percent)}</span>
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
) -> impl IntoView + use<> {
    let parent_id = parent.unit_id;
    let heading = format!("Units in {}", parent.name);
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
                    <td>{percent_text(child.clinical_percent)}</td>
                    <td>{percent_text(child.management_percent)}</td>
                    <td>{percent_text(child.case_percent)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="page-section" aria-labelledby="units-heading">
            <h2 id="units-heading">{heading}</h2>
            <p class="hint">"Per cent compliant. Choose a unit to see its teams and people."</p>
            <div class="table-scroll" role="region" aria-labelledby="units-heading" tabindex="0">
                <table class="report-table" aria-labelledby="units-heading">
                    <thead>
                        <tr>
                            <th scope="col">"Unit"</th>
                            <th scope="col">"People"</th>
                            <th scope="col">"Clinical"</th>
                            <th scope="col">{column_heading(ComplianceCategory::Management)}</th>
                            <th scope="col">"Case"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
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
}
