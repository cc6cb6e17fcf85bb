//! Compliance as the API shows it (F5).

use async_graphql::SimpleObject;
use chrono::NaiveDate;
use supervision_shared::compliance::CategoryStanding;
use supervision_shared::{ComplianceCategory, ComplianceStatus};

/// Where someone stands for one kind of supervision.
#[derive(Debug, Clone, SimpleObject)]
pub struct ComplianceStanding {
    /// Clinical, management or case supervision.
    pub category: ComplianceCategory,
    /// The last formal supervision of this kind.
    pub last: Option<NaiveDate>,
    /// When the next one is due.
    pub next_due: Option<NaiveDate>,
    /// Compliant, due soon, due by the month's end, overdue, or never had
    /// one: as told today (overdue only once the due date has passed).
    pub status: ComplianceStatus,
    /// The date judged at.
    pub as_at: NaiveDate,
}

impl ComplianceStanding {
    /// A standing judged as at a date, as it is told on `today`: judged
    /// as at the month's end, someone not yet due is "due by" the day, not
    /// overdue.
    pub fn new(s: CategoryStanding, as_at: NaiveDate, today: NaiveDate) -> Self {
        let s = supervision_shared::compliance::told_on(s, today);
        Self {
            category: s.category,
            last: s.last,
            next_due: s.next_due,
            status: s.status,
            as_at,
        }
    }
}
