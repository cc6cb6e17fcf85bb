//! Recording an observation of a supervisor's practice: the day of the
//! session observed, the strengths seen and what to develop. Checked in
//! the browser with the shared rule, then by the server; saving it is the
//! observer's signature.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use supervision_shared::quality::{ObservationDraft, check_observation};
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::observation::record_practice_observation;
use crate::components::date_input::DateInput;
use crate::components::error_summary::{ErrorSummary, focus_element};
use crate::components::field_error::FormErrors;
use crate::components::text_area::TextAreaField;
use crate::dates;

const HEADING_ID: &str = "record-observation";
const SUMMARY_ID: &str = "observation-errors";

/// What the form holds, checked as the server will.
fn check(
    supervisor: Uuid,
    observed_on: &str,
    strengths: &str,
    development_points: &str,
) -> Result<ObservationDraft, Vec<FieldError>> {
    let draft = ObservationDraft {
        supervisor_id: supervisor,
        observed_on: dates::parse_iso(observed_on),
        strengths: strengths.to_owned(),
        development_points: development_points.to_owned(),
    };
    match check_observation(&draft, dates::today()) {
        Ok(_) => Ok(draft),
        Err(mut problems) => {
            // Something typed that is not a date says so, not "enter one".
            if draft.observed_on.is_none() && !observed_on.trim().is_empty() {
                for p in problems.iter_mut().filter(|p| p.field == "observedOn") {
                    p.message = "The date observed must be a real date.".to_owned();
                }
            }
            Err(problems)
        }
    }
}

/// The form to record an observation of `supervisor`'s practice.
#[component]
pub fn ObservationForm(supervisor: Uuid, on_saved: Callback<String>) -> impl IntoView {
    let observed_on = RwSignal::new(String::new());
    let strengths = RwSignal::new(String::new());
    let development = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let show = move |problems: Vec<FieldError>| {
        errors.set(problems);
        request_animation_frame(|| focus_element(SUMMARY_ID));
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        let draft = match check(
            supervisor,
            &observed_on.get_untracked(),
            &strengths.get_untracked(),
            &development.get_untracked(),
        ) {
            Ok(draft) => draft,
            Err(problems) => return show(problems),
        };
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = record_practice_observation(&draft).await;
            saving.set(false);
            match result {
                Ok(saved) => {
                    observed_on.set(String::new());
                    strengths.set(String::new());
                    development.set(String::new());
                    on_saved.run(format!(
                        "The observation of {} is recorded and waits for the supervisor's signature.",
                        dates::long(saved.observed_on)
                    ));
                }
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    show(err.fields);
                }
                Err(err) => {
                    general.set(Some(err.user_message()));
                    request_animation_frame(|| focus_element(SUMMARY_ID));
                }
            }
        });
    };
    view! {
        <section class="page-section form-section" aria-labelledby=HEADING_ID>
            <h2 id=HEADING_ID>"Record an observation"</h2>
            <ErrorSummary errors=errors general=general id=SUMMARY_ID />
            <form on:submit=on_submit novalidate aria-labelledby=HEADING_ID>
                <DateInput
                    field="observedOn"
                    legend="Date of the session observed"
                    hint="Within the last year."
                    value=observed_on
                    on_change=Callback::new(move |typed| observed_on.set(typed))
                    errors=errors
                />
                <TextAreaField field="strengths" label="Strengths you saw" value=strengths errors=errors />
                <TextAreaField field="developmentPoints" label="What they could develop" value=development errors=errors />
                <p class="hint">"Recording it signs it as yours. The supervisor reads it and signs it too."</p>
                <button type="submit" class="button" disabled=move || saving.get()>
                    "Record the observation"
                </button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_observation_needs_a_real_date_and_both_texts() {
        let fields = |r: Result<ObservationDraft, Vec<FieldError>>| {
            r.err()
                .unwrap_or_default()
                .into_iter()
                .map(|e| (e.field, e.message))
                .collect::<Vec<_>>()
        };
        let someone = Uuid::from_u128(7);
        let problems = fields(check(someone, "2026-13-40", "Clear", ""));
        assert_eq!(problems[0].0, "observedOn");
        assert!(problems[0].1.contains("real date"), "{problems:?}");
        assert_eq!(problems[1].0, "developmentPoints");
        let today = dates::iso(dates::today());
        assert!(check(someone, &today, "Clear", "Analysis").is_ok());
    }
}
