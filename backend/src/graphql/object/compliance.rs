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
    /// Compliant, due soon, overdue, or never had one.
    pub status: ComplianceStatus,
    /// The date judged at.
    pub as_at: NaiveDate,
}

impl ComplianceStanding {
    /// A standing judged as at a date.
    pub fn new(s: CategoryStanding, as_at: NaiveDate) -> Self {
        Self {
            category: s.category,
            last: s.last,
            next_due: s.next_due,
            status: s.status,
            as_at,
        }
    }
}
