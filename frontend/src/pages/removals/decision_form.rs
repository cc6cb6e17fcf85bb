//! A system administrator's decision on one removal request: approve, which
//! removes the record for everyone, or decline with a note saying why.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use supervision_shared::limits::COMMENT_MAX_CHARS;
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::removal::{RemovalStatus, decide_removal};
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors, hint_id};

/// The note's problem, if it has one: a decline needs one (the server's rule).
fn check_note(field: &str, approve: bool, note: &str) -> Option<FieldError> {
    let length = note.trim().chars().count();
    if !approve && length == 0 {
        Some(FieldError::new(
            field,
            "Say why the record stays: the person who asked will see it.",
        ))
    } else if length > COMMENT_MAX_CHARS {
        Some(FieldError::too_long(field, COMMENT_MAX_CHARS))
    } else {
        None
    }
}

/// What the administrator is told once the server has recorded a decision.
fn decided_message(status: RemovalStatus) -> &'static str {
    match status {
        RemovalStatus::Approved => {
            "Removal approved: the record has been removed for everyone. A note that it existed is kept for audit."
        }
        RemovalStatus::Declined => {
            "Removal declined: the record stays. Your note is kept with the request."
        }
        RemovalStatus::Pending => "The request is still waiting for a decision.",
    }
}

/// Approve or decline one request.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn DecisionForm(
    /// The request.
    request_id: Uuid,
    /// The id of the request's heading, which names the form.
    heading_id: String,
    /// Called with a status message once the server has recorded the decision.
    on_decided: Callback<String>,
) -> impl IntoView {
    // One form per request on the page, so each note has its own id.
    let field = format!("note-{request_id}");
    let note = RwSignal::new(String::new());
    // Set by the button pressed, just before the form is submitted.
    let approve = RwSignal::new(false);
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    let on_submit = {
        let field = field.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if saving.get_untracked() {
                return;
            }
            general.set(None);
            let approving = approve.get_untracked();
            let text = note.get_untracked();
            if let Some(problem) = check_note(&field, approving, &text) {
                errors.set(vec![problem]);
                focus_error_summary();
                return;
            }
            errors.clear();
            saving.set(true);
            let field = field.clone();
            spawn_local(async move {
                let result = decide_removal(request_id, approving, text.trim()).await;
                saving.set(false);
                match result {
                    Ok(decided) => on_decided.run(decided_message(decided.status).to_owned()),
                    Err(err)
                        if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() =>
                    {
                        // `note` is this form's field; `requestId` means it
                        // was decided meanwhile.
                        let (mine, whole): (Vec<_>, Vec<_>) =
                            err.fields.into_iter().partition(|f| f.field == "note");
                        general.set(whole.into_iter().next().map(|f| f.message));
                        errors.set(
                            mine.into_iter()
                                .map(|f| FieldError::new(field.clone(), f.message))
                                .collect(),
                        );
                        focus_error_summary();
                    }
                    Err(err) if err.code == ErrorCode::Forbidden => {
                        general.set(Some(
                            "Only system administrators can decide removal requests.".to_owned(),
                        ));
                        focus_error_summary();
                    }
                    Err(err) if err.code == ErrorCode::NotFound => {
                        general.set(Some(
                            "This request could not be found. Reload the page to see the current list."
                                .to_owned(),
                        ));
                        focus_error_summary();
                    }
                    Err(err) => {
                        general.set(Some(err.user_message()));
                        focus_error_summary();
                    }
                }
            });
        }
    };

    let (message, described, invalid) = (field.clone(), field.clone(), field.clone());
    view! {
        <form class="decision-form" aria-labelledby=heading_id on:submit=on_submit novalidate>
            <ErrorSummary errors=errors general=general />
            <div class="form-group" class:form-group-error=move || errors.message(&message).is_some()>
                <label class="label" for=field.clone()>
                    "Note on your decision"
                </label>
                <p class="hint" id=hint_id(&field)>
                    "Required if you decline: say why the record stays. The person who asked will see it."
                </p>
                <FieldErrorMessage errors=errors field=field.clone() />
                <textarea
                    id=field.clone()
                    class="textarea textarea-short"
                    rows="3"
                    aria-describedby=move || errors.described_by(&described, true)
                    aria-invalid=move || errors.invalid(&invalid)
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
            </div>
            <p class="hint">
                "Approving deletes the record's content and takes it out of every list and report. It cannot be undone."
            </p>
            <div class="form-buttons">
                <button
                    type="submit"
                    class="button"
                    disabled=move || saving.get()
                    on:click=move |_| approve.set(true)
                >
                    "Approve removal"
                </button>
                <button
                    type="submit"
                    class="button button-secondary"
                    disabled=move || saving.get()
                    on:click=move |_| approve.set(false)
                >
                    "Decline removal"
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decline_needs_a_note_and_an_approval_does_not() {
        assert_eq!(
            check_note("note-1", false, "  ").map(|e| e.field),
            Some("note-1".to_owned())
        );
        assert!(check_note("note-1", true, "").is_none());
        assert!(check_note("note-1", false, "It was the right person").is_none());
    }
}
