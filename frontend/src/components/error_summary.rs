//! The list of problems at the top of the page, each linking to its field.
//! It is announced when it appears, and takes focus after a failed submit so
//! keyboard and screen-reader users land on it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

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

/// The page's error summary: GOV.UK puts it at the top of the main
/// content, above the heading, whichever form on the page failed, so it is
/// the first thing read and focused. Forms report to it through
/// [`ErrorSummary`]; the app shell draws it with [`PageErrorSummary`]. When
/// more than one form has errors, the one that failed last is shown, and
/// the one before it again once that is put right.
#[derive(Clone, Copy)]
pub struct PageErrors(RwSignal<Vec<Shown>>);

/// A form's summary as the page shows it.
#[derive(Clone)]
struct Shown {
    /// Which [`ErrorSummary`] it came from.
    key: u64,
    /// The id to focus it by.
    id: String,
    errors: FormErrors,
    general: Signal<Option<String>>,
}

impl PageErrors {
    /// Gives every page under it one summary at the top.
    pub fn provide() -> Self {
        let page = Self(RwSignal::new(Vec::new()));
        provide_context(page);
        page
    }

    fn show(self, shown: Shown) {
        self.0.update(|list| {
            list.retain(|s| s.key != shown.key);
            list.push(shown);
        });
    }

    fn hide(self, key: u64) {
        if self
            .0
            .with_untracked(|list| list.iter().any(|s| s.key == key))
        {
            self.0.update(|list| list.retain(|s| s.key != key));
        }
    }
}

/// A form's "There is a problem", with a link per error. Under
/// [`PageErrors`] it is drawn at the top of the page; without, in place.
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
    static NEXT_KEY: AtomicU64 = AtomicU64::new(0);
    let key = NEXT_KEY.fetch_add(1, Ordering::Relaxed);
    let visible = move || !errors.is_empty() || general.get().is_some();
    let id = id.unwrap_or_else(|| ERROR_SUMMARY_ID.to_owned());
    let page = use_context::<PageErrors>();
    // The page's title starts with "Error: " while this summary is shown
    // (crate::title); counted in and out, and out again if the form goes.
    let counted = Arc::new(AtomicBool::new(false));
    let in_effect = Arc::clone(&counted);
    let shown_id = id.clone();
    Effect::new(move |_| {
        let now = visible();
        if in_effect.swap(now, Ordering::Relaxed) != now {
            crate::title::error_summary_shown(now);
            if let Some(page) = page {
                if now {
                    page.show(Shown {
                        key,
                        id: shown_id.clone(),
                        errors,
                        general,
                    });
                } else {
                    page.hide(key);
                }
            }
        }
    });
    on_cleanup(move || {
        if counted.swap(false, Ordering::Relaxed) {
            crate::title::error_summary_shown(false);
        }
        if let Some(page) = page {
            page.hide(key);
        }
    });
    page.is_none()
        .then(|| view! { <Show when=visible>{summary_box(id.clone(), errors, general)}</Show> })
}

/// The top of the page, where the failed form's summary is drawn.
#[component]
pub fn PageErrorSummary(
    /// As the shell provided it.
    page: PageErrors,
) -> impl IntoView {
    // The alert role comes with the summary: an empty live region on every
    // page would be one more "alert" for assistive technology to list.
    view! {
        <div class="page-errors">
            {move || {
                page.0
                    .with(|list| list.last().cloned())
                    .map(|shown| summary_box(shown.id, shown.errors, shown.general))
            }}
        </div>
    }
}

fn summary_box(id: String, errors: FormErrors, general: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div class="error-summary" id=id tabindex="-1" role="alert" aria-atomic="true">
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
    }
}
