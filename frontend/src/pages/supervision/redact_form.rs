//! Redaction on request (F7.4): a senior manager, who sees only that a
//! session took place, removes one section's text with a recorded reason.
//! The server decides whether the record is in their scope.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::access::{REASON_MIN_CHARS, validate_reason};
use supervision_shared::{FieldError, RecordSection, Role};
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::redaction::redact_section;
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors};
use crate::components::reason_field::ReasonField;

/// Whether someone with these roles may be offered the form at all.
pub fn may_redact(roles: &[Role]) -> bool {
    roles.contains(&Role::SeniorManager)
}

/// The redaction form, folded away until it is needed.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn RedactForm(
    /// The record to redact a section of.
    id: Uuid,
    /// Called with a status message once the server has redacted it.
    on_redacted: Callback<String>,
) -> impl IntoView {
    let section = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        general.set(None);
        let chosen = RecordSection::parse(&section.get_untracked()).ok();
        let text = reason.get_untracked();
        let mut found = Vec::new();
        if chosen.is_none() {
            found.push(FieldError::new("section", "Choose the section to redact."));
        }
        if let Err(e) = validate_reason(&text) {
            found.push(e);
        }
        let Some(chosen) = chosen.filter(|_| found.is_empty()) else {
            errors.set(found);
            focus_error_summary();
            return;
        };
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = redact_section(id, chosen, text.trim()).await;
            saving.set(false);
            match result {
                Ok(_) => on_redacted.run("Section redacted.".to_owned()),
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    errors.set(err.fields);
                    focus_error_summary();
                }
                Err(err) if err.code == ErrorCode::Forbidden => {
                    general.set(Some(
                        "You can redact sections only for teams in your scope.".to_owned(),
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
            <summary class="details-summary">"Redact a section on request"</summary>
            <div class="details-body">
                <p>
                    "The section's text will no longer be shown to anyone. The people on the record will see that it was redacted and when."
                </p>
                <ErrorSummary errors=errors general=general />
                <form on:submit=on_submit novalidate>
                    <div class="form-group" class:form-group-error=move || errors.message("section").is_some()>
                        <label class="label" for="section">
                            "Section"
                        </label>
                        <FieldErrorMessage errors=errors field="section" />
                        <select
                            id="section"
                            class="select"
                            aria-describedby=move || errors.described_by("section", false)
                            aria-invalid=move || errors.invalid("section")
                            on:change=move |ev| section.set(event_target_value(&ev))
                        >
                            <option value="" prop:selected=move || section.get().is_empty()>
                                "Choose a section"
                            </option>
                            {RecordSection::ALL
                                .iter()
                                .map(|&s| {
                                    view! {
                                        <option value=s.as_str() prop:selected=move || section.get() == s.as_str()>
                                            {s.label()}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <ReasonField
                        errors=errors
                        label="Reason for redaction"
                        hint=format!("At least {REASON_MIN_CHARS} characters. Say who asked for the redaction and why; the reason is kept with the record.")
                        value=reason
                    />
                    <button type="submit" class="button" disabled=move || saving.get()>
                        "Redact section"
                    </button>
                </form>
            </div>
        </details>
    }
}
