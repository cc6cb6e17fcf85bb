//! `POST /import/staff?dryRun=true&full=true&asOf=2026-12-01`: an HR
//! administrator's staff export (CSV, the raw request body) read against the
//! directory (F2.3, F2.4). The answer is the import's report as JSON: what
//! would change (or did), and every error by line. A dry run is the
//! default; nothing is applied while an error remains. Outside GraphQL
//! because a whole trust's export is larger than any API call.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use chrono::NaiveDate;
use serde::Deserialize;
use supervision_shared::Role;
use tower_sessions::Session;

use crate::AppState;
use crate::auth::csrf::from_our_client;
use crate::auth::current_viewer;
use crate::error::{AppError, AppResult};
use crate::service::access;
use crate::service::hr_import::{self, ImportOptions, ImportReport};
use crate::service::notify::Links;

/// The largest export accepted: 30,000 rows are about 6 MB.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// The query string.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportQuery {
    /// Only say what would change (the default).
    dry_run: Option<bool>,
    /// The export lists everyone employed (the default).
    full: Option<bool>,
    /// The day the export describes (default: the organisation's today).
    as_of: Option<NaiveDate>,
}

/// Reads (and unless a dry run, applies) the export in the body.
pub async fn staff(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<ImportQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Json<ImportReport>> {
    if !from_our_client(&headers) {
        return Err(AppError::Forbidden);
    }
    let viewer = current_viewer(&state, &session)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    access::require_any_role(&viewer, &[Role::HrAdmin])?;
    let options = ImportOptions {
        dry_run: query.dry_run.unwrap_or(true),
        full: query.full.unwrap_or(true),
        as_of: query.as_of.unwrap_or_else(|| viewer.today()),
        mapping: Vec::new(),
    };
    let links = Links {
        public_url: state.config.public_url.clone(),
    };
    let report = hr_import::run(
        &state.db,
        &links,
        viewer.organisation_id,
        Some(viewer.staff_id),
        &body,
        &options,
    )
    .await?;
    Ok(Json(report))
}
