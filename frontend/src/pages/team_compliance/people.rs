//! The people placed directly in the unit (not in its child units), most
//! urgent first as the server sorts them, each with their standing per kind.

use leptos::prelude::*;

use crate::api::report::PersonCompliance;
use crate::components::compliance_tag::standings_list;

/// The section: a card per person.
pub fn people_section(unit_name: &str, people: Vec<PersonCompliance>) -> impl IntoView + use<> {
    let heading = format!("People directly in {unit_name}");
    let body = if people.is_empty() {
        view! {
            <p>
                {format!(
                    "No one is placed directly in {unit_name}; the people counted are in its units.",
                )}
            </p>
        }
        .into_any()
    } else {
        view! {
            <p class="hint">"Most urgent first."</p>
            <ul class="supervisee-list">{people.into_iter().map(person_card).collect_view()}</ul>
        }
        .into_any()
    };
    view! {
        <section class="page-section" aria-labelledby="people-heading">
            <h2 id="people-heading">{heading}</h2>
            {body}
        </section>
    }
}

/// One person: who they are, and where they stand for each kind.
fn person_card(person: PersonCompliance) -> impl IntoView {
    let staff = person.staff;
    view! {
        <li class="record-card">
            <h3 class="card-title">{staff.name}</h3>
            <p class="muted person-role">{format!("{}, {}", staff.job_title, staff.team_name)}</p>
            {standings_list(person.standings)}
        </li>
    }
}
