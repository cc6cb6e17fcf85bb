//! "Who has opened my records": every read of the caller's records and
//! supervision agreements by someone outside them, under a stated purpose
//! (F7.3), so nobody reads them unseen.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::access::{RecordAccessEvent, access_to_my_records};
use crate::components::status::{LoadError, Loading};
use crate::dates;

/// The section on the home page.
#[component]
pub fn RecordAccessSection() -> impl IntoView {
    let events = LocalResource::new(access_to_my_records);
    view! {
        <section class="page-section" aria-labelledby="record-access-heading">
            <h2 id="record-access-heading">"Who has opened my records"</h2>
            {move || match events.get() {
                None => view! { <Loading what="who has opened your records" /> }.into_any(),
                Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => {
                    view! { <p>"Nobody outside your supervision has opened your records."</p> }.into_any()
                }
                Some(Ok(list)) => {
                    view! { <ul class="access-list">{list.into_iter().map(access_item).collect_view()}</ul> }
                        .into_any()
                }
            }}
        </section>
    }
}

/// Where a read leads, and its link's words: the record or the agreement.
fn what_was_read(event: &RecordAccessEvent) -> Option<(String, &'static str)> {
    match (event.supervision_id, event.agreement_id) {
        (Some(id), _) => Some((format!("/supervisions/{id}"), "View record")),
        (None, Some(id)) => Some((format!("/agreements/{id}"), "View agreement")),
        (None, None) => None,
    }
}

/// One read: who, when, for what purpose and why, and the record or
/// agreement itself.
fn access_item(event: RecordAccessEvent) -> impl IntoView {
    let when = dates::long_time(event.read_at);
    let hidden_context = format!(" opened by {} on {}", event.reader.name, when);
    let link = what_was_read(&event);
    view! {
        <li class="access-item">
            <p class="access-reader">
                <span class="attendee-name">{event.reader.name}</span>
                <span class="muted">{format!(", {}", event.reader.job_title)}</span>
            </p>
            <dl class="record-facts">
                <div>
                    <dt>"When"</dt>
                    <dd>
                        <time datetime=event.read_at.to_rfc3339()>{when}</time>
                    </dd>
                </div>
                <div>
                    <dt>"Purpose"</dt>
                    <dd>{event.purpose.label()}</dd>
                </div>
                <div>
                    <dt>"Reason"</dt>
                    <dd class="prose">{format!("\u{201c}{}\u{201d}", event.reason)}</dd>
                </div>
            </dl>
            {link.map(|(href, words)| view! {
                <A href=href>
                    {words}
                    <span class="visually-hidden">{hidden_context}</span>
                </A>
            })}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use supervision_shared::AccessPurpose;
    use uuid::Uuid;

    use super::*;
    use crate::api::staff::StaffSummary;

    fn read_of(supervision_id: Option<Uuid>, agreement_id: Option<Uuid>) -> RecordAccessEvent {
        RecordAccessEvent {
            reader: StaffSummary {
                id: Uuid::from_u128(1),
                name: "Grace Liu".into(),
                job_title: "Auditor".into(),
                team_name: String::new(),
            },
            supervision_id,
            agreement_id,
            read_at: chrono::DateTime::default(),
            purpose: AccessPurpose::AuditQa,
            reason: "Annual audit of supervision agreements".into(),
        }
    }

    #[test]
    fn a_read_of_a_record_leads_to_the_record_and_of_an_agreement_to_the_agreement() {
        let id = Uuid::from_u128(7);
        assert_eq!(
            what_was_read(&read_of(Some(id), None)),
            Some((format!("/supervisions/{id}"), "View record"))
        );
        assert_eq!(
            what_was_read(&read_of(None, Some(id))),
            Some((format!("/agreements/{id}"), "View agreement"))
        );
        assert_eq!(what_was_read(&read_of(None, None)), None);
    }
}
