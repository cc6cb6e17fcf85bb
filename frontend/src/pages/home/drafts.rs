//! "Drafts": records the signed-in person started and saved on the server
//! to finish later (F3.10), each to continue (on this or any device) or
//! discard. Nothing is shown when there are none.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use uuid::Uuid;

use crate::api::draft::{Draft, discard_draft};
use crate::api::{ApiError, ErrorCode};
use crate::components::confirm_button::ConfirmButton;
use crate::components::error_summary::focus_element;
use crate::components::status::LoadError;
use crate::dates;
use crate::pages::record::draft;
use crate::session::use_session;

/// The id of the section's status message, focused after a discard (the
/// draft, and the focus with it, has gone).
const STATUS_ID: &str = "drafts-status";

/// What a list shows for a draft saved without a summary.
const UNTITLED: &str = "Untitled draft";

/// The section on the home page.
#[component]
pub fn DraftsSection(
    /// The caller's drafts, asked for by the page (which draws itself once
    /// its parts' answers are in).
    drafts: LocalResource<Result<Vec<Draft>, ApiError>>,
) -> impl IntoView {
    let session = use_session();
    let status = RwSignal::new(None::<(bool, String)>);
    let discarding = RwSignal::new(false);

    let discard = Callback::new(move |(id, summary): (Uuid, String)| {
        if discarding.get_untracked() {
            return;
        }
        discarding.set(true);
        let person = session.person().map(|me| me.id);
        spawn_local(async move {
            let result = discard_draft(id).await;
            discarding.set(false);
            let outcome = match result {
                // Already gone (submitted or discarded elsewhere): as asked.
                Ok(())
                | Err(ApiError {
                    code: ErrorCode::NotFound,
                    ..
                }) => {
                    if let Some(person) = person {
                        draft::forget_record(person, id);
                    }
                    (true, format!("Draft discarded: {summary}."))
                }
                Err(err) => (
                    false,
                    format!("The draft was not discarded. {}", err.user_message()),
                ),
            };
            status.set(Some(outcome));
            drafts.refetch();
            request_animation_frame(|| focus_element(STATUS_ID));
        });
    });

    view! {
        <div role="status" aria-live="polite">
            {move || {
                status
                    .get()
                    .map(|(ok, message)| {
                        let class = if ok { "notice notice-success" } else { "notice notice-error" };
                        view! { <p class=class id=STATUS_ID tabindex="-1">{message}</p> }
                    })
            }}
        </div>
        {move || match drafts.get() {
            Some(Ok(list)) if !list.is_empty() => {
                view! {
                    <section class="page-section" aria-labelledby="drafts-heading">
                        <h2 id="drafts-heading">"Drafts"</h2>
                        <p class="hint">"Records you saved to finish later. Only you can see them."</p>
                        <ul class="record-list">
                            {list.into_iter().map(|d| draft_card(d, discarding, discard)).collect_view()}
                        </ul>
                    </section>
                }
                    .into_any()
            }
            Some(Err(err)) => {
                view! {
                    <section class="page-section" aria-labelledby="drafts-heading">
                        <h2 id="drafts-heading">"Drafts"</h2>
                        <LoadError error=err />
                    </section>
                }
                    .into_any()
            }
            _ => ().into_any(),
        }}
    }
}

/// One draft: what it is, when it was last saved, and continuing or
/// discarding it.
fn draft_card(
    d: Draft,
    discarding: RwSignal<bool>,
    discard: Callback<(Uuid, String)>,
) -> impl IntoView {
    let summary = if d.summary.trim().is_empty() {
        UNTITLED.to_owned()
    } else {
        d.summary.clone()
    };
    let href = format!("/record?draft={}", d.id);
    let hidden = format!(" {summary}");
    let id = d.id;
    let on_confirm = {
        let summary = summary.clone();
        Callback::new(move |()| discard.run((id, summary.clone())))
    };
    view! {
        <li class="record-card draft-card">
            <h3 class="card-title">{summary.clone()}</h3>
            <dl class="record-facts">
                <div>
                    <dt>"Last saved"</dt>
                    <dd>
                        <time datetime=d.updated_at.to_rfc3339()>{dates::long_time(d.updated_at)}</time>
                    </dd>
                </div>
            </dl>
            <div class="form-buttons draft-buttons">
                <A href=href attr:class="button">
                    "Continue"
                    <span class="visually-hidden">{hidden}</span>
                </A>
                <ConfirmButton
                    id=format!("draft-{id}-discard")
                    label="Discard"
                    subject=summary.clone()
                    question="Discard this draft? It cannot be recovered."
                    confirm="Yes, discard it"
                    busy=discarding
                    on_confirm=on_confirm
                />
            </div>
        </li>
    }
}
