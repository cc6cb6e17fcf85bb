//! Extended absences (F6.2).

use async_graphql::{Context, Object, Result};
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::absence::{StaffAbsence, StaffAbsences};
use crate::service::{absence, access::AbsenceAccess};

/// Queries about absences.
#[derive(Debug, Default)]
pub struct AbsenceQuery;

#[Object(guard = "SignedIn")]
impl AbsenceQuery {
    /// A person's extended absences: for them, their supervisors, their
    /// management chain and HR (NOT_FOUND for anyone else).
    async fn staff_absences(&self, ctx: &Context<'_>, staff_id: Uuid) -> Result<StaffAbsences> {
        let (rows, access) = absence::of_person(ctx.db()?, ctx.viewer()?, staff_id).await?;
        Ok(StaffAbsences {
            absences: rows.into_iter().map(StaffAbsence).collect(),
            viewer_may_record: access == AbsenceAccess::Manages,
        })
    }
}
