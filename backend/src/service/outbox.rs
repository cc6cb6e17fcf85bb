//! The transactional email outbox (F4.1, F5.7).
//!
//! Whoever has something to say writes a message row in the same
//! transaction as the change it announces, so a message exists exactly when
//! its change does. A background worker delivers due messages over SMTP and
//! retries failures with doubling back-off; nothing is lost while the SMTP
//! server is down or the service restarts. Each message is claimed with a
//! lease before it is sent and marked sent as soon as the server accepts it,
//! and it carries its own id as `Message-ID`, so even a crash between those
//! two steps leaves a duplicate that mail systems recognise.

use std::time::Duration;

use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use secrecy::ExposeSecret;
use uuid::Uuid;

use crate::config::MailConfig;
use crate::entity::outbox_message;
use crate::error::{AppError, AppResult};

/// A message to put in the outbox.
#[derive(Debug, Clone)]
pub struct Mail {
    /// The organisation the message belongs to.
    pub organisation_id: Uuid,
    /// Who it is for.
    pub recipient_id: Uuid,
    /// Their address, as the directory had it when the message was written.
    pub to_address: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body. Never supervision content: a link to it instead,
    /// which asks the reader to sign in.
    pub body: String,
    /// When set, a second message with the same key is not added.
    pub dedupe_key: Option<String>,
    /// A calendar invitation sent with it, if any.
    pub calendar: Option<CalendarPart>,
}

/// A calendar invitation carried by a message (iTIP, RFC 5546): mail
/// programs offer to add, move or remove the event from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarPart {
    /// `REQUEST` (add or move it) or `CANCEL`.
    pub method: String,
    /// The iCalendar object; its METHOD property matches.
    pub ics: String,
}

/// Adds messages to the outbox on the caller's connection or transaction.
/// A message whose dedupe key is already there is skipped.
pub async fn enqueue(db: &impl ConnectionTrait, mails: Vec<Mail>) -> AppResult<()> {
    if mails.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let rows = mails.into_iter().map(|mail| outbox_message::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(mail.organisation_id),
        recipient_id: Set(mail.recipient_id),
        to_address: Set(mail.to_address),
        subject: Set(mail.subject),
        body: Set(mail.body),
        dedupe_key: Set(mail.dedupe_key),
        calendar_method: Set(mail.calendar.as_ref().map(|c| c.method.clone())),
        calendar: Set(mail.calendar.map(|c| c.ics)),
        created_at: Set(now),
        next_attempt_at: Set(now),
        attempts: Set(0),
        last_error: Set(None),
        claimed_until: Set(None),
        sent_at: Set(None),
        failed_at: Set(None),
    });
    outbox_message::Entity::insert_many(rows)
        .on_conflict_do_nothing_on([
            outbox_message::Column::OrganisationId,
            outbox_message::Column::DedupeKey,
        ])
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Delivers outbox messages over SMTP.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    retry_base: Duration,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

/// How long a worker may take to send one message before another may try.
const LEASE: chrono::Duration = chrono::Duration::minutes(2);
/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(60 * 60);
/// Messages taken in one pass.
const BATCH: u64 = 50;

impl Mailer {
    /// A mailer for the configured SMTP server; none when there is none.
    pub fn from_config(config: &MailConfig) -> anyhow::Result<Option<Self>> {
        let Some(url) = &config.smtp_url else {
            return Ok(None);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Some(Self {
            transport,
            from: config.from.parse()?,
            retry_base: config.retry_base,
        }))
    }

    /// Sends every message that is due, one pass. Returns how many were sent
    /// and how many failed (to be retried later).
    pub async fn deliver_due(&self, db: &DatabaseConnection) -> AppResult<Delivery> {
        let now = Utc::now();
        let due: Vec<outbox_message::Model> = outbox_message::Entity::find()
            .filter(outbox_message::Column::SentAt.is_null())
            .filter(outbox_message::Column::FailedAt.is_null())
            .filter(outbox_message::Column::NextAttemptAt.lte(now))
            .filter(unclaimed(now))
            .order_by_asc(outbox_message::Column::NextAttemptAt)
            .limit(BATCH)
            .all(db)
            .await?;
        let mut delivery = Delivery::default();
        for message in due {
            if !claim(db, message.id, now).await? {
                continue; // another worker has it
            }
            match self.send(&message).await {
                Ok(()) => {
                    mark_sent(db, &message).await?;
                    delivery.sent += 1;
                }
                Err(problem) if problem.permanent => {
                    tracing::warn!(message = %message.id, problem = %problem.text, "email refused for good; not retried");
                    mark_unsent(db, &message, &problem.text, None).await?;
                    delivery.undeliverable += 1;
                }
                Err(problem) => {
                    tracing::warn!(message = %message.id, problem = %problem.text, "email not delivered; will retry");
                    let wait = backoff(self.retry_base, message.attempts + 1);
                    mark_unsent(db, &message, &problem.text, Some(wait)).await?;
                    delivery.failed += 1;
                }
            }
        }
        Ok(delivery)
    }

    async fn send(&self, message: &outbox_message::Model) -> Result<(), Problem> {
        // An address that does not parse will never parse: no retry.
        let to: Mailbox = message
            .to_address
            .parse()
            .map_err(|e| Problem::permanent(format!("bad recipient address: {e}")))?;
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.clone())
            .message_id(Some(format!("<{}@supervision.outbox>", message.id)));
        let email = match (&message.calendar_method, &message.calendar) {
            (Some(method), Some(ics)) => {
                builder.multipart(with_invitation(&message.body, method, ics)?)
            }
            _ => builder
                .header(ContentType::TEXT_PLAIN)
                .body(message.body.clone()),
        }
        .map_err(|e| Problem::permanent(e.to_string()))?;
        // A 5xx answer (no such user, mailbox refused) is final; anything
        // else (the server down, a 4xx "try later") is worth retrying.
        self.transport
            .send(email)
            .await
            .map(|_| ())
            .map_err(|e| Problem {
                permanent: e.is_permanent(),
                text: e.to_string(),
            })
    }
}

/// The text and its invitation, laid out as calendar systems send them: the
/// text and a `text/calendar` part with its method as alternatives (Outlook
/// and Gmail show the invitation's buttons from that part), and the same
/// object attached as `invite.ics` for mail programs that only open
/// attachments.
fn with_invitation(text: &str, method: &str, ics: &str) -> Result<MultiPart, Problem> {
    let calendar_type = |kind: &str| {
        ContentType::parse(&format!("{kind}; charset=utf-8; method={method}"))
            .map_err(|e| Problem::permanent(format!("calendar content type: {e}")))
    };
    Ok(MultiPart::mixed()
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::plain(text.to_owned()))
                .singlepart(
                    SinglePart::builder()
                        .header(calendar_type("text/calendar")?)
                        .body(ics.to_owned()),
                ),
        )
        .singlepart(
            Attachment::new("invite.ics".to_owned())
                .body(ics.to_owned(), calendar_type("application/ics")?),
        ))
}

/// Why a message was not sent, and whether trying again could help.
struct Problem {
    text: String,
    permanent: bool,
}

impl Problem {
    fn permanent(text: String) -> Self {
        Self {
            text,
            permanent: true,
        }
    }
}

/// What one pass of the worker did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    /// Messages the SMTP server accepted.
    pub sent: u32,
    /// Messages to be retried.
    pub failed: u32,
    /// Messages refused for good, never retried.
    pub undeliverable: u32,
}

/// The wait before attempt `attempt + 1`: the base, doubled each time, at
/// most an hour.
pub fn backoff(base: Duration, attempt: i32) -> Duration {
    let doublings = u32::try_from(attempt.saturating_sub(1))
        .unwrap_or(0)
        .min(20);
    base.saturating_mul(1 << doublings).min(MAX_BACKOFF)
}

fn unclaimed(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(outbox_message::Column::ClaimedUntil.is_null())
        .add(outbox_message::Column::ClaimedUntil.lt(now))
}

/// Takes the lease on a message; false when someone else holds it or it has
/// been sent meanwhile.
async fn claim(db: &DatabaseConnection, id: Uuid, now: DateTime<Utc>) -> AppResult<bool> {
    let result = outbox_message::Entity::update_many()
        .col_expr(
            outbox_message::Column::ClaimedUntil,
            sea_orm::sea_query::Expr::value(Some(now + LEASE)),
        )
        .filter(outbox_message::Column::Id.eq(id))
        .filter(outbox_message::Column::SentAt.is_null())
        .filter(unclaimed(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

async fn mark_sent(db: &DatabaseConnection, message: &outbox_message::Model) -> AppResult<()> {
    outbox_message::ActiveModel {
        id: Set(message.id),
        sent_at: Set(Some(Utc::now())),
        attempts: Set(message.attempts + 1),
        claimed_until: Set(None),
        last_error: Set(None),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Records a failed attempt and lets the message go: with `retry`, it is
/// tried again after that wait; without, it was refused for good, is never
/// tried again, and system administrators see it.
async fn mark_unsent(
    db: &DatabaseConnection,
    message: &outbox_message::Model,
    problem: &str,
    retry: Option<Duration>,
) -> AppResult<()> {
    let now = Utc::now();
    let (next_attempt_at, failed_at) = match retry {
        Some(wait) => {
            let wait = chrono::Duration::from_std(wait)
                .map_err(|e| AppError::Internal(anyhow::anyhow!("back-off out of range: {e}")))?;
            (Set(now + wait), sea_orm::ActiveValue::NotSet)
        }
        None => (sea_orm::ActiveValue::NotSet, Set(Some(now))),
    };
    outbox_message::ActiveModel {
        id: Set(message.id),
        attempts: Set(message.attempts + 1),
        next_attempt_at,
        failed_at,
        claimed_until: Set(None),
        last_error: Set(Some(problem.chars().take(500).collect())),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// The organisation's emails refused for good, newest first (system
/// administrators only): someone's address in the directory is wrong, and
/// they missed what the message said.
pub async fn undeliverable(
    db: &DatabaseConnection,
    viewer: &crate::auth::Viewer,
    first: u64,
) -> AppResult<Vec<outbox_message::Model>> {
    crate::service::access::require_any_role(viewer, &[supervision_shared::Role::SystemAdmin])?;
    Ok(outbox_message::Entity::find()
        .filter(outbox_message::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(outbox_message::Column::FailedAt.is_not_null())
        .order_by_desc(outbox_message::Column::FailedAt)
        .limit(first)
        .all(db)
        .await?)
}

/// The newest messages, for the development-only outbox page.
pub async fn newest(db: &DatabaseConnection, limit: u64) -> AppResult<Vec<outbox_message::Model>> {
    Ok(outbox_message::Entity::find()
        .order_by_desc(outbox_message::Column::CreatedAt)
        .order_by_desc(outbox_message::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_double_from_the_base_and_stop_growing_at_an_hour() {
        let base = Duration::from_secs(30);
        assert_eq!(backoff(base, 1), Duration::from_secs(30));
        assert_eq!(backoff(base, 2), Duration::from_secs(60));
        assert_eq!(backoff(base, 4), Duration::from_secs(240));
        assert_eq!(backoff(base, 12), MAX_BACKOFF);
        assert_eq!(backoff(base, 1_000), MAX_BACKOFF);
    }
}
