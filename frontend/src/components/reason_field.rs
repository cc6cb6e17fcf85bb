//! The written reason a privileged action asks for (opening a record for a
//! purpose, redacting a section): the same field, rules and errors for both.

use leptos::prelude::*;

use crate::components::field_error::{FieldErrorMessage, FormErrors, hint_id};

/// A required "reason" textarea with its hint and error message.
#[component]
pub fn ReasonField(
    /// The form's errors (the field is `reason`).
    errors: FormErrors,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// The hint under the label.
    #[prop(into)]
    hint: String,
    /// What has been typed.
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="form-group" class:form-group-error=move || errors.message("reason").is_some()>
            <label class="label" for="reason">
                {label}
            </label>
            <p class="hint" id=hint_id("reason")>
                {hint}
            </p>
            <FieldErrorMessage errors=errors field="reason" />
            <textarea
                id="reason"
                class="textarea textarea-short"
                rows="4"
                required
                aria-describedby=move || errors.described_by("reason", true)
                aria-invalid=move || errors.invalid("reason")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
}
