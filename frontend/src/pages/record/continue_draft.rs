//! `/record?draft=ID`: a draft saved on the server, opened in the record
//! form to be finished (from the home page's list, on any device).

use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

use super::RecordForm;
use super::server_draft;
use crate::api::draft::my_drafts;
use crate::components::status::{LoadError, Loading};

/// Loads the draft, then shows the form with it.
#[component]
pub fn ContinueDraft(
    /// The signed-in person (the draft's author).
    person: Uuid,
    /// The draft's id.
    id: Uuid,
) -> impl IntoView {
    let found = LocalResource::new(move || async move {
        my_drafts()
            .await
            .map(|drafts| drafts.into_iter().find(|d| d.id == id))
    });
    move || {
        match found.get() {
        None => view! {
            <h1 tabindex="-1">"Record supervision"</h1>
            <Loading what="your draft" />
        }
        .into_any(),
        Some(Err(err)) => view! {
            <h1 tabindex="-1">"Record supervision"</h1>
            <LoadError error=err />
        }
        .into_any(),
        Some(Ok(draft)) => match draft.as_ref().and_then(server_draft::read) {
            Some(form) => view! { <RecordForm person=person continued=form /> }.into_any(),
            None => view! {
                <h1 tabindex="-1">"Record supervision"</h1>
                <div class="notice notice-warning" role="alert">
                    <p>
                        {if draft.is_some() {
                            "This draft could not be read."
                        } else {
                            "This draft could not be found. It may have been submitted or discarded."
                        }}
                    </p>
                </div>
                <p>
                    <A href="/record">"Start a new record"</A>
                </p>
            }
            .into_any(),
        },
    }
    }
}
