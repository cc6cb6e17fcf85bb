//! A supervisee's validation: agree, or disagree and give their own account.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::validation::validate_decision;
use supervision_shared::{FieldError, ValidationDecision, ValidationState};
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::supervision::{Attendee, validate_supervision};
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors, hint_id};

const AGREE: &str = "agree";
const DISAGREE: &str = "disagree";

/// The validation form, prefilled with any earlier validation so it can be
/// changed.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn ValidateForm(
    /// The record being validated.
    id: Uuid,
    /// The caller's current validation, if any.
    current: Option<Attendee>,
    /// Still waiting for it: the form is the first thing on the page, and
    /// says what is asked; otherwise it changes one already given.
    awaiting: bool,
    /// Called with a status message once the server has accepted it.
    on_validated: Callback<String>,
) -> impl IntoView {
    let decision = RwSignal::new(match current.as_ref().map(|a| a.validation_state) {
        Some(ValidationState::Agreed) => AGREE.to_owned(),
        Some(ValidationState::Disagreed) => DISAGREE.to_owned(),
        _ => String::new(),
    });
    let comment = RwSignal::new(current.and_then(|a| a.comment).unwrap_or_default());
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        general.set(None);
        let chosen = match decision.get_untracked().as_str() {
            AGREE => Some(ValidationDecision::Agree),
            DISAGREE => Some(ValidationDecision::Disagree),
            _ => None,
        };
        let text = comment.get_untracked();
        let Some(chosen) = chosen else {
            errors.set(vec![FieldError::new(
                "decision",
                "Choose whether you agree this is an accurate record.",
            )]);
            focus_error_summary();
            return;
        };
        if let Err(found) = validate_decision(chosen, &text) {
            errors.set(found);
            focus_error_summary();
            return;
        }
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = validate_supervision(id, chosen, text.trim()).await;
            saving.set(false);
            match result {
                Ok(_) => on_validated.run(match chosen {
                    ValidationDecision::Agree => {
                        "Your validation has been saved: you agreed this is an accurate record.".to_owned()
                    }
                    ValidationDecision::Disagree => {
                        "Your validation has been saved: you disagreed, and your comment is kept with the record.".to_owned()
                    }
                }),
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
        <section class="validate" class:validate-first=awaiting aria-labelledby="validate-heading">
            <h2 id="validate-heading">
                {if awaiting { "Agree or disagree with this record" } else { "Change your validation" }}
            </h2>
            {awaiting.then(|| view! {
                <p>
                    "This record is waiting for you. Read it below, then say whether it is an accurate record of the session."
                </p>
            })}
            <ErrorSummary errors=errors general=general />
            <form on:submit=on_submit novalidate>
                <div class="form-group" class:form-group-error=move || errors.message("decision").is_some()>
                    <fieldset
                        class="fieldset"
                        id="decision"
                        tabindex="-1"
                        aria-describedby=move || errors.described_by("decision", false)
                    >
                        <legend class="legend">"Is this an accurate record of the session?"</legend>
                        <FieldErrorMessage errors=errors field="decision" />
                        <div class="radio">
                            <input type="radio" id="decision-agree" name="decision" value=AGREE bind:group=decision />
                            <label for="decision-agree">"I agree this is an accurate record"</label>
                        </div>
                        <div class="radio">
                            <input
                                type="radio"
                                id="decision-disagree"
                                name="decision"
                                value=DISAGREE
                                bind:group=decision
                            />
                            <label for="decision-disagree">"I disagree"</label>
                        </div>
                    </fieldset>
                </div>
                <div class="form-group" class:form-group-error=move || errors.message("comment").is_some()>
                    <label class="label" for="comment">
                        "Your comment"
                    </label>
                    <p class="hint" id=hint_id("comment")>
                        "Required if you disagree: say what is not accurate. Your account is kept alongside the record."
                    </p>
                    <FieldErrorMessage errors=errors field="comment" />
                    <textarea
                        id="comment"
                        class="textarea"
                        rows="5"
                        aria-describedby=move || errors.described_by("comment", true)
                        aria-invalid=move || errors.invalid("comment")
                        prop:value=move || comment.get()
                        on:input=move |ev| comment.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <button type="submit" class="button" disabled=move || saving.get()>
                    "Submit validation"
                </button>
            </form>
        </section>
    }
}
