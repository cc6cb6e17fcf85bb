//! The written reason a privileged or lasting action asks for (opening a
//! record for a purpose, redacting a section, amending a record, asking for
//! one to be removed): the same field, rules and errors for each.

use leptos::prelude::*;

use crate::components::field_error::{FieldErrorMessage, FormErrors, field_id, hint_id};

/// A required "reason" textarea with its hint and error message.
#[component]
pub fn ReasonField(
    /// The form's errors.
    errors: FormErrors,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// The hint under the label.
    #[prop(into)]
    hint: String,
    /// What has been typed.
    value: RwSignal<String>,
    /// The field's name among the form's errors, and so its id. Two forms on
    /// one page that both ask for a reason need different ones.
    #[prop(default = "reason")]
    field: &'static str,
) -> impl IntoView {
    view! {
        <div class="form-group" class:form-group-error=move || errors.message(field).is_some()>
            <label class="label" for=field_id(field)>
                {label}
            </label>
            <p class="hint" id=hint_id(field)>
                {hint}
            </p>
            <FieldErrorMessage errors=errors field=field />
            <textarea
                id=field_id(field)
                class="textarea textarea-short"
                rows="4"
                required
                aria-describedby=move || errors.described_by(field, true)
                aria-invalid=move || errors.invalid(field)
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
}
