//! "Supervision to arrange": a supervisor's or line manager's home starts
//! with who needs their supervision (issue 17, finding 3): everyone overdue
//! today, or never supervised, then everyone due before the month ends,
//! each with the way to record it. The whole list, with agreements and
//! histories, is My supervisees.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use supervision_shared::ComplianceStatus;
use supervision_shared::compliance::end_of_month;
use supervision_shared::standing::{status_class, status_words};

use crate::api::ApiError;
use crate::api::staff::Supervisee;
use crate::components::status::LoadError;
use crate::dates;
use crate::navigation::encode_query_value;

/// How many people the home page names; the rest are on My supervisees.
const SHOWN: usize = 5;

/// Whether a supervisee needs the caller to arrange supervision: overdue
/// (or never had one) today, or due on or before `month_end`.
fn needs_arranging(s: &Supervisee, month_end: NaiveDate) -> bool {
    match s.status {
        Some(ComplianceStatus::Overdue | ComplianceStatus::NeverHad) => true,
        Some(ComplianceStatus::NotApplicable) | None => false,
        Some(_) => s.next_due.is_some_and(|due| due <= month_end),
    }
}

/// Overdue today (or never supervised): said first and counted apart.
fn is_overdue(s: &Supervisee) -> bool {
    matches!(
        s.status,
        Some(ComplianceStatus::Overdue | ComplianceStatus::NeverHad)
    )
}

/// "2 overdue and 3 due by 31 December 2026", or that nobody is.
fn summary(overdue: usize, due: usize, month_end: NaiveDate) -> String {
    let end = dates::long(month_end);
    match (overdue, due) {
        (0, 0) => format!("No one you supervise is overdue or due before {end}."),
        (o, 0) => format!("{o} overdue."),
        (0, d) => format!("{d} due by {end}."),
        (o, d) => format!("{o} overdue and {d} due by {end}."),
    }
}

/// The section; nothing until the answer has come (the home page waits for
/// it before drawing).
#[component]
pub fn ToArrangeSection(
    /// The caller's supervisees, in the server's order (most urgent first).
    supervisees: LocalResource<Result<Vec<Supervisee>, ApiError>>,
) -> impl IntoView {
    let month_end = end_of_month(dates::today());
    view! {
        <section class="page-section to-arrange" aria-labelledby="to-arrange-heading">
            <h2 id="to-arrange-heading">"Supervision to arrange"</h2>
            {move || match supervisees.get() {
                None => None,
                Some(Err(err)) => Some(view! { <LoadError error=err /> }.into_any()),
                Some(Ok(list)) => {
                    let needing: Vec<Supervisee> = list
                        .into_iter()
                        .filter(|s| needs_arranging(s, month_end))
                        .collect();
                    let overdue = needing.iter().filter(|s| is_overdue(s)).count();
                    let due = needing.len() - overdue;
                    let more = needing.len().saturating_sub(SHOWN);
                    Some(
                        view! {
                            <p>{summary(overdue, due, month_end)}</p>
                            <ul class="to-arrange-list">
                                {needing.into_iter().take(SHOWN).map(person_item).collect_view()}
                            </ul>
                            <p>
                                <A href="/supervisees">
                                    {if more > 0 {
                                        format!("See {more} more, and everyone you supervise")
                                    } else {
                                        "See everyone you supervise".to_owned()
                                    }}
                                </A>
                            </p>
                        }
                            .into_any(),
                    )
                }
            }}
        </section>
    }
}

/// A person: who, for which relationship, where they stand, and the link to
/// record their supervision.
fn person_item(s: Supervisee) -> impl IntoView {
    // Not yet overdue but due this month: "Due by …", whatever today's
    // verdict says (it may still be "Due soon" or even "Compliant").
    let status = match s.status {
        Some(ComplianceStatus::Overdue) => ComplianceStatus::Overdue,
        Some(ComplianceStatus::NeverHad) | None => ComplianceStatus::NeverHad,
        Some(_) => ComplianceStatus::DueByMonthEnd,
    };
    let href = format!(
        "/record?supervisee={}&name={}",
        s.staff.id,
        encode_query_value(&s.staff.name)
    );
    view! {
        <li class="to-arrange-item">
            <div class="compliance-head">
                <span class="to-arrange-name">{s.staff.name.clone()}</span>
                <span class=format!("tag tag-status tag-{}", status_class(status))>
                    <span class="visually-hidden">"Status: "</span>
                    {status_words(status, s.next_due)}
                </span>
            </div>
            <p class="muted">{s.relationship.clone()}</p>
            <A href=href>{format!("Record supervision for {}", s.staff.name)}</A>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_overdue_apart_from_due_this_month() {
        let end = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default();
        assert_eq!(
            summary(2, 3, end),
            "2 overdue and 3 due by 31 December 2026."
        );
        assert_eq!(summary(0, 1, end), "1 due by 31 December 2026.");
        assert_eq!(summary(1, 0, end), "1 overdue.");
        assert_eq!(
            summary(0, 0, end),
            "No one you supervise is overdue or due before 31 December 2026."
        );
    }
}
