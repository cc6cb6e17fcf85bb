//! A button for something that cannot be undone (deleting an attachment,
//! discarding a draft): pressing it asks first, in place, and only the
//! second button does it (WCAG 3.3.4). Focus moves to the question's
//! answer and back, so keyboard users never lose their place.

use leptos::prelude::*;

use crate::components::error_summary::focus_element;

/// The button, and once pressed, the question with "yes" and "cancel".
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn ConfirmButton(
    /// A prefix for the element ids, unique on the page.
    #[prop(into)]
    id: String,
    /// The button's visible words, e.g. "Delete".
    label: &'static str,
    /// What it acts on, added for screen readers after the visible words
    /// (so each button in a list has its own name, and speech control still
    /// finds it by what it shows).
    #[prop(into)]
    subject: String,
    /// The question asked before doing it.
    #[prop(into)]
    question: String,
    /// The answer that does it, e.g. "Yes, delete it".
    confirm: &'static str,
    /// While the change is being sent: the buttons wait.
    #[prop(into)]
    busy: Signal<bool>,
    /// Does it.
    on_confirm: Callback<()>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let button_id = format!("{id}-button");
    let yes_id = format!("{id}-yes");
    let question_id = format!("{id}-question");
    let ask = {
        let yes_id = yes_id.clone();
        move |_| {
            asking.set(true);
            let yes_id = yes_id.clone();
            request_animation_frame(move || focus_element(&yes_id));
        }
    };
    let cancel = {
        let button_id = button_id.clone();
        move |_| {
            asking.set(false);
            let button_id = button_id.clone();
            request_animation_frame(move || focus_element(&button_id));
        }
    };
    let hidden_subject = format!(" {subject}");
    view! {
        <Show
            when=move || asking.get()
            fallback={
                let button_id = button_id.clone();
                let hidden_subject = hidden_subject.clone();
                let ask = ask.clone();
                move || {
                    view! {
                        <button
                            type="button"
                            id=button_id.clone()
                            class="button button-secondary"
                            disabled=move || busy.get()
                            on:click=ask.clone()
                        >
                            {label}
                            <span class="visually-hidden">{hidden_subject.clone()}</span>
                        </button>
                    }
                }
            }
        >
            <div class="confirm" role="group" aria-labelledby=question_id.clone()>
                <p id=question_id.clone()>{question.clone()}</p>
                <div class="form-buttons">
                    <button
                        type="button"
                        id=yes_id.clone()
                        class="button button-warning"
                        disabled=move || busy.get()
                        on:click=move |_| on_confirm.run(())
                    >
                        {confirm}
                    </button>
                    <button
                        type="button"
                        class="button button-secondary"
                        disabled=move || busy.get()
                        on:click=cancel.clone()
                    >
                        "Cancel"
                    </button>
                </div>
            </div>
        </Show>
    }
}
