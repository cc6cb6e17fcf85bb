//! How many connections to the database the server holds.

use super::settings::{ConfigError, Settings};

/// The bounds of the server's connection pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolSize {
    /// Connections kept open even while idle...
    pub min: u32,
    /// ...and at most, shared by every request.
    pub max: u32,
}

impl PoolSize {
    /// What a short-lived command needs: connections opened as asked and
    /// closed when idle.
    pub fn on_demand(sqlite: bool) -> Self {
        Self {
            min: 0,
            max: default_max(sqlite),
        }
    }

    pub(super) fn from_settings(
        settings: &Settings<'_>,
        sqlite: bool,
    ) -> Result<Self, ConfigError> {
        let max = settings.number(
            "SUPERVISION_DATABASE_MAX_CONNECTIONS",
            default_max(sqlite),
            1..=1000,
            "connections",
        )?;
        // PostgreSQL's pool is fixed by default: each connection is a
        // process on the database server and a password exchange (SCRAM) to
        // open. Opened on demand, the first burst after a quiet spell waited
        // for them: in the throughput benchmark, `me` at 16 connections had
        // a p99 of 433-627 ms with none kept open and 14-16 ms with the
        // sixteen open (7 December 2026). SQLite's
        // connections open a file, so nothing is kept warm there.
        let min = settings.number(
            "SUPERVISION_DATABASE_MIN_CONNECTIONS",
            if sqlite { 0 } else { max },
            0..=max,
            "connections",
        )?;
        Ok(Self { min, max })
    }
}

/// SQLite has one writer whatever the pool; a few connections let readers
/// run beside it.
fn default_max(sqlite: bool) -> u32 {
    if sqlite { 4 } else { 16 }
}
