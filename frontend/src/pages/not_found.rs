//! Any path the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::title::set_title;

/// The fallback page.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_title("Page not found");
    view! {
        <h1 tabindex="-1">"Page not found"</h1>
        <p>"If you typed the web address, check it is correct."</p>
        <p>
            <A href="/">"Go to my supervisions"</A>
        </p>
    }
}
