//! `/audits/:id/records/:record/finding`: raising an audit finding on a
//! record drawn into a round as an action (F8.1): what should change, who
//! will do it (the person who recorded the session or one of its
//! supervisees; nobody chosen for the auditor) and by when. The record is
//! read under the round's grant to know its people, and that reading is
//! shown to its supervisees like any other. The owner then meets the action
//! in their actions, saying which audit it came from.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use supervision_shared::FieldError;
use supervision_shared::quality::FindingDraft;
use uuid::Uuid;

use super::{addressed, record_in_round};
use crate::api::quality::{audit_round, raise_audit_finding};
use crate::api::staff::StaffSummary;
use crate::api::supervision::supervision;
use crate::api::{ApiError, ErrorCode};
use crate::components::date_input::DateInput;
use crate::components::error_summary::{ErrorSummary, focus_error_summary};
use crate::components::field_error::{FieldErrorMessage, FormErrors, field_id, hint_id};
use crate::components::status::{LoadError, Loading};
use crate::title::set_title;

/// Someone the finding's action may belong to, and how they were in the
/// session.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Candidate {
    person: StaffSummary,
    role: &'static str,
}

/// The `/audits/:id/records/:record/finding` page.
#[component]
pub fn RaiseFindingPage() -> impl IntoView {
    set_title("Raise a finding");
    let ids = record_in_round();
    let loaded = LocalResource::new(move || {
        let ids = ids.get();
        async move {
            let (round_id, record) = addressed(ids)?;
            let round = audit_round(round_id).await?;
            let position = round
                .records
                .iter()
                .find(|r| r.supervision_id == record)
                .map(|r| r.position)
                .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "not in this round"))?;
            let read = supervision(record).await?;
            let recorder = read.recorded_by.id;
            let mut people = vec![Candidate {
                person: read.recorded_by,
                role: "recorded the session",
            }];
            // Someone's record of their own external supervision lists
            // them as its supervisee too: they are offered once.
            people.extend(
                read.attendees
                    .into_iter()
                    .filter(|a| a.supervisee.id != recorder)
                    .map(|a| Candidate {
                        person: a.supervisee,
                        role: "was supervised",
                    }),
            );
            Ok::<_, ApiError>((round_id, record, position, people))
        }
    });
    move || match loaded.get() {
        None => view! {
            <h1 tabindex="-1">"Raise a finding"</h1>
            <Loading what="the record's people" />
        }
        .into_any(),
        Some(Err(err)) => view! {
            <h1 tabindex="-1">"Raise a finding"</h1>
            <LoadError error=err />
        }
        .into_any(),
        Some(Ok((round, record, position, people))) => {
            let title = format!("Raise a finding on record {position}");
            set_title(&title);
            view! {
                <h1 tabindex="-1">{title}</h1>
                <p>
                    "The finding becomes an action on the record: its owner sees it in their actions, and in their next supervision with the same people."
                </p>
                <FindingForm round=round record=record people=people />
                <p><A href=format!("/audits/{round}")>"Back to the round"</A></p>
            }
            .into_any()
        }
    }
}

#[component]
fn FindingForm(round: Uuid, record: Uuid, people: Vec<Candidate>) -> impl IntoView {
    let description = RwSignal::new(String::new());
    let owner = RwSignal::new(None::<Uuid>);
    let due = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let general = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let navigate = use_navigate();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        errors.clear();
        general.set(None);
        let draft = match checked(
            description.get_untracked(),
            owner.get_untracked(),
            &due.get_untracked(),
        ) {
            Ok(draft) => draft,
            Err(found) => {
                errors.set(found);
                focus_error_summary();
                return;
            }
        };
        saving.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = raise_audit_finding(round, record, &draft).await;
            saving.set(false);
            match result {
                Ok(_) => navigate(&format!("/audits/{round}?raised=1"), Default::default()),
                Err(err) => errors.show_failure(err, general),
            }
        });
    };

    let choices = people
        .into_iter()
        .map(|c| {
            let id = format!("ownerId-{}", c.person.id);
            let person = c.person.id;
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        id=id.clone()
                        name="ownerId"
                        value=person.to_string()
                        prop:checked=move || owner.get() == Some(person)
                        on:change=move |_| owner.set(Some(person))
                    />
                    <label for=id>{format!("{}, who {}", c.person.name, c.role)}</label>
                </div>
            }
        })
        .collect_view();

    view! {
        <ErrorSummary errors=errors general=general />
        <form on:submit=on_submit novalidate>
            <div class="form-group" class:form-group-error=move || errors.message("description").is_some()>
                <label class="label" for=field_id("description")>"What should change"</label>
                <p class="hint" id=hint_id("description")>
                    "For example, record the analysis and what was learned, not only the events."
                </p>
                <FieldErrorMessage errors=errors field="description" />
                <textarea
                    class="textarea textarea-short"
                    id=field_id("description")
                    rows="3"
                    aria-describedby=move || errors.described_by("description", true)
                    aria-invalid=move || errors.invalid("description")
                    prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))
                ></textarea>
            </div>
            <div class="form-group" class:form-group-error=move || errors.message("ownerId").is_some()>
                <fieldset
                    class="fieldset"
                    id=field_id("ownerId")
                    tabindex="-1"
                    aria-describedby=move || errors.described_by("ownerId", false)
                >
                    <legend class="legend">"Who will do it"</legend>
                    <FieldErrorMessage errors=errors field="ownerId" />
                    {choices}
                </fieldset>
            </div>
            <DateInput
                field="dueOn"
                legend="Due by"
                hint="For example, 27 3 2027."
                value=due
                on_change=Callback::new(move |typed| due.set(typed))
                errors=errors
            />
            <button type="submit" class="button" disabled=move || saving.get()>
                "Raise the finding"
            </button>
        </form>
    }
}

/// The finding, or what is missing or unreadable as typed (the server
/// checks the rest: the owner in the session, a date not gone by).
fn checked(
    description: String,
    owner: Option<Uuid>,
    due: &str,
) -> Result<FindingDraft, Vec<FieldError>> {
    let mut found = Vec::new();
    if description.trim().is_empty() {
        found.push(FieldError::new("description", "Say what should change."));
    }
    if owner.is_none() {
        found.push(FieldError::new("ownerId", "Choose who will do it."));
    }
    let due_on = crate::dates::parse_iso(due);
    if due_on.is_none() {
        found.push(FieldError::new(
            "dueOn",
            "Enter the date it should be done by, as day, month and year, for example 27 3 2027.",
        ));
    }
    if found.is_empty() {
        Ok(FindingDraft {
            description,
            owner_id: owner,
            due_on,
        })
    } else {
        Err(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_who_and_a_real_date_are_asked_for_before_sending() {
        let fields = |r: Result<FindingDraft, Vec<FieldError>>| {
            r.err()
                .unwrap_or_default()
                .into_iter()
                .map(|e| e.field)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(checked(" ".into(), None, "2027-2-30")),
            ["description", "ownerId", "dueOn"]
        );
        let owner = Uuid::from_u128(7);
        let Ok(draft) = checked("Add the analysis".into(), Some(owner), "2027-2-28") else {
            panic!("a complete finding is sent")
        };
        assert_eq!(draft.owner_id, Some(owner));
        assert_eq!(
            draft.due_on.map(|d| d.to_string()).as_deref(),
            Some("2027-02-28")
        );
    }
}
