//! What a resolver can take from the request context.

use async_graphql::Context;
use sea_orm::DatabaseConnection;

use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::notify::Links;
use crate::service::supervision::RecordingRules;
use crate::web::limits::HeavyReports;

/// Typed access to the request context.
pub trait ContextExt {
    /// The database pool.
    fn db(&self) -> AppResult<&DatabaseConnection>;
    /// The signed-in person, or `UNAUTHENTICATED`.
    fn viewer(&self) -> AppResult<&Viewer>;
    /// Where links in emails point.
    fn links(&self) -> AppResult<&Links>;
    /// The rules a new record is checked against.
    fn rules(&self) -> AppResult<&RecordingRules>;
    /// Turns for organisation-wide reports.
    fn heavy_reports(&self) -> AppResult<&HeavyReports>;
}

impl ContextExt for Context<'_> {
    fn db(&self) -> AppResult<&DatabaseConnection> {
        self.data::<DatabaseConnection>().map_err(|e| {
            AppError::Internal(anyhow::anyhow!("no database in context: {}", e.message))
        })
    }

    fn viewer(&self) -> AppResult<&Viewer> {
        self.data_opt::<Viewer>().ok_or(AppError::Unauthenticated)
    }

    fn rules(&self) -> AppResult<&RecordingRules> {
        self.data::<RecordingRules>().map_err(|e| {
            AppError::Internal(anyhow::anyhow!(
                "no recording rules in context: {}",
                e.message
            ))
        })
    }

    fn heavy_reports(&self) -> AppResult<&HeavyReports> {
        self.data::<HeavyReports>().map_err(|e| {
            AppError::Internal(anyhow::anyhow!("no report turns in context: {}", e.message))
        })
    }

    fn links(&self) -> AppResult<&Links> {
        self.data::<Links>()
            .map_err(|e| AppError::Internal(anyhow::anyhow!("no links in context: {}", e.message)))
    }
}
