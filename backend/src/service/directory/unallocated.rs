//! People no one is named to supervise: active staff with no line manager or
//! no clinical supervisor today, the HR administrator's queue (issue 17).
//! Until someone is named, no supervisor finds them among their supervisees
//! and nobody is reminded to arrange their supervision, so the gap only
//! shows when compliance figures fall.

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::{ACTIVE, CardRow, Relationship, StaffCard, allocation_current_on, card_select};
use crate::entity::{allocation, staff};
use crate::error::AppResult;

/// Someone with no line manager, no clinical supervisor, or neither.
#[derive(Debug, Clone)]
pub struct Unallocated {
    /// Who they are.
    pub card: StaffCard,
    /// Their first day: new starters are the usual case, so they come first.
    pub start_date: NaiveDate,
    /// No line manager today.
    pub no_line_manager: bool,
    /// No clinical supervisor today.
    pub no_clinical_supervisor: bool,
}

/// A page of the queue and how many are in it.
#[derive(Debug, Clone)]
pub struct UnallocatedPage {
    /// Everyone in the queue.
    pub total: u64,
    /// The newest starters first, at most as many as asked for.
    pub people: Vec<Unallocated>,
}

/// The organisation's active staff missing either relationship on `today`,
/// newest starters first, then by name.
pub async fn unallocated(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    today: NaiveDate,
    first: u64,
) -> AppResult<UnallocatedPage> {
    let missing = Condition::any()
        .add(Expr::exists(held_on(Relationship::LineManager, today)).not())
        .add(Expr::exists(held_on(Relationship::ClinicalSupervisor, today)).not());
    /// A card and the first day.
    #[derive(FromQueryResult)]
    struct QueueRow {
        #[sea_orm(nested)]
        card: CardRow,
        start_date: NaiveDate,
    }
    let in_queue = |query: sea_orm::Select<staff::Entity>| {
        query
            .filter(staff::Column::OrganisationId.eq(organisation_id))
            .filter(staff::Column::Status.eq(ACTIVE))
            .filter(missing.clone())
    };
    let total = in_queue(staff::Entity::find()).count(db).await?;
    let people = in_queue(card_select().column(staff::Column::StartDate))
        .order_by_desc(staff::Column::StartDate)
        .order_by_asc(staff::Column::SearchName)
        .order_by_asc(staff::Column::Id)
        .limit(first)
        .into_model::<QueueRow>()
        .all(db)
        .await?;
    let ids: Vec<Uuid> = people.iter().map(|p| p.card.id).collect();
    let held: Vec<(Uuid, String)> = allocation::Entity::find()
        .select_only()
        .column(allocation::Column::StaffId)
        .column(allocation::Column::Relationship)
        .filter(allocation::Column::OrganisationId.eq(organisation_id))
        .filter(allocation::Column::StaffId.is_in(ids))
        .filter(allocation_current_on(today))
        .into_tuple()
        .all(db)
        .await?;
    let holds = |id: Uuid, relationship: Relationship| {
        held.iter()
            .any(|(staff_id, r)| *staff_id == id && r == relationship.as_str())
    };
    let people = people
        .into_iter()
        .map(|row| Unallocated {
            no_line_manager: !holds(row.card.id, Relationship::LineManager),
            no_clinical_supervisor: !holds(row.card.id, Relationship::ClinicalSupervisor),
            start_date: row.start_date,
            card: StaffCard::from(row.card),
        })
        .collect();
    Ok(UnallocatedPage { total, people })
}

/// "Someone holds this relationship to the staff row on `today`", for
/// `EXISTS`.
fn held_on(relationship: Relationship, today: NaiveDate) -> SelectStatement {
    Query::select()
        .expr(Expr::val(1))
        .from(allocation::Entity)
        .and_where(
            Expr::col((allocation::Entity, allocation::Column::StaffId))
                .equals((staff::Entity, staff::Column::Id)),
        )
        .and_where(allocation::Column::Relationship.eq(relationship.as_str()))
        .cond_where(allocation_current_on(today))
        .to_owned()
}
