//! `/performance-records`: the organisation's performance management
//! records, for HR administrators (F7.5: "visible only to the manager
//! running the procedure, the person, and HR"). The list is outlines: whom
//! each concerns, who ran it, when; opening one reads it, and that reading
//! is written to the audit log. Anyone else is told the page is not for
//! them (the server refuses them the list too).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::history::{HistoryRecord, performance_management_records};
use crate::api::me::Me;
use crate::components::role_gate::Gated;
use crate::dates;
use crate::title::set_title;

/// How many records the page lists.
const SHOWN: u32 = 100;

/// The `/performance-records` page.
#[component]
pub fn PerformanceRecordsPage() -> impl IntoView {
    set_title("Performance management records");
    let page = Gated::new(Me::is_hr_admin, || performance_management_records(SHOWN));
    view! {
        <h1 tabindex="-1">"Performance management records"</h1>
        <p>
            "Records of performance management supervision, which only the manager who ran it, the person and HR can read. Opening one is written to the audit log."
        </p>
        {page
            .view(
                "performance management records",
                "Only HR administrators see the list of performance management records.",
                |list| {
                    if list.is_empty() {
                        view! { <p>"There are no performance management records."</p> }.into_any()
                    } else {
                        view! { <ul class="record-list">{list.into_iter().map(record_card).collect_view()}</ul> }
                            .into_any()
                    }
                },
            )}
    }
}

/// One record: whom it concerns, who ran it and when, and the link to it.
fn record_card(record: HistoryRecord) -> impl IntoView {
    let people: Vec<String> = record
        .attendees
        .iter()
        .map(|a| a.supervisee.name.clone())
        .collect();
    let who = people.join(", ");
    view! {
        <li class="record-card">
            <A href=format!("/supervisions/{}", record.id)>
                {format!("{}: {}, {}", who, record.kind.label(), dates::long(record.held_on))}
            </A>
            <dl class="record-facts">
                <div>
                    <dt>"About"</dt>
                    <dd>{who.clone()}</dd>
                </div>
                <div>
                    <dt>"Recorded by"</dt>
                    <dd>{record.recorded_by.name}</dd>
                </div>
                <div>
                    <dt>"Date held"</dt>
                    <dd>
                        <time datetime=dates::iso(record.held_on)>{dates::long(record.held_on)}</time>
                    </dd>
                </div>
            </dl>
        </li>
    }
}
