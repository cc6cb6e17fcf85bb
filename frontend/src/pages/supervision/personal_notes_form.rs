//! A supervisee's own notes on a record (F3.4): kept beside the shared
//! record, readable by them alone, and by the facilitator if they choose.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use supervision_shared::limits::SECTION_MAX_CHARS;
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::supervision::save_personal_notes;
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors, hint_id};

/// The API field the notes are reported under.
const NOTES: &str = "notes";

/// The personal notes form, prefilled with what the supervisee saved before.
#[component]
pub fn PersonalNotesForm(
    /// The record the notes belong to.
    id: Uuid,
    /// The notes saved so far, if any.
    current: Option<String>,
    /// Whether they are shared with the facilitator now.
    shared: bool,
    /// The facilitator's name, when someone other than the supervisee wrote
    /// the record (a personal reflection has nobody to share with).
    facilitator: Option<String>,
) -> impl IntoView {
    let notes = RwSignal::new(current.unwrap_or_default());
    let share = RwSignal::new(shared);
    let facilitator_hint = facilitator.clone();
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let saving = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        general.set(None);
        saved.set(false);
        let text = notes.get_untracked();
        let sharing = share.get_untracked();
        if text.chars().count() > SECTION_MAX_CHARS {
            errors.set(vec![FieldError::too_long(NOTES, SECTION_MAX_CHARS)]);
            focus_error_summary();
            return;
        }
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = save_personal_notes(id, &text, sharing).await;
            saving.set(false);
            match result {
                Ok((stored, stored_shared)) => {
                    notes.set(stored.unwrap_or_default());
                    share.set(stored_shared);
                    saved.set(true);
                }
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    errors.set(err.fields);
                    focus_error_summary();
                }
                Err(err) => {
                    general.set(Some(err.user_message()));
                    focus_error_summary();
                }
            }
        });
    };

    view! {
        <section class="form-section" aria-labelledby="personal-notes-heading">
            <h2 id="personal-notes-heading">"My personal notes"</h2>
            <ErrorSummary errors=errors general=general />
            <form on:submit=on_submit novalidate>
                <div class="form-group" class:form-group-error=move || errors.message(NOTES).is_some()>
                    <label class="label" for=NOTES>
                        "Personal notes"
                    </label>
                    <p class="hint" id=hint_id(NOTES)>
                        {move || {
                            match (&facilitator_hint, share.get()) {
                                (Some(name), true) => format!(
                                    "Only you and {name}, who led the session, can see these notes. Other group members cannot.",
                                ),
                                _ => "Only you can see these notes. They are not shared with your supervisor or other group members."
                                    .to_owned(),
                            }
                        }}
                    </p>
                    <FieldErrorMessage errors=errors field=NOTES />
                    <textarea
                        id=NOTES
                        class="textarea"
                        rows="5"
                        aria-describedby=move || errors.described_by(NOTES, true)
                        aria-invalid=move || errors.invalid(NOTES)
                        prop:value=move || notes.get()
                        on:input=move |ev| notes.set(event_target_value(&ev))
                    ></textarea>
                </div>
                {facilitator
                    .map(|name| {
                        view! {
                            <div class="checkbox">
                                <input
                                    type="checkbox"
                                    id="share-notes"
                                    prop:checked=move || share.get()
                                    on:change=move |ev| share.set(event_target_checked(&ev))
                                />
                                <label for="share-notes">{format!("Share my notes with {name}, who led the session")}</label>
                            </div>
                        }
                    })}
                <div role="status" aria-live="polite">
                    {move || {
                        saved.get().then(|| view! { <p class="notice notice-success">"Your notes have been saved"</p> })
                    }}
                </div>
                // Secondary: the page's one primary button is the validation's.
                <button type="submit" class="button button-secondary" disabled=move || saving.get()>
                    "Save my notes"
                </button>
            </form>
        </section>
    }
}
