//! Who has managed and supervised the person, and when (F2.5): each line
//! manager and clinical supervisor with their first and last day, newest
//! first, in sentences that read on a phone. HR administrators and the
//! person's current line manager also get the form to change either. A
//! viewer the server will not tell (NOT_FOUND) sees nothing of this.

use chrono::NaiveDate;
use leptos::prelude::*;
use uuid::Uuid;

use super::change_form::ChangeForm;
use crate::api::ErrorCode;
use crate::api::allocation::{AllocationKind, AllocationPeriod, staff_allocations};
use crate::components::error_summary::focus_element;
use crate::components::status::{LoadError, SavedNotice};
use crate::dates;
use crate::session::use_session;

/// The section's heading id, which names it.
const HEADING_ID: &str = "allocations-heading";
/// The status message after a change, focused when the list has reloaded.
const STATUS_ID: &str = "allocations-status";

/// The section, and the message after a change (kept outside it, so it
/// stays even if the change leaves the viewer unable to see the section).
#[component]
pub fn Allocations(
    /// Whose allocations.
    person: Uuid,
    /// Their name, when the page knows it.
    #[prop(into)]
    name: Signal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let periods = LocalResource::new(move || staff_allocations(person));
    let status = RwSignal::new(None::<String>);
    let on_changed = Callback::new(move |message: String| {
        status.set(Some(message));
        periods.refetch();
    });

    let section = move || match periods.get() {
        // Not theirs to see: nothing, not even the heading.
        None => ().into_any(),
        Some(Err(err)) if err.code == ErrorCode::NotFound => ().into_any(),
        Some(Err(err)) => view! {
            <section class="page-section" aria-labelledby=HEADING_ID>
                <h2 id=HEADING_ID>"Line managers and clinical supervisors"</h2>
                <LoadError error=err />
            </section>
        }
        .into_any(),
        Some(Ok(list)) => {
            if status.get_untracked().is_some() {
                request_animation_frame(|| focus_element(STATUS_ID));
            }
            let may_change = session
                .person()
                .is_some_and(|me| me.is_hr_admin() || manages(&list, me.id, dates::today()));
            view! {
                <section class="page-section" aria-labelledby=HEADING_ID>
                    <h2 id=HEADING_ID>"Line managers and clinical supervisors"</h2>
                    {period_list(&list)}
                    {may_change.then(|| view! { <ChangeForm person=person name=name on_changed=on_changed /> })}
                </section>
            }
            .into_any()
        }
    };

    view! {
        <SavedNotice message=status id=STATUS_ID />
        {section}
    }
}

/// Whether `viewer` is the person's line manager on `day`, so may change
/// their allocations (as the server decides too).
fn manages(periods: &[AllocationPeriod], viewer: Uuid, day: NaiveDate) -> bool {
    periods.iter().any(|p| {
        p.kind == AllocationKind::LineManager && p.holder.id == viewer && p.is_current_on(day)
    })
}

/// The periods, newest first, or a sentence when there are none.
fn period_list(periods: &[AllocationPeriod]) -> impl IntoView + use<> {
    if periods.is_empty() {
        return view! { <p>"No line manager or clinical supervisor has been recorded for this person."</p> }
            .into_any();
    }
    view! {
        <p>"Newest first."</p>
        <ul class="allocation-list">{periods.iter().map(period_item).collect_view()}</ul>
    }
    .into_any()
}

/// "Clinical supervisor: Owen Price, from 5 December 2026", with " to …"
/// once it has an end.
fn period_item(period: &AllocationPeriod) -> impl IntoView + use<> {
    let to = period.to.map(|to| {
        view! {
            " to "
            <time datetime=dates::iso(to)>{dates::long(to)}</time>
        }
    });
    view! {
        <li class="allocation">
            <strong>{format!("{}:", period.kind.label())}</strong>
            {format!(" {}, from ", period.holder.name)}
            <time datetime=dates::iso(period.from)>{dates::long(period.from)}</time>
            {to}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::staff::StaffSummary;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn period(kind: AllocationKind, holder: Uuid, to: Option<NaiveDate>) -> AllocationPeriod {
        AllocationPeriod {
            kind,
            holder: StaffSummary {
                id: holder,
                name: "Priya Shah".into(),
                job_title: String::new(),
                team_name: String::new(),
            },
            from: day(2026, 1, 1),
            to,
        }
    }

    #[test]
    fn only_the_current_line_manager_manages() {
        let priya = Uuid::from_u128(1);
        let today = day(2026, 12, 5);
        let current = [period(AllocationKind::LineManager, priya, None)];
        assert!(manages(&current, priya, today));
        assert!(!manages(&current, Uuid::from_u128(2), today));
        let ended = [period(
            AllocationKind::LineManager,
            priya,
            Some(day(2026, 12, 4)),
        )];
        assert!(!manages(&ended, priya, today));
        let supervisor = [period(AllocationKind::ClinicalSupervisor, priya, None)];
        assert!(!manages(&supervisor, priya, today));
    }
}
