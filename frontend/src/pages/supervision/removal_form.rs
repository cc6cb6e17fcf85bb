//! The recorder asks for a record made in error to be removed (F4.5), with
//! the reason; a system administrator decides. Until then the record stands.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use supervision_shared::limits::COMMENT_MAX_CHARS;
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::removal::request_removal;
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::FormErrors;
use crate::components::reason_field::ReasonField;

/// The reason's field: the amend form on the same page has one too.
const REASON: &str = "removal-reason";

/// What the recorder is told once the request is made.
pub const REQUESTED: &str = "Your request to remove this record has been sent. A system administrator will decide whether to remove it; until then it stays as it is.";

/// The reason's problem, if it has one (the server's rule).
fn check_reason(text: &str) -> Option<FieldError> {
    let length = text.trim().chars().count();
    if length == 0 {
        Some(FieldError::new(
            REASON,
            "Say why the record was made in error: an administrator decides on it.",
        ))
    } else if length > COMMENT_MAX_CHARS {
        Some(FieldError::too_long(REASON, COMMENT_MAX_CHARS))
    } else {
        None
    }
}

/// The removal request form, folded away until it is needed.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn RemovalForm(
    /// The record to remove.
    id: Uuid,
    /// Called with a status message once the request is made.
    on_requested: Callback<String>,
) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        let text = reason.get_untracked();
        if let Some(problem) = check_reason(&text) {
            errors.set(vec![problem]);
            focus_error_summary();
            return;
        }
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = request_removal(id, text.trim()).await;
            saving.set(false);
            match result {
                Ok(_) => on_requested.run(REQUESTED.to_owned()),
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    // `reason` is this form's field; anything else (a request
                    // already waiting) is about the record as a whole.
                    let (mine, whole): (Vec<_>, Vec<_>) =
                        err.fields.into_iter().partition(|f| f.field == "reason");
                    general.set(whole.into_iter().next().map(|f| f.message));
                    errors.set(
                        mine.into_iter()
                            .map(|f| FieldError::new(REASON, f.message))
                            .collect(),
                    );
                    focus_error_summary();
                }
                Err(err) if err.code == ErrorCode::Forbidden => {
                    general.set(Some(
                        "Only the person who recorded a session can ask for its record to be removed."
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
    };

    view! {
        <details class="details">
            <summary class="details-summary">"Ask for this record to be removed"</summary>
            <div class="details-body">
                <p>
                    "Only for a record made in error, such as one about the wrong person or a session that did not happen. To correct a record, amend it instead."
                </p>
                <p>
                    "A system administrator decides. If they approve, the record's content is deleted and it no longer appears anywhere; a note that it existed is kept for audit."
                </p>
                <ErrorSummary errors=errors general=general />
                <form on:submit=on_submit novalidate>
                    <ReasonField
                        errors=errors
                        field=REASON
                        label="Why was this record made in error?"
                        hint="Required. The administrator who decides will read it."
                        value=reason
                    />
                    <button type="submit" class="button button-secondary" disabled=move || saving.get()>
                        "Ask for removal"
                    </button>
                </form>
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_removal_request_needs_a_reason_of_reasonable_length() {
        assert_eq!(
            check_reason("   ").map(|e| e.field),
            Some(REASON.to_owned())
        );
        assert!(check_reason("Recorded for the wrong person").is_none());
        assert!(check_reason(&"x".repeat(COMMENT_MAX_CHARS + 1)).is_some());
    }
}
