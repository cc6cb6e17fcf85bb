//! Background jobs on a deployment of several instances. Every instance runs
//! the same timers, so before doing a job's work an instance claims the
//! job's row: the claim succeeds for one instance only, and only when the
//! job is due. The work is then done once however many instances woke, and
//! if the instance holding a job dies, the claim lapses and another takes
//! the job up at its next check.
//!
//! What must never happen twice is also guarded where it is written (each
//! reminder has a dedupe key; an outbox message is leased before sending):
//! the claim saves doing the work twice, and the audit log's "sessions
//! ended" and "purged" entries from being written twice.

use std::time::Duration;

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter,
};

use crate::entity::background_job;
use crate::error::AppResult;

/// The jobs every instance runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Due-soon, overdue and escalation emails (F5.7), daily.
    Reminders,
    /// Purging long-gone leavers' records (F7.7), daily.
    Retention,
    /// Ending timed-out sessions (audited), every few minutes.
    SessionCleanup,
}

impl Job {
    fn name(self) -> &'static str {
        match self {
            Self::Reminders => "reminders",
            Self::Retention => "retention",
            Self::SessionCleanup => "session_cleanup",
        }
    }

    /// How often the work is due.
    pub fn period(self) -> Duration {
        match self {
            Self::Reminders | Self::Retention => Duration::from_secs(24 * 60 * 60),
            Self::SessionCleanup => Duration::from_secs(5 * 60),
        }
    }

    /// How long an instance may hold the job before another may take it:
    /// longer than the work ever takes, so a slow run is not done twice.
    fn lease(self) -> chrono::Duration {
        match self {
            Self::Reminders | Self::Retention => chrono::Duration::hours(1),
            Self::SessionCleanup => chrono::Duration::minutes(4),
        }
    }

    /// How often an instance asks whether the job is due: often enough that
    /// a job left by an instance that died is taken up soon after.
    pub fn check_every(self) -> Duration {
        match self {
            Self::Reminders | Self::Retention => Duration::from_secs(10 * 60),
            Self::SessionCleanup => Duration::from_secs(60),
        }
    }
}

/// A job this instance holds until it finishes or `held_until` passes.
#[derive(Debug)]
pub struct Claim {
    job: Job,
    due_at: DateTime<Utc>,
    held_until: DateTime<Utc>,
}

/// Claims `job` when it is due and nobody holds it; `None` otherwise.
pub async fn claim(
    db: &DatabaseConnection,
    job: Job,
    now: DateTime<Utc>,
) -> AppResult<Option<Claim>> {
    // A job never run before is due at once.
    background_job::Entity::insert(background_job::ActiveModel {
        name: Set(job.name().to_owned()),
        next_due_at: Set(now),
        held_until: Set(None),
        last_finished_at: Set(None),
    })
    .on_conflict(
        OnConflict::column(background_job::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    // Stored to the microsecond on PostgreSQL: a finer instant would not
    // compare equal when read back.
    let held_until = (now + job.lease()).trunc_subsecs(6);
    // One statement decides: of two instances asking at once, the database
    // lets one update the row and the other finds it held.
    let taken = background_job::Entity::update_many()
        .col_expr(background_job::Column::HeldUntil, held_until.into())
        .filter(background_job::Column::Name.eq(job.name()))
        .filter(background_job::Column::NextDueAt.lte(now))
        .filter(
            Condition::any()
                .add(background_job::Column::HeldUntil.is_null())
                .add(background_job::Column::HeldUntil.lte(now)),
        )
        .exec(db)
        .await?;
    if taken.rows_affected != 1 {
        return Ok(None);
    }
    let row = background_job::Entity::find_by_id(job.name().to_owned())
        .one(db)
        .await?;
    Ok(row.map(|row| Claim {
        job,
        due_at: row.next_due_at,
        held_until: row.held_until.unwrap_or(held_until),
    }))
}

/// Marks the work done and the job due again a period after it was last
/// due (a whole number of periods, so a deployment that was down for days
/// runs it once, not once for each day missed).
pub async fn finish(db: &DatabaseConnection, claim: Claim, now: DateTime<Utc>) -> AppResult<()> {
    let period =
        chrono::Duration::from_std(claim.job.period()).unwrap_or(chrono::Duration::days(1));
    let mut next = claim.due_at + period;
    while next <= now {
        next += period;
    }
    background_job::Entity::update_many()
        .col_expr(background_job::Column::NextDueAt, next.into())
        .col_expr(
            background_job::Column::HeldUntil,
            Option::<DateTime<Utc>>::None.into(),
        )
        .col_expr(background_job::Column::LastFinishedAt, now.into())
        .filter(background_job::Column::Name.eq(claim.job.name()))
        .filter(background_job::Column::HeldUntil.eq(claim.held_until))
        .exec(db)
        .await?;
    Ok(())
}

/// Gives the job back without marking it done, so the next check by any
/// instance tries again.
pub async fn release(db: &DatabaseConnection, claim: Claim) -> AppResult<()> {
    background_job::Entity::update_many()
        .col_expr(
            background_job::Column::HeldUntil,
            Option::<DateTime<Utc>>::None.into(),
        )
        .filter(background_job::Column::Name.eq(claim.job.name()))
        .filter(background_job::Column::HeldUntil.eq(claim.held_until))
        .exec(db)
        .await?;
    Ok(())
}

/// Runs `work` whenever `job` is due and this instance claims it, checking
/// every `job.check_every()` from now on (the first check at once).
pub fn spawn<F, Fut>(db: DatabaseConnection, job: Job, work: F) -> tokio::task::JoinHandle<()>
where
    F: Fn(DatabaseConnection) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = AppResult<()>> + Send,
{
    tokio::spawn(async move {
        let mut every = tokio::time::interval(job.check_every());
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            let claim = match claim(&db, job, Utc::now()).await {
                Ok(Some(claim)) => claim,
                Ok(None) => continue,
                Err(err) => {
                    tracing::warn!(job = job.name(), error = ?err, "could not claim a background job");
                    continue;
                }
            };
            let outcome = match work(db.clone()).await {
                Ok(()) => finish(&db, claim, Utc::now()).await,
                Err(err) => {
                    tracing::warn!(job = job.name(), error = ?err, "background job failed; it will be tried again");
                    release(&db, claim).await
                }
            };
            if let Err(err) = outcome {
                tracing::warn!(job = job.name(), error = ?err, "could not record a background job's end");
            }
        }
    })
}
