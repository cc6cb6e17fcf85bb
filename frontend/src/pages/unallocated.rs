//! `/unallocated`: the HR administrator's queue of people no one is named to
//! supervise (issue 17): active staff with no line manager or no clinical
//! supervisor today, newest starters first. Each opens the person's page,
//! where HR names one from a day. Anyone else is told the page is not for
//! them (the server refuses them too).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::allocation::{Unallocated, UnallocatedPerson, unallocated_staff};
use crate::components::role_gate::Gated;
use crate::dates;
use crate::navigation::encode_query_value;
use crate::title::set_title;

/// The page's title, also the home page queue's way in.
pub const TITLE: &str = "People without a line manager or clinical supervisor";

/// The most listed at once: a trust's new starters in a busy month.
const LISTED: usize = 200;

/// The `/unallocated` page.
#[component]
pub fn UnallocatedPage() -> impl IntoView {
    set_title(TITLE);
    let page = Gated::new(|me| me.is_hr_admin(), || unallocated_staff(LISTED));
    view! {
        <h1 tabindex="-1">{TITLE}</h1>
        <p>
            "Until someone is named, no supervisor finds these people among their supervisees and nobody is reminded to arrange their supervision. Open a person to name their line manager or clinical supervisor from a day."
        </p>
        {page
            .view(
                "the people without a supervisor",
                "Only HR administrators see who has no line manager or clinical supervisor.",
                |queue| queue_view(queue).into_any(),
            )}
    }
}

fn queue_view(queue: Unallocated) -> impl IntoView {
    if queue.people.is_empty() {
        return view! { <p>"Everyone has a line manager and a clinical supervisor."</p> }
            .into_any();
    }
    let shown = (queue.total > queue.people.len()).then(|| {
        view! {
            <p class="hint">
                {format!(
                    "Showing the {} newest starters of {}.",
                    queue.people.len(),
                    queue.total,
                )}
            </p>
        }
    });
    view! {
        {shown}
        <ul class="record-list">
            {queue.people.into_iter().map(person_card).collect_view()}
        </ul>
    }
    .into_any()
}

/// What is missing, in words: both, or the one.
fn missing(person: &UnallocatedPerson) -> &'static str {
    match (person.no_line_manager, person.no_clinical_supervisor) {
        (true, true) => "No line manager or clinical supervisor",
        (true, false) => "No line manager",
        _ => "No clinical supervisor",
    }
}

fn person_card(person: UnallocatedPerson) -> impl IntoView {
    let gap = missing(&person);
    let about = [
        person.staff.job_title.as_str(),
        person.staff.team_name.as_str(),
    ]
    .into_iter()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    view! {
        <li class="record-card">
            <h2 class="card-title">
                <A href=format!(
                    "/staff/{}?name={}",
                    person.staff.id,
                    encode_query_value(&person.staff.name),
                )>{person.staff.name}</A>
            </h2>
            <p class="tag-line">
                <span class="tag tag-overdue">{gap}</span>
            </p>
            <p>{about}</p>
            <p class="hint">
                "Started "
                <time datetime=dates::iso(person.start_date)>{dates::long(person.start_date)}</time>
            </p>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::staff::StaffSummary;

    fn person(no_line_manager: bool, no_clinical_supervisor: bool) -> UnallocatedPerson {
        UnallocatedPerson {
            staff: StaffSummary {
                id: uuid::Uuid::nil(),
                name: "Tom Reed".into(),
                job_title: String::new(),
                team_name: String::new(),
            },
            start_date: chrono::NaiveDate::MIN,
            no_line_manager,
            no_clinical_supervisor,
        }
    }

    #[test]
    fn the_card_says_which_is_missing() {
        assert_eq!(
            missing(&person(true, true)),
            "No line manager or clinical supervisor"
        );
        assert_eq!(missing(&person(true, false)), "No line manager");
        assert_eq!(missing(&person(false, true)), "No clinical supervisor");
    }
}
