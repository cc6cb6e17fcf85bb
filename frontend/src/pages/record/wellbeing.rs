//! Wellbeing to review (F3.9): once supervisees are chosen, the open
//! wellbeing checks and action plans of those the recorder supervises, with
//! their review dates, so the session can review them. Nothing shows for
//! people whose wellbeing records are not the recorder's to see.

use leptos::prelude::*;

use crate::api::staff::StaffSummary;
use crate::api::wellbeing::{WellbeingPlan, wellbeing_plans};
use crate::dates;

/// The chosen people's open wellbeing records; nothing when there are none.
#[component]
pub fn WellbeingToReview(
    /// Who is being supervised in the new record.
    supervisees: RwSignal<Vec<StaffSummary>>,
) -> impl IntoView {
    let people = Memo::new(move |_| supervisees.get());
    let found = LocalResource::new(move || {
        let people = people.get();
        async move {
            let mut open: Vec<(StaffSummary, Vec<WellbeingPlan>)> = Vec::new();
            for person in people {
                // Not theirs to see (a group member they do not supervise),
                // or out of reach just now: the record is written without
                // it, and nothing is said of it.
                if let Ok(plans) = wellbeing_plans(person.id).await {
                    let plans: Vec<WellbeingPlan> = plans
                        .into_iter()
                        .filter(|p| p.closed_on.is_none())
                        .collect();
                    if !plans.is_empty() {
                        open.push((person, plans));
                    }
                }
            }
            open
        }
    });
    move || {
        let open = found.get().map(|f| f.to_vec()).unwrap_or_default();
        (!open.is_empty()).then(|| {
            view! {
                <section class="form-section" aria-labelledby="wellbeing-heading">
                    <h2 id="wellbeing-heading">"Wellbeing to review"</h2>
                    <p class="hint">
                        "Kept with the person; only they and their supervisor see it. Review it in this session."
                    </p>
                    {open.into_iter().map(|(person, plans)| person_plans(person, plans)).collect_view()}
                </section>
            }
        })
    }
}

fn person_plans(person: StaffSummary, plans: Vec<WellbeingPlan>) -> impl IntoView {
    let link = format!("/wellbeing/{}", person.id);
    let heading_id = format!("wellbeing-{}", person.id);
    let labelled_by = heading_id.clone();
    view! {
        <div class="wellbeing-person" aria-labelledby=labelled_by role="group">
            <h3 id=heading_id>{person.name.clone()}</h3>
            <ul class="wellbeing-list">
                {plans
                    .into_iter()
                    .map(|plan| view! { <li class="wellbeing-item">{plan_item(plan)}</li> })
                    .collect_view()}
            </ul>
            <p>
                <a href=link>{format!("Open {}'s wellbeing records", person.name)}</a>
            </p>
        </div>
    }
}

/// What one record says, for its list item: its kind, review date (flagged when due),
/// what it is for and what was agreed.
pub fn plan_item(plan: WellbeingPlan) -> impl IntoView {
    let review = format!("Review by {}", dates::long(plan.review_by));
    view! {
        <p class="wellbeing-title">
            <strong>{plan.kind.label()}</strong>
            " · "
            {review}
            {plan.review_due.then(|| view! { " " <span class="tag tag-warning">"Review due"</span> })}
        </p>
        <p>{plan.summary.clone()}</p>
        {(!plan.actions.is_empty()).then(|| view! {
            <p><strong>"Agreed: "</strong>{plan.actions.clone()}</p>
        })}
    }
}
