//! The list of problems at the top of a form, each linking to its field.
//! It is announced when it appears, and takes focus after a failed submit so
//! keyboard and screen-reader users land on it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::field_error::{FormErrors, field_id};

/// The id of the summary, for focusing it after a failed submit.
pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// Moves focus to the error summary once it has rendered.
pub fn focus_error_summary() {
    request_animation_frame(|| focus_element(ERROR_SUMMARY_ID));
}

/// Focuses and reveals the element with this id, if it exists.
pub fn focus_element(id: &str) {
    let Some(element) = document().get_element_by_id(id) else {
        return;
    };
    element.scroll_into_view();
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// "There is a problem", and a link per error.
#[component]
pub fn ErrorSummary(
    /// The form's errors.
    errors: FormErrors,
    /// A problem not tied to one field (e.g. the server failed), if any.
    #[prop(into, optional)]
    general: Signal<Option<String>>,
    /// The summary's id, when a page has more than one form that can fail
    /// at once (each action in a list); [`ERROR_SUMMARY_ID`] otherwise.
    #[prop(into, optional)]
    id: Option<String>,
) -> impl IntoView {
    let visible = move || !errors.is_empty() || general.get().is_some();
    let id = id.unwrap_or_else(|| ERROR_SUMMARY_ID.to_owned());
    // The page's title starts with "Error: " while this summary is shown
    // (crate::title); counted in and out, and out again if the form goes.
    let counted = Arc::new(AtomicBool::new(false));
    let in_effect = Arc::clone(&counted);
    Effect::new(move |_| {
        let now = visible();
        if in_effect.swap(now, Ordering::Relaxed) != now {
            crate::title::error_summary_shown(now);
        }
    });
    on_cleanup(move || {
        if counted.swap(false, Ordering::Relaxed) {
            crate::title::error_summary_shown(false);
        }
    });
    view! {
        <div role="alert" aria-atomic="true">
            <Show when=visible>
                <div class="error-summary" id=id.clone() tabindex="-1">
                    <h2 class="error-summary-title">"There is a problem"</h2>
                    <ul>
                        {move || general.get().map(|message| view! { <li>{message}</li> })}
                        {move || {
                            errors
                                .all()
                                .into_iter()
                                .map(|error| {
                                    let target = field_id(&error.field);
                                    let href = format!("#{target}");
                                    view! {
                                        <li>
                                            // rel=external keeps the router from treating
                                            // this as a page change; the click handler
                                            // moves focus to the field itself.
                                            <a
                                                href=href
                                                rel="external"
                                                on:click=move |ev| {
                                                    ev.prevent_default();
                                                    focus_element(&target);
                                                }
                                            >
                                                {error.message}
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </Show>
        </div>
    }
}
