//! The home page's lists of records: the supervision the person received,
//! and the records they wrote for other people, apart (issue 17, finding
//! 3: a supervisor's own supervision was lost among twenty records they
//! wrote for others). Each names the other people: who recorded a session
//! I received, who was supervised in one I wrote. Newest first, a page at
//! a time, over the months chosen.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use uuid::Uuid;

use crate::api::ApiError;
use crate::api::supervision::{MyPart, SupervisionSummary, my_supervisions};
use crate::components::status::{LoadError, Loading};
use crate::dates;

/// Records fetched per page.
const PAGE_SIZE: u32 = 20;

/// The list and where paging has got to.
#[derive(Clone, Default)]
struct Listing {
    records: Vec<SupervisionSummary>,
    next_cursor: Option<String>,
    loaded: bool,
    loading: bool,
    error: Option<ApiError>,
}

/// One of the lists, loaded afresh whenever the months change.
#[derive(Clone, Copy)]
pub struct RecordList {
    part: MyPart,
    months: RwSignal<u32>,
    listing: RwSignal<Listing>,
    // Bumped whenever the range changes, so an answer for an old range is
    // thrown away rather than mixed into the new list.
    generation: StoredValue<u64>,
}

impl RecordList {
    /// Starts loading the first page, and again whenever `months` changes.
    pub fn new(part: MyPart, months: RwSignal<u32>) -> Self {
        let list = Self {
            part,
            months,
            listing: RwSignal::new(Listing::default()),
            generation: StoredValue::new(0),
        };
        Effect::new(move |_| {
            months.track();
            list.generation.update_value(|g| *g += 1);
            list.listing.set(Listing::default());
            list.load(None);
        });
        list
    }

    /// Whether the first page has answered (the page waits for it).
    pub fn loaded(self) -> bool {
        self.listing.with(|l| l.loaded)
    }

    /// Whether the list holds any record.
    pub fn has_records(self) -> bool {
        self.listing.with(|l| !l.records.is_empty())
    }

    fn load(self, after: Option<String>) {
        let this = self.generation.get_value();
        let from = dates::months_ago(self.months.get_untracked());
        self.listing.update(|l| {
            l.loading = true;
            l.error = None;
        });
        spawn_local(async move {
            let result = my_supervisions(self.part, from, PAGE_SIZE, after.clone()).await;
            if self.generation.try_get_value() != Some(this) {
                return;
            }
            self.listing.update(|l| {
                l.loading = false;
                l.loaded = true;
                match result {
                    Ok(page) => {
                        if after.is_none() {
                            l.records.clear();
                        }
                        l.records.extend(page.records);
                        l.next_cursor = page.next_cursor;
                    }
                    Err(err) => l.error = Some(err),
                }
            });
        });
    }
}

/// A list under its heading, with "Load more" while there is more.
#[component]
pub fn RecordListSection(
    list: RecordList,
    /// The signed-in person, to say "you" rather than their name.
    me: Option<Uuid>,
) -> impl IntoView {
    let (heading_id, heading, empty) = match list.part {
        MyPart::Received => (
            "received-heading",
            "Supervision I received",
            "You have no supervision records from the last {} months.",
        ),
        MyPart::Wrote => (
            "wrote-heading",
            "Records I wrote for others",
            "You have not written a record for anyone else in the last {} months.",
        ),
    };
    view! {
        <section class="page-section" aria-labelledby=heading_id>
            <h2 id=heading_id>{heading}</h2>
            {move || {
                let l = list.listing.get();
                if !l.loaded && l.loading {
                    return view! { <Loading what="your supervisions" /> }.into_any();
                }
                view! {
                    {l.error.clone().map(|err| view! { <LoadError error=err /> })}
                    {(l.loaded && l.records.is_empty() && l.error.is_none())
                        .then(|| {
                            view! { <p>{empty.replace("{}", &list.months.get_untracked().to_string())}</p> }
                        })}
                    <ul class="record-list">
                        {l.records.iter().map(|record| record_item(record, list.part, me)).collect_view()}
                    </ul>
                    {l.next_cursor.clone().map(|cursor| {
                        view! {
                            <button
                                type="button"
                                class="button button-secondary"
                                disabled=l.loading
                                on:click=move |_| list.load(Some(cursor.clone()))
                            >
                                {format!("Load more {}", heading.to_lowercase())}
                            </button>
                        }
                    })}
                    <p class="visually-hidden" role="status">
                        {if l.loading { "Loading more records…".to_owned() } else { String::new() }}
                    </p>
                }
                .into_any()
            }}
        </section>
    }
}

/// One record in a list: a link named by its kind and date, then the other
/// people: who recorded it, or who was supervised and whether they have
/// validated it.
fn record_item(
    record: &SupervisionSummary,
    part: MyPart,
    me: Option<Uuid>,
) -> impl IntoView + use<> {
    let href = format!("/supervisions/{}", record.id);
    let held = dates::long(record.held_on);
    let link_text = format!("{}, {}", record.kind.label(), held);
    let others = match part {
        MyPart::Received => {
            let recorder = if Some(record.recorded_by.id) == me {
                "you".to_owned()
            } else {
                record.recorded_by.name.clone()
            };
            let validation = record
                .my_validation
                .as_ref()
                .map(|v| v.validation_state.label());
            view! {
                <div>
                    <dt>"Recorded by"</dt>
                    <dd>{recorder}</dd>
                </div>
                {validation
                    .map(|state| {
                        view! {
                            <div>
                                <dt>"Your validation"</dt>
                                <dd>
                                    <span class="tag">{state}</span>
                                </dd>
                            </div>
                        }
                    })}
            }
            .into_any()
        }
        MyPart::Wrote => {
            let supervisees = record
                .attendees
                .iter()
                .map(|a| {
                    format!(
                        "{} ({})",
                        a.supervisee.name,
                        a.validation_state.label().to_lowercase()
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <div>
                    <dt>"Supervisees"</dt>
                    <dd>{supervisees}</dd>
                </div>
            }
            .into_any()
        }
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
                {others}
            </dl>
        </li>
    }
}
