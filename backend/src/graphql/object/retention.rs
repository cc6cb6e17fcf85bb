//! What the next retention purge would remove in an organisation (F7.7).

use async_graphql::SimpleObject;
use chrono::NaiveDate;

use crate::service::retention::{Leaver, RetentionPlan};

/// A leaver in the dry run.
#[derive(Debug, Clone, SimpleObject)]
pub struct RetentionLeaver {
    /// Their name.
    pub name: String,
    /// The day they left.
    pub left_on: NaiveDate,
}

impl From<Leaver> for RetentionLeaver {
    fn from(leaver: Leaver) -> Self {
        Self {
            name: leaver.name,
            left_on: leaver.left_on,
        }
    }
}

/// The next purge, as a dry run: nothing is changed by reading it.
#[derive(Debug, Clone, SimpleObject)]
pub struct RetentionDryRun {
    /// How many years records are kept after their person leaves.
    pub years: u32,
    /// Records of people who left before this day are due.
    pub cutoff: Option<NaiveDate>,
    /// Leavers whose records would be purged.
    pub purged: Vec<RetentionLeaver>,
    /// Leavers past the cut-off whose records a legal hold keeps.
    pub held: Vec<RetentionLeaver>,
    /// Records that would be removed whole.
    pub whole_records: u32,
    /// Places on shared records that would be removed (the record stays for
    /// the others on it).
    pub places: u32,
}

impl RetentionDryRun {
    /// The plan as HR reads it.
    pub fn new(years: u32, plan: RetentionPlan) -> Self {
        Self {
            years,
            cutoff: plan.cutoff,
            purged: plan.leavers.into_iter().map(Into::into).collect(),
            held: plan.held.into_iter().map(Into::into).collect(),
            whole_records: u32::try_from(plan.whole_records.len()).unwrap_or(u32::MAX),
            places: u32::try_from(plan.attendances.len()).unwrap_or(u32::MAX),
        }
    }
}
