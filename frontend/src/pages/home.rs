//! `/`: when the signed-in person's next supervision of each kind is due;
//! the records they saved as drafts to finish; their own supervisions,
//! newest first; who has opened them for a stated purpose; and a download
//! of all of them.

mod awaiting;
mod compliance;
mod drafts;
mod record_access;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use supervision_shared::first_page::HOME_TITLE;

use crate::api::ApiError;
use crate::api::agreement::my_agreements;
use crate::api::compliance::my_compliance;
use crate::api::draft::my_drafts;
use crate::api::supervision::{SupervisionSummary, awaiting_my_validation, my_supervisions};
use crate::components::status::{LoadError, Loading};
use crate::dates;
use crate::first_view;
use crate::session::use_session;
use crate::title::set_title;
use awaiting::awaiting_section;
use compliance::ComplianceSection;
use drafts::DraftsSection;
use record_access::RecordAccessSection;

/// The ranges offered, in months; the policy looks back two years by default.
const RANGES: [u32; 4] = [3, 6, 12, 24];
const DEFAULT_RANGE: u32 = 24;
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

/// The `/` page.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn HomePage() -> impl IntoView {
    set_title(HOME_TITLE);
    let session = use_session();
    let months = RwSignal::new(DEFAULT_RANGE);
    let listing = RwSignal::new(Listing::default());
    // Bumped whenever the range changes, so an answer for an old range is
    // thrown away rather than mixed into the new list.
    let generation = StoredValue::new(0u64);

    let load = move |after: Option<String>| {
        let this = generation.get_value();
        let from = dates::months_ago(months.get_untracked());
        listing.update(|l| {
            l.loading = true;
            l.error = None;
        });
        spawn_local(async move {
            let result = my_supervisions(from, PAGE_SIZE, after.clone()).await;
            if generation.try_get_value() != Some(this) {
                return;
            }
            listing.update(|l| {
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
    };

    Effect::new(move |_| {
        months.track();
        generation.update_value(|g| *g += 1);
        listing.set(Listing::default());
        load(None);
    });

    let me_id = move || session.person().map(|me| me.id);
    // Records waiting for this person's validation come first. The parts
    // at the top of the page are asked for at once and the page is drawn
    // when all have answered, so no part appearing or growing pushes a page
    // already on screen down (the layout shift a phone user sees as the page
    // jumping under their thumb).
    let awaiting = LocalResource::new(awaiting_my_validation);
    let standings = LocalResource::new(my_compliance);
    let agreements = LocalResource::new(my_agreements);
    let drafts = LocalResource::new(my_drafts);
    // Once drawn, the page stays: a later reload of one part (a new range
    // for the list, a draft discarded) is shown in that part.
    let ready = Memo::new(move |was: Option<&bool>| {
        was.copied().unwrap_or(false)
            || awaiting.with(Option::is_some)
                && standings.with(Option::is_some)
                && agreements.with(Option::is_some)
                && drafts.with(Option::is_some)
                && listing.with(|l| l.loaded)
    });

    // What the server drew of this page before the app arrived, kept on
    // screen until the page is ready (the first visit only).
    let drawn = first_view::take("/");

    view! {
        // Under the heading rather than above it: focus lands on the <h1> after
        // each page change, and screen-reader users would skip anything above.
        <h1 tabindex="-1">{HOME_TITLE}</h1>
        {move || match awaiting.get().filter(|_| ready.get()) {
            None => Some(match drawn.clone() {
                Some(html) => first_view::body(html).into_any(),
                None => view! { <Loading what="your supervisions" /> }.into_any(),
            }),
            // Without the list the page still works: the records below show
            // each one's validation.
            Some(result) => Some(awaiting_section(result.unwrap_or_default()).into_any()),
        }}
        <Show when=move || ready.get()>
        // Only someone supervised is told when their next supervision is due;
        // anyone else (an auditor, an administrator) may still have
        // supervision outside the organisation, or keep reflections.
        <Show
            when=move || session.person().is_some_and(|me| me.supervised)
            fallback=|| view! {
                <p>
                    <A href="/record">"Record your own supervision or a reflection"</A>
                </p>
            }
        >
            <ComplianceSection standings />
        </Show>
        <crate::pages::agreement::MyAgreements mine=agreements />
        <DraftsSection drafts />
        <h2 id="records-heading">"My supervision records"</h2>
        <div class="form-group range">
            <label class="label" for="range">
                "Show the last"
            </label>
            <select
                id="range"
                class="select"
                on:change=move |ev| {
                    if let Ok(value) = event_target_value(&ev).parse::<u32>() {
                        months.set(value);
                    }
                }
            >
                {RANGES
                    .iter()
                    .map(|&n| {
                        view! {
                            <option value=n.to_string() prop:selected=move || months.get() == n>
                                {format!("{n} months")}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
        {move || {
            let l = listing.get();
            if !l.loaded && l.loading {
                return view! { <Loading what="your supervisions" /> }.into_any();
            }
            let me = me_id();
            view! {
                {l.error.clone().map(|err| view! { <LoadError error=err /> })}
                {(l.loaded && l.records.is_empty() && l.error.is_none())
                    .then(|| {
                        view! {
                            <p>
                                {format!(
                                    "You have no supervision records from the last {} months.",
                                    months.get_untracked(),
                                )}
                            </p>
                        }
                    })}
                <ul class="record-list">
                    {l
                        .records
                        .iter()
                        .map(|record| record_item(record, me))
                        .collect_view()}
                </ul>
                {l.next_cursor.clone().map(|cursor| {
                    view! {
                        <button
                            type="button"
                            class="button button-secondary"
                            disabled=l.loading
                            on:click=move |_| load(Some(cursor.clone()))
                        >
                            "Load more"
                        </button>
                    }
                })}
                <p class="visually-hidden" role="status">
                    {if l.loading { "Loading more records…".to_owned() } else { String::new() }}
                </p>
            }
            .into_any()
        }}
        <RecordAccessSection />
        {move || me_id().map(|id| view! { <WellbeingLink id=id /> })}
        <DownloadSection />
        </Show>
    }
}

/// The way to the caller's own wellbeing checks and action plans (F3.9).
#[component]
fn WellbeingLink(id: uuid::Uuid) -> impl IntoView {
    view! {
        <section class="page-section" aria-labelledby="wellbeing-link-heading">
            <h2 id="wellbeing-link-heading">"My wellbeing"</h2>
            <p>
                "Wellbeing checks and action plans you keep with your supervisor: only the two of you see them."
            </p>
            <p>
                <a href=format!("/wellbeing/{id}")>"Open my wellbeing records"</a>
            </p>
        </section>
    }
}

/// Links to the caller's whole record, as data and as a page to print or
/// keep. They are files from the server, not pages of the app, so the router
/// must leave them alone (`rel=external`).
#[component]
fn DownloadSection() -> impl IntoView {
    view! {
        <section class="page-section" aria-labelledby="download-heading">
            <h2 id="download-heading">"Download my records"</h2>
            <p>"Everything recorded about your supervision, to keep or to take with you."</p>
            <ul class="download-list">
                <li>
                    <a href="/export/my-records.json" download="" rel="external">
                        <span class="visually-hidden">"Download my records "</span>
                        "as data (JSON)"
                    </a>
                </li>
                <li>
                    <a href="/export/my-records.html" download="" rel="external">
                        <span class="visually-hidden">"Download my records "</span>
                        "printable (HTML)"
                    </a>
                </li>
            </ul>
        </section>
    }
}

/// One record in the list: a link named by its kind and date.
fn record_item(record: &SupervisionSummary, me: Option<uuid::Uuid>) -> impl IntoView + use<> {
    let href = format!("/supervisions/{}", record.id);
    let held = dates::long(record.held_on);
    let link_text = format!("{}, {}", record.kind.label(), held);
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
                    <dt>"Recorded by"</dt>
                    <dd>{recorder}</dd>
                </div>
                {validation.map(|state| {
                    view! {
                        <div>
                            <dt>"Your validation"</dt>
                            <dd>
                                <span class="tag">{state}</span>
                            </dd>
                        </div>
                    }
                })}
            </dl>
        </li>
    }
}
