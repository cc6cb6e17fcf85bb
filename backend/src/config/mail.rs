//! Email delivery and reminders (F4.1, F5.7).

use std::time::Duration;

use secrecy::SecretString;

use super::settings::{ConfigError, Settings, invalid};

/// Email: where the outbox worker delivers, and how it retries (F4.1).
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `smtp://host:port` (STARTTLS when offered), `smtp://…?tls=required` or
    /// `smtps://user:password@host`; none keeps every message in the outbox,
    /// readable in development at `/dev/outbox`.
    pub smtp_url: Option<SecretString>,
    /// The sender, e.g. `Supervision <no-reply@trust.nhs.uk>`.
    pub from: String,
    /// Whether the daily reminders run (default: when SMTP is configured).
    pub reminders: bool,
    /// Days overdue before the line manager is told (F5.7).
    pub escalation_grace_days: i64,
    /// How often the worker looks for messages that are due.
    pub poll_interval: Duration,
    /// The first retry's delay; each later one doubles, up to an hour.
    pub retry_base: Duration,
}

impl MailConfig {
    /// Email delivery and reminders.
    pub(super) fn from_settings(settings: &Settings<'_>) -> Result<Self, ConfigError> {
        Ok(Self {
            smtp_url: match settings.text("SUPERVISION_SMTP_URL") {
                None => None,
                Some(url) => {
                    lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(&url)
                        .map_err(|e| invalid("SUPERVISION_SMTP_URL", e.to_string()))?;
                    Some(SecretString::from(url))
                }
            },
            from: {
                let from = settings
                    .text("SUPERVISION_MAIL_FROM")
                    .unwrap_or_else(|| "Supervision <no-reply@localhost>".into());
                from.parse::<lettre::message::Mailbox>().map_err(|e| {
                    invalid(
                        "SUPERVISION_MAIL_FROM",
                        format!("not an email address: {e}"),
                    )
                })?;
                from
            },
            reminders: settings.flag(
                "SUPERVISION_REMINDERS",
                settings.text("SUPERVISION_SMTP_URL").is_some(),
            )?,
            escalation_grace_days: settings.number(
                "SUPERVISION_ESCALATION_GRACE_DAYS",
                14,
                0..=90,
                "days",
            )?,
            poll_interval: Duration::from_secs(settings.number(
                "SUPERVISION_OUTBOX_POLL_SECONDS",
                5,
                1..=300,
                "seconds",
            )?),
            retry_base: Duration::from_secs(settings.number(
                "SUPERVISION_OUTBOX_RETRY_SECONDS",
                30,
                1..=3600,
                "seconds",
            )?),
        })
    }
}
