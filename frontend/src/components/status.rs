//! Loading and failure messages for data a page is waiting on.

use leptos::prelude::*;

use crate::api::ApiError;

/// A polite "Loading…" that screen readers announce.
#[component]
pub fn Loading(
    /// What is loading, e.g. "your supervisions".
    #[prop(into)]
    what: String,
) -> impl IntoView {
    view! {
        <p class="loading" role="status">
            {format!("Loading {what}…")}
        </p>
    }
}

/// A failed load, announced, with the error put in words people can act on.
#[component]
pub fn LoadError(
    /// The failure.
    error: ApiError,
) -> impl IntoView {
    view! {
        <div class="notice notice-error" role="alert">
            <p>{error.user_message()}</p>
        </div>
    }
}

/// The news that a change was saved, in a live region so it is announced
/// when it appears; it has the id `id`, so a page can move focus to it once
/// what it describes has reloaded (the form that was used may be gone).
#[component]
pub fn SavedNotice(
    /// The message, once there is one.
    message: RwSignal<Option<String>>,
    /// The message's element id, for focusing it.
    id: &'static str,
) -> impl IntoView {
    view! {
        <div role="status" aria-live="polite">
            {move || {
                message
                    .get()
                    .map(|m| view! { <p class="notice notice-success" id=id tabindex="-1">{m}</p> })
            }}
        </div>
    }
}
