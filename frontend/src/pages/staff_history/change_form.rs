//! Changing the person's line manager or clinical supervisor from a day
//! (F2.5), for HR administrators and the person's line manager. The server
//! ends the current one the day before, starts the new one on the day and
//! emails the person; its field errors (`toId`, `from`) are shown beside
//! the fields.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::allocation::{AllocationChange, AllocationKind, change_allocation};
use crate::api::staff::StaffSummary;
use crate::components::date_input::DateInput;
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors};
use crate::components::staff_picker::StaffPicker;
use crate::dates;

/// The form's heading id, which names the form.
const HEADING_ID: &str = "change-allocation-heading";
/// The API's field names, also the inputs' ids.
const KIND: &str = "kind";
const TO: &str = "toId";
const FROM: &str = "from";

/// What the browser checks before sending: a relationship, a person and a
/// date. Everything else is the server's to say.
fn check(
    staff_id: Uuid,
    kind: &str,
    to: Option<&StaffSummary>,
    from: &str,
) -> Result<AllocationChange, Vec<FieldError>> {
    let kind = AllocationKind::parse(kind);
    let from = dates::parse_iso(from);
    let mut problems = Vec::new();
    if kind.is_none() {
        problems.push(FieldError::new(
            KIND,
            "Choose whether the line manager or the clinical supervisor changes.",
        ));
    }
    if to.is_none() {
        problems.push(FieldError::new(
            TO,
            "Choose who takes over: type their name, then choose them from the list.",
        ));
    }
    if from.is_none() {
        problems.push(FieldError::new(
            FROM,
            "Give the first day as a date, for example 5 December 2026.",
        ));
    }
    match (kind, to, from) {
        (Some(kind), Some(to), Some(from)) => Ok(AllocationChange {
            staff_id,
            kind,
            to_id: to.id,
            from,
        }),
        _ => Err(problems),
    }
}

/// "Owen Price is Tom Reed's clinical supervisor from 5 December 2026; Tom
/// has been told by email."
fn changed_message(
    new: &str,
    person: Option<&str>,
    kind: AllocationKind,
    from: NaiveDate,
) -> String {
    let role = kind.label().to_lowercase();
    let day = dates::long(from);
    match person.map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => {
            let first = name.split_whitespace().next().unwrap_or(name);
            format!("{new} is {name}'s {role} from {day}; {first} has been told by email.")
        }
        None => format!("{new} is their {role} from {day}; they have been told by email."),
    }
}

/// The form.
// Long by design: one component's signals and its view, in page order; the
// parts that repeat elsewhere are components of their own.
#[component]
pub fn ChangeForm(
    /// Whose line manager or clinical supervisor changes.
    person: Uuid,
    /// Their name, when the page knows it (for the message afterwards).
    #[prop(into)]
    name: Signal<Option<String>>,
    /// Called with the message to show once the server has made the change.
    on_changed: Callback<String>,
) -> impl IntoView {
    let kind = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<StaffSummary>::new());
    let from = RwSignal::new(dates::iso(dates::today()));
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);

    // One person takes over: choosing another replaces the first.
    Effect::new(move |_| {
        if chosen.with(|c| c.len() > 1) {
            chosen.update(|c| {
                let last = c.pop();
                c.clear();
                c.extend(last);
            });
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        let new = chosen.get_untracked().into_iter().next();
        let change = match check(
            person,
            &kind.get_untracked(),
            new.as_ref(),
            &from.get_untracked(),
        ) {
            Ok(change) => change,
            Err(problems) => {
                errors.set(problems);
                focus_error_summary();
                return;
            }
        };
        let new_name = new.map(|n| n.name).unwrap_or_default();
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = change_allocation(&change).await;
            saving.set(false);
            match result {
                Ok(()) => {
                    let message = changed_message(
                        &new_name,
                        name.get_untracked().as_deref(),
                        change.kind,
                        change.from,
                    );
                    kind.set(String::new());
                    chosen.set(Vec::new());
                    from.set(dates::iso(dates::today()));
                    on_changed.run(message);
                }
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    errors.set(err.fields);
                    focus_error_summary();
                }
                Err(err) if matches!(err.code, ErrorCode::NotFound | ErrorCode::Forbidden) => {
                    general.set(Some(
                        "You cannot change who manages or supervises this person: only an HR administrator or their line manager can, while they work here."
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

    let kind_radios = AllocationKind::ALL
        .into_iter()
        .map(|k| {
            let id = format!("kind-{}", k.as_str().to_lowercase());
            view! {
                <div class="radio">
                    <input type="radio" id=id.clone() name=KIND value=k.as_str() bind:group=kind />
                    <label for=id>{k.label()}</label>
                </div>
            }
        })
        .collect_view();

    view! {
        <div class="form-section">
            <h3 id=HEADING_ID>"Change line manager or clinical supervisor"</h3>
            <ErrorSummary errors=errors general=general />
            <form on:submit=on_submit novalidate aria-labelledby=HEADING_ID>
                <div class="form-group" class:form-group-error=move || errors.message(KIND).is_some()>
                    <fieldset
                        class="fieldset"
                        id=KIND
                        tabindex="-1"
                        aria-describedby=move || errors.described_by(KIND, false)
                    >
                        <legend class="legend">"Which changes"</legend>
                        <FieldErrorMessage errors=errors field=KIND />
                        {kind_radios}
                    </fieldset>
                </div>
                <StaffPicker
                    selected=chosen
                    exclude=Signal::derive(move || vec![person])
                    errors=errors
                    field=TO
                    label="New line manager or clinical supervisor"
                    hint="Type at least two letters of their name, then choose them from the list."
                    chosen_label="Chosen to take over"
                />
                <DateInput
                    field=FROM
                    legend="First day"
                    hint="The day they take over. Whoever holds it now does so until the day before."
                    value=from
                    on_change=Callback::new(move |typed| from.set(typed))
                    errors=errors
                />
                <button type="submit" class="button" disabled=move || saving.get()>
                    "Make the change"
                </button>
            </form>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owen() -> StaffSummary {
        StaffSummary {
            id: Uuid::from_u128(2),
            name: "Owen Price".into(),
            job_title: String::new(),
            team_name: String::new(),
        }
    }

    #[test]
    fn the_message_names_both_people_and_says_the_person_was_told() {
        let Some(day) = NaiveDate::from_ymd_opt(2026, 12, 5) else {
            panic!("valid date")
        };
        assert_eq!(
            changed_message(
                "Owen Price",
                Some("Tom Reed"),
                AllocationKind::ClinicalSupervisor,
                day
            ),
            "Owen Price is Tom Reed's clinical supervisor from 5 December 2026; Tom has been told by email."
        );
        assert_eq!(
            changed_message("Owen Price", None, AllocationKind::LineManager, day),
            "Owen Price is their line manager from 5 December 2026; they have been told by email."
        );
    }

    #[test]
    fn every_missing_answer_is_named_at_once() {
        let Err(problems) = check(Uuid::nil(), "", None, "") else {
            panic!("nothing answered cannot be sent");
        };
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, vec![KIND, TO, FROM]);
    }

    #[test]
    fn a_complete_answer_becomes_the_change() {
        let Ok(change) = check(
            Uuid::nil(),
            "CLINICAL_SUPERVISOR",
            Some(&owen()),
            "2026-12-05",
        ) else {
            panic!("a complete answer can be sent");
        };
        assert_eq!(change.kind, AllocationKind::ClinicalSupervisor);
        assert_eq!(change.to_id, owen().id);
    }
}
