//! A printed copy of a record (F9.4): the page as the reader sees it, with
//! the print stylesheet leaving out the navigation and every form. A
//! printed copy leaves the service like an export, so the server notes it
//! (audited) before the browser's print dialogue opens; if that fails,
//! nothing is printed.

use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;
use wasm_bindgen::JsCast;

use crate::api::supervision::note_printed;

/// The "Print this record" button, and what went wrong if it could not.
#[component]
pub fn PrintButton(id: Uuid) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_click = move |_| {
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let noted = note_printed(id).await;
            busy.set(false);
            match noted {
                Ok(()) => print_with_everything_open(),
                Err(err) => problem.set(Some(format!(
                    "The record could not be printed. {}",
                    err.user_message()
                ))),
            }
        });
    };
    view! {
        <div class="print-record">
            <button
                type="button"
                class="button button-secondary"
                disabled=move || busy.get()
                on:click=on_click
            >
                "Print this record"
            </button>
            <div role="status">
                {move || problem.get().map(|p| view! { <p class="notice notice-error">{p}</p> })}
            </div>
        </div>
    }
}

/// Opens every folded part of the page (earlier versions), since a closed
/// one prints only its title, then the browser's print dialogue.
fn print_with_everything_open() {
    let window = window();
    if let Some(document) = window.document()
        && let Ok(closed) = document.query_selector_all("main details:not([open])")
    {
        for i in 0..closed.length() {
            if let Some(details) = closed
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let _ = details.set_attribute("open", "");
            }
        }
    }
    let _ = window.print();
}
