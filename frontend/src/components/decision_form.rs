//! Deciding a request someone made (removing a record made in error,
//! redacting a section): a note, then approve or decline. The pages say in
//! [`DecisionWords`] what is decided and when a note is required; the
//! server's rule is the same.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use supervision_shared::limits::COMMENT_MAX_CHARS;
use uuid::Uuid;

use crate::api::{ApiError, ErrorCode};
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors, hint_id};

/// What a decision is called, and when its note is required.
#[derive(Clone, Copy)]
pub struct DecisionWords {
    /// Under the note's label.
    pub hint: &'static str,
    /// Above the buttons: what approving does.
    pub warning: &'static str,
    /// The approving button.
    pub approve: &'static str,
    /// The declining button.
    pub decline: &'static str,
    /// The message for an empty note when approving (`true`) or declining,
    /// or `None` where an empty note is allowed.
    pub note_required: fn(bool) -> Option<&'static str>,
}

/// Sends the decision (request, approve, note) and answers what to tell the
/// person deciding.
pub type Decide = fn(Uuid, bool, String) -> Pin<Box<dyn Future<Output = Result<String, ApiError>>>>;

/// The note's problem, if it has one.
fn check_note(words: DecisionWords, field: &str, approve: bool, note: &str) -> Option<FieldError> {
    let length = note.trim().chars().count();
    match (words.note_required)(approve) {
        Some(message) if length == 0 => Some(FieldError::new(field, message)),
        _ if length > COMMENT_MAX_CHARS => Some(FieldError::too_long(field, COMMENT_MAX_CHARS)),
        _ => None,
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
    /// What the decision is called.
    words: DecisionWords,
    /// How it is sent.
    decide: Decide,
    /// Called with a status message once the server has recorded it.
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
            if let Some(problem) = check_note(words, &field, approving, &text) {
                errors.set(vec![problem]);
                focus_error_summary();
                return;
            }
            errors.clear();
            saving.set(true);
            let field = field.clone();
            spawn_local(async move {
                let result = decide(request_id, approving, text.trim().to_owned()).await;
                saving.set(false);
                match result {
                    Ok(message) => on_decided.run(message),
                    Err(err)
                        if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() =>
                    {
                        // `note` is this form's field; anything else (decided
                        // meanwhile) is about the request as a whole.
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
                    {words.hint}
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
            <p class="hint">{words.warning}</p>
            <div class="form-buttons">
                <button
                    type="submit"
                    class="button"
                    disabled=move || saving.get()
                    on:click=move |_| approve.set(true)
                >
                    {words.approve}
                </button>
                <button
                    type="submit"
                    class="button button-secondary"
                    disabled=move || saving.get()
                    on:click=move |_| approve.set(false)
                >
                    {words.decline}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ON_DECLINE: DecisionWords = DecisionWords {
        hint: "",
        warning: "",
        approve: "Approve",
        decline: "Decline",
        note_required: |approve| (!approve).then_some("Say why."),
    };

    #[test]
    fn a_note_is_required_where_the_words_say_and_never_too_long() {
        assert_eq!(
            check_note(ON_DECLINE, "note-1", false, "  ").map(|e| e.field),
            Some("note-1".to_owned())
        );
        assert!(check_note(ON_DECLINE, "note-1", true, "").is_none());
        assert!(check_note(ON_DECLINE, "note-1", false, "It was the right person").is_none());
        assert!(
            check_note(
                ON_DECLINE,
                "note-1",
                true,
                &"x".repeat(COMMENT_MAX_CHARS + 1)
            )
            .is_some()
        );
    }
}
