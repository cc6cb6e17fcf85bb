//! Redaction on request (F7.4), as the people on a record see it: the
//! requests made and where they stand, and a form to ask for a section to
//! be redacted. A senior manager decides (`/redactions`); nobody redacts
//! without being asked.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::limits::COMMENT_MAX_CHARS;
use supervision_shared::{FieldError, RecordSection};
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::redaction::{Redaction, RedactionRequest, request_redaction};
use crate::api::supervision::SupervisionContent;
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors};
use crate::components::reason_field::ReasonField;
use crate::dates;

/// The field the section is chosen in.
const SECTION: &str = "redact-section";
/// The field the reason is typed in.
const REASON: &str = "redact-reason";

/// The sections one may ask to redact: those with text, not yet redacted,
/// with no request already waiting.
pub fn offered_sections(
    content: &SupervisionContent,
    redactions: &[Redaction],
    requests: &[RedactionRequest],
) -> Vec<RecordSection> {
    RecordSection::ALL
        .iter()
        .copied()
        .filter(|&section| {
            let text = match section {
                RecordSection::Experience => &content.experience,
                RecordSection::Reflection => &content.reflection,
                RecordSection::Analysis => &content.analysis,
                RecordSection::ActionPlan => &content.action_plan,
                RecordSection::Notes => &content.notes,
            };
            !text.trim().is_empty()
                && !redactions.iter().any(|r| r.section == section)
                && !requests
                    .iter()
                    .any(|r| r.section == section && r.is_pending())
        })
        .collect()
}

/// What is wrong with the request before it is sent, as the server would say.
fn check(section: Option<RecordSection>, reason: &str) -> Vec<FieldError> {
    let mut found = Vec::new();
    if section.is_none() {
        found.push(FieldError::new(SECTION, "Choose the section to redact."));
    }
    let length = reason.trim().chars().count();
    if length == 0 {
        found.push(FieldError::new(
            REASON,
            "Say why the section should be redacted: a senior manager decides on it.",
        ));
    } else if length > COMMENT_MAX_CHARS {
        found.push(FieldError::too_long(REASON, COMMENT_MAX_CHARS));
    }
    found
}

/// The server's field names are this form's.
fn as_form_field(mut error: FieldError) -> FieldError {
    error.field = match error.field.as_str() {
        "section" => SECTION.to_owned(),
        "reason" => REASON.to_owned(),
        _ => error.field,
    };
    error
}

/// The record's requests, then the form (folded away) when a section may
/// still be asked for.
#[component]
pub fn RedactionRequests(
    /// The record.
    id: Uuid,
    /// Its requests, oldest first.
    requests: Vec<RedactionRequest>,
    /// The sections that may be asked for.
    offered: Vec<RecordSection>,
    /// Called with a status message once the server has the request.
    on_requested: Callback<String>,
) -> impl IntoView {
    view! {
        <section class="form-section" aria-labelledby="redaction-requests-heading">
            <h2 id="redaction-requests-heading">"Redaction requests"</h2>
            {if requests.is_empty() {
                view! {
                    <p>
                        "If a section names someone it should not, or holds something that should not be kept, you can ask a senior manager to redact it."
                    </p>
                }
                    .into_any()
            } else {
                view! { <ul class="comment-list">{requests.into_iter().map(request_item).collect_view()}</ul> }
                    .into_any()
            }}
            {(!offered.is_empty()).then(|| view! { <RequestForm id offered on_requested /> })}
        </section>
    }
}

/// One request: the section, who asked and when, and where it stands.
fn request_item(request: RedactionRequest) -> impl IntoView {
    let standing = match request.status.as_str() {
        "pending" => "Waiting for a senior manager's decision".to_owned(),
        "approved" => format!(
            "Redacted by {}",
            request
                .decided_by
                .as_ref()
                .map_or("a senior manager", |s| s.name.as_str())
        ),
        _ => format!(
            "Declined by {}",
            request
                .decided_by
                .as_ref()
                .map_or("a senior manager", |s| s.name.as_str())
        ),
    };
    view! {
        <li class="comment">
            <p class="comment-meta">
                <span class="comment-author">{request.section.label()}</span>
                {format!(
                    ": asked by {} on {}",
                    request.requested_by.name,
                    dates::long_time(request.requested_at),
                )}
            </p>
            <p class="prose">{request.reason}</p>
            <p>
                <strong>{standing}</strong>
            </p>
            {request.decision_note.map(|note| view! { <p class="prose">{note}</p> })}
        </li>
    }
}

/// Asking for one section to be redacted.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
fn RequestForm(
    id: Uuid,
    offered: Vec<RecordSection>,
    on_requested: Callback<String>,
) -> impl IntoView {
    let section = RwSignal::new(String::new());
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
        let chosen = RecordSection::parse(&section.get_untracked()).ok();
        let text = reason.get_untracked();
        let found = check(chosen, &text);
        let Some(chosen) = chosen.filter(|_| found.is_empty()) else {
            errors.set(found);
            focus_error_summary();
            return;
        };
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = request_redaction(id, chosen, text.trim()).await;
            saving.set(false);
            match result {
                Ok(request) => on_requested.run(format!(
                    "Your request to redact {} has been sent to a senior manager.",
                    request.section.label()
                )),
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    errors.set(err.fields.into_iter().map(as_form_field).collect());
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
            <summary class="details-summary">"Ask for a section to be redacted"</summary>
            <div class="details-body">
                <p>
                    "A senior manager decides. If they agree, the section's text is no longer shown to anyone; the people on the record see that it was redacted and when."
                </p>
                <ErrorSummary errors=errors general=general />
                <form on:submit=on_submit novalidate>
                    <div class="form-group" class:form-group-error=move || errors.message(SECTION).is_some()>
                        <label class="label" for=SECTION>
                            "Section"
                        </label>
                        <FieldErrorMessage errors=errors field=SECTION />
                        <select
                            id=SECTION
                            class="select"
                            aria-describedby=move || errors.described_by(SECTION, false)
                            aria-invalid=move || errors.invalid(SECTION)
                            on:change=move |ev| section.set(event_target_value(&ev))
                        >
                            <option value="" prop:selected=move || section.get().is_empty()>
                                "Choose a section"
                            </option>
                            {offered
                                .into_iter()
                                .map(|s| {
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
                        label="Why should it be redacted?"
                        hint="The senior manager reads this to decide. Do not repeat what the section says."
                        value=reason
                        field=REASON
                    />
                    // Secondary: the page's one primary button is the validation's.
                    <button type="submit" class="button button-secondary" disabled=move || saving.get()>
                        "Send request"
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
    fn a_request_needs_a_section_and_a_reason() {
        let fields =
            |found: Vec<FieldError>| found.into_iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(fields(check(None, " ")), vec![SECTION, REASON]);
        assert!(check(Some(RecordSection::Reflection), "It names a patient").is_empty());
        assert_eq!(
            as_form_field(FieldError::new("section", "x")).field,
            SECTION
        );
    }
}
