//! Limits that keep one request, one person or one kind of request from
//! taking the service from everyone else (issue 19).

use std::time::Duration;

use super::settings::{ConfigError, Settings};

/// How long requests may run, and how much one session may ask.
#[derive(Debug, Clone)]
pub struct Limits {
    /// An API request still running after this is stopped (`TIMEOUT`);
    /// whatever it was writing is rolled back.
    pub request_timeout: Duration,
    /// The same for uploads and staff imports, which carry a file.
    pub upload_timeout: Duration,
    /// Requests one signed-in session may make at once in a burst...
    pub session_burst: u32,
    /// ...and then per second (`RATE_LIMITED` beyond). Per session, not per
    /// address: a trust puts thousands of staff behind a few addresses.
    pub session_per_second: u32,
    /// Organisation-wide reports computed at once (`BUSY` beyond).
    pub heavy_reports: usize,
    /// Requests one BI token may make a minute (`RATE_LIMITED` beyond).
    pub bi_per_minute: u32,
}

impl Limits {
    pub(super) fn from_settings(settings: &Settings<'_>) -> Result<Self, ConfigError> {
        let request_timeout: u64 = settings.number(
            "SUPERVISION_REQUEST_TIMEOUT_SECONDS",
            30,
            1..=600,
            "seconds",
        )?;
        let upload_timeout: u64 = settings.number(
            "SUPERVISION_UPLOAD_TIMEOUT_SECONDS",
            300,
            1..=3600,
            "seconds",
        )?;
        Ok(Self {
            request_timeout: Duration::from_secs(request_timeout),
            upload_timeout: Duration::from_secs(upload_timeout),
            // A page opening fires a handful of queries; a supervisor
            // working fast makes a few a second. Ten times that is a script.
            session_burst: settings.number(
                "SUPERVISION_SESSION_BURST",
                120,
                1..=10_000,
                "requests",
            )?,
            session_per_second: settings.number(
                "SUPERVISION_SESSION_REQUESTS_PER_SECOND",
                20,
                1..=10_000,
                "requests a second",
            )?,
            heavy_reports: settings.number("SUPERVISION_HEAVY_REPORTS", 2, 1..=64, "reports")?,
            // A whole trust is 30 pages; a daily refresh, retried, fits in a
            // minute's allowance with room to spare.
            bi_per_minute: settings.number(
                "SUPERVISION_BI_REQUESTS_PER_MINUTE",
                60,
                1..=10_000,
                "requests a minute",
            )?,
        })
    }
}
