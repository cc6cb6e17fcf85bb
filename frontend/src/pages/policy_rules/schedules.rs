//! The organisation's schedules (F5.2): the newly qualified and induction
//! schedules as its policy words them today, any wording starting later,
//! and, for system administrators, a form to write a new wording from a
//! date (checked with the shared rule, then by the server).

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use supervision_shared::FieldError;
use supervision_shared::schedule::{ScheduleKind, SchedulePhase, SchedulePlan, plan_on};

use crate::api::ErrorCode;
use crate::api::schedule::{schedules, set_schedule};
use crate::components::date_input::DateInput;
use crate::components::error_summary::{ErrorSummary, focus_element};
use crate::components::field_error::{FieldErrorMessage, FormErrors, field_id};
use crate::components::status::{LoadError, Loading};
use crate::dates;

const HEADING_ID: &str = "schedules-heading";
const FORM_HEADING_ID: &str = "schedule-form-heading";
const SUMMARY_ID: &str = "schedule-errors";
const STATUS_ID: &str = "schedule-status";

/// How far into a schedule a point is, in words: "6 weeks", "6 months and
/// 6 weeks", "12 months".
fn reach(phase: &SchedulePhase) -> String {
    let plural = |n: u32, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    match (phase.until_months, phase.until_weeks) {
        (0, w) => plural(w, "week"),
        (m, 0) => plural(m, "month"),
        (m, w) => format!("{} and {}", plural(m, "month"), plural(w, "week")),
    }
}

/// A schedule's phases in words, e.g. "every 7 days until 6 weeks from the
/// start; then every 14 days until 6 months and 6 weeks; …".
pub fn in_words(plan: &SchedulePlan) -> String {
    plan.phases
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let then = if i == 0 { "" } else { "then " };
            format!(
                "{then}every {} days until {} from the start",
                p.every_days,
                reach(p)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The section: what each schedule says today and later; the form for
/// administrators.
#[component]
pub fn SchedulesSection(administrator: bool) -> impl IntoView {
    let plans = LocalResource::new(schedules);
    let status = RwSignal::new(None::<String>);
    let on_saved = Callback::new(move |message: String| {
        status.set(Some(message));
        plans.refetch();
        request_animation_frame(|| focus_element(STATUS_ID));
    });
    view! {
        <section class="page-section" aria-labelledby=HEADING_ID>
            <h2 id=HEADING_ID>"Schedules"</h2>
            <p>
                "More frequent supervision for newly qualified staff (ASYE) and for new employees in probation or induction, from their first day. The policy's frequency applies again when the schedule ends; the more frequent of the two always wins."
            </p>
            <div role="status" aria-live="polite">
                {move || status.get().map(|m| view! { <p class="notice notice-success" id=STATUS_ID tabindex="-1">{m}</p> })}
            </div>
            {move || match plans.get() {
                None => view! { <Loading what="the schedules" /> }.into_any(),
                Some(Err(err)) => view! { <LoadError error=err /> }.into_any(),
                Some(Ok(list)) => plan_list(&list, dates::today()).into_any(),
            }}
            {administrator.then(|| view! { <ScheduleForm on_saved=on_saved /> })}
        </section>
    }
}

/// Each kind's wording in force on `today`, and any starting later.
fn plan_list(plans: &[SchedulePlan], today: NaiveDate) -> impl IntoView + use<> {
    ScheduleKind::ALL
        .iter()
        .map(|&kind| {
            let now = plan_on(plans, kind, today).cloned();
            let later: Vec<SchedulePlan> = plans
                .iter()
                .filter(|p| p.kind == kind && p.effective_from > today)
                .cloned()
                .collect();
            view! {
                <h3>{kind.label()}</h3>
                {match now {
                    Some(plan) => view! {
                        <p>{format!("Since {}: {}.", dates::long(plan.effective_from), in_words(&plan))}</p>
                    }
                        .into_any(),
                    None => view! { <p>"Not written: the policy's frequencies apply."</p> }.into_any(),
                }}
                {later
                    .into_iter()
                    .map(|plan| view! {
                        <p>{format!("From {}: {}.", dates::long(plan.effective_from), in_words(&plan))}</p>
                    })
                    .collect_view()}
            }
        })
        .collect_view()
}

/// One phase row as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct PhaseRow {
    every: String,
    months: String,
    weeks: String,
}

/// Reads the typed rows into a plan; each row's problem at its fields.
fn read(
    kind: ScheduleKind,
    from: &str,
    rows: &[PhaseRow],
) -> Result<SchedulePlan, Vec<FieldError>> {
    let mut problems = Vec::new();
    let Some(effective_from) = dates::parse_iso(from) else {
        return Err(vec![FieldError::new(
            "scheduleFrom",
            "Enter the date it is in force from.",
        )]);
    };
    let number = |text: &str| -> Option<u32> {
        let text = text.trim();
        if text.is_empty() {
            Some(0)
        } else {
            text.parse().ok()
        }
    };
    let mut phases = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        match (number(&row.every), number(&row.months), number(&row.weeks)) {
            (Some(every_days), Some(until_months), Some(until_weeks)) => {
                phases.push(SchedulePhase {
                    every_days,
                    until_months,
                    until_weeks,
                })
            }
            _ => problems.push(FieldError::new(format!("phases.{i}"), "Use whole numbers.")),
        }
    }
    let plan = SchedulePlan {
        kind,
        effective_from,
        phases,
    };
    if problems.is_empty()
        && let Err(e) = plan.check()
    {
        let field = e
            .phase
            .map_or_else(|| "phases".to_owned(), |i| format!("phases.{i}"));
        problems.push(FieldError::new(field, e.message));
    }
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(problems)
    }
}

/// The form to write a schedule from a date.
// Long by design: one component's signals and its view, in page order.
#[component]
fn ScheduleForm(on_saved: Callback<String>) -> impl IntoView {
    let kind = RwSignal::new(ScheduleKind::NewlyQualified);
    let from = RwSignal::new(dates::iso(dates::today()));
    let rows = RwSignal::new(vec![PhaseRow::default()]);
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
        let plan = match read(
            kind.get_untracked(),
            &from.get_untracked(),
            &rows.get_untracked(),
        ) {
            Ok(plan) => plan,
            Err(problems) => return show(problems),
        };
        errors.clear();
        saving.set(true);
        spawn_local(async move {
            let result = set_schedule(&plan).await;
            saving.set(false);
            match result {
                Ok(saved) => {
                    rows.set(vec![PhaseRow::default()]);
                    on_saved.run(format!(
                        "The {} schedule is written from {}.",
                        saved.kind.label().to_lowercase(),
                        dates::long(saved.effective_from)
                    ));
                }
                Err(err) if err.code == ErrorCode::ValidationFailed && !err.fields.is_empty() => {
                    show(err.fields)
                }
                Err(err) => {
                    general.set(Some(err.user_message()));
                    request_animation_frame(|| focus_element(SUMMARY_ID));
                }
            }
        });
    };
    let row_view = move |i: usize| {
        let field = format!("phases.{i}");
        let marked = field.clone();
        let row_id = field_id(&field);
        let group_label = format!("Phase {}", i + 1);
        let input = move |label: &'static str,
                          suffix: &'static str,
                          get: fn(&PhaseRow) -> String,
                          set: fn(&mut PhaseRow, String)| {
            let id = format!("phase-{i}-{suffix}");
            view! {
                <div class="form-group inline-field">
                    <label class="label" for=id.clone()>{label}</label>
                    <input
                        id=id
                        class="input input-narrow"
                        inputmode="numeric"
                        prop:value=move || rows.with(|r| r.get(i).map(get).unwrap_or_default())
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            rows.update(|r| if let Some(row) = r.get_mut(i) { set(row, value) });
                        }
                    />
                </div>
            }
        };
        view! {
            <fieldset class="fieldset phase-row" id=row_id tabindex="-1" class:form-group-error=move || errors.message(&marked).is_some()>
                <legend>{group_label}</legend>
                <FieldErrorMessage errors=errors field=field />
                {input("Every (days)", "every", |r| r.every.clone(), |r, v| r.every = v)}
                {input("Until months from the start", "months", |r| r.months.clone(), |r, v| r.months = v)}
                {input("and weeks", "weeks", |r| r.weeks.clone(), |r, v| r.weeks = v)}
            </fieldset>
        }
    };
    view! {
        <h3 id=FORM_HEADING_ID>"Write a schedule"</h3>
        <ErrorSummary errors=errors general=general id=SUMMARY_ID />
        <form on:submit=on_submit novalidate aria-labelledby=FORM_HEADING_ID>
            <div class="form-group">
                <label class="label" for="schedule-kind">"Schedule"</label>
                <select
                    id="schedule-kind"
                    class="select"
                    on:change=move |ev| {
                        if let Ok(k) = ScheduleKind::parse(&event_target_value(&ev)) {
                            kind.set(k);
                        }
                    }
                >
                    {ScheduleKind::ALL
                        .iter()
                        .map(|&k| view! { <option value=k.as_str() prop:selected=move || kind.get() == k>{k.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <DateInput
                field="scheduleFrom"
                legend="Starting on"
                hint="Days before it keep the wording they had."
                value=from
                on_change=Callback::new(move |typed| from.set(typed))
                errors=errors
            />
            <FieldErrorMessage errors=errors field="phases" />
            {move || (0..rows.with(Vec::len)).map(row_view).collect_view()}
            <div class="form-buttons">
                <button type="button" class="button button-secondary" on:click=move |_| rows.update(|r| r.push(PhaseRow::default()))>
                    "Add a phase"
                </button>
                <button
                    type="button"
                    class="button button-secondary"
                    disabled=move || rows.with(|r| r.len() <= 1)
                    on:click=move |_| rows.update(|r| { r.pop(); })
                >
                    "Remove the last phase"
                </button>
                <button type="submit" class="button" disabled=move || saving.get()>
                    "Save the schedule"
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use supervision_shared::schedule::{default_plans, portsmouth_plans};

    #[test]
    fn cumbrias_and_portsmouths_asye_read_as_their_policies_write_them() {
        let day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
        assert_eq!(
            in_words(&default_plans(day)[0]),
            "every 7 days until 6 weeks from the start; then every 14 days until 6 months and 6 weeks from the start; then every 30 days until 12 months from the start"
        );
        assert_eq!(
            in_words(&portsmouth_plans(day)[0]),
            "every 7 days until 8 weeks from the start; then every 14 days until 12 months from the start"
        );
    }

    #[test]
    fn typed_phases_are_read_and_checked_with_the_shared_rule() {
        let row = |e: &str, m: &str, w: &str| PhaseRow {
            every: e.into(),
            months: m.into(),
            weeks: w.into(),
        };
        let fields = |r: Result<SchedulePlan, Vec<FieldError>>| {
            r.err()
                .unwrap_or_default()
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        let ok = read(
            ScheduleKind::NewlyQualified,
            "2027-01-01",
            &[row("7", "", "8"), row("14", "12", "")],
        );
        assert_eq!(ok.map(|p| p.phases.len()), Ok(2));
        assert_eq!(
            fields(read(
                ScheduleKind::Induction,
                "2027-01-01",
                &[row("x", "", "")]
            )),
            ["phases.0"]
        );
        assert_eq!(
            fields(read(
                ScheduleKind::Induction,
                "2027-01-01",
                &[row("7", "", "8"), row("14", "", "4")]
            )),
            ["phases.1"]
        );
        assert_eq!(
            fields(read(ScheduleKind::Induction, "", &[row("7", "1", "")])),
            ["scheduleFrom"]
        );
    }
}
