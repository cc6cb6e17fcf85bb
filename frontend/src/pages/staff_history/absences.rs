//! Extended absences (F6.2): the person's absences of four weeks or more,
//! seen by them, their supervisors, their management chain and HR; the
//! last three record one (first day away, first day back) and remove one
//! recorded in error. Once the person is back, the supervision agreement
//! made before it is flagged for renewal on My supervisees (York). A
//! viewer the server will not tell (NOT_FOUND) sees nothing of this.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use supervision_shared::absence::check_absence;
use uuid::Uuid;

use crate::api::ErrorCode;
use crate::api::absence::{StaffAbsence, record_absence, remove_absence, staff_absences};
use crate::components::confirm_button::ConfirmButton;
use crate::components::date_input::DateInput;
use crate::components::error_summary::{ErrorSummary, focus_element};
use crate::components::field_error::FormErrors;
use crate::components::status::LoadError;
use crate::dates;

/// The section's heading id, which names it.
const HEADING_ID: &str = "absences-heading";
/// The status message after a change.
const STATUS_ID: &str = "absences-status";
/// The form's error summary: the page has another form (changing the
/// line manager or clinical supervisor).
const SUMMARY_ID: &str = "absence-errors";
/// The API's field names, also the inputs' ids.
const STARTS_ON: &str = "startsOn";
const BACK_ON: &str = "backOn";

/// What the browser checks before sending: two dates, then the same rule
/// the server applies (`shared::absence`).
fn check(
    starts_on: &str,
    back_on: &str,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), Vec<FieldError>> {
    let from = dates::parse_iso(starts_on);
    let back = dates::parse_iso(back_on);
    let mut problems = Vec::new();
    if from.is_none() {
        problems.push(FieldError::new(
            STARTS_ON,
            "Give the first day away as a date, for example 2 September 2026.",
        ));
    }
    if back.is_none() {
        problems.push(FieldError::new(
            BACK_ON,
            "Give the first day back as a date, for example 4 November 2026.",
        ));
    }
    let (Some(from), Some(back)) = (from, back) else {
        return Err(problems);
    };
    let problems = check_absence(from, back, today);
    if problems.is_empty() {
        Ok((from, back))
    } else {
        Err(problems)
    }
}

/// "2 September 2026 to 4 November 2026 (back on 4 November 2026)" reads
/// badly; the list says each day once, in words.
fn absence_words(absence: &StaffAbsence, today: NaiveDate) -> String {
    let back = if absence.back_on > today {
        "due back"
    } else {
        "back"
    };
    format!(
        "Away from {}, {} on {}",
        dates::long(absence.starts_on),
        back,
        dates::long(absence.back_on)
    )
}

/// The section, and the message after a change.
#[component]
pub fn Absences(
    /// Whose absences.
    person: Uuid,
) -> impl IntoView {
    let loaded = LocalResource::new(move || staff_absences(person));
    let status = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |message: String| {
        status.set(Some(message));
        loaded.refetch();
        request_animation_frame(|| focus_element(STATUS_ID));
    });
    let section = move || match loaded.get() {
        None => ().into_any(),
        Some(Err(err)) if err.code == ErrorCode::NotFound => ().into_any(),
        Some(Err(err)) => view! {
            <section class="page-section" aria-labelledby=HEADING_ID>
                <h2 id=HEADING_ID>"Extended absences"</h2>
                <LoadError error=err />
            </section>
        }
        .into_any(),
        Some(Ok(found)) => {
            let today = dates::today();
            let may_record = found.viewer_may_record;
            view! {
                <section class="page-section" aria-labelledby=HEADING_ID>
                    <h2 id=HEADING_ID>"Extended absences"</h2>
                    <p class="hint">
                        "Absences of four weeks or more. After one, the supervision agreement is renewed: their supervisors see it flagged on My supervisees."
                    </p>
                    {if found.absences.is_empty() {
                        view! { <p>"None recorded."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="record-list">
                                {found
                                    .absences
                                    .into_iter()
                                    .map(|a| absence_item(a, today, may_record, on_changed))
                                    .collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                    {may_record.then(|| view! { <RecordForm person=person on_changed=on_changed /> })}
                </section>
            }
            .into_any()
        }
    };
    view! {
        <div role="status" aria-live="polite">
            {move || status.get().map(|m| view! { <p class="notice notice-success" id=STATUS_ID tabindex="-1">{m}</p> })}
        </div>
        {section}
    }
}

/// One absence, with its removal for those who record them.
fn absence_item(
    absence: StaffAbsence,
    today: NaiveDate,
    may_remove: bool,
    on_changed: Callback<String>,
) -> impl IntoView {
    let words = absence_words(&absence, today);
    let recorded = format!(
        "Recorded by {} on {}",
        absence.recorded_by.name,
        dates::long(absence.recorded_at.date_naive())
    );
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let id = absence.id;
    let error_id = format!("absence-{id}-error");
    let on_confirm = {
        let error_id = error_id.clone();
        Callback::new(move |()| {
            busy.set(true);
            let error_id = error_id.clone();
            spawn_local(async move {
                let result = remove_absence(id).await;
                busy.set(false);
                match result {
                    Ok(()) => on_changed.run("The absence is removed.".to_owned()),
                    Err(err) => {
                        problem.set(Some(err.user_message()));
                        request_animation_frame(move || focus_element(&error_id));
                    }
                }
            });
        })
    };
    view! {
        <li class="record-card">
            <p>{words.clone()}</p>
            <p class="hint">{recorded}</p>
            {may_remove.then(|| view! {
                <div role="alert">
                    {move || problem.get().map(|m| view! { <p class="field-error" id=error_id.clone() tabindex="-1">{m}</p> })}
                </div>
                <ConfirmButton
                    id=format!("absence-{id}-remove")
                    label="Remove"
                    subject=words.clone()
                    question="Remove this absence? Only do this if it was recorded in error."
                    confirm="Yes, remove it"
                    busy=busy
                    on_confirm=on_confirm
                />
            })}
        </li>
    }
}

/// Recording one.
// Long by design: one component's signals and its view, in page order.
#[component]
fn RecordForm(person: Uuid, on_changed: Callback<String>) -> impl IntoView {
    let starts_on = RwSignal::new(String::new());
    let back_on = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        general.set(None);
        let (from, back) = match check(
            &starts_on.get_untracked(),
            &back_on.get_untracked(),
            dates::today(),
        ) {
            Ok(days) => days,
            Err(problems) => {
                errors.set(problems);
                request_animation_frame(|| focus_element(SUMMARY_ID));
                return;
            }
        };
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = record_absence(person, from, back).await;
            saving.set(false);
            match result {
                Ok(()) => {
                    starts_on.set(String::new());
                    back_on.set(String::new());
                    on_changed.run(format!(
                        "The absence is recorded: away from {}, back on {}.",
                        dates::long(from),
                        dates::long(back)
                    ));
                }
                Err(err) => errors.show_failure_in(err, general, SUMMARY_ID),
            }
        });
    };
    let date_field = move |field: &'static str,
                           label: &'static str,
                           hint: &'static str,
                           value: RwSignal<String>| {
        view! {
            <DateInput
                field=field
                legend=label
                hint=hint
                value=value
                on_change=Callback::new(move |typed| value.set(typed))
                errors=errors
            />
        }
    };
    view! {
        <div class="form-section">
            <h3 id="record-absence-heading">"Record an extended absence"</h3>
            <ErrorSummary errors=errors general=general id=SUMMARY_ID />
            <form on:submit=on_submit novalidate aria-labelledby="record-absence-heading">
                {date_field(STARTS_ON, "First day away", "The first working day they were away.", starts_on)}
                {date_field(BACK_ON, "First day back", "The day they returned, or are due to return.", back_on)}
                <button type="submit" class="button" disabled=move || saving.get()>
                    "Record the absence"
                </button>
            </form>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn fields(problems: &[FieldError]) -> Vec<&str> {
        problems.iter().map(|p| p.field.as_str()).collect()
    }

    #[test]
    fn both_days_are_needed_and_the_absence_must_be_extended() {
        let today = day(2026, 12, 5);
        let Err(problems) = check("", "", today) else {
            panic!("nothing answered cannot be sent")
        };
        assert_eq!(fields(&problems), vec![STARTS_ON, BACK_ON]);
        let Err(problems) = check("2026-11-01", "2026-11-15", today) else {
            panic!("two weeks is not extended")
        };
        assert_eq!(fields(&problems), vec![BACK_ON]);
        assert_eq!(
            check("2026-09-01", "2026-11-02", today),
            Ok((day(2026, 9, 1), day(2026, 11, 2)))
        );
    }

    #[test]
    fn a_return_still_to_come_is_due_back() {
        let person = crate::api::staff::StaffSummary {
            id: Uuid::nil(),
            name: "Sofia Martins".into(),
            job_title: String::new(),
            team_name: String::new(),
        };
        let absence = StaffAbsence {
            id: Uuid::nil(),
            starts_on: day(2026, 11, 2),
            back_on: day(2027, 1, 4),
            recorded_by: person,
            recorded_at: chrono::DateTime::default(),
        };
        assert_eq!(
            absence_words(&absence, day(2026, 12, 5)),
            "Away from 2 November 2026, due back on 4 January 2027"
        );
        assert_eq!(
            absence_words(&absence, day(2027, 1, 4)),
            "Away from 2 November 2026, back on 4 January 2027"
        );
    }
}
