//! `/staff/:id`: a person's supervision history, for them or for someone who
//! oversees them. Only that each session took place is shown, never its
//! content, so their management chain may read it too. Above the records,
//! who has managed and supervised them (and, for HR and their line manager,
//! the form to change that), their extended absences, and their appraisal
//! objectives (for them and their supervisors).

mod absences;
mod allocations;
mod change_form;
mod objectives;

use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

use crate::api::history::{HistoryRecord, staff_supervisions};
use crate::api::{ApiError, ErrorCode};
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::title::set_title;
use absences::Absences;
use allocations::Allocations;
use objectives::Objectives;

/// How many records the page asks for (the server's page limit).
const HISTORY_LENGTH: u32 = 100;

/// The `/staff/:id` page.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn StaffHistoryPage() -> impl IntoView {
    let (id, linked_name) = crate::pages::person_address::use_person_address();
    let history = LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => staff_supervisions(id, HISTORY_LENGTH).await,
                // A malformed id names no one: same answer as someone unseen.
                None => Err(ApiError::new(ErrorCode::NotFound, "malformed id")),
            }
        }
    });
    // The records' own word for the name wins over the link's.
    let name = Memo::new(move |_| {
        let from_records = id.get().and_then(|person| {
            history.with(|h| match h {
                Some(Ok(records)) => records
                    .iter()
                    .find_map(|r| r.attendee(person))
                    .map(|a| a.supervisee.name.clone()),
                _ => None,
            })
        });
        from_records.or_else(|| linked_name.get())
    });
    let heading = move || match name.get() {
        Some(name) => format!("Supervision history of {name}"),
        None => "Supervision history".to_owned(),
    };

    Effect::new(move |_| match history.get() {
        Some(Err(e)) if e.code == ErrorCode::NotFound => {
            set_title("Supervision history not found");
        }
        _ => set_title(&heading()),
    });

    move || match history.get() {
        None => view! {
            <h1 tabindex="-1">{heading}</h1>
            <Loading what="the supervision history" />
        }
        .into_any(),
        Some(Err(err)) if err.code == ErrorCode::NotFound => view! {
            <h1 tabindex="-1">"Supervision history not found"</h1>
            <p>"You do not have access to this person's supervision history."</p>
            <p>
                <A href="/">"Go to my supervisions"</A>
            </p>
        }
        .into_any(),
        Some(Err(err)) => view! {
            <h1 tabindex="-1">{heading}</h1>
            <LoadError error=err />
        }
        .into_any(),
        Some(Ok(records)) => {
            let person = id.get_untracked();
            view! {
                <h1 tabindex="-1">{heading}</h1>
                {person.map(|person| view! { <Allocations person=person name=name /> })}
                {person.map(|person| view! { <Absences person=person /> })}
                {person.map(|person| view! { <Objectives person=person /> })}
                <section class="page-section" aria-labelledby="records-heading">
                    <h2 id="records-heading">"Supervision records"</h2>
                    {if records.is_empty() {
                        view! { <p>"No supervision has been recorded for this person."</p> }.into_any()
                    } else {
                        view! {
                            <p>"Newest first. You see that each session took place; what was discussed stays with the people in it."</p>
                            <ul class="record-list">
                                {records.iter().map(|r| history_item(r, person)).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                </section>
            }
            .into_any()
        }
    }
}

/// One record: a link named by its kind and date, who recorded it, where
/// this person's validation stands, and whether it counts as formal.
fn history_item(record: &HistoryRecord, person: Option<Uuid>) -> impl IntoView + use<> {
    let href = format!("/supervisions/{}", record.id);
    let held = dates::long(record.held_on);
    let link_text = format!("{}, {}", record.kind.label(), held);
    let validation = person
        .and_then(|p| record.attendee(p))
        .map(|a| a.validation_state);
    let (formal_class, formal_text) = if record.counts_as_formal {
        ("tag tag-formal", "Counts as formal supervision")
    } else {
        ("tag", "Informal")
    };
    view! {
        <li class="record-card">
            <A href=href>{link_text}</A>
            <dl class="record-facts">
                <div>
                    <dt>"Date held"</dt>
                    <dd>
                        <time datetime=dates::iso(record.held_on)>{held.clone()}</time>
                    </dd>
                </div>
                <div>
                    <dt>"Kind"</dt>
                    <dd>{record.kind.label()}</dd>
                </div>
                <div>
                    <dt>"Recorded by"</dt>
                    <dd>{record.recorded_by.name.clone()}</dd>
                </div>
                {validation.map(|state| {
                    view! {
                        <div>
                            <dt>"Validation"</dt>
                            <dd>
                                <span class=format!("tag tag-{}", state.as_str())>{state.label()}</span>
                            </dd>
                        </div>
                    }
                })}
            </dl>
            <p class="tag-line">
                <span class=formal_class>{formal_text}</span>
            </p>
        </li>
    }
}
