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
