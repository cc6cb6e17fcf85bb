//! An action's recorded changes, oldest first, folded away under the action.

use leptos::prelude::*;
use supervision_shared::action::ActionStatus;

use crate::api::action::ActionHistoryEntry;
use crate::dates;

/// A change in words, e.g. "Tom Reed changed the due date from 1 May 2026
/// to 20 May 2026" or "Priya Shah marked it done".
pub(super) fn describe(entry: &ActionHistoryEntry) -> String {
    let (from, to) = (entry.from_status, entry.to_status);
    let mut parts = Vec::new();
    if from != to {
        parts.push(
            match to {
                ActionStatus::Done => "marked it done",
                ActionStatus::Dropped => "dropped it",
                ActionStatus::Open => "reopened it",
            }
            .to_owned(),
        );
    }
    // A closed action's due date no longer matters; only say when an open
    // one's moved.
    if to == ActionStatus::Open && entry.from_due_on != entry.to_due_on {
        parts.push(match (entry.from_due_on, entry.to_due_on) {
            (Some(old), Some(new)) => format!(
                "changed the due date from {} to {}",
                dates::long(old),
                dates::long(new)
            ),
            (None, Some(new)) => format!("set the due date to {}", dates::long(new)),
            (_, None) => "removed the due date".to_owned(),
        });
    }
    if parts.is_empty() {
        parts.push("changed it".to_owned());
    }
    format!("{} {}", entry.changed_by.name, parts.join(" and "))
}

/// The history in a `<details>`, or nothing for an action never changed.
pub(super) fn history_view(history: Vec<ActionHistoryEntry>) -> impl IntoView {
    (!history.is_empty()).then(|| {
        let summary = format!("History of changes ({})", history.len());
        view! {
            <details class="details action-history">
                <summary class="details-summary">{summary}</summary>
                <div class="details-body">
                    <ol class="history-list">
                        {history
                            .into_iter()
                            .map(|entry| {
                                let what = describe(&entry);
                                let note = Some(entry.note.trim().to_owned()).filter(|n| !n.is_empty());
                                view! {
                                    <li class="history-item">
                                        <time datetime=entry.changed_at.to_rfc3339()>
                                            {dates::long_time(entry.changed_at)}
                                        </time>
                                        ": "
                                        {what}
                                        {note.map(|n| view! { <p class="prose history-note">{format!("Note: {n}")}</p> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                </div>
            </details>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::staff::StaffSummary;
    use chrono::{NaiveDate, Utc};
    use uuid::Uuid;

    fn entry(
        from: ActionStatus,
        to: ActionStatus,
        from_due: Option<u32>,
        to_due: Option<u32>,
    ) -> ActionHistoryEntry {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 5, d);
        ActionHistoryEntry {
            changed_by: StaffSummary {
                id: Uuid::nil(),
                name: "Tom Reed".to_owned(),
                job_title: String::new(),
                team_name: String::new(),
            },
            changed_at: Utc::now(),
            from_status: from,
            to_status: to,
            from_due_on: from_due.and_then(day),
            to_due_on: to_due.and_then(day),
            note: String::new(),
        }
    }

    #[test]
    fn a_new_due_date_says_both_dates() {
        assert_eq!(
            describe(&entry(
                ActionStatus::Open,
                ActionStatus::Open,
                Some(1),
                Some(20)
            )),
            "Tom Reed changed the due date from 1 May 2026 to 20 May 2026"
        );
        assert_eq!(
            describe(&entry(
                ActionStatus::Open,
                ActionStatus::Open,
                None,
                Some(20)
            )),
            "Tom Reed set the due date to 20 May 2026"
        );
    }

    #[test]
    fn closing_an_action_says_how_whatever_its_due_date() {
        assert_eq!(
            describe(&entry(
                ActionStatus::Open,
                ActionStatus::Done,
                Some(1),
                Some(1)
            )),
            "Tom Reed marked it done"
        );
        assert_eq!(
            describe(&entry(
                ActionStatus::Open,
                ActionStatus::Dropped,
                Some(1),
                None
            )),
            "Tom Reed dropped it"
        );
        assert_eq!(
            describe(&entry(
                ActionStatus::Done,
                ActionStatus::Open,
                Some(1),
                Some(30)
            )),
            "Tom Reed reopened it and changed the due date from 1 May 2026 to 30 May 2026"
        );
    }
}
