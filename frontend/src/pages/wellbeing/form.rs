//! Keeping a wellbeing check or action plan: which, how they are (or what
//! the plan is for), the actions agreed, and the review date. Checked in
//! the browser with the shared rule, then by the server.

use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use supervision_shared::wellbeing::{WellbeingEntry, WellbeingKind, check_entry};
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::wellbeing::{WellbeingPlanInput, save_wellbeing_plan};
use crate::components::date_input::DateInput;
use crate::components::error_summary::{ErrorSummary, focus_element};
use crate::components::field_error::FormErrors;
use crate::components::text_area::TextAreaField;
use crate::dates;

const HEADING_ID: &str = "keep-wellbeing";
const SUMMARY_ID: &str = "wellbeing-errors";

/// What the form holds, checked as the server will.
fn check(
    kind: WellbeingKind,
    summary: &str,
    actions: &str,
    review_by: &str,
) -> Result<WellbeingEntry, Vec<FieldError>> {
    let today = dates::today();
    let date = dates::parse_iso(review_by);
    let entry = WellbeingEntry {
        kind,
        summary: summary.to_owned(),
        actions: actions.to_owned(),
        // Every other problem is found even before a date is given.
        review_by: date.unwrap_or(today),
    };
    let mut problems = check_entry(&entry, today);
    if date.is_none() {
        problems.push(FieldError::new("reviewBy", "Enter the review date."));
    }
    if problems.is_empty() {
        Ok(entry)
    } else {
        Err(problems)
    }
}

/// The form to keep a new record for `person`.
// Long by design: one component's signals and its view, in page order.
#[component]
pub fn WellbeingForm(person: Uuid, on_saved: Callback<String>) -> impl IntoView {
    let kind = RwSignal::new(WellbeingKind::Check);
    let summary = RwSignal::new(String::new());
    let actions = RwSignal::new(String::new());
    let review_by = RwSignal::new(String::new());
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
        let entry = match check(
            kind.get_untracked(),
            &summary.get_untracked(),
            &actions.get_untracked(),
            &review_by.get_untracked(),
        ) {
            Ok(entry) => entry,
            Err(problems) => return show(problems),
        };
        errors.clear();
        saving.set(true);
        let input = WellbeingPlanInput {
            id: None,
            staff_id: person,
            kind: entry.kind,
            summary: entry.summary,
            actions: entry.actions,
            review_by: dates::iso(entry.review_by),
        };
        spawn_local(async move {
            let result = save_wellbeing_plan(&input).await;
            saving.set(false);
            match result {
                Ok(saved) => {
                    summary.set(String::new());
                    actions.set(String::new());
                    review_by.set(String::new());
                    on_saved.run(format!(
                        "The {} is kept, for review by {}.",
                        saved.kind.label().to_lowercase(),
                        dates::long(saved.review_by)
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
    let kind_radio = move |k: WellbeingKind| {
        let id = format!("kind-{}", k.as_str());
        view! {
            <div class="radio">
                <input
                    type="radio"
                    id=id.clone()
                    name="kind"
                    prop:checked=move || kind.get() == k
                    on:change=move |_| kind.set(k)
                />
                <label for=id>{k.label()}</label>
            </div>
        }
    };
    view! {
        <section class="page-section form-section" aria-labelledby=HEADING_ID>
            <h2 id=HEADING_ID>"Keep a wellbeing check or action plan"</h2>
            <ErrorSummary errors=errors general=general id=SUMMARY_ID />
            <form on:submit=on_submit novalidate aria-labelledby=HEADING_ID>
                <fieldset class="fieldset">
                    <legend>"Which"</legend>
                    {kind_radio(WellbeingKind::Check)}
                    {kind_radio(WellbeingKind::ActionPlan)}
                </fieldset>
                <TextAreaField field="summary" label="How they are, or what the plan is for" value=summary errors=errors />
                <TextAreaField field="actions" label="Actions agreed (for a plan)" value=actions errors=errors />
                <DateInput
                    field="reviewBy"
                    legend="Review by"
                    value=review_by
                    on_change=Callback::new(move |typed| review_by.set(typed))
                    errors=errors
                />
                <button type="submit" class="button" disabled=move || saving.get()>
                    "Keep it"
                </button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_needs_its_actions_and_a_real_review_date() {
        let fields = |r: Result<WellbeingEntry, Vec<FieldError>>| {
            r.err()
                .unwrap_or_default()
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(check(WellbeingKind::Check, "Fine", "", "not a date")),
            ["reviewBy"]
        );
        let soon = dates::iso(dates::today());
        assert_eq!(
            fields(check(WellbeingKind::ActionPlan, "Stress", "", &soon)),
            ["actions"]
        );
        assert!(check(WellbeingKind::Check, "Fine", "", &soon).is_ok());
    }
}
