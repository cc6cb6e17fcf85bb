//! `/performance-records`: the organisation's performance management
//! records, for HR administrators (F7.5: "visible only to the manager
//! running the procedure, the person, and HR"). The list is outlines: whom
//! each concerns, who ran it, when; opening one reads it, and that reading
//! is written to the audit log. Anyone else is told the page is not for
//! them (the server refuses them the list too).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::ErrorCode;
use crate::api::history::{HistoryRecord, performance_management_records};
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::session::use_session;
use crate::title::set_title;

/// How many records the page lists.
const SHOWN: u32 = 100;

/// The `/performance-records` page.
#[component]
pub fn PerformanceRecordsPage() -> impl IntoView {
    set_title("Performance management records");
    let session = use_session();
    let hr = Memo::new(move |_| session.person().map(|me| me.is_hr_admin()));
    let records = LocalResource::new(move || {
        let hr = hr.get();
        async move {
            match hr {
                Some(true) => Some(performance_management_records(SHOWN).await),
                _ => None,
            }
        }
    });
    view! {
        <h1 tabindex="-1">"Performance management records"</h1>
        <p>
            "Records of performance management supervision, which only the manager who ran it, the person and HR can read. Opening one is written to the audit log."
        </p>
        {move || match (hr.get(), records.get()) {
            (Some(false), _) => not_available().into_any(),
            (_, Some(Some(Err(err)))) if err.code == ErrorCode::Forbidden => {
                not_available().into_any()
            }
            (_, Some(Some(Err(err)))) => view! { <LoadError error=err /> }.into_any(),
            (_, Some(Some(Ok(list)))) if list.is_empty() => {
                view! { <p>"There are no performance management records."</p> }.into_any()
            }
            (_, Some(Some(Ok(list)))) => view! {
                <ul class="record-list">{list.into_iter().map(record_card).collect_view()}</ul>
            }
            .into_any(),
            _ => view! { <Loading what="performance management records" /> }.into_any(),
        }}
    }
}

/// What someone who is not an HR administrator sees.
fn not_available() -> impl IntoView {
    view! {
        <div class="notice">
            <p>
                <strong>"This page is not available to you."</strong>
                " Only HR administrators see the list of performance management records."
            </p>
        </div>
        <p>
            <A href="/">"Go to my supervisions"</A>
        </p>
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
