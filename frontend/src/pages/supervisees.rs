//! `/supervisees`: the people the signed-in person supervises or manages,
//! most urgent first (the server's order), each with where they stand for
//! each kind of supervision, a shortcut to record a session with them and a
//! link to their supervision history.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::staff::{Supervisee, my_supervisees};
use crate::components::compliance_tag::{standings_list, status_tag};
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::navigation::encode_query_value;
use crate::title::set_title;
use supervision_shared::agreement::AgreementStanding;

/// The `/supervisees` page.
#[component]
pub fn SuperviseesPage() -> impl IntoView {
    set_title("My supervisees");
    let supervisees = LocalResource::new(my_supervisees);

    view! {
        <h1 tabindex="-1">"My supervisees"</h1>
        {move || match supervisees.get() {
            None => view! { <Loading what="your supervisees" /> }.into_any(),
            Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
            Some(Ok(list)) if list.is_empty() => {
                view! { <p>"No one is allocated to you for supervision or line management."</p> }
                    .into_any()
            }
            Some(Ok(list)) => view! {
                <ul class="supervisee-list">
                    {list.into_iter().map(supervisee_card).collect_view()}
                </ul>
            }
            .into_any(),
        }}
    }
}

/// One supervisee: who they are, where they stand, when the kind this
/// relationship provides was last held and is next due, and links to record
/// a session with them and to their history.
fn supervisee_card(supervisee: Supervisee) -> impl IntoView {
    let staff = supervisee.staff;
    let href = format!(
        "/record?supervisee={}&name={}",
        staff.id,
        encode_query_value(&staff.name)
    );
    let history_href = format!(
        "/staff/{}?name={}",
        staff.id,
        encode_query_value(&staff.name)
    );
    let last = supervisee.last_formal_supervision.map_or_else(
        || view! { "Never" }.into_any(),
        |date| view! { <time datetime=dates::iso(date)>{dates::long(date)}</time> }.into_any(),
    );
    let next_due = supervisee.next_due.map_or_else(
        || view! { "Not scheduled" }.into_any(),
        |date| view! { <time datetime=dates::iso(date)>{dates::long(date)}</time> }.into_any(),
    );
    let agreement_href = format!(
        "/agreements/new?staff={}&name={}&kind={}",
        staff.id,
        encode_query_value(&staff.name),
        supervisee.kind.code()
    );
    let agreement = supervisee.agreement;
    let wellbeing_href = format!(
        "/wellbeing/{}?name={}",
        staff.id,
        encode_query_value(&staff.name)
    );
    let wellbeing_due = supervisee.wellbeing_review_due;
    let standings = (!supervisee.standings.is_empty()).then(|| {
        view! {
            <h3 class="standings-heading">"Status by kind"</h3>
            {standings_list(supervisee.standings)}
        }
    });
    view! {
        <li class="record-card">
            <h2 class="card-title">{staff.name.clone()}</h2>
            {supervisee.status.map(|status| {
                view! {
                    <p class="tag-line">
                        <span class="visually-hidden">"Status: "</span>
                        {status_tag(status)}
                    </p>
                }
            })}
            <dl class="record-facts">
                <div>
                    <dt>"Team"</dt>
                    <dd>{staff.team_name.clone()}</dd>
                </div>
                <div>
                    <dt>"Job title"</dt>
                    <dd>{staff.job_title.clone()}</dd>
                </div>
                <div>
                    <dt>"Relationship"</dt>
                    <dd>{supervisee.relationship}</dd>
                </div>
                <div>
                    <dt>"Last formal supervision"</dt>
                    <dd>{last}</dd>
                </div>
                <div>
                    <dt>"Next due"</dt>
                    <dd>{next_due}</dd>
                </div>
                <div>
                    <dt>"Supervision agreement"</dt>
                    <dd>
                        <span class=if agreement.needs_action() { "tag tag-warning" } else { "tag" }>
                            {agreement.label()}
                        </span>
                    </dd>
                </div>
                {wellbeing_due.then(|| view! {
                    <div>
                        <dt>"Wellbeing"</dt>
                        <dd><span class="tag tag-warning">"Review due"</span></dd>
                    </div>
                })}
            </dl>
            {standings}
            <ul class="card-links">
                <li>
                    <A href=href>{format!("Record supervision for {}", staff.name)}</A>
                </li>
                <li>
                    <A href=history_href>{format!("Supervision history of {}", staff.name)}</A>
                </li>
                {(agreement == AgreementStanding::NewNeeded
                    || agreement == AgreementStanding::ReviewDue
                    || agreement == AgreementStanding::ReviewOverdue)
                    .then(|| view! {
                        <li>
                            <A href=agreement_href>{format!("Make a supervision agreement with {}", staff.name)}</A>
                        </li>
                    })}
                <li>
                    <A href=wellbeing_href>{format!("Wellbeing records of {}", staff.name)}</A>
                </li>
            </ul>
        </li>
    }
}
